/* Exercise 02-4: relu, exactly.
 * Graded by tests/exercises/02-sigmoid/4-relu.c: make grade EX=02-4
 *
 * The rectified linear unit passes positive numbers through and clips the rest to 0:
 *
 *     relu(x) = max(x, 0)
 *
 * Floating point adds three edge cases, and the tests check them:
 *   - relu(-0.0) must be +0.0, not -0.0 (so that, say, printing it or dividing by it
 *     behaves like the 0 it stands for);
 *   - relu(NaN) must be NaN: a broken value must stay visible, not turn into 0;
 *   - relu(-inf) is +0.0 and relu(+inf) is +inf.
 *
 * Its slope, from the output y = relu(x) as backpropagation sees it:
 *
 *     relu'(x) = 1 if y > 0, 0 if y == 0, NaN if y is NaN
 *
 * (relu has a corner at 0; taking the slope there as 0 is the usual convention.)
 */
#include <math.h>

#include "exercises.h"

double relu(double x)
{
    /* TODO: keep positive x, give +0.0 for the rest, and let NaN through. */
    return x;
}

double relu_slope_from_output(double y)
{
    /* TODO: 1 for a positive output, 0 for zero, NaN for NaN. */
    return 1.0;
}
