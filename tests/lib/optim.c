/* tests/lib/optim.c - gradient descent: the step, the schedule, and the loop.
 *
 * Most tests run the loop on the chapter's parabola E(w) = (w - 3)^2 from w = -1, where
 * everything is known in closed form: each step multiplies the offset w - 3 by
 * r = 1 - 2 eta, so the descent converges monotonically for eta < 0.5, in one step at
 * 0.5, zigzagging for 0.5 < eta < 1, bounces forever at 1, and diverges above 1. The
 * line-fit test compares against numpy's least squares (tests/fixtures/gradient_descent.h,
 * made by tools/fixtures/gradient_descent.py).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "fixtures/gradient_descent.h"
#include "optim.h"

TestSuite(optim, .timeout = 10);

/* ------------------------------------------------------------------------------------
 * Objectives and an observer for the tests. */

static nn_status parabola(const double *w, size_t n, double *loss, double *grad,
                          void *context, nn_error *err)
{
    (void)n, (void)context, (void)err;
    *loss = (w[0] - 3.0) * (w[0] - 3.0);
    grad[0] = 2.0 * (w[0] - 3.0);
    return NN_OK;
}

/* Records w_t and E(w_t) for every point the loop reports. */
typedef struct path {
    long calls;
    double w[2100], loss[2100];
    long stop_at; /* return an error at this iteration; -1 never */
} path;

static nn_status record(const nn_optim_progress *p, void *context, nn_error *err)
{
    path *pa = context;
    cr_assert_eq(p->iteration, pa->calls, "the observer saw iteration %ld after %ld calls",
                 p->iteration, pa->calls);
    cr_assert(isfinite(p->loss) && isfinite(p->grad_norm), "the observer saw a non-finite "
              "loss %g or gradient norm %g at iteration %ld", p->loss, p->grad_norm,
              p->iteration);
    if (pa->calls < 2100) {
        pa->w[pa->calls] = p->w[0];
        pa->loss[pa->calls] = p->loss;
    }
    pa->calls++;
    if (p->iteration == pa->stop_at)
        return nn_error_set(err, NN_ERR_STATE, "observer stops at %ld", p->iteration);
    return NN_OK;
}

/* Runs the parabola from w = -1 with a constant rate; the path goes to *pa. */
static nn_status descend(double eta, long max_iter, double *w, nn_optim_result *res,
                         path *pa, nn_error *err)
{
    nn_optim_options opt = nn_optim_defaults();
    opt.rate.eta0 = eta;
    opt.max_iter = max_iter;
    if (pa) {
        memset(pa, 0, sizeof *pa);
        pa->stop_at = -1;
        opt.observe = record;
        opt.observe_context = pa;
    }
    *w = -1.0;
    return nn_optim_minimize(parabola, NULL, w, 1, &opt, res, err);
}

/* ------------------------------------------------------------------------------------
 * The step and the schedule. */

Test(optim, step_moves_each_weight_against_its_gradient)
{
    double w[] = {1.0, 2.0, -3.0, 9.0}, g[] = {0.5, -4.0, 0.0, 100.0};
    nn_optim_step(w, g, 3, 0.1);
    cr_expect(w[0] == 1.0 - 0.1 * 0.5 && w[1] == 2.0 - 0.1 * -4.0 && w[2] == -3.0,
              "expected (0.95, 2.4, -3), got (%.17g, %.17g, %.17g)", w[0], w[1], w[2]);
    cr_expect(w[3] == 9.0, "w[3] is past n = 3 and must not move, got %g", w[3]);
    nn_optim_step(w, g, 0, 1.0);
    cr_expect(w[0] == 1.0 - 0.1 * 0.5, "n = 0 must change nothing");
}

Test(optim, constant_schedule_ignores_t)
{
    nn_schedule s = {NN_SCHEDULE_CONSTANT, 0.25, 0.5};
    for (long t = 0; t < 1000000; t += 99999)
        cr_expect(nn_schedule_rate(&s, t) == 0.25, "constant rate at t = %ld: got %g", t,
                  nn_schedule_rate(&s, t));
}

