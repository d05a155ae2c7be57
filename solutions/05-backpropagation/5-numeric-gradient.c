/* Exercise 05-5: a numerical gradient.
 * Graded by tests/exercises/05-backpropagation/5-numeric-gradient.c: make grade EX=05-5
 *
 * f is a loss of m parameters p[0..m) (call it as f(p, m, context)). Its gradient can be
 * estimated without any calculus: move one parameter a little up and a little down,
 * and take the slope of the chord. For each i:
 *
 *     g[i] = (f(p with p[i] + h) - f(p with p[i] - h)) / (2h)
 *
 * This is the central difference. Its error shrinks like h^2 (for p^3 it gives exactly
 * 3 p^2 + h^2), where the one-sided (f(p + h) - f(p)) / h is off by about h.
 *
 * Change p[i] in place, call f twice, and put p[i] back to its exact original value
 * before moving on to the next parameter (save it; p[i] + h - h is not always p[i] in
 * floating point). On return p is exactly as it was. Call f exactly 2m times.
 */
#include "exercises.h"

void bp_numeric_gradient(bp_loss_fn f, void *context, double *p, size_t m, double h,
                         double *g)
{
    for (size_t i = 0; i < m; i++) {
        double saved = p[i];
        p[i] = saved + h;
        double up = f(p, m, context);
        p[i] = saved - h;
        double down = f(p, m, context);
        p[i] = saved;
        g[i] = (up - down) / (2.0 * h);
    }
}
