/* Exercise 01-5: where the boundary meets the axes.
 * Graded by tests/exercises/01-neuron/5-boundary-crossings.c: make grade EX=01-5
 *
 * A two-input neuron with weights w1, w2 and bias b fires where
 * w1 x1 + w2 x2 + b >= 0. Its decision boundary is the line w1 x1 + w2 x2 + b = 0.
 * Reading a line off its weights is how chapter 1 reads its figures, so find:
 *
 *   cross[0]  the x1 where the line meets the x1 axis (the points with x2 = 0);
 *   cross[1]  the x2 where the line meets the x2 axis (the points with x1 = 0).
 *
 * A line whose weight for an axis is 0 is parallel to that axis: it never meets it, or,
 * when b is 0 too, it is that axis and meets it everywhere. Either way there is no
 * single crossing: store NAN there.
 *
 * Return 1 when the origin (0, 0) is on the side where the neuron fires, else 0. At
 * the origin both inputs are 0, so this depends on b alone, with the step's rule:
 * z >= 0 fires (b = 0 fires too), and a NaN bias does not fire.
 */
#include <math.h>

#include "exercises.h"

int boundary_crossings(double w1, double w2, double b, double cross[2])
{
    /* TODO: the two crossings (NAN where there is none), then the origin's side. */
    cross[0] = 0.0;
    cross[1] = 0.0;
    return 0;
}
