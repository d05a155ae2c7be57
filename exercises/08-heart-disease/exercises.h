/* Chapter 8 exercises: the pieces of an honest evaluation, one function each, in its own
 * file: holding samples out, scaling with what the training set taught, counting right
 * and wrong answers, and turning the counts into scores.
 *
 * Class labels are doubles holding whole numbers (-1/+1, 0/1, 0..9), as in lib/metrics.
 * Matrices are nn_matrix (lib/matrix.h): element (i, j) of X is X->data[i * X->cols + j],
 * one sample per row. An exercise may use the course library, except the function it
 * asks you to write (nn_train_test_split, nn_standard_scaler_*, nn_minmax_scaler_*,
 * nn_metrics_*). */
#ifndef EXERCISES_08_H
#define EXERCISES_08_H

#include <stddef.h>

#include "error.h"
#include "matrix.h"

/* 08-1: train_test_split from a permutation perm of 0..n-1: n_test = ceil(test_size * n)
 * (in double), n_train = n - n_test, test = perm[0 .. n_test), train = perm[n_test .. n).
 * NN_ERR_ARG, writing nothing, unless 0 < test_size < 1 and both parts are non-empty. */
nn_status split_from_permutation(const size_t *perm, size_t n, double test_size,
                                 size_t *train, size_t *n_train, size_t *test,
                                 size_t *n_test);

/* 08-2: StandardScaler.fit on X (n >= 1 rows): for each column j, mean[j] = sum_i x_ij / n
 * and scale[j] = sqrt(sum_i (x_ij - mean[j])^2 / n), or 1 when every value in the column
 * is the same. */
void standard_fit(const nn_matrix *X, double *mean, double *scale);

/* 08-2: StandardScaler.transform: out_ij = (x_ij - mean[j]) / scale[j]. out has X's shape
 * and may be X itself. */
void standard_transform(nn_matrix *out, const nn_matrix *X, const double *mean,
                        const double *scale);

/* 08-3: the confusion matrix over the sorted union of the labels in y_true and y_pred:
 * returns their number k, writes them to labels[0 .. k) in increasing order, and
 * counts[i * k + j] = #{s : y_true[s] = labels[i] and y_pred[s] = labels[j]}. Returns 0,
 * writing nothing, when there are more than max_labels labels or n is 0. */
size_t confusion_matrix(const double *y_true, const double *y_pred, size_t n, double *labels,
                        size_t *counts, size_t max_labels);

/* 08-4: binary precision tp / (tp + fp), recall tp / (tp + fn) and
 * F1 = 2 p r / (p + r) of the class pos_label, with scikit-learn's zero_division="warn"
 * rule: a 0/0 score is 0, and F1 is 0 when p + r = 0. Returns which scores were 0/0:
 * PRF_PRECISION_UNDEFINED | PRF_RECALL_UNDEFINED, or 0. */
#define PRF_PRECISION_UNDEFINED 1
#define PRF_RECALL_UNDEFINED 2
int precision_recall_f1(const double *y_true, const double *y_pred, size_t n,
                        double pos_label, double *precision, double *recall, double *f1);

/* 08-5: ROC-AUC by its meaning: the share of (positive, negative) pairs in which the
 * positive sample has the higher score, a tie counting one half. Positive means
 * y_true[s] == pos_label; NAN when there is no positive or no negative sample. */
double roc_auc_pairs(const double *y_true, const double *score, size_t n, double pos_label);

/* 08-6: MinMaxScaler.fit on X (n >= 1 rows): data_min[j] and data_max[j], the smallest
 * and largest value of column j. */
void minmax_fit(const nn_matrix *X, double *data_min, double *data_max);

/* 08-6: MinMaxScaler(feature_range=(lo, hi)).transform: per column scale_j = (hi - lo) /
 * range_j (range_j = max - min, or 1 below 10 DBL_EPSILON) and offset_j = lo - min_j
 * scale_j, then out_ij = x_ij scale_j + offset_j. out has X's shape and may be X. */
void minmax_transform(nn_matrix *out, const nn_matrix *X, const double *data_min,
                      const double *data_max, double lo, double hi);

#endif
