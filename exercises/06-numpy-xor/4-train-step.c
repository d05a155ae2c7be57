/* Exercise 06-4: one training iteration of the tutorial's XOR network.
 * Graded by tests/exercises/06-numpy-xor/4-train-step.c: make grade EX=06-4
 *
 * The network has an input layer l0 = X of shape (n, d), one row per sample; a hidden
 * layer of h sigmoids with weights syn0 of shape (d, h); and one sigmoid output with
 * weights syn1 of shape (h, 1). One iteration of the tutorial's loop is:
 *
 *     l0 = X
 *     l1 = nonlin(np.dot(l0,syn0))                  # (n, h)  forward
 *     l2 = nonlin(np.dot(l1,syn1))                  # (n, 1)
 *     l2_error = y - l2                             # (n, 1)
 *     error = np.mean(np.abs(l2_error))             # what the tutorial prints
 *     l2_delta = l2_error*nonlin(l2,deriv=True)     # (n, 1)  backward
 *     l1_error = l2_delta.dot(syn1.T)               # (n, h)  uses syn1 BEFORE its update
 *     l1_delta = l1_error * nonlin(l1,deriv=True)   # (n, h)
 *     syn1 += l1.T.dot(l2_delta)                    # (h, 1)  update
 *     syn0 += l0.T.dot(l1_delta)                    # (d, h)
 *
 * with nonlin(x) = 1/(1+exp(-x)) and nonlin(x, deriv=True) = x*(1-x). Do exactly this
 * to syn0 and syn1 (in place) and return error. The mean is the sum of |l2_error[i]|
 * over i = 0, 1, ..., n-1 in that order, starting from 0.0, divided by n.
 *
 * Requirements (the tests check each one):
 *   - after 1, 2, 10, 300 and 1000 calls from the tutorial's starting weights (and
 *     others, with 2 or 7 hidden neurons), syn0, syn1 and the returned error equal
 *     numpy's; the closest test allows 1e-12, the strictest asks for every bit, which
 *     takes the order of operations above, product by product;
 *   - X and y are not changed;
 *   - if an allocation fails, return NAN and leave syn0 and syn1 as they were.
 * The library's nn_matrix_new, nn_matrix_free, nn_matrix_matmul (with NN_TRANS for the
 * .T), nn_matrix_sub, nn_matrix_mul, nn_matrix_add and nn_matrix_apply are all allowed.
 */
#include <math.h>

#include "exercises.h"

double np_train_step(const nn_matrix *X, const nn_matrix *y, nn_matrix *syn0,
                     nn_matrix *syn1)
{
    /* TODO: allocate l1, l2, l2_error, l2_delta, l1_error, l1_delta and the two weight
     * steps with nn_matrix_new, compute them in the order above, add the steps to syn1
     * and syn0, free everything, and return the mean absolute error. */
    return 0.0;
}
