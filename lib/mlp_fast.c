/* mlp_fast.c - the forward pass and backpropagation of mlp_backprop.c, made fast: what
 * training and prediction run. Chapter 7 introduces it; the appendix "Making it fast"
 * explains its tricks.
 *
 * Every function here computes exactly the doubles of its plain counterpart in
 * mlp_backprop.c: the same operations on each element, every sum in the same order.
 * Only the work is arranged differently:
 *   - the intercepts are added and relu applied in one pass, short rows in tiles;
 *   - each delta is computed and added into the intercepts' column sums in one pass;
 *   - the squares of the weights for the L2 penalty are summed while the weights'
 *     gradient is scaled;
 *   - the element-wise loops are compiled for AVX2 and AVX-512 too (WIDE);
 *   - a large batch goes forward in chunks of rows on every thread, and so does a
 *     prediction;
 *   - the rows of a shuffled batch are fetched ahead of their copy.
 * tests/lib/mlp_fast.c checks, for many shapes, activations and batch sizes, that the
 * loss and every element of the gradient are the plain version's to the bit.
 *
 * Shapes in comments: B = rows in the batch, u_l = units in layer l (u_0 = features,
 * u_{L-1} = outputs), L = n_layers (hidden layers + 2).
 */
#include <string.h>

#include "activation.h"
#include "activation_slopes.h"
#include "alloc.h"
#include "gemm.h"
#include "loss.h"
#include "matrix.h"
#include "mlp_internal.h"

/* ==== Forward ======================================================================= */

/* The element-wise passes over a batch are short loops the compiler vectorises; the
 * default build may only assume SSE2 (two doubles per instruction). Where the compiler
 * can, WIDE makes it compile a function also for AVX2 and AVX-512 and pick the version
 * for this processor when the library is loaded. Every version performs the same
 * operations on each element (no fused multiply-add: -ffp-contract=off), so the results
 * are the same doubles; only the number of elements per instruction changes. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define WIDE __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define WIDE
#endif

/* out (B x n) += b (n), then relu when asked, in one pass. A short row (heart's layers
 * have 14 units) would leave much of each vector loop to its scalar remainder, so short
 * rows (n < SHORT_ROW) go in groups: b repeated in tb to the length of `rows` rows, a
 * multiple of 8 doubles and, where that is short, about TILE doubles; then one flat
 * loop over each group. Every element still gets out + b[j] (and relu), as before. (An
 * odd n from 17 to 31 takes 8 rows, over TILE doubles: tb has room for that.) */
#define SHORT_ROW 32
#define TILE 128

WIDE static void add_intercepts(double *restrict out, const double *restrict b, size_t B,
                                size_t n, bool relu)
{
    double tb[8 * SHORT_ROW] = {0}; /* zeroed for static analysers: tb[0..rows n) is read */
    size_t rows = 1;
    const double *bias = b;
    if (n > 0 && n < SHORT_ROW) {
        rows = n % 2 ? 8 : n % 4 ? 4 : n % 8 ? 2 : 1; /* rows * n: a multiple of 8 */
        if (rows * n < TILE)
            rows *= TILE / (rows * n);
        for (size_t k = 0, j = 0; k < rows * n; k++) { /* not a memcpy per row: short */
            tb[k] = b[j];
            j = j + 1 == n ? 0 : j + 1;
        }
        bias = tb;
    }
    for (size_t i = 0; i < B; i += rows) {
        size_t count = (B - i < rows ? B - i : rows) * n;
        double *restrict o = out + i * n;
        if (relu)
            for (size_t k = 0; k < count; k++) {
                double v = o[k] + bias[k];
                o[k] = v > 0.0 || v != v ? v : 0.0; /* nn_relu: NaN stays NaN */
            }
        else
            for (size_t k = 0; k < count; k++)
                o[k] += bias[k];
    }
}

/* layer_forward: out (B x n) = f(a (B x p) . W (p x n) + b (n)). nn_gemm (gemm.h) adds
 * the terms of each out[i][j] in nn_matrix_matmul's order, increasing k from 0, with
 * blocked, vectorised kernels. */
