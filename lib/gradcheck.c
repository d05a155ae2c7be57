/* gradcheck.c - checking an analytic gradient against central finite differences.
 *
 * The file follows chapter 5: first the relative error that compares two derivatives
 * without caring about their scale, then the numeric derivative of one parameter (the
 * heart of the check), then the loops over a parameter array: one that only computes
 * the numeric gradient, and the check itself, which also keeps the worst comparison.
 */
#include "gradcheck.h"

#include <math.h>

nn_gradcheck_options nn_gradcheck_defaults(void)
{
    nn_gradcheck_options opt = {.h = 1e-3, .tiny = 1e-12, .order = 4};
    return opt;
}

// [relative error]
double nn_gradcheck_relative_error(double analytic, double numeric, double tiny)
{
    if (analytic == numeric)
        return 0.0; /* also 0 == 0, which would be 0 / max(0, 0, tiny) */
    if (!isfinite(analytic) || !isfinite(numeric))
        return NAN; /* no meaningful distance: report it, never hide it */
    /* Dividing by the larger magnitude makes the error scale-free (gradients of
     * 1e-6 and of 1e+6 are judged alike) and at most 2. tiny only keeps the
     * denominator away from 0 when both values are (almost) zero. */
    double scale = fmax(fmax(fabs(analytic), fabs(numeric)), tiny);
    return fabs(analytic - numeric) / scale;
}
// [end relative error]

static nn_status check_options(const nn_gradcheck_options *opt, nn_error *err)
{
    if (!(isfinite(opt->h) && opt->h > 0.0))
        return nn_error_set(err, NN_ERR_ARG,
                            "gradcheck: the step h must be finite and > 0, got %g", opt->h);
    if (opt->order != 2 && opt->order != 4)
        return nn_error_set(err, NN_ERR_ARG,
                            "gradcheck: the order must be 2 or 4, got %d", opt->order);
    if (!(isfinite(opt->tiny) && opt->tiny >= 0.0))
        return nn_error_set(err, NN_ERR_ARG,
                            "gradcheck: tiny must be finite and >= 0, got %g", opt->tiny);
    return NN_OK;
}

/* One loss evaluation, with the failure reported against parameter i. */
static nn_status evaluate(nn_gradcheck_loss loss, void *context, size_t i, double *value,
                          nn_error *err)
{
    nn_status status = loss(context, value, err);
    if (status != NN_OK)
        return status;
    if (!isfinite(*value))
        return nn_error_set(err, NN_ERR_NUMERIC,
                            "gradcheck: the loss is %g with parameter %zu moved; the "
                            "numeric derivative needs finite losses", *value, i);
    return NN_OK;
}

// [numeric derivative]
/* The slope of the chord from p - step to p + step: the central difference. p_i is put
 * back exactly, whatever happens. */
static nn_status central_difference(nn_gradcheck_loss loss, void *context, double *params,
                                    size_t i, double step, double *slope, nn_error *err)
{
    double p = params[i];
    double up = p + step, down = p - step;
    double loss_up, loss_down;

    params[i] = up;
    nn_status status = evaluate(loss, context, i, &loss_up, err);
    if (status == NN_OK) {
        params[i] = down;
        status = evaluate(loss, context, i, &loss_down, err);
    }
    params[i] = p; /* the saved value: up - step may differ in the last bit */
    if (status != NN_OK)
        return status;

    /* Divide by the distance actually travelled: p + step and p - step are
     * rounded, so their difference can differ from 2 step in the last bits.
     * (The difference is itself exact if |p| >= 3 step: Sterbenz's lemma.) */
    *slope = (loss_up - loss_down) / (up - down);
    return NN_OK;
}

/* dL/dp_i with a step relative to p_i. Order 2 is the central difference D(h), whose
 * error is h^2 L'''/6 + O(h^4). Order 4 also takes D(2h), whose h^2 error is four
 * times as large, and cancels that term (Richardson extrapolation):
 * D(h) + (D(h) - D(2h)) / 3, which is the five-point stencil. */
static nn_status numeric_derivative(nn_gradcheck_loss loss, void *context, double *params,
                                    size_t i, const nn_gradcheck_options *opt,
                                    double *slope, nn_error *err)
{
    double step = opt->h * fmax(1.0, fabs(params[i])); /* relative: a large p still moves */
    double near = 0.0, far = 0.0;
    nn_status status = central_difference(loss, context, params, i, step, &near, err);
    if (status == NN_OK && opt->order == 4)
        status = central_difference(loss, context, params, i, 2.0 * step, &far, err);
    if (status == NN_OK)
        *slope = opt->order == 2 ? near : near + (near - far) / 3.0;
    return status;
}
// [end numeric derivative]

/* Shared argument checks; fills *use with the options to use. */
static nn_status check_arguments(nn_gradcheck_loss loss, const double *params, size_t n,
                                 const nn_gradcheck_options *opt, nn_gradcheck_options *use,
                                 nn_error *err)
{
    *use = opt ? *opt : nn_gradcheck_defaults();
    if (check_options(use, err) != NN_OK)
        return NN_ERR_ARG;
    if (n > 0 && (!loss || !params))
        return nn_error_set(err, NN_ERR_ARG, "gradcheck: %s is NULL",
                            !loss ? "the loss callback" : "the parameter array");
    return NN_OK;
}

nn_status nn_gradcheck_numeric(nn_gradcheck_loss loss, void *context, double *params,
                               size_t n, const nn_gradcheck_options *opt, double *numeric,
                               nn_error *err)
{
    nn_gradcheck_options use;
    if (check_arguments(loss, params, n, opt, &use, err) != NN_OK)
        return NN_ERR_ARG;
    if (n > 0 && !numeric)
        return nn_error_set(err, NN_ERR_ARG, "gradcheck_numeric: the output array is NULL");
    for (size_t i = 0; i < n; i++) {
        nn_status status =
            numeric_derivative(loss, context, params, i, &use, &numeric[i], err);
        if (status != NN_OK)
            return status;
    }
    return NN_OK;
}

nn_status nn_gradcheck(nn_gradcheck_loss loss, void *context, double *params,
                       const double *analytic, size_t n, const nn_gradcheck_options *opt,
                       double *numeric, double *rel_error, nn_gradcheck_result *result,
                       nn_error *err)
{
    nn_gradcheck_options use;
    if (check_arguments(loss, params, n, opt, &use, err) != NN_OK)
        return NN_ERR_ARG;
    if (n > 0 && !analytic)
        return nn_error_set(err, NN_ERR_ARG, "gradcheck: the analytic gradient is NULL");

    nn_gradcheck_result worst = {n, 0, 0.0, n ? analytic[0] : 0.0, 0.0};
    for (size_t i = 0; i < n; i++) {
        double slope;
        nn_status status = numeric_derivative(loss, context, params, i, &use, &slope, err);
        if (status != NN_OK)
            return status;
        double r = nn_gradcheck_relative_error(analytic[i], slope, use.tiny);
        if (numeric)
            numeric[i] = slope;
        if (rel_error)
            rel_error[i] = r;
        /* The first largest error wins; a NaN beats every number and the first NaN stays,
         * so a gradient that cannot even be compared is never hidden. */
        if (i == 0 || (!isnan(worst.worst_error) && (r > worst.worst_error || isnan(r)))) {
            worst.worst = i;
            worst.worst_error = r;
            worst.worst_analytic = analytic[i];
            worst.worst_numeric = slope;
        }
    }
    if (result)
        *result = worst;
    return NN_OK;
}
