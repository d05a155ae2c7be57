/* tests/lib/neuron.c - the neuron of chapter 1: weighted sum, step, perceptron rule. */
#include <criterion/criterion.h>
#include <math.h>

#include "neuron.h"

TestSuite(neuron, .timeout = 10);

Test(neuron, weighted_sum_adds_the_bias_once)
{
    double w[] = {0.5, -2.0, 1.0};
    nn_neuron u = {3, w, 0.25};
    double x[] = {2.0, 1.0, -3.0};
    cr_assert_float_eq(nn_neuron_sum(&u, x), 0.5 * 2 - 2.0 * 1 + 1.0 * -3 + 0.25, 1e-15);
    nn_neuron empty = {0, w, -4.0};
    cr_assert_eq(nn_neuron_sum(&empty, x), -4.0, "no inputs: the sum is the bias");
}

Test(neuron, step_fires_at_zero_and_not_on_nan)
{
    cr_assert_eq(nn_step(0.0), 1.0);
    cr_assert_eq(nn_step(-0.0), 1.0);
    cr_assert_eq(nn_step(1e-300), 1.0);
    cr_assert_eq(nn_step(-1e-300), 0.0);
    cr_assert_eq(nn_step(INFINITY), 1.0);
    cr_assert_eq(nn_step(-INFINITY), 0.0);
    cr_assert_eq(nn_step(NAN), 0.0, "step(NaN) must not fire");
}

Test(neuron, learn_moves_only_on_mistakes)
{
    double w[] = {0.0, 0.0};
    nn_neuron u = {2, w, -0.5};
    double x[] = {1.0, 0.0};
    /* z = -0.5: y = 0, target 1: e = +1; w0 moves by eta*x0, w1 (input 0) stays. */
    cr_assert_eq(nn_neuron_learn(&u, x, 1.0, 0.25), 1.0);
    cr_assert_float_eq(w[0], 0.25, 1e-15);
    cr_assert_eq(w[1], 0.0);
    cr_assert_float_eq(u.bias, -0.25, 1e-15);
    /* now z = 0: y = 1, right: nothing changes */
    cr_assert_eq(nn_neuron_learn(&u, x, 1.0, 0.25), 0.0);
    cr_assert_float_eq(w[0], 0.25, 1e-15);
    cr_assert_float_eq(u.bias, -0.25, 1e-15);
}

static const double CORNERS[8] = {0, 0, 0, 1, 1, 0, 1, 1};

Test(neuron, perceptron_learns_or_from_zero)
{
    double t[] = {0, 1, 1, 1};
    double w[] = {0.0, 0.0};
    nn_neuron u = {2, w, 0.0};
    size_t mistakes = 4;
    int epochs = 0;
    while (mistakes > 0 && epochs < 100) {
        mistakes = nn_neuron_epoch(&u, CORNERS, t, 4, 0.1);
        epochs++;
    }
    cr_assert_eq(mistakes, 0, "OR not learned in 100 epochs");
    for (int k = 0; k < 4; k++)
        cr_assert_eq(nn_neuron_predict(&u, CORNERS + 2 * k), t[k], "corner %d wrong", k);
}

Test(neuron, perceptron_never_learns_xor)
{
    double t[] = {0, 1, 1, 0};
    double w[] = {0.3, -0.2};
    nn_neuron u = {2, w, 0.1};
    for (int epoch = 0; epoch < 1000; epoch++)
        cr_assert_gt(nn_neuron_epoch(&u, CORNERS, t, 4, 0.1), 0,
                     "an epoch without mistakes on XOR (epoch %d): impossible for one line", epoch);
}

Test(neuron, learning_rate_only_scales_weights_from_zero)
{
    /* From zero weights, every update is a multiple of eta, so eta = 1 and eta = 0.01
     * make the same mistakes and end with weights in the ratio 100 : 1. */
    double t[] = {0, 0, 0, 1};
    double wa[] = {0, 0}, wb[] = {0, 0};
    nn_neuron a = {2, wa, 0.0}, b = {2, wb, 0.0};
    for (int epoch = 0; epoch < 20; epoch++)
        cr_assert_eq(nn_neuron_epoch(&a, CORNERS, t, 4, 1.0), nn_neuron_epoch(&b, CORNERS, t, 4, 0.01));
    cr_assert_float_eq(wa[0], 100 * wb[0], 1e-12);
    cr_assert_float_eq(wa[1], 100 * wb[1], 1e-12);
    cr_assert_float_eq(a.bias, 100 * b.bias, 1e-12);
}
