/* mlp_backprop.c - the forward pass and backpropagation of an MLP, in plain C: the
 * lesson. Chapter 7 introduces it.
 *
 * This is scikit-learn's _forward_pass and _backprop (sklearn/neural_network/
 * _multilayer_perceptron.py, version 1.2), written with chapter 5's matrix functions:
 * each step forward has its step backward right after it, as in llm.c's train_gpt2.c,
 * and the two passes that chain the steps come last. Training runs mlp_fast.c, which
 * computes the same doubles faster (fused passes, wide vectors, threads);
 * tests/lib/mlp_fast.c checks that both give the same bits.
 *
 * Shapes in comments: B = rows in the batch, u_l = units in layer l (u_0 = features,
 * u_{L-1} = outputs), L = n_layers (hidden layers + 2). Layer l (0 <= l <= L-2) turns
 * its input A_l (B x u_l) into A_{l+1} (B x u_{l+1}) with the weights W_l (u_l x u_{l+1})
 * and the intercepts b_l (u_{l+1}). The passes write into an nn_mlp_workspace
 * (mlp_internal.h), allocated once per fit.
 */
#include "activation.h"
#include "loss.h"
#include "matrix.h"
#include "mlp_internal.h"

/* ==== One layer, forward and backward =============================================== */

// [forward]
/* Layer l forward, for a batch of B rows: A_{l+1} = f(A_l W_l + b_l). f is the hidden
 * activation for every layer but the last, which gets the output activation (identity,
 * logistic or softmax, as the task asks). The result goes to out (B x u_{l+1}). */
static void layer_forward(const nn_mlp *m, size_t l, const double *a, double *out, size_t B)
{
    size_t p = m->units[l], n = m->units[l + 1];
    nn_activation f = l + 2 == m->n_layers ? m->out_activation : m->params.activation;
    nn_matrix A = {B, p, (double *)a}, Z = {B, n, out};
    /* Z (B x n) = A (B x p) . W_l (p x n), each sum in increasing k, as numpy's A @ W */
    nn_matrix_matmul(&Z, &A, NN_NO_TRANS, &m->coefs[l], NN_NO_TRANS, NULL);
    /* Z += b_l (1 x n): the same intercepts added to every row */
    nn_matrix_add_row(&Z, &Z, &m->intercepts[l], NULL);
    /* A_{l+1} = f(Z), element by element (softmax: row by row), in Z's place */
    nn_activation_apply(f, out, B, n, NULL);
}
// [end forward]

// [backward]
/* Layer l backward: the same steps in reverse. d (B x u_{l+1}) holds, on entry,
 * dLoss/dA_{l+1} for a hidden layer, or already dLoss/dZ for the output layer (see
 * loss_backward). The gradient goes to gW (u_l x u_{l+1}) and gb (u_{l+1}), and
 * dLoss/dA_l, which layer l-1 needs, to d_prev (B x u_l). */
static void layer_backward(const nn_mlp *m, size_t l, const double *a, const double *out,
                           double *d, double *d_prev, size_t B, double *gW, double *gb)
{
    size_t p = m->units[l], n = m->units[l + 1];
    nn_matrix A = {B, p, (double *)a}, D = {B, n, d};
    nn_matrix dW = {p, n, gW}, db = {1, n, gb};
    const nn_matrix *W = &m->coefs[l];
    /* dZ = dA_{l+1} * f'(Z), in place: the slope written with the output, f'(Z) from
     * A_{l+1} = out (logistic: out (1 - out); tanh: 1 - out^2; relu: 0 where out = 0) */
    if (l + 2 < m->n_layers)
        nn_activation_derivative(m->params.activation, out, d, B, n, NULL);
    /* dW_l (p x n) = (A^T (p x B) . dZ (B x n) + alpha W_l) / B: the sums run over the
     * samples in increasing order, and alpha W_l / B is the L2 penalty's gradient */
    nn_matrix_matmul(&dW, &A, NN_TRANS, &D, NN_NO_TRANS, NULL);
    for (size_t k = 0; k < p * n; k++)
        gW[k] = (gW[k] + m->params.alpha * W->data[k]) / (double)B;
    /* db_l (1 x n) = np.mean(dZ, 0): numpy's column sums, then / B */
    nn_matrix_sum(&db, &D, 0, NULL);
    for (size_t j = 0; j < n; j++)
        gb[j] /= (double)B;
    /* dA_l (B x p) = dZ (B x n) . W_l^T (n x p); the first layer's input needs none */
    if (l > 0) {
        nn_matrix Dprev = {B, p, d_prev};
        nn_matrix_matmul(&Dprev, &D, NN_NO_TRANS, W, NN_TRANS, NULL);
    }
}
// [end backward]

