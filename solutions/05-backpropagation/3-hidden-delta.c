/* Exercise 05-3: backpropagating a delta through a sigmoid layer.
 * Graded by tests/exercises/05-backpropagation/3-hidden-delta.c: make grade EX=05-3
 *
 * A hidden layer of h sigmoid neurons produced A1 (n x h) for n samples. It feeds a
 * layer of k neurons through the weights W2 (h x k): W2[j, c] connects hidden neuron j
 * to neuron c of the next layer. That next layer's delta D2 (n x k) is known,
 * D2[i, c] = dL/dz2 for sample i and neuron c.
 *
 * Hidden neuron j's weighted sum z1 reaches the loss through its output A1[i, j], which
 * feeds every neuron c of the next layer with weight W2[j, c]. The chain rule adds up
 * those paths and multiplies by the sigmoid's slope A1 (1 - A1):
 *
 *     D1[i, j] = (D2[i, 0] W2[j, 0] + ... + D2[i, k-1] W2[j, k-1])
 *                * A1[i, j] (1 - A1[i, j])
 *
 * In matrix form D1 = (D2 W2^T) * A1 * (1 - A1), element by element, n x h. Row-major:
 * D2[i, c] is D2[i*k + c], W2[j, c] is W2[j*k + c], A1[i, j] and D1[i, j] are [i*h + j].
 * Write every D1[i, j].
 */
#include "exercises.h"

void bp_hidden_delta(const double *D2, const double *W2, const double *A1, size_t n,
                     size_t h, size_t k, double *D1)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < h; j++) {
            double back = 0.0; /* (D2 W2^T)[i, j]: what flows back into neuron j */
            for (size_t c = 0; c < k; c++)
                back += D2[i * k + c] * W2[j * k + c];
            double a = A1[i * h + j];
            D1[i * h + j] = back * a * (1.0 - a);
        }
}
