/* Exercise 02-1: the sigmoid, without overflow.
 * Graded by tests/exercises/02-sigmoid/1-stable-sigmoid.c: make grade EX=02-1
 *
 * The logistic sigmoid squashes any real number into (0, 1):
 *
 *     sigma(x) = 1 / (1 + e^-x)
 *
 * Typed in as it stands, exp(-x) overflows to inf once x < -709.78 (e^709.78 is the
 * largest double), the floating-point overflow flag goes up, and the result is 0 even
 * where the true value (about e^x) is still a representable double, down to x = -745.
 * Compute sigma(x) so that the exponential can never overflow:
 *
 *     x >= 0:  1 / (1 + e^-x)      here e^-x <= 1
 *     x <  0:  e^x / (1 + e^x)     the same fraction times e^x / e^x; here e^x < 1
 *
 * Requirements (the tests check each one):
 *   - within 4 ulps of the exact value for every x, including subnormal results
 *     (sigma(-740) is about 4.2e-322, not 0);
 *   - sigma(+inf) = 1, sigma(-inf) = 0, sigma(1000) = 1, sigma(-1000) = 0, with no
 *     overflow or invalid-operation flag raised;
 *   - sigma(0) = sigma(-0.0) = 0.5, and sigma(NaN) is NaN.
 */
#include <math.h>

#include "exercises.h"

double stable_sigmoid(double x)
{
    if (x >= 0.0)
        return 1.0 / (1.0 + exp(-x));
    double e = exp(x); /* x < 0, or NaN (every comparison with NaN is false): NaN out */
    return e / (1.0 + e);
}
