/* Exercise 04-4: the error of a line, and its gradient.
 * Graded by tests/exercises/04-gradient-descent/4-line-mse-gradient.c: make grade EX=04-4
 *
 * A line y = a x + b predicts a x_i + b for the point (x_i, y_i). The residual
 * r_i = a x_i + b - y_i is how far the prediction is off. The mean squared error over
 * the m points is
 *
 *     E(a, b) = (1/m) * sum_i r_i^2
 *
 * and its partial derivatives (the gradient) are
 *
 *     dE/da = (2/m) * sum_i r_i * x_i
 *     dE/db = (2/m) * sum_i r_i
 *
 * Return E and store the two derivatives in *da and *db. With m = 0 there is no error to
 * average: return 0 and set both derivatives to 0 (do not divide by zero).
 */
#include "exercises.h"

double line_mse_gradient(const double *x, const double *y, size_t m, double a, double b,
                         double *da, double *db)
{
    *da = 0.0;
    *db = 0.0;
    if (m == 0)
        return 0.0;
    double sum = 0.0, sum_x = 0.0, sum_1 = 0.0;
    for (size_t i = 0; i < m; i++) {
        double r = a * x[i] + b - y[i];
        sum += r * r;
        sum_x += r * x[i];
        sum_1 += r;
    }
    *da = 2.0 * sum_x / (double)m;
    *db = 2.0 * sum_1 / (double)m;
    return sum / (double)m;
}
