/* tests/lib/lbfgs.c - L-BFGS: minima found, stopping rules, line-search guarantees.
 *
 * The functions are classics with known minima: a badly scaled quadratic (the exact
 * minimum is known), Rosenbrock's banana valley (minimum at (1, ..., 1)), and one that
 * is unbounded below. The stopping messages are scipy L-BFGS-B's, which scikit-learn
 * shows in its convergence warning.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "lbfgs.h"

TestSuite(lbfgs, .timeout = 20);

typedef struct counter {
    long calls;
    long fail_at;        /* return an error on this call (0: never) */
    double last_f;
    int nonincreasing;   /* every accepted iterate so far had f <= the one before */
} counter;

/* f(x) = sum_i c_i (x_i - i)^2 with c_i = 10^(i mod 4): conditioning 1000. */
static nn_status quadratic(const double *x, size_t n, double *f, double *g, void *ctx,
                           nn_error *err)
{
    counter *c = ctx;
    c->calls++;
    if (c->fail_at && c->calls == c->fail_at)
        return nn_error_set(err, NN_ERR_STATE, "objective failed on purpose");
    *f = 0.0;
    for (size_t i = 0; i < n; i++) {
        double ci = pow(10.0, (double)(i % 4)), d = x[i] - (double)i;
        *f += ci * d * d;
        g[i] = 2.0 * ci * d;
    }
    return NN_OK;
}

static nn_status rosenbrock(const double *x, size_t n, double *f, double *g, void *ctx,
                            nn_error *err)
{
    (void)err;
    ((counter *)ctx)->calls++;
    *f = 0.0;
    for (size_t i = 0; i < n; i++)
        g[i] = 0.0;
    for (size_t i = 0; i + 1 < n; i++) {
        double a = x[i + 1] - x[i] * x[i], b = 1.0 - x[i];
        *f += 100.0 * a * a + b * b;
        g[i] += -400.0 * x[i] * a - 2.0 * b;
        g[i + 1] += 200.0 * a;
    }
    return NN_OK;
}

static nn_status unbounded(const double *x, size_t n, double *f, double *g, void *ctx,
                           nn_error *err)
{
    (void)ctx, (void)err;
    *f = 0.0;
    for (size_t i = 0; i < n; i++) {
        *f -= x[i];
        g[i] = -1.0;
    }
    return NN_OK;
}

static nn_status not_finite(const double *x, size_t n, double *f, double *g, void *ctx,
                            nn_error *err)
{
    (void)x, (void)ctx, (void)err;
    *f = NAN;
    for (size_t i = 0; i < n; i++)
        g[i] = 0.0;
    return NN_OK;
}

static void watch(long iteration, double f, void *ctx)
{
    counter *c = ctx;
    if (iteration > 1 && f > c->last_f)
        c->nonincreasing = 0;
    c->last_f = f;
}

Test(lbfgs, finds_the_minimum_of_a_badly_scaled_quadratic)
{
    double x[12] = {0};
    counter c = {0, 0, INFINITY, 1};
    nn_lbfgs_options opt = nn_lbfgs_defaults();
    opt.gtol = 1e-10;
    opt.ftol = 0; /* stop on the gradient only */
    opt.observe = watch;
    opt.observe_context = &c;
    nn_lbfgs_result res;
    cr_assert_eq(nn_lbfgs_minimize(quadratic, &c, x, 12, &opt, &res, NULL), NN_OK);
    cr_assert_eq(res.status, 0, "status %d: %s", res.status, res.message);
    for (int i = 0; i < 12; i++)
        cr_assert_float_eq(x[i], (double)i, 1e-9, "x[%d] = %.17g", i, x[i]);
    cr_assert(res.f < 1e-15, "f = %g at the minimum", res.f);
    cr_assert(c.nonincreasing, "an iterate increased f: the line search must give descent");
    cr_assert_eq(res.nfev, c.calls, "nfev %ld but the objective ran %ld times", res.nfev,
                 c.calls);
    cr_assert(res.nit < 60, "a quadratic in 12 variables took %ld iterations", res.nit);
}

