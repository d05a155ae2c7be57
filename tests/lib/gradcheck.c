/* tests/lib/gradcheck.c - unit tests for the gradient checker (lib/gradcheck.h).
 *
 * The losses here have derivatives known in closed form, so each test can say exactly
 * what the numeric side must give: a quadratic (central differences are exact up to
 * rounding), a cubic (order 2's error is exactly h_i^2, which pins down both the central
 * formula and the relative step; order 4 cancels it), and a logistic neuron (a small
 * real model). Then the bookkeeping: parameters restored bit for bit, 4n loss calls in
 * order (up, down, twice as far up, twice as far down), the worst entry found,
 * NaN never hidden, errors from the callback passed on, bad arguments refused.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "gradcheck.h"

TestSuite(gradcheck, .timeout = 10);

/* ------------------------------------------------------------------------------------
 * Losses for the tests. Each reads its parameters through a context. */

typedef struct model {
    double *p;      /* the parameters the checker moves */
    size_t n;
    long calls;     /* loss evaluations so far */
    long fail_at;   /* return an error on this call (1-based); 0 never */
    long inf_at;    /* return an infinite loss on this call; 0 never */
    double seen[8]; /* p[0] as the loss saw it, call by call */
} model;

/* L(p) = sum_i c_i p_i^2 with c_i = i + 1, so dL/dp_i = 2 (i + 1) p_i. */
static nn_status quadratic(void *context, double *loss, nn_error *err)
{
    model *m = context;
    m->calls++;
    if (m->calls <= 8)
        m->seen[m->calls - 1] = m->p[0];
    if (m->fail_at && m->calls == m->fail_at)
        return nn_error_set(err, NN_ERR_STATE, "the model broke on call %ld", m->calls);
    double sum = 0.0;
    for (size_t i = 0; i < m->n; i++)
        sum += (double)(i + 1) * m->p[i] * m->p[i];
    *loss = m->inf_at && m->calls == m->inf_at ? INFINITY : sum;
    return NN_OK;
}

/* L(p) = sum_i p_i^3, dL/dp_i = 3 p_i^2. Central differences give exactly
 * 3 p^2 + h^2 (the h^2 L''' / 6 term, with L''' = 6), plus rounding. */
