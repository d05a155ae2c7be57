/* Tests for exercise 04-6, line_max_rate. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(line_max_rate);

Test(line_max_rate, symmetric_points)
{
    /* mean x = 0, mean x^2 = 1: H = [[2, 0], [0, 2]], lambda_max = 2, limit 1. */
    const double x[] = {-1.0, 1.0};
    expect_near(line_max_rate(x, 2), 1.0, 1e-15, "line_max_rate(x = {%g, %g})", -1.0, 1.0);
}

Test(line_max_rate, wide_points_need_small_steps)
{
    /* mean x = 0, mean x^2 = 9: H = [[18, 0], [0, 2]], lambda_max = 18, limit 1/9. */
    const double x[] = {-3.0, 3.0, -3.0, 3.0};
    expect_near(line_max_rate(x, 4), 1.0 / 9.0, 1e-15, "line_max_rate(x = {%g, %g, %g, %g})",
                -3.0, 3.0, -3.0, 3.0);
}

Test(line_max_rate, off_centre_points_couple_a_and_b)
{
    /* x = {1, 2, 3}: mean x = 2, mean x^2 = 14/3. H = 2 [[14/3, 2], [2, 1]];
     * lambda_max = (14/3 + 1) + sqrt((14/3 - 1)^2 + 16) = 17/3 + sqrt(265)/3. */
    const double x[] = {1.0, 2.0, 3.0};
    double want = 2.0 / (17.0 / 3.0 + sqrt(265.0) / 3.0);
    expect_near(line_max_rate(x, 3), want, 1e-14, "line_max_rate(x = {%g, %g, %g})", 1.0, 2.0,
                3.0);
}

Test(line_max_rate, one_point)
{
    /* x = {0}: H = [[0, 0], [0, 2]], lambda_max = 2 (only b is curved), limit 1. */
    const double x[] = {0.0};
    expect_near(line_max_rate(x, 1), 1.0, 1e-15, "line_max_rate(x = {%g})", 0.0);
    const double y[] = {2.0}; /* H = [[8, 4], [4, 2]], eigenvalues 0 and 10 */
    expect_near(line_max_rate(y, 1), 0.2, 1e-15, "line_max_rate(x = {%g})", 2.0);
}

Test(line_max_rate, the_limit_is_sharp)
{
    /* Gradient descent on the MSE of these points: just below the limit the error
     * shrinks, just above it grows. */
    const double x[] = {-0.8, -0.1, 0.4, 0.9, 1.7}, y[] = {-0.5, 0.9, 1.6, 3.1, 4.2};
    double limit = line_max_rate(x, 5);
    cr_assert(limit > 0.0 && isfinite(limit), "line_max_rate must be a positive number, "
              "got %g", limit);
    for (int side = -1; side <= 1; side += 2) {
        double eta = limit * (1.0 + side * 0.02), a = 0.0, b = 0.0, first = 0.0, last = 0.0;
        for (int t = 0; t <= 500; t++) {
            double ga = 0.0, gb = 0.0, e = 0.0;
            for (int i = 0; i < 5; i++) {
                double r = a * x[i] + b - y[i];
                e += r * r / 5.0;
                ga += 2.0 * r * x[i] / 5.0;
                gb += 2.0 * r / 5.0;
            }
            if (t == 0)
                first = e;
            last = e;
            a -= eta * ga;
            b -= eta * gb;
        }
        if (side < 0)
            cr_expect(last < first, "eta = 0.98 x line_max_rate = %g: the MSE should fall "
                      "(from %g), but it ended at %g", eta, first, last);
        else
            cr_expect(last > first, "eta = 1.02 x line_max_rate = %g: the MSE should grow "
                      "(from %g), but it ended at %g", eta, first, last);
    }
}