Test(optim, invscaling_follows_scikit_learn)
{
    /* learning_rate_init / (time_step + 1) ** power_t */
    static const struct { double eta0, power_t; long t; double want; } cases[] = {
        {0.1, 0.5, 0, 0.1},   {0.1, 0.5, 3, 0.05},  {0.1, 0.5, 99, 0.01},
        {0.1, 1.0, 4, 0.02},  {2.0, 2.0, 9, 0.02},  {0.3, 0.0, 12345, 0.3},
        {1.0, 0.5, 999999999999L, 1e-6},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        nn_schedule s = {NN_SCHEDULE_INVSCALING, cases[k].eta0, cases[k].power_t};
        double got = nn_schedule_rate(&s, cases[k].t);
        cr_expect(fabs(got - cases[k].want) <= 1e-15 * cases[k].want + 1e-18,
                  "invscaling eta0 %g, power_t %g, t %ld: expected %.17g, got %.17g",
                  cases[k].eta0, cases[k].power_t, cases[k].t, cases[k].want, got);
    }
}

Test(optim, defaults)
{
    nn_optim_options opt = nn_optim_defaults();
    cr_expect(opt.rate.kind == NN_SCHEDULE_CONSTANT && opt.rate.eta0 == 0.1);
    cr_expect(opt.tol == 1e-6 && opt.max_iter == 1000 && opt.rise_limit == 10);
    cr_expect_null(opt.observe);
}

/* ------------------------------------------------------------------------------------
 * The four regimes of the learning rate on the parabola. */

Test(optim, error_shrinks_by_one_minus_two_eta_each_step)
{
    static const double rates[] = {0.05, 0.1, 0.25, 0.4, 0.6, 0.75, 0.9, 0.95};
    static path pa;
    for (size_t k = 0; k < sizeof rates / sizeof rates[0]; k++) {
        double eta = rates[k], w, r = 1.0 - 2.0 * eta;
        nn_optim_result res;
        nn_error err;
        cr_assert_eq(descend(eta, 2000, &w, &res, &pa, &err), NN_OK, "eta %g: %s", eta,
                     err.message);
        cr_expect(res.converged, "eta %g: expected convergence", eta);
        for (long t = 0; t + 1 < pa.calls; t++) {
            double e = pa.w[t] - 3.0, e_next = pa.w[t + 1] - 3.0;
            if (fabs(e) > 1e-6)
                cr_assert(fabs(e_next / e - r) < 1e-8, "eta %g, step %ld: the error went "
                          "from %g to %g, a factor %.12g; expected 1 - 2 eta = %g", eta, t,
                          e, e_next, e_next / e, r);
            if (eta < 0.5)
                cr_assert(e_next < 0.0, "eta %g < 0.5 must approach 3 from one side, but "
                          "w_%ld = %g", eta, t + 1, pa.w[t + 1]);
            else
                cr_assert((e_next > 0.0) == (e < 0.0), "eta %g > 0.5 must zigzag around 3, "
                          "but w_%ld = %g and w_%ld = %g", eta, t, pa.w[t], t + 1,
                          pa.w[t + 1]);
            cr_assert(pa.loss[t + 1] < pa.loss[t], "eta %g < 1: the loss must fall at every "
                      "step, but E went from %g to %g at step %ld", eta, pa.loss[t],
                      pa.loss[t + 1], t + 1);
        }
    }
}

Test(optim, iteration_counts_follow_from_the_factor)
{
    /* Converged when |g_t| = 8 |r|^t <= 1e-6: t >= ln(8e6) / ln(1/|r|). */
    static const struct { double eta; long steps; } cases[] = {
        {0.1, 72}, {0.9, 72}, {0.4, 10}, {0.6, 10}, {0.25, 23}, {0.75, 23}, {0.5, 1},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        double w;
        nn_optim_result res;
        nn_error err;
        cr_assert_eq(descend(cases[k].eta, 1000, &w, &res, NULL, &err), NN_OK);
        double r = fabs(1.0 - 2.0 * cases[k].eta);
        long formula = r == 0.0 ? 1 : (long)ceil(log(8e6) / log(1.0 / r));
        cr_expect_eq(formula, cases[k].steps, "the formula for eta %g", cases[k].eta);
        cr_expect(res.converged && res.iterations == cases[k].steps,
                  "eta %g: expected convergence in %ld steps, got %ld (converged %d)",
                  cases[k].eta, cases[k].steps, res.iterations, res.converged);
        cr_expect(res.grad_norm <= 1e-6 && fabs(w - 3.0) <= 0.5e-6 &&
                      res.loss == (w - 3.0) * (w - 3.0),
                  "eta %g: the result must describe the final w = %.17g", cases[k].eta, w);
    }
}

