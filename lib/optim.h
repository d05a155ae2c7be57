/* optim.h - minimising an error by gradient descent (chapter 4).
 *
 * To train a model is to find the parameters w (weights and biases) that make its error
 * E(w) small. Gradient descent starts somewhere and walks downhill: at every iteration
 * it computes the gradient g = dE/dw, the direction in which E grows fastest, and takes
 * a step of size eta (the learning rate) the other way:
 *
 *     w_i <- w_i - eta_t * g_i
 *
 * This module has three parts, in the order the chapter explains them:
 *   - the step itself, over a plain array of parameters (nn_optim_step);
 *   - a learning-rate schedule eta_t: constant, or scikit-learn's invscaling;
 *   - the loop (nn_optim_minimize): it asks an objective callback for E and dE/dw,
 *     steps, and stops when the gradient is small (converged), when it runs out of
 *     iterations, or with an NN_ERR_NUMERIC error when the descent diverges.
 *
 *     nn_optim_options opt = nn_optim_defaults();   // eta 0.1, tol 1e-6, 1000 steps
 *     opt.rate.eta0 = 0.3;
 *     nn_optim_result res;
 *     if (nn_optim_minimize(my_loss, &my_data, w, n, &opt, &res, &err) != NN_OK)
 *         fprintf(stderr, "%s\n", err.message);     // "diverged at iteration 10: ..."
 *
 * Chapter 7 grows this module with the optimisers of scikit-learn's MLP (sgd with
 * momentum and Nesterov, adam); the schedule type is shared with them.
 */
#ifndef NN_OPTIM_H
#define NN_OPTIM_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* ------------------------------------------------------------------------------------
 * The step. */

/* w_i <- w_i - eta * g_i for i in [0, n): one plain gradient-descent step, in place. */
void nn_optim_step(double *w, const double *g, size_t n, double eta);

/* ------------------------------------------------------------------------------------
 * The learning-rate schedule: how large the t-th step is (t = 0 for the first). */

// [schedule]
typedef enum nn_schedule_kind {
    NN_SCHEDULE_CONSTANT,  /* eta_t = eta0 */
    NN_SCHEDULE_INVSCALING /* eta_t = eta0 / (t + 1)^power_t */
} nn_schedule_kind;

typedef struct nn_schedule {
    nn_schedule_kind kind;
    double eta0;    /* the first rate, > 0 (scikit-learn: learning_rate_init) */
    double power_t; /* invscaling's exponent, >= 0 (scikit-learn: 0.5) */
} nn_schedule;
// [end schedule]

/* eta_t = eta0 (constant), or eta0 / (t + 1)^power_t (invscaling), for t >= 0.
 * scikit-learn 1.2, _stochastic_optimizers.py, SGDOptimizer.iteration_ends:
 *     learning_rate = learning_rate_init / (time_step + 1) ** power_t   */
double nn_schedule_rate(const nn_schedule *s, long t);

/* ------------------------------------------------------------------------------------
 * The loop. */

// [objective]
/* The function to minimise: writes E(w) to *loss and dE/dw_i to grad[i]
 * (n values). It may fail (return non-NN_OK and fill err); the loop then
 * stops with that error. */
typedef nn_status (*nn_objective)(const double *w, size_t n, double *loss,
                                  double *grad, void *context, nn_error *err);
// [end objective]

/* What the loop reports after evaluating a point: once at the start, then after each
 * step. The pointers are valid only during the call. */
typedef struct nn_optim_progress {
    long iteration;     /* t: how many steps led here (0 is the starting point) */
    const double *w;    /* w_t, n values */
    const double *grad; /* dE/dw at w_t, n values */
    size_t n;
    double loss;        /* E(w_t), finite */
    double grad_norm;   /* ||dE/dw(w_t)||_2, the Euclidean length of the gradient */
    double rate;        /* eta_t, the size of the step that would follow */
} nn_optim_progress;

/* Called with every point the loop evaluates (to print or record the descent).
 * Returning non-NN_OK stops the loop with that error. */
typedef nn_status (*nn_optim_observer)(const nn_optim_progress *p, void *context,
                                       nn_error *err);

// [options]
typedef struct nn_optim_options {
    nn_schedule rate;          /* the learning rate eta_t */
    double tol;                /* converged when ||dE/dw||_2 <= tol (tol >= 0) */
    long max_iter;             /* take at most this many steps (>= 0) */
    long rise_limit;           /* diverged when the loss rose on this many steps
                                * in a row and is above E(w_0); 0: no such test */
    nn_optim_observer observe; /* NULL, or called at w_0 and after every step */
    void *observe_context;
} nn_optim_options;

typedef struct nn_optim_result {
    long iterations;  /* steps taken to reach the final w */
    double loss;      /* E at the final w */
    double grad_norm; /* ||dE/dw||_2 at the final w */
    bool converged;   /* true: grad_norm <= tol; false: max_iter steps taken */
} nn_optim_result;
// [end options]

/* Constant eta 0.1, tol 1e-6, max_iter 1000, rise_limit 10, no observer. */
nn_optim_options nn_optim_defaults(void);

/* Minimises f by gradient descent from w (n values, updated in place):
 *     for t = 0, 1, ...:  (E, g) = f(w);  stop if ||g|| <= tol or t = max_iter;
 *                         w <- w - eta_t g
 * Returns NN_OK with *result filled (result may be NULL) whether it converged or ran
 * out of iterations. Errors: NN_ERR_ARG for a bad option (eta0 <= 0, tol < 0, ...);
 * NN_ERR_NOMEM; the objective's or observer's own error; NN_ERR_NUMERIC when E or g is
 * not finite at the start, or when the descent diverges (E, g or w becomes inf or NaN,
 * or the loss rises rise_limit times in a row above E(w_0)), with a message naming the
 * iteration and suggesting a smaller learning rate. After any error w is never NaN: it
 * holds the last point where f succeeded with a finite loss and gradient (w_0 untouched
 * when there was none), and *result describes that point (loss and grad_norm are NaN,
 * "unknown", only when the starting point itself failed). */
nn_status nn_optim_minimize(nn_objective f, void *context, double *w, size_t n,
                            const nn_optim_options *opt, nn_optim_result *result,
                            nn_error *err);

#endif
