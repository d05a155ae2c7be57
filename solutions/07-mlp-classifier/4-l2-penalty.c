/* Exercise 07-4: the L2 penalty, alpha's term in the loss.
 * Graded by tests/exercises/07-mlp-classifier/4-l2-penalty.c: make grade EX=07-4
 *
 * A network with many weights can fit its training data too well: it bends its decision
 * boundary around every noisy point and does worse on new data. L2 regularisation
 * discourages large weights by adding their squares to the loss that training
 * minimises. scikit-learn adds, to the loss of every batch of n_samples samples,
 *
 *     (alpha / (2 n_samples)) * sum over every coefficient matrix W of sum_k W_k^2
 *
 * (sklearn/neural_network/_multilayer_perceptron.py, _backprop:
 *     values = 0
 *     for s in self.coefs_:
 *         s = s.ravel()
 *         values += np.dot(s, s)
 *     loss += (0.5 * self.alpha) * values / n_samples
 * ). Only the weights count, not the intercepts. Its gradient, alpha W / n_samples, is
 * why this is also called weight decay: every step pulls each weight a little towards 0.
 * alpha is MLPClassifier's parameter of that name (default 0.0001; the user guide's
 * example uses 1e-5).
 *
 * Write sk_l2_penalty(coefs, n_layers, alpha, n_samples) for the n_layers matrices
 * coefs[0 .. n_layers-1] (any shapes). Requirements (the tests check each one):
 *   - the value by hand for small matrices, 0 for alpha = 0, and the same as the
 *     library's to 1e-14 relative on random networks;
 *   - it is the piece that completes nn_mlp's loss_: for a fitted network, the data
 *     part (the log-loss of its predictions on the training set) plus this penalty
 *     gives loss_;
 *   - the matrices are not changed.
 * Do not call nn_loss_l2_penalty: this is it.
 */
#include "exercises.h"

double sk_l2_penalty(const nn_matrix *coefs, size_t n_layers, double alpha,
                     size_t n_samples)
{
    double values = 0.0;
    for (size_t l = 0; l < n_layers; l++) {
        double dot = 0.0; /* np.dot(s, s) */
        for (size_t k = 0; k < coefs[l].rows * coefs[l].cols; k++)
            dot += coefs[l].data[k] * coefs[l].data[k];
        values += dot;
    }
    return (0.5 * alpha) * values / (double)n_samples;
}
