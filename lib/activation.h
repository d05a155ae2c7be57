/* activation.h - activation functions and their derivatives (chapter 2).
 *
 * A neuron computes z = w . x + b and passes z through an activation function f. The
 * step of chapter 1 has no useful slope; the functions here are smooth (or, for relu,
 * almost everywhere smooth), so training can follow their derivatives.
 *
 * The semantics are scikit-learn's (sklearn/neural_network/_base.py, version 1.2), so
 * that the MLP of chapter 7 computes what MLPClassifier computes:
 *   - the same five names: identity, logistic, tanh, relu, softmax;
 *   - activations applied in place to a rows x cols block of doubles (row-major),
 *     softmax across each row;
 *   - derivatives written in terms of the activation's OUTPUT z = f(x), not its input,
 *     and applied in place to a backpropagated error: delta *= f'(x).
 * Backpropagation keeps z from the forward pass anyway, and for these functions the
 * slope is a cheap expression in z (sigma' = z (1 - z), tanh' = 1 - z^2).
 *
 * Edge cases, all tested: no overflow at any input (x = +-1000, +-inf included); NaN in
 * gives NaN out; relu(-0.0) is +0.0; the derivatives never return -0.0; softmax rows
 * sum to 1 and contain no NaN unless the row does.
 */
#ifndef NN_ACTIVATION_H
#define NN_ACTIVATION_H

#include <stddef.h>

#include "error.h"

// [activation enum]
typedef enum nn_activation {
    NN_IDENTITY, /* f(x) = x                   outputs of regression */
    NN_LOGISTIC, /* f(x) = 1 / (1 + e^-x)      a probability in (0, 1) */
    NN_TANH,     /* f(x) = tanh x              zero-centred hidden units */
    NN_RELU,     /* f(x) = max(x, 0)           scikit-learn's default hidden */
    NN_SOFTMAX   /* f_j = e^x_j / sum_k e^x_k  per row: class probabilities */
} nn_activation;
// [end activation enum]

#define NN_ACTIVATION_COUNT 5

/* The names in enum order, as the choices of a --activation flag (NN_FLAG_CHOICE). */
#define NN_ACTIVATION_CHOICES "identity|logistic|tanh|relu|softmax"

/* scikit-learn's name of a ("logistic"), or "unknown" for a value out of range. */
const char *nn_activation_name(nn_activation a);

/* *out = the activation called name (exact, lower case, scikit-learn's names).
 * NN_ERR_ARG, with a message listing the valid names, for anything else. */
nn_status nn_activation_parse(const char *name, nn_activation *out, nn_error *err);

/* ---- One number at a time -------------------------------------------------------- */

/* sigma(x) = 1 / (1 + e^-x), overflow-free, the same bits as scipy's expit for
 * x >= -708; sigma(-inf) = 0, sigma(inf) = 1, sigma(NaN) = NaN. */
double nn_sigmoid(double x);

/* sigma'(x) = sigma(x) sigma(-x) = sigma(x) (1 - sigma(x)), accurate for every x
 * (also where sigma(x) rounds to 1 and 1 - sigma(x) would be 0). */
double nn_sigmoid_derivative(double x);

/* sigma'(x) = y (1 - y), from the output y = sigma(x), as backpropagation uses it. */
double nn_sigmoid_derivative_from_output(double y);

/* tanh'(x) = 1 - y^2 = (1 - y)(1 + y), from the output y = tanh(x), to about 1 ulp. */
double nn_tanh_derivative_from_output(double y);

/* relu(x) = max(x, 0): +0.0 for x <= 0 (also -0.0), x for x > 0, NaN for NaN. */
double nn_relu(double x);

/* relu'(x) = 1 if y > 0, else 0, from the output y = relu(x); NaN for NaN. */
double nn_relu_derivative_from_output(double y);

/* class = 1 if p > threshold, else 0 (also for NaN). scikit-learn's rule with
 * threshold 0.5: strictly greater, so p = 0.5 exactly is class 0. */
int nn_threshold_class(double p, double threshold);

/* ---- Whole arrays, in place, as a network layer uses them ------------------------- */

/* x = f(x) for the rows x cols row-major block x; softmax normalises each row.
 * NN_ERR_ARG for an unknown activation or a size that overflows size_t. */
nn_status nn_activation_apply(nn_activation a, double *x, size_t rows, size_t cols,
                              nn_error *err);

/* delta *= f'(x) element by element, with f' written in terms of z = f(x):
 *   identity: unchanged;  logistic: delta *= z (1 - z);  tanh: delta *= 1 - z^2;
 *   relu: delta = 0 where z == 0.
 * z and delta may be the same array. NN_ERR_ARG for softmax (its derivative couples
 * a whole row; with the log-loss the output error is simply y_prob - y, chapter 7),
 * an unknown activation, or a size that overflows size_t. */
nn_status nn_activation_derivative(nn_activation a, const double *z, double *delta,
                                   size_t rows, size_t cols, nn_error *err);

#endif
