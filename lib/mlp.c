/* mlp.c - scikit-learn's MLPClassifier and MLPRegressor, step for step.
 *
 * This file retells sklearn/neural_network/_multilayer_perceptron.py (version 1.2) in
 * C, in the order a fit runs:
 *
 *   1. parameters: defaults and validation, with scikit-learn's messages;
 *   2. the network's layout: one packed array theta holding every coefficient matrix
 *      (row by row) and then every intercept vector, with matrix views into it;
 *   3. the forward pass and backpropagation, the heart of it (llm.c style: each
 *      forward step beside its backward step, with the shapes);
 *   4. input checks and the targets (LabelBinarizer for classifiers);
 *   5. initialisation (Glorot-uniform, drawn from nn_rng in scikit-learn's order);
 *   6. the stochastic solvers: epochs, shuffling, batches, the stopping rules, early
 *      stopping on a held-out validation set;
 *   7. lbfgs;
 *   8. fit and partial_fit, which tie it together; then prediction and scoring.
 * Saving and loading are in mlp_file.c.
 *
 * Shapes in comments: B = rows in the batch, u_l = units in layer l (u_0 = features,
 * u_{L-1} = outputs), L = n_layers (hidden layers + 2).
 */
#include "mlp.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "activation_slopes.h"
#include "alloc.h"
#include "gemm.h"
#include "lbfgs.h"
#include "loss.h"
#include "mlp_internal.h"
#include "progress.h"
#include "model_selection.h"

/* ==== 1. Parameters ================================================================== */

nn_mlp_params nn_mlp_defaults(void)
{
    nn_mlp_params p;
    memset(&p, 0, sizeof p);
    p.n_hidden = 1;
    p.hidden_layer_sizes[0] = 100;
    p.activation = NN_RELU;
    p.solver = NN_MLP_ADAM;
    p.alpha = 0.0001;
    p.batch_size = NN_MLP_BATCH_AUTO;
    p.learning_rate = NN_LR_CONSTANT;
    p.learning_rate_init = 0.001;
    p.power_t = 0.5;
    p.max_iter = 200;
    p.shuffle = true;
    p.random_state = NN_MLP_RANDOM_NONE;
    p.tol = 1e-4;
    p.verbose = 0;
    p.warm_start = false;
    p.momentum = 0.9;
    p.nesterovs_momentum = true;
    p.early_stopping = false;
    p.validation_fraction = 0.1;
    p.beta_1 = 0.9;
    p.beta_2 = 0.999;
    p.epsilon = 1e-8;
    p.n_iter_no_change = 10;
    p.max_fun = 15000;
    p.verbose_out = NULL;
    p.progress = true;
    return p;
}

static const char *const SOLVER_NAMES[] = {"lbfgs", "sgd", "adam"};

const char *nn_mlp_solver_name(nn_mlp_solver s)
{
    return (unsigned)s < 3 ? SOLVER_NAMES[s] : "unknown";
}

nn_status nn_mlp_solver_parse(const char *name, nn_mlp_solver *out, nn_error *err)
{
    for (int i = 0; name && i < 3; i++)
        if (strcmp(name, SOLVER_NAMES[i]) == 0) {
            *out = (nn_mlp_solver)i;
            return NN_OK;
        }
    return nn_error_set(err, NN_ERR_ARG,
                        "unknown solver '%s': expected one of lbfgs, sgd, adam",
                        name ? name : "(null)");
}

const char *nn_mlp_internal_name(nn_mlp_kind kind)
{
    return kind == NN_MLP_REGRESSOR ? "MLPRegressor" : "MLPClassifier";
}

/* Python's repr of a float: the shortest text that reads back the same, ".0" on whole
 * numbers ("-1.0", "0.5", "inf", "nan"), as scikit-learn's messages quote values. */
static void repr_double(double v, char *buf, size_t size)
{
    if (isnan(v)) {
        snprintf(buf, size, "nan");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, size, v > 0 ? "inf" : "-inf");
        return;
    }
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(buf, size, "%.*g", precision, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (!strpbrk(buf, ".e")) {
        size_t len = strlen(buf);
        if (len + 2 < size)
            memcpy(buf + len, ".0", 3);
    }
}

/* "The 'alpha' parameter of MLPClassifier must be a float in the range [0, inf). Got
 * -1.0 instead." */
static nn_status bad_param(nn_error *err, nn_mlp_kind kind, const char *name,
                           const char *must, const char *got)
{
    return nn_error_set(err, NN_ERR_ARG, "The '%s' parameter of %s must be %s. Got %s instead.",
                        name, nn_mlp_internal_name(kind), must, got);
}

static nn_status check_real(nn_error *err, nn_mlp_kind kind, const char *name, double v,
                            double lo, bool lo_closed, double hi, bool hi_closed)
{
    bool ok = lo_closed ? v >= lo : v > lo;
    if (ok && isfinite(hi))
        ok = hi_closed ? v <= hi : v < hi;
    if (ok)
        return NN_OK;
    char must[96], got[32], los[32], his[32];
    snprintf(los, sizeof los, "%g", lo);
    snprintf(his, sizeof his, "%g", hi);
    snprintf(must, sizeof must, "a float in the range %c%s, %s%c", lo_closed ? '[' : '(', los,
             isfinite(hi) ? his : "inf", isfinite(hi) && hi_closed ? ']' : ')');
    repr_double(v, got, sizeof got);
    return bad_param(err, kind, name, must, got);
}

static nn_status check_int(nn_error *err, nn_mlp_kind kind, const char *name, long v)
{
    if (v >= 1)
        return NN_OK;
    char got[32];
    snprintf(got, sizeof got, "%ld", v);
    return bad_param(err, kind, name, "an int in the range [1, inf)", got);
}

// [validate]
nn_status nn_mlp_params_validate(const nn_mlp_params *p, nn_mlp_kind kind, nn_error *err)
{
    char got[64];
    if (!p)
        return nn_error_set(err, NN_ERR_ARG, "NULL parameters");
    if (kind != NN_MLP_CLASSIFIER && kind != NN_MLP_REGRESSOR)
        return nn_error_set(err, NN_ERR_ARG, "unknown estimator kind %d", (int)kind);
    if (p->n_hidden > NN_MLP_MAX_HIDDEN)
        return nn_error_set(err, NN_ERR_ARG,
                            "hidden_layer_sizes has %zu layers; this library allows at most "
                            "%d", p->n_hidden, NN_MLP_MAX_HIDDEN);
    for (size_t i = 0; i < p->n_hidden; i++)
        if (p->hidden_layer_sizes[i] == 0) {
            /* "hidden_layer_sizes must be > 0, got [5, 0]." */
            char list[NN_MLP_MAX_HIDDEN * 24 + 4] = "[";
            for (size_t j = 0; j < p->n_hidden; j++) {
                size_t len = strlen(list);
                snprintf(list + len, sizeof list - len, "%s%zu", j ? ", " : "",
                         p->hidden_layer_sizes[j]);
            }
            strcat(list, "]");
            return nn_error_set(err, NN_ERR_ARG, "hidden_layer_sizes must be > 0, got %s.",
                                list);
        }
    if (p->activation != NN_IDENTITY && p->activation != NN_LOGISTIC &&
        p->activation != NN_TANH && p->activation != NN_RELU) {
        snprintf(got, sizeof got, "'%s'", nn_activation_name(p->activation));
        return bad_param(err, kind, "activation",
                         "a str among {'identity', 'logistic', 'relu', 'tanh'}", got);
    }
    if ((unsigned)p->solver > NN_MLP_ADAM) {
        snprintf(got, sizeof got, "%d", (int)p->solver);
        return bad_param(err, kind, "solver", "a str among {'adam', 'lbfgs', 'sgd'}", got);
    }
    if ((unsigned)p->learning_rate > NN_LR_ADAPTIVE) {
        snprintf(got, sizeof got, "%d", (int)p->learning_rate);
        return bad_param(err, kind, "learning_rate",
                         "a str among {'adaptive', 'constant', 'invscaling'}", got);
    }
    nn_status st;
    if ((st = check_real(err, kind, "alpha", p->alpha, 0, true, INFINITY, false)) ||
        (st = check_real(err, kind, "learning_rate_init", p->learning_rate_init, 0, false,
                         INFINITY, false)) ||
        (st = check_real(err, kind, "power_t", p->power_t, 0, true, INFINITY, false)) ||
        (st = check_int(err, kind, "max_iter", p->max_iter)) ||
        (st = check_real(err, kind, "tol", p->tol, 0, true, INFINITY, false)) ||
        (st = check_real(err, kind, "momentum", p->momentum, 0, true, 1, true)) ||
        (st = check_real(err, kind, "validation_fraction", p->validation_fraction, 0, true, 1,
                         false)) ||
        (st = check_real(err, kind, "beta_1", p->beta_1, 0, true, 1, false)) ||
        (st = check_real(err, kind, "beta_2", p->beta_2, 0, true, 1, false)) ||
        (st = check_real(err, kind, "epsilon", p->epsilon, 0, false, INFINITY, false)) ||
        (st = check_int(err, kind, "max_fun", p->max_fun)))
        return st;
    double nic = p->n_iter_no_change;
    if (!(nic == INFINITY || (nic >= 1 && nic == floor(nic) && nic < 9.2e18))) {
        repr_double(nic, got, sizeof got);
        return bad_param(err, kind, "n_iter_no_change",
                         "an int in the range [1, inf) or a float among {inf}", got);
    }
    if (p->random_state != NN_MLP_RANDOM_NONE &&
        (p->random_state < 0 || p->random_state > 4294967295LL)) {
        snprintf(got, sizeof got, "%lld", (long long)p->random_state);
        return bad_param(err, kind, "random_state",
                         "an int in the range [0, 4294967295] or None (NN_MLP_RANDOM_NONE)",
                         got);
    }
    return NN_OK;
}
// [end validate]

