/* Exercise 03-2: stretch a draw from [0, 1) to [low, high).
 * Graded by tests/exercises/03-seeding/2-scale-draw.c: make grade EX=03-2
 *
 * np.random.random() gives u in [0, 1). numpy's uniform(low, high) turns it into a
 * number in [low, high) in two roundings: first the width of the interval, high minus
 * low, is computed and rounded once; then the result is low plus width times u (the
 * product rounded, then the sum).
 *
 * Return that result. To print numpy's digits, the arithmetic has to be numpy's, in
 * the same order: other formulas that are equal on paper, such as
 * (1 - u) * low + u * high, round differently and miss the last bit.
 * u = 0 must give low exactly, and low == high gives low. high < low is allowed (the
 * result then lies in (high, low]), as in numpy.
 */
#include "exercises.h"

double scale_draw(double u, double low, double high)
{
    /* TODO: return numpy's uniform(low, high) for the draw u, rounded as numpy rounds. */
    return u;
}
