/* Exercise 05-1: a layer's forward pass.
 * Graded by tests/exercises/05-backpropagation/1-layer-forward.c: make grade EX=05-1
 *
 * A layer of `out` sigmoid neurons, each with `in` inputs, takes a batch of n samples at
 * once. The samples are the rows of X (n x in). Column j of W (in x out) holds the
 * weights of neuron j, and b[j] is its bias. For every sample i and neuron j:
 *
 *     z = X[i, 0] W[0, j] + X[i, 1] W[1, j] + ... + X[i, in-1] W[in-1, j] + b[j]
 *     A[i, j] = sigma(z) = 1 / (1 + e^-z)
 *
 * In matrix form A = sigma(X W + b): a matrix product (n x in)(in x out) = n x out, the
 * bias row added to every row, then the sigmoid element by element. All matrices are
 * row-major: X[i, k] is X[i*in + k], W[k, j] is W[k*out + j], A[i, j] is A[i*out + j].
 *
 * Write every A[i, j]. You may use nn_sigmoid from lib/activation.h (#include
 * "activation.h"), or the formula; for z = -1000 the answer must be 0, not NaN.
 */
#include "exercises.h"

void bp_layer_forward(const double *X, const double *W, const double *b, size_t n,
                      size_t in, size_t out, double *A)
{
    /* TODO: write every A[i, j] (A is n x out). */
}
