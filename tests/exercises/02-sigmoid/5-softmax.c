/* Tests for exercise 02-5, softmax_in_place. */
#include <float.h>

#include "grade.h"
#include "exercises.h"

GRADE_SUITE(softmax);

/* Runs softmax on a copy of x and compares with the exact values, in long double.
 * Reports the first wrong entry and the sum; returns 1 when the row is right. */
static int check(const double *x, size_t n, const char *what)
{
    double y[64];
    long double m = -INFINITY, z = 0.0L, sum = 0.0L;
    for (size_t j = 0; j < n; j++) {
        y[j] = x[j];
        if (x[j] > m)
            m = x[j];
    }
    for (size_t j = 0; j < n; j++)
        z += expl(x[j] - m);
    softmax_in_place(y, n);
    int ok = 1;
    for (size_t j = 0; j < n; j++) {
        double want = (double)(expl(x[j] - m) / z);
        if (ok && !(fabs(y[j] - want) <= 1e-15)) {
            cr_expect(0, "%s: entry %zu (x = %g): expected %.17g, got %.17g", what, j, x[j],
                      want, y[j]);
            ok = 0;
        }
        sum += y[j];
    }
    if (!(fabsl(sum - 1.0L) <= 1e-15)) {
        cr_expect(0, "%s: the %zu probabilities add up to %.17Lg, not 1", what, n, sum);
        ok = 0;
    }
    return ok;
}

Test(softmax, three_scores)
{
    const double x[] = {1.0, 2.0, 3.0};
    check(x, 3, "softmax({1, 2, 3})");
    double y[] = {1.0, 2.0, 3.0};
    softmax_in_place(y, 3);
    expect_near(y[2], 0.6652409557748219, 1e-15, "softmax({1, 2, 3})[%d]", 2);
}

Test(softmax, large_scores_do_not_overflow)
{
    const double a[] = {1000.0, 1000.0};
    check(a, 2, "softmax({1000, 1000})");
    const double b[] = {1001.0, 1002.0, 1003.0};
    check(b, 3, "softmax({1001, 1002, 1003})");
    const double c[] = {-1000.0, 1000.0};
    check(c, 2, "softmax({-1000, 1000})");
    const double d[] = {-1000.0, -1001.0};
    check(d, 2, "softmax({-1000, -1001})");
}

Test(softmax, minus_infinity_is_probability_zero)
{
    const double a[] = {-INFINITY, 0.0};
    check(a, 2, "softmax({-inf, 0})");
    const double b[] = {-INFINITY, 1.0, -INFINITY, 1.0};
    check(b, 4, "softmax({-inf, 1, -inf, 1})");
}

Test(softmax, one_score_and_none)
{
    double y[] = {42.0, 7.0};
    softmax_in_place(y, 1);
    expect_near(y[0], 1.0, 0.0, "softmax({42})[%d]", 0);
    expect_near(y[1], 7.0, 0.0, "the entry after n = 1 (it must not change): y[%d]", 1);
    softmax_in_place(y + 1, 0);
    expect_near(y[1], 7.0, 0.0, "softmax with n = 0 changed y[%d]", 1);
}

Test(softmax, many_random_rows)
{
    unsigned long s = 12345;
    double x[64];
    char what[64];
    for (size_t n = 2; n <= 64; n += 3) {
        for (size_t j = 0; j < n; j++) {
            s = s * 6364136223846793005ul + 1442695040888963407ul;
            x[j] = ((double)(s >> 11) / 9007199254740992.0 - 0.5) * (n % 2 ? 20.0 : 1500.0);
        }
        snprintf(what, sizeof what, "a random row of %zu scores", n);
        if (!check(x, n, what))
            break; /* one wrong row says enough */
    }
}
