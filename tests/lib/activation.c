/* tests/lib/activation.c - the activations against long-double maths and scikit-learn.
 *
 * Three kinds of reference:
 *   - long double (64-bit mantissa) versions of the formulas, computed here, over dense
 *     sweeps of x: the error of each double result is measured in ulps (units in the
 *     last place of the true value) and the worst case is named in the message;
 *   - scikit-learn's own ACTIVATIONS and DERIVATIVES, recorded by
 *     tools/fixtures/activation.py in tests/fixtures/activation.h;
 *   - the edge cases the chapter promises: +-1000, +-inf, NaN, -0.0, subnormals, and
 *     no floating-point overflow or invalid-operation flag raised on the way.
 */
#include <criterion/criterion.h>
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "activation.h"
#include "fixtures/activation.h"

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

TestSuite(activation, .timeout = 10);

/* ---- Measuring errors ------------------------------------------------------------ */

/* The error of got against the true value ref, in ulps of ref's binade (subnormals:
 * in units of the smallest subnormal, 2^-1074). */
static double ulp_error(double got, long double ref)
{
    if (isnan(got) || isnan((double)ref))
        return isnan(got) && isnan((double)ref) ? 0.0 : INFINITY;
    if (isinf(got) || isinf((double)ref))
        return got == (double)ref ? 0.0 : INFINITY;
    double r = (double)ref;
    long double ulp = fabs(r) < DBL_MIN ? ldexpl(1.0L, -1074) : ldexpl(1.0L, ilogb(r) - 52);
    return (double)(fabsl((long double)got - ref) / ulp);
}

/* How many doubles lie between a and b (0 when equal; +0 and -0 count as equal). */
static uint64_t ulp_distance(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b) ? 0 : UINT64_MAX;
    int64_t ia, ib;
    memcpy(&ia, &a, sizeof ia);
    memcpy(&ib, &b, sizeof ib);
    ia = ia < 0 ? -(ia & INT64_MAX) : ia; /* order the bit patterns like the numbers */
    ib = ib < 0 ? -(ib & INT64_MAX) : ib;
    return ia > ib ? (uint64_t)ia - (uint64_t)ib : (uint64_t)ib - (uint64_t)ia;
}

static long double sigmoid_l(long double x)
{
    return 1.0L / (1.0L + expl(-x));
}

/* Calls f on every x of a sweep: -746 to 746 in steps of 1/128, then a geometric
 * sweep from 1e-20 to 40 of both signs (tiny inputs, and where sigma(x) nears 1). */
typedef struct worst {
    double ulps, at;
} worst;

static void sweep(void (*f)(double x, worst *w), worst *w)
{
    w->ulps = 0.0;
    w->at = NAN;
    for (double x = -746.0; x <= 746.0; x += 1.0 / 128)
        f(x, w);
    for (double x = 1e-20; x < 40.0; x *= 1.0007) {
        f(x, w);
        f(-x, w);
    }
}

static void note(worst *w, double ulps, double x)
{
    if (!(ulps <= w->ulps)) { /* also catches NaN */
        w->ulps = ulps;
        w->at = x;
    }
}

/* ---- Names ------------------------------------------------------------------------- */

Test(activation, names_round_trip_in_enum_order)
{
    const char *expected[] = {"identity", "logistic", "tanh", "relu", "softmax"};
    char choices[] = NN_ACTIVATION_CHOICES;
    char *save = NULL, *token = strtok_r(choices, "|", &save);
    for (int i = 0; i < NN_ACTIVATION_COUNT; i++) {
        cr_expect_str_eq(nn_activation_name((nn_activation)i), expected[i],
                         "nn_activation_name(%d): expected %s", i, expected[i]);
        cr_assert_not_null(token, "NN_ACTIVATION_CHOICES has fewer than %d names", i + 1);
        cr_expect_str_eq(token, expected[i], "NN_ACTIVATION_CHOICES name %d", i);
        token = strtok_r(NULL, "|", &save);
        nn_activation a = (nn_activation)-1;
        nn_error err;
        cr_expect_eq(nn_activation_parse(expected[i], &a, &err), NN_OK,
                     "nn_activation_parse(\"%s\") failed", expected[i]);
        cr_expect_eq((int)a, i, "nn_activation_parse(\"%s\") gave %d", expected[i], (int)a);
    }
    cr_expect_null(token, "NN_ACTIVATION_CHOICES has extra names");
    cr_expect_str_eq(nn_activation_name((nn_activation)NN_ACTIVATION_COUNT), "unknown");
}

