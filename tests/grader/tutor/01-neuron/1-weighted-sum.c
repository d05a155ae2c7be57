/* Broken on purpose: reads through a pointer that was never given a value. */
#include "exercises.h"

double weighted_sum(const double *w, const double *x, size_t n, double b)
{
    double z = b;
    double *q;
    for (size_t i = 0; i < n; i++)
        z += w[i] * x[i] + *q * 0;
    return z;
}
