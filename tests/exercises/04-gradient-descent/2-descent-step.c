/* Tests for exercise 04-2, descent_step. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(descent_step);

Test(descent_step, moves_against_the_gradient)
{
    double w[] = {1.0, 2.0, -3.0}, g[] = {0.5, -4.0, 0.0};
    descent_step(w, g, 3, 0.1);
    expect_near(w[0], 0.95, 1e-15, "w[0] after a step with g[0] = %g, eta = 0.1 (was 1)", 0.5);
    expect_near(w[1], 2.4, 1e-15, "w[1] after a step with g[1] = %g, eta = 0.1 (was 2)", -4.0);
    expect_near(w[2], -3.0, 0.0, "w[2] after a step with g[2] = %g (a flat slope: no move)",
                0.0);
}

Test(descent_step, one_weight_on_the_parabola)
{
    /* E(w) = (w - 3)^2 at w = -1: g = -8. eta = 0.25 moves w by +2. */
    double w = -1.0, g = -8.0;
    descent_step(&w, &g, 1, 0.25);
    expect_near(w, 1.0, 1e-15, "w after one step from -1 with g = %g, eta = %g", -8.0, 0.25);
}

Test(descent_step, leaves_the_gradient_and_the_rest_alone)
{
    double w[] = {1.0, 1.0, 7.0}, g[] = {2.0, 2.0, 100.0};
    descent_step(w, g, 2, 0.5);
    expect_near(w[0], 0.0, 1e-15, "w[0] after a step with g = %g, eta = %g", 2.0, 0.5);
    expect_near(w[2], 7.0, 0.0, "w[2], past n = %d (must not change)", 2);
    expect_near(g[0], 2.0, 0.0, "g[0] after the step (%s)", "the gradient is read-only");
    expect_near(g[2], 100.0, 0.0, "g[2] after the step (%s)", "the gradient is read-only");
}

Test(descent_step, zero_weights_is_a_no_op)
{
    double w[] = {4.0}, g[] = {1.0};
    descent_step(w, g, 0, 1.0);
    expect_near(w[0], 4.0, 0.0, "w[0] after a step with n = %d", 0);
}

Test(descent_step, repeated_steps_reach_the_minimum)
{
    /* Ten steps with eta = 0.4 on (w - 3)^2 shrink the error by 0.2^10. */
    double w = -1.0;
    for (int t = 0; t < 10; t++) {
        double g = 2.0 * (w - 3.0);
        descent_step(&w, &g, 1, 0.4);
    }
    expect_near(w, 3.0 - 4.0 * 1.024e-7, 1e-12, "w after %d steps with eta 0.4 from w = -1", 10);
}
