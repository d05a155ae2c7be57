/* solver.h - scikit-learn's stochastic optimisers: sgd with momentum, and adam (ch. 4).
 *
 * Chapter 4 introduces it, walking a narrow bowl with momentum, Nesterov and adam;
 * chapter 7's MLP takes every sgd and adam step through it.
 *
 * Chapter 4 first takes plain gradient-descent steps, w <- w - eta g. A network trained on
 * mini-batches sees a noisy gradient at every step, and two refinements make the walk
 * downhill faster and steadier. Both keep a little memory of past gradients:
 *
 *   sgd with momentum:  v <- mu v - eta g;  w <- w + v  (a heavy ball that rolls on)
 *     with Nesterov's correction the step is re-taken from where the ball is heading:
 *                       v <- mu v - eta g;  w <- w + (mu v - eta g)
 *   adam:               m <- b1 m + (1 - b1) g        (running mean of g)
 *                       v <- b2 v + (1 - b2) g^2      (running mean of g^2)
 *                       eta_t = eta0 sqrt(1 - b2^t) / (1 - b1^t)
 *                       w <- w - eta_t m / (sqrt(v) + eps)
 *
 * This is sklearn/neural_network/_stochastic_optimizers.py (version 1.2) operation for
 * operation, so the weights come out as the same doubles. The parameters are one flat
 * array (an MLP packs all its coefficients and intercepts into one), and every formula
 * works element by element, so how the array is cut into layers does not matter.
 *
 * An nn_solver owns its memory (velocities, or adam's two moment vectors), allocated
 * once by nn_solver_init_*; nn_solver_update never allocates and never fails.
 *
 *     nn_solver s;
 *     if (nn_solver_init_adam(&s, n, 1e-3, 0.9, 0.999, 1e-8, &err) != NN_OK) ...
 *     for each batch:  grad = dL/dw;  nn_solver_update(&s, w, grad);
 *     after each epoch: nn_solver_iteration_ends(&s, samples_seen);
 *     nn_solver_free(&s);
 */
#ifndef NN_SOLVER_H
#define NN_SOLVER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* scikit-learn's learning_rate: how sgd's step size eta changes during training. */
typedef enum nn_learning_rate {
    NN_LR_CONSTANT,   /* eta = learning_rate_init, always */
    NN_LR_INVSCALING, /* eta = learning_rate_init / (t + 1)^power_t, t = samples seen */
    NN_LR_ADAPTIVE    /* eta = learning_rate_init, divided by 5 when progress stalls */
} nn_learning_rate;

typedef enum nn_solver_kind { NN_SOLVER_SGD, NN_SOLVER_ADAM } nn_solver_kind;

typedef struct nn_solver {
    nn_solver_kind kind;
    size_t n;                  /* number of parameters */
    double learning_rate_init; /* eta0 */
    double learning_rate;      /* the current eta (adam: eta_t of the last update) */
    /* sgd */
    nn_learning_rate schedule;
    double momentum;           /* mu, in [0, 1] */
    bool nesterov;
    double power_t;
    double *velocity;          /* v, n values */
    /* adam */
    double beta_1, beta_2, epsilon;
    long t;                    /* updates made so far */
    double *m, *v;             /* first and second moments, n values each */
} nn_solver;

/* What nn_solver_trigger_stopping decided when progress stalled. */
typedef enum nn_solver_decision {
    NN_SOLVER_STOP,           /* stop training (every schedule but adaptive) */
    NN_SOLVER_STOP_LR_TINY,   /* adaptive, and eta <= 1e-6 already: stop */
    NN_SOLVER_CONTINUE        /* adaptive: eta was divided by 5, carry on */
} nn_solver_decision;

/* scikit-learn's names: "constant", "invscaling", "adaptive" ("unknown" otherwise). */
const char *nn_learning_rate_name(nn_learning_rate lr);

/* *out = the schedule called name; NN_ERR_ARG with the valid names otherwise. */
nn_status nn_learning_rate_parse(const char *name, nn_learning_rate *out, nn_error *err);

/* Prepares sgd for n parameters, velocities 0 (SGDOptimizer.__init__). Arguments are
 * not range-checked here (nn_mlp validates them). NN_ERR_NOMEM on failure. */
nn_status nn_solver_init_sgd(nn_solver *s, size_t n, double learning_rate_init,
                             nn_learning_rate schedule, double momentum, bool nesterov,
                             double power_t, nn_error *err);

/* Prepares adam for n parameters, t = 0, moments 0 (AdamOptimizer.__init__). */
nn_status nn_solver_init_adam(nn_solver *s, size_t n, double learning_rate_init,
                              double beta_1, double beta_2, double epsilon, nn_error *err);

/* Releases the solver's memory and zeroes it; safe on a zeroed or freed solver. */
void nn_solver_free(nn_solver *s);

/* One step: w[i] += update[i], where update is the sgd or adam formula above for the
 * gradient g (n values each). */
void nn_solver_update(nn_solver *s, double *w, const double *g);

/* End of an epoch, after time_step samples in all: invscaling sets
 * eta = eta0 / (time_step + 1)^power_t; the other schedules and adam do nothing. */
void nn_solver_iteration_ends(nn_solver *s, long time_step);

/* Training stalled (no improvement for n_iter_no_change epochs). Adaptive sgd divides
 * eta by 5 and continues, unless eta <= 1e-6 already; everything else stops. */
nn_solver_decision nn_solver_trigger_stopping(nn_solver *s);

#endif