Test(activation, parse_rejects_unknown_names_and_lists_the_valid_ones)
{
    const char *bad[] = {"sigmoid", "Logistic", "", "relu ", "softplus"};
    for (size_t i = 0; i < COUNT_OF(bad); i++) {
        nn_activation a = NN_TANH;
        nn_error err;
        cr_expect_eq(nn_activation_parse(bad[i], &a, &err), NN_ERR_ARG,
                     "nn_activation_parse(\"%s\") should fail", bad[i]);
        cr_expect_eq(err.code, NN_ERR_ARG);
        cr_expect_eq(a, NN_TANH, "a failed parse of \"%s\" changed *out", bad[i]);
        cr_expect(strstr(err.message, "identity, logistic, tanh, relu, softmax") != NULL,
                  "the message should list the valid names: %s", err.message);
    }
    nn_activation a;
    nn_error err;
    nn_activation_parse("sigmoid", &a, &err);
    cr_expect(strstr(err.message, "'logistic'") != NULL,
              "\"sigmoid\" should point to 'logistic': %s", err.message);
    cr_expect_eq(nn_activation_parse(NULL, &a, &err), NN_ERR_ARG);
    cr_expect_eq(nn_activation_parse("tanhh", &a, NULL), NN_ERR_ARG, "err may be NULL");
}

/* ---- The sigmoid ------------------------------------------------------------------- */

static void sigmoid_error(double x, worst *w)
{
    note(w, ulp_error(nn_sigmoid(x), sigmoid_l(x)), x);
}

Test(activation, sigmoid_is_within_a_few_ulps_of_long_double_everywhere)
{
    worst w;
    sweep(sigmoid_error, &w);
    cr_expect(w.ulps <= 2.5, "nn_sigmoid: worst error %.3f ulps at x = %.17g (limit 2.5)",
              w.ulps, w.at);
}

Test(activation, sigmoid_is_scipys_expit_from_minus_708_up)
{
    /* expit(x) is 1 / (1 + exp(-x)) in double. The same expression here, with this
     * machine's exp, must give the same bits: the library may not reorder it. */
    for (double x = -708.0; x <= 746.0; x += 1.0 / 64) {
        volatile double vx = x;
        double expit = 1.0 / (1.0 + exp(-vx));
        cr_assert(nn_sigmoid(x) == expit,
                  "nn_sigmoid(%.17g) = %a, but 1 / (1 + exp(-x)) = %a", x, nn_sigmoid(x), expit);
    }
    /* And scipy's own numbers (made with another program's exp: at most 1 ulp apart). */
    for (size_t i = 0; i < COUNT_OF(activation_fx_logistic_x); i++) {
        double x = activation_fx_logistic_x[i], want = activation_fx_logistic_y[i];
        double got = nn_sigmoid(x);
        cr_expect(ulp_distance(got, want) <= 1,
                  "nn_sigmoid(%.17g): scipy's expit gives %.17g, got %.17g", x, want, got);
    }
}

