/* Exercise 01-1: the weighted sum.
 * Graded by tests/exercises/01-neuron/1-weighted-sum.c: make grade EX=01-1
 *
 * A neuron with n inputs multiplies each input x[i] by its weight w[i], adds the
 * products up, and adds its bias b:
 *
 *     z = w[0]*x[0] + w[1]*x[1] + ... + w[n-1]*x[n-1] + b
 *
 * Return z. With n = 0 there are no products and z is just b.
 */
#include "exercises.h"

double weighted_sum(const double *w, const double *x, size_t n, double b)
{
    /* TODO (gives the answer away on purpose): z += w[i] * x[i] for each i.
     * TODO: return z, the weighted sum of the inputs plus the bias. */
    return 0.0;
}
