/* Correct answers, but leaks memory on every call: only the sanitizer can tell. */
#include <stdlib.h>

#include "exercises.h"

double weighted_sum(const double *w, const double *x, size_t n, double b)
{
    double *products = malloc((n + 1) * sizeof *products);
    double z = b;
    for (size_t i = 0; i < n; i++) {
        products[i] = w[i] * x[i];
        z += products[i];
    }
    return z; /* products is never freed */
}
