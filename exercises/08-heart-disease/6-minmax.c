/* Exercise 08-6: min-max scaling of the columns (scikit-learn's MinMaxScaler, and what
 * LIBSVM's svm-scale did to data/heart_scale).
 * Graded by tests/exercises/08-heart-disease/6-minmax.c: make grade EX=08-6
 *
 * data/heart.dat holds the patients as they were measured: ages 29 to 77, cholesterol
 * 126 to 564 mg/dl, 0/1 flags. data/heart_scale holds the same table with every column
 * mapped linearly onto [-1, 1]: the column's smallest value becomes -1, its largest +1,
 * and everything in between lands in proportion. For a target range [lo, hi]:
 *
 *     x' = lo + (x - min_j) * (hi - lo) / (max_j - min_j)
 *
 * As with StandardScaler, the two numbers per column (min_j, max_j) are LEARNED from one
 * set of rows (fit) and then applied to any rows (transform).
 *
 * Requirements (the tests check each one, against the library's MinMaxScaler, which
 * gives scikit-learn's numbers to the last bit):
 *   - minmax_fit fills data_min[0 .. X->cols) and data_max[0 .. X->cols) with the
 *     smallest and largest value of each column of X (n >= 1 rows);
 *   - minmax_transform computes scikit-learn's way: per column, first
 *         scale_j = (hi - lo) / (max_j - min_j)   and   offset_j = lo - min_j * scale_j,
 *     then out_ij = x_ij * scale_j + offset_j (this order of roundings is what makes the
 *     result equal scikit-learn's bit for bit);
 *   - a column whose max - min is below 10 * DBL_EPSILON (a constant column) uses 1 in
 *     place of max - min, so it lands on lo instead of dividing by 0;
 *   - values outside [min_j, max_j] (a test row beyond the training rows) are not
 *     clipped: they land outside [lo, hi];
 *   - out has X's shape and may be X itself (in place).
 * Do not call nn_minmax_scaler_*: this is it.
 */
#include <float.h>

#include "exercises.h"

void minmax_fit(const nn_matrix *X, double *data_min, double *data_max)
{
    /* TODO: the smallest and the largest value of each column. */
    for (size_t j = 0; j < X->cols; j++) {
        data_min[j] = 0.0;
        data_max[j] = 0.0;
    }
}

void minmax_transform(nn_matrix *out, const nn_matrix *X, const double *data_min,
                      const double *data_max, double lo, double hi)
{
    /* TODO: scale and offset per column, then x * scale + offset for every element. */
    for (size_t k = 0; k < X->rows * X->cols; k++)
        out->data[k] = X->data[k];
}
