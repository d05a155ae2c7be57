/* Exercise 06-3: the tutorial's nonlin, on a whole matrix.
 * Graded by tests/exercises/06-numpy-xor/3-nonlin.c: make grade EX=06-3
 *
 * The tutorial's one activation function does two jobs, chosen by a flag:
 *
 *     def nonlin(x, deriv=False):
 *         if(deriv==True):
 *             return x*(1-x)
 *         return 1/(1+np.exp(-x))
 *
 * Without deriv it is the sigmoid, sigma(x) = 1 / (1 + e^-x). With deriv it is the
 * sigmoid's slope, written in terms of the sigmoid's OUTPUT: if s = sigma(z) then
 * sigma'(z) = s (1 - s). So the tutorial calls nonlin(l1, True) on a layer's output l1,
 * never on the weighted sum. (Given any other x, it still just computes x*(1-x).)
 *
 * numpy applies either formula to every element. Do the same, writing each formula
 * exactly as above, operation for operation: 1.0 / (1.0 + exp(-x)) and x * (1.0 - x).
 * Another arrangement, such as exp(x) / (1 + exp(x)) or x - x*x, is the same in exact
 * arithmetic but rounds differently, and the results would no longer match numpy's to
 * the last bit.
 *
 * Requirements (the tests check each one):
 *   - out must have x's shape, else return NN_ERR_SHAPE with out untouched; otherwise
 *     fill out and return NN_OK;
 *   - out may be x itself (in place, like l1 = nonlin(l1));
 *   - the results equal numpy's bit for bit, including nonlin(-800) = 0 (exp overflows
 *     to infinity and 1/inf is 0) and nonlin(800) = 1.
 * You may use nn_matrix_apply, or write the loop yourself.
 */
#include <math.h>

#include "exercises.h"

nn_status np_nonlin(nn_matrix *out, const nn_matrix *x, bool deriv)
{
    if (out->rows != x->rows || out->cols != x->cols)
        return NN_ERR_SHAPE;
    for (size_t k = 0; k < x->rows * x->cols; k++) {
        double v = x->data[k]; /* read before writing: out may be x */
        out->data[k] = deriv ? v * (1.0 - v) : 1.0 / (1.0 + exp(-v));
    }
    return NN_OK;
}
