/* mlp_train.c - fit and partial_fit: how an nn_mlp learns. Chapter 7 introduces it.
 *
 * This file retells the training half of sklearn/neural_network/
 * _multilayer_perceptron.py (version 1.2) in the order a fit runs:
 *
 *   1. the targets (LabelBinarizer for classifiers) and the output layer;
 *   2. initialisation (Glorot-uniform, drawn from nn_rng in scikit-learn's order);
 *   3. the stochastic solvers: epochs, shuffling, mini-batches, the stopping rules, early
 *      stopping on a held-out validation set;
 *   4. lbfgs;
 *   5. fit and partial_fit, which tie it together.
 * Each step of training calls nn_mlp_fast_backprop (mlp_fast.c), which computes what
 * the plain nn_mlp_backprop of mlp_backprop.c computes, faster.
 *
 * Shapes in comments: u_l = units in layer l (u_0 = features, u_{L-1} = outputs).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "lbfgs.h"
#include "mlp_internal.h"
#include "model_selection.h"
#include "progress.h"

/* Verbose lines go to the caller's stream; the library prints nothing else. */
static void say(const nn_mlp *m, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Calls params.on_iteration, if any, with the model counting as fitted meanwhile. */
static void watched(nn_mlp *m, long iteration, double loss)
{
    if (!m->params.on_iteration)
        return;
    bool fitted = m->fitted;
    m->fitted = true;
    m->params.on_iteration(m, iteration, loss, m->params.on_iteration_context);
    m->fitted = fitted;
}

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

/* ==== 1. The targets ================================================================ */

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

/* The output layer the task calls for (out_activation_). */
static nn_activation output_activation(const nn_mlp *m, const nn_labels *lb)
{
    if (m->kind == NN_MLP_REGRESSOR)
        return NN_IDENTITY;
    return lb->type == NN_LABELS_MULTICLASS ? NN_SOFTMAX : NN_LOGISTIC;
}

/* ==== 2. Initialisation ============================================================= */

// [init]
/* _initialize and _init_coef: Glorot et al.'s uniform initialisation. For each layer in
 * turn, the coefficients (fan_in x fan_out, row by row), then the intercepts (fan_out),
 * all uniform in [-bound, bound), bound = sqrt(6 / (fan_in + fan_out)), or, in every
 * layer when activation is logistic, sqrt(2 / ...): scikit-learn's choice, not Glorot's. */
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

/* ==== 3. The stochastic solvers ===================================================== */

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

/* Predictions for rows [0, n) of x, chunk by chunk through the workspace: the network's
 * outputs (n x outputs) into out. Each row's result depends only on that row, so
 * chunking gives the same doubles as one big pass. */
static void forward_all(const nn_mlp *m, const double *x, size_t n, nn_mlp_workspace *ws,
                        double *out)
{
    size_t L = m->n_layers, f = m->units[0], k = m->n_outputs;
    for (size_t start = 0; start < n; start += ws->rows) {
        size_t B = n - start < ws->rows ? n - start : ws->rows;
        nn_mlp_fast_forward(m, x + start * f, B, ws);
        memcpy(out + start * k, ws->act[L - 1], B * k * sizeof(double));
    }
}

/* _score on the validation set: accuracy or R^2 of the current network. */
static double validation_score(const nn_mlp *m, train_data *d, nn_mlp_workspace *ws,
                               double *scratch)
{
    forward_all(m, d->x_val, d->n_val, ws, d->val_out);
    if (m->kind == NN_MLP_REGRESSOR)
        return nn_mlp_internal_r2_score(d->y_val, d->val_out, d->n_val, m->n_outputs,
                                        scratch);
    nn_labels_inverse(&m->labels, d->val_out, d->n_val, d->val_pred);
    return nn_mlp_internal_accuracy(d->y_val, d->val_pred, d->n_val,
                                    nn_labels_label_cols(&m->labels));
}

// [no improvement]
/* _update_no_improvement_count: an epoch "improves" when the validation score rose by
 * more than tol over the best so far (early stopping), or the training loss fell by
 * more than tol below the best so far. With early stopping, the best weights are
 * kept aside to be restored at the end. */
static void update_no_improvement(nn_mlp *m, bool early_stopping, train_data *d,
                                  nn_mlp_workspace *ws, double *scratch)
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

/* _fit_stochastic's loop over epochs, once the data and buffers are ready. */
static void run_epochs(nn_mlp *m, train_data *d, bool early_stopping, bool incremental,
                       size_t batch_size, nn_mlp_workspace *ws, size_t *sample_idx,
                       size_t *perm, double *scratch)
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
                nn_mlp_fast_gather(ws->xb, d->x, f, sample_idx + start, B);
                nn_mlp_fast_gather(ws->yb, d->y, k, sample_idx + start, B);
                xb = ws->xb;
                yb = ws->yb;
            }
            double batch_loss = nn_mlp_fast_backprop(m, xb, yb, B, ws);
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
        watched(m, m->n_iter, m->loss);

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

