/* Exercise 08-2: standardise with a fitted scaler (scikit-learn's StandardScaler).
 * Graded by tests/exercises/08-heart-disease/2-standardize.c: make grade EX=08-2
 *
 * The 13 attributes of a patient live on different scales. A network learns best when
 * every input has mean 0 and spread 1, so each column j is shifted and divided:
 *
 *     z_ij = (x_ij - mean_j) / scale_j
 *
 * The two numbers per column are LEARNED from the training set (fit) and then applied,
 * unchanged, to any data (transform): to the training set, and later to the test set
 * and to new patients. Fitting on the test set would let it leak into the model.
 *
 *     mean_j  = (1/n) sum_i x_ij
 *     scale_j = sqrt( (1/n) sum_i (x_ij - mean_j)^2 )
 *
 * The variance divides by n, not n - 1: scikit-learn's scaler uses the population
 * standard deviation (numpy's std with ddof=0).
 *
 * Requirements (the tests check each one, to about 1e-12 of scikit-learn's numbers):
 *   - standard_fit fills mean[0 .. X->cols) and scale[0 .. X->cols) from X (n >= 1 rows);
 *     compute the mean first, then the squared deviations from it (two passes);
 *   - a column whose values are all the same has nothing to scale: its scale is 1 (so
 *     that transform centres it without dividing by 0). Decide it by comparing the
 *     values, not by testing the computed variance against 0: the mean of three 0.1s is
 *     0.10000000000000002 in double, and the "variance" comes out as 2e-34, not 0;
 *   - standard_transform writes (x - mean) / scale for every element into out, which
 *     has X's shape and may be X itself (in place).
 * Do not call nn_standard_scaler_*: this is it.
 */
#include <math.h>
#include <stdbool.h>

#include "exercises.h"

void standard_fit(const nn_matrix *X, double *mean, double *scale)
{
    size_t n = X->rows, d = X->cols;
    for (size_t j = 0; j < d; j++) {
        double sum = 0.0;
        bool constant = true;
        for (size_t i = 0; i < n; i++) {
            double x = X->data[i * d + j];
            sum += x;
            constant = constant && x == X->data[j];
        }
        mean[j] = sum / (double)n;
        double squares = 0.0;
        for (size_t i = 0; i < n; i++) {
            double dev = X->data[i * d + j] - mean[j];
            squares += dev * dev;
        }
        scale[j] = constant ? 1.0 : sqrt(squares / (double)n);
    }
}

void standard_transform(nn_matrix *out, const nn_matrix *X, const double *mean,
                        const double *scale)
{
    size_t d = X->cols;
    for (size_t i = 0; i < X->rows; i++)
        for (size_t j = 0; j < d; j++)
            out->data[i * d + j] = (X->data[i * d + j] - mean[j]) / scale[j];
}
