/* Broken on purpose: ends the program with exit(0), which Criterion alone would count as
 * a pass. */
#include <stdlib.h>

#include "exercises.h"

double perceptron_update(double *w, double *b, const double *x, size_t n, double target,
                         double eta)
{
    (void)w, (void)b, (void)x, (void)n, (void)target, (void)eta;
    exit(0);
}
