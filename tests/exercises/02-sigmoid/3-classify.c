/* Tests for exercise 02-3, classify_by_threshold. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(classify);

/* Classifies p with threshold t and checks every class and the count. */
static void check(const double *p, size_t n, double t, const int *want, const char *what)
{
    int classes[16];
    for (size_t i = 0; i < 16; i++)
        classes[i] = -7; /* a marker: entries past n must keep it */
    size_t want_ones = 0;
    for (size_t i = 0; i < n; i++)
        want_ones += (size_t)want[i];
    size_t ones = classify_by_threshold(p, n, t, classes);
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(classes[i], want[i], "%s: p[%zu] = %.17g with threshold %g: expected "
                     "class %d, got %d", what, i, p[i], t, want[i], classes[i]);
    expect_eq_size(ones, want_ones, "%s: the returned number of 1s", what);
    cr_expect_eq(classes[n], -7, "%s: classes[%zu] was written, but n = %zu", what, n, n);
}

Test(classify, half_is_the_usual_threshold)
{
    const double p[] = {0.1, 0.9, 0.6, 0.4, 0.99, 0.01};
    const int want[] = {0, 1, 1, 0, 1, 0};
    check(p, 6, 0.5, want, "six probabilities");
}

Test(classify, a_tie_is_class_0)
{
    const double p[] = {0.5, 0x1.0000000000001p-1, 0x1.fffffffffffffp-2};
    const int want[] = {0, 1, 0};
    check(p, 3, 0.5, want, "0.5 and its two neighbours");
}

Test(classify, nan_is_class_0)
{
    const double p[] = {NAN, 0.7, NAN};
    const int want[] = {0, 1, 0};
    check(p, 3, 0.5, want, "NaN among the probabilities");
}

Test(classify, other_thresholds)
{
    const double p[] = {0.9, 0.95, 0.2, 1.0};
    const int want_high[] = {0, 1, 0, 1};
    check(p, 4, 0.9, want_high, "threshold 0.9");
    const double q[] = {0.0, 1e-300, 0.3};
    const int want_zero[] = {0, 1, 1};
    check(q, 3, 0.0, want_zero, "threshold 0");
}

Test(classify, only_n_entries)
{
    const double p[] = {0.8, 0.8, 0.8, 0.8};
    const int want[] = {1, 1};
    check(p, 2, 0.5, want, "n = 2 of a longer array");
    check(p, 0, 0.5, want, "n = 0");
}