Test(optim, half_lands_on_the_minimum_in_one_step)
{
    double w;
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(descend(0.5, 1000, &w, &res, NULL, &err), NN_OK);
    cr_expect(w == 3.0 && res.iterations == 1 && res.loss == 0.0 && res.grad_norm == 0.0,
              "eta 0.5: expected w = 3 exactly after 1 step, got w = %.17g after %ld", w,
              res.iterations);
}

Test(optim, rate_one_bounces_forever_and_stops_at_the_limit)
{
    static path pa;
    double w;
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(descend(1.0, 501, &w, &res, &pa, &err), NN_OK,
                 "eta 1 is not divergence: the loss stays at 16 (%s)", err.message);
    cr_expect(!res.converged && res.iterations == 501, "eta 1: expected the limit of 501 "
              "steps, got %ld (converged %d)", res.iterations, res.converged);
    for (long t = 0; t < pa.calls; t++)
        cr_assert(pa.w[t] == (t % 2 ? 7.0 : -1.0) && pa.loss[t] == 16.0,
                  "eta 1, step %ld: expected w = %g and E = 16, got w = %g, E = %g", t,
                  t % 2 ? 7.0 : -1.0, pa.w[t], pa.loss[t]);
    cr_expect(w == 7.0 && res.loss == 16.0 && res.grad_norm == 8.0);
}

Test(optim, above_one_is_a_numeric_error_not_a_nan)
{
    double w;
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(descend(1.1, 1000, &w, &res, NULL, &err), NN_ERR_NUMERIC);
    cr_expect(strstr(err.message, "diverged at iteration 10:") != NULL &&
                  strstr(err.message, "try a smaller learning rate (it was 1.1)") != NULL,
              "the message should name the iteration and suggest a smaller rate: %s",
              err.message);
    cr_expect(err.code == NN_ERR_NUMERIC);
    /* w is left at w_10 = 3 - 4 (-1.2)^10, finite, and the result describes it. */
    cr_expect(fabs(w - (3.0 - 4.0 * pow(1.2, 10))) < 1e-9, "w = %.17g", w);
    cr_expect(res.iterations == 10 && res.loss == (w - 3.0) * (w - 3.0) && !res.converged);

    static const double rates[] = {1.0001, 1.01, 1.5, 3.0, 100.0, 1e10, 1e100, 1e300};
    for (size_t k = 0; k < sizeof rates / sizeof rates[0]; k++) {
        nn_status status = descend(rates[k], 1000000, &w, &res, NULL, &err);
        cr_expect_eq(status, NN_ERR_NUMERIC, "eta %g: expected NN_ERR_NUMERIC, got %d",
                     rates[k], status);
        cr_expect(isfinite(w) && isfinite(res.loss) && isfinite(res.grad_norm),
                  "eta %g: w = %g, loss %g, |g| %g must all be finite after the error",
                  rates[k], w, res.loss, res.grad_norm);
        cr_expect(strstr(err.message, "try a smaller learning rate") != NULL, "eta %g: %s",
                  rates[k], err.message);
    }
}

Test(optim, overflowing_loss_returns_to_the_last_finite_point)
{
    /* eta 1e300: w_1 = -1 + 8e300 is finite, but (w_1 - 3)^2 overflows. */
    double w;
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(descend(1e300, 1000, &w, &res, NULL, &err), NN_ERR_NUMERIC);
    cr_expect_str_eq(err.message, "diverged at iteration 1: the loss became inf; try a "
                                  "smaller learning rate (it was 1e+300)");
    cr_expect(w == -1.0 && res.iterations == 0 && res.loss == 16.0 && res.grad_norm == 8.0,
              "expected w back at -1 (iteration 0, E 16), got w = %g, iteration %ld, E %g", w,
              res.iterations, res.loss);
}

/* Loss 1 everywhere, slope 1e300: a step of 1e10 overflows w itself. */
static nn_status steep(const double *w, size_t n, double *loss, double *grad, void *context,
                       nn_error *err)
{
    (void)w, (void)n, (void)context, (void)err;
    *loss = 1.0;
    grad[0] = 1e300;
    grad[1] = 1e300; /* the norm must not overflow: sqrt(2) * 1e300 */
    return NN_OK;
}

