/* gradcheck.h - is a gradient right? Compare it with finite differences (chapter 5).
 *
 * Backpropagation computes dL/dp for every parameter p of a network in one backward
 * pass. It is easy to get subtly wrong (a missing factor, a transpose, a sum over the
 * wrong axis) and a wrong gradient still trains, only worse. The check is independent
 * of all that algebra: nudge one parameter up and down, evaluate the loss twice, and
 * take the slope of the chord,
 *
 *     numeric_i = (L(p_i + h_i) - L(p_i - h_i)) / (2 h_i),   h_i = h max(1, |p_i|),
 *
 * then compare it with the analytic value a_i through the relative error
 *
 *     r_i = |a_i - numeric_i| / max(|a_i|, |numeric_i|, tiny).
 *
 * The checker works on any array of doubles that a loss depends on: it changes
 * params[i] in the caller's own array, calls the loss callback, and puts params[i] back
 * exactly as it was. Check a network with several parameter arrays one array at a time.
 *
 *     nn_gradcheck_options opt = nn_gradcheck_defaults();      // h 1e-3, tiny 1e-12, order 4
 *     nn_gradcheck_result res;
 *     if (nn_gradcheck(my_loss, &net, net.W1->data, grad_W1, count, &opt, NULL, NULL,
 *                      &res, &err) != NN_OK) ...
 *     printf("worst: parameter %zu, relative error %.1e\n", res.worst, res.worst_error);
 *
 * How accurate is the numeric side? Taylor's theorem gives, for a smooth L,
 *
 *     D(h) = (L(p + h) - L(p - h)) / 2h = L'(p) + h^2 L'''(p) / 6 + O(h^4)  (truncation)
 *
 * while each L is computed with a rounding error of a few eps |L| (eps = 2.2e-16),
 * which the division by 2h magnifies to about eps |L| / h. With the central difference
 * alone (order 2) the sum of the two is smallest near h = eps^(1/3), about 6e-6, where
 * it is about 4e-11 for quantities of order 1. The default goes further (order 4):
 * D(2h) has four times the h^2 error of D(h), so D(h) + (D(h) - D(2h)) / 3 cancels it
 * (Richardson extrapolation, the five-point stencil) and leaves an O(h^4) truncation
 * error. That allows the larger step h = 1e-3, which shrinks the rounding error a
 * hundredfold: about 1e-13 in all, for 4 loss evaluations per parameter instead of 2.
 * So a right gradient of size 1e-3 shows a relative error near 1e-10, and below 1e-7 is
 * the usual sign of a correct backward pass. A gradient that is itself tiny (1e-8) can
 * show more though it is right: there the absolute difference is what to look at. A
 * real bug (a missing factor, a transposed product) shows relative errors of 1e-2 to 1.
 * The step is relative, h max(1, |p|), so that a large parameter still moves by more
 * than its rounding error; each quotient divides by the step actually taken,
 * (p + h) - (p - h) as computed in floating point, not by 2h.
 */
#ifndef NN_GRADCHECK_H
#define NN_GRADCHECK_H

#include <stddef.h>

#include "error.h"

// [loss callback]
/* The loss at the parameters as they are right now. The checker calls it after
 * changing one parameter in place, so it must recompute everything from the
 * parameters (nothing cached from an earlier call). Non-NN_OK stops the check. */
typedef nn_status (*nn_gradcheck_loss)(void *context, double *loss,
                                       nn_error *err);
// [end loss callback]

typedef struct nn_gradcheck_options {
    double h;    /* the relative step: p moves by +-h max(1, |p|); finite, > 0 */
    double tiny; /* floor of the relative error's denominator; finite, >= 0 */
    int order;   /* 2: the central difference D(h); 4: D(h) + (D(h) - D(2h)) / 3 */
} nn_gradcheck_options;

typedef struct nn_gradcheck_result {
    size_t count;       /* parameters compared */
    size_t worst;       /* index of the largest relative error (0 when count is 0) */
    double worst_error; /* that relative error (0 when count is 0; NaN if any was NaN) */
    double worst_analytic, worst_numeric; /* the two values compared there */
} nn_gradcheck_result;

/* h = 1e-3, tiny = 1e-12, order = 4. */
nn_gradcheck_options nn_gradcheck_defaults(void);

/* r = |a - n| / max(|a|, |n|, tiny), between 0 and 2: 0 when a == n (0 == 0
 * included), 1 when one is 0 and the other is at least tiny, 2 when they are opposite.
 * NaN (unmeasurable) when a != n and either is NaN or infinite. */
double nn_gradcheck_relative_error(double analytic, double numeric, double tiny);

/* numeric[i] = D(h_i) (order 2) or D(h_i) + (D(h_i) - D(2 h_i)) / 3 (order 4), where
 * D(s) = (L(p_i + s) - L(p_i - s)) / ((p_i + s) - (p_i - s)) and h_i = h max(1, |p_i|),
 * for each i in [0, n): 2n or 4n calls of loss, with p_i moved up then down by h_i,
 * then (order 4) up then down by 2 h_i. params[i] is restored
 * bit for bit, also when the loss fails. opt NULL means the defaults. Errors:
 * NN_ERR_ARG for a NULL array or callback (with n > 0) or a bad option; the loss's own
 * error; NN_ERR_NUMERIC when a loss is not finite (the message names the parameter). */
nn_status nn_gradcheck_numeric(nn_gradcheck_loss loss, void *context, double *params,
                               size_t n, const nn_gradcheck_options *opt, double *numeric,
                               nn_error *err);

/* The check: for each i, the numeric derivative as above, compared with analytic[i].
 * Writes numeric[i] and rel_error[i] when those arrays are given (either may be NULL),
 * and the largest relative error and where it is to *result (may be NULL; a NaN error
 * counts as the largest). Errors as nn_gradcheck_numeric, plus NN_ERR_ARG for a NULL
 * analytic with n > 0; after an error numeric, rel_error and result are unspecified. */
nn_status nn_gradcheck(nn_gradcheck_loss loss, void *context, double *params,
                       const double *analytic, size_t n, const nn_gradcheck_options *opt,
                       double *numeric, double *rel_error, nn_gradcheck_result *result,
                       nn_error *err);

#endif
