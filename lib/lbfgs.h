/* lbfgs.h - limited-memory BFGS, the quasi-Newton minimiser behind solver='lbfgs'.
 *
 * Chapter 7 introduces it, as the MLP's third solver.
 *
 * Gradient descent (chapter 4) walks along -g with a step size you must pick. Newton's
 * method would step to the minimum of the local quadratic model, -H^-1 g, but the
 * Hessian H of a network has (parameters)^2 entries. BFGS builds an approximation of
 * H^-1 from how the gradient changed along the last steps (s = x_{k+1} - x_k,
 * y = g_{k+1} - g_k); L-BFGS keeps only the last m such pairs and applies the
 * approximation with the "two-loop recursion" in O(m n), never forming a matrix.
 * Each step then searches along that direction for a step length that satisfies the
 * strong Wolfe conditions (enough decrease, and a flatter slope):
 *
 *     f(x + a d) <= f(x) + ftol_ls a g.d        |g(x + a d).d| <= gtol_ls |g.d|
 *
 * with the line search of Moré and Thuente (MINPACK-2's dcsrch, as L-BFGS-B uses it:
 * 1e-3 and 0.9).
 *
 * scikit-learn calls scipy's L-BFGS-B (scipy.optimize.minimize(method="L-BFGS-B",
 * jac=True)) without bounds, with maxcor 10, maxls 20, ftol 2.220446049250313e-09,
 * gtol = tol, maxiter = max_iter and maxfun = max_fun. This is our own code with the
 * same stopping rules and messages, checked in this order after every iteration:
 *   1. iterations >= max_iter          "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT"
 *   2. evaluations > max_fun           "STOP: TOTAL NO. of f AND g EVALUATIONS EXCEEDS
 *                                       LIMIT"                      (both status 1)
 *   3. max_i |g_i| <= gtol             "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL"
 *   4. (f_old - f) / max(|f_old|, |f|, 1) <= ftol
 *                                      "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH"
 *                                                                   (both status 0)
 * A line search that fails twice in a row (once more after forgetting the memory) stops
 * with status 2, "ABNORMAL_TERMINATION_IN_LNSRCH", at the best point found.
 * The paths are not bit-identical to scipy's Fortran; the minima agree.
 */
#ifndef NN_LBFGS_H
#define NN_LBFGS_H

#include <stddef.h>

#include "error.h"

/* The function to minimise: *f = f(x), g[i] = df/dx_i (n values). It may fail (return
 * non-NN_OK and fill err); the minimiser then stops with that error. */
typedef nn_status (*nn_lbfgs_objective)(const double *x, size_t n, double *f, double *g,
                                        void *context, nn_error *err);

/* Called after every iteration with the iteration count and f at the new point (for
 * verbose output and progress). */
typedef void (*nn_lbfgs_observer)(long iteration, double f, void *context);

typedef struct nn_lbfgs_options {
    size_t m;          /* correction pairs kept (scipy's maxcor), >= 1; 10 */
    long max_iter;     /* iterations allowed (maxiter), >= 1; 15000 */
    long max_fun;      /* evaluations allowed (maxfun), >= 1; 15000 */
    double gtol;       /* stop when max_i |g_i| <= gtol (pgtol); 1e-5 */
    double ftol;       /* stop on a relative reduction of f <= ftol; 2.220446049250313e-09 */
    int max_ls;        /* evaluations in one line search (maxls), >= 1; 20 */
    nn_lbfgs_observer observe; /* NULL, or called after every iteration */
    void *observe_context;
} nn_lbfgs_options;

typedef struct nn_lbfgs_result {
    int status;          /* scipy's: 0 converged, 1 a limit was reached, 2 abnormal */
    const char *message; /* scipy's task text for the stop (a static string) */
    long nit;            /* iterations done */
    long nfev;           /* evaluations of f and g */
    double f;            /* f at the returned x */
    double gnorm;        /* max_i |g_i| at the returned x */
} nn_lbfgs_result;

/* scipy's defaults: m 10, max_iter 15000, max_fun 15000, gtol 1e-5,
 * ftol 2.220446049250313e-09, max_ls 20, no observer. */
nn_lbfgs_options nn_lbfgs_defaults(void);

/* Minimises f from x (n values, updated in place to the final point) by L-BFGS.
 * Returns NN_OK with *result filled whatever the stopping reason (status says which);
 * NN_ERR_ARG for bad options, NN_ERR_NOMEM, NN_ERR_NUMERIC when f or g is not finite
 * at the starting point, or the objective's own error (x is then the last point where
 * the objective succeeded with finite values). Allocates O(m n) once per call. */
nn_status nn_lbfgs_minimize(nn_lbfgs_objective f, void *context, double *x, size_t n,
                            const nn_lbfgs_options *opt, nn_lbfgs_result *result,
                            nn_error *err);

#endif
