/* Tests for exercise 05-5, bp_numeric_gradient. */
#include <string.h>

#include "grade.h"
#include "exercises.h"
#include "gradcheck.h"

GRADE_SUITE(bp_numeric_gradient);

/* A loss that counts its calls and records what it saw. */
typedef struct probe {
    long calls;
    size_t moved[16];      /* how many parameters differed from base at each call */
    const double *base;
} probe;

/* f(p) = sum_i (i + 1) p_i^2, so df/dp_i = 2 (i + 1) p_i. */
static double weighted_squares(const double *p, size_t m, void *context)
{
    probe *pr = context;
    if (pr) {
        size_t moved = 0;
        for (size_t i = 0; i < m; i++)
            moved += p[i] != pr->base[i];
        if (pr->calls < 16)
            pr->moved[pr->calls] = moved;
        pr->calls++;
    }
    double sum = 0.0;
    for (size_t i = 0; i < m; i++)
        sum += (double)(i + 1) * p[i] * p[i];
    return sum;
}

static double cubes(const double *p, size_t m, void *context)
{
    (void)context;
    double sum = 0.0;
    for (size_t i = 0; i < m; i++)
        sum += p[i] * p[i] * p[i];
    return sum;
}

Test(bp_numeric_gradient, quadratic)
{
    double p[] = {1.0, -0.5, 2.0}, g[3] = {NAN, NAN, NAN};
    bp_numeric_gradient(weighted_squares, NULL, p, 3, 1e-4, g);
    expect_near(g[0], 2.0, 1e-8, "d/dp0 of p0^2 + 2 p1^2 + 3 p2^2 at p0 = %g", 1.0);
    expect_near(g[1], -2.0, 1e-8, "d/dp1 of p0^2 + 2 p1^2 + 3 p2^2 at p1 = %g", -0.5);
    expect_near(g[2], 12.0, 1e-8, "d/dp2 of p0^2 + 2 p1^2 + 3 p2^2 at p2 = %g", 2.0);
}

Test(bp_numeric_gradient, central_not_one_sided)
{
    /* For p^3 the central difference is exactly 3 p^2 + h^2; the one-sided
     * (f(p + h) - f(p)) / h would be 3 p^2 + 3 p h + h^2, off by 0.006 here. */
    double p[] = {2.0, -1.0}, g[2] = {NAN, NAN};
    const double h = 1e-3;
    bp_numeric_gradient(cubes, NULL, p, 2, h, g);
    expect_near(g[0], 12.0 + h * h, 1e-9,
                "slope of p^3 at p = %g with h = 1e-3 (3 p^2 + h^2)", 2.0);
    expect_near(g[1], 3.0 + h * h, 1e-9,
                "slope of p^3 at p = %g with h = 1e-3 (3 p^2 + h^2)", -1.0);
}

Test(bp_numeric_gradient, one_parameter_at_a_time_and_restored)
{
    double p[] = {0.1, 1.0 / 3.0, 1e-6, 0.7}; /* (1e-6 - h) + h != 1e-6 */
    double base[4], g[4] = {NAN, NAN, NAN, NAN};
    memcpy(base, p, sizeof p);
    probe pr = {0, {0}, base};
    bp_numeric_gradient(weighted_squares, &pr, p, 4, 1e-5, g);
    cr_expect_eq(pr.calls, 8, "expected 2 calls of f per parameter (8 for m = 4), got %ld",
                 pr.calls);
    for (long c = 0; c < pr.calls && c < 16; c++)
        cr_expect_eq(pr.moved[c], 1, "call %ld of f saw %zu parameters moved; exactly one "
                     "may differ from the original at a time", c + 1, pr.moved[c]);
    for (int i = 0; i < 4; i++)
        cr_expect(p[i] == base[i], "p[%d] is %.17g after the call, was %.17g: restore it "
                  "exactly (save the original)", i, p[i], base[i]);
    for (int i = 0; i < 4; i++)
        expect_near(g[i], 2.0 * (i + 1) * base[i], 1e-8, "g[%d]", i);
}

/* ---- A network-sized case, against the library's checker. ------------------------- */

enum { M = 20 };

/* A small two-layer net's loss over 3 samples, as a function of 20 parameters. */
static double net_loss(const double *p, size_t m, void *context)
{
    (void)m, (void)context;
    static const double X[3][2] = {{0, 1}, {1, 0}, {1, 1}}, Y[3] = {1, 1, 0};
    double L = 0.0;
    for (int s = 0; s < 3; s++) {
        double z2 = p[19];
        for (int j = 0; j < 5; j++) {
            double z1 = p[10 + j] + X[s][0] * p[j] + X[s][1] * p[5 + j];
            z2 += p[15 + j] * tanh(z1);
        }
        double a = 1.0 / (1.0 + exp(-z2));
        L += (a - Y[s]) * (a - Y[s]);
    }
    return L / 6.0;
}

static nn_status net_loss_for_checker(void *context, double *loss, nn_error *err)
{
    (void)err;
    *loss = net_loss(context, M, NULL);
    return NN_OK;
}

Test(bp_numeric_gradient, agrees_with_the_library_checker)
{
    double p[M], g[M], want[M];
    for (int i = 0; i < M; i++) {
        p[i] = 0.9 * sin(2.3 * i + 0.5); /* all in (-1, 1), where both use the same step */
        g[i] = NAN;
    }
    bp_numeric_gradient(net_loss, NULL, p, M, 1e-5, g);
    nn_error err;
    cr_assert_eq(nn_gradcheck_numeric(net_loss_for_checker, p, p, M, NULL, want, &err),
                 NN_OK, "%s", err.message);
    int shown = 0; /* report the first few wrong entries, not all twenty */
    for (int i = 0; i < M && shown < 3; i++) {
        if (grade_near(g[i], want[i], 1e-9))
            continue;
        shown++;
        expect_near(g[i], want[i], 1e-9, "g[%d] of a 20-parameter network loss, against "
                    "nn_gradcheck_numeric", i);
    }
}
