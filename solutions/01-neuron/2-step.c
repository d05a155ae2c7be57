/* Exercise 01-2: the step activation.
 * Graded by tests/exercises/01-neuron/2-step.c: make grade EX=01-2
 *
 * The neuron "fires" when its weighted sum reaches the threshold 0:
 *
 *     step(z) = 1.0 if z >= 0, else 0.0
 *
 * Edge cases matter: step(0.0) and step(-0.0) are both 1.0 (-0.0 == 0.0 in C), and
 * step(NaN) must be 0.0 (a broken input should not switch the neuron on).
 */
#include "exercises.h"

double step(double z)
{
    return z >= 0.0 ? 1.0 : 0.0;
}
