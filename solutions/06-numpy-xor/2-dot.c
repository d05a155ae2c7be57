/* Exercise 06-2: the matrix product, numpy's np.dot(a, b), to the last bit.
 * Graded by tests/exercises/06-numpy-xor/2-dot.c: make grade EX=06-2
 *
 * A layer of neurons applied to a batch of samples is one matrix product: each sample
 * is a row of a, each neuron's weights a column of b. For a of shape (n, p) and b of
 * shape (p, m), the product has shape (n, m):
 *
 *     out[i, j] = a[i, 0]*b[0, j] + a[i, 1]*b[1, j] + ... + a[i, p-1]*b[p-1, j]
 *
 * Floating-point addition is not associative: (x + y) + z can differ from x + (y + z)
 * in the last bit, or by far more when the terms differ in size. The BLAS that numpy
 * calls on Debian adds the terms from 0.0 upwards in increasing k, so do exactly that:
 *
 *     sum = 0.0;  for k = 0 .. p-1:  sum = sum + a[i, k] * b[k, j];   out[i, j] = sum
 *
 * Requirements (the tests check each one):
 *   - a->cols must equal b->rows, and out must have shape (a->rows, b->cols); otherwise
 *     return NN_ERR_SHAPE and leave out untouched. Else fill out and return NN_OK;
 *   - the results equal numpy's bit for bit, including for p = 1 (an outer product)
 *     and for p = 0, where every element of out is the empty sum 0.0;
 *   - a and b are not changed (out never shares memory with them).
 * Do not call nn_matrix_matmul: this is it.
 */
#include "exercises.h"

nn_status np_dot(nn_matrix *out, const nn_matrix *a, const nn_matrix *b)
{
    if (a->cols != b->rows || out->rows != a->rows || out->cols != b->cols)
        return NN_ERR_SHAPE;
    for (size_t i = 0; i < a->rows; i++)
        for (size_t j = 0; j < b->cols; j++) {
            double sum = 0.0;
            for (size_t k = 0; k < a->cols; k++)
                sum += a->data[i * a->cols + k] * b->data[k * b->cols + j];
            out->data[i * out->cols + j] = sum;
        }
    return NN_OK;
}