static nn_status cubic(void *context, double *loss, nn_error *err)
{
    (void)err;
    model *m = context;
    m->calls++;
    double sum = 0.0;
    for (size_t i = 0; i < m->n; i++)
        sum += m->p[i] * m->p[i] * m->p[i];
    *loss = sum;
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * The relative error. */

Test(gradcheck, relative_error_values)
{
    cr_expect_float_eq(nn_gradcheck_relative_error(1.0, 1.1, 1e-12), 0.1 / 1.1, 1e-15);
    cr_expect_float_eq(nn_gradcheck_relative_error(-2e-6, -1e-6, 1e-12), 0.5, 1e-15,
                       "scale-free: tiny gradients that differ by 2x are 0.5 apart");
    cr_expect_eq(nn_gradcheck_relative_error(3.0, -3.0, 1e-12), 2.0,
                 "opposite signs give 2");
    cr_expect_eq(nn_gradcheck_relative_error(0.5, 0.0, 1e-12), 1.0, "one zero gives 1");
    cr_expect_eq(nn_gradcheck_relative_error(0.0, 0.0, 0.0), 0.0,
                 "0 vs 0 is 0, even with tiny 0");
    cr_expect_eq(nn_gradcheck_relative_error(0.25, 0.25, 0.0), 0.0);
    /* Symmetric in its two arguments. */
    cr_expect_eq(nn_gradcheck_relative_error(1.1, 1.0, 1e-12),
                 nn_gradcheck_relative_error(1.0, 1.1, 1e-12));
}

Test(gradcheck, relative_error_floor)
{
    /* Both far below tiny: the difference is measured against tiny instead. */
    cr_expect_float_eq(nn_gradcheck_relative_error(1e-15, 3e-15, 1e-12), 2e-15 / 1e-12,
                       1e-15);
    /* Above tiny the floor plays no part. */
    cr_expect_float_eq(nn_gradcheck_relative_error(1e-9, 3e-9, 1e-12), 2.0 / 3.0, 1e-15);
}

Test(gradcheck, relative_error_nan_and_inf)
{
    cr_expect(isnan(nn_gradcheck_relative_error(NAN, 1.0, 1e-12)), "NaN analytic");
    cr_expect(isnan(nn_gradcheck_relative_error(1.0, NAN, 1e-12)), "NaN numeric");
    cr_expect(isnan(nn_gradcheck_relative_error(INFINITY, 1.0, 1e-12)),
              "infinite analytic");
    cr_expect(isnan(nn_gradcheck_relative_error(INFINITY, -INFINITY, 1e-12)));
}

/* ------------------------------------------------------------------------------------
 * The numeric gradient. */

Test(gradcheck, quadratic_is_exact_up_to_rounding)
{
    double p[] = {0.3, -1.7, 2.5, 0.0};
    model m = {p, 4, 0, 0, 0, {0}};
    double numeric[4];
    nn_error err;
    cr_assert_eq(nn_gradcheck_numeric(quadratic, &m, p, 4, NULL, numeric, &err), NN_OK,
                 "%s", err.message);
    for (size_t i = 0; i < 4; i++) {
        double want = 2.0 * (double)(i + 1) * p[i];
        cr_expect(fabs(numeric[i] - want) <= 1e-9 * fmax(1.0, fabs(want)),
                  "dL/dp_%zu: expected %.12g, got %.12g", i, want, numeric[i]);
    }
    cr_expect_eq(m.calls, 16, "expected 4 loss calls per parameter, got %ld for 4", m.calls);
}

Test(gradcheck, cubic_shows_the_central_difference_error)
{
    /* With h_i = 1e-3 max(1, |p_i|) the numeric slope of p^3 is 3 p^2 + h_i^2 exactly
     * (up to rounding, far smaller here). A forward difference would be off by 3 p h_i,
     * and a step of 1e-3 regardless of |p| would give 1e-6 for p = 4, not 1.6e-5. */
    double p[] = {0.5, -0.25, 4.0, -8.0};
    model m = {p, 4, 0, 0, 0, {0}};
    nn_gradcheck_options opt = {.h = 1e-3, .tiny = 1e-12, .order = 2};
    double numeric[4];
    cr_assert_eq(nn_gradcheck_numeric(cubic, &m, p, 4, &opt, numeric, NULL), NN_OK);
    for (size_t i = 0; i < 4; i++) {
        double h = 1e-3 * fmax(1.0, fabs(p[i]));
        double excess = numeric[i] - 3.0 * p[i] * p[i];
        cr_expect(fabs(excess - h * h) <= 1e-3 * h * h,
                  "p = %g: numeric - 3p^2 expected h^2 = %.6g, got %.6g", p[i], h * h,
                  excess);
    }
}

Test(gradcheck, richardson_is_exact_for_a_cubic)
{
    /* The h^2 error of the central difference is all a cubic has (its third derivative
     * is constant, the higher ones vanish): the default order 4 cancels it, leaving only
     * rounding, while order 2 with the same step is off by h^2 = 1e-6 or more. */
    double p[] = {0.5, -0.25, 4.0, -8.0};
    model m = {p, 4, 0, 0, 0, {0}};
    double numeric[4];
    cr_assert_eq(nn_gradcheck_numeric(cubic, &m, p, 4, NULL, numeric, NULL), NN_OK);
    for (size_t i = 0; i < 4; i++) {
        double want = 3.0 * p[i] * p[i];
        cr_expect(fabs(numeric[i] - want) <= 1e-10 * fmax(1.0, want),
                  "p = %g: expected %.15g, got %.15g", p[i], want, numeric[i]);
    }
    cr_expect_eq(m.calls, 16, "expected 4 loss calls per parameter, got %ld", m.calls);
}

Test(gradcheck, parameters_are_restored_bit_for_bit)
{
    /* 0.1 + s - s is not 0.1 in floating point for most s: the checker must keep the
     * original, not undo the step by arithmetic. */
    double p[] = {0.1, 1.0 / 3.0, -7.77e-3, 123456.789};
    double before[4];
    memcpy(before, p, sizeof p);
    model m = {p, 4, 0, 0, 0, {0}};
    double numeric[4];
    cr_assert_eq(nn_gradcheck_numeric(quadratic, &m, p, 4, NULL, numeric, NULL), NN_OK);
    cr_expect(memcmp(p, before, sizeof p) == 0,
              "the parameters changed: %.17g %.17g %.17g %.17g", p[0], p[1], p[2], p[3]);
}

Test(gradcheck, loss_sees_one_parameter_moved_up_then_down)
{
    double p[] = {2.0, 5.0};
    model m = {p, 2, 0, 0, 0, {0}};
    double numeric[2];
    cr_assert_eq(nn_gradcheck_numeric(quadratic, &m, p, 2, NULL, numeric, NULL), NN_OK);
    /* Parameter 0 (|p| = 2, so the step is 2e-3): up, down, twice as far up and down;
     * then p0 sits still. */
    cr_expect_eq(m.seen[0], 2.0 + 2e-3);
    cr_expect_eq(m.seen[1], 2.0 - 2e-3);
    cr_expect_eq(m.seen[2], 2.0 + 4e-3);
    cr_expect_eq(m.seen[3], 2.0 - 4e-3);
    cr_expect_eq(m.seen[4], 2.0, "p[0] must be back while p[1] moves");
    cr_expect_eq(m.seen[5], 2.0);
}

Test(gradcheck, no_parameters)
{
    nn_gradcheck_result res = {99, 99, 99.0, 99.0, 99.0};
    nn_error err;
    cr_expect_eq(nn_gradcheck(quadratic, NULL, NULL, NULL, 0, NULL, NULL, NULL, &res, &err),
                 NN_OK);
    cr_expect_eq(res.count, 0);
    cr_expect_eq(res.worst, 0);
    cr_expect_eq(res.worst_error, 0.0);
}

/* ------------------------------------------------------------------------------------
 * The check: the worst entry, and NaN. */

Test(gradcheck, right_gradient_passes_and_wrong_entry_is_found)
{
    double p[] = {0.3, -1.7, 2.5, 0.8, -0.4};
    model m = {p, 5, 0, 0, 0, {0}};
    double analytic[5];
    for (size_t i = 0; i < 5; i++)
        analytic[i] = 2.0 * (double)(i + 1) * p[i];
    double numeric[5], rel[5];
    nn_gradcheck_result res;
    nn_error err;
    cr_assert_eq(
        nn_gradcheck(quadratic, &m, p, analytic, 5, NULL, numeric, rel, &res, &err), NN_OK,
        "%s", err.message);
    cr_expect_eq(res.count, 5);
    cr_expect(res.worst_error < 1e-9, "a right gradient: worst relative error %.3g",
              res.worst_error);
    for (size_t i = 0; i < 5; i++)
        cr_expect_eq(rel[i], nn_gradcheck_relative_error(analytic[i], numeric[i], 1e-12));

    /* A bug in one entry (a missing factor 2, say) must be the worst, by far. */
    analytic[3] /= 2.0;
    cr_assert_eq(nn_gradcheck(quadratic, &m, p, analytic, 5, NULL, NULL, NULL, &res, &err),
                 NN_OK);
    cr_expect_eq(res.worst, 3, "worst: expected parameter 3, got %zu", res.worst);
    cr_expect_float_eq(res.worst_error, 0.5, 1e-9);
    cr_expect_eq(res.worst_analytic, analytic[3]);
    cr_expect_float_eq(res.worst_numeric, 2.0 * 4.0 * p[3], 1e-9);
}

Test(gradcheck, nan_is_the_worst_and_stays)
{
    double p[] = {1.0, 2.0, 3.0};
    model m = {p, 3, 0, 0, 0, {0}};
    double analytic[] = {2.0, NAN, 0.0}; /* entry 2 is badly wrong, entry 1 is NaN */
    nn_gradcheck_result res;
    cr_assert_eq(nn_gradcheck(quadratic, &m, p, analytic, 3, NULL, NULL, NULL, &res, NULL),
                 NN_OK);
    cr_expect_eq(res.worst, 1, "a NaN gradient must be reported as the worst, got %zu",
                 res.worst);
    cr_expect(isnan(res.worst_error));
}

/* One sigmoid neuron a = sigma(w1 x1 + w2 x2 + b) with the log-loss
 * L = -(y ln a + (1 - y) ln(1 - a)) on one sample: a small real model whose gradient
 * is known, dL/dw_k = (a - y) x_k and dL/db = a - y. */
typedef struct neuron {
    double wb[3]; /* w1, w2, b: the parameters */
    double x[2], y;
} neuron;

static double neuron_output(const neuron *nr)
{
    return 1.0 / (1.0 + exp(-(nr->wb[0] * nr->x[0] + nr->wb[1] * nr->x[1] + nr->wb[2])));
}

static nn_status neuron_logloss(void *context, double *loss, nn_error *err)
{
    (void)err;
    const neuron *nr = context;
    double a = neuron_output(nr);
    *loss = -(nr->y * log(a) + (1.0 - nr->y) * log(1.0 - a));
    return NN_OK;
}

Test(gradcheck, logistic_neuron_within_1e_7)
{
    neuron nr = {{0.7, -1.3, 0.2}, {0.5, 1.5}, 1.0};
    double a = neuron_output(&nr);
    double analytic[3] = {(a - nr.y) * nr.x[0], (a - nr.y) * nr.x[1], a - nr.y};
    nn_gradcheck_result res;
    nn_error err;
    cr_assert_eq(
        nn_gradcheck(neuron_logloss, &nr, nr.wb, analytic, 3, NULL, NULL, NULL, &res, &err),
        NN_OK, "%s", err.message);
    cr_expect(res.worst_error < 1e-7, "worst relative error %.3g at parameter %zu",
              res.worst_error, res.worst);
    /* The classic bug: forgetting the input in dL/dw. The check must flag it. */
    analytic[1] = a - nr.y;
    cr_assert_eq(
        nn_gradcheck(neuron_logloss, &nr, nr.wb, analytic, 3, NULL, NULL, NULL, &res, &err),
        NN_OK);
    cr_expect_eq(res.worst, 1);
    cr_expect_float_eq(
        res.worst_error, 1.0 / 3.0, 1e-6,
        "a gradient off by a factor 1.5: expected relative error 1/3, got %.6g",
        res.worst_error);
}

/* ------------------------------------------------------------------------------------
 * Errors. */

Test(gradcheck, loss_error_is_passed_on_and_parameter_restored)
{
    double p[] = {0.1, 0.2, 0.3};
    model m = {p, 3, 0, 6, 0, {0}}; /* fails on the 6th call: parameter 1 moved down */
    double numeric[3];
    nn_error err;
    cr_expect_eq(nn_gradcheck_numeric(quadratic, &m, p, 3, NULL, numeric, &err),
                 NN_ERR_STATE);
    cr_expect_str_eq(err.message, "the model broke on call 6");
    cr_expect_eq(p[1], 0.2, "parameter 1 must be restored after the failure, got %.17g",
                 p[1]);
    cr_expect_eq(m.calls, 6, "the check must stop at the failure, made %ld calls", m.calls);
}

Test(gradcheck, infinite_loss_is_a_numeric_error_naming_the_parameter)
{
    double p[] = {0.1, 0.2, 0.3};
    double analytic[] = {0.2, 0.8, 1.8};
    model m = {p, 3, 0, 0, 9, {0}}; /* the 9th call, parameter 2 moved up, gives inf */
    nn_error err;
    cr_expect_eq(nn_gradcheck(quadratic, &m, p, analytic, 3, NULL, NULL, NULL, NULL, &err),
                 NN_ERR_NUMERIC);
    cr_expect_str_eq(err.message, "gradcheck: the loss is inf with parameter 2 moved; the "
                     "numeric derivative needs finite losses");
    cr_expect_eq(p[2], 0.3);
}

Test(gradcheck, bad_arguments)
{
    double p[] = {1.0}, g[] = {2.0}, out[1];
    model m = {p, 1, 0, 0, 0, {0}};
    nn_error err;
    nn_gradcheck_options zero = {.h = 0.0, .tiny = 1e-12, .order = 2},
                         nan_h = {.h = NAN, .tiny = 1e-12, .order = 2},
                         neg_tiny = {.h = 1e-5, .tiny = -1.0, .order = 4},
                         order_3 = {.h = 1e-5, .tiny = 1e-12, .order = 3};
    cr_expect_eq(nn_gradcheck(quadratic, &m, p, g, 1, &zero, NULL, NULL, NULL, &err),
                 NN_ERR_ARG);
    cr_expect_str_eq(err.message, "gradcheck: the step h must be finite and > 0, got 0");
    cr_expect_eq(nn_gradcheck_numeric(quadratic, &m, p, 1, &nan_h, out, &err), NN_ERR_ARG);
    cr_expect_eq(nn_gradcheck(quadratic, &m, p, g, 1, &neg_tiny, NULL, NULL, NULL, &err),
                 NN_ERR_ARG);
    cr_expect_str_eq(err.message, "gradcheck: tiny must be finite and >= 0, got -1");
    cr_expect_eq(nn_gradcheck_numeric(quadratic, &m, p, 1, &order_3, out, &err), NN_ERR_ARG);
    cr_expect_str_eq(err.message, "gradcheck: the order must be 2 or 4, got 3");
    cr_expect_eq(nn_gradcheck(NULL, &m, p, g, 1, NULL, NULL, NULL, NULL, &err), NN_ERR_ARG);
    cr_expect_str_eq(err.message, "gradcheck: the loss callback is NULL");
    cr_expect_eq(nn_gradcheck(quadratic, &m, NULL, g, 1, NULL, NULL, NULL, NULL, &err),
                 NN_ERR_ARG);
    cr_expect_str_eq(err.message, "gradcheck: the parameter array is NULL");
    cr_expect_eq(nn_gradcheck(quadratic, &m, p, NULL, 1, NULL, NULL, NULL, NULL, &err),
                 NN_ERR_ARG);
    cr_expect_str_eq(err.message, "gradcheck: the analytic gradient is NULL");
    cr_expect_eq(nn_gradcheck_numeric(quadratic, &m, p, 1, NULL, NULL, &err), NN_ERR_ARG);
    cr_expect_eq(m.calls, 0, "the loss was called despite bad arguments");
    cr_expect_eq(p[0], 1.0);
}

Test(gradcheck, defaults)
{
    nn_gradcheck_options opt = nn_gradcheck_defaults();
    cr_expect_eq(opt.h, 1e-3);
    cr_expect_eq(opt.tiny, 1e-12);
    cr_expect_eq(opt.order, 4);
}
