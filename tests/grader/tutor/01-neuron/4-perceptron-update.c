/* Broken on purpose: the loop writes one weight past the end of w (i <= n), which does
 * not crash but corrupts the memory after the array. */
#include "exercises.h"

double perceptron_update(double *w, double *b, const double *x, size_t n, double target,
                         double eta)
{
    double z = *b;
    for (size_t i = 0; i < n; i++)
        z += w[i] * x[i];
    double y = z >= 0.0 ? 1.0 : 0.0;
    for (size_t i = 0; i <= n; i++)
        w[i] += eta * (target - y) * (i < n ? x[i] : 0.0);
    *b += eta * (target - y);
    return target - y;
}
