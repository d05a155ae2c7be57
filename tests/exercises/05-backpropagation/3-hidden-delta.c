/* Tests for exercise 05-3, bp_hidden_delta. */
#include "grade.h"
#include "exercises.h"
#include "gradcheck.h"

GRADE_SUITE(bp_hidden_delta);

Test(bp_hidden_delta, one_sample_one_output_by_hand)
{
    /* D2 = [0.5], W2 = [[2], [-1]], A1 = [0.5, 0.25]:
     * D1 = [0.5 * 2 * 0.25, 0.5 * (-1) * 0.1875] = [0.25, -0.09375] */
    const double D2[] = {0.5}, W2[] = {2.0, -1.0}, A1[] = {0.5, 0.25};
    double D1[2] = {NAN, NAN};
    bp_hidden_delta(D2, W2, A1, 1, 2, 1, D1);
    expect_near(D1[0], 0.25, 1e-15,
                "D1[0,0] = 0.5 * W2[0,0] * 0.5 * (1 - 0.5), W2[0,0] = %g", 2.0);
    expect_near(D1[1], -0.09375, 1e-15,
                "D1[0,1] = 0.5 * W2[1,0] * 0.25 * 0.75, W2[1,0] = %g", -1.0);
}

Test(bp_hidden_delta, sums_over_the_next_layer)
{
    /* n = 2 samples, h = 3 hidden, k = 2 outputs; A1 = 0.5 everywhere (slope 0.25).
     * W2 = [[1, 2], [3, 4], [5, 6]] (h x k). D2 = [[1, 0], [0.5, -1]].
     * (D2 W2^T) = [[1, 3, 5], [0.5 - 2, 1.5 - 4, 2.5 - 6]] = [[1, 3, 5], [-1.5, -2.5,
     * -3.5]]; times 0.25. */
    const double D2[] = {1.0, 0.0, 0.5, -1.0}, W2[] = {1, 2, 3, 4, 5, 6};
    const double A1[] = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
    const double want[] = {0.25, 0.75, 1.25, -0.375, -0.625, -0.875};
    double D1[6] = {NAN, NAN, NAN, NAN, NAN, NAN};
    bp_hidden_delta(D2, W2, A1, 2, 3, 2, D1);
    for (int i = 0; i < 6; i++)
        expect_near(D1[i], want[i], 1e-15, "D1[%d,%d] (2 samples, 3 hidden, 2 outputs)",
                    i / 3, i % 3);
}

Test(bp_hidden_delta, saturated_neurons_pass_nothing_back)
{
    const double D2[] = {0.8}, W2[] = {3.0, -2.0, 1.0}, A1[] = {1.0, 0.0, 0.5};
    double D1[3] = {NAN, NAN, NAN};
    bp_hidden_delta(D2, W2, A1, 1, 3, 1, D1);
    expect_near(D1[0], 0.0, 0.0, "D1 of a neuron with A1 = %g", 1.0);
    expect_near(D1[1], 0.0, 0.0, "D1 of a neuron with A1 = %g", 0.0);
    expect_near(D1[2], 0.8 * 1.0 * 0.25, 1e-15, "D1 of a neuron with A1 = %g", 0.5);
}

/* ---- A larger network, against the gradient checker. ---------------------------------
 * Z1 (N x H) -> A1 = sigma(Z1) -> Z2 = A1 W2 + b2 (N x K) -> A2 = sigma(Z2),
 * L = 1/(2N) sum over all (A2 - Y)^2. D1 must equal dL/dZ1, which the checker measures
 * by moving each Z1[i, j]. */

enum { N = 4, H = 5, K = 2 };

typedef struct net {
    double Z1[N * H], W2[H * K], b2[K], Y[N * K];
} net;

static double sigmoid(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

static void forward(const net *m, double *A1, double *A2)
{
    for (int i = 0; i < N * H; i++)
        A1[i] = sigmoid(m->Z1[i]);
    for (int i = 0; i < N; i++)
        for (int c = 0; c < K; c++) {
            double z = m->b2[c];
            for (int j = 0; j < H; j++)
                z += A1[i * H + j] * m->W2[j * K + c];
            A2[i * K + c] = sigmoid(z);
        }
}

static nn_status loss_of_z1(void *context, double *loss, nn_error *err)
{
    (void)err;
    double A1[N * H], A2[N * K], sum = 0.0;
    forward(context, A1, A2);
    for (int i = 0; i < N * K; i++) {
        double e = A2[i] - ((const net *)context)->Y[i];
        sum += e * e;
    }
    *loss = sum / (2.0 * N);
    return NN_OK;
}

Test(bp_hidden_delta, a_larger_network_against_the_gradient_checker)
{
    net m;
    for (int i = 0; i < N * H; i++)
        m.Z1[i] = 1.5 * sin(0.7 * i + 0.3);
    for (int i = 0; i < H * K; i++)
        m.W2[i] = 2.0 * cos(1.3 * i);
    for (int c = 0; c < K; c++)
        m.b2[c] = 0.2 - 0.5 * c;
    for (int i = 0; i < N * K; i++)
        m.Y[i] = (i * 7) % 3 == 0;
    double A1[N * H], A2[N * K], D2[N * K], D1[N * H];
    forward(&m, A1, A2);
    for (int i = 0; i < N * K; i++) /* the output delta, dL/dZ2 */
        D2[i] = (A2[i] - m.Y[i]) * A2[i] * (1.0 - A2[i]) / N;
    for (int i = 0; i < N * H; i++)
        D1[i] = NAN;
    bp_hidden_delta(D2, m.W2, A1, N, H, K, D1);

    double numeric[N * H], rel[N * H];
    nn_error err;
    cr_assert_eq(
        nn_gradcheck(loss_of_z1, &m, m.Z1, D1, N * H, NULL, numeric, rel, NULL, &err),
        NN_OK, "%s", err.message);
    int shown = 0; /* report the first few wrong entries, not all twenty */
    for (int i = 0; i < N * H && shown < 3; i++) {
        if (rel[i] < 1e-6 || fabs(D1[i] - numeric[i]) < 1e-11)
            continue;
        shown++;
        cr_expect(false,
                  "D1[%d,%d] = %.10g, but moving Z1[%d,%d] shows dL/dZ1 = %.10g (relative "
                  "error %.1e) in a 4-sample, 5-hidden, 2-output network",
                  i / H, i % H, D1[i], i / H, i % H, numeric[i], rel[i]);
    }
}
