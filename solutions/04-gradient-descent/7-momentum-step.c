/* Exercise 04-7: one step of gradient descent with momentum, plain or Nesterov's.
 * Graded by tests/exercises/04-gradient-descent/7-momentum-step.c: make grade EX=04-7
 *
 * Momentum gives the walk downhill a memory: a velocity v, one value per weight, that
 * starts at 0 and collects the past steps, each older one weighted mu times less
 * (0 <= mu < 1). One step, for the gradient g (g[i] = dE/dw[i]) and learning rate eta:
 *
 *     v[i] = mu v[i] - eta g[i]            first the new velocity,
 *     w[i] = w[i] + v[i]                   then the weight moves by it.
 *
 * With nesterov true the velocity is updated the same way, but the weight takes the
 * step that the new velocity is about to make, with the gradient it has now:
 *
 *     w[i] = w[i] + (mu v[i] - eta g[i])   v[i] being the new velocity.
 *
 * This is scikit-learn's SGDOptimizer (sklearn/neural_network/_stochastic_optimizers.py,
 * version 1.2), and the tests compare your walk on chapter 4's bowl with its walk,
 * bit for bit: compute each expression as written above, the two products first,
 * then their difference, then the sum. Update w and v in place for i = 0 .. n-1; g is
 * read-only, and entries at or past index n must stay as they are.
 */
#include "exercises.h"

void momentum_step(double *w, double *v, const double *g, size_t n, double eta, double mu,
                   bool nesterov)
{
    for (size_t i = 0; i < n; i++) {
        v[i] = mu * v[i] - eta * g[i];
        w[i] += nesterov ? mu * v[i] - eta * g[i] : v[i];
    }
}