/* The optimiser (sgd or adam) with its parameters: a new one, unless partial_fit goes
 * on with the one of the last call. */
static nn_status start_solver(nn_mlp *m, bool incremental, nn_error *err)
{
    const nn_mlp_params *p = &m->params;
    if (incremental && m->has_solver)
        return NN_OK;
    nn_solver_free(&m->solver);
    nn_status st =
        p->solver == NN_MLP_SGD
            ? nn_solver_init_sgd(&m->solver, m->n_params, p->learning_rate_init,
                                 p->learning_rate, p->momentum, p->nesterovs_momentum,
                                 p->power_t, err)
            : nn_solver_init_adam(&m->solver, m->n_params, p->learning_rate_init,
                                  p->beta_1, p->beta_2, p->epsilon, err);
    m->has_solver = st == NN_OK;
    return st;
}

/* The rows per mini-batch: 'auto' is min(200, n); a larger batch_size is clipped to n,
 * with scikit-learn's warning. */
static size_t batch_size_for(const nn_mlp_params *p, size_t n_train)
{
    if (p->batch_size == NN_MLP_BATCH_AUTO)
        return n_train < 200 ? n_train : 200;
    if (p->batch_size > n_train)
        nn_warn("Got `batch_size` less than 1 or larger than sample size. It is going "
                "to be clipped");
    return p->batch_size < n_train ? p->batch_size : n_train;
}

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
    nn_status st = start_solver(m, incremental, err);
    if (st != NN_OK)
        return st;

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

    size_t batch_size = batch_size_for(p, n_train);

    /* Every buffer, once: the layer buffers, the index arrays, the split data. */
    nn_mlp_workspace ws;
    size_t *idx = NULL;
    double *data = NULL;
    size_t data_doubles = early_stopping ? n * f + n_train * k + n_val * (2 * label_cols + k) +
                                               n_val * k + 3 * k
                                         : 1;
    if ((st = nn_mlp_workspace_alloc(&ws, m, batch_size, true, err)) == NN_OK &&
        (!(idx = nn_alloc(2 * n_train + 1, sizeof *idx, "sample indices", err)) ||
         !(data = nn_alloc(data_doubles, sizeof(double), "validation split", err)) ||
         nn_mlp_internal_reserve(m, (size_t)p->max_iter, early_stopping, err) != NN_OK))
        st = NN_ERR_NOMEM;
    if (st != NN_OK) {
        nn_alloc_free(data);
        nn_alloc_free(idx);
        nn_mlp_workspace_free(&ws);
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
        nn_mlp_fast_gather(xt, X, f, split.train, n_train);
        nn_mlp_fast_gather(yt, Y, k, split.train, n_train);
        nn_mlp_fast_gather(xv, X, f, split.test, n_val);
        nn_mlp_fast_gather(yv, m->kind == NN_MLP_REGRESSOR ? Y : labels, label_cols,
                           split.test, n_val);
        d = (train_data){xt, yt, n_train, xv, yv, n_val, vo, vp};
    }

    for (size_t i = 0; i < d.n; i++)
        sample_idx[i] = i;
    run_epochs(m, &d, early_stopping, incremental, batch_size, &ws, sample_idx, perm,
               scratch);

    nn_alloc_free(data);
    nn_alloc_free(idx);
    nn_mlp_workspace_free(&ws);
    nn_train_test_free(&split);
    return NN_OK;
}

/* ==== 4. lbfgs ====================================================================== */

typedef struct lbfgs_context {
    nn_mlp *m;
    const double *X, *Y;
    size_t n;
    nn_mlp_workspace *ws;
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
    *f = nn_mlp_fast_backprop(c->m, c->X, c->Y, c->n, c->ws);
    memcpy(g, c->ws->grad, n * sizeof(double));
    return NN_OK;
}