static void linear_forward(double *out, const double *a, const double *W, const double *b,
                           size_t B, size_t p, size_t n, nn_activation f)
{
    nn_gemm(B, n, p, a, p, 1, W, n, 1, out, n, false, true);
    add_intercepts(out, b, B, n, f == NN_RELU); /* `+= intercept`; relu in the same pass */
    if (f != NN_RELU)
        nn_activation_apply(f, out, B, n, NULL);
}

/* nn_mlp_forward: act[l+1] = f_l(act[l] . W_l + b_l) for every layer, on this thread. */
void nn_mlp_fast_forward(const nn_mlp *m, const double *x, size_t B, nn_mlp_workspace *ws)
{
    size_t L = m->n_layers;
    const double *in = x;
    for (size_t l = 0; l + 1 < L; l++) {
        nn_activation f = l + 2 == L ? m->out_activation : m->params.activation;
        linear_forward(ws->act[l + 1], in, m->coefs[l].data, m->intercepts[l].data, B,
                       m->units[l], m->units[l + 1], f);
        in = ws->act[l + 1];
    }
}

/* A large batch (lbfgs takes the whole data set as one) goes forward in chunks of rows
 * on every thread: a row's outputs depend on that row alone, so the chunks give the
 * same doubles as one pass, and the activations run in parallel with the products. */
typedef struct forward_job {
    const nn_mlp *m;
    const double *x;
    size_t B, chunk;
    const nn_mlp_workspace *ws;
} forward_job;

static void forward_chunk(void *context, size_t index, size_t thread)
{
    const forward_job *job = context;
    const nn_mlp *m = job->m;
    size_t r0 = index * job->chunk;
    size_t rows = job->B - r0 < job->chunk ? job->B - r0 : job->chunk;
    nn_mlp_workspace view = *job->ws; /* the same buffers, from row r0 on */
    (void)thread;
    for (size_t l = 1; l < m->n_layers; l++)
        view.act[l] = job->ws->act[l] + r0 * m->units[l];
    nn_mlp_fast_forward(m, job->x + r0 * m->units[0], rows, &view);
}

#define PARALLEL_FORWARD_ROWS 512 /* smaller batches go forward in one piece */

static void forward_batch(const nn_mlp *m, const double *x, size_t B, nn_mlp_workspace *ws)
{
    size_t threads = nn_gemm_threads();
    if (threads < 2 || B < PARALLEL_FORWARD_ROWS) {
        nn_mlp_fast_forward(m, x, B, ws);
        return;
    }
    size_t chunk = (B + 8 * threads - 1) / (8 * threads);
    chunk = chunk < 64 ? 64 : chunk;
    forward_job job = {m, x, B, chunk, ws};
    nn_gemm_parallel((B + chunk - 1) / chunk, forward_chunk, &job);
}

/* ==== Backward ====================================================================== */

/* The gradient of layer_backward (_compute_loss_grad for layer l):
 *   dW_l (u_l x u_{l+1}) = (a_l^T (u_l x B) . delta_l (B x u_{l+1}) + alpha W_l) / B
 *   db_l (u_{l+1})       = mean over the batch of delta_l
 * a_l^T . delta_l sums over the samples in increasing order, as numpy's does. gb holds
 * the column sums of delta_l on entry (see delta_sums), and its means on return.
 *
 * It returns np.dot(W_l, W_l), the layer's share of the loss's L2 penalty, added in
 * index order as nn_loss_l2_penalty adds it. That sum is a chain of dependent additions,
 * each waiting for the one before; done here, while the same weights go through the
 * gradient's divisions eight at a time, the two overlap instead of taking turns. */
