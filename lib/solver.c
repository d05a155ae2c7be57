/* solver.c - sgd with momentum and adam, as scikit-learn 1.2 computes them.
 *
 * Chapter 4 introduces it (momentum, Nesterov and adam on a narrow bowl); chapter 7's
 * MLP takes every sgd and adam step through it.
 *
 * Each update below is written in the order numpy evaluates scikit-learn's expressions,
 * for example `self.momentum * velocity - self.learning_rate * grad` is
 * (mu * v) - (eta * g): two products rounded separately, then the difference. With
 * -ffp-contract=off (no fused multiply-add) that is exactly the same double.
 */
#include "solver.h"

#include <math.h>
#include <string.h>

#include "alloc.h"

/* ---- Names ------------------------------------------------------------------------- */

static const char *const LR_NAMES[] = {"constant", "invscaling", "adaptive"};

const char *nn_learning_rate_name(nn_learning_rate lr)
{
    return (unsigned)lr < 3 ? LR_NAMES[lr] : "unknown";
}

nn_status nn_learning_rate_parse(const char *name, nn_learning_rate *out, nn_error *err)
{
    for (int i = 0; name && i < 3; i++)
        if (strcmp(name, LR_NAMES[i]) == 0) {
            *out = (nn_learning_rate)i;
            return NN_OK;
        }
    return nn_error_set(err, NN_ERR_ARG,
                        "unknown learning_rate '%s': expected one of constant, invscaling, "
                        "adaptive", name ? name : "(null)");
}

/* ---- Making and freeing ------------------------------------------------------------ */

nn_status nn_solver_init_sgd(nn_solver *s, size_t n, double learning_rate_init,
                             nn_learning_rate schedule, double momentum, bool nesterov,
                             double power_t, nn_error *err)
{
    memset(s, 0, sizeof *s);
    s->kind = NN_SOLVER_SGD;
    s->n = n;
    s->learning_rate_init = learning_rate_init;
    s->learning_rate = learning_rate_init;
    s->schedule = schedule;
    s->momentum = momentum;
    s->nesterov = nesterov;
    s->power_t = power_t;
    s->velocity = nn_alloc(n ? n : 1, sizeof(double), "sgd velocities", err);
    return s->velocity ? NN_OK : NN_ERR_NOMEM;
}

nn_status nn_solver_init_adam(nn_solver *s, size_t n, double learning_rate_init,
                              double beta_1, double beta_2, double epsilon, nn_error *err)
{
    memset(s, 0, sizeof *s);
    s->kind = NN_SOLVER_ADAM;
    s->n = n;
    s->learning_rate_init = learning_rate_init;
    s->learning_rate = learning_rate_init;
    s->beta_1 = beta_1;
    s->beta_2 = beta_2;
    s->epsilon = epsilon;
    s->m = nn_alloc(n ? n : 1, sizeof(double), "adam first moments", err);
    s->v = s->m ? nn_alloc(n ? n : 1, sizeof(double), "adam second moments", err) : NULL;
    if (!s->v) {
        nn_solver_free(s);
        return NN_ERR_NOMEM;
    }
    return NN_OK;
}

void nn_solver_free(nn_solver *s)
{
    if (!s)
        return;
    nn_alloc_free(s->velocity);
    nn_alloc_free(s->m);
    nn_alloc_free(s->v);
    memset(s, 0, sizeof *s);
}

/* ---- The updates ------------------------------------------------------------------- */

// [sgd update]
static void sgd_update(nn_solver *s, double *w, const double *g)
{
    const double mu = s->momentum, eta = s->learning_rate;
    double *restrict velocity = s->velocity; /* see adam_update */
    for (size_t i = 0; i < s->n; i++) {
        /* velocity = momentum * velocity - learning_rate * grad, and that is the step */
        double v = mu * velocity[i] - eta * g[i];
        velocity[i] = v;
        /* Nesterov: look ahead along the new velocity and take the step from there */
        double update = s->nesterov ? mu * v - eta * g[i] : v;
        w[i] += update;
    }
}
// [end sgd update]

// [adam update]
static void adam_update(nn_solver *s, double *w, const double *g)
{
    const double b1 = s->beta_1, b2 = s->beta_2;
    s->t++;
    /* The moments start at 0, so early on they are biased towards 0; dividing by
     * (1 - b1^t) and sqrt(1 - b2^t) undoes that. scikit-learn folds both corrections
     * into the learning rate, computed with Python floats (pow for **). */
    s->learning_rate = s->learning_rate_init * sqrt(1.0 - pow(b2, (double)s->t)) /
                       (1.0 - pow(b1, (double)s->t));
    const double eta = s->learning_rate, eps = s->epsilon;
    /* Local copies of the pointers, which the compiler may assume do not overlap, let
     * it update a whole vector of parameters at once. */
    double *restrict m = s->m, *restrict v = s->v;
    for (size_t i = 0; i < s->n; i++) {
        m[i] = b1 * m[i] + (1.0 - b1) * g[i];
        v[i] = b2 * v[i] + (1.0 - b2) * (g[i] * g[i]);
        w[i] += -eta * m[i] / (sqrt(v[i]) + eps);
    }
}
// [end adam update]

void nn_solver_update(nn_solver *s, double *w, const double *g)
{
    if (s->kind == NN_SOLVER_SGD)
        sgd_update(s, w, g);
    else
        adam_update(s, w, g);
}

/* ---- Schedules and stopping -------------------------------------------------------- */

void nn_solver_iteration_ends(nn_solver *s, long time_step)
{
    /* float(learning_rate_init) / (time_step + 1) ** power_t, time_step = samples seen */
    if (s->kind == NN_SOLVER_SGD && s->schedule == NN_LR_INVSCALING)
        s->learning_rate = s->learning_rate_init / pow((double)(time_step + 1), s->power_t);
}

nn_solver_decision nn_solver_trigger_stopping(nn_solver *s)
{
    if (s->kind != NN_SOLVER_SGD || s->schedule != NN_LR_ADAPTIVE)
        return NN_SOLVER_STOP;
    if (s->learning_rate <= 1e-6)
        return NN_SOLVER_STOP_LR_TINY;
    s->learning_rate /= 5.0;
    return NN_SOLVER_CONTINUE;
}
