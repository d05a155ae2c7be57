/* Tests for exercise 05-2, bp_output_delta. */
#include "grade.h"
#include "exercises.h"
#include "gradcheck.h"

GRADE_SUITE(bp_output_delta);

Test(bp_output_delta, two_samples_by_hand)
{
    /* a = (0.5, 0.75), y = (1, 0): L = (0.25 + 0.5625) / 4 = 0.203125;
     * delta = (-0.5 * 0.25 / 2, 0.75 * 0.1875 / 2) = (-0.0625, 0.0703125) */
    const double a[] = {0.5, 0.75}, y[] = {1.0, 0.0};
    double delta[2] = {NAN, NAN};
    double L = bp_output_delta(a, y, 2, delta);
    expect_near(L, 0.203125, 1e-15, "L for a = (0.5, 0.75), y = (1, 0), n = %d", 2);
    expect_near(delta[0], -0.0625, 1e-15, "delta[0] = (0.5 - 1) * 0.5 * 0.5 / %d", 2);
    expect_near(delta[1], 0.0703125, 1e-15, "delta[1] = (0.75 - 0) * 0.75 * 0.25 / %d", 2);
}

Test(bp_output_delta, right_answers_give_zero)
{
    const double a[] = {0.0, 1.0, 0.25}, y[] = {0.0, 1.0, 0.25};
    double delta[3] = {NAN, NAN, NAN};
    double L = bp_output_delta(a, y, 3, delta);
    expect_near(L, 0.0, 0.0, "L when a == y (n = %d)", 3);
    for (int i = 0; i < 3; i++)
        expect_near(delta[i], 0.0, 0.0, "delta[%d] when a == y", i);
}

Test(bp_output_delta, a_saturated_wrong_output_learns_slowly)
{
    /* a = 0.999 for target 0: badly wrong, yet delta = 0.999 * 0.999 * 0.001 / 1 is
     * tiny, because the sigmoid is flat out there (the squared error's weakness). */
    const double a[] = {0.999}, y[] = {0.0};
    double delta[1] = {NAN};
    double L = bp_output_delta(a, y, 1, delta);
    expect_near(L, 0.999 * 0.999 / 2.0, 1e-15, "L for a = %g, y = 0", 0.999);
    expect_near(delta[0], 0.999 * 0.999 * (1.0 - 0.999), 1e-15, "delta for a = %g, y = 0",
                0.999);
}

Test(bp_output_delta, no_samples)
{
    double delta[1] = {42.0};
    double L = bp_output_delta(NULL, NULL, 0, delta);
    expect_near(L, 0.0, 0.0, "L with n = %d", 0);
    expect_near(delta[0], 42.0, 0.0, "delta[0] with n = %d (nothing may be written)", 0);
    /* and the stub's 0 must not pass this test by luck: a real case in the same test */
    const double a[] = {0.5}, y[] = {0.0};
    L = bp_output_delta(a, y, 1, delta);
    expect_near(L, 0.125, 1e-15, "L for a = %g, y = 0, n = 1", 0.5);
}

/* ---- Against the gradient checker: delta must be dL/dz, with a = sigma(z). ---------- */

enum { N = 7 };

typedef struct outputs {
    double z[N], y[N];
} outputs;

/* The loss as a function of the output neuron's weighted sums z, computed here. */
static nn_status loss_of_z(void *context, double *loss, nn_error *err)
{
    (void)err;
    const outputs *o = context;
    double sum = 0.0;
    for (int i = 0; i < N; i++) {
        double e = 1.0 / (1.0 + exp(-o->z[i])) - o->y[i];
        sum += e * e;
    }
    *loss = sum / (2.0 * N);
    return NN_OK;
}

Test(bp_output_delta, delta_is_the_slope_of_the_loss)
{
    outputs o;
    double a[N], delta[N];
    for (int i = 0; i < N; i++) {
        o.z[i] = 2.5 * sin(3.0 * i + 1.0);
        o.y[i] = i % 3 == 0 ? 1.0 : 0.0;
        a[i] = 1.0 / (1.0 + exp(-o.z[i]));
        delta[i] = NAN;
    }
    double L = bp_output_delta(a, o.y, N, delta);
    double want;
    loss_of_z(&o, &want, NULL);
    expect_near(L, want, 1e-14, "L over %d samples", N);
    double numeric[N], rel[N];
    nn_error err;
    cr_assert_eq(nn_gradcheck(loss_of_z, &o, o.z, delta, N, NULL, numeric, rel, NULL, &err),
                 NN_OK, "%s", err.message);
    for (int i = 0; i < N; i++)
        cr_expect(rel[i] < 1e-6, "delta[%d] = %.10g, but the finite difference of L says "
                  "dL/dz = %.10g (relative error %.1e)", i, delta[i], numeric[i], rel[i]);
}
