/* optim.c - gradient descent: the step, the learning-rate schedule and the loop.
 *
 * Read top to bottom, this is chapter 4's story: one step downhill, how big the steps
 * are, and the loop that repeats them until the slope is flat. The loop's hard part is
 * knowing when to stop: on success (the gradient is small), on a budget (too many
 * iterations), and on failure (the numbers blew up). The last one matters most: a
 * learning rate that is too large makes every step overshoot by more than the last,
 * and a loop that does not watch for it hands back weights full of NaN.
 */
#include "optim.h"

#include <math.h>

#include "alloc.h"

/* ------------------------------------------------------------------------------------
 * 1. One step
 *
 * The gradient points uphill, so we move against it. Each parameter moves in
 * proportion to its own slope: a weight the error hardly depends on hardly moves.
 */

// [step]
void nn_optim_step(double *w, const double *g, size_t n, double eta)
{
    for (size_t i = 0; i < n; i++)
        w[i] -= eta * g[i];
}
// [end step]

/* ------------------------------------------------------------------------------------
 * 2. The learning-rate schedule
 *
 * A constant rate is what the chapter studies. scikit-learn's MLP can also shrink it
 * over time ("invscaling"): big steps at first, ever smaller ones later, which tames a
 * rate that starts too large and lets stochastic gradients (chapter 7) settle. Its code
 * (sklearn/neural_network/_stochastic_optimizers.py, 1.2) computes
 *     learning_rate = learning_rate_init / (time_step + 1) ** power_t
 * Note the + 1: its documentation writes pow(t, power_t), but the code divides by
 * (t + 1)^power_t, so the first step uses eta0 itself. We follow the code. (In the MLP,
 * time_step counts samples seen and moves once per epoch: nn_solver_iteration_ends.)
 */

// [schedule rate]
double nn_schedule_rate(const nn_schedule *s, long t)
{
    if (s->kind == NN_SCHEDULE_INVSCALING)
        return s->eta0 / pow((double)t + 1.0, s->power_t);
    return s->eta0;
}
// [end schedule rate]

/* ------------------------------------------------------------------------------------
 * 3. The loop
 */

nn_optim_options nn_optim_defaults(void)
{
    nn_optim_options opt = {
        .rate = {.kind = NN_SCHEDULE_CONSTANT, .eta0 = 0.1, .power_t = 0.5},
        .tol = 1e-6,
        .max_iter = 1000,
        .rise_limit = 10,
        .observe = NULL,
        .observe_context = NULL,
    };
    return opt;
}

/* ||g||_2, scaled by the largest |g_i| so that squaring cannot overflow: a gradient of
 * 1e200 has a finite length, and the loop must see that length, not infinity. */
static double norm2(const double *g, size_t n)
{
    double scale = 0.0;
    for (size_t i = 0; i < n; i++)
        if (fabs(g[i]) > scale)
            scale = fabs(g[i]);
    if (scale == 0.0 || isinf(scale))
        return scale;
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        double r = g[i] / scale;
        sum += r * r;
    }
    return scale * sqrt(sum);
}

/* A loop rather than memcpy, which must not see NULL even when n is 0. */
static void copy(double *to, const double *from, size_t n)
{
    for (size_t i = 0; i < n; i++)
        to[i] = from[i];
}

static bool all_finite(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return false;
    return true;
}

static nn_status check_options(nn_objective f, const double *w, size_t n,
                               const nn_optim_options *opt, nn_error *err)
{
    if (!f || !opt || (!w && n > 0))
        return nn_error_set(err, NN_ERR_ARG, "nn_optim_minimize: the objective, the "
                            "parameters and the options must not be NULL");
    const nn_schedule *s = &opt->rate;
    if (s->kind != NN_SCHEDULE_CONSTANT && s->kind != NN_SCHEDULE_INVSCALING)
        return nn_error_set(err, NN_ERR_ARG, "nn_optim_minimize: unknown schedule %d",
                            (int)s->kind);
    if (!(s->eta0 > 0.0) || !isfinite(s->eta0))
        return nn_error_set(err, NN_ERR_ARG, "nn_optim_minimize: the learning rate must be "
                            "a finite number > 0, got %g", s->eta0);
    bool invscaling = s->kind == NN_SCHEDULE_INVSCALING;
    if (invscaling && (!(s->power_t >= 0.0) || !isfinite(s->power_t)))
        return nn_error_set(err, NN_ERR_ARG, "nn_optim_minimize: power_t must be a finite "
                            "number >= 0, got %g", s->power_t);
    if (!(opt->tol >= 0.0) || !isfinite(opt->tol))
        return nn_error_set(err, NN_ERR_ARG, "nn_optim_minimize: the tolerance must be a "
                            "finite number >= 0, got %g", opt->tol);
    if (opt->max_iter < 0)
        return nn_error_set(err, NN_ERR_ARG, "nn_optim_minimize: max_iter must be >= 0, "
                            "got %ld", opt->max_iter);
    if (opt->rise_limit < 0)
        return nn_error_set(err, NN_ERR_ARG, "nn_optim_minimize: rise_limit must be >= 0, "
                            "got %ld", opt->rise_limit);
    return NN_OK;
}

