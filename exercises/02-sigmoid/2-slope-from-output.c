/* Exercise 02-2: the slope from the output.
 * Graded by tests/exercises/02-sigmoid/2-slope-from-output.c: make grade EX=02-2
 *
 * Training needs the slope (derivative) of the activation at the neuron's input x.
 * For the sigmoid and for tanh, the slope is a simple expression in the OUTPUT
 * y = f(x), which the forward pass has already computed:
 *
 *     sigma'(x) = sigma(x) (1 - sigma(x)) = y (1 - y)       where y = sigma(x)
 *     tanh'(x)  = 1 - tanh(x)^2           = 1 - y^2         where y = tanh(x)
 *
 * Both functions below receive y, not x. Do not apply the activation to y again:
 * y already is sigma(x) (or tanh x). No exp, no tanh: only multiplications.
 * At the ends the slope is zero: sigmoid_slope_from_output(0) and (1) are 0, and
 * tanh_slope_from_output(-1) and (1) are 0. The sigmoid's slope peaks at y = 0.5
 * (slope 0.25), tanh's at y = 0 (slope 1).
 */
#include "exercises.h"

double sigmoid_slope_from_output(double y)
{
    /* TODO: the sigmoid's slope, from its output y alone. */
    return 0.0;
}

double tanh_slope_from_output(double y)
{
    /* TODO: tanh's slope, from its output y alone. */
    return 0.0;
}
