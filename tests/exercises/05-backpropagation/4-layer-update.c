/* Tests for exercise 05-4, bp_layer_update. */
#include <string.h>

#include "grade.h"
#include "exercises.h"
#include "gradcheck.h"

GRADE_SUITE(bp_layer_update);

Test(bp_layer_update, two_samples_by_hand)
{
    /* A = [[1, 0], [1, 1]] (n = 2, in = 2), D = [[0.5], [-0.25]] (out = 1):
     * dW = A^T D = [[1*0.5 + 1*(-0.25)], [0*0.5 + 1*(-0.25)]] = [[0.25], [-0.25]],
     * db = 0.5 - 0.25 = 0.25; with eta = 0.1: W = [[1], [2]] -> [[0.975], [2.025]],
     * b = 0.5 -> 0.475 */
    const double A[] = {1, 0, 1, 1}, D[] = {0.5, -0.25};
    double W[] = {1.0, 2.0}, b[] = {0.5}, dW[2] = {NAN, NAN}, db[1] = {NAN};
    bp_layer_update(W, b, dW, db, A, D, 2, 2, 1, 0.1);
    expect_near(dW[0], 0.25, 1e-15, "dW[0,0] = A[0,0] D[0,0] + A[1,0] D[1,0] (%s)",
                "sum over samples");
    expect_near(dW[1], -0.25, 1e-15, "dW[1,0] = A[0,1] D[0,0] + A[1,1] D[1,0] (%s)",
                "sum over samples");
    expect_near(db[0], 0.25, 1e-15, "db[0] = D[0,0] + D[1,0] (%s)", "column sum");
    expect_near(W[0], 0.975, 1e-15, "W[0,0] after the step (was 1, eta = %g)", 0.1);
    expect_near(W[1], 2.025, 1e-15, "W[1,0] after the step (was 2, eta = %g)", 0.1);
    expect_near(b[0], 0.475, 1e-15, "b[0] after the step (was 0.5, eta = %g)", 0.1);
}

Test(bp_layer_update, shapes_in_by_out)
{
    /* n = 1, in = 3, out = 2: dW[k, j] = A[k] D[j], an outer product, laid out 3 x 2. */
    const double A[] = {1, 2, 3}, D[] = {10, -1};
    double W[6] = {0}, b[2] = {0}, dW[6], db[2] = {NAN, NAN};
    for (int i = 0; i < 6; i++)
        dW[i] = NAN;
    bp_layer_update(W, b, dW, db, A, D, 1, 3, 2, 1.0);
    const double want[] = {10, -1, 20, -2, 30, -3};
    for (int i = 0; i < 6; i++) {
        expect_near(dW[i], want[i], 1e-15, "dW[%d,%d] = A[%d] * D[%d] (in = 3, out = 2)",
                    i / 2, i % 2, i / 2, i % 2);
        expect_near(W[i], -want[i], 1e-15, "W[%d,%d] after a step of eta = 1 from 0", i / 2,
                    i % 2);
    }
    expect_near(db[0], 10.0, 1e-15, "db[%d]", 0);
    expect_near(db[1], -1.0, 1e-15, "db[%d]", 1);
}

Test(bp_layer_update, eta_zero_still_writes_the_gradient)
{
    const double A[] = {0.5, -0.5}, D[] = {2.0, 4.0}; /* n = 2, in = 1, out = 1 */
    double W[] = {0.7}, b[] = {-0.3}, dW[1] = {NAN}, db[1] = {NAN};
    bp_layer_update(W, b, dW, db, A, D, 2, 1, 1, 0.0);
    expect_near(dW[0], 0.5 * 2.0 - 0.5 * 4.0, 1e-15, "dW with eta = %g", 0.0);
    expect_near(db[0], 6.0, 1e-15, "db with eta = %g", 0.0);
    expect_near(W[0], 0.7, 0.0, "W must not move with eta = %g", 0.0);
    expect_near(b[0], -0.3, 0.0, "b must not move with eta = %g", 0.0);
}