nn_status nn_mlp_parse_hidden(const char *text, nn_mlp_params *p, nn_error *err)
{
    size_t sizes[NN_MLP_MAX_HIDDEN], n = 0;
    const char *s = text ? text : "";
    while (*s == ' ' || *s == '(' || *s == '[')
        s++;
    while (*s && *s != ')' && *s != ']') {
        if (*s < '0' || *s > '9')
            return nn_error_set(err, NN_ERR_ARG,
                                "hidden layer sizes '%s': expected whole numbers separated "
                                "by commas, such as 100 or 5,2", text ? text : "");
        char *end;
        unsigned long long v = strtoull(s, &end, 10);
        if (v == 0 || v > 100000000ULL)
            return nn_error_set(err, NN_ERR_ARG,
                                "hidden layer sizes '%s': every size must be in [1, 1e8]",
                                text);
        if (n == NN_MLP_MAX_HIDDEN)
            return nn_error_set(err, NN_ERR_ARG,
                                "hidden layer sizes '%s': at most %d layers", text,
                                NN_MLP_MAX_HIDDEN);
        sizes[n++] = (size_t)v;
        s = end;
        while (*s == ' ')
            s++;
        if (*s == ',')
            s++;
        while (*s == ' ')
            s++;
    }
    if (*s == ')' || *s == ']')
        s++;
    if (*s != '\0')
        return nn_error_set(err, NN_ERR_ARG, "hidden layer sizes '%s': unexpected '%s'",
                            text, s);
    p->n_hidden = n;
    for (size_t i = 0; i < n; i++)
        p->hidden_layer_sizes[i] = sizes[i];
    return NN_OK;
}

/* ==== 2. The network's layout ==========================================================
 *
 * theta = [W_0 (u_0 x u_1), W_1 (u_1 x u_2), ..., b_0 (u_1), b_1 (u_2), ...]: exactly
 * scikit-learn's _pack(coefs_, intercepts_). The solvers see one flat vector; coefs[l]
 * and intercepts[l] are nn_matrix views into it. Gradients use the same layout. */

static size_t count_params(const size_t *units, size_t n_layers, nn_error *err, bool *ok)
{
    size_t total = 0;
    *ok = true;
    for (size_t l = 0; l + 1 < n_layers; l++) {
        size_t a = units[l], b = units[l + 1];
        if (b != 0 && a > (SIZE_MAX / 2 - total) / b) {
            *ok = false;
            nn_error_set(err, NN_ERR_NOMEM, "a network with layers of %zu and %zu units "
                                            "has too many weights", a, b);
            return 0;
        }
        total += a * b + b;
    }
    return total;
}

nn_status nn_mlp_internal_layout(nn_mlp *m, const size_t *units, size_t n_layers,
                                 nn_error *err)
{
    bool ok;
    size_t n = count_params(units, n_layers, err, &ok);
    if (!ok)
        return NN_ERR_NOMEM;
    double *theta = nn_alloc(n ? n : 1, sizeof(double), "network weights", err);
    double *best = theta ? nn_alloc(n ? n : 1, sizeof(double), "best weights", err) : NULL;
    if (!best) {
        nn_alloc_free(theta);
        return NN_ERR_NOMEM;
    }
    nn_alloc_free(m->theta);
    nn_alloc_free(m->best_theta);
    m->theta = theta;
    m->best_theta = best;
    m->has_best_theta = false;
    m->n_params = n;
    m->n_layers = n_layers;
    for (size_t l = 0; l < n_layers; l++)
        m->units[l] = units[l];
    m->n_features_in = units[0];
    m->n_outputs = units[n_layers - 1];
    size_t off = 0;
    for (size_t l = 0; l + 1 < n_layers; l++) {
        m->coefs[l] = (nn_matrix){units[l], units[l + 1], theta + off};
        off += units[l] * units[l + 1];
    }
    for (size_t l = 0; l + 1 < n_layers; l++) {
        m->intercepts[l] = (nn_matrix){1, units[l + 1], theta + off};
        off += units[l + 1];
    }
    return NN_OK;
}

/* Grows an array of doubles to hold at least need values (copying the old ones),
 * doubling at least, so that many partial_fit calls copy little. */
static nn_status grow(double **array, size_t *cap, size_t used, size_t need, nn_error *err)
{
    if (need <= *cap && *array)
        return NN_OK;
    if (need < 2 * *cap)
        need = 2 * *cap;
    double *bigger = nn_alloc(need ? need : 1, sizeof(double), "training record", err);
    if (!bigger)
        return NN_ERR_NOMEM;
    if (used && *array)
        memcpy(bigger, *array, used * sizeof(double));
    nn_alloc_free(*array);
    *array = bigger;
    *cap = need;
    return NN_OK;
}

nn_status nn_mlp_internal_reserve(nn_mlp *m, size_t more, bool validation, nn_error *err)
{
    if (grow(&m->loss_curve, &m->cap_loss_curve, m->n_loss_curve, m->n_loss_curve + more,
             err) != NN_OK)
        return NN_ERR_NOMEM;
    if (validation &&
        grow(&m->validation_scores, &m->cap_validation_scores, m->n_validation_scores,
             m->n_validation_scores + more, err) != NN_OK)
        return NN_ERR_NOMEM;
    return NN_OK;
}

/* ==== 3. Forward and backward ==========================================================
 *
 * The workspace holds, for batches of up to `rows` samples, every layer's activations
 * and deltas and the gradient. It is allocated once per fit; the passes below only
 * write into it. */

typedef struct workspace {
    size_t rows;
    double *act[NN_MLP_MAX_HIDDEN + 2];   /* act[l]: rows x u_l (act[0] is the batch X) */
    double *delta[NN_MLP_MAX_HIDDEN + 1]; /* delta[l]: rows x u_{l+1}, dLoss/dz */
    double *grad;                         /* n_params, laid out like theta */
    double *xb, *yb;                      /* a gathered batch: rows x u_0, rows x outputs */
    double *block;
} workspace;

static void workspace_free(workspace *ws)
{
    nn_alloc_free(ws->block);
    memset(ws, 0, sizeof *ws);
}

static nn_status workspace_alloc(workspace *ws, const nn_mlp *m, size_t rows, bool training,
                                 nn_error *err)
{
    memset(ws, 0, sizeof *ws);
    size_t L = m->n_layers, total = 0;
    /* Sizes: activations of layers 1..L-1, deltas (training), grad, xb and yb. */
    for (size_t l = 1; l < L; l++)
        total += m->units[l] * (training ? 2 : 1);
    total *= rows;
    if (training)
        total += m->n_params + rows * (m->units[0] + m->units[L - 1]);
    ws->block = nn_alloc(total ? total : 1, sizeof(double), "training buffers", err);
    if (!ws->block)
        return NN_ERR_NOMEM;
    ws->rows = rows;
    double *p = ws->block;
    for (size_t l = 1; l < L; l++) {
        ws->act[l] = p;
        p += rows * m->units[l];
    }
    if (training) {
        for (size_t l = 0; l + 1 < L; l++) {
            ws->delta[l] = p;
            p += rows * m->units[l + 1];
        }
        ws->grad = p;
        p += m->n_params;
        ws->xb = p;
        p += rows * m->units[0];
        ws->yb = p;
    }
    return NN_OK;
}

