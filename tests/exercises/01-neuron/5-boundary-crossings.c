/* Tests for exercise 01-5, boundary_crossings. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(boundary_crossings);

/* Calls boundary_crossings and checks both crossings and the side of the origin. */
static void expect_crossings(double w1, double w2, double b, double x1_want, double x2_want,
                             int side_want)
{
    double cross[2] = {12345.0, 12345.0}; /* not a plausible answer: must be overwritten */
    int side = boundary_crossings(w1, w2, b, cross);
    expect_near(cross[0], x1_want, 1e-15,
                "cross[0], where w1 x1 + w2 x2 + b = 0 meets the x1 axis, for w = (%g, %g), "
                "b = %g", w1, w2, b);
    expect_near(cross[1], x2_want, 1e-15,
                "cross[1], where the line meets the x2 axis, for w = (%g, %g), b = %g", w1, w2,
                b);
    cr_expect_eq(side, side_want,
                 "return value for w = (%g, %g), b = %g: expected %d (the origin %s), got %d",
                 w1, w2, b, side_want, side_want ? "fires, since b >= 0" : "does not fire",
                 side);
}

Test(boundary_crossings, and_gate_by_hand)
{
    /* x1 + x2 - 1.5 = 0 meets both axes at 1.5; at the origin z = -1.5: quiet. */
    expect_crossings(1.0, 1.0, -1.5, 1.5, 1.5, 0);
}

Test(boundary_crossings, not_at_the_same_distance)
{
    /* 2 x1 - 4 x2 + 1 = 0: x1 = -1/2 on the x1 axis, x2 = 1/4 on the x2 axis. */
    expect_crossings(2.0, -4.0, 1.0, -0.5, 0.25, 1);
}

Test(boundary_crossings, the_learned_and_line_of_chapter_1)
{
    /* Chapter 1, seed 1: AND ends with w = (0.2340, 0.6406), b = -0.7998 (rounded). */
    double w1 = 0.2340, w2 = 0.6406, b = -0.7998;
    expect_crossings(w1, w2, b, 0.7998 / 0.2340, 0.7998 / 0.6406, 0);
}

Test(boundary_crossings, through_the_origin)
{
    /* b = 0: the line passes through (0, 0), which fires (step(0) = 1). */
    expect_crossings(3.0, -2.0, 0.0, 0.0, 0.0, 1);
    expect_crossings(3.0, -2.0, -0.0, 0.0, 0.0, 1);
}

Test(boundary_crossings, parallel_to_an_axis)
{
    /* w1 = 0: the line x2 = 0.5 never meets the x1 axis. w2 = 0: x1 = 0.5, likewise. */
    expect_crossings(0.0, 2.0, -1.0, NAN, 0.5, 0);
    expect_crossings(2.0, 0.0, -1.0, 0.5, NAN, 0);
    expect_crossings(-0.0, 2.0, 1.0, NAN, -0.5, 1);
}

Test(boundary_crossings, no_line_at_all)
{
    /* w = (0, 0): the neuron answers step(b) everywhere; the origin shows which. */
    expect_crossings(0.0, 0.0, 0.25, NAN, NAN, 1);
    expect_crossings(0.0, 0.0, -0.25, NAN, NAN, 0);
}

Test(boundary_crossings, a_nan_bias_does_not_fire)
{
    double cross[2];
    int side = boundary_crossings(1.0, 1.0, NAN, cross);
    cr_expect_eq(side, 0, "return value for b = NaN: expected 0 (a comparison with NaN is "
                          "false, so the step does not fire), got %d", side);
}
