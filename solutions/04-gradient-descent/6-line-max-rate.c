/* Exercise 04-6: how large may the learning rate be?
 * Graded by tests/exercises/04-gradient-descent/6-line-max-rate.c: make grade EX=04-6
 *
 * The mean squared error of a line y = a x + b is a bowl in (a, b) whose curvature is
 * the same everywhere: its matrix of second derivatives (the Hessian) is
 *
 *     H = 2 * [ mean(x^2)  mean(x) ]
 *             [ mean(x)    1       ]
 *
 * where mean(x) = (1/m) sum x_i and mean(x^2) = (1/m) sum x_i^2. Gradient descent on
 * this bowl converges exactly when eta < 2 / lambda_max, where lambda_max is the larger
 * eigenvalue of H. For a symmetric 2x2 matrix [[p, q], [q, r]] the eigenvalues are
 *
 *     (p + r)/2 -+ sqrt(((p - r)/2)^2 + q^2)
 *
 * Return 2 / lambda_max for the m >= 1 values x[0 .. m-1]. (For x spread evenly over
 * [-1, 1], mean(x) is about 0 and mean(x^2) about 1/3: lambda_max is about 2, and the
 * limit about 1, as for the parabola (w - w_star)^2.)
 */
#include <math.h>

#include "exercises.h"

double line_max_rate(const double *x, size_t m)
{
    double m1 = 0.0, m2 = 0.0;
    for (size_t i = 0; i < m; i++) {
        m1 += x[i];
        m2 += x[i] * x[i];
    }
    m1 /= (double)m;
    m2 /= (double)m;
    double p = 2.0 * m2, q = 2.0 * m1, r = 2.0;
    double lambda_max = (p + r) / 2.0 + sqrt((p - r) * (p - r) / 4.0 + q * q);
    return 2.0 / lambda_max;
}
