/* Tests for exercise 04-7, momentum_step: by hand, then against scikit-learn's
 * SGDOptimizer walking chapter 4's bowl (tests/fixtures/bowl_optimizers.h, made by
 * tools/fixtures/bowl_optimizers.py). */
#include "grade.h"
#include "exercises.h"
#include "fixtures/bowl_optimizers.h"

GRADE_SUITE(momentum_step);

Test(momentum_step, without_momentum_it_is_plain_descent)
{
    double w[] = {1.0, -2.0}, v[] = {0.0, 0.0}, g[] = {0.5, -4.0};
    momentum_step(w, v, g, 2, 0.1, 0.0, false);
    expect_near(v[0], -0.05, 1e-15, "v[0] after a step with mu = 0, g[0] = %g, eta = 0.1",
                0.5);
    expect_near(w[0], 0.95, 1e-15, "w[0] after a step with mu = 0, g[0] = %g, eta = 0.1 "
                "(was 1)", 0.5);
    expect_near(w[1], -1.6, 1e-15, "w[1] after a step with mu = 0, g[1] = %g, eta = 0.1 "
                "(was -2)", -4.0);
}

Test(momentum_step, the_velocity_builds_up_under_a_constant_gradient)
{
    /* g = 1, eta = 0.1, mu = 0.9: v = -0.1, -0.19, -0.271; w = -0.1, -0.29, -0.561 */
    static const double want_v[] = {-0.1, -0.19, -0.271}, want_w[] = {-0.1, -0.29, -0.561};
    double w = 0.0, v = 0.0, g = 1.0;
    for (int t = 0; t < 3; t++) {
        momentum_step(&w, &v, &g, 1, 0.1, 0.9, false);
        expect_near(v, want_v[t], 1e-15, "v after %d steps with g = 1, eta = 0.1, mu = 0.9 "
                    "from v = 0", t + 1);
        expect_near(w, want_w[t], 1e-15, "w after %d steps with g = 1, eta = 0.1, mu = 0.9 "
                    "from w = 0", t + 1);
    }
}

Test(momentum_step, the_velocity_carries_on_where_the_slope_is_flat)
{
    double w = 1.0, v = 0.5, g = 0.0;
    momentum_step(&w, &v, &g, 1, 0.1, 0.9, false);
    expect_near(v, 0.45, 1e-15, "v after a step with g = 0, mu = 0.9 from v = %g", 0.5);
    expect_near(w, 1.45, 1e-15, "w after a step with g = 0, mu = 0.9 from w = 1, v = %g",
                0.5);
}

Test(momentum_step, nesterov_steps_by_the_next_velocity)
{
    /* v = 0.9 * 0 - 0.1 * 2 = -0.2; the step is 0.9 * (-0.2) - 0.1 * 2 = -0.38 */
    double w = 1.0, v = 0.0, g = 2.0;
    momentum_step(&w, &v, &g, 1, 0.1, 0.9, true);
    expect_near(v, -0.2, 1e-15, "v after a Nesterov step with g = %g, eta = 0.1, mu = 0.9",
                2.0);
    expect_near(w, 0.62, 1e-15, "w after a Nesterov step from w = 1 with g = %g, eta = 0.1, "
                "mu = 0.9 (the step is mu v - eta g with the new v)", 2.0);
    /* a second step, g = 1: v = 0.9 * (-0.2) - 0.1 = -0.28; step 0.9 * (-0.28) - 0.1 */
    g = 1.0;
    momentum_step(&w, &v, &g, 1, 0.1, 0.9, true);
    expect_near(v, -0.28, 1e-15, "v after a second Nesterov step with g = %g", 1.0);
    expect_near(w, 0.62 - 0.352, 1e-15, "w after a second Nesterov step with g = %g", 1.0);
}

Test(momentum_step, leaves_the_gradient_and_the_rest_alone)
{
    double w[] = {1.0, 1.0, 7.0}, v[] = {0.0, 0.0, 3.0}, g[] = {2.0, 2.0, 100.0};
    momentum_step(w, v, g, 2, 0.5, 0.9, true);
    expect_near(w[2], 7.0, 0.0, "w[2], past n = %d (must not change)", 2);
    expect_near(v[2], 3.0, 0.0, "v[2], past n = %d (must not change)", 2);
    expect_near(g[0], 2.0, 0.0, "g[0] after the step (%s)", "the gradient is read-only");
    double w0 = 5.0, v0 = 1.0, g0 = 1.0;
    momentum_step(&w0, &v0, &g0, 0, 0.5, 0.9, false);
    expect_near(w0, 5.0, 0.0, "w after a step with n = %d", 0);
}

/* The walk of scikit-learn's optimiser k (momentum or Nesterov) on the bowl
 * E(w) = (w1^2 / condition + w2^2) / 2 from (-10, 1): every point, bit for bit. */
static void replay(const bowl_fx_case *fx, int k, bool nesterov)
{
    const double lambda[2] = {1.0 / fx->condition, 1.0};
    double w[2] = {-10.0, 1.0}, v[2] = {0.0, 0.0}, g[2];
    for (long t = 1; t <= fx->steps; t++) {
        g[0] = lambda[0] * w[0];
        g[1] = lambda[1] * w[1];
        momentum_step(w, v, g, 2, fx->momentum_rate, fx->momentum, nesterov);
        const double *want = fx->points[k] + 2 * t;
        if (w[0] != want[0] || w[1] != want[1]) {
            cr_expect_fail("%s on the bowl (condition %g, eta %g, mu %g), step %ld: "
                           "scikit-learn's w is (%.17g, %.17g), yours is (%.17g, %.17g)",
                           nesterov ? "Nesterov" : "momentum", fx->condition,
                           fx->momentum_rate, fx->momentum, t, want[0], want[1], w[0], w[1]);
            return;
        }
    }
}

Test(momentum_step, replays_scikit_learns_momentum_walks)
{
    for (size_t c = 0; c < sizeof bowl_fx_cases / sizeof bowl_fx_cases[0]; c++)
        replay(&bowl_fx_cases[c], BOWL_FX_MOMENTUM, false);
}

Test(momentum_step, replays_scikit_learns_nesterov_walks)
{
    for (size_t c = 0; c < sizeof bowl_fx_cases / sizeof bowl_fx_cases[0]; c++)
        replay(&bowl_fx_cases[c], BOWL_FX_NESTEROV, true);
}
