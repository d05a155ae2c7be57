/* Tests for exercise 04-1, parabola_gradient. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(parabola_gradient);

Test(parabola_gradient, left_of_the_minimum_slopes_down)
{
    expect_near(parabola_gradient(-1.0, 3.0), -8.0, 1e-15, "parabola_gradient(w=%g, w_star=%g)",
                -1.0, 3.0);
    expect_near(parabola_gradient(0.0, 0.5), -1.0, 1e-15, "parabola_gradient(w=%g, w_star=%g)",
                0.0, 0.5);
}

Test(parabola_gradient, right_of_the_minimum_slopes_up)
{
    expect_near(parabola_gradient(7.0, 3.0), 8.0, 1e-15, "parabola_gradient(w=%g, w_star=%g)",
                7.0, 3.0);
    expect_near(parabola_gradient(-2.0, -2.25), 0.5, 1e-15,
                "parabola_gradient(w=%g, w_star=%g)", -2.0, -2.25);
}

Test(parabola_gradient, flat_at_the_minimum)
{
    expect_near(parabola_gradient(3.0, 3.0), 0.0, 0.0, "parabola_gradient(w=%g, w_star=%g)",
                3.0, 3.0);
    expect_near(parabola_gradient(-1e6, -1e6), 0.0, 0.0, "parabola_gradient(w=%g, w_star=%g)",
                -1e6, -1e6);
}

Test(parabola_gradient, matches_a_finite_difference)
{
    /* (E(w + h) - E(w - h)) / 2h is exact for a parabola, up to rounding. */
    const double ws[] = {-3.5, 0.0, 1.25, 10.0}, w_star = 1.5, h = 1e-3;
    for (int k = 0; k < 4; k++) {
        double up = (ws[k] + h - w_star) * (ws[k] + h - w_star);
        double down = (ws[k] - h - w_star) * (ws[k] - h - w_star);
        expect_near(parabola_gradient(ws[k], w_star), (up - down) / (2 * h), 1e-9,
                    "parabola_gradient(w=%g, w_star=%g) against the slope of E between "
                    "w - 0.001 and w + 0.001", ws[k], w_star);
    }
}