Test(activation, sigmoid_at_the_extremes)
{
    static const struct { double x, want; } cases[] = {
        {0.0, 0.5}, {-0.0, 0.5}, {1e-300, 0.5}, {-1e-300, 0.5}, {5e-324, 0.5},
        {1000.0, 1.0}, {1e308, 1.0}, {INFINITY, 1.0}, {40.0, 1.0},
        {-1000.0, 0.0}, {-1e308, 0.0}, {-INFINITY, 0.0}, {-746.0, 0.0},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        volatile double x = cases[i].x;
        feclearexcept(FE_ALL_EXCEPT);
        double y = nn_sigmoid(x);
        int flags = fetestexcept(FE_OVERFLOW | FE_INVALID | FE_DIVBYZERO);
        cr_expect(y == cases[i].want && !signbit(y), "nn_sigmoid(%g): expected %g, got %g",
                  cases[i].x, cases[i].want, y);
        cr_expect(flags == 0, "nn_sigmoid(%g) raised a floating-point exception "
                  "(overflow %d, invalid %d, divide-by-zero %d)", cases[i].x,
                  !!(flags & FE_OVERFLOW), !!(flags & FE_INVALID), !!(flags & FE_DIVBYZERO));
    }
    cr_expect(isnan(nn_sigmoid(NAN)), "nn_sigmoid(NaN) should be NaN");

    /* Where the textbook formula overflows to 0, the true value is still representable:
     * sigma(-740) is about e^-740 = 4.2e-322, a subnormal number. */
    for (double x = -745.0; x < -708.0; x += 0.25) {
        double got = nn_sigmoid(x);
        long double want = expl((long double)x) / (1.0L + expl((long double)x));
        cr_expect(ulp_error(got, want) <= 1.0,
                  "nn_sigmoid(%g): expected %Lg (a subnormal, not 0), got %g", x, want, got);
    }
}

Test(activation, sigmoid_is_symmetric)
{
    /* sigma(-x) + sigma(x) = 1. (Not sigma(-x) == 1 - sigma(x): that subtraction is
     * exact, but sigma(x) near 1 has already rounded away the digits of sigma(-x).) */
    for (double x = 0.0; x <= 40.0; x += 0.0625) {
        long double total = (long double)nn_sigmoid(-x) + nn_sigmoid(x);
        cr_expect(fabsl(total - 1.0L) <= DBL_EPSILON,
                  "sigma(-%g) + sigma(%g) = 1 %+.3Lg", x, x, total - 1.0L);
    }
}

static void derivative_error(double x, worst *w)
{
    note(w, ulp_error(nn_sigmoid_derivative(x), sigmoid_l(x) * sigmoid_l(-x)), x);
}

Test(activation, sigmoid_derivative_is_accurate_where_1_minus_sigma_fails)
{
    worst w;
    sweep(derivative_error, &w);
    cr_expect(w.ulps <= 4.0,
              "nn_sigmoid_derivative: worst error %.3f ulps at x = %.17g (limit 4)", w.ulps, w.at);
    /* At x = 40, sigma(x) rounds to 1, so y (1 - y) is 0; the true slope is e^-40. */
    cr_expect(nn_sigmoid(40.0) == 1.0);
    cr_expect(nn_sigmoid_derivative_from_output(nn_sigmoid(40.0)) == 0.0);
    long double want = expl(-40.0L) / ((1 + expl(-40.0L)) * (1 + expl(-40.0L)));
    cr_expect(ulp_error(nn_sigmoid_derivative(40.0), want) <= 4.0,
              "nn_sigmoid_derivative(40): expected %Lg, got %g", want, nn_sigmoid_derivative(40.0));
    cr_expect(nn_sigmoid_derivative(0.0) == 0.25);
    cr_expect(nn_sigmoid_derivative(INFINITY) == 0.0 && !signbit(nn_sigmoid_derivative(INFINITY)));
    cr_expect(nn_sigmoid_derivative(-INFINITY) == 0.0);
    cr_expect(nn_sigmoid_derivative(1000.0) == 0.0 && nn_sigmoid_derivative(-1000.0) == 0.0);
    cr_expect(isnan(nn_sigmoid_derivative(NAN)));
}

