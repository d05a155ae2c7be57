/* preprocess.c - StandardScaler and MinMaxScaler, digit for digit as scikit-learn 1.2.
 *
 * Chapter 8 introduces it, to scale the patients' attributes.
 *
 * Both scalers are two small steps: fit learns one shift and one factor per column
 * from the training data, transform applies them. The arithmetic is simple; what makes
 * this file longer than "subtract the mean, divide by the standard deviation" is that
 * we want scikit-learn's exact doubles, so we follow its order of operations
 * (sklearn/preprocessing/_data.py and sklearn/utils/extmath.py):
 *
 *   1. checks shared by both scalers;
 *   2. StandardScaler.fit: column sums, the corrected two-pass variance, and the rule
 *      that leaves a constant column at scale 1;
 *   3. StandardScaler.transform and its inverse;
 *   4. MinMaxScaler: fit, transform, inverse.
 */
#include "preprocess.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "alloc.h"

/* ------------------------------------------------------------------------------------
 * 1. Shared checks
 * --------------------------------------------------------------------------------- */
static nn_status check_fit_input(const char *who, const nn_matrix *X, nn_error *err)
{
    if (!X)
        return nn_error_set(err, NN_ERR_ARG, "%s: X must not be NULL", who);
    if (X->rows == 0)
        return nn_error_set(err, NN_ERR_ARG,
                            "%s: found array with 0 sample(s) (shape=(0, %zu)) while a "
                            "minimum of 1 is required",
                            who, X->cols);
    for (size_t i = 0; i < X->rows * X->cols; i++)
        if (!isfinite(X->data[i]))
            return nn_error_set(err, NN_ERR_NUMERIC,
                                "%s: X[%zu, %zu] is %g; the data must be finite", who,
                                i / X->cols, i % X->cols, X->data[i]);
    return NN_OK;
}

/* A transform's input must have the fitted width, and out must have its shape. */
static nn_status check_transform(const char *who, size_t fitted, const void *fit_data,
                                 const nn_matrix *out, const nn_matrix *X, nn_error *err)
{
    if (!out || !X)
        return nn_error_set(err, NN_ERR_ARG, "%s: out and X must not be NULL", who);
    if (!fit_data)
        return nn_error_set(err, NN_ERR_STATE, "%s: the scaler is not fitted yet; call fit "
                            "first", who);
    if (X->cols != fitted)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "%s: X has %zu features, but the scaler was fitted on %zu", who,
                            X->cols, fitted);
    if (out->rows != X->rows || out->cols != X->cols)
        return nn_error_set(err, NN_ERR_SHAPE, "%s: out is (%zu, %zu), X is (%zu, %zu)", who,
                            out->rows, out->cols, X->rows, X->cols);
    return NN_OK;
}

