/* Broken on purpose: does not compile (a missing semicolon). */
#include "exercises.h"

double weighted_sum(const double *w, const double *x, size_t n, double b)
{
    double z = b
    for (size_t i = 0; i < n; i++)
        z += w[i] * x[i];
    return z;
}
