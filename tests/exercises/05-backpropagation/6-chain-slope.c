/* Tests for exercise 05-6, bp_chain_derivative. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(bp_chain_derivative);

/* The chain's output a_n, computed here on its own: a_0 = x, a_{k+1} = sigma(w[k] a_k +
 * b[k]). */
static double chain_output(const double *w, const double *b, size_t n, double x)
{
    double a = x;
    for (size_t k = 0; k < n; k++)
        a = 1.0 / (1.0 + exp(-(w[k] * a + b[k])));
    return a;
}

Test(bp_chain_derivative, no_layers_is_the_input_itself)
{
    const double w[1] = {5.0}, b[1] = {-2.0};
    double slope[1] = {NAN};
    expect_near(bp_chain_derivative(w, b, 0, 0.7, slope), 1.0, 0.0,
                "bp_chain_derivative(n = 0, x = %g): a_0 = x, so d a_0 / d x", 0.7);
}

Test(bp_chain_derivative, one_neuron_by_hand)
{
    /* z = 1 * 0 + 0 = 0: sigma'(0) = 1/4, and the derivative is w sigma'(0) = 1/4. */
    const double w[] = {1.0}, b[] = {0.0};
    double slope[1] = {NAN};
    expect_near(bp_chain_derivative(w, b, 1, 0.0, slope), 0.25, 1e-15,
                "one neuron, w = %g, b = %g, x = 0: w sigma'(0)", 1.0, 0.0);
    expect_near(slope[0], 0.25, 1e-15, "slope[0] = sigma'(z_0), z_0 = %g", 0.0);
    /* z = 2 * 0.5 - 1 = 0 again: the derivative is w sigma'(0) = 2/4. */
    const double w2[] = {2.0}, b2[] = {-1.0};
    expect_near(bp_chain_derivative(w2, b2, 1, 0.5, slope), 0.5, 1e-15,
                "one neuron, w = %g, b = %g, x = 0.5: w sigma'(0)", 2.0, -1.0);
}

Test(bp_chain_derivative, the_factors_of_two_layers_multiply)
{
    /* z_0 = 2 * 0.5 - 1 = 0, a_1 = 1/2; z_1 = -3 * 1/2 + 1.5 = 0, a_2 = 1/2:
     * d a_2 / d x = w[1] sigma'(z_1) w[0] sigma'(z_0) = (-3)(1/4)(2)(1/4) = -0.375 */
    const double w[] = {2.0, -3.0}, b[] = {-1.0, 1.5};
    double slope[2] = {NAN, NAN};
    expect_near(bp_chain_derivative(w, b, 2, 0.5, slope), -0.375, 1e-15,
                "w = {2, -3}, b = {-1, 1.5}, x = %g: (-3)(1/4)(2)(1/4)", 0.5);
    expect_near(slope[0], 0.25, 1e-15, "slope[%d]", 0);
    expect_near(slope[1], 0.25, 1e-15, "slope[%d]", 1);
}

Test(bp_chain_derivative, agrees_with_a_central_difference)
{
    /* Six layers with weights of both signs and several sizes: the derivative must be
     * the slope of the chain's output, as moving x a little up and down measures it. */
    const double w[] = {1.5, -2.0, 0.7, 3.0, -1.2, 2.5};
    const double b[] = {0.3, -0.4, 0.1, -1.5, 0.8, -0.2};
    double slope[6];
    for (double x = -2.0; x <= 2.0; x += 0.5) {
        double h = 1e-5;
        double up = chain_output(w, b, 6, x + h), down = chain_output(w, b, 6, x - h);
        double numeric = (up - down) / (2 * h);
        double got = bp_chain_derivative(w, b, 6, x, slope);
        cr_expect(fabs(got - numeric) <= 1e-7 * fabs(numeric),
                  "six layers, x = %g: expected about %.10g (a central difference of the "
                  "chain's output), got %.10g", x, numeric, got);
    }
}

Test(bp_chain_derivative, ten_layers_fade_below_a_millionth)
{
    /* Every weight 1, every bias 0: each factor is a slope, at most 1/4, so ten layers
     * give at most 4^-10 = 9.5e-7. */
    double w[10], b[10], slope[10], want = 1.0, a = 0.0;
    for (int k = 0; k < 10; k++) {
        w[k] = 1.0;
        b[k] = 0.0;
        slope[k] = NAN;
        a = 1.0 / (1.0 + exp(-a)); /* the slope of each layer, worked out here */
        want *= a * (1.0 - a);
    }
    double got = bp_chain_derivative(w, b, 10, 0.0, slope);
    cr_expect(fabs(got - want) <= 1e-12 * want,
              "ten layers, w = 1, b = 0, x = 0: expected %.10g, got %.10g", want, got);
    cr_expect(got <= pow(4.0, -10.0), "ten layers: %.3g is above 4^-10 = %.3g", got,
              pow(4.0, -10.0));
    for (int k = 0; k < 10; k++)
        cr_expect(slope[k] > 0.0 && slope[k] <= 0.25,
                  "slope[%d] = %g: a sigmoid's slope lies in (0, 1/4]", k, slope[k]);
}
