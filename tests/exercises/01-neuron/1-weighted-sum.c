/* Tests for exercise 01-1, weighted_sum. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(weighted_sum);

Test(weighted_sum, two_inputs)
{
    double w[] = {0.5, -1.0}, x[] = {2.0, 3.0};
    expect_near(weighted_sum(w, x, 2, 0.25), -1.75, 1e-12, "weighted_sum(w={%g, %g}, x={%g, %g}, n=2, b=0.25)",
                w[0], w[1], x[0], x[1]);
}

Test(weighted_sum, no_inputs_is_the_bias)
{
    double w[] = {7.0}, x[] = {9.0};
    expect_near(weighted_sum(w, x, 0, -3.5), -3.5, 0.0, "weighted_sum(n=0, b=%g)", -3.5);
}

Test(weighted_sum, bias_is_added_once)
{
    double w[] = {1.0, 1.0, 1.0}, x[] = {0.0, 0.0, 0.0};
    expect_near(weighted_sum(w, x, 3, 2.0), 2.0, 0.0, "weighted_sum(all inputs 0, b=%g)", 2.0);
}

Test(weighted_sum, uses_exactly_n_inputs)
{
    /* The arrays are longer than n: the extra entries must be ignored. */
    double w[] = {2.0, 2.0, 100.0}, x[] = {1.0, 1.0, 100.0};
    expect_near(weighted_sum(w, x, 2, 0.0), 4.0, 0.0, "weighted_sum(n=%d with longer arrays)", 2);
}

Test(weighted_sum, many_inputs)
{
    double w[100], x[100], want = -1.0;
    for (int i = 0; i < 100; i++) {
        w[i] = (i % 7) - 3.0;
        x[i] = 0.5 * i;
        want += w[i] * x[i];
    }
    expect_near(weighted_sum(w, x, 100, -1.0), want, 1e-12, "weighted_sum(n=%d, b=-1)", 100);
}
