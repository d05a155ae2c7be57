/* Exercise 07-5: one step of adam, scikit-learn's default solver.
 * Graded by tests/exercises/07-mlp-classifier/5-adam-update.c: make grade EX=07-5
 *
 * Plain gradient descent (chapter 4) moves every parameter by -learning_rate * grad.
 * On mini-batches the gradient is noisy, and parameters whose gradients are small
 * hardly move. adam (Kingma and Ba, 2014) keeps two running averages per parameter:
 *
 *     m = beta_1 m + (1 - beta_1) g          the mean of recent gradients (direction)
 *     v = beta_2 v + (1 - beta_2) g^2        the mean of their squares (scale)
 *
 * and steps along m / sqrt(v): about learning_rate in size, whatever the gradient's
 * scale, and smaller where the gradient keeps changing sign. Both averages start at 0,
 * so for the first steps they are too small; dividing by (1 - beta^t) corrects that
 * bias. scikit-learn folds both corrections into the step size
 * (sklearn/neural_network/_stochastic_optimizers.py, AdamOptimizer._get_updates):
 *
 *     self.t += 1
 *     self.ms = [self.beta_1 * m + (1 - self.beta_1) * grad ...]
 *     self.vs = [self.beta_2 * v + (1 - self.beta_2) * (grad**2) ...]
 *     self.learning_rate = (self.learning_rate_init
 *                           * np.sqrt(1 - self.beta_2**self.t)
 *                           / (1 - self.beta_1**self.t))
 *     updates = [-self.learning_rate * m / (np.sqrt(v) + self.epsilon) ...]
 *
 * and then each parameter gets its update added: param += update.
 *
 * Write sk_adam_update(adam, params, grads), for adam->n parameters. Requirements (the
 * tests check each one):
 *   - adam->t goes up by 1, and adam->learning_rate holds the step size computed above;
 *   - the very first step moves every parameter by almost exactly learning_rate_init,
 *     against the sign of its gradient (work out why from the formulas);
 *   - a parameter whose gradient and moments are 0 does not move;
 *   - over six steps with scikit-learn's own numbers (two settings of the betas), the
 *     parameters and step sizes equal scikit-learn's within 1e-12, and bit for bit when
 *     every expression is computed in the order written above (beta^t with pow).
 * Do not call nn_solver_update: this is it.
 */
#include <math.h>

#include "exercises.h"

void sk_adam_update(sk_adam *adam, double *params, const double *grads)
{
    /* TODO: one adam step, in the order of scikit-learn's code above. */
}
