/* Tests for exercise 01-2, step. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(step);

Test(step, positive_fires)
{
    expect_near(step(0.3), 1.0, 0.0, "step(%g)", 0.3);
    expect_near(step(1e300), 1.0, 0.0, "step(%g)", 1e300);
    expect_near(step(INFINITY), 1.0, 0.0, "step(%g)", INFINITY);
}

Test(step, negative_stays_off)
{
    expect_near(step(-0.3), 0.0, 0.0, "step(%g)", -0.3);
    expect_near(step(-1e-300), 0.0, 0.0, "step(%g)", -1e-300);
    expect_near(step(-INFINITY), 0.0, 0.0, "step(%g)", -INFINITY);
}

Test(step, zero_is_on_the_threshold)
{
    expect_near(step(0.0), 1.0, 0.0, "step(%g)", 0.0);
    expect_near(step(-0.0), 1.0, 0.0, "step(%s)", "-0.0");
}

Test(step, nan_does_not_fire)
{
    expect_near(step(NAN), 0.0, 0.0, "step(%s)", "NaN");
}
