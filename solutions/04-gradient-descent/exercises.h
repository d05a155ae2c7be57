/* Chapter 4 exercises: gradient descent. Each function lives in its own file. */
#ifndef EXERCISES_04_H
#define EXERCISES_04_H

#include <stdbool.h>
#include <stddef.h>

/* 04-1: the slope of the parabola E(w) = (w - w_star)^2:  dE/dw = 2 (w - w_star) */
double parabola_gradient(double w, double w_star);

/* 04-2: one gradient-descent step, in place:  w[i] = w[i] - eta * g[i], i = 0 .. n-1 */
void descent_step(double *w, const double *g, size_t n, double eta);

/* 04-3: how a descent on the parabola ended */
typedef enum descent_outcome {
    DESCENT_CONVERGED, /* |dE/dw| <= tol */
    DESCENT_LIMIT,     /* max_iter steps taken without converging */
    DESCENT_DIVERGED   /* the loss rose 10 steps in a row, or w stopped being finite */
} descent_outcome;

/* 04-3: gradient descent on E(w) = (w - w_star)^2 from *w (updated in place) until it
 * converges, hits the iteration limit or diverges; *steps = the steps kept in *w */
descent_outcome descend_parabola(double *w, double w_star, double eta, double tol,
                                 long max_iter, long *steps);

/* 04-4: the mean squared error of the line y = a x + b over m points, and its gradient:
 * r_i = a x_i + b - y_i;  returns (1/m) sum r_i^2;
 * *da = (2/m) sum r_i x_i;  *db = (2/m) sum r_i   (all three are 0 when m = 0) */
double line_mse_gradient(const double *x, const double *y, size_t m, double a, double b,
                         double *da, double *db);

/* 04-5: scikit-learn's invscaling learning rate:  eta_t = eta0 / (t + 1)^power_t */
double invscaling_rate(double eta0, double power_t, long t);

/* 04-6: the largest learning rate for which gradient descent on the line's MSE
 * converges: 2 / lambda_max, lambda_max = the largest eigenvalue of
 * H = 2 [[mean x^2, mean x], [mean x, 1]] over the m >= 1 values of x */
double line_max_rate(const double *x, size_t m);

/* 04-7: one step of gradient descent with momentum mu, in place, i = 0 .. n-1:
 * v[i] = mu v[i] - eta g[i], then w[i] += v[i]; with nesterov, w[i] += mu v[i] - eta g[i]
 * (with the new v[i]) instead */
void momentum_step(double *w, double *v, const double *g, size_t n, double eta, double mu,
                   bool nesterov);

#endif