/* Allocates count arrays of n doubles into the pointers given; all or nothing. */
static nn_status alloc_columns(size_t n, nn_error *err, double **a, double **b, double **c,
                               double **d, double **e)
{
    double **slots[] = {a, b, c, d, e};
    for (size_t s = 0; s < sizeof slots / sizeof slots[0]; s++) {
        if (!slots[s])
            continue;
        *slots[s] = nn_alloc(n, sizeof(double), "scaler statistics", err);
        if (!*slots[s]) {
            for (size_t t = 0; t < s; t++)
                if (slots[t]) {
                    nn_alloc_free(*slots[t]);
                    *slots[t] = NULL;
                }
            return NN_ERR_NOMEM;
        }
    }
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * 2. StandardScaler.fit
 *
 * The textbook variance, mean of (x - m)^2, needs two passes over the data: one for m,
 * one for the squares. The one-pass formula mean(x^2) - m^2 is faster but loses every
 * digit when the mean is large against the spread (ages around 1e8 +- 1, say): two
 * nearly equal big numbers subtracted. scikit-learn uses the two-pass form plus a
 * correction term: if m is slightly off because of rounding, the deviations d = x - m
 * do not sum to exactly 0, and
 *
 *     var = (sum d^2 - (sum d)^2 / n) / n
 *
 * removes the first-order effect of that error (Chan, Golub and LeVeque, "Algorithms
 * for computing the sample variance", 1983). This is the population variance (divide
 * by n), not the sample variance (n - 1): scikit-learn scales with numpy's std(),
 * whose ddof is 0.
 *
 * A column whose values are all equal has variance 0, and dividing by its standard
 * deviation would make NaNs. But "all equal" in floating point often comes out as a
 * tiny positive variance (ten copies of 0.1 have a mean that is not exactly 0.1). So a
 * column counts as constant when its variance is within the rounding error that the
 * algorithm itself can make, n eps var + (n m eps)^2, and its scale is then 1: the
 * column is centred (to about 0) and otherwise left alone.
 *
 * Column sums are numpy's: nn_matrix_sum adds down the rows one after another for a
 * matrix, and pairwise for a single column, exactly as np.sum(X, axis=0) does.
 * --------------------------------------------------------------------------------- */
nn_status nn_standard_scaler_fit(nn_standard_scaler *scaler, const nn_matrix *X, nn_error *err)
{
    if (!scaler)
        return nn_error_set(err, NN_ERR_ARG, "standard_scaler_fit: scaler must not be NULL");
    nn_status status = check_fit_input("standard_scaler_fit", X, err);
    if (status != NN_OK)
        return status;

    size_t n = X->rows, m = X->cols;
    double *mean = NULL, *var = NULL, *scale = NULL, *sums = NULL;
    if (alloc_columns(m, err, &mean, &var, &scale, &sums, NULL) != NN_OK)
        return NN_ERR_NOMEM;
    nn_matrix *dev = nn_matrix_new(n, m, err);
    if (!dev) {
        nn_alloc_free(mean);
        nn_alloc_free(var);
        nn_alloc_free(scale);
        nn_alloc_free(sums);
        return NN_ERR_NOMEM;
    }
    nn_matrix sum_row = {1, m, sums};
    const double count = (double)n;

    /* First pass: the column sums, hence the means. */
    nn_matrix_sum(&sum_row, X, 0, NULL);
    for (size_t j = 0; j < m; j++)
        mean[j] = (0.0 + sums[j]) / count; /* "0.0 +": the sum of no earlier batch */

    /* Second pass: deviations from the mean, their sum (the correction) and the sum of
     * their squares. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < m; j++)
            dev->data[i * m + j] = X->data[i * m + j] - sums[j] / count;
    nn_matrix_sum(&sum_row, dev, 0, NULL);
    double *correction = var; /* var holds the correction until it is overwritten */
    memcpy(correction, sums, m * sizeof *sums);
    for (size_t k = 0; k < n * m; k++)
        dev->data[k] = dev->data[k] * dev->data[k];
    nn_matrix_sum(&sum_row, dev, 0, NULL);
    for (size_t j = 0; j < m; j++) {
        double squared_correction = correction[j] * correction[j];
        double unnormalized = sums[j] - squared_correction / count;
        var[j] = unnormalized / count;
    }

    /* Constant columns keep scale 1. */
    for (size_t j = 0; j < m; j++) {
        double spread = count * DBL_EPSILON * var[j];
        double drift = count * mean[j] * DBL_EPSILON;
        int constant = var[j] <= spread + drift * drift;
        scale[j] = constant ? 1.0 : sqrt(var[j]);
    }
    nn_matrix_free(dev);
    nn_alloc_free(sums);

    nn_standard_scaler_free(scaler);
    scaler->n_features = m;
    scaler->n_samples_seen = n;
    scaler->mean = mean;
    scaler->var = var;
    scaler->scale = scale;
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * 3. StandardScaler.transform: subtract, then divide, as numpy's X -= mean_;
 *    X /= scale_ do it (two roundings; (x - m) * (1 / s) would differ in the last bit).
 * --------------------------------------------------------------------------------- */
// [standard transform]
nn_status nn_standard_scaler_transform(const nn_standard_scaler *scaler, nn_matrix *out,
                                       const nn_matrix *X, nn_error *err)
{
    if (!scaler)
        return nn_error_set(err, NN_ERR_ARG, "standard_scaler_transform: scaler is NULL");
    nn_status status = check_transform("standard_scaler_transform", scaler->n_features,
                                       scaler->mean, out, X, err);
    if (status != NN_OK)
        return status;
    size_t m = X->cols;
    for (size_t i = 0; i < X->rows; i++)
        for (size_t j = 0; j < m; j++) {
            double centred = X->data[i * m + j] - scaler->mean[j];
            out->data[i * m + j] = centred / scaler->scale[j];
        }
    return NN_OK;
}
// [end standard transform]

nn_status nn_standard_scaler_inverse_transform(const nn_standard_scaler *scaler,
                                               nn_matrix *out, const nn_matrix *Z,
                                               nn_error *err)
{
    if (!scaler)
        return nn_error_set(err, NN_ERR_ARG,
                            "standard_scaler_inverse_transform: scaler is NULL");
    nn_status status = check_transform("standard_scaler_inverse_transform",
                                       scaler->n_features, scaler->mean, out, Z, err);
    if (status != NN_OK)
        return status;
    size_t m = Z->cols;
    for (size_t i = 0; i < Z->rows; i++)
        for (size_t j = 0; j < m; j++) {
            double scaled = Z->data[i * m + j] * scaler->scale[j];
            out->data[i * m + j] = scaled + scaler->mean[j];
        }
    return NN_OK;
}

void nn_standard_scaler_free(nn_standard_scaler *scaler)
{
    if (!scaler)
        return;
    nn_alloc_free(scaler->mean);
    nn_alloc_free(scaler->var);
    nn_alloc_free(scaler->scale);
    memset(scaler, 0, sizeof *scaler);
}

/* ------------------------------------------------------------------------------------
 * 4. MinMaxScaler
 *
 * Maps each column's [min, max] onto the feature range [lo, hi] (by default [0, 1];
 * heart_scale itself was made this way onto [-1, 1]). scikit-learn stores the map as
 * one factor and one offset, x' = x * scale + min_, with scale = (hi - lo) / (max - min)
 * and min_ = lo - data_min * scale, and we keep exactly those numbers. A column whose
 * range is below 10 machine epsilons is treated as having range 1, so a constant column
 * becomes lo instead of NaN. Values outside the fitted range (in the test set) map
 * outside [lo, hi] unless clip is set.
 * --------------------------------------------------------------------------------- */
static void feature_range(const nn_minmax_scaler *scaler, double *lo, double *hi)
{
    if (scaler->range_min == 0.0 && scaler->range_max == 0.0) {
        *lo = 0.0;
        *hi = 1.0;
    } else {
        *lo = scaler->range_min;
        *hi = scaler->range_max;
    }
}

nn_status nn_minmax_scaler_fit(nn_minmax_scaler *scaler, const nn_matrix *X, nn_error *err)
{
    if (!scaler)
        return nn_error_set(err, NN_ERR_ARG, "minmax_scaler_fit: scaler must not be NULL");
    double lo, hi;
    feature_range(scaler, &lo, &hi);
    if (!(lo < hi))
        return nn_error_set(err, NN_ERR_ARG,
                            "minimum of desired feature range must be smaller than maximum; "
                            "got (%g, %g)",
                            lo, hi);
    nn_status status = check_fit_input("minmax_scaler_fit", X, err);
    if (status != NN_OK)
        return status;

    size_t n = X->rows, m = X->cols;
    double *data_min = NULL, *data_max = NULL, *data_range = NULL, *scale = NULL, *min = NULL;
    if (alloc_columns(m, err, &data_min, &data_max, &data_range, &scale, &min) != NN_OK)
        return NN_ERR_NOMEM;
    for (size_t j = 0; j < m; j++)
        data_min[j] = data_max[j] = X->data[j];
    for (size_t i = 1; i < n; i++)
        for (size_t j = 0; j < m; j++) {
            double v = X->data[i * m + j];
            data_min[j] = v < data_min[j] ? v : data_min[j];
            data_max[j] = v > data_max[j] ? v : data_max[j];
        }
    for (size_t j = 0; j < m; j++) {
        data_range[j] = data_max[j] - data_min[j];
        double range = data_range[j] < 10.0 * DBL_EPSILON ? 1.0 : data_range[j];
        scale[j] = (hi - lo) / range;
        double shifted = data_min[j] * scale[j];
        min[j] = lo - shifted;
    }

    nn_minmax_scaler_free(scaler);
    scaler->n_features = m;
    scaler->data_min = data_min;
    scaler->data_max = data_max;
    scaler->data_range = data_range;
    scaler->scale = scale;
    scaler->min = min;
    return NN_OK;
}

nn_status nn_minmax_scaler_transform(const nn_minmax_scaler *scaler, nn_matrix *out,
                                     const nn_matrix *X, nn_error *err)
{
    if (!scaler)
        return nn_error_set(err, NN_ERR_ARG, "minmax_scaler_transform: scaler is NULL");
    nn_status status = check_transform("minmax_scaler_transform", scaler->n_features,
                                       scaler->scale, out, X, err);
    if (status != NN_OK)
        return status;
    double lo, hi;
    feature_range(scaler, &lo, &hi);
    size_t m = X->cols;
    for (size_t i = 0; i < X->rows; i++)
        for (size_t j = 0; j < m; j++) {
            double scaled = X->data[i * m + j] * scaler->scale[j];
            double v = scaled + scaler->min[j];
            if (scaler->clip)
                v = v < lo ? lo : (v > hi ? hi : v);
            out->data[i * m + j] = v;
        }
    return NN_OK;
}

nn_status nn_minmax_scaler_inverse_transform(const nn_minmax_scaler *scaler, nn_matrix *out,
                                             const nn_matrix *Z, nn_error *err)
{
    if (!scaler)
        return nn_error_set(err, NN_ERR_ARG, "minmax_scaler_inverse_transform: scaler is NULL");
    nn_status status = check_transform("minmax_scaler_inverse_transform", scaler->n_features,
                                       scaler->scale, out, Z, err);
    if (status != NN_OK)
        return status;
    size_t m = Z->cols;
    for (size_t i = 0; i < Z->rows; i++)
        for (size_t j = 0; j < m; j++) {
            double shifted = Z->data[i * m + j] - scaler->min[j];
            out->data[i * m + j] = shifted / scaler->scale[j];
        }
    return NN_OK;
}

void nn_minmax_scaler_free(nn_minmax_scaler *scaler)
{
    if (!scaler)
        return;
    nn_alloc_free(scaler->data_min);
    nn_alloc_free(scaler->data_max);
    nn_alloc_free(scaler->data_range);
    nn_alloc_free(scaler->scale);
    nn_alloc_free(scaler->min);
    scaler->n_features = 0;
    scaler->data_min = scaler->data_max = scaler->data_range = NULL;
    scaler->scale = scaler->min = NULL;
}
