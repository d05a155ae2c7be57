/* Exercise 04-2: one step of gradient descent.
 * Graded by tests/exercises/04-gradient-descent/2-descent-step.c: make grade EX=04-2
 *
 * The gradient g (g[i] = dE/dw[i]) points uphill, so to make the error smaller every
 * weight moves a little against its own slope, by the learning rate eta:
 *
 *     w[i] = w[i] - eta * g[i]        for i = 0 .. n-1
 *
 * Update w in place. Change nothing else: g is read-only, and entries of w at or past
 * index n must stay as they are. With n = 0 nothing happens.
 */
#include "exercises.h"

void descent_step(double *w, const double *g, size_t n, double eta)
{
    for (size_t i = 0; i < n; i++)
        w[i] -= eta * g[i];
}