/* The element-wise passes over a batch are short loops the compiler vectorises; the
 * default build may only assume SSE2 (two doubles per instruction). Where the compiler
 * can, WIDE makes it compile a function also for AVX2 and AVX-512 and pick the version
 * for this processor when the library is loaded. Every version performs the same
 * operations on each element (no fused multiply-add: -ffp-contract=off), so the results
 * are the same doubles; only the number of elements per instruction changes. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define WIDE __attribute__((target_clones("avx512f", "avx2", "default")))
#define WIDE2 __attribute__((target_clones("avx2", "default")))
#else
#define WIDE
#define WIDE2
#endif

/* out (B x n) += b (n), then relu when asked, in one pass. A short row (heart's layers
 * have 14 units) would leave much of each vector loop to its scalar remainder, so short
 * rows go in groups: b repeated in tb to the length of `rows` rows, a multiple of 8
 * doubles, and one flat loop over each group. Every element still gets out + b[j] (and
 * relu), as before. */
#define TILE_MAX 128

WIDE static void add_intercepts(double *restrict out, const double *restrict b, size_t B,
                                size_t n, bool relu)
{
    double tb[TILE_MAX] = {0}; /* zeroed for static analysers: only tb[0..rows n) is read */
    size_t rows = 1;
    const double *bias = b;
    if (n > 0 && n < TILE_MAX / 4) {
        rows = n % 2 ? 8 : n % 4 ? 4 : n % 8 ? 2 : 1; /* rows * n: a multiple of 8 */
        rows *= TILE_MAX / (rows * n);
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

// [forward]
/* out (B x n) = f(a (B x p) . W (p x n) + b (n)): each out[i][j] sums a[i][k] W[k][j]
 * in increasing k, starting from 0, then adds b[j] - the order of numpy's a @ W with
 * the reference BLAS, then `+= intercept` - and applies the activation f. nn_gemm
 * (gemm.h) adds in exactly that order. */
static void linear_forward(double *out, const double *a, const double *W, const double *b,
                           size_t B, size_t p, size_t n, nn_activation f)
{
    nn_gemm(B, n, p, a, p, 1, W, n, 1, out, n, false, true);
    add_intercepts(out, b, B, n, f == NN_RELU); /* `+= intercept`; relu in the same pass */
    if (f != NN_RELU)
        nn_activation_apply(f, out, B, n, NULL);
}

/* _forward_pass: act[l+1] = f_l(act[l] . W_l + b_l), f = the hidden activation for every
 * layer but the last, which gets the output activation (identity, logistic or softmax).
 * x is B x u_0; the last layer's output lands in act[L-1] (B x u_{L-1}). */
static void forward(const nn_mlp *m, const double *x, size_t B, workspace *ws)
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
// [end forward]

// [backward]
/* _compute_loss_grad for layer l:
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

/* A large batch (lbfgs takes the whole data set as one) goes forward in chunks of rows
 * on every thread: a row's outputs depend on that row alone, so the chunks give the
 * same doubles as one pass, and the activations run in parallel with the products. */
typedef struct forward_job {
    const nn_mlp *m;
    const double *x;
    size_t B, chunk;
    const workspace *ws;
} forward_job;

static void forward_chunk(void *context, size_t index, size_t thread)
{
    const forward_job *job = context;
    const nn_mlp *m = job->m;
    size_t r0 = index * job->chunk;
    size_t rows = job->B - r0 < job->chunk ? job->B - r0 : job->chunk;
    workspace view = *job->ws; /* the same buffers, from row r0 on */
    (void)thread;
    for (size_t l = 1; l < m->n_layers; l++)
        view.act[l] = job->ws->act[l] + r0 * m->units[l];
    forward(m, job->x + r0 * m->units[0], rows, &view);
}

#define PARALLEL_FORWARD_ROWS 512 /* smaller batches go forward in one piece */

static void forward_batch(const nn_mlp *m, const double *x, size_t B, workspace *ws)
{
    size_t threads = nn_gemm_threads();
    if (threads < 2 || B < PARALLEL_FORWARD_ROWS) {
        forward(m, x, B, ws);
        return;
    }
    size_t chunk = (B + 8 * threads - 1) / (8 * threads);
    chunk = chunk < 64 ? 64 : chunk;
    forward_job job = {m, x, B, chunk, ws};
    nn_gemm_parallel((B + chunk - 1) / chunk, forward_chunk, &job);
}

/* _backprop: the loss of the batch (x: B x u_0, y: B x outputs) and its gradient with
 * respect to every parameter, into ws->grad. */
static double backprop(const nn_mlp *m, const double *x, const double *y, size_t B,
                       workspace *ws)
{
    size_t L = m->n_layers, last = L - 2;
    forward_batch(m, x, B, ws);
    const double *out = ws->act[L - 1];
    size_t n_out = m->n_outputs;

    // [loss and delta]
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
    // [end loss and delta]
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
// [end backward]

/* Predictions for rows [0, n) of x, chunk by chunk through the workspace: the network's
 * outputs (n x outputs) into out. Each row's result depends only on that row, so
 * chunking gives the same doubles as one big pass. */
static void forward_all(const nn_mlp *m, const double *x, size_t n, workspace *ws,
                        double *out)
{
    size_t L = m->n_layers, f = m->units[0], k = m->n_outputs;
    for (size_t start = 0; start < n; start += ws->rows) {
        size_t B = n - start < ws->rows ? n - start : ws->rows;
        forward(m, x + start * f, B, ws);
        memcpy(out + start * k, ws->act[L - 1], B * k * sizeof(double));
    }
}

/* ==== 4. Inputs and targets =========================================================== */

static nn_status check_finite(const nn_matrix *a, const char *name, nn_error *err)
{
    size_t n = a->rows * a->cols;
    /* First a quick pass without branches (the compiler vectorises it): x - x is 0 for
     * every finite x and NaN for NaN and the infinities. Only bad input pays for the
     * second pass, which finds what to report. */
    int bad = 0;
    for (size_t i = 0; i < n; i++)
        bad |= !(a->data[i] - a->data[i] == 0.0);
    if (!bad)
        return NN_OK;
    for (size_t i = 0; i < n; i++) {
        if (isnan(a->data[i]))
            return nn_error_set(err, NN_ERR_NUMERIC, "Input %s contains NaN.", name);
        if (isinf(a->data[i]))
            return nn_error_set(err, NN_ERR_NUMERIC,
                                "Input %s contains infinity or a value too large for "
                                "dtype('float64').", name);
    }
    return NN_OK;
}

/* _validate_data for X (and y when given): non-empty, consistent, finite. */
static nn_status check_xy(const nn_mlp *m, const nn_matrix *X, const nn_matrix *y,
                          bool reset, nn_error *err)
{
    const char *name = nn_mlp_internal_name(m->kind);
    if (!X || (!X->data && X->rows * X->cols > 0))
        return nn_error_set(err, NN_ERR_ARG, "X is NULL");
    if (X->rows == 0)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "Found array with 0 sample(s) (shape=(0, %zu)) while a minimum "
                            "of 1 is required by %s.", X->cols, name);
    if (X->cols == 0)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "Found array with 0 feature(s) (shape=(%zu, 0)) while a minimum "
                            "of 1 is required by %s.", X->rows, name);
    if (y) {
        if (!y->data && y->rows * y->cols > 0)
            return nn_error_set(err, NN_ERR_ARG, "y is NULL");
        if (y->rows != X->rows)
            return nn_error_set(err, NN_ERR_SHAPE,
                                "Found input variables with inconsistent numbers of samples: "
                                "[%zu, %zu]", X->rows, y->rows);
        if (y->cols == 0)
            return nn_error_set(err, NN_ERR_SHAPE, "y has 0 columns: give one label or "
                                                   "target per sample");
    }
    nn_status st = check_finite(X, "X", err);
    if (st == NN_OK && y)
        st = check_finite(y, "y", err);
    if (st != NN_OK)
        return st;
    if (!reset && X->cols != m->n_features_in)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "X has %zu features, but %s is expecting %zu features as input.",
                            X->cols, name, m->n_features_in);
    return NN_OK;
}