/* Evaluates f at w and checks that it returned numbers. t is only for the message. */
static nn_status evaluate(nn_objective f, void *context, const double *w, size_t n,
                          double *loss, double *grad, long t, double eta0, nn_error *err)
{
    *loss = NAN; /* an objective that forgets to set it must not look like a success */
    nn_status status = f(w, n, loss, grad, context, err);
    if (status != NN_OK)
        return status;
    if (isfinite(*loss) && all_finite(grad, n))
        return NN_OK;
    const char *what = isfinite(*loss) ? "the gradient" : "the loss";
    if (t == 0)
        return nn_error_set(err, NN_ERR_NUMERIC, "%s is not finite at the starting point "
                            "(before any step): check the objective and the start", what);
    const char *value = isfinite(*loss) ? "inf or NaN" : isnan(*loss) ? "NaN" : "inf";
    return nn_error_set(err, NN_ERR_NUMERIC, "diverged at iteration %ld: %s became %s; "
                        "try a smaller learning rate (it was %g)", t, what, value, eta0);
}

/* The two ways a run can blow up before anything becomes inf or NaN. */
static nn_status rising(nn_error *err, long t, long rises, double start, double loss,
                        double eta0)
{
    return nn_error_set(err, NN_ERR_NUMERIC, "diverged at iteration %ld: the loss rose %ld "
                        "times in a row, from %g at the start to %g; try a smaller "
                        "learning rate (it was %g)", t, rises, start, loss, eta0);
}

static nn_status overflowed(nn_error *err, long t, double eta0)
{
    return nn_error_set(err, NN_ERR_NUMERIC, "diverged at iteration %ld: a parameter "
                        "overflowed; try a smaller learning rate (it was %g)", t, eta0);
}

/*
 * When to stop. We stop successfully when the gradient is short, ||g||_2 <= tol, not
 * when the loss stops improving. The gradient is what defines a minimum (the slope is
 * zero there), and its test does not depend on the learning rate. A test on the loss
 * improvement does: a tiny rate makes tiny improvements and would stop far from the
 * minimum, and a rate that makes w bounce between two points at the same height
 * (eta = 1 on a parabola) improves nothing and would be called converged. scikit-learn
 * stops its MLP on loss improvement instead, because a gradient measured on a random
 * batch never becomes small; chapter 7 does the same there.
 *
 * Divergence has three faces, all NN_ERR_NUMERIC: w overflows, E or g is inf or NaN,
 * or (long before that) the loss keeps rising. Gradient descent with a rate that is
 * small enough never raises a smooth loss, so rise_limit rises in a row that end above
 * where we started is the mark of steps that overshoot by more each time.
 */
// [minimize]
nn_status nn_optim_minimize(nn_objective f, void *context, double *w, size_t n,
                            const nn_optim_options *opt, nn_optim_result *result,
                            nn_error *err)
{
    nn_optim_result res = {0, NAN, NAN, false};
    if (result)
        *result = res;
    nn_status status = check_options(f, w, n, opt, err);
    if (status != NN_OK)
        return status;
    double eta0 = opt->rate.eta0;
    double *grad = nn_alloc(n, sizeof *grad, "gradient", err);
    double *previous = NULL;
    if (grad)
        previous = nn_alloc(n, sizeof *previous, "last point", err);
    if (!previous) {
        nn_alloc_free(grad);
        return NN_ERR_NOMEM;
    }

    double loss;
    status = evaluate(f, context, w, n, &loss, grad, 0, eta0, err);
    double start_loss = loss;
    long rises = 0;
    for (long t = 0; status == NN_OK; t++) {
        res = (nn_optim_result){t, loss, norm2(grad, n), false};
        double eta = nn_schedule_rate(&opt->rate, t);
        if (opt->observe) {
            nn_optim_progress p = {t, w, grad, n, loss, res.grad_norm, eta};
            if ((status = opt->observe(&p, opt->observe_context, err)) != NN_OK)
                break;
        }
        long limit = opt->rise_limit;
        if (limit > 0 && rises >= limit && loss > start_loss) {
            status = rising(err, t, rises, start_loss, loss, eta0);
            break;
        }
        if (res.grad_norm <= opt->tol) {
            res.converged = true;
            break;
        }
        if (t == opt->max_iter)
            break;

        /* Step, keeping the point we leave: a failure returns to it. */
        copy(previous, w, n);
        double previous_loss = loss;
        nn_optim_step(w, grad, n, eta);
        if (!all_finite(w, n))
            status = overflowed(err, t + 1, eta0);
        else
            status = evaluate(f, context, w, n, &loss, grad, t + 1, eta0, err);
        if (status != NN_OK) {
            /* res still describes the point we return to */
            copy(w, previous, n);
            break;
        }
        rises = loss > previous_loss ? rises + 1 : 0;
    }

    if (result)
        *result = res;
    nn_alloc_free(previous);
    nn_alloc_free(grad);
    return status;
}
// [end minimize]
