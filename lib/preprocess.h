/* preprocess.h - scaling features before training: StandardScaler and MinMaxScaler.
 *
 * Chapter 8 introduces it, to scale the patients' attributes.
 *
 * A network trained by gradient descent learns fastest when every input lives on about
 * the same scale: cholesterol in mg/dl (126 .. 564) next to a 0/1 flag would otherwise
 * dominate the first layer's sums. A scaler learns one shift and one factor per column
 * from the training set (fit) and applies them to any data (transform), in particular
 * to the test set, which must never be used to fit: its statistics would leak into the
 * model.
 *
 *     nn_standard_scaler scaler = {0};
 *     nn_standard_scaler_fit(&scaler, X_train, &err);
 *     nn_standard_scaler_transform(&scaler, X_train, X_train, &err);  // in place
 *     nn_standard_scaler_transform(&scaler, X_test, X_test, &err);
 *     nn_standard_scaler_free(&scaler);
 *
 * The numbers are scikit-learn 1.2's to the last bit: the same sums in the same order,
 * the same population variance (divided by n, not n - 1) with the same correction
 * term, the same rule for constant columns. Unlike scikit-learn, fit refuses NaN and
 * infinity (NN_ERR_NUMERIC) instead of ignoring NaNs: the loaders in data.h already
 * refuse or impute missing values.
 */
#ifndef NN_PREPROCESS_H
#define NN_PREPROCESS_H

#include <stddef.h>

#include "error.h"
#include "matrix.h"

/* ---- StandardScaler: z = (x - mean) / std ---------------------------------------------- */

/* What fit learned, one entry per feature (column). Start from a zeroed struct. */
typedef struct nn_standard_scaler {
    size_t n_features;
    size_t n_samples_seen;
    double *mean;   /* mean_:  m_j = sum_i x_ij / n */
    double *var;    /* var_:   population variance, sum_i (x_ij - m_j)^2 / n (corrected) */
    double *scale;  /* scale_: sqrt(var_j), or 1 where the column is constant */
} nn_standard_scaler;

/* Learns mean, variance and scale of each column of X (n >= 1 rows), replacing
 * anything fitted before. var_j = (sum_i d_ij^2 - (sum_i d_ij)^2 / n) / n with
 * d_ij = x_ij - m_j (the corrected two-pass algorithm of Chan, Golub and LeVeque);
 * a column is constant when var_j <= n eps var_j + (n m_j eps)^2, and then its scale
 * is 1, so it is centred but not blown up. NN_ERR_NUMERIC for a NaN or infinity. */
nn_status nn_standard_scaler_fit(nn_standard_scaler *scaler, const nn_matrix *X,
                                 nn_error *err);

/* out = (X - mean) / scale, element by element (two roundings, as numpy). X needs the
 * fitted number of columns; out has X's shape and may be X itself. */
nn_status nn_standard_scaler_transform(const nn_standard_scaler *scaler, nn_matrix *out,
                                       const nn_matrix *X, nn_error *err);

/* out = Z * scale + mean, undoing transform (up to rounding). out may be Z. */
nn_status nn_standard_scaler_inverse_transform(const nn_standard_scaler *scaler,
                                               nn_matrix *out, const nn_matrix *Z,
                                               nn_error *err);

/* Frees what fit allocated and zeroes the struct; NULL is a no-op. */
void nn_standard_scaler_free(nn_standard_scaler *scaler);

/* ---- MinMaxScaler: x' = lo + (x - min) (hi - lo) / (max - min) ------------------------- */

/* What fit learned. Before fit, set range_min/range_max (feature_range) and clip;
 * a zeroed struct means feature_range = (0, 1) without clipping. */
typedef struct nn_minmax_scaler {
    double range_min, range_max; /* feature_range; both 0 = (0, 1) */
    int clip;                    /* nonzero: transform clips into the range */
    size_t n_features;
    double *data_min;    /* data_min_:   smallest value of each column */
    double *data_max;    /* data_max_:   largest value */
    double *data_range;  /* data_range_: max - min */
    double *scale;       /* scale_: (hi - lo) / range, with a range below 10 eps taken as 1 */
    double *min;         /* min_:   lo - data_min * scale */
} nn_minmax_scaler;

/* Learns each column's minimum and maximum from X (n >= 1 rows), replacing anything
 * fitted before. NN_ERR_ARG unless range_min < range_max; NN_ERR_NUMERIC for a NaN or
 * infinity. */
nn_status nn_minmax_scaler_fit(nn_minmax_scaler *scaler, const nn_matrix *X, nn_error *err);

/* out = X * scale + min (two roundings, as numpy), then clipped to the range if asked.
 * out has X's shape and may be X itself. */
nn_status nn_minmax_scaler_transform(const nn_minmax_scaler *scaler, nn_matrix *out,
                                     const nn_matrix *X, nn_error *err);

/* out = (Z - min) / scale, undoing transform (up to rounding). out may be Z. */
nn_status nn_minmax_scaler_inverse_transform(const nn_minmax_scaler *scaler, nn_matrix *out,
                                             const nn_matrix *Z, nn_error *err);

/* Frees what fit allocated and zeroes the learned fields (keeping the range and clip);
 * NULL is a no-op. */
void nn_minmax_scaler_free(nn_minmax_scaler *scaler);

#endif