/* A list of classes for messages, "[-1, 1]" (numpy would print "[-1.  1.]"); long
 * lists are cut in the middle. */
static void format_classes(const double *c, size_t n, char *buf, size_t size)
{
    size_t used = (size_t)snprintf(buf, size, "[");
    for (size_t i = 0; i < n && used < size; i++) {
        if (i == 8 && n > 10) {
            used += (size_t)snprintf(buf + used, size - used, ", ...");
            i = n - 2;
            continue;
        }
        used += (size_t)snprintf(buf + used, size - used, "%s%g", i ? ", " : "", c[i]);
    }
    if (used < size)
        snprintf(buf + used, size - used, "]");
}

/* The classifier's side of _validate_input: which binarizer the fit uses (a new one in
 * *fresh, or the model's own) and the check that y's classes fit the model's. Nothing in
 * m changes here. */
static nn_status classifier_labels(const nn_mlp *m, const nn_matrix *y, bool incremental,
                                   const nn_labels *given, nn_labels *fresh, bool *use_fresh,
                                   nn_error *err)
{
    *use_fresh = false;
    if (given) { /* partial_fit's first call: the classes it was told */
        *use_fresh = true;
        return nn_labels_copy(fresh, given, err);
    }
    if (!m->has_classes || (!m->params.warm_start && !incremental)) {
        *use_fresh = true;
        return nn_labels_fit(fresh, y->data, y->rows, y->cols, err);
    }
    /* Keep the classes: y's must be the same set (warm_start) or a subset (partial_fit). */
    const nn_labels *lb = &m->labels;
    if (nn_labels_label_cols(lb) != y->cols)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "y has %zu column(s), but the classifier was fitted on %s "
                            "targets with %zu column(s)", y->cols,
                            nn_labels_type_name(lb->type), nn_labels_label_cols(lb));
    nn_labels seen = {NN_LABELS_BINARY, 0, NULL};
    nn_status st = nn_labels_fit(&seen, y->data, y->rows, y->cols, err);
    if (st != NN_OK)
        return st;
    char had[256], has[256];
    format_classes(lb->classes, lb->n_classes, had, sizeof had);
    format_classes(seen.classes, seen.n_classes, has, sizeof has);
    if (lb->type != NN_LABELS_MULTILABEL) {
        bool subset = true;
        for (size_t i = 0; i < seen.n_classes; i++)
            subset = subset && nn_labels_index(lb, seen.classes[i]) >= 0;
        if (m->params.warm_start && !(subset && seen.n_classes == lb->n_classes))
            st = nn_error_set(err, NN_ERR_ARG,
                              "warm_start can only be used where `y` has the same classes as "
                              "in the previous call to fit. Previously got %s, `y` has %s",
                              had, has);
        else if (!m->params.warm_start && !subset)
            st = nn_error_set(err, NN_ERR_ARG,
                              "`y` has classes not in `self.classes_`. `self.classes_` has "
                              "%s. 'y' has %s.", had, has);
    }
    nn_labels_free(&seen);
    return st;
}

/* ==== 5. Initialisation ================================================================ */

// [init]
/* _initialize and _init_coef: Glorot et al.'s uniform initialisation. For each layer in
 * turn, the coefficients (fan_in x fan_out, row by row), then the intercepts (fan_out),
 * all uniform in [-bound, bound), bound = sqrt(6 / (fan_in + fan_out)) - or
 * sqrt(2 / ...) for logistic units, whose slope at 0 is a quarter of tanh's. */
static void initialize(nn_mlp *m)
{
    double factor = m->params.activation == NN_LOGISTIC ? 2.0 : 6.0;
    for (size_t l = 0; l + 1 < m->n_layers; l++) {
        size_t fan_in = m->units[l], fan_out = m->units[l + 1];
        double bound = sqrt(factor / (double)(fan_in + fan_out));
        for (size_t k = 0; k < fan_in * fan_out; k++)
            m->coefs[l].data[k] = nn_rng_uniform(&m->rng, -bound, bound);
        for (size_t j = 0; j < fan_out; j++)
            m->intercepts[l].data[j] = nn_rng_uniform(&m->rng, -bound, bound);
    }
}
// [end init]

/* The output layer the task calls for (out_activation_). */
static nn_activation output_activation(const nn_mlp *m, const nn_labels *lb)
{
    if (m->kind == NN_MLP_REGRESSOR)
        return NN_IDENTITY;
    return lb->type == NN_LABELS_MULTICLASS ? NN_SOFTMAX : NN_LOGISTIC;
}

/* ==== 6. The stochastic solvers ======================================================== */

/* Verbose lines go to the caller's stream; the library prints nothing else. */
static void say(const nn_mlp *m, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void say(const nn_mlp *m, const char *fmt, ...)
{
    if (!m->params.verbose)
        return;
    FILE *out = m->params.verbose_out ? m->params.verbose_out : stdout;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
    fputc('\n', out);
    fflush(out);
}

/* What a stochastic fit works on: the training rows (all of X, or the part left after
 * early stopping took its validation set) and, with early stopping, the validation
 * rows with their true labels or targets. */
typedef struct train_data {
    const double *x, *y;  /* n x u_0, n x outputs (targets) */
    size_t n;
    const double *x_val;  /* n_val x u_0 */
    const double *y_val;  /* n_val x (label columns or outputs): what score compares */
    size_t n_val;
    double *val_out;      /* n_val x outputs: the network's outputs on the validation set */
    double *val_pred;     /* n_val x (label columns or outputs): predictions */
} train_data;

/* R^2 as sklearn.metrics.r2_score computes it, averaged over the k targets:
 * 1 - sum_i (y - p)^2 / sum_i (y - mean y)^2 per target; a target with a constant y
 * scores 1 if predicted exactly and 0 otherwise. scratch holds n k + 3 k doubles. */
static double r2_score(const double *y, const double *p, size_t n, size_t k, double *scratch)
{
    if (n < 2) {
        nn_warn("R^2 score is not well-defined with less than two samples.");
        return NAN;
    }
    double *sq = scratch, *num = scratch + n * k, *den = num + k, *mean = den + k;
    nn_matrix sqm = {n, k, sq}, numm = {1, k, num}, denm = {1, k, den}, meanm = {1, k, mean};
    nn_matrix ym = {n, k, (double *)y};
    for (size_t i = 0; i < n * k; i++) {
        double d = y[i] - p[i];
        sq[i] = d * d;
    }
    nn_matrix_sum(&numm, &sqm, 0, NULL);
    nn_matrix_sum(&meanm, &ym, 0, NULL); /* np.average(y_true, axis=0) */
    for (size_t j = 0; j < k; j++)
        mean[j] /= (double)n;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++) {
            double d = y[i * k + j] - mean[j];
            sq[i * k + j] = d * d;
        }
    nn_matrix_sum(&denm, &sqm, 0, NULL);
    double total = 0.0;
    for (size_t j = 0; j < k; j++) {
        double s = 1.0;
        if (den[j] != 0.0 && num[j] != 0.0)
            s = 1.0 - num[j] / den[j];
        else if (num[j] != 0.0)
            s = 0.0;
        total += s;
    }
    return total / (double)k;
}

/* accuracy_score: the fraction of rows whose every column is predicted exactly (for
 * multilabel targets, the whole set of labels must be right). */
static double accuracy(const double *y, const double *pred, size_t n, size_t cols)
{
    size_t right = 0;
    for (size_t i = 0; i < n; i++) {
        bool same = true;
        for (size_t j = 0; j < cols; j++)
            same = same && y[i * cols + j] == pred[i * cols + j];
        right += same;
    }
    return (double)right / (double)n;
}

/* _score on the validation set: accuracy or R^2 of the current network. */
static double validation_score(const nn_mlp *m, train_data *d, workspace *ws, double *scratch)
{
    forward_all(m, d->x_val, d->n_val, ws, d->val_out);
    if (m->kind == NN_MLP_REGRESSOR)
        return r2_score(d->y_val, d->val_out, d->n_val, m->n_outputs, scratch);
    nn_labels_inverse(&m->labels, d->val_out, d->n_val, d->val_pred);
    return accuracy(d->y_val, d->val_pred, d->n_val, nn_labels_label_cols(&m->labels));
}

