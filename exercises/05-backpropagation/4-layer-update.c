/* Exercise 05-4: a layer's weight and bias gradients, and the update.
 * Graded by tests/exercises/05-backpropagation/4-layer-update.c: make grade EX=05-4
 *
 * A layer with weights W (in x out) and biases b (1 x out) received the input A
 * (n x in: n samples, one per row) and has the delta D (n x out), D[i, j] = dL/dz for
 * sample i and neuron j. Since z[i, j] = sum_k A[i, k] W[k, j] + b[j], the weight W[k, j]
 * reaches the loss through z[i, j] of every sample, with slope A[i, k]; the bias with
 * slope 1. So
 *
 *     dW[k, j] = sum_i A[i, k] D[i, j]      (dW = A^T D,  (in x n)(n x out) = in x out)
 *     db[j]    = sum_i D[i, j]              (the column sums of D, 1 x out)
 *
 * Write dW and db, then take one gradient-descent step with learning rate eta:
 *
 *     W[k, j] = W[k, j] - eta dW[k, j],     b[j] = b[j] - eta db[j]
 *
 * Row-major: A[i, k] is A[i*in + k], D[i, j] is D[i*out + j], W[k, j] and dW[k, j] are
 * [k*out + j]. Compute every gradient before changing W (eta may be 0: then W and b
 * stay, but dW and db must still be written).
 */
#include "exercises.h"

void bp_layer_update(double *W, double *b, double *dW, double *db, const double *A,
                     const double *D, size_t n, size_t in, size_t out, double eta)
{
    /* TODO: write dW and db, then take the step on W and b. */
}
