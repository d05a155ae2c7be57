/* Tests for exercise 02-2, sigmoid_slope_from_output and tanh_slope_from_output. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(slope_from_output);

Test(slope_from_output, sigmoid_slope_values)
{
    expect_near(sigmoid_slope_from_output(0.5), 0.25, 1e-15, "sigmoid_slope_from_output(%g)", 0.5);
    expect_near(sigmoid_slope_from_output(0.8), 0.16, 1e-15,
                "sigmoid_slope_from_output(%g) (y is already sigma(x): do not apply the "
                "sigmoid again)", 0.8);
    expect_near(sigmoid_slope_from_output(0.1), 0.09, 1e-15, "sigmoid_slope_from_output(%g)", 0.1);
    expect_near(sigmoid_slope_from_output(0.0), 0.0, 0.0, "sigmoid_slope_from_output(%g)", 0.0);
    expect_near(sigmoid_slope_from_output(1.0), 0.0, 0.0, "sigmoid_slope_from_output(%g)", 1.0);
}

Test(slope_from_output, sigmoid_slope_is_the_derivative)
{
    /* d/dx 1/(1+e^-x) = e^-x / (1+e^-x)^2, computed here from x. */
    for (double x = -8.0; x <= 8.0; x += 0.5) {
        double y = 1.0 / (1.0 + exp(-x));
        double want = exp(-x) / ((1.0 + exp(-x)) * (1.0 + exp(-x)));
        double got = sigmoid_slope_from_output(y);
        expect_near(got, want, 1e-15, "sigmoid_slope_from_output(y = sigma(%g) = %.6f)", x, y);
        if (!grade_near(got, want, 1e-15))
            break; /* the first wrong value is enough */
    }
}

Test(slope_from_output, tanh_slope_values)
{
    expect_near(tanh_slope_from_output(0.0), 1.0, 0.0, "tanh_slope_from_output(%g)", 0.0);
    expect_near(tanh_slope_from_output(0.5), 0.75, 1e-15, "tanh_slope_from_output(%g)", 0.5);
    expect_near(tanh_slope_from_output(-0.5), 0.75, 1e-15, "tanh_slope_from_output(%g)", -0.5);
    expect_near(tanh_slope_from_output(1.0), 0.0, 0.0, "tanh_slope_from_output(%g)", 1.0);
    expect_near(tanh_slope_from_output(-1.0), 0.0, 0.0, "tanh_slope_from_output(%g)", -1.0);
}

Test(slope_from_output, tanh_slope_is_the_derivative)
{
    /* d/dx tanh x = 1 / cosh^2 x, computed here from x. */
    for (double x = -4.0; x <= 4.0; x += 0.25) {
        double want = 1.0 / (cosh(x) * cosh(x)), got = tanh_slope_from_output(tanh(x));
        expect_near(got, want, 1e-15, "tanh_slope_from_output(y = tanh(%g) = %.6f)", x, tanh(x));
        if (!grade_near(got, want, 1e-15))
            break;
    }
}

Test(slope_from_output, slopes_never_go_negative_inside_the_range)
{
    for (double y = 0.0; y <= 1.0; y += 1.0 / 128) {
        double s = sigmoid_slope_from_output(y), t = tanh_slope_from_output(2 * y - 1);
        int s_ok = s >= 0.0 && s <= 0.25 && (y == 0.0 || y == 1.0 || s > 0.0);
        int t_ok = t >= 0.0 && t <= 1.0 && (y == 0.0 || y == 1.0 || t > 0.0);
        cr_expect(s_ok, "sigmoid_slope_from_output(%g) = %g: expected a value in (0, 0.25]",
                  y, s);
        cr_expect(t_ok, "tanh_slope_from_output(%g) = %g: expected a value in (0, 1]",
                  2 * y - 1, t);
        if (!s_ok || !t_ok)
            break;
    }
}