Test(activation, derivatives_from_the_output)
{
    /* From the output the slope is exact arithmetic on y: compare with long double. */
    double worst_s = 0, worst_t = 0, at_s = 0, at_t = 0;
    for (double y = 0.0; y <= 1.0; y += 1.0 / 4096 + 1e-9) {
        double e = ulp_error(nn_sigmoid_derivative_from_output(y),
                             (long double)y * (1.0L - (long double)y));
        if (e > worst_s) worst_s = e, at_s = y;
        double t = 2 * y - 1; /* tanh outputs in [-1, 1] */
        e = ulp_error(nn_tanh_derivative_from_output(t), 1.0L - (long double)t * t);
        if (e > worst_t) worst_t = e, at_t = t;
    }
    cr_expect(worst_s <= 1.5, "y (1 - y): worst error %.3f ulps at y = %.17g", worst_s, at_s);
    cr_expect(worst_t <= 1.5, "1 - y^2: worst error %.3f ulps at y = %.17g", worst_t, at_t);

    cr_expect(nn_sigmoid_derivative_from_output(0.5) == 0.25);
    cr_expect(nn_sigmoid_derivative_from_output(nn_sigmoid(2.0)) ==
              nn_sigmoid(2.0) * (1.0 - nn_sigmoid(2.0)));
    double ends[] = {0.0, 1.0, -0.0};
    for (int i = 0; i < 3; i++) {
        double d = nn_sigmoid_derivative_from_output(ends[i]);
        cr_expect(d == 0.0 && !signbit(d), "y (1 - y) at y = %g: expected +0, got %g", ends[i], d);
        d = nn_tanh_derivative_from_output(ends[i] * 2 - 1);
        cr_expect(d == 0.0 && !signbit(d), "1 - y^2 at y = %g: expected +0, got %g",
                  ends[i] * 2 - 1, d);
    }
    cr_expect(nn_tanh_derivative_from_output(0.0) == 1.0);
    cr_expect(nn_tanh_derivative_from_output(-0.0) == 1.0);
    cr_expect(isnan(nn_sigmoid_derivative_from_output(NAN)));
    cr_expect(isnan(nn_tanh_derivative_from_output(NAN)));
}

Test(activation, threshold_class_is_strictly_greater)
{
    cr_expect_eq(nn_threshold_class(0.5, 0.5), 0, "p = 0.5 is class 0, as in scikit-learn");
    cr_expect_eq(nn_threshold_class(nextafter(0.5, 1.0), 0.5), 1);
    cr_expect_eq(nn_threshold_class(0.9, 0.5), 1);
    cr_expect_eq(nn_threshold_class(0.1, 0.5), 0);
    cr_expect_eq(nn_threshold_class(NAN, 0.5), 0, "NaN is class 0");
    cr_expect_eq(nn_threshold_class(0.8, 0.9), 0);
    cr_expect_eq(nn_threshold_class(nn_sigmoid(0.0), 0.5), 0, "x = 0 sits on the boundary");
    cr_expect_eq(nn_threshold_class(nn_sigmoid(1e-15), 0.5), 1, "sigma(1e-15) > 0.5");
    cr_expect_eq(nn_threshold_class(nn_sigmoid(-1e-15), 0.5), 0);
}

/* ---- tanh and relu ------------------------------------------------------------------ */

static void tanh_error(double x, worst *w)
{
    double v = x;
    nn_activation_apply(NN_TANH, &v, 1, 1, NULL);
    note(w, ulp_error(v, tanhl(x)), x);
}

Test(activation, tanh_is_within_a_few_ulps_of_long_double)
{
    worst w;
    sweep(tanh_error, &w);
    cr_expect(w.ulps <= 2.5, "tanh: worst error %.3f ulps at x = %.17g (limit 2.5)", w.ulps, w.at);
}

