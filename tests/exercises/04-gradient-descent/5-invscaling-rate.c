/* Tests for exercise 04-5, invscaling_rate. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(invscaling_rate);

Test(invscaling_rate, first_step_uses_eta0)
{
    expect_near(invscaling_rate(0.1, 0.5, 0), 0.1, 1e-15, "invscaling_rate(%g, %g, t=%d)", 0.1,
                0.5, 0);
}

Test(invscaling_rate, square_root_decay)
{
    /* scikit-learn's default power_t = 0.5: eta0 / sqrt(t + 1) */
    expect_near(invscaling_rate(0.1, 0.5, 3), 0.05, 1e-15, "invscaling_rate(%g, %g, t=%d)", 0.1,
                0.5, 3);
    expect_near(invscaling_rate(0.1, 0.5, 99), 0.01, 1e-15, "invscaling_rate(%g, %g, t=%d)",
                0.1, 0.5, 99);
    expect_near(invscaling_rate(1.1, 0.5, 1), 1.1 / sqrt(2.0), 1e-15,
                "invscaling_rate(%g, %g, t=%d)", 1.1, 0.5, 1);
}

Test(invscaling_rate, other_powers)
{
    expect_near(invscaling_rate(0.1, 1.0, 4), 0.02, 1e-15, "invscaling_rate(%g, %g, t=%d)", 0.1,
                1.0, 4);
    expect_near(invscaling_rate(2.0, 2.0, 9), 0.02, 1e-15, "invscaling_rate(%g, %g, t=%d)", 2.0,
                2.0, 9);
    expect_near(invscaling_rate(0.3, 0.0, 1000), 0.3, 1e-15,
                "invscaling_rate(%g, %g, t=%d) (power 0: constant)", 0.3, 0.0, 1000);
}

Test(invscaling_rate, large_t_does_not_overflow)
{
    /* t + 1 = 10^12, far beyond int: its square root is 10^6. */
    expect_near(invscaling_rate(1.0, 0.5, 999999999999L), 1e-6, 1e-12,
                "invscaling_rate(%g, %g, t=%s)", 1.0, 0.5, "999999999999");
}
