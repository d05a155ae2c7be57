/* loss.h - how wrong a network's outputs are: scikit-learn's three losses (chapter 7).
 *
 * Training minimises one number, the loss, averaged over the samples of a batch.
 * scikit-learn's MLP uses one of three, picked by the output layer
 * (sklearn/neural_network/_base.py, version 1.2):
 *
 *   output       loss               used for
 *   identity     squared error      regression
 *   softmax      log-loss           multi-class classification
 *   logistic     binary log-loss    binary and multi-label classification
 *
 * Each pairs with its output activation so that the error at the output is simply
 * y_pred - y_true, which is what backpropagation starts from (chapter 7).
 *
 * The sums are added in numpy's order (pairwise summation over the whole array, as
 * ndarray.sum() does), so the losses are the same doubles scikit-learn computes, not
 * just close ones. Arrays are row-major blocks of rows x cols doubles; y_true holds the
 * targets (0/1 indicators for the classification losses). Nothing here allocates.
 */
#ifndef NN_LOSS_H
#define NN_LOSS_H

#include <stddef.h>

typedef enum nn_loss_kind {
    NN_LOSS_SQUARED_ERROR, /* squared_loss:    identity outputs, regression */
    NN_LOSS_LOG,           /* log_loss:        softmax outputs, one class per sample */
    NN_LOSS_BINARY_LOG     /* binary_log_loss: logistic outputs, each column a yes/no */
} nn_loss_kind;

/* The smallest probability the log-losses take the log of: numpy's finfo(float64).eps,
 * 2^-52. Probabilities are clipped to [eps, 1 - eps] so that log(0) never happens. */
#define NN_LOSS_EPS 2.220446049250313e-16

/* scikit-learn's name of a loss ("squared_error", "log_loss", "binary_log_loss"). */
const char *nn_loss_name(nn_loss_kind kind);

/* squared_loss: L = sum_ij (y_ij - p_ij)^2 / (rows cols) / 2, the mean over every
 * element, halved (so that dL/dp = (p - y) / (rows cols)). 0 rows or cols: NaN, as the
 * mean of an empty array is in numpy. */
double nn_loss_squared_error(const double *y_true, const double *y_pred, size_t rows,
                             size_t cols);

/* log_loss: L = -sum_ij y_ij log(clip(p_ij)) / rows, clip(p) = min(max(p, eps), 1-eps).
 * With one column, p is P(class 1) and the sum runs over both classes, as
 * scikit-learn's log_loss does: -sum_i [(1 - y_i) log(1 - p_i) + y_i log(p_i)] / rows.
 * A term with y_ij = 0 counts as 0 (scipy's xlogy), even where log would be -inf. */
double nn_loss_log(const double *y_true, const double *y_prob, size_t rows, size_t cols);

/* binary_log_loss: every column an independent yes/no question,
 * L = -(sum_ij y_ij log(clip(p_ij)) + sum_ij (1 - y_ij) log(1 - clip(p_ij))) / rows. */
double nn_loss_binary_log(const double *y_true, const double *y_prob, size_t rows,
                          size_t cols);

/* The loss of the given kind (one of the three functions above). */
double nn_loss_value(nn_loss_kind kind, const double *y_true, const double *y_pred,
                     size_t rows, size_t cols);

/* The L2 penalty scikit-learn adds to a batch's loss, over the coefficients only (not
 * the intercepts): alpha / (2 n) * sum_l sum_k w_lk^2, where the layers' coefficients
 * lie one after the other in coefs (layer l has sizes[l] of them) and n is the number
 * of samples in the batch. Each layer's sum of squares is added in index order (numpy's
 * dot with the reference BLAS), then the layers' sums in layer order. */
double nn_loss_l2_penalty(const double *coefs, const size_t *sizes, size_t n_layers,
                          double alpha, size_t n_samples);

#endif
