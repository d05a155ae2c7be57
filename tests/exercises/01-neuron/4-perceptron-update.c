/* Tests for exercise 01-4, perceptron_update. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(perceptron_update);

Test(perceptron_update, wrong_one_moves_up)
{
    /* z = 0.5*1 + (-1)*1 - 0.25 = -0.75 < 0, so y = 0; target 1: e = +1. */
    double w[] = {0.5, -1.0}, b = -0.25, x[] = {1.0, 1.0};
    double e = perceptron_update(w, &b, x, 2, 1.0, 0.1);
    expect_near(e, 1.0, 0.0, "returned error for target 1, y 0 (%s)", "e = target - y");
    expect_near(w[0], 0.6, 1e-12, "w[0] after the update (was %g)", 0.5);
    expect_near(w[1], -0.9, 1e-12, "w[1] after the update (was %g)", -1.0);
    expect_near(b, -0.15, 1e-12, "b after the update (was %g)", -0.25);
}

Test(perceptron_update, wrong_zero_moves_down)
{
    /* z = 1*0 + 1*1 + 0 = 1 >= 0, so y = 1; target 0: e = -1. x[0] = 0 keeps w[0]. */
    double w[] = {1.0, 1.0}, b = 0.0, x[] = {0.0, 1.0};
    double e = perceptron_update(w, &b, x, 2, 0.0, 0.5);
    expect_near(e, -1.0, 0.0, "returned error for target 0, y 1 (%s)", "e = target - y");
    expect_near(w[0], 1.0, 0.0, "w[0] (its input was %g, so it must not move)", 0.0);
    expect_near(w[1], 0.5, 1e-12, "w[1] after the update (was %g)", 1.0);
    expect_near(b, -0.5, 1e-12, "b after the update (was %g)", 0.0);
}

Test(perceptron_update, right_answer_changes_nothing)
{
    double w[] = {0.2, 0.3, -0.4}, b = 0.1, x[] = {1.0, 1.0, 1.0}; /* z = 0.2 >= 0: y = 1 */
    double e = perceptron_update(w, &b, x, 3, 1.0, 0.7);
    expect_near(e, 0.0, 0.0, "returned error when the neuron is right (%s)", "target 1, y 1");
    expect_near(w[0], 0.2, 0.0, "w[0] (unchanged when right, was %g)", 0.2);
    expect_near(w[1], 0.3, 0.0, "w[1] (unchanged when right, was %g)", 0.3);
    expect_near(w[2], -0.4, 0.0, "w[2] (unchanged when right, was %g)", -0.4);
    expect_near(b, 0.1, 0.0, "b (unchanged when right, was %g)", 0.1);
}

Test(perceptron_update, zero_sum_counts_as_firing)
{
    /* z = 0 exactly: y = 1. With target 0 the neuron is wrong. */
    double w[] = {1.0, -1.0}, b = 0.0, x[] = {2.0, 2.0};
    double e = perceptron_update(w, &b, x, 2, 0.0, 0.25);
    expect_near(e, -1.0, 0.0, "returned error when z = %g and target 0", 0.0);
    expect_near(w[0], 0.5, 1e-12, "w[0] after the update (was %g)", 1.0);
    expect_near(w[1], -1.5, 1e-12, "w[1] after the update (was %g)", -1.0);
    expect_near(b, -0.25, 1e-12, "b after the update (was %g)", 0.0);
}

Test(perceptron_update, learns_and_in_a_few_epochs)
{
    /* Repeated updates over AND's truth table must converge (AND is separable). */
    const double X[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}}, T[4] = {0, 0, 0, 1};
    double w[] = {0.0, 0.0}, b = 0.0;
    int clean_epoch = -1;
    for (int epoch = 0; epoch < 100 && clean_epoch < 0; epoch++) {
        int mistakes = 0;
        for (int k = 0; k < 4; k++)
            mistakes += perceptron_update(w, &b, X[k], 2, T[k], 0.1) != 0.0;
        if (mistakes == 0)
            clean_epoch = epoch;
    }
    cr_expect(clean_epoch >= 0,
              "training AND from w = (0, 0), b = 0 with eta 0.1: expected an epoch without "
              "mistakes within 100 epochs, got none (w = (%g, %g), b = %g)", w[0], w[1], b);
    for (int k = 0; k < 4; k++) {
        double z = w[0] * X[k][0] + w[1] * X[k][1] + b;
        expect_near(z >= 0.0 ? 1.0 : 0.0, T[k], 0.0,
                    "AND(%g, %g) after training (w = (%g, %g), b = %g)", X[k][0], X[k][1], w[0],
                    w[1], b);
    }
}
