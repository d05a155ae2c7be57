/* Exercise 04-1: the slope of the parabola.
 * Graded by tests/exercises/04-gradient-descent/1-parabola-gradient.c: make grade EX=04-1
 *
 * The simplest error with a minimum is a parabola. If the best weight is w_star, the
 * error of a weight w is
 *
 *     E(w) = (w - w_star)^2
 *
 * and its derivative, the slope of the curve at w, is
 *
 *     dE/dw = 2 (w - w_star)
 *
 * Return dE/dw. Its sign says which way is uphill (positive: E grows as w grows), its
 * size how steep the curve is there; at the minimum w = w_star it is exactly 0.
 */
#include "exercises.h"

double parabola_gradient(double w, double w_star)
{
    return 2.0 * (w - w_star);
}