Test(activation, relu_and_its_derivative_at_the_edges)
{
    static const struct { double x, want; } cases[] = {
        {-0.0, 0.0}, {0.0, 0.0}, {-5e-324, 0.0}, {5e-324, 5e-324}, {-1000.0, 0.0},
        {1000.0, 1000.0}, {-INFINITY, 0.0}, {INFINITY, INFINITY}, {0.25, 0.25},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        double y = nn_relu(cases[i].x);
        cr_expect(y == cases[i].want && !signbit(y), "nn_relu(%g): expected %g, got %s%g",
                  cases[i].x, cases[i].want, signbit(y) ? "(negative) " : "", y);
        double d = nn_relu_derivative_from_output(y);
        cr_expect(d == (y > 0.0 ? 1.0 : 0.0) && !signbit(d),
                  "nn_relu_derivative_from_output(%g) = %g", y, d);
    }
    cr_expect(isnan(nn_relu(NAN)), "nn_relu(NaN) should be NaN, not 0");
    cr_expect(isnan(nn_relu_derivative_from_output(NAN)));
}

/* ---- Whole arrays against scikit-learn ------------------------------------------------ */

static void check_activation(nn_activation a, const double *x, const double *want, size_t n,
                             uint64_t max_ulps)
{
    double *got = malloc(n * sizeof *got);
    cr_assert_not_null(got);
    memcpy(got, x, n * sizeof *got);
    cr_assert_eq(nn_activation_apply(a, got, 1, n, NULL), NN_OK);
    for (size_t i = 0; i < n; i++) {
        cr_expect(ulp_distance(got[i], want[i]) <= max_ulps,
                  "%s(%.17g): scikit-learn gives %.17g, got %.17g", nn_activation_name(a),
                  x[i], want[i], got[i]);
        if (want[i] == 0.0 && a == NN_RELU)
            cr_expect(!signbit(got[i]), "relu(%g) gave -0.0", x[i]);
    }
    free(got);
}

Test(activation, apply_matches_scikit_learn)
{
    check_activation(NN_LOGISTIC, activation_fx_logistic_x, activation_fx_logistic_y,
                     COUNT_OF(activation_fx_logistic_x), 1);
    check_activation(NN_TANH, activation_fx_tanh_x, activation_fx_tanh_y,
                     COUNT_OF(activation_fx_tanh_x), 1);
    check_activation(NN_RELU, activation_fx_relu_x, activation_fx_relu_y,
                     COUNT_OF(activation_fx_relu_x), 0);
    /* identity leaves everything as it is, to the bit. */
    double x[] = {-0.0, 1.5, NAN, -INFINITY, 5e-324}, y[5];
    memcpy(y, x, sizeof x);
    cr_expect_eq(nn_activation_apply(NN_IDENTITY, y, 5, 1, NULL), NN_OK);
    cr_expect_eq(memcmp(x, y, sizeof x), 0, "identity changed its input");
}

Test(activation, apply_works_on_a_block)
{
    /* 3 x 4, row-major: each element of an element-wise activation is its scalar. */
    double x[12], y[12];
    for (int i = 0; i < 12; i++)
        x[i] = y[i] = (i - 6) * 0.75;
    cr_assert_eq(nn_activation_apply(NN_LOGISTIC, y, 3, 4, NULL), NN_OK);
    for (int i = 0; i < 12; i++)
        cr_expect(y[i] == nn_sigmoid(x[i]), "element %d of a 3 x 4 block", i);
    memcpy(y, x, sizeof x);
    cr_assert_eq(nn_activation_apply(NN_RELU, y, 4, 3, NULL), NN_OK);
    for (int i = 0; i < 12; i++)
        cr_expect(y[i] == nn_relu(x[i]), "relu, element %d", i);
    /* Empty blocks are fine, even with a NULL array. */
    cr_expect_eq(nn_activation_apply(NN_SOFTMAX, NULL, 0, 5, NULL), NN_OK);
    cr_expect_eq(nn_activation_apply(NN_LOGISTIC, NULL, 7, 0, NULL), NN_OK);
}