static double layer_gradient(const nn_mlp *m, size_t l, const double *a, const double *delta,
                             size_t B, double *gW, double *gb)
{
    size_t p = m->units[l], n = m->units[l + 1], count = p * n, k = 0;
    const double *restrict W = m->coefs[l].data;
    double *restrict g = gW;
    const double alpha = m->params.alpha;
    nn_gemm(p, n, B, a, 1, p, delta, n, 1, gW, n, false, true); /* a^T . delta */
    double dot = 0.0;
    for (; k + 8 <= count; k += 8) {
        for (size_t r = k; r < k + 8; r++) /* gW += alpha W; gW /= B: eight independent */
            g[r] = (g[r] + alpha * W[r]) / (double)B;
        for (size_t r = k; r < k + 8; r++) /* the penalty's chain, meanwhile */
            dot += W[r] * W[r];
    }
    for (; k < count; k++) {
        g[k] = (g[k] + alpha * W[k]) / (double)B;
        dot += W[k] * W[k];
    }
    for (size_t j = 0; j < n; j++) /* np.mean(delta, 0): the column sums / B */
        gb[j] /= (double)B;
    return dot;
}

/* The deltas come from one element-wise pass each (y_pred - y for the output layer, the
 * activation's slope for a hidden one), and the intercepts' gradient needs their column
 * sums. Each pass below also adds its fresh delta row to the sums, rows one after
 * another from 0.0: numpy's order for a matrix of two or more columns, without reading
 * delta a second time. A single column numpy sums pairwise: nn_matrix_sum does that
 * after the pass. The slopes are those of activation_slopes.h, as in
 * nn_activation_derivative. */
typedef enum delta_pass { OUTPUT_DELTA, LOGISTIC_DELTA, TANH_DELTA, RELU_DELTA,
                          IDENTITY_DELTA } delta_pass;

static inline void delta_rows(delta_pass kind, double *restrict d, const double *restrict z,
           const double *restrict y, size_t B, size_t n, double *restrict sums)
{
    for (size_t j = 0; j < n; j++)
        sums[j] = 0.0;
    for (size_t i = 0; i < B; i++) {
        double *restrict row = d + i * n;
        const double *restrict zr = z + i * n, *restrict yr = y + i * n;
        for (size_t j = 0; j < n; j++) {
            double v = row[j], zj = zr[j];
            switch (kind) {
            case OUTPUT_DELTA: v = zj - yr[j]; break; /* z is y_pred here */
            case LOGISTIC_DELTA: v = nn_logistic_delta(v, zj); break;
            case TANH_DELTA: v = nn_tanh_delta(v, zj); break;
            case RELU_DELTA: v = nn_relu_delta(v, zj); break;
            case IDENTITY_DELTA: break;
            }
            row[j] = v;
            sums[j] += v;
        }
    }
}

static inline void delta_kinds(delta_pass kind, double *d, const double *z,
                               const double *y, size_t B, size_t n, double *sums)
{
    switch (kind) { /* one copy of the loop per kind, each vectorised on its own */
    case OUTPUT_DELTA: delta_rows(OUTPUT_DELTA, d, z, y, B, n, sums); break;
    case LOGISTIC_DELTA: delta_rows(LOGISTIC_DELTA, d, z, y, B, n, sums); break;
    case TANH_DELTA: delta_rows(TANH_DELTA, d, z, y, B, n, sums); break;
    case RELU_DELTA: delta_rows(RELU_DELTA, d, z, y, B, n, sums); break;
    case IDENTITY_DELTA: delta_rows(IDENTITY_DELTA, d, z, y, B, n, sums); break;
    }
}

/* Rows of 32 or more go through the widest vectors; shorter ones would spend most of
 * each row in the wide loop's scalar remainder, and stay with the default build's. */
WIDE static void delta_kinds_wide(delta_pass kind, double *d, const double *z,
                                  const double *y, size_t B, size_t n, double *sums)
{
    delta_kinds(kind, d, z, y, B, n, sums);
}