static void lbfgs_observe(long iteration, double f, void *ctx)
{
    lbfgs_context *c = ctx;
    say(c->m, "Iteration %ld, loss = %.8f", iteration, f);
    nn_progress_update(c->progress, "lbfgs", iteration, c->m->params.max_iter, f);
    watched(c->m, iteration, f);
}

static nn_status fit_lbfgs(nn_mlp *m, const double *X, const double *Y, size_t n,
                           nn_error *err)
{
    nn_mlp_workspace ws;
    nn_status st = nn_mlp_workspace_alloc(&ws, m, n, true, err);
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
    nn_mlp_workspace_free(&ws);
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

/* ==== 5. fit and partial_fit ======================================================== */

/* What a fit settles before it changes the model: the binarizer (a new one, or the
 * model's own), layer_units, the targets the network learns and, on a first pass, the
 * new network's weights (allocated, not yet drawn). */
typedef struct fit_plan {
    nn_labels fresh;  /* a new binarizer, used when use_fresh */
    bool use_fresh;
    size_t units[NN_MLP_MAX_HIDDEN + 2], n_layers; /* layer_units */
    double *Y;        /* n x outputs: the targets (a classifier's as indicator columns) */
    nn_mlp net;       /* first pass: the new network's layout (theta, best_theta, views) */
} fit_plan;

static void fit_plan_free(fit_plan *plan)
{
    nn_alloc_free(plan->Y);
    nn_alloc_free(plan->net.theta);
    nn_alloc_free(plan->net.best_theta);
    nn_labels_free(&plan->fresh);
}

/* layer_units = [n_features] + hidden_layer_sizes + [n_outputs]. warm_start and
 * partial_fit go on with the fitted network, so they must find its sizes. */
static nn_status plan_layers(const nn_mlp *m, size_t n_features, size_t n_outputs,
                             bool first_pass, fit_plan *plan, nn_error *err)
{
    const nn_mlp_params *p = &m->params;
    size_t L = p->n_hidden + 2, *units = plan->units;
    plan->n_layers = L;
    units[0] = n_features;
    for (size_t i = 0; i < p->n_hidden; i++)
        units[i + 1] = p->hidden_layer_sizes[i];
    units[L - 1] = n_outputs;
    bool same = first_pass || L == m->n_layers;
    for (size_t l = 0; !first_pass && same && l < L; l++)
        same = units[l] == m->units[l];
    if (same)
        return NN_OK;
    return nn_error_set(err, NN_ERR_SHAPE,
                        n_outputs != m->n_outputs
                            ? "y has %zu outputs, but the fitted network has %zu: "
                              "warm_start and partial_fit continue the same network"
                            : "hidden_layer_sizes changed since the last fit (%zu "
                              "layers, was %zu): warm_start and partial_fit continue "
                              "the same network",
                        n_outputs != m->n_outputs ? n_outputs : L,
                        n_outputs != m->n_outputs ? m->n_outputs : m->n_layers);
}

/* Every check a fit makes and every buffer it needs, into plan; nothing in m changes.
 * The targets: a classifier's labels go through the binarizer lb, a regressor's values
 * are copied as they are. */
static nn_status plan_fit(const nn_mlp *m, const nn_matrix *X, const nn_matrix *y,
                          bool incremental, const nn_labels *given_classes, bool first_pass,
                          fit_plan *plan, nn_error *err)
{
    memset(plan, 0, sizeof *plan);
    plan->fresh = (nn_labels){NN_LABELS_BINARY, 0, NULL};
    bool classifier = m->kind == NN_MLP_CLASSIFIER;
    nn_status st;
    if (classifier && (st = classifier_labels(m, y, incremental, given_classes, &plan->fresh,
                                              &plan->use_fresh, err)) != NN_OK)
        return st;
    const nn_labels *lb = plan->use_fresh ? &plan->fresh : &m->labels;
    size_t n = X->rows, n_outputs = classifier ? nn_labels_n_outputs(lb) : y->cols;
    if (classifier && lb->type == NN_LABELS_MULTILABEL && y->cols != lb->n_classes)
        return nn_error_set(err, NN_ERR_SHAPE, "y has %zu columns, but the classifier's "
                                               "multilabel classes are %zu", y->cols,
                            lb->n_classes);
    if ((st = plan_layers(m, X->cols, n_outputs, first_pass, plan, err)) != NN_OK)
        return st;
    if (!(plan->Y = nn_alloc(n * n_outputs, sizeof(double), "targets", err)))
        return NN_ERR_NOMEM;
    if (classifier && (st = nn_labels_transform(lb, y->data, n, plan->Y, err)) != NN_OK)
        return st;
    if (!classifier)
        memcpy(plan->Y, y->data, n * n_outputs * sizeof(double));
    /* A new network gets new weights (the old model stays intact if that fails). */
    return first_pass ? nn_mlp_internal_layout(&plan->net, plan->units, plan->n_layers, err)
                      : NN_OK;
}

/* check_random_state: an int random_state seeds the generator anew at every fit; with
 * None it is seeded once from the OS and goes on from fit to fit. */
static void seed_generator(nn_mlp *m)
{
    if (m->params.random_state != NN_MLP_RANDOM_NONE) {
        nn_rng_seed(&m->rng, (uint32_t)m->params.random_state); /* check_random_state(int) */
        m->rng_ready = true;
    } else if (!m->rng_ready) {
        nn_rng_seed(&m->rng, nn_rng_seed_from_os());
        m->rng_ready = true;
    }
}

/* _initialize: the planned network takes the old one's place, its weights drawn by
 * initialize, with an empty training record and no optimiser yet. */
static void start_network(nn_mlp *m, fit_plan *plan)
{
    const nn_mlp_params *p = &m->params;
    nn_mlp_internal_forget_names(m); /* a new network: its features may be others */
    nn_alloc_free(m->theta);
    nn_alloc_free(m->best_theta);
    m->theta = plan->net.theta;
    m->best_theta = plan->net.best_theta;
    plan->net.theta = plan->net.best_theta = NULL; /* the model owns them now */
    m->has_best_theta = false;
    m->n_params = plan->net.n_params;
    m->n_layers = plan->n_layers;
    memcpy(m->units, plan->net.units, sizeof m->units);
    memcpy(m->coefs, plan->net.coefs, sizeof m->coefs);
    memcpy(m->intercepts, plan->net.intercepts, sizeof m->intercepts);
    m->n_features_in = plan->units[0];
    m->n_outputs = plan->units[plan->n_layers - 1];
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

/* "validate parameter weights": scikit-learn's message, then the likelier cause for a
 * stochastic solver. */
static nn_status check_weights(const nn_mlp *m, nn_error *err)
{
    for (size_t i = 0; i < m->n_params; i++)
        if (!isfinite(m->theta[i])) {
            char advice[128] = "";
            if (m->params.solver != NN_MLP_LBFGS)
                snprintf(advice, sizeof advice, " Or the training diverged: try a "
                         "learning_rate_init smaller than %g.", m->params.learning_rate_init);
            return nn_error_set(err, NN_ERR_NUMERIC,
                                "Solver produced non-finite parameter weights. The input data "
                                "may contain large values and need to be preprocessed.%s",
                                advice);
        }
    return NN_OK;
}

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
    if ((st = nn_mlp_internal_check_xy(m, X, y, first_pass, err)) != NN_OK)
        return st;
    /* Nothing in m changes until every check has passed and every buffer is allocated. */
    fit_plan plan;
    if ((st = plan_fit(m, X, y, incremental, given_classes, first_pass, &plan, err)) != NN_OK) {
        fit_plan_free(&plan);
        return st;
    }

    /* ---- From here on the model changes. ---- */
    if (plan.use_fresh) {
        nn_labels_free(&m->labels);
        m->labels = plan.fresh; /* the model owns it now */
        plan.fresh = (nn_labels){NN_LABELS_BINARY, 0, NULL};
        m->has_classes = true;
    }
    seed_generator(m);
    if (first_pass)
        start_network(m, &plan);

    if (p->solver == NN_MLP_LBFGS)
        st = fit_lbfgs(m, X->data, plan.Y, X->rows, err);
    else
        st = fit_stochastic(m, X->data, plan.Y, y->data, X->rows, incremental, err);
    fit_plan_free(&plan);
    if (st == NN_OK)
        st = check_weights(m, err);
    m->fitted = st == NN_OK;
    return st;
}

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