Test(activation, apply_rejects_bad_arguments_without_touching_the_data)
{
    double x[2] = {1.0, 2.0};
    nn_error err;
    cr_expect_eq(nn_activation_apply((nn_activation)99, x, 1, 2, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "unknown activation") != NULL, "%s", err.message);
    cr_expect(x[0] == 1.0 && x[1] == 2.0, "a failed call changed the data");
    cr_expect_eq(nn_activation_apply(NN_TANH, x, SIZE_MAX / 2 + 2, 2, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "overflow") != NULL, "%s", err.message);
    cr_expect_eq(nn_activation_apply(NN_TANH, NULL, 2, 2, &err), NN_ERR_ARG);
    cr_expect(x[0] == 1.0 && x[1] == 2.0, "a failed call changed the data");
}

/* ---- Derivatives in place --------------------------------------------------------------- */

static void check_derivative(nn_activation a, const double *z, const double *delta,
                             const double *want, size_t n)
{
    double *got = malloc(n * sizeof *got);
    cr_assert_not_null(got);
    memcpy(got, delta, n * sizeof *got);
    cr_assert_eq(nn_activation_derivative(a, z, got, 1, n, NULL), NN_OK);
    for (size_t i = 0; i < n; i++) {
        /* Pure arithmetic in scikit-learn's order: the same bits on every machine
         * (== also accepts our +0.0 where numpy has -0.0). */
        cr_expect(got[i] == want[i], "%s derivative, z = %.17g, delta = %.17g: scikit-learn "
                  "gives %a, got %a", nn_activation_name(a), z[i], delta[i], want[i], got[i]);
        cr_expect(!(got[i] == 0.0 && signbit(got[i])) || a == NN_IDENTITY,
                  "%s derivative, z = %.17g, delta = %.17g: -0.0", nn_activation_name(a),
                  z[i], delta[i]);
    }
    free(got);
}

Test(activation, derivatives_match_scikit_learn_bit_for_bit)
{
    check_derivative(NN_LOGISTIC, activation_fx_dlogistic_z, activation_fx_dlogistic_delta,
                     activation_fx_dlogistic_out, COUNT_OF(activation_fx_dlogistic_z));
    check_derivative(NN_TANH, activation_fx_dtanh_z, activation_fx_dtanh_delta,
                     activation_fx_dtanh_out, COUNT_OF(activation_fx_dtanh_z));
    check_derivative(NN_RELU, activation_fx_drelu_z, activation_fx_drelu_delta,
                     activation_fx_drelu_out, COUNT_OF(activation_fx_drelu_z));
}

Test(activation, derivative_edge_cases)
{
    /* Saturated outputs with negative deltas: the slope is 0, and the result +0.0. */
    double z[] = {1.0, 0.0, 1.0, -1.0, 0.0, 2.0};
    double d[] = {-3.0, -2.0, -1.0, -4.0, -5.0, -6.0};
    nn_activation_derivative(NN_LOGISTIC, z, d, 1, 2, NULL);
    nn_activation_derivative(NN_TANH, z + 2, d + 2, 1, 2, NULL);
    nn_activation_derivative(NN_RELU, z + 4, d + 4, 1, 2, NULL);
    double want[] = {0.0, 0.0, 0.0, 0.0, 0.0, -6.0};
    for (int i = 0; i < 6; i++)
        cr_expect(d[i] == want[i] && signbit(d[i]) == signbit(want[i]),
                  "element %d: expected %g, got %g%s", i, want[i], d[i],
                  signbit(d[i]) && d[i] == 0.0 ? " (negative zero)" : "");

    /* z and delta may be one array: delta = z z (1 - z). */
    double same[] = {0.5, 0.25};
    cr_expect_eq(nn_activation_derivative(NN_LOGISTIC, same, same, 2, 1, NULL), NN_OK);
    cr_expect(same[0] == 0.125 && same[1] == 0.25 * 0.25 * 0.75, "aliased z and delta: %g %g",
              same[0], same[1]);

    /* NaN passes through: a broken value must stay visible. */
    double zn[] = {NAN}, dn[] = {1.0};
    nn_activation_derivative(NN_LOGISTIC, zn, dn, 1, 1, NULL);
    cr_expect(isnan(dn[0]), "logistic derivative at z = NaN should be NaN, got %g", dn[0]);
}