static void delta_sums(delta_pass kind, double *d, const double *z, const double *y,
                       size_t B, size_t n, double *sums)
{
    if (n == 1) { /* one column: the pass alone, then numpy's pairwise sum */
        if (kind == OUTPUT_DELTA)
            for (size_t i = 0; i < B; i++)
                d[i] = z[i] - y[i];
        else if (kind != IDENTITY_DELTA)
            nn_activation_derivative(kind == LOGISTIC_DELTA ? NN_LOGISTIC
                                     : kind == TANH_DELTA   ? NN_TANH
                                                            : NN_RELU,
                                     z, d, B, 1, NULL);
        nn_matrix dm = {B, 1, d}, s = {1, 1, sums};
        nn_matrix_sum(&s, &dm, 0, NULL);
    } else if (n >= 32) {
        delta_kinds_wide(kind, d, z, y, B, n, sums);
    } else {
        delta_kinds(kind, d, z, y, B, n, sums);
    }
}

/* nn_mlp_backprop: the loss of the batch (x: B x u_0, y: B x outputs) and its gradient
 * with respect to every parameter, into ws->grad. */
double nn_mlp_fast_backprop(const nn_mlp *m, const double *x, const double *y, size_t B,
                            nn_mlp_workspace *ws)
{
    size_t L = m->n_layers, last = L - 2;
    forward_batch(m, x, B, ws);
    const double *out = ws->act[L - 1];
    size_t n_out = m->n_outputs;

    /* The loss: the output activation decides which (softmax: log-loss; logistic: binary
     * log-loss; identity: squared error), plus alpha / (2 B) sum W^2, the L2 penalty
     * (added below, once the gradients have summed up the squares). */
    nn_loss_kind kind = m->kind == NN_MLP_REGRESSOR       ? NN_LOSS_SQUARED_ERROR
                        : m->out_activation == NN_SOFTMAX ? NN_LOSS_LOG
                                                          : NN_LOSS_BINARY_LOG;
    double loss = nn_loss_value(kind, y, out, B, n_out);

    /* delta_last (B x outputs) = y_pred - y: the derivative of each loss with respect to
     * the output layer's pre-activation, for its matching output activation. */
    double *d = ws->delta[last], *grad = ws->grad;
    double *gb = grad + (m->intercepts[last].data - m->theta);
    /* d[k] = out[k] - y[k] for every k; the same pass leaves the column sums of d in gb,
     * which the intercepts' gradient needs (delta_sums, above). */
    delta_sums(OUTPUT_DELTA, d, out, y, B, n_out, gb);
    double dots[NN_MLP_MAX_HIDDEN + 1]; /* np.dot(W_l, W_l), from layer_gradient */
    const double *a = last == 0 ? x : ws->act[last];
    dots[last] = layer_gradient(m, last, a, d, B, grad + (m->coefs[last].data - m->theta), gb);

    /* Hidden layers, from the last to the first:
     *   delta_{l-1} (B x u_l) = delta_l (B x u_{l+1}) . W_l^T (u_{l+1} x u_l) * f'(a_l) */
    delta_pass slope = m->params.activation == NN_LOGISTIC ? LOGISTIC_DELTA
                       : m->params.activation == NN_TANH   ? TANH_DELTA
                       : m->params.activation == NN_RELU   ? RELU_DELTA
                                                           : IDENTITY_DELTA;
    for (size_t l = last; l >= 1; l--) {
        size_t p = m->units[l], n = m->units[l + 1];
        const double *W = m->coefs[l].data, *dl = ws->delta[l];
        double *dprev = ws->delta[l - 1];
        nn_gemm(B, p, n, dl, n, 1, W, 1, n, dprev, p, false, true); /* W^T by strides */
        gb = grad + (m->intercepts[l - 1].data - m->theta);
        delta_sums(slope, dprev, ws->act[l], ws->act[l], B, p, gb); /* times f'(a_l) */
        const double *a_prev = l - 1 == 0 ? x : ws->act[l - 1];
        dots[l - 1] = layer_gradient(m, l - 1, a_prev, dprev, B,
                                     grad + (m->coefs[l - 1].data - m->theta), gb);
    }

    /* The L2 penalty, as nn_loss_l2_penalty(theta, ...) computes it: the layers' dots
     * added in layer order, then (0.5 alpha) values / B, grouped as scikit-learn groups
     * it. */
    double values = 0.0;
    for (size_t l = 0; l + 1 < L; l++)
        values += dots[l];
    loss += (0.5 * m->params.alpha) * values / (double)B;
    return loss;
}