// [no improvement]
/* _update_no_improvement_count: an epoch "improves" when the validation score rose by
 * more than tol over the best so far (early stopping), or the training loss fell by
 * more than tol below the best so far. With early stopping, the best weights are
 * kept aside to be restored at the end. */
static void update_no_improvement(nn_mlp *m, bool early_stopping, train_data *d,
                                  workspace *ws, double *scratch)
{
    double tol = m->params.tol;
    if (early_stopping) {
        double score = validation_score(m, d, ws, scratch);
        m->validation_scores[m->n_validation_scores++] = score;
        say(m, "Validation score: %f", score);
        if (score < m->best_validation_score + tol)
            m->no_improvement_count++;
        else
            m->no_improvement_count = 0;
        if (score > m->best_validation_score) {
            m->best_validation_score = score;
            memcpy(m->best_theta, m->theta, m->n_params * sizeof(double));
            m->has_best_theta = true;
        }
    } else {
        double loss = m->loss_curve[m->n_loss_curve - 1];
        if (loss > m->best_loss - tol)
            m->no_improvement_count++;
        else
            m->no_improvement_count = 0;
        if (loss < m->best_loss)
            m->best_loss = loss;
    }
}
// [end no improvement]

/* Rows idx[0..B) of src (row length w) into dst: _safe_indexing(X, sample_idx[batch]).
 * The rows come in random order from a training set that the rest of an epoch's work
 * pushes out of the nearest caches, so each row would wait for memory in turn. Asking
 * for the row PREFETCH_AHEAD places ahead while copying this one lets those waits
 * overlap. (A prefetch is only a hint: it changes no value.) */
#define PREFETCH_AHEAD 8

static void gather(double *dst, const double *src, size_t w, const size_t *idx, size_t B)
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

// [epochs]
/* _fit_stochastic's loop over epochs, once the data and buffers are ready. */
static void run_epochs(nn_mlp *m, train_data *d, bool early_stopping, bool incremental,
                       size_t batch_size, workspace *ws, size_t *sample_idx, size_t *perm,
                       double *scratch)
{
    const nn_mlp_params *p = &m->params;
    size_t n = d->n, f = m->units[0], k = m->n_outputs;
    nn_progress progress; /* verbose lines already show the progress */
    nn_progress_begin(&progress, p->progress && !p->verbose ? stderr : NULL);

    for (long it = 0; it < p->max_iter; it++) {
        // [mini-batches]
        if (p->shuffle) {
            /* sample_idx = shuffle(sample_idx): sklearn.utils.shuffle shuffles
             * arange(n) with random_state.shuffle and indexes sample_idx with it, so
             * the new order is the old one permuted again. */
            nn_rng_permutation(&m->rng, n, perm);
            for (size_t i = 0; i < n; i++)
                perm[i] = sample_idx[perm[i]];
            memcpy(sample_idx, perm, n * sizeof *perm);
        }
        double accumulated_loss = 0.0;
        /* gen_batches(n, batch_size): [0, bs), [bs, 2 bs), ..., the last one shorter. */
        for (size_t start = 0; start < n; start += batch_size) {
            size_t B = n - start < batch_size ? n - start : batch_size;
            const double *xb = d->x + start * f, *yb = d->y + start * k;
            if (p->shuffle) {
                gather(ws->xb, d->x, f, sample_idx + start, B);
                gather(ws->yb, d->y, k, sample_idx + start, B);
                xb = ws->xb;
                yb = ws->yb;
            }
            double batch_loss = backprop(m, xb, yb, B, ws);
            accumulated_loss += batch_loss * (double)B;
            nn_solver_update(&m->solver, m->theta, ws->grad);
        }
        // [end mini-batches]
        m->n_iter++;
        m->loss = accumulated_loss / (double)n;
        m->t += (long)n;
        m->loss_curve[m->n_loss_curve++] = m->loss;
        say(m, "Iteration %ld, loss = %.8f", m->n_iter, m->loss);
        nn_progress_update(&progress, nn_mlp_solver_name(p->solver), it + 1, p->max_iter,
                           m->loss);

        update_no_improvement(m, early_stopping, d, ws, scratch);
        nn_solver_iteration_ends(&m->solver, m->t);

        // [stopping]
        if ((double)m->no_improvement_count > p->n_iter_no_change) {
            char msg[160];
            if (early_stopping)
                snprintf(msg, sizeof msg,
                         "Validation score did not improve more than tol=%f for %ld "
                         "consecutive epochs.", p->tol, (long)p->n_iter_no_change);
            else
                snprintf(msg, sizeof msg,
                         "Training loss did not improve more than tol=%f for %ld "
                         "consecutive epochs.", p->tol, (long)p->n_iter_no_change);
            nn_solver_decision dec = nn_solver_trigger_stopping(&m->solver);
            if (dec == NN_SOLVER_STOP) {
                say(m, "%s Stopping.", msg);
                break;
            }
            if (dec == NN_SOLVER_STOP_LR_TINY) {
                say(m, "%s Learning rate too small. Stopping.", msg);
                break;
            }
            say(m, "%s Setting learning rate to %f", msg, m->solver.learning_rate);
            m->no_improvement_count = 0;
        }
        if (incremental)
            break;
        if (m->n_iter == p->max_iter) {
            nn_progress_end(&progress); /* the warning gets a line of its own */
            nn_warn("Stochastic Optimizer: Maximum iterations (%ld) reached and the "
                    "optimization hasn't converged yet.", p->max_iter);
        }
        // [end stopping]
    }
    nn_progress_end(&progress);
    if (early_stopping && m->has_best_theta) /* restore the best weights */
        memcpy(m->theta, m->best_theta, m->n_params * sizeof(double));
}
// [end epochs]

/* _fit_stochastic: the optimiser, the validation split, the buffers, then the epochs.
 * X is n x u_0; Y the targets (n x outputs); labels the classifier's true labels
 * (n x label columns) for scoring. */