/* ---- A sigmoid layer with the squared error, against the gradient checker. ------------
 * The loss L(W, b) = 1/(2N) sum (sigma(A W + b) - Y)^2 and its delta D = dL/dZ are
 * computed here; dW and db from the exercise must be L's slopes. */

enum { N = 6, IN = 3, OUT = 2 };

typedef struct layer {
    double A[N * IN], W[IN * OUT], b[OUT], Y[N * OUT];
} layer;

static void outputs(const layer *l, double *P)
{
    for (int i = 0; i < N; i++)
        for (int j = 0; j < OUT; j++) {
            double z = l->b[j];
            for (int k = 0; k < IN; k++)
                z += l->A[i * IN + k] * l->W[k * OUT + j];
            P[i * OUT + j] = 1.0 / (1.0 + exp(-z));
        }
}

static nn_status layer_loss(void *context, double *loss, nn_error *err)
{
    (void)err;
    const layer *l = context;
    double P[N * OUT], sum = 0.0;
    outputs(l, P);
    for (int i = 0; i < N * OUT; i++)
        sum += (P[i] - l->Y[i]) * (P[i] - l->Y[i]);
    *loss = sum / (2.0 * N);
    return NN_OK;
}

Test(bp_layer_update, gradients_agree_with_the_gradient_checker)
{
    layer l;
    for (int i = 0; i < N * IN; i++)
        l.A[i] = 0.5 + 0.5 * sin(1.7 * i);
    for (int i = 0; i < IN * OUT; i++)
        l.W[i] = 1.2 * cos(0.9 * i + 0.4);
    l.b[0] = 0.3;
    l.b[1] = -0.6;
    for (int i = 0; i < N * OUT; i++)
        l.Y[i] = (i % 4) < 2;
    double P[N * OUT], D[N * OUT];
    outputs(&l, P);
    for (int i = 0; i < N * OUT; i++)
        D[i] = (P[i] - l.Y[i]) * P[i] * (1.0 - P[i]) / N;

    double W[IN * OUT], b[OUT], dW[IN * OUT], db[OUT];
    memcpy(W, l.W, sizeof W);
    memcpy(b, l.b, sizeof b);
    for (int i = 0; i < IN * OUT; i++)
        dW[i] = NAN;
    db[0] = db[1] = NAN;
    bp_layer_update(W, b, dW, db, l.A, D, N, IN, OUT, 0.5);

    double rel_W[IN * OUT], num_W[IN * OUT], rel_b[OUT], num_b[OUT];
    nn_error err;
    cr_assert_eq(
        nn_gradcheck(layer_loss, &l, l.W, dW, IN * OUT, NULL, num_W, rel_W, NULL, &err),
        NN_OK, "%s", err.message);
    cr_assert_eq(nn_gradcheck(layer_loss, &l, l.b, db, OUT, NULL, num_b, rel_b, NULL, &err),
                 NN_OK, "%s", err.message);
    for (int i = 0; i < IN * OUT; i++) {
        cr_expect(rel_W[i] < 1e-6, "dW[%d,%d] = %.10g, but finite differences give %.10g "
                  "(relative error %.1e)", i / OUT, i % OUT, dW[i], num_W[i], rel_W[i]);
        expect_near(W[i], l.W[i] - 0.5 * num_W[i], 1e-9,
                    "W[%d,%d] after a step of eta = 0.5", i / OUT, i % OUT);
    }
    for (int j = 0; j < OUT; j++) {
        cr_expect(rel_b[j] < 1e-6, "db[%d] = %.10g, but finite differences give %.10g "
                  "(relative error %.1e)", j, db[j], num_b[j], rel_b[j]);
        expect_near(b[j], l.b[j] - 0.5 * num_b[j], 1e-9, "b[%d] after a step of eta = 0.5",
                    j);
    }
}
