/* Exercise 07-7: what alpha adds to one epoch's loss_ under sgd and adam.
 * Graded by tests/exercises/07-mlp-classifier/7-epoch-penalty.c: make grade EX=07-7
 *
 * sgd and adam cut the N training samples into mini-batches of batch_size samples (the
 * last one shorter when batch_size does not divide N) and take one step per batch. The
 * loss of a batch of B samples includes the L2 penalty of exercise 07-4,
 *
 *     alpha / (2 B) * S,     S = the sum of the squares of every weight,
 *
 * and an epoch's loss_ is the average of its batch losses weighted by their sizes:
 *
 *     loss_ = (sum over the batches of batch_loss * B) / N
 *
 * (scikit-learn's _fit_stochastic: accumulated_loss += batch_loss * (batch_slice.stop -
 * batch_slice.start), then loss_ = accumulated_loss / X.shape[0]). lbfgs, with its one
 * batch of all N samples, adds alpha / (2 N) * S. The chapter's section on alpha shows
 * what this difference does to the trained weights.
 *
 * Write sk_epoch_penalty (below): the part of an
 * epoch's loss_ that the penalty makes up, when the weights coefs[0 .. n_layers-1] do
 * not move during the epoch. batch_size follows MLPClassifier's parameter: 0 means
 * 'auto', that is min(200, n_samples), and a batch_size larger than n_samples is cut
 * down to n_samples. Requirements (the tests check each one):
 *   - the value by hand for small matrices and a few batch sizes, including one that
 *     does not divide n_samples;
 *   - one batch (batch_size = n_samples, or larger, or 'auto' with at most 200 samples)
 *     gives lbfgs's alpha / (2 n_samples) * S;
 *   - scikit-learn's own numbers: for one-epoch sgd fits whose weights do not move, the
 *     difference between loss_ with alpha = 1 and with alpha = 0;
 *   - the matrices are not changed.
 * Do not call nn_mlp_fit: the penalty can be worked out without training.
 */
#include "exercises.h"

double sk_epoch_penalty(const nn_matrix *coefs, size_t n_layers, double alpha,
                        size_t n_samples, size_t batch_size)
{
    /* TODO: the batch size scikit-learn uses, then the penalty of each batch, weighted
     * as loss_ weights it. */
    return 0.0;
}
