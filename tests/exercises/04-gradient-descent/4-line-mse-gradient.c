/* Tests for exercise 04-4, line_mse_gradient. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(line_mse_gradient);

/* Three points on y = 2x + 1, except the last one, which is 1 too high. */
static const double X[] = {0.0, 1.0, 2.0}, Y[] = {1.0, 3.0, 6.0};

Test(line_mse_gradient, by_hand)
{
    /* a = 0, b = 0: residuals -1, -3, -6. E = (1 + 9 + 36)/3 = 46/3,
     * dE/da = 2/3 (0 - 3 - 12) = -10, dE/db = 2/3 (-10) = -20/3. */
    double da = NAN, db = NAN;
    double e = line_mse_gradient(X, Y, 3, 0.0, 0.0, &da, &db);
    expect_near(e, 46.0 / 3.0, 1e-14, "MSE of y = %gx + %g over (0,1) (1,3) (2,6)", 0.0, 0.0);
    expect_near(da, -10.0, 1e-14, "dE/da at a = %g, b = %g", 0.0, 0.0);
    expect_near(db, -20.0 / 3.0, 1e-14, "dE/db at a = %g, b = %g", 0.0, 0.0);
}

Test(line_mse_gradient, residual_is_prediction_minus_truth)
{
    /* a = 2, b = 1: residuals 0, 0, -1. E = 1/3, dE/da = 2/3 (-2) = -4/3, dE/db = -2/3.
     * Negative: raising a or b would bring the line towards the high point. */
    double da = NAN, db = NAN;
    double e = line_mse_gradient(X, Y, 3, 2.0, 1.0, &da, &db);
    expect_near(e, 1.0 / 3.0, 1e-14, "MSE of y = %gx + %g over (0,1) (1,3) (2,6)", 2.0, 1.0);
    expect_near(da, -4.0 / 3.0, 1e-14, "dE/da at a = %g, b = %g", 2.0, 1.0);
    expect_near(db, -2.0 / 3.0, 1e-14, "dE/db at a = %g, b = %g", 2.0, 1.0);
}

Test(line_mse_gradient, zero_at_a_perfect_fit)
{
    const double x[] = {-1.0, 0.5, 4.0}, y[] = {-2.5, 0.5, 7.5}; /* y = 2x - 0.5 */
    double da = NAN, db = NAN;
    double e = line_mse_gradient(x, y, 3, 2.0, -0.5, &da, &db);
    expect_near(e, 0.0, 1e-15, "MSE of the exact line y = %gx + %g", 2.0, -0.5);
    expect_near(da, 0.0, 1e-15, "dE/da at the exact line (a = %g)", 2.0);
    expect_near(db, 0.0, 1e-15, "dE/db at the exact line (b = %g)", -0.5);
}

Test(line_mse_gradient, matches_finite_differences)
{
    const double x[] = {-0.9, -0.2, 0.3, 0.8, 1.5}, y[] = {0.1, -1.0, 2.2, 0.7, 3.3};
    const double a = 0.7, b = -0.4, h = 1e-6;
    double da = NAN, db = NAN, ignore_a, ignore_b;
    line_mse_gradient(x, y, 5, a, b, &da, &db);
    double fd_a = (line_mse_gradient(x, y, 5, a + h, b, &ignore_a, &ignore_b) -
                   line_mse_gradient(x, y, 5, a - h, b, &ignore_a, &ignore_b)) / (2 * h);
    double fd_b = (line_mse_gradient(x, y, 5, a, b + h, &ignore_a, &ignore_b) -
                   line_mse_gradient(x, y, 5, a, b - h, &ignore_a, &ignore_b)) / (2 * h);
    /* The stub's 0 must not pass by luck: the slopes here are far from 0. */
    cr_expect(fabs(fd_a) > 0.1 && fabs(fd_b) > 0.1, "the finite differences are flat "
              "(%g, %g): is the returned MSE right?", fd_a, fd_b);
    expect_near(da, fd_a, 1e-6, "dE/da at a = %g, b = %g against (E(a+h) - E(a-h)) / 2h", a, b);
    expect_near(db, fd_b, 1e-6, "dE/db at a = %g, b = %g against (E(b+h) - E(b-h)) / 2h", a, b);
}

Test(line_mse_gradient, no_points)
{
    double da = NAN, db = NAN;
    double e = line_mse_gradient(X, Y, 0, 1.0, 1.0, &da, &db);
    expect_near(e, 0.0, 0.0, "MSE over m = %d points", 0);
    expect_near(da, 0.0, 0.0, "dE/da over m = %d points (no division by zero)", 0);
    expect_near(db, 0.0, 0.0, "dE/db over m = %d points (no division by zero)", 0);
}
