/* Broken on purpose: wrong answers (each crossing is the weight over the bias, and a NaN
 * bias fires), so every test fails with what it expected and what came back. */
#include "exercises.h"

int boundary_crossings(double w1, double w2, double b, double cross[2])
{
    cross[0] = -w1 / b;
    cross[1] = -w2 / b;
    return !(b < 0.0);
}