static nn_status fit_stochastic(nn_mlp *m, const double *X, const double *Y,
                                const double *labels, size_t n, bool incremental,
                                nn_error *err)
{
    const nn_mlp_params *p = &m->params;
    size_t f = m->units[0], k = m->n_outputs;
    size_t label_cols = m->kind == NN_MLP_REGRESSOR ? k : nn_labels_label_cols(&m->labels);
    nn_status st;

    if (!incremental || !m->has_solver) {
        nn_solver_free(&m->solver);
        st = p->solver == NN_MLP_SGD
                 ? nn_solver_init_sgd(&m->solver, m->n_params, p->learning_rate_init,
                                      p->learning_rate, p->momentum, p->nesterovs_momentum,
                                      p->power_t, err)
                 : nn_solver_init_adam(&m->solver, m->n_params, p->learning_rate_init,
                                       p->beta_1, p->beta_2, p->epsilon, err);
        m->has_solver = st == NN_OK;
        if (st != NN_OK)
            return st;
    }

    /* Early stopping in partial_fit makes no sense: it is off there. The validation set
     * is train_test_split(X, y, random_state=self._random_state,
     * test_size=validation_fraction, stratify=y if the targets are one 0/1 column),
     * drawn from the generator that drew the weights. */
    bool early_stopping = p->early_stopping && !incremental;
    nn_train_test split = {NULL, 0, NULL, 0};
    if (early_stopping) {
        if (!(p->validation_fraction > 0.0))
            return nn_error_set(err, NN_ERR_ARG,
                                "test_size=0.0 should be either positive and smaller than the "
                                "number of samples %zu or a float in the (0, 1) range "
                                "(validation_fraction must be > 0 with early_stopping)", n);
        nn_train_test_options opt = {
            .test_size = p->validation_fraction,
            .stratify = m->kind == NN_MLP_CLASSIFIER && k == 1 ? Y : NULL,
            .rng = &m->rng,
        };
        if ((st = nn_train_test_split(n, &opt, &split, err)) != NN_OK)
            return st;
    }
    size_t n_train = early_stopping ? split.n_train : n, n_val = split.n_test;

    size_t batch_size;
    if (p->batch_size == NN_MLP_BATCH_AUTO) {
        batch_size = n_train < 200 ? n_train : 200;
    } else {
        if (p->batch_size > n_train)
            nn_warn("Got `batch_size` less than 1 or larger than sample size. It is going "
                    "to be clipped");
        batch_size = p->batch_size < n_train ? p->batch_size : n_train;
    }

    /* Every buffer, once: the layer buffers, the index arrays, the split data. */
    workspace ws;
    size_t *idx = NULL;
    double *data = NULL;
    size_t data_doubles = early_stopping ? n * f + n_train * k + n_val * (2 * label_cols + k) +
                                               n_val * k + 3 * k
                                         : 1;
    if ((st = workspace_alloc(&ws, m, batch_size, true, err)) == NN_OK &&
        (!(idx = nn_alloc(2 * n_train + 1, sizeof *idx, "sample indices", err)) ||
         !(data = nn_alloc(data_doubles, sizeof(double), "validation split", err)) ||
         nn_mlp_internal_reserve(m, (size_t)p->max_iter, early_stopping, err) != NN_OK))
        st = NN_ERR_NOMEM;
    if (st != NN_OK) {
        nn_alloc_free(data);
        nn_alloc_free(idx);
        workspace_free(&ws);
        nn_train_test_free(&split);
        return st;
    }
    size_t *sample_idx = idx, *perm = idx + n_train;

    train_data d = {X, Y, n, NULL, NULL, 0, NULL, NULL};
    double *scratch = data;
    if (early_stopping) {
        double *xt = data, *yt = xt + n_train * f, *xv = yt + n_train * k;
        double *yv = xv + n_val * f, *vo = yv + n_val * label_cols, *vp = vo + n_val * k;
        scratch = vp + n_val * label_cols;
        gather(xt, X, f, split.train, n_train);
        gather(yt, Y, k, split.train, n_train);
        gather(xv, X, f, split.test, n_val);
        gather(yv, m->kind == NN_MLP_REGRESSOR ? Y : labels, label_cols, split.test, n_val);
        d = (train_data){xt, yt, n_train, xv, yv, n_val, vo, vp};
    }

    for (size_t i = 0; i < d.n; i++)
        sample_idx[i] = i;
    run_epochs(m, &d, early_stopping, incremental, batch_size, &ws, sample_idx, perm,
               scratch);

    nn_alloc_free(data);
    nn_alloc_free(idx);
    workspace_free(&ws);
    nn_train_test_free(&split);
    return NN_OK;
}

/* ==== 7. lbfgs ========================================================================= */

typedef struct lbfgs_context {
    nn_mlp *m;
    const double *X, *Y;
    size_t n;
    workspace *ws;
    nn_progress *progress;
} lbfgs_context;

/* _loss_grad_lbfgs: the loss and gradient over the whole data set at theta. L-BFGS
 * moves m->theta itself, so the network already holds the point to evaluate. */
static nn_status lbfgs_objective(const double *x, size_t n, double *f, double *g, void *ctx,
                                 nn_error *err)
{
    lbfgs_context *c = ctx;
    (void)x;
    (void)err;
    *f = backprop(c->m, c->X, c->Y, c->n, c->ws);
    memcpy(g, c->ws->grad, n * sizeof(double));
    return NN_OK;
}

static void lbfgs_observe(long iteration, double f, void *ctx)
{
    lbfgs_context *c = ctx;
    say(c->m, "Iteration %ld, loss = %.8f", iteration, f);
    nn_progress_update(c->progress, "lbfgs", iteration, c->m->params.max_iter, f);
}

static nn_status fit_lbfgs(nn_mlp *m, const double *X, const double *Y, size_t n,
                           nn_error *err)
{
    workspace ws;
    nn_status st = workspace_alloc(&ws, m, n, true, err);
    if (st != NN_OK)
        return st;
    nn_progress progress;
    nn_progress_begin(&progress, m->params.progress && !m->params.verbose ? stderr : NULL);
    lbfgs_context ctx = {m, X, Y, n, &ws, &progress};
    nn_lbfgs_options opt = nn_lbfgs_defaults();
    opt.max_iter = m->params.max_iter;
    opt.max_fun = m->params.max_fun;
    opt.gtol = m->params.tol;
    opt.observe = lbfgs_observe;
    opt.observe_context = &ctx;
    nn_lbfgs_result res;
    st = nn_lbfgs_minimize(lbfgs_objective, &ctx, m->theta, m->n_params, &opt, &res, err);
    nn_progress_end(&progress);
    workspace_free(&ws);
    if (st != NN_OK)
        return st;
    say(m, "L-BFGS: %s after %ld iterations and %ld evaluations", res.message, res.nit,
        res.nfev);
    /* _check_optimize_result: n_iter_ = min(nit, max_iter), and a warning unless
     * L-BFGS converged. */
    m->n_iter = res.nit < m->params.max_iter ? res.nit : m->params.max_iter;
    m->loss = res.f;
    if (res.status != 0)
        nn_warn("lbfgs failed to converge (status=%d): %s. Increase the number of "
                "iterations (max_iter) or scale the data as shown in: "
                "https://scikit-learn.org/stable/modules/preprocessing.html",
                res.status, res.message);
    return NN_OK;
}

/* ==== 8. fit and partial_fit ============================================================ */

static bool all_finite(const double *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(a[i]))
            return false;
    return true;
}

// [fit]
/* _fit: everything a fit or partial_fit does. given_classes is partial_fit's first
 * `classes` (already a binarizer), or NULL. */