/* ==== The loss, forward and backward ================================================ */

// [loss and delta]
/* The loss of the batch: the output activation decides which (softmax: log-loss;
 * logistic: binary log-loss; identity: squared error), plus the L2 penalty
 * alpha / (2 B) sum W^2 over every layer's weights (not the intercepts). */
static double loss_forward(const nn_mlp *m, const double *y, const double *out, size_t B)
{
    nn_loss_kind kind = m->kind == NN_MLP_REGRESSOR       ? NN_LOSS_SQUARED_ERROR
                        : m->out_activation == NN_SOFTMAX ? NN_LOSS_LOG
                                                          : NN_LOSS_BINARY_LOG;
    size_t sizes[NN_MLP_MAX_HIDDEN + 1]; /* the weights of each layer, one after another */
    for (size_t l = 0; l + 1 < m->n_layers; l++)
        sizes[l] = m->units[l] * m->units[l + 1];
    return nn_loss_value(kind, y, out, B, m->n_outputs) +
           nn_loss_l2_penalty(m->theta, sizes, m->n_layers - 1, m->params.alpha, B);
}

/* The loss's step backward: delta (B x outputs) = y_pred - y, the derivative of each
 * loss with respect to the output layer's Z, for its matching output activation (the
 * activation's slope cancels against the loss's). */
static void loss_backward(const nn_mlp *m, const double *y, const double *out, size_t B,
                          double *delta)
{
    for (size_t k = 0; k < B * m->n_outputs; k++)
        delta[k] = out[k] - y[k];
}
// [end loss and delta]

/* ==== The two passes ================================================================ */

/* act[l+1] = layer l's output, for l = 0, 1, ..., L-2. */
void nn_mlp_forward(const nn_mlp *m, const double *x, size_t B, nn_mlp_workspace *ws)
{
    const double *a = x; /* A_0 = X */
    for (size_t l = 0; l + 1 < m->n_layers; l++) {
        layer_forward(m, l, a, ws->act[l + 1], B);
        a = ws->act[l + 1];
    }
}

/* The gradient lies in ws->grad in theta's layout: W_0, W_1, ..., then b_0, b_1, ... */
double nn_mlp_backprop(const nn_mlp *m, const double *x, const double *y, size_t B,
                       nn_mlp_workspace *ws)
{
    size_t L = m->n_layers;
    nn_mlp_forward(m, x, B, ws); /* every layer forward, then the loss */
    const double *out = ws->act[L - 1];
    double loss = loss_forward(m, y, out, B);

    /* Backward: the loss's step, then every layer's, from the last to the first. */
    loss_backward(m, y, out, B, ws->delta[L - 2]);
    for (size_t l = L - 1; l-- > 0;) { /* l = L-2, ..., 1, 0 */
        const double *a = l == 0 ? x : ws->act[l];
        double *gW = ws->grad + (m->coefs[l].data - m->theta);
        double *gb = ws->grad + (m->intercepts[l].data - m->theta);
        double *d_prev = l > 0 ? ws->delta[l - 1] : NULL;
        layer_backward(m, l, a, ws->act[l + 1], ws->delta[l], d_prev, B, gW, gb);
    }
    return loss;
}