Test(optim, overflowing_parameter_is_caught_and_undone)
{
    double w[2] = {0.5, -0.5};
    nn_optim_options opt = nn_optim_defaults();
    opt.rate.eta0 = 1e10;
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(nn_optim_minimize(steep, NULL, w, 2, &opt, &res, &err), NN_ERR_NUMERIC);
    cr_expect_str_eq(err.message, "diverged at iteration 1: a parameter overflowed; try a "
                                  "smaller learning rate (it was 1e+10)");
    cr_expect(w[0] == 0.5 && w[1] == -0.5, "w should be back at the start, got (%g, %g)",
              w[0], w[1]);
    cr_expect(fabs(res.grad_norm - sqrt(2.0) * 1e300) < 1e286,
              "the gradient's length should be sqrt(2) 1e300, got %g", res.grad_norm);
}

Test(optim, rise_limit_can_be_turned_off)
{
    double w = -1.0;
    nn_optim_options opt = nn_optim_defaults();
    opt.rate.eta0 = 1.1;
    opt.max_iter = 50;
    opt.rise_limit = 0;
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, &res, &err), NN_OK,
                 "%s", err.message);
    cr_expect(!res.converged && res.iterations == 50 && isfinite(w));
    opt.rise_limit = 3;
    w = -1.0;
    cr_assert_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, &res, &err), NN_ERR_NUMERIC);
    cr_expect(strstr(err.message, "diverged at iteration 3: the loss rose 3 times") != NULL,
              "%s", err.message);
}

/* ------------------------------------------------------------------------------------
 * Scripted objectives: the loop's bookkeeping, independent of any maths. */

typedef struct script {
    const double *losses; /* the loss returned at each call */
    size_t count;
    long calls;
    long fail_at;         /* return NN_ERR_IO at this call; -1 never */
    double bad_grad_at;   /* return an infinite gradient at this call; -1 never */
} script;

static nn_status scripted(const double *w, size_t n, double *loss, double *grad,
                          void *context, nn_error *err)
{
    (void)w, (void)n;
    script *s = context;
    long call = s->calls++;
    if (call == s->fail_at)
        return nn_error_set(err, NN_ERR_IO, "data file vanished at call %ld", call);
    *loss = s->losses[(size_t)call < s->count ? (size_t)call : s->count - 1];
    grad[0] = call == (long)s->bad_grad_at ? INFINITY : 1.0;
    return NN_OK;
}

Test(optim, rises_below_the_start_are_not_divergence)
{
    /* A big drop, then 15 small rises that stay below the start: a bumpy but healthy run. */
    double losses[20] = {100.0, 1.0};
    for (int i = 2; i < 20; i++)
        losses[i] = 1.0 + 0.1 * i;
    script s = {losses, 20, 0, -1, -1};
    double w = 0.0;
    nn_optim_options opt = nn_optim_defaults();
    opt.max_iter = 17;
    nn_optim_result res;
    nn_error err;
    cr_expect_eq(nn_optim_minimize(scripted, &s, &w, 1, &opt, &res, &err), NN_OK, "%s",
                 err.message);
    cr_expect(res.iterations == 17 && !res.converged);

    /* A plateau above the start is not a rise: only a loss that grows counts. */
    const double plateau[] = {1.0, 2.0};
    s = (script){plateau, 2, 0, -1, -1};
    w = 0.0;
    cr_expect_eq(nn_optim_minimize(scripted, &s, &w, 1, &opt, &res, &err), NN_OK,
                 "a flat loss was taken for divergence: %s", err.message);

    /* The same rises from a low start are divergence, at the 10th rise. */
    double rising[20];
    for (int i = 0; i < 20; i++)
        rising[i] = 1.0 + 0.1 * i;
    s = (script){rising, 20, 0, -1, -1};
    w = 0.0;
    cr_expect_eq(nn_optim_minimize(scripted, &s, &w, 1, &opt, &res, &err), NN_ERR_NUMERIC);
    cr_expect(strstr(err.message, "diverged at iteration 10: the loss rose 10 times in a "
                                  "row, from 1 at the start to 2") != NULL, "%s", err.message);
    cr_expect(fabs(w - -1.0) < 1e-12, "w = %.17g: the descent stops at w_10 (10 steps of 0.1)",
              w);
}

