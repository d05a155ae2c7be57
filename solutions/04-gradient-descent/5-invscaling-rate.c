/* Exercise 04-5: a learning rate that shrinks over time.
 * Graded by tests/exercises/04-gradient-descent/5-invscaling-rate.c: make grade EX=04-5
 *
 * scikit-learn's MLP can make its steps smaller as training goes on. Its "invscaling"
 * schedule gives the t-th step (t = 0 for the first) the learning rate
 *
 *     eta_t = eta0 / (t + 1)^power_t
 *
 * so the first step uses eta0 itself, and with power_t = 0.5 the fourth step (t = 3)
 * uses eta0 / 2. power_t = 0 gives a constant rate. Return eta_t (t >= 0, power_t >= 0).
 */
#include <math.h>

#include "exercises.h"

double invscaling_rate(double eta0, double power_t, long t)
{
    return eta0 / pow((double)t + 1.0, power_t);
}
