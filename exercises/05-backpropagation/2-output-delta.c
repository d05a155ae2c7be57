/* Exercise 05-2: the loss and the output delta.
 * Graded by tests/exercises/05-backpropagation/2-output-delta.c: make grade EX=05-2
 *
 * A network with one sigmoid output neuron predicted a[i] = sigma(z_i) for each of n
 * samples, whose targets are y[i]. The loss is half the mean squared error,
 *
 *     L = 1/(2n) * sum_i (a[i] - y[i])^2,
 *
 * and the output delta is how fast L changes with the output neuron's weighted sum z_i,
 * by the chain rule through a = sigma(z), whose slope is sigma'(z) = a (1 - a):
 *
 *     delta[i] = dL/dz_i = dL/da_i * da_i/dz_i = (a[i] - y[i]) / n * a[i] (1 - a[i])
 *
 * Return L and write delta[0..n). Compute each delta as ((a - y) * a * (1 - a)) / n.
 * With n = 0 there is nothing to average: return 0 and write nothing.
 */
#include "exercises.h"

double bp_output_delta(const double *a, const double *y, size_t n, double *delta)
{
    /* TODO: write every delta[i] and return L. */
    return 0.0;
}