/* ==== Prediction ==================================================================== */

/* Prediction spread over threads: rows are independent, so each task pushes one chunk
 * of rows through the whole network on its own thread, with that thread's workspace. */
typedef struct predict_job {
    const nn_mlp *m;
    const double *x;
    size_t n, chunk;
    nn_mlp_workspace *ws; /* one per thread */
    double *out;
} predict_job;

static void predict_chunk(void *context, size_t index, size_t thread)
{
    predict_job *job = context;
    const nn_mlp *m = job->m;
    size_t start = index * job->chunk;
    size_t B = job->n - start < job->chunk ? job->n - start : job->chunk;
    nn_mlp_workspace *ws = &job->ws[thread];
    nn_mlp_fast_forward(m, job->x + start * m->units[0], B, ws);
    memcpy(job->out + start * m->n_outputs, ws->act[m->n_layers - 1],
           B * m->n_outputs * sizeof(double));
}

/* The network's raw outputs for the n rows of x into a new array (n x outputs). */
double *nn_mlp_fast_outputs(const nn_mlp *m, const double *x, size_t n, nn_error *err)
{
    size_t threads = nn_gemm_threads();
    /* Chunks of 32 to 256 rows, about eight per thread. */
    size_t chunk = (n + 8 * threads - 1) / (8 * threads);
    chunk = chunk < 32 ? 32 : chunk > 256 ? 256 : chunk;
    chunk = chunk < n ? chunk : n;
    size_t tasks = (n + chunk - 1) / chunk;
    if (threads > tasks)
        threads = tasks;
    double *out = nn_alloc(n * m->n_outputs, sizeof(double), "predictions", err);
    nn_mlp_workspace *ws = out ? nn_alloc(threads, sizeof *ws, "predictions", err) : NULL;
    size_t ready = 0;
    while (ws && ready < threads &&
           nn_mlp_workspace_alloc(&ws[ready], m, chunk, false, err) == NN_OK)
        ready++;
    if (ws && ready == threads) {
        predict_job job = {m, x, n, chunk, ws, out};
        nn_gemm_parallel(tasks, predict_chunk, &job);
    } else {
        nn_alloc_free(out);
        out = NULL;
    }
    for (size_t t = 0; t < ready; t++)
        nn_mlp_workspace_free(&ws[t]);
    nn_alloc_free(ws);
    return out;
}

/* ==== Batches ======================================================================= */

/* Rows idx[0..B) of src (row length w) into dst: _safe_indexing(X, sample_idx[batch]).
 * The rows come in random order from a training set that the rest of an epoch's work
 * pushes out of the nearest caches, so each row would wait for memory in turn. Asking
 * for the row PREFETCH_AHEAD places ahead while copying this one lets those waits
 * overlap. (A prefetch is only a hint: it changes no value.) */
#define PREFETCH_AHEAD 8

void nn_mlp_fast_gather(double *dst, const double *src, size_t w, const size_t *idx,
                        size_t B)
{
    for (size_t i = 0; i < B; i++) {
#if defined(__GNUC__) || defined(__clang__)
        if (i + PREFETCH_AHEAD < B) {
            const char *ahead = (const char *)(src + idx[i + PREFETCH_AHEAD] * w);
            for (size_t byte = 0; byte < w * sizeof(double); byte += 64)
                __builtin_prefetch(ahead + byte);
        }
#endif
        if (w == 1) /* one target per sample: no call per number */
            dst[i] = src[idx[i]];
        else
            memcpy(dst + i * w, src + idx[i] * w, w * sizeof(double));
    }
}