Test(optim, objective_errors_pass_through_and_w_steps_back)
{
    const double losses[] = {5.0, 4.0, 3.0, 2.0};
    script s = {losses, 4, 0, 2, -1};
    double w = 0.0;
    nn_optim_options opt = nn_optim_defaults();
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(nn_optim_minimize(scripted, &s, &w, 1, &opt, &res, &err), NN_ERR_IO);
    cr_expect_str_eq(err.message, "data file vanished at call 2");
    cr_expect(w == -0.1 && res.iterations == 1 && res.loss == 4.0,
              "expected w_1 = -0.1 (iteration 1, E 4), got w = %g, iteration %ld, E %g", w,
              res.iterations, res.loss);
}

Test(optim, non_finite_gradient_is_divergence)
{
    const double losses[] = {5.0, 4.0, 3.0, 2.0};
    script s = {losses, 4, 0, -1, 3};
    double w = 0.0;
    nn_optim_options opt = nn_optim_defaults();
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(nn_optim_minimize(scripted, &s, &w, 1, &opt, &res, &err), NN_ERR_NUMERIC);
    cr_expect_str_eq(err.message, "diverged at iteration 3: the gradient became inf or NaN; "
                                  "try a smaller learning rate (it was 0.1)");
    cr_expect(fabs(w - -0.2) < 1e-15 && res.iterations == 2, "w = %g, iteration %ld", w,
              res.iterations);
}

Test(optim, a_broken_start_is_reported_as_such)
{
    const double nan_loss[] = {NAN};
    script s = {nan_loss, 1, 0, -1, -1};
    double w = 0.25;
    nn_optim_options opt = nn_optim_defaults();
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(nn_optim_minimize(scripted, &s, &w, 1, &opt, &res, &err), NN_ERR_NUMERIC);
    cr_expect_str_eq(err.message, "the loss is not finite at the starting point (before any "
                                  "step): check the objective and the start");
    cr_expect(w == 0.25 && res.iterations == 0 && !res.converged && isnan(res.loss),
              "w must be untouched and the result unknown");
    const double one[] = {1.0};
    s = (script){one, 1, 0, -1, 0};
    cr_assert_eq(nn_optim_minimize(scripted, &s, &w, 1, &opt, &res, &err), NN_ERR_NUMERIC);
    cr_expect(strstr(err.message, "the gradient is not finite at the starting point") != NULL,
              "%s", err.message);
}

Test(optim, the_observer_sees_every_point_and_can_stop_the_loop)
{
    static path pa;
    double w;
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(descend(0.1, 1000, &w, &res, &pa, &err), NN_OK);
    cr_expect_eq(pa.calls, 73, "72 steps: expected 73 points (w_0 .. w_72), got %ld",
                 pa.calls);
    cr_expect(pa.w[0] == -1.0 && pa.loss[0] == 16.0 && pa.w[72] == w);

    nn_optim_options opt = nn_optim_defaults();
    memset(&pa, 0, sizeof pa);
    pa.stop_at = 3;
    opt.observe = record;
    opt.observe_context = &pa;
    w = -1.0;
    cr_assert_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, &res, &err), NN_ERR_STATE);
    cr_expect_str_eq(err.message, "observer stops at 3");
    cr_expect(res.iterations == 3 && w == pa.w[3], "the loop stops at w_3");
}

Test(optim, limits_and_edges)
{
    double w;
    nn_optim_result res;
    nn_error err;
    /* max_iter 0: look at the start and stop. */
    cr_assert_eq(descend(0.1, 0, &w, &res, NULL, &err), NN_OK);
    cr_expect(w == -1.0 && res.iterations == 0 && !res.converged && res.loss == 16.0 &&
              res.grad_norm == 8.0);
    /* A start at the minimum converges at once, even with tol 0. */
    nn_optim_options opt = nn_optim_defaults();
    opt.tol = 0.0;
    w = 3.0;
    cr_assert_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, &res, &err), NN_OK);
    cr_expect(res.converged && res.iterations == 0 && w == 3.0);
    /* Too few iterations for a small rate: the limit, not an error. */
    cr_assert_eq(descend(0.001, 1000, &w, &res, NULL, &err), NN_OK);
    cr_expect(!res.converged && res.iterations == 1000 &&
                  fabs(w - (3.0 - 4.0 * pow(0.998, 1000))) < 1e-9,
              "eta 0.001: expected w = 3 - 4 * 0.998^1000 after 1000 steps, got %.17g", w);
    /* No parameters at all: the gradient is empty, its length 0. */
    const double losses[] = {2.0};
    script s = {losses, 1, 0, -1, -1};
    cr_assert_eq(nn_optim_minimize(scripted, &s, NULL, 0, &opt, &res, &err), NN_OK);
    cr_expect(res.converged && res.iterations == 0 && res.loss == 2.0);
    /* result may be NULL. */
    w = -1.0;
    cr_expect_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, NULL, &err), NN_OK);
}

