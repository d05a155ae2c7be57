/* Tests for exercise 04-3, descend_parabola. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(descend_parabola);

static const char *name(descent_outcome o)
{
    return o == DESCENT_CONVERGED ? "DESCENT_CONVERGED"
           : o == DESCENT_LIMIT   ? "DESCENT_LIMIT"
           : o == DESCENT_DIVERGED ? "DESCENT_DIVERGED"
                                   : "(not a descent_outcome)";
}

#define EXPECT_OUTCOME(got, want, eta)                                                     \
    cr_expect((got) == (want), "descend_parabola(w=-1, w_star=3, eta=%g): expected %s, "  \
              "got %s", (eta), name(want), name(got))

Test(descend_parabola, small_rate_converges_from_one_side)
{
    double w = -1.0;
    long steps = -1;
    descent_outcome o = descend_parabola(&w, 3.0, 0.1, 1e-6, 1000, &steps);
    EXPECT_OUTCOME(o, DESCENT_CONVERGED, 0.1);
    /* 8 * 0.8^t <= 1e-6 first holds at t = 72. */
    cr_expect_eq(steps, 72, "eta 0.1: expected 72 steps, got %ld", steps);
    cr_expect(w < 3.0 && fabs(w - 3.0) <= 0.5e-6, "eta 0.1: w should end just below 3 "
              "(within 5e-7), got %.10g", w);
}

Test(descend_parabola, half_lands_in_one_step)
{
    double w = -1.0;
    long steps = -1;
    descent_outcome o = descend_parabola(&w, 3.0, 0.5, 1e-6, 1000, &steps);
    EXPECT_OUTCOME(o, DESCENT_CONVERGED, 0.5);
    cr_expect_eq(steps, 1, "eta 0.5: expected 1 step, got %ld", steps);
    expect_near(w, 3.0, 0.0, "w after descend_parabola(w=-1, w_star=3, eta=%g)", 0.5);
}

Test(descend_parabola, large_rate_zigzags_in_as_many_steps)
{
    double w = -1.0;
    long steps = -1;
    descent_outcome o = descend_parabola(&w, 3.0, 0.9, 1e-6, 1000, &steps);
    EXPECT_OUTCOME(o, DESCENT_CONVERGED, 0.9);
    cr_expect_eq(steps, 72, "eta 0.9: |1 - 2 eta| = 0.8 as for eta 0.1, so expected 72 "
                 "steps, got %ld", steps);
    expect_near(w, 3.0, 1e-6, "w after descend_parabola(w=-1, w_star=3, eta=%g)", 0.9);
}

Test(descend_parabola, rate_one_bounces_until_the_limit)
{
    double w = -1.0;
    long steps = -1;
    descent_outcome o = descend_parabola(&w, 3.0, 1.0, 1e-6, 101, &steps);
    EXPECT_OUTCOME(o, DESCENT_LIMIT, 1.0);
    cr_expect_eq(steps, 101, "eta 1 with max_iter 101: expected 101 steps, got %ld", steps);
    expect_near(w, 7.0, 0.0, "w after an odd number of bounces (eta = %g)", 1.0);
}

Test(descend_parabola, too_large_rate_diverges_after_ten_rises)
{
    double w = -1.0;
    long steps = -1;
    descent_outcome o = descend_parabola(&w, 3.0, 1.1, 1e-6, 1000, &steps);
    EXPECT_OUTCOME(o, DESCENT_DIVERGED, 1.1);
    cr_expect_eq(steps, 10, "eta 1.1: the error grows at every step, so expected the "
                 "10th rise to stop it after 10 steps, got %ld", steps);
    /* w - 3 = -4 * (-1.2)^10 */
    expect_near(w, 3.0 - 4.0 * pow(1.2, 10), 1e-9, "w where eta = %g stopped", 1.1);
}

Test(descend_parabola, overflow_keeps_the_last_finite_weight)
{
    double w = -1.0;
    long steps = -1;
    descent_outcome o = descend_parabola(&w, 3.0, 1e300, 1e-6, 1000, &steps);
    EXPECT_OUTCOME(o, DESCENT_DIVERGED, 1e300);
    cr_expect(isfinite(w), "eta 1e300: w must stay finite, got %g", w);
    cr_expect_eq(steps, 1, "eta 1e300: the first step gives 8e300, the second overflows; "
                 "expected 1 step kept, got %ld", steps);
}

Test(descend_parabola, a_start_at_the_minimum_takes_no_step)
{
    double w = 3.0;
    long steps = -1;
    descent_outcome o = descend_parabola(&w, 3.0, 0.1, 0.0, 1000, &steps);
    cr_expect(o == DESCENT_CONVERGED, "start at w_star: expected DESCENT_CONVERGED, got %s",
              name(o));
    cr_expect_eq(steps, 0, "start at w_star: expected 0 steps, got %ld", steps);
}

Test(descend_parabola, no_iterations_no_step)
{
    double w = -1.0;
    long steps = -1;
    descent_outcome o = descend_parabola(&w, 3.0, 0.1, 1e-6, 0, &steps);
    cr_expect(o == DESCENT_LIMIT, "max_iter 0: expected DESCENT_LIMIT, got %s", name(o));
    cr_expect_eq(steps, 0, "max_iter 0: expected 0 steps, got %ld", steps);
    expect_near(w, -1.0, 0.0, "w with max_iter %d (must not move)", 0);
}

Test(descend_parabola, loose_tolerance_stops_early)
{
    double w = 10.0;
    long steps = -1;
    descent_outcome o = descend_parabola(&w, 2.0, 0.25, 0.5, 1000, &steps);
    /* error 8, halved per step: |g| = 16, 8, 4, 2, 1, 0.5 -> stops at t = 5 */
    cr_expect(o == DESCENT_CONVERGED, "w=10, w_star=2, eta=0.25, tol=0.5: expected "
              "DESCENT_CONVERGED, got %s", name(o));
    cr_expect_eq(steps, 5, "w=10, w_star=2, eta=0.25, tol=0.5: expected 5 steps, got %ld", steps);
    expect_near(w, 2.25, 1e-15, "w after descend_parabola(w=10, w_star=2, eta=%g, tol=0.5)",
                0.25);
}