Test(activation, derivative_refuses_softmax_and_bad_arguments)
{
    double z[] = {0.25, 0.75}, delta[] = {1.0, -1.0};
    nn_error err;
    cr_expect_eq(nn_activation_derivative(NN_SOFTMAX, z, delta, 1, 2, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "softmax") != NULL, "%s", err.message);
    cr_expect_eq(nn_activation_derivative((nn_activation)-3, z, delta, 1, 2, &err), NN_ERR_ARG);
    cr_expect_eq(nn_activation_derivative(NN_TANH, z, NULL, 1, 2, &err), NN_ERR_ARG);
    cr_expect_eq(nn_activation_derivative(NN_TANH, z, delta, SIZE_MAX, 3, &err), NN_ERR_ARG);
    cr_expect(delta[0] == 1.0 && delta[1] == -1.0, "a refused call changed delta");
    cr_expect_eq(nn_activation_derivative(NN_IDENTITY, z, delta, 2, 1, NULL), NN_OK);
    cr_expect(delta[0] == 1.0 && delta[1] == -1.0, "identity's derivative changed delta");
}

/* ---- Softmax ------------------------------------------------------------------------------ */

Test(activation, softmax_matches_scikit_learn)
{
    for (size_t c = 0; c < COUNT_OF(activation_fx_softmaxes); c++) {
        const activation_fx_softmax *fx = &activation_fx_softmaxes[c];
        size_t n = fx->rows * fx->cols;
        double *y = malloc(n * sizeof *y);
        cr_assert_not_null(y);
        memcpy(y, fx->x, n * sizeof *y);
        cr_assert_eq(nn_activation_apply(NN_SOFTMAX, y, fx->rows, fx->cols, NULL), NN_OK);
        for (size_t i = 0; i < n; i++)
            cr_expect(ulp_distance(y[i], fx->y[i]) <= 2,
                      "softmax case %zu (%zu x %zu), row %zu, column %zu: scikit-learn gives "
                      "%.17g, got %.17g", c, fx->rows, fx->cols, i / fx->cols, i % fx->cols,
                      fx->y[i], y[i]);
        free(y);
    }
}

Test(activation, softmax_rows_sum_to_one_and_match_long_double)
{
    /* Random rows of many lengths and spreads; sums taken in long double. */
    uint64_t state = 42;
    double worst_sum = 0, worst_err = 0;
    size_t worst_n = 0;
    static double x[1000], y[1000];
    for (size_t n = 1; n <= 1000; n += n < 20 ? 1 : 41) {
        for (int rep = 0; rep < 12; rep++) {
            double spread = rep % 3 == 0 ? 2.0 : rep % 3 == 1 ? 40.0 : 1500.0;
            long double max = -INFINITY, z = 0.0L, sum = 0.0L;
            for (size_t j = 0; j < n; j++) {
                state = state * 6364136223846793005u + 1442695040888963407u;
                x[j] = y[j] = ((double)(state >> 11) / 9007199254740992.0 - 0.5) * spread;
                if (x[j] > max)
                    max = x[j];
            }
            cr_assert_eq(nn_activation_apply(NN_SOFTMAX, y, 1, n, NULL), NN_OK);
            for (size_t j = 0; j < n; j++) {
                z += expl(x[j] - max);
                sum += y[j];
            }
            for (size_t j = 0; j < n; j++) {
                double e = (double)fabsl(y[j] - expl(x[j] - max) / z);
                if (e > worst_err)
                    worst_err = e;
            }
            if (fabsl(sum - 1.0L) > worst_sum)
                worst_sum = (double)fabsl(sum - 1.0L), worst_n = n;
        }
    }
    cr_expect(worst_sum <= 1e-15, "softmax: a row of %zu sums to 1 %+.3g (limit 1e-15)",
              worst_n, worst_sum);
    cr_expect(worst_err <= 1e-15, "softmax: worst absolute error %.3g against long double",
              worst_err);
}

