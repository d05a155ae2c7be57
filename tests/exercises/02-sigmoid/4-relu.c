/* Tests for exercise 02-4, relu and relu_slope_from_output. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(relu);

/* got must be want, and a zero must be +0.0 (printf shows -0.0 as -0). */
#define EXPECT_EXACT(got, want, what, ...)                                                   \
    do {                                                                                     \
        double g_ = (got), w_ = (want);                                                      \
        cr_expect(grade_near(g_, w_, 0.0) && (g_ != 0.0 || !signbit(g_)),                    \
                  what ": expected %g, got %g", __VA_ARGS__, w_, g_);                        \
    } while (0)

Test(relu, positives_pass_negatives_clip)
{
    EXPECT_EXACT(relu(2.5), 2.5, "relu(%g)", 2.5);
    EXPECT_EXACT(relu(1e-300), 1e-300, "relu(%g)", 1e-300);
    EXPECT_EXACT(relu(-2.0), 0.0, "relu(%g)", -2.0);
    EXPECT_EXACT(relu(-1e-300), 0.0, "relu(%g)", -1e-300);
}

Test(relu, minus_zero_gives_plus_zero)
{
    EXPECT_EXACT(relu(-0.0), 0.0, "relu(%s)", "-0.0");
    EXPECT_EXACT(relu(0.0), 0.0, "relu(%s)", "+0.0");
    EXPECT_EXACT(relu(-5e-324), 0.0, "relu(%g)", -5e-324);
}

Test(relu, infinities_and_nan)
{
    EXPECT_EXACT(relu(INFINITY), INFINITY, "relu(%s)", "+inf");
    EXPECT_EXACT(relu(-INFINITY), 0.0, "relu(%s)", "-inf");
    EXPECT_EXACT(relu(NAN), NAN, "relu(%s) (a NaN must stay visible)", "NaN");
}

Test(relu, slope_from_output)
{
    EXPECT_EXACT(relu_slope_from_output(3.0), 1.0, "relu_slope_from_output(%g)", 3.0);
    EXPECT_EXACT(relu_slope_from_output(1e-300), 1.0, "relu_slope_from_output(%g)", 1e-300);
    EXPECT_EXACT(relu_slope_from_output(0.0), 0.0, "relu_slope_from_output(%g)", 0.0);
    EXPECT_EXACT(relu_slope_from_output(-0.0), 0.0, "relu_slope_from_output(%s)", "-0.0");
    EXPECT_EXACT(relu_slope_from_output(NAN), NAN, "relu_slope_from_output(%s)", "NaN");
}

Test(relu, slope_of_relu_of_x)
{
    for (double x = -3.0; x <= 3.0; x += 0.5) {
        double want = x > 0.0 ? 1.0 : 0.0, got = relu_slope_from_output(relu(x));
        EXPECT_EXACT(got, want, "relu_slope_from_output(relu(%g))", x);
        if (got != want)
            break;
    }
}
