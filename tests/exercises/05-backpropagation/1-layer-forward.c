/* Tests for exercise 05-1, bp_layer_forward. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(bp_layer_forward);

#define LN3 1.0986122886681098 /* sigma(ln 3) = 1 / (1 + 1/3) = 0.75, sigma(-ln 3) = 0.25 */

/* The reference: the formula, loop by loop. */
static void reference(const double *X, const double *W, const double *b, size_t n,
                      size_t in, size_t out, double *A)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < out; j++) {
            double z = b[j];
            for (size_t k = 0; k < in; k++)
                z += X[i * in + k] * W[k * out + j];
            A[i * out + j] = 1.0 / (1.0 + exp(-z));
        }
}

Test(bp_layer_forward, one_neuron_by_hand)
{
    /* z = 0.5 * 2 + 1 * (-1) + 0 = 0, so a = sigma(0) = 0.5 */
    const double X[] = {0.5, 1.0}, W[] = {2.0, -1.0}, b[] = {0.0};
    double A[1] = {NAN};
    bp_layer_forward(X, W, b, 1, 2, 1, A);
    expect_near(A[0], 0.5, 1e-15, "sigma(0.5*2 + 1*(-1) + %g)", 0.0);
}

Test(bp_layer_forward, bias_reaches_every_sample)
{
    /* Two samples, one input, two neurons: z = x w_j + b_j. With x = 0 only the bias
     * counts: sigma(ln 3) = 0.75 and sigma(-ln 3) = 0.25. */
    const double X[] = {0.0, 1.0}, W[] = {LN3, 2 * LN3}, b[] = {LN3, -LN3};
    double A[4] = {NAN, NAN, NAN, NAN};
    bp_layer_forward(X, W, b, 2, 1, 2, A);
    expect_near(A[0], 0.75, 1e-15, "A[0,0] = sigma(0*w + b[0]), b[0] = ln %d", 3);
    expect_near(A[1], 0.25, 1e-15, "A[0,1] = sigma(0*w + b[1]), b[1] = -ln %d", 3);
    /* second sample, x = 1: z = ln 3 + ln 3 = ln 9 and 2 ln 3 - ln 3 = ln 3 */
    expect_near(A[2], 0.9, 1e-15, "A[1,0] = sigma(ln 3 + ln 3) = 9/10 (sample %d)", 1);
    expect_near(A[3], 0.75, 1e-15, "A[1,1] = sigma(2 ln 3 - ln 3) (sample %d)", 1);
}

Test(bp_layer_forward, weights_are_read_by_column)
{
    /* W is in x out = 2 x 3; neuron j's weights are column j: (W[0,j], W[1,j]).
     * W = [[ln 3, 0, -ln 3], [0, ln 3, 0]], b = 0, one sample x = (1, 0):
     * z = (ln 3, 0, -ln 3) -> (0.75, 0.5, 0.25). Read transposed, it would differ. */
    const double X[] = {1.0, 0.0}, W[] = {LN3, 0.0, -LN3, 0.0, LN3, 0.0}, b[] = {0, 0, 0};
    double A[3] = {NAN, NAN, NAN};
    bp_layer_forward(X, W, b, 1, 2, 3, A);
    expect_near(A[0], 0.75, 1e-15, "neuron %d of x = (1, 0): z = W[0,0] = ln 3", 0);
    expect_near(A[1], 0.5, 1e-15, "neuron %d of x = (1, 0): z = W[0,1] = 0", 1);
    expect_near(A[2], 0.25, 1e-15, "neuron %d of x = (1, 0): z = W[0,2] = -ln 3", 2);
    cr_expect(!(grade_near(A[1], 0.25, 1e-12) && grade_near(A[2], 0.75, 1e-12)),
              "A = (%g, %g, %g) is what W read as out x in (row j for neuron j) gives: W is "
              "in x out, and neuron j's weights are its column j", A[0], A[1], A[2]);
}

Test(bp_layer_forward, no_overflow_far_out)
{
    const double X[] = {1.0, -1.0}, W[] = {1000.0}, b[] = {0.0};
    double A[2] = {NAN, NAN};
    bp_layer_forward(X, W, b, 2, 1, 1, A);
    expect_near(A[0], 1.0, 0.0, "sigma(%g)", 1000.0);
    expect_near(A[1], 0.0, 0.0, "sigma(%g) (0, not NaN)", -1000.0);
}

Test(bp_layer_forward, a_larger_layer)
{
    /* 5 samples, 3 inputs, 4 neurons, against the formula. */
    enum { N = 5, IN = 3, OUT = 4 };
    double X[N * IN], W[IN * OUT], b[OUT], A[N * OUT], want[N * OUT];
    for (size_t i = 0; i < N * IN; i++)
        X[i] = sin(1.0 + (double)i);
    for (size_t i = 0; i < IN * OUT; i++)
        W[i] = 1.5 * cos(2.0 * (double)i);
    for (size_t j = 0; j < OUT; j++)
        b[j] = 0.3 * (double)j - 0.4;
    for (size_t i = 0; i < N * OUT; i++)
        A[i] = NAN;
    reference(X, W, b, N, IN, OUT, want);
    bp_layer_forward(X, W, b, N, IN, OUT, A);
    int shown = 0; /* report the first few wrong entries, not all twenty */
    for (size_t i = 0; i < N * OUT && shown < 3; i++) {
        if (grade_near(A[i], want[i], 1e-14))
            continue;
        shown++;
        expect_near(A[i], want[i], 1e-14,
                    "A[%zu,%zu] of a 5 x 3 batch through a 3 x 4 layer", i / OUT, i % OUT);
    }
}