Test(lbfgs, solves_rosenbrock)
{
    double x[6] = {-1.2, 1, -1.2, 1, -1.2, 1};
    counter c = {0, 0, INFINITY, 1};
    nn_lbfgs_options opt = nn_lbfgs_defaults();
    opt.gtol = 1e-8;
    opt.ftol = 0;
    nn_lbfgs_result res;
    cr_assert_eq(nn_lbfgs_minimize(rosenbrock, &c, x, 6, &opt, &res, NULL), NN_OK);
    cr_assert_eq(res.status, 0, "status %d: %s", res.status, res.message);
    cr_assert_str_eq(res.message, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL");
    for (int i = 0; i < 6; i++)
        cr_assert_float_eq(x[i], 1.0, 1e-6, "x[%d] = %.17g", i, x[i]);
    cr_assert(res.gnorm <= 1e-8);
}

Test(lbfgs, stops_at_max_iter_with_scipys_message)
{
    double x[6] = {-1.2, 1, -1.2, 1, -1.2, 1};
    counter c = {0, 0, INFINITY, 1};
    nn_lbfgs_options opt = nn_lbfgs_defaults();
    opt.max_iter = 5;
    nn_lbfgs_result res;
    cr_assert_eq(nn_lbfgs_minimize(rosenbrock, &c, x, 6, &opt, &res, NULL), NN_OK);
    cr_assert_eq(res.status, 1);
    cr_assert_eq(res.nit, 5);
    cr_assert_str_eq(res.message, "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT");
}

Test(lbfgs, stops_when_evaluations_exceed_max_fun)
{
    double x[6] = {-1.2, 1, -1.2, 1, -1.2, 1};
    counter c = {0, 0, INFINITY, 1};
    nn_lbfgs_options opt = nn_lbfgs_defaults();
    opt.max_fun = 10;
    nn_lbfgs_result res;
    cr_assert_eq(nn_lbfgs_minimize(rosenbrock, &c, x, 6, &opt, &res, NULL), NN_OK);
    cr_assert_eq(res.status, 1);
    cr_assert_str_eq(res.message, "STOP: TOTAL NO. of f AND g EVALUATIONS EXCEEDS LIMIT");
    cr_assert(res.nfev > 10, "stopped with nfev = %ld, before exceeding max_fun", res.nfev);
    cr_assert(res.nfev <= 10 + opt.max_ls, "the check runs after every iteration");
}

Test(lbfgs, relative_reduction_stop)
{
    double x[6] = {-1.2, 1, -1.2, 1, -1.2, 1};
    counter c = {0, 0, INFINITY, 1};
    nn_lbfgs_options opt = nn_lbfgs_defaults();
    opt.gtol = 0;
    opt.ftol = 1e-3; /* loose: stops long before the gradient vanishes */
    nn_lbfgs_result res;
    cr_assert_eq(nn_lbfgs_minimize(rosenbrock, &c, x, 6, &opt, &res, NULL), NN_OK);
    cr_assert_eq(res.status, 0);
    cr_assert_str_eq(res.message, "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH");
}

Test(lbfgs, a_minimum_at_the_start_takes_no_iteration)
{
    double x[3] = {0, 1, 2};
    counter c = {0, 0, INFINITY, 1};
    nn_lbfgs_result res;
    cr_assert_eq(nn_lbfgs_minimize(quadratic, &c, x, 3, NULL, &res, NULL), NN_OK);
    cr_assert_eq(res.nit, 0);
    cr_assert_eq(res.nfev, 1);
    cr_assert_eq(res.status, 0);
}

Test(lbfgs, unbounded_below_ends_without_nan)
{
    double x[2] = {0, 0};
    nn_lbfgs_options opt = nn_lbfgs_defaults();
    opt.max_iter = 50;
    nn_lbfgs_result res;
    cr_assert_eq(nn_lbfgs_minimize(unbounded, NULL, x, 2, &opt, &res, NULL), NN_OK);
    cr_assert(isfinite(x[0]) && isfinite(x[1]) && isfinite(res.f), "x = (%g, %g), f = %g",
              x[0], x[1], res.f);
    cr_assert(res.f < -1e6, "the iterates should run far downhill, f = %g", res.f);
}

Test(lbfgs, errors_are_reported)
{
    double x[3] = {5, 5, 5};
    nn_error err;
    nn_lbfgs_result res;
    cr_assert_eq(nn_lbfgs_minimize(not_finite, NULL, x, 3, NULL, &res, &err), NN_ERR_NUMERIC);
    cr_assert(strstr(err.message, "not finite at the starting point"), "%s", err.message);

    counter c = {0, 3, INFINITY, 1};
    double y[3] = {5, 5, 5};
    cr_assert_eq(nn_lbfgs_minimize(quadratic, &c, y, 3, NULL, &res, &err), NN_ERR_STATE,
                 "the objective's own error must come back");
    cr_assert_str_eq(err.message, "objective failed on purpose");
    for (int i = 0; i < 3; i++)
        cr_assert(isfinite(y[i]), "x must be left at a point where f was computed");

    nn_lbfgs_options opt = nn_lbfgs_defaults();
    opt.m = 0;
    cr_assert_eq(nn_lbfgs_minimize(quadratic, &c, y, 3, &opt, &res, &err), NN_ERR_ARG);

    long live = nn_alloc_live();
    nn_alloc_fail_after(0);
    cr_assert_eq(nn_lbfgs_minimize(quadratic, &c, y, 3, NULL, &res, &err), NN_ERR_NOMEM);
    nn_alloc_fail_after(-1);
    cr_assert_eq(nn_alloc_live(), live);
}
