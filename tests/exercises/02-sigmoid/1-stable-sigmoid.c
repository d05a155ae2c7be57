/* Tests for exercise 02-1, stable_sigmoid. */
#include <fenv.h>
#include <float.h>

#include "grade.h"
#include "exercises.h"

GRADE_SUITE(stable_sigmoid);

/* The exact value, in long double (64-bit mantissa). */
static long double exact(double x)
{
    return 1.0L / (1.0L + expl(-(long double)x));
}

/* Error in ulps of the exact value (subnormal results: in units of 2^-1074). */
static double ulps(double got, long double want)
{
    double w = (double)want;
    long double ulp = fabs(w) < DBL_MIN ? ldexpl(1.0L, -1074) : ldexpl(1.0L, ilogb(w) - 52);
    return (double)(fabsl((long double)got - want) / ulp);
}

Test(stable_sigmoid, everyday_values)
{
    const double xs[] = {0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 6.0, -6.0, 10.0, -10.0};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        expect_near(stable_sigmoid(xs[i]), (double)exact(xs[i]), 1e-15, "stable_sigmoid(%g)",
                    xs[i]);
}

Test(stable_sigmoid, within_4_ulps_from_minus_745_to_40)
{
    double worst = 0.0, at = 0.0, got_at = 0.0;
    for (double x = -745.0; x <= 40.0; x += 1.0 / 64) {
        double got = stable_sigmoid(x);
        double e = isnan(got) ? INFINITY : ulps(got, exact(x));
        if (e > worst)
            worst = e, at = x, got_at = got;
    }
    cr_expect(worst <= 4.0, "stable_sigmoid(%.17g) = %.17g is %.3g ulps from the exact %.17Lg "
              "(at most 4 allowed)", at, got_at, worst, exact(at));
}

Test(stable_sigmoid, far_left_is_tiny_but_not_zero)
{
    /* exp(740) overflows, but sigma(-740) = 4.2e-322 is a (subnormal) double. */
    const double xs[] = {-710.0, -720.0, -740.0, -745.0};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        double got = stable_sigmoid(xs[i]);
        long double want = exact(xs[i]);
        cr_expect(!isnan(got) && ulps(got, want) <= 4.0,
                  "stable_sigmoid(%g): expected %.6Lg, got %.6g (is exp(-x) overflowing?)",
                  xs[i], want, got);
    }
}

Test(stable_sigmoid, extremes_without_overflow)
{
    const struct { double x, want; } cases[] = {
        {1000.0, 1.0}, {-1000.0, 0.0}, {1e308, 1.0}, {-1e308, 0.0},
        {INFINITY, 1.0}, {-INFINITY, 0.0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        volatile double x = cases[i].x;
        feclearexcept(FE_ALL_EXCEPT);
        double got = stable_sigmoid(x);
        int overflow = fetestexcept(FE_OVERFLOW), invalid = fetestexcept(FE_INVALID);
        expect_near(got, cases[i].want, 0.0, "stable_sigmoid(%g)", cases[i].x);
        cr_expect(!overflow, "stable_sigmoid(%g) raised the overflow flag: some exp() got a "
                  "large positive argument", cases[i].x);
        cr_expect(!invalid, "stable_sigmoid(%g) raised the invalid-operation flag (inf/inf "
                  "or inf - inf somewhere?)", cases[i].x);
    }
}

Test(stable_sigmoid, zero_tiny_and_nan)
{
    expect_near(stable_sigmoid(0.0), 0.5, 0.0, "stable_sigmoid(%g)", 0.0);
    expect_near(stable_sigmoid(-0.0), 0.5, 0.0, "stable_sigmoid(%s)", "-0.0");
    expect_near(stable_sigmoid(1e-300), 0.5, 0.0, "stable_sigmoid(%g)", 1e-300);
    expect_near(stable_sigmoid(-1e-300), 0.5, 0.0, "stable_sigmoid(%g)", -1e-300);
    expect_near(stable_sigmoid(NAN), NAN, 0.0, "stable_sigmoid(%s)", "NaN");
}

Test(stable_sigmoid, two_sides_add_up_to_one)
{
    /* sigma(x) + sigma(-x) = 1: both branches must agree with each other. */
    for (double x = 0.25; x <= 40.0; x += 0.25) {
        long double total = (long double)stable_sigmoid(x) + stable_sigmoid(-x);
        if (!(fabsl(total - 1.0L) <= DBL_EPSILON)) {
            cr_expect(0, "stable_sigmoid(%g) + stable_sigmoid(%g): expected 1, got %.17Lg",
                      x, -x, total);
            break; /* the first one is enough */
        }
    }
}