static nn_status fit(nn_mlp *m, const nn_matrix *X, const nn_matrix *y, bool incremental,
                     const nn_labels *given_classes, nn_error *err)
{
    nn_mlp_params *p = &m->params;
    nn_status st = nn_mlp_params_validate(p, m->kind, err);
    if (st != NN_OK)
        return st;
    bool first_pass = !m->fitted || (!p->warm_start && !incremental);
    if ((st = check_xy(m, X, y, first_pass, err)) != NN_OK)
        return st;
    size_t n = X->rows;

    /* The targets: a classifier's labels go through the binarizer. Nothing in m changes
     * until every check has passed and every buffer is allocated. */
    nn_labels fresh = {NN_LABELS_BINARY, 0, NULL};
    bool use_fresh = false;
    if (m->kind == NN_MLP_CLASSIFIER &&
        (st = classifier_labels(m, y, incremental, given_classes, &fresh, &use_fresh, err)) !=
            NN_OK) {
        nn_labels_free(&fresh);
        return st;
    }
    const nn_labels *lb = use_fresh ? &fresh : &m->labels;
    size_t n_outputs = m->kind == NN_MLP_CLASSIFIER ? nn_labels_n_outputs(lb) : y->cols;
    if (m->kind == NN_MLP_CLASSIFIER && lb->type == NN_LABELS_MULTILABEL &&
        y->cols != lb->n_classes)
        st = nn_error_set(err, NN_ERR_SHAPE, "y has %zu columns, but the classifier's "
                                             "multilabel classes are %zu", y->cols,
                          lb->n_classes);

    /* layer_units = [n_features] + hidden_layer_sizes + [n_outputs] */
    size_t units[NN_MLP_MAX_HIDDEN + 2], L = p->n_hidden + 2;
    units[0] = X->cols;
    for (size_t i = 0; i < p->n_hidden; i++)
        units[i + 1] = p->hidden_layer_sizes[i];
    units[L - 1] = n_outputs;
    if (st == NN_OK && !first_pass) {
        bool same = L == m->n_layers;
        for (size_t l = 0; same && l < L; l++)
            same = units[l] == m->units[l];
        if (!same)
            st = nn_error_set(err, NN_ERR_SHAPE,
                              n_outputs != m->n_outputs
                                  ? "y has %zu outputs, but the fitted network has %zu: "
                                    "warm_start and partial_fit continue the same network"
                                  : "hidden_layer_sizes changed since the last fit (%zu "
                                    "layers, was %zu): warm_start and partial_fit continue "
                                    "the same network",
                              n_outputs != m->n_outputs ? n_outputs : L,
                              n_outputs != m->n_outputs ? m->n_outputs : m->n_layers);
    }
    double *Y = NULL;
    if (st == NN_OK) {
        Y = nn_alloc(n * n_outputs, sizeof(double), "targets", err);
        if (!Y)
            st = NN_ERR_NOMEM;
    }
    if (st == NN_OK) {
        if (m->kind == NN_MLP_CLASSIFIER)
            st = nn_labels_transform(lb, y->data, n, Y, err);
        else
            memcpy(Y, y->data, n * n_outputs * sizeof(double));
    }
    /* A new network gets new weights (the old model stays intact if that fails). */
    nn_mlp fresh_net;
    memset(&fresh_net, 0, sizeof fresh_net);
    if (st == NN_OK && first_pass)
        st = nn_mlp_internal_layout(&fresh_net, units, L, err);
    if (st != NN_OK) {
        nn_alloc_free(Y);
        nn_labels_free(&fresh);
        return st;
    }

    /* ---- From here on the model changes. ---- */
    if (use_fresh) {
        nn_labels_free(&m->labels);
        m->labels = fresh;
        m->has_classes = true;
    }
    if (p->random_state != NN_MLP_RANDOM_NONE) {
        nn_rng_seed(&m->rng, (uint32_t)p->random_state); /* check_random_state(int) */
        m->rng_ready = true;
    } else if (!m->rng_ready) {
        nn_rng_seed(&m->rng, nn_rng_seed_from_os());
        m->rng_ready = true;
    }
    if (first_pass) {
        /* _initialize */
        nn_alloc_free(m->theta);
        nn_alloc_free(m->best_theta);
        m->theta = fresh_net.theta;
        m->best_theta = fresh_net.best_theta;
        m->has_best_theta = false;
        m->n_params = fresh_net.n_params;
        m->n_layers = L;
        memcpy(m->units, fresh_net.units, sizeof m->units);
        memcpy(m->coefs, fresh_net.coefs, sizeof m->coefs);
        memcpy(m->intercepts, fresh_net.intercepts, sizeof m->intercepts);
        m->n_features_in = units[0];
        m->n_outputs = n_outputs;
        m->out_activation = output_activation(m, &m->labels);
        m->n_iter = 0;
        m->t = 0;
        m->fitted = false;
        nn_solver_free(&m->solver);
        m->has_solver = false;
        initialize(m);
        m->loss = NAN;
        m->n_loss_curve = 0;
        m->no_improvement_count = 0;
        m->n_validation_scores = 0;
        m->has_validation_scores = p->early_stopping && p->solver != NN_MLP_LBFGS;
        if (p->early_stopping) {
            m->best_validation_score = -INFINITY;
            m->best_loss = NAN;
        } else {
            m->best_loss = INFINITY;
            m->best_validation_score = NAN;
        }
        if (p->solver == NN_MLP_LBFGS) {
            m->best_loss = NAN;
            m->best_validation_score = NAN;
        }
    }

    if (p->solver == NN_MLP_LBFGS)
        st = fit_lbfgs(m, X->data, Y, n, err);
    else
        st = fit_stochastic(m, X->data, Y, y->data, n, incremental, err);
    nn_alloc_free(Y);

    /* validate parameter weights */
    if (st == NN_OK && !all_finite(m->theta, m->n_params)) {
        /* scikit-learn's message, then the likelier cause for a stochastic solver */
        char advice[128] = "";
        if (p->solver != NN_MLP_LBFGS)
            snprintf(advice, sizeof advice, " Or the training diverged: try a "
                     "learning_rate_init smaller than %g.", p->learning_rate_init);
        st = nn_error_set(err, NN_ERR_NUMERIC,
                          "Solver produced non-finite parameter weights. The input data may "
                          "contain large values and need to be preprocessed.%s", advice);
    }
    m->fitted = st == NN_OK;
    return st;
}
// [end fit]

nn_status nn_mlp_fit(nn_mlp *m, const nn_matrix *X, const nn_matrix *y, nn_error *err)
{
    if (!m || !y)
        return nn_error_set(err, NN_ERR_ARG, "nn_mlp_fit: NULL model or y");
    return fit(m, X, y, false, NULL, err);
}

nn_status nn_mlp_partial_fit(nn_mlp *m, const nn_matrix *X, const nn_matrix *y,
                             const double *classes, size_t n_classes, nn_error *err)
{
    if (!m || !y)
        return nn_error_set(err, NN_ERR_ARG, "nn_mlp_partial_fit: NULL model or y");
    if (m->params.solver == NN_MLP_LBFGS)
        return nn_error_set(err, NN_ERR_STATE,
                            "partial_fit is only available for stochastic optimizers. lbfgs "
                            "is not stochastic.");
    if (m->kind == NN_MLP_REGRESSOR)
        return fit(m, X, y, true, NULL, err);

    /* _check_partial_fit_first_call */
    if (!m->has_classes && !classes)
        return nn_error_set(err, NN_ERR_ARG,
                            "classes must be passed on the first call to partial_fit.");
    nn_labels given = {NN_LABELS_BINARY, 0, NULL};
    nn_status st = NN_OK;
    if (classes) {
        if (m->kind == NN_MLP_CLASSIFIER && y->cols > 1) /* multilabel: from y itself */
            st = nn_labels_set_multilabel(&given, y->cols, err);
        else
            st = nn_labels_set_classes(&given, classes, n_classes, err);
        if (st == NN_OK && m->has_classes) {
            bool same = given.n_classes == m->labels.n_classes &&
                        given.type == m->labels.type;
            for (size_t i = 0; same && i < given.n_classes; i++)
                same = given.classes[i] == m->labels.classes[i];
            if (!same) {
                char now[256], was[256];
                format_classes(classes, n_classes, now, sizeof now);
                format_classes(m->labels.classes, m->labels.n_classes, was, sizeof was);
                st = nn_error_set(err, NN_ERR_ARG,
                                  "`classes=%s` is not the same as on last call to "
                                  "partial_fit, was: %s", now, was);
            }
        }
    }
    if (st == NN_OK)
        st = fit(m, X, y, true, classes && !m->has_classes ? &given : NULL, err);
    nn_labels_free(&given);
    return st;
}

/* ==== Making and freeing =============================================================== */

nn_mlp *nn_mlp_new(nn_mlp_kind kind, const nn_mlp_params *p, nn_error *err)
{
    nn_mlp_params params = p ? *p : nn_mlp_defaults();
    if (nn_mlp_params_validate(&params, kind, err) != NN_OK)
        return NULL;
    nn_mlp *m = nn_alloc(1, sizeof *m, "MLP", err);
    if (!m)
        return NULL;
    m->kind = kind;
    m->params = params;
    m->loss = m->best_loss = m->best_validation_score = NAN;
    return m;
}

void nn_mlp_free(nn_mlp *m)
{
    if (!m)
        return;
    nn_alloc_free(m->theta);
    nn_alloc_free(m->best_theta);
    nn_alloc_free(m->loss_curve);
    nn_alloc_free(m->validation_scores);
    nn_labels_free(&m->labels);
    nn_solver_free(&m->solver);
    nn_alloc_free(m);
}

const nn_mlp_params *nn_mlp_get_params(const nn_mlp *m)
{
    return &m->params;
}

nn_status nn_mlp_set_params(nn_mlp *m, const nn_mlp_params *p, nn_error *err)
{
    nn_status st = nn_mlp_params_validate(p, m->kind, err);
    if (st == NN_OK)
        m->params = *p;
    return st;
}

/* ==== Prediction ======================================================================= */

static nn_status check_predict(const nn_mlp *m, const nn_matrix *X, const nn_matrix *out,
                               size_t cols, nn_error *err)
{
    if (!m || !out)
        return nn_error_set(err, NN_ERR_ARG, "NULL model or output matrix");
    if (!m->fitted)
        return nn_error_set(err, NN_ERR_STATE,
                            "This %s instance is not fitted yet. Call 'fit' with appropriate "
                            "arguments before using this estimator.",
                            nn_mlp_internal_name(m->kind));
    nn_status st = check_xy(m, X, NULL, false, err);
    if (st != NN_OK)
        return st;
    if (out->rows != X->rows || out->cols != cols || (!out->data && cols * X->rows > 0))
        return nn_error_set(err, NN_ERR_SHAPE,
                            "output matrix is (%zu, %zu), expected (%zu, %zu)", out->rows,
                            out->cols, X->rows, cols);
    return NN_OK;
}

/* Prediction spread over threads: rows are independent, so each task pushes one chunk
 * of rows through the whole network on its own thread, with that thread's workspace. */
