/* Exercise 07-3: the log-loss, with scikit-learn's clipping.
 * Graded by tests/exercises/07-mlp-classifier/3-log-loss.c: make grade EX=07-3
 *
 * A classifier outputs probabilities; the log-loss (cross-entropy) scores them by how
 * much probability they gave to the right answer. For one sample whose true class is c,
 * the loss is -log p_c: 0 when p_c = 1, 0.69 when p_c = 1/2, and without bound as
 * p_c goes to 0. Averaged over the samples, with y_true as a one-hot matrix (1 in the
 * column of the true class, 0 elsewhere):
 *
 *     L = -(1/rows) sum_i sum_j y_true[i, j] log(y_prob[i, j])
 *
 * This is scikit-learn's sklearn/neural_network/_base.py (version 1.2), log_loss:
 *
 *     eps = np.finfo(y_prob.dtype).eps                 # 2.220446049250313e-16 = 2^-52
 *     y_prob = np.clip(y_prob, eps, 1 - eps)
 *     if y_prob.shape[1] == 1:
 *         y_prob = np.append(1 - y_prob, y_prob, axis=1)
 *     if y_true.shape[1] == 1:
 *         y_true = np.append(1 - y_true, y_true, axis=1)
 *     return -xlogy(y_true, y_prob).sum() / y_prob.shape[0]
 *
 * Three details matter:
 *   - the clip: a probability of exactly 0 (or 1) would give log(0) = -inf, so every
 *     probability is first moved into [eps, 1 - eps]. A sure but wrong answer then costs
 *     -log(eps) = 36.04 instead of infinity;
 *   - one column means a binary problem with y_prob = P(class 1): the column is turned
 *     into two, [1 - p, p], and y_true into [1 - y, y], so both classes count. (Clip
 *     first, then take 1 - p.);
 *   - xlogy(x, y) = x * log(y), but 0 when x = 0: a class the sample does not belong to
 *     adds nothing.
 * The sum is divided by the number of ROWS (samples), not by the number of entries.
 *
 * Requirements (the tests check each one): the result equals scikit-learn's within a
 * relative 1e-13 for arrays of 1 to 600 entries with one or several columns, including
 * probabilities 0 and 1; the inputs are not changed. Use NN_LOSS_EPS (lib/loss.h) or
 * 2.220446049250313e-16 for eps. Do not call nn_loss_log or nn_loss_value: this is it.
 */
#include <math.h>

#include "exercises.h"

double sk_log_loss(const double *y_true, const double *y_prob, size_t rows, size_t cols)
{
    /* TODO: return scikit-learn's log-loss of y_prob, as described above. */
    return 0.0;
}
