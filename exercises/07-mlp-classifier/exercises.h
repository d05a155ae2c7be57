/* Chapter 7 exercises: the pieces of scikit-learn's MLPClassifier, one function each, in
 * the order a fit uses them. Each function lives in its own file. The course library
 * (lib/nn.h) is available, except the library function that an exercise asks you to
 * write again: the softmax of nn_activation_apply (07-2), nn_loss_log (07-3),
 * nn_loss_l2_penalty (07-4), nn_solver_update (07-5) and nn_mlp_predict (07-6).
 * Shapes are written (rows, cols), as numpy does; matrices are row-major. */
#ifndef EXERCISES_07_H
#define EXERCISES_07_H

#include <stddef.h>

#include "nn.h"

/* 07-1: the shapes of coefs_ for a network with n_features inputs, n_hidden hidden
 * layers of hidden[0..n_hidden-1] neurons, and n_outputs outputs: shapes[l][0] and
 * shapes[l][1] are the rows and columns of coefs_[l], for l = 0 .. n_hidden (the array
 * holds n_hidden + 1 pairs). Returns the number of parameters: every weight, plus one
 * intercept for every neuron of every layer after the input layer. */
size_t sk_coef_shapes(size_t n_features, const size_t *hidden, size_t n_hidden,
                      size_t n_outputs, size_t shapes[][2]);

/* 07-2: out = softmax of every row of z, computed stably:
 * out[i, j] = exp(z[i, j] - m_i) / sum_k exp(z[i, k] - m_i), m_i = max_k z[i, k].
 * out must have z's shape (else NN_ERR_SHAPE, out untouched) and may be z itself. */
nn_status sk_softmax(nn_matrix *out, const nn_matrix *z);

/* 07-3: scikit-learn's log_loss(y_true, y_prob) for rows x cols arrays: probabilities
 * clipped to [eps, 1 - eps] (eps = 2^-52), then -sum y log p / rows; with one column,
 * p is P(class 1) and both classes count: -sum [(1 - y) log(1 - p) + y log p] / rows. */
double sk_log_loss(const double *y_true, const double *y_prob, size_t rows, size_t cols);

/* 07-4: the L2 term scikit-learn adds to a batch's loss:
 * (0.5 * alpha) * (sum of the squares of every element of coefs[0 .. n_layers-1])
 * / n_samples. */
double sk_l2_penalty(const nn_matrix *coefs, size_t n_layers, double alpha,
                     size_t n_samples);

/* 07-5: scikit-learn's AdamOptimizer. Fill the first six fields, set t to 0 and the
 * moments to 0, and call sk_adam_update once per mini-batch. */
typedef struct sk_adam {
    size_t n;                  /* parameters */
    double learning_rate_init; /* 0.001 in MLPClassifier */
    double beta_1, beta_2;     /* 0.9, 0.999 */
    double epsilon;            /* 1e-8 */
    long t;                    /* updates made so far */
    double learning_rate;      /* the step size of the last update, bias-corrected */
    double *ms, *vs;           /* first and second moments, n each */
} sk_adam;

/* 07-5: one update: t += 1, the moments move towards grads and grads^2, and
 * params[i] += -learning_rate * ms[i] / (sqrt(vs[i]) + epsilon) with
 * learning_rate = learning_rate_init * sqrt(1 - beta_2^t) / (1 - beta_1^t). */
void sk_adam_update(sk_adam *adam, double *params, const double *grads);

/* 07-6: the predicted class of every row of output, the network's output layer:
 * one column (binary, p = P(classes[1])): classes[1] when p > 0.5, else classes[0],
 * with n_classes == 2; several columns (one per class): the class of the largest
 * output, the first one on a tie, with n_classes == cols. labels gets output->rows
 * values. NN_ERR_SHAPE (labels untouched) when the number of classes does not fit. */
nn_status sk_predict(const nn_matrix *output, const double *classes, size_t n_classes,
                     double *labels);

/* 07-7: what the L2 penalty adds to one epoch's loss_ under sgd or adam, the weights
 * held fixed: each batch of B samples adds alpha / (2 B) * (sum of every squared
 * weight), and loss_ averages the batch losses weighted by B. batch_size 0 is 'auto',
 * min(200, n_samples); a batch_size above n_samples is n_samples. */
double sk_epoch_penalty(const nn_matrix *coefs, size_t n_layers, double alpha,
                        size_t n_samples, size_t batch_size);

#endif