Test(optim, invscaling_tames_a_rate_that_starts_too_large)
{
    /* eta_0 = 1.1 overshoots once; eta_1 = 1.1 / sqrt 2 < 1 and the rest shrink. */
    double w = -1.0;
    nn_optim_options opt = nn_optim_defaults();
    opt.rate = (nn_schedule){NN_SCHEDULE_INVSCALING, 1.1, 0.5};
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, &res, &err), NN_OK, "%s",
                 err.message);
    cr_expect(res.converged && res.iterations == 10 && fabs(w - 3.0) < 1e-6,
              "expected convergence in 10 steps, got %ld steps, w = %.17g", res.iterations, w);

    /* eta_0 = 5 rises 10 times (eta_t >= 1 up to t = 24): the rise test calls it
     * divergence, although without the test the schedule brings it back (the chapter
     * text says so). */
    static path pa;
    memset(&pa, 0, sizeof pa);
    pa.stop_at = -1;
    opt.rate.eta0 = 5.0;
    opt.observe = record;
    opt.observe_context = &pa;
    w = -1.0;
    cr_expect_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, &res, &err), NN_ERR_NUMERIC);
    cr_expect(strstr(err.message, "diverged at iteration 10:") != NULL, "%s", err.message);
    opt.rise_limit = 0;
    w = -1.0;
    memset(&pa, 0, sizeof pa);
    pa.stop_at = -1;
    cr_assert_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, &res, &err), NN_OK, "%s",
                 err.message);
    double peak = 0.0;
    for (long t = 0; t < pa.calls; t++)
        peak = pa.loss[t] > peak ? pa.loss[t] : peak;
    cr_expect(res.converged && res.iterations == 68, "eta_0 = 5 without the rise test: "
              "expected convergence in 68 steps, got %ld", res.iterations);
    cr_expect(peak > 3e16 && peak < 5e16, "the loss should peak near 4e16, got %g", peak);
}

Test(optim, bad_options_are_argument_errors)
{
    double w = -1.0;
    nn_optim_result res;
    nn_error err;
    nn_optim_options good = nn_optim_defaults();
    nn_optim_options bad[9];
    for (int k = 0; k < 9; k++)
        bad[k] = good;
    bad[0].rate.eta0 = 0.0;
    bad[1].rate.eta0 = -0.1;
    bad[2].rate.eta0 = NAN;
    bad[3].rate.eta0 = INFINITY;
    bad[4].tol = -1e-6;
    bad[5].tol = NAN;
    bad[6].max_iter = -1;
    bad[7].rise_limit = -1;
    bad[8].rate = (nn_schedule){NN_SCHEDULE_INVSCALING, 0.1, -0.5};
    for (int k = 0; k < 9; k++) {
        cr_expect_eq(nn_optim_minimize(parabola, NULL, &w, 1, &bad[k], &res, &err), NN_ERR_ARG,
                     "bad option set %d was accepted", k);
        cr_expect(strncmp(err.message, "nn_optim_minimize: ", 19) == 0, "%s", err.message);
    }
    cr_expect_str_eq(err.message, "nn_optim_minimize: power_t must be a finite number >= 0, "
                                  "got -0.5");
    cr_expect_eq(nn_optim_minimize(NULL, NULL, &w, 1, &good, &res, &err), NN_ERR_ARG);
    cr_expect_eq(nn_optim_minimize(parabola, NULL, NULL, 1, &good, &res, &err), NN_ERR_ARG);
    cr_expect_eq(nn_optim_minimize(parabola, NULL, &w, 1, NULL, &res, &err), NN_ERR_ARG);
    cr_expect(w == -1.0, "a rejected call must not touch w");
}

