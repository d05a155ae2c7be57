/* Exercise 01-4: one step of the perceptron rule.
 * Graded by tests/exercises/01-neuron/4-perceptron-update.c: make grade EX=01-4
 *
 * Given a neuron (n weights w, bias *b), one example x with its target (0 or 1), and
 * a learning rate eta:
 *
 *     y = step(w . x + b)            the neuron's current answer (1 if z >= 0)
 *     e = target - y                 -1, 0 or +1
 *     w[i] = w[i] + eta * e * x[i]   for every i
 *     *b   = *b   + eta * e
 *
 * Update w and *b in place and return e. When e is 0 nothing changes.
 */
#include "exercises.h"

double perceptron_update(double *w, double *b, const double *x, size_t n, double target,
                         double eta)
{
    /* TODO: compute y, then e, then move the weights and the bias. */
    return 0.0;
}