typedef struct predict_job {
    const nn_mlp *m;
    const double *x;
    size_t n, chunk;
    workspace *ws; /* one per thread */
    double *out;
} predict_job;

static void predict_chunk(void *context, size_t index, size_t thread)
{
    predict_job *job = context;
    const nn_mlp *m = job->m;
    size_t start = index * job->chunk;
    size_t B = job->n - start < job->chunk ? job->n - start : job->chunk;
    workspace *ws = &job->ws[thread];
    forward(m, job->x + start * m->units[0], B, ws);
    memcpy(job->out + start * m->n_outputs, ws->act[m->n_layers - 1],
           B * m->n_outputs * sizeof(double));
}

/* The network's raw outputs for X into a new array (n x outputs). */
static double *outputs(const nn_mlp *m, const nn_matrix *X, nn_error *err)
{
    size_t n = X->rows, threads = nn_gemm_threads();
    /* Chunks of 32 to 256 rows, about eight per thread. */
    size_t chunk = (n + 8 * threads - 1) / (8 * threads);
    chunk = chunk < 32 ? 32 : chunk > 256 ? 256 : chunk;
    chunk = chunk < n ? chunk : n;
    size_t tasks = (n + chunk - 1) / chunk;
    if (threads > tasks)
        threads = tasks;
    double *out = nn_alloc(n * m->n_outputs, sizeof(double), "predictions", err);
    workspace *ws = out ? nn_alloc(threads, sizeof *ws, "predictions", err) : NULL;
    size_t ready = 0;
    while (ws && ready < threads &&
           workspace_alloc(&ws[ready], m, chunk, false, err) == NN_OK)
        ready++;
    if (ws && ready == threads) {
        predict_job job = {m, X->data, n, chunk, ws, out};
        nn_gemm_parallel(tasks, predict_chunk, &job);
    } else {
        nn_alloc_free(out);
        out = NULL;
    }
    for (size_t t = 0; t < ready; t++)
        workspace_free(&ws[t]);
    nn_alloc_free(ws);
    return out;
}

size_t nn_mlp_predict_cols(const nn_mlp *m)
{
    if (!m || !m->fitted)
        return 0;
    return m->kind == NN_MLP_REGRESSOR ? m->n_outputs : nn_labels_label_cols(&m->labels);
}

size_t nn_mlp_proba_cols(const nn_mlp *m)
{
    if (!m || !m->fitted || m->kind == NN_MLP_REGRESSOR)
        return 0;
    return m->labels.type == NN_LABELS_BINARY ? 2 : m->n_outputs;
}

// [predict]
nn_status nn_mlp_predict(const nn_mlp *m, const nn_matrix *X, nn_matrix *out, nn_error *err)
{
    nn_status st = check_predict(m, X, out, nn_mlp_predict_cols(m), err);
    if (st != NN_OK)
        return st;
    double *y = outputs(m, X, err);
    if (!y)
        return NN_ERR_NOMEM;
    if (m->kind == NN_MLP_REGRESSOR)
        memcpy(out->data, y, X->rows * m->n_outputs * sizeof(double));
    else
        nn_labels_inverse(&m->labels, y, X->rows, out->data);
    nn_alloc_free(y);
    return NN_OK;
}

nn_status nn_mlp_predict_proba(const nn_mlp *m, const nn_matrix *X, nn_matrix *out,
                               nn_error *err)
{
    if (m && m->kind == NN_MLP_REGRESSOR)
        return nn_error_set(err, NN_ERR_STATE, "predict_proba is for classifiers: "
                                               "MLPRegressor predicts values");
    nn_status st = check_predict(m, X, out, nn_mlp_proba_cols(m), err);
    if (st != NN_OK)
        return st;
    double *y = outputs(m, X, err);
    if (!y)
        return NN_ERR_NOMEM;
    if (m->labels.type == NN_LABELS_BINARY) {
        /* one logistic output p = P(classes_[1]): the rows are [1 - p, p] */
        for (size_t i = 0; i < X->rows; i++) {
            out->data[2 * i] = 1.0 - y[i];
            out->data[2 * i + 1] = y[i];
        }
    } else {
        memcpy(out->data, y, X->rows * m->n_outputs * sizeof(double));
    }
    nn_alloc_free(y);
    return NN_OK;
}
// [end predict]

nn_status nn_mlp_predict_log_proba(const nn_mlp *m, const nn_matrix *X, nn_matrix *out,
                                   nn_error *err)
{
    nn_status st = nn_mlp_predict_proba(m, X, out, err);
    if (st != NN_OK)
        return st;
    for (size_t i = 0; i < out->rows * out->cols; i++)
        out->data[i] = log(out->data[i]);
    return NN_OK;
}

nn_status nn_mlp_score(const nn_mlp *m, const nn_matrix *X, const nn_matrix *y,
                       double *score, nn_error *err)
{
    size_t cols = nn_mlp_predict_cols(m);
    if (!y || !score)
        return nn_error_set(err, NN_ERR_ARG, "nn_mlp_score: NULL y or score");
    if (m && m->fitted && (y->cols != cols || y->rows != (X ? X->rows : 0)))
        return nn_error_set(err, NN_ERR_SHAPE, "y is (%zu, %zu), expected (%zu, %zu)",
                            y->rows, y->cols, X ? X->rows : 0, cols);
    size_t n = y->rows;
    double *pred = nn_alloc(n * cols + n * cols + 3 * cols + 1, sizeof(double), "score", err);
    if (!pred)
        return NN_ERR_NOMEM;
    nn_matrix out = {n, cols, pred};
    nn_status st = nn_mlp_predict(m, X, &out, err);
    if (st == NN_OK && (st = check_finite(y, "y", err)) == NN_OK)
        *score = m->kind == NN_MLP_REGRESSOR
                     ? r2_score(y->data, pred, n, cols, pred + n * cols)
                     : accuracy(y->data, pred, n, cols);
    nn_alloc_free(pred);
    return st;
}

/* ==== Fitted attributes ================================================================ */

bool nn_mlp_is_fitted(const nn_mlp *m) { return m && m->fitted; }
nn_mlp_kind nn_mlp_kind_of(const nn_mlp *m) { return m->kind; }
double nn_mlp_loss(const nn_mlp *m) { return m->loss; }
double nn_mlp_best_loss(const nn_mlp *m) { return m->best_loss; }
double nn_mlp_best_validation_score(const nn_mlp *m) { return m->best_validation_score; }
long nn_mlp_t(const nn_mlp *m) { return m->t; }
long nn_mlp_n_iter(const nn_mlp *m) { return m->n_iter; }
size_t nn_mlp_n_features_in(const nn_mlp *m) { return m->fitted ? m->n_features_in : 0; }
size_t nn_mlp_n_layers(const nn_mlp *m) { return m->fitted ? m->n_layers : 0; }
size_t nn_mlp_n_outputs(const nn_mlp *m) { return m->fitted ? m->n_outputs : 0; }
nn_activation nn_mlp_out_activation(const nn_mlp *m) { return m->out_activation; }

const double *nn_mlp_classes(const nn_mlp *m, size_t *n)
{
    bool any = m->kind == NN_MLP_CLASSIFIER && m->has_classes;
    if (n)
        *n = any ? m->labels.n_classes : 0;
    return any ? m->labels.classes : NULL;
}

const double *nn_mlp_loss_curve(const nn_mlp *m, size_t *n)
{
    if (n)
        *n = m->n_loss_curve;
    return m->loss_curve;
}

const double *nn_mlp_validation_scores(const nn_mlp *m, size_t *n)
{
    if (n)
        *n = m->has_validation_scores ? m->n_validation_scores : 0;
    return m->has_validation_scores ? m->validation_scores : NULL;
}

const nn_matrix *nn_mlp_coefs(const nn_mlp *m, size_t layer)
{
    return m->fitted && layer + 1 < m->n_layers ? &m->coefs[layer] : NULL;
}

const nn_matrix *nn_mlp_intercepts(const nn_mlp *m, size_t layer)
{
    return m->fitted && layer + 1 < m->n_layers ? &m->intercepts[layer] : NULL;
}

const double *nn_mlp_packed(const nn_mlp *m, size_t *n)
{
    if (n)
        *n = m->fitted ? m->n_params : 0;
    return m->fitted ? m->theta : NULL;
}
