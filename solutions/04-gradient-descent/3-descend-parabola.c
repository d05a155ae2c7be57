/* Exercise 04-3: run gradient descent until it converges, runs out, or diverges.
 * Graded by tests/exercises/04-gradient-descent/3-descend-parabola.c: make grade EX=04-3
 *
 * Minimise E(w) = (w - w_star)^2 from the starting weight *w with learning rate eta.
 * Follow this loop exactly (E is the error, g the slope 2 (w - w_star)):
 *
 *     rises = 0
 *     for t = 0, 1, 2, ...:
 *         g = 2 (w - w_star)
 *         if |g| <= tol:          *steps = t, return DESCENT_CONVERGED
 *         if t == max_iter:       *steps = t, return DESCENT_LIMIT
 *         next = w - eta * g
 *         if next is not finite:  *steps = t, return DESCENT_DIVERGED   (w stays)
 *         if E(next) > E(w):  rises = rises + 1,  else  rises = 0
 *         w = next
 *         if rises == 10:         *steps = t + 1, return DESCENT_DIVERGED
 *
 * *w always holds the current weight, so on return it is where the descent stopped,
 * and it is never NaN or infinite. max_iter >= 0; tol >= 0; eta > 0.
 *
 * What to expect: each step multiplies the offset w - w_star by (1 - 2 eta). So from
 * w = -1 to w_star = 3 with tol = 1e-6, eta = 0.1 and eta = 0.9 both converge in 72
 * steps (one from one side, one zigzagging), eta = 0.5 in 1, eta = 1 bounces between
 * -1 and 7 until the limit, and eta = 1.1 diverges after 10 steps.
 */
#include <math.h>

#include "exercises.h"

descent_outcome descend_parabola(double *w, double w_star, double eta, double tol,
                                 long max_iter, long *steps)
{
    int rises = 0;
    for (long t = 0;; t++) {
        double g = 2.0 * (*w - w_star);
        if (fabs(g) <= tol) {
            *steps = t;
            return DESCENT_CONVERGED;
        }
        if (t == max_iter) {
            *steps = t;
            return DESCENT_LIMIT;
        }
        double next = *w - eta * g;
        if (!isfinite(next)) {
            *steps = t;
            return DESCENT_DIVERGED;
        }
        double e_now = (*w - w_star) * (*w - w_star);
        double e_next = (next - w_star) * (next - w_star);
        rises = e_next > e_now ? rises + 1 : 0;
        *w = next;
        if (rises == 10) {
            *steps = t + 1;
            return DESCENT_DIVERGED;
        }
    }
}