Test(activation, softmax_edge_rows)
{
    static const struct { size_t n; double x[3], want[3]; } rows[] = {
        {2, {1000.0, 1000.0}, {0.5, 0.5}},
        {2, {-1000.0, -1000.0}, {0.5, 0.5}},
        {2, {-INFINITY, 0.0}, {0.0, 1.0}},
        {2, {INFINITY, 0.0}, {1.0, 0.0}},
        {3, {INFINITY, -INFINITY, INFINITY}, {0.5, 0.0, 0.5}},
        {2, {-INFINITY, -INFINITY}, {0.5, 0.5}},
        {2, {1e308, -1e308}, {1.0, 0.0}},
        {1, {-42.0}, {1.0}},
        {3, {0.0, -0.0, 5e-324}, {1.0 / 3, 1.0 / 3, 1.0 / 3}},
        {2, {0.0, -745.5}, {1.0, 0.0}},
    };
    for (size_t r = 0; r < COUNT_OF(rows); r++) {
        double y[3];
        memcpy(y, rows[r].x, sizeof y);
        feclearexcept(FE_ALL_EXCEPT);
        nn_activation_apply(NN_SOFTMAX, y, 1, rows[r].n, NULL);
        int invalid = fetestexcept(FE_INVALID);
        for (size_t j = 0; j < rows[r].n; j++)
            cr_expect(y[j] == rows[r].want[j] && !signbit(y[j]),
                      "softmax of row %zu {%g, %g, %g}: entry %zu expected %.17g, got %.17g", r,
                      rows[r].x[0], rows[r].x[1], rows[r].x[2], j, rows[r].want[j], y[j]);
        cr_expect(!invalid, "softmax of row %zu raised the invalid-operation flag", r);
    }
    /* A NaN makes its row NaN (as in numpy), and only its row. */
    double block[] = {1.0, NAN, 2.0, 3.0, 3.0, 3.0};
    nn_activation_apply(NN_SOFTMAX, block, 2, 3, NULL);
    for (int j = 0; j < 3; j++) {
        cr_expect(isnan(block[j]), "row with a NaN: entry %d = %g", j, block[j]);
        cr_expect(block[3 + j] == 1.0 / 3, "the next row: entry %d = %.17g", j, block[3 + j]);
    }
}

Test(activation, softmax_is_shift_invariant_and_keeps_order)
{
    double a[] = {1.0, 2.0, 3.0}, b[] = {1001.0, 1002.0, 1003.0};
    nn_activation_apply(NN_SOFTMAX, a, 1, 3, NULL);
    nn_activation_apply(NN_SOFTMAX, b, 1, 3, NULL);
    long double z = expl(-2.0L) + expl(-1.0L) + 1.0L;
    long double want[] = {expl(-2.0L) / z, expl(-1.0L) / z, 1.0L / z};
    for (int j = 0; j < 3; j++) {
        cr_expect(a[j] == b[j], "softmax({1, 2, 3}) and softmax({1001, 1002, 1003}) differ at %d", j);
        cr_expect(ulp_error(a[j], want[j]) <= 2.0, "softmax({1, 2, 3})[%d]: expected %.17Lg, got "
                  "%.17g", j, want[j], a[j]);
    }
    cr_expect(a[0] < a[1] && a[1] < a[2], "softmax must keep the order of its inputs");
}
