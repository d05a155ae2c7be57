/* Exercise 07-2: softmax, the output layer of a multi-class network.
 * Graded by tests/exercises/07-mlp-classifier/2-softmax.c: make grade EX=07-2
 *
 * With K classes, the last layer of an MLPClassifier has K neurons, and each sample
 * gets K scores z_1 .. z_K (any real numbers). softmax turns each sample's scores into
 * K probabilities that are positive and add up to 1, keeping their order:
 *
 *     softmax(z)_j = exp(z_j) / (exp(z_1) + ... + exp(z_K))
 *
 * A batch of B samples is a (B, K) matrix, and softmax works on each row separately.
 * (For two classes scikit-learn uses a single logistic output instead: p = sigma(z),
 * and 1 - p for the other class. That is softmax of (0, z) in disguise.)
 *
 * Computed as written, exp overflows for z_j > 709.78: the row (1000, 1000) would give
 * inf / inf = NaN instead of (0.5, 0.5). Chapter 2 showed the cure, and scikit-learn's
 * inplace_softmax uses it on each row: subtract the row's largest score m first,
 *
 *     tmp = X - X.max(axis=1)[:, np.newaxis]
 *     np.exp(tmp, out=X)
 *     X /= X.sum(axis=1)[:, np.newaxis]
 *
 * which changes nothing in exact arithmetic (the factor exp(-m) cancels) but keeps every
 * exp(z_j - m) in [0, 1], the largest exactly 1, so the sum is at least 1.
 *
 * Requirements (the tests check each one):
 *   - out must have z's shape, else return NN_ERR_SHAPE and leave out untouched;
 *     otherwise fill out and return NN_OK; out may be z itself (in place);
 *   - every row of out adds up to 1, and the values equal scikit-learn's within 1e-15,
 *     for rows of 1 to 1000 scores, including (1000, 1000), (-1000, 1000) and -inf
 *     (a class with probability 0); at least one score of each row is finite;
 *   - for fewer than 8 classes, the same bits as scikit-learn: subtract the maximum,
 *     exp, add the row up from its first element to its last, divide each by the sum.
 * Do not call nn_activation_apply with NN_SOFTMAX: this is it.
 */
#include <math.h>

#include "exercises.h"

nn_status sk_softmax(nn_matrix *out, const nn_matrix *z)
{
    if (out->rows != z->rows || out->cols != z->cols)
        return NN_ERR_SHAPE;
    size_t K = z->cols;
    for (size_t i = 0; i < z->rows; i++) {
        const double *zi = z->data + i * K;
        double *oi = out->data + i * K;
        double m = -INFINITY;
        for (size_t j = 0; j < K; j++)
            m = zi[j] > m ? zi[j] : m;
        double sum = 0.0;
        for (size_t j = 0; j < K; j++) {
            oi[j] = exp(zi[j] - m); /* oi may be zi: each is read once, then replaced */
            sum += oi[j];
        }
        for (size_t j = 0; j < K; j++)
            oi[j] /= sum;
    }
    return NN_OK;
}
