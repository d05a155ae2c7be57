/* mlp.c - scikit-learn's MLPClassifier and MLPRegressor: the model and its public face.
 * Chapter 7 introduces it.
 *
 * This file holds what a user of nn_mlp meets around a fit, in the order of
 * sklearn/neural_network/_multilayer_perceptron.py (version 1.2):
 *
 *   1. parameters: defaults and validation, with scikit-learn's messages;
 *   2. the network's layout: one packed array theta holding every coefficient matrix
 *      (row by row) and then every intercept vector, with matrix views into it, and
 *      the buffers of the forward and backward passes;
 *   3. making and freeing a model;
 *   4. the checks on the input;
 *   5. prediction and scoring;
 *   6. the fitted attributes.
 * The rest of the model lives beside it (mlp_internal.h lists the files): the forward
 * pass and backpropagation in mlp_backprop.c (plain, the lesson) and mlp_fast.c (what
 * runs), fit and partial_fit in mlp_train.c, saving and loading in mlp_file.c.
 */
#include "mlp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "mlp_internal.h"

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
    p.on_iteration = NULL;
    p.on_iteration_context = NULL;
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

/* The buffers of the forward and backward passes (nn_mlp_workspace, mlp_internal.h):
 * one block for all of them, allocated once per fit: the activations of layers
 * 1..L-1, then (training) the deltas, the gradient and room for a gathered batch. */
nn_status nn_mlp_workspace_alloc(nn_mlp_workspace *ws, const nn_mlp *m, size_t rows,
                                 bool training, nn_error *err)
{
    memset(ws, 0, sizeof *ws);
    size_t L = m->n_layers, total = 0;
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

void nn_mlp_workspace_free(nn_mlp_workspace *ws)
{
    nn_alloc_free(ws->block);
    memset(ws, 0, sizeof *ws);
}

/* ==== 3. Making and freeing ============================================================ */

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
    nn_mlp_internal_forget_names(m);
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

/* ==== 4. Input checks ================================================================== */

nn_status nn_mlp_internal_check_finite(const nn_matrix *a, const char *name, nn_error *err)
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
nn_status nn_mlp_internal_check_xy(const nn_mlp *m, const nn_matrix *X, const nn_matrix *y,
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
    nn_status st = nn_mlp_internal_check_finite(X, "X", err);
    if (st == NN_OK && y)
        st = nn_mlp_internal_check_finite(y, "y", err);
    if (st != NN_OK)
        return st;
    if (!reset && X->cols != m->n_features_in)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "X has %zu features, but %s is expecting %zu features as input.",
                            X->cols, name, m->n_features_in);
    return NN_OK;
}
/* ==== 5. Prediction and scores ========================================================= */

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
    nn_status st = nn_mlp_internal_check_xy(m, X, NULL, false, err);
    if (st != NN_OK)
        return st;
    if (out->rows != X->rows || out->cols != cols || (!out->data && cols * X->rows > 0))
        return nn_error_set(err, NN_ERR_SHAPE,
                            "output matrix is (%zu, %zu), expected (%zu, %zu)", out->rows,
                            out->cols, X->rows, cols);
    return NN_OK;
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

nn_status nn_mlp_predict(const nn_mlp *m, const nn_matrix *X, nn_matrix *out, nn_error *err)
{
    nn_status st = check_predict(m, X, out, nn_mlp_predict_cols(m), err);
    if (st != NN_OK)
        return st;
    double *y = nn_mlp_fast_outputs(m, X->data, X->rows, err);
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
    double *y = nn_mlp_fast_outputs(m, X->data, X->rows, err);
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

/* R^2 as sklearn.metrics.r2_score computes it, averaged over the k targets:
 * 1 - sum_i (y - p)^2 / sum_i (y - mean y)^2 per target; a target with a constant y
 * scores 1 if predicted exactly and 0 otherwise. scratch holds n k + 3 k doubles. */
double nn_mlp_internal_r2_score(const double *y, const double *p, size_t n, size_t k,
                                double *scratch)
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
double nn_mlp_internal_accuracy(const double *y, const double *pred, size_t n, size_t cols)
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
    if (st == NN_OK && (st = nn_mlp_internal_check_finite(y, "y", err)) == NN_OK)
        *score = m->kind == NN_MLP_REGRESSOR
                     ? nn_mlp_internal_r2_score(y->data, pred, n, cols, pred + n * cols)
                     : nn_mlp_internal_accuracy(y->data, pred, n, cols);
    nn_alloc_free(pred);
    return st;
}

/* ==== 6. Fitted attributes ============================================================= */

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

/* feature_names_in_: copies of the caller's names, one allocation per name. */
void nn_mlp_internal_forget_names(nn_mlp *m)
{
    for (size_t j = 0; m->feature_names && j < m->n_features_in; j++)
        nn_alloc_free(m->feature_names[j]);
    nn_alloc_free(m->feature_names);
    m->feature_names = NULL;
}

nn_status nn_mlp_set_feature_names(nn_mlp *m, const char *const *names, size_t n,
                                   nn_error *err)
{
    if (!m || !m->fitted)
        return nn_error_set(err, NN_ERR_STATE, "feature names belong to a fitted model: fit "
                                               "it first");
    if (names && n != m->n_features_in)
        return nn_error_set(err, NN_ERR_ARG, "%zu feature names for a model of %zu features",
                            n, m->n_features_in);
    for (size_t j = 0; names && j < n; j++) {
        size_t len = names[j] ? strlen(names[j]) : 0;
        if (len == 0 || len > NN_MLP_MAX_NAME)
            return nn_error_set(err, NN_ERR_ARG, "feature name %zu is %s: a name has 1 to %d "
                                                 "bytes", j + 1, len ? "too long" : "empty",
                                NN_MLP_MAX_NAME);
    }
    char **copy = names ? nn_alloc(n, sizeof *copy, "feature names", err) : NULL;
    if (names && !copy)
        return NN_ERR_NOMEM;
    for (size_t j = 0; names && j < n; j++) {
        size_t len = strlen(names[j]);
        if (!(copy[j] = nn_alloc(len + 1, 1, "feature name", err))) {
            while (j-- > 0)
                nn_alloc_free(copy[j]);
            nn_alloc_free(copy);
            return NN_ERR_NOMEM;
        }
        memcpy(copy[j], names[j], len + 1);
    }
    nn_mlp_internal_forget_names(m);
    m->feature_names = copy;
    return NN_OK;
}

const char *const *nn_mlp_feature_names(const nn_mlp *m)
{
    return m && m->fitted ? (const char *const *)m->feature_names : NULL;
}