Test(optim, allocation_failures_are_clean)
{
    long live = nn_alloc_live();
    nn_optim_options defaults = nn_optim_defaults();
    for (long after = 0; after < 2; after++) {
        double w = -1.0;
        nn_optim_result res;
        nn_error err;
        nn_alloc_fail_after(after);
        cr_expect_eq(nn_optim_minimize(parabola, NULL, &w, 1, &defaults, &res, &err),
                     NN_ERR_NOMEM, "allocation %ld failing must give NN_ERR_NOMEM", after);
        nn_alloc_fail_after(-1);
        cr_expect(w == -1.0);
        cr_expect_eq(nn_alloc_live(), live, "allocation %ld failing leaked", after);
    }
    double w = -1.0;
    nn_optim_options opt = nn_optim_defaults();
    cr_expect_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, NULL, NULL), NN_OK);
    cr_expect_eq(nn_alloc_live(), live, "a successful run leaked");
    opt.rate.eta0 = 2.0;
    w = -1.0;
    cr_expect_eq(nn_optim_minimize(parabola, NULL, &w, 1, &opt, NULL, NULL), NN_ERR_NUMERIC);
    cr_expect_eq(nn_alloc_live(), live, "a diverging run leaked");
}

/* ------------------------------------------------------------------------------------
 * The chapter's line fit, against numpy. */

typedef struct points {
    const double *x, *y;
    size_t m;
} points;

static nn_status line_mse(const double *w, size_t n, double *loss, double *grad,
                          void *context, nn_error *err)
{
    (void)n, (void)err;
    const points *d = context;
    double sum = 0.0, sum_x = 0.0, sum_1 = 0.0;
    for (size_t i = 0; i < d->m; i++) {
        double r = w[0] * d->x[i] + w[1] - d->y[i];
        sum += r * r;
        sum_x += r * d->x[i];
        sum_1 += r;
    }
    *loss = sum / (double)d->m;
    grad[0] = 2.0 * sum_x / (double)d->m;
    grad[1] = 2.0 * sum_1 / (double)d->m;
    return NN_OK;
}

Test(optim, fits_numpys_least_squares_line)
{
    points d = {gd_fx_seed1_x, gd_fx_seed1_y, GD_FX_POINTS};
    const gd_fx_line *fx = &gd_fx_lines[0];
    cr_assert_eq(fx->seed, 1u);
    double w[2] = {0.0, 0.0};
    nn_optim_options opt = nn_optim_defaults();
    opt.rate.eta0 = 0.5;
    opt.tol = 1e-12;
    opt.max_iter = 10000;
    nn_optim_result res;
    nn_error err;
    cr_assert_eq(nn_optim_minimize(line_mse, &d, w, 2, &opt, &res, &err), NN_OK, "%s",
                 err.message);
    cr_expect(res.converged);
    /* |g| <= 1e-12 puts (a, b) within 1e-12 / lambda_min of the minimum. */
    double bound = 1e-12 / fx->lambda_min + 1e-14;
    cr_expect(fabs(w[0] - fx->a) <= bound && fabs(w[1] - fx->b) <= bound,
              "expected np.polyfit's a = %.17g, b = %.17g, got %.17g, %.17g", fx->a, fx->b,
              w[0], w[1]);
    cr_expect(fabs(res.loss - fx->mse) <= 1e-14, "MSE: expected %.17g, got %.17g", fx->mse,
              res.loss);
}

Test(optim, line_fit_diverges_just_above_two_over_lambda_max)
{
    points d = {gd_fx_seed1_x, gd_fx_seed1_y, GD_FX_POINTS};
    const gd_fx_line *fx = &gd_fx_lines[0];
    nn_optim_options opt = nn_optim_defaults();
    opt.max_iter = 100000;
    nn_optim_result res;
    nn_error err;
    double w[2] = {0.0, 0.0};
    opt.rate.eta0 = 0.99 * fx->max_rate;
    cr_expect_eq(nn_optim_minimize(line_mse, &d, w, 2, &opt, &res, &err), NN_OK,
                 "eta = 0.99 * 2 / lambda_max must converge: %s", err.message);
    cr_expect(res.converged);
    w[0] = w[1] = 0.0;
    opt.rate.eta0 = 1.01 * fx->max_rate;
    cr_expect_eq(nn_optim_minimize(line_mse, &d, w, 2, &opt, &res, &err), NN_ERR_NUMERIC,
                 "eta = 1.01 * 2 / lambda_max must diverge");
    cr_expect(isfinite(w[0]) && isfinite(w[1]));
}
