/* Exercise 02-5: softmax, without overflow.
 * Graded by tests/exercises/02-sigmoid/5-softmax.c: make grade EX=02-5
 *
 * With more than two classes, a network gives one score x_j per class and softmax
 * turns the scores into probabilities that add up to 1:
 *
 *     softmax(x)_j = e^(x_j) / (e^(x_0) + e^(x_1) + ... + e^(x_(n-1)))
 *
 * Replace x[0..n-1] by softmax(x), in place. As written, e^(x_j) overflows for
 * x_j > 709.78, and {1000, 1000} would give inf / inf = NaN instead of {0.5, 0.5}.
 * But softmax(x) = softmax(x - c) for any constant c (the factor e^-c cancels), so
 * subtract the row's largest entry m first: every e^(x_j - m) is then in [0, 1] and
 * the largest is exactly 1, so the sum is at least 1.
 *
 * The scores are finite numbers or -inf (a class ruled out, probability 0), and at
 * least one is finite. n may be 0 (nothing to do) or 1 (the result is 1). The results
 * must be within 1e-15 of the exact values and add up to 1 within 1e-15.
 */
#include <math.h>

#include "exercises.h"

void softmax_in_place(double *x, size_t n)
{
    if (n == 0)
        return;
    double m = x[0];
    for (size_t j = 1; j < n; j++)
        if (x[j] > m)
            m = x[j];
    double sum = 0.0;
    for (size_t j = 0; j < n; j++) {
        x[j] = exp(x[j] - m); /* in [0, 1]; -inf - m is -inf and exp(-inf) = 0 */
        sum += x[j];
    }
    for (size_t j = 0; j < n; j++)
        x[j] /= sum; /* sum >= 1: the largest entry contributed exp(0) = 1 */
}
