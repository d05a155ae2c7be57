/* tests/lib/alloc_failures.c - every fallible entry point survives running out of memory.
 *
 * Every allocation in the library goes through nn_alloc, and nn_alloc_fail_after(k)
 * makes the allocation after the next k succeed fail once. For each public entry point
 * that allocates, the test runs the call with k = 0, 1, 2, ... until it succeeds (so
 * every allocation it makes fails once, in turn) and checks that each failure
 *   - returns NN_ERR_NOMEM with a message (or NULL and NN_ERR_NOMEM for constructors),
 *   - frees everything it had allocated (nn_alloc_live() is back where it was),
 *   - leaves no half-made result behind (a model stays unfitted, a file is not written).
 * The module tests check some of these one by one; this file checks them all, the same
 * way, in one table.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn.h"
#include "support.h"

TestSuite(alloc_failures, .timeout = 120);

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))
#define MAX_ALLOCATIONS 5000 /* more than any call below makes */

/* One attempt at an entry point: the call, then freeing what it returned on success.
 * ctx carries the inputs, which are made before the loop and are not counted. */
typedef nn_status (*attempt_fn)(void *ctx, nn_error *err);

/* Runs fn with its k-th allocation failing, k = 0, 1, ... until it succeeds. Returns
 * NULL and sets *needed to k, the number of allocations a successful call makes, or
 * returns what went wrong. */
static const char *try_every_failure(const char *what, attempt_fn fn, void *ctx, long *needed)
{
    static char problem[1200];
    nn_set_warning_handler(ignore_warning, NULL); /* short fits warn that they did not converge */
    long live = nn_alloc_live();
    for (long k = 0; k < MAX_ALLOCATIONS; k++) {
        nn_error err = {NN_OK, ""};
        nn_alloc_fail_after(k);
        nn_status status = fn(ctx, &err);
        nn_alloc_fail_after(-1);
        long leaked = nn_alloc_live() - live;
        if (leaked != 0)
            snprintf(problem, sizeof problem, "%s, allocation %ld failing: %ld block(s) "
                     "leaked", what, k, leaked);
        else if (status == NN_OK) {
            nn_set_warning_handler(NULL, NULL);
            *needed = k;
            return NULL;
        } else if (status != NN_ERR_NOMEM || err.code != NN_ERR_NOMEM)
            snprintf(problem, sizeof problem, "%s, allocation %ld failing: %s (%s), expected "
                     "%s", what, k, nn_status_name(status), err.message,
                     nn_status_name(NN_ERR_NOMEM));
        else if (err.message[0] == '\0')
            snprintf(problem, sizeof problem, "%s, allocation %ld failing: no message", what, k);
        else
            continue;
        nn_set_warning_handler(NULL, NULL);
        return problem;
    }
    nn_set_warning_handler(NULL, NULL);
    snprintf(problem, sizeof problem, "%s did not succeed within %d allocations", what,
             MAX_ALLOCATIONS);
    return problem;
}

static long every_failure(const char *what, attempt_fn fn, void *ctx)
{
    long needed = -1;
    const char *problem = try_every_failure(what, fn, ctx, &needed);
    cr_assert_null(problem, "%s", problem);
    cr_log_info("%s: %ld allocations, each failure clean", what, needed);
    return needed;
}

/* ---- inputs ------------------------------------------------------------------------ */

/* 24 samples of 3 features in three classes, and a 0/1 target, made up but fixed. */
#define N 24
#define F 3
static double X_data[N * F], y_class[N], y_binary[N], y_value[N], score[N];

static void make_data(void)
{
    nn_rng rng;
    nn_rng_seed(&rng, 10);
    for (size_t i = 0; i < N; i++) {
        for (size_t j = 0; j < F; j++)
            X_data[i * F + j] = nn_rng_uniform(&rng, -1.0, 1.0) + (double)(i % 3);
        y_class[i] = (double)(i % 3);
        y_binary[i] = (double)(i % 2);
        y_value[i] = X_data[i * F] - 2.0 * X_data[i * F + 1];
        score[i] = nn_rng_uniform(&rng, 0.0, 1.0);
    }
}

static nn_mlp_params small_params(nn_mlp_solver solver)
{
    nn_mlp_params p = nn_mlp_defaults();
    p.solver = solver;
    p.hidden_layer_sizes[0] = 4;
    p.max_iter = 3;
    p.random_state = 0;
    p.progress = false;
    return p;
}

/* ---- the data loaders -------------------------------------------------------------- */

static nn_status load_csv(void *ctx, nn_error *err)
{
    (void)ctx;
    nn_dataset *ds = nn_data_load_csv("tests/data/good/quoted.csv", NULL, err);
    nn_dataset_free(ds);
    return ds ? NN_OK : err->code;
}

static nn_status load_csv_imputed(void *ctx, nn_error *err)
{
    (void)ctx;
    nn_csv_options opt = nn_csv_defaults();
    opt.missing = NN_CSV_MISSING_MEAN;
    nn_dataset *ds = nn_data_load_csv("tests/data/good/missing.csv", &opt, err);
    nn_dataset_free(ds);
    return ds ? NN_OK : err->code;
}

static nn_status load_libsvm(void *ctx, nn_error *err)
{
    (void)ctx;
    nn_dataset *ds = nn_data_load_libsvm("tests/data/good/qid.libsvm", NULL, err);
    nn_dataset_free(ds);
    return ds ? NN_OK : err->code;
}

Test(alloc_failures, data_loaders)
{
    cr_expect_gt(every_failure("nn_data_load_csv", load_csv, NULL), 3);
    cr_expect_gt(every_failure("nn_data_load_csv (mean imputation)", load_csv_imputed, NULL), 3);
    cr_expect_gt(every_failure("nn_data_load_libsvm (qid)", load_libsvm, NULL), 3);
}

/* ---- the MLP: new, fit, partial_fit, predict, save, load ---------------------------- */

typedef struct mlp_case {
    nn_mlp_kind kind;
    nn_mlp_params params;
    nn_matrix X, y;
    nn_mlp *fitted;   /* for predict and save */
    char path[300];   /* for save and load */
    char dir[256];
} mlp_case;

static nn_status mlp_new(void *ctx, nn_error *err)
{
    mlp_case *c = ctx;
    nn_mlp *m = nn_mlp_new(c->kind, &c->params, err);
    nn_mlp_free(m);
    return m ? NN_OK : err->code;
}

static nn_status mlp_fit(void *ctx, nn_error *err)
{
    mlp_case *c = ctx;
    nn_mlp *m = nn_mlp_new(c->kind, &c->params, err);
    if (!m)
        return err->code;
    nn_status status = nn_mlp_fit(m, &c->X, &c->y, err);
    if (status != NN_OK)
        cr_assert(!nn_mlp_is_fitted(m), "a fit that failed left a fitted model");
    nn_mlp_free(m);
    return status;
}

static nn_status mlp_partial_fit(void *ctx, nn_error *err)
{
    mlp_case *c = ctx;
    nn_mlp *m = nn_mlp_new(c->kind, &c->params, err);
    if (!m)
        return err->code;
    const double classes[] = {0, 1, 2};
    nn_status status = nn_mlp_partial_fit(m, &c->X, &c->y, classes, 3, err);
    if (status == NN_OK) /* a second call: the optimiser's state is kept */
        status = nn_mlp_partial_fit(m, &c->X, &c->y, NULL, 0, err);
    nn_mlp_free(m);
    return status;
}

static nn_status mlp_predict(void *ctx, nn_error *err)
{
    mlp_case *c = ctx;
    nn_matrix *out = nn_matrix_new(N, nn_mlp_predict_cols(c->fitted), err);
    nn_matrix *proba = out && c->kind == NN_MLP_CLASSIFIER
                           ? nn_matrix_new(N, nn_mlp_proba_cols(c->fitted), err)
                           : NULL;
    nn_status status = out ? nn_mlp_predict(c->fitted, &c->X, out, err) : err->code;
    if (status == NN_OK && c->kind == NN_MLP_CLASSIFIER)
        status = proba ? nn_mlp_predict_proba(c->fitted, &c->X, proba, err) : err->code;
    double s;
    if (status == NN_OK)
        status = nn_mlp_score(c->fitted, &c->X, &c->y, &s, err);
    nn_matrix_free(out);
    nn_matrix_free(proba);
    return status;
}

/* Files in c->dir other than the model itself: a failed save must not leave one. */
static int stray_files(const mlp_case *c)
{
    DIR *d = opendir(c->dir);
    cr_assert_not_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && strcmp(e->d_name, "model.nnmlp") != 0)
            n++;
    closedir(d);
    return n;
}

static nn_status mlp_save(void *ctx, nn_error *err)
{
    mlp_case *c = ctx;
    unlink(c->path);
    nn_status status = nn_mlp_save(c->fitted, c->path, err);
    if (status != NN_OK)
        cr_assert(access(c->path, F_OK) != 0, "a failed save wrote %s", c->path);
    cr_assert_eq(stray_files(c), 0, "a save left a temporary file in %s", c->dir);
    return status;
}

static nn_status mlp_load(void *ctx, nn_error *err)
{
    mlp_case *c = ctx;
    nn_mlp *m = nn_mlp_load(c->path, err);
    nn_mlp_free(m);
    return m ? NN_OK : err->code;
}

static void mlp_case_run(nn_mlp_kind kind, nn_mlp_solver solver, const double *y,
                         const char *name)
{
    mlp_case c = {kind, small_params(solver), {N, F, X_data}, {N, 1, (double *)y}, NULL,
                  "", ""};
    c.params.early_stopping = solver != NN_MLP_LBFGS; /* more allocations to fail */
    char what[128];
    snprintf(what, sizeof what, "nn_mlp_new (%s)", name);
    every_failure(what, mlp_new, &c);
    snprintf(what, sizeof what, "nn_mlp_fit (%s)", name);
    cr_expect_gt(every_failure(what, mlp_fit, &c), 5);
    if (kind == NN_MLP_CLASSIFIER && solver != NN_MLP_LBFGS) {
        snprintf(what, sizeof what, "nn_mlp_partial_fit (%s)", name);
        every_failure(what, mlp_partial_fit, &c);
    }

    nn_error err = {NN_OK, ""};
    nn_set_warning_handler(ignore_warning, NULL);
    c.fitted = nn_mlp_new(kind, &c.params, &err);
    cr_assert_eq(nn_mlp_fit(c.fitted, &c.X, &c.y, &err), NN_OK, "%s", err.message);
    nn_set_warning_handler(NULL, NULL);
    snprintf(what, sizeof what, "predict, predict_proba and score (%s)", name);
    every_failure(what, mlp_predict, &c);

    make_temp_dir(c.dir, sizeof c.dir, "alloc");
    snprintf(c.path, sizeof c.path, "%s/model.nnmlp", c.dir);
    snprintf(what, sizeof what, "nn_mlp_save (%s)", name);
    cr_expect_gt(every_failure(what, mlp_save, &c), 0);
    snprintf(what, sizeof what, "nn_mlp_load (%s)", name);
    cr_expect_gt(every_failure(what, mlp_load, &c), 3);
    unlink(c.path);
    rmdir(c.dir);
    nn_mlp_free(c.fitted);
}

Test(alloc_failures, mlp_classifier_and_regressor)
{
    make_data();
    mlp_case_run(NN_MLP_CLASSIFIER, NN_MLP_ADAM, y_class, "adam classifier");
    mlp_case_run(NN_MLP_CLASSIFIER, NN_MLP_SGD, y_binary, "sgd binary classifier");
    mlp_case_run(NN_MLP_CLASSIFIER, NN_MLP_LBFGS, y_class, "lbfgs classifier");
    mlp_case_run(NN_MLP_REGRESSOR, NN_MLP_ADAM, y_value, "adam regressor");
}

/* ---- scalers ------------------------------------------------------------------------ */

static nn_status standard_scaler(void *ctx, nn_error *err)
{
    (void)ctx;
    nn_matrix X = {N, F, X_data};
    nn_matrix *Z = nn_matrix_new(N, F, err);
    if (!Z)
        return err->code;
    nn_standard_scaler s = {0};
    nn_status status = nn_standard_scaler_fit(&s, &X, err);
    if (status == NN_OK)
        status = nn_standard_scaler_transform(&s, Z, &X, err);
    if (status == NN_OK)
        status = nn_standard_scaler_inverse_transform(&s, Z, Z, err);
    nn_standard_scaler_free(&s);
    nn_matrix_free(Z);
    return status;
}

static nn_status minmax_scaler(void *ctx, nn_error *err)
{
    (void)ctx;
    nn_matrix X = {N, F, X_data};
    nn_matrix *Z = nn_matrix_new(N, F, err);
    if (!Z)
        return err->code;
    nn_minmax_scaler s = {0};
    nn_status status = nn_minmax_scaler_fit(&s, &X, err);
    if (status == NN_OK)
        status = nn_minmax_scaler_transform(&s, Z, &X, err);
    if (status == NN_OK)
        status = nn_minmax_scaler_inverse_transform(&s, Z, Z, err);
    nn_minmax_scaler_free(&s);
    nn_matrix_free(Z);
    return status;
}

Test(alloc_failures, scalers)
{
    make_data();
    cr_expect_gt(every_failure("StandardScaler fit/transform/inverse", standard_scaler, NULL), 1);
    cr_expect_gt(every_failure("MinMaxScaler fit/transform/inverse", minmax_scaler, NULL), 1);
}

/* ---- splits and cross-validation ----------------------------------------------------- */

static nn_status split(void *ctx, nn_error *err)
{
    const double *stratify = ctx;
    nn_rng rng;
    nn_rng_seed(&rng, 3);
    nn_train_test_options opt = {0.25, 0.0, 0, stratify, &rng};
    nn_train_test tt;
    nn_status status = nn_train_test_split(N, &opt, &tt, err);
    if (status == NN_OK)
        nn_train_test_free(&tt);
    return status;
}

static nn_status kfolds(void *ctx, nn_error *err)
{
    (void)ctx;
    nn_rng rng;
    nn_rng_seed(&rng, 3);
    size_t fold[N];
    nn_status status = nn_kfold(N, 3, &rng, fold, err);
    if (status == NN_OK)
        status = nn_kfold_stratified(y_class, N, 3, &rng, fold, err);
    nn_train_test tt;
    if (status == NN_OK)
        status = nn_kfold_split(fold, N, 1, &tt, err);
    if (status == NN_OK)
        nn_train_test_free(&tt);
    return status;
}

static nn_status cross_val(void *ctx, nn_error *err)
{
    (void)ctx;
    nn_mlp_params p = small_params(NN_MLP_ADAM);
    nn_matrix X = {N, F, X_data};
    size_t fold[N];
    for (size_t i = 0; i < N; i++)
        fold[i] = i % 3;
    double scores[3];
    return nn_cross_val_score(NN_MLP_CLASSIFIER, &p, 1, &X, y_class, fold, 3, scores, err);
}

Test(alloc_failures, splits_and_cross_validation)
{
    make_data();
    cr_expect_gt(every_failure("nn_train_test_split", split, NULL), 1);
    cr_expect_gt(every_failure("nn_train_test_split (stratified)", split, y_class), 1);
    cr_expect_gt(every_failure("nn_kfold, nn_kfold_stratified, nn_kfold_split", kfolds, NULL),
                 1);
    cr_expect_gt(every_failure("nn_cross_val_score", cross_val, NULL), 10);
}

/* ---- metrics ------------------------------------------------------------------------- */

static nn_status metrics(void *ctx, nn_error *err)
{
    (void)ctx;
    double pred[N], v;
    for (size_t i = 0; i < N; i++)
        pred[i] = (double)((i + i / 4) % 3);
    nn_status status = nn_metrics_accuracy(y_class, pred, N, &v, err);
    nn_prf_options opt = nn_prf_defaults();
    opt.average = NN_AVERAGE_MACRO;
    if (status == NN_OK)
        status = nn_metrics_precision(y_class, pred, N, &opt, &v, err);
    if (status == NN_OK)
        status = nn_metrics_recall(y_class, pred, N, &opt, &v, err);
    nn_prf prf = {0};
    if (status == NN_OK)
        status = nn_metrics_per_label(y_class, pred, N, NN_ZERO_DIVISION_0, &prf, err);
    nn_prf_free(&prf);
    nn_confusion cm = {0};
    if (status == NN_OK)
        status = nn_metrics_confusion_matrix(y_class, pred, N, &cm, err);
    nn_confusion_free(&cm);
    if (status == NN_OK) {
        char *report = nn_metrics_classification_report(y_class, pred, N, NULL, 2,
                                                        NN_ZERO_DIVISION_0, err);
        status = report ? NN_OK : err->code;
        nn_alloc_free(report);
    }
    nn_roc roc = {0};
    if (status == NN_OK)
        status = nn_metrics_roc_curve(y_binary, score, N, 1.0, 1, &roc, err);
    nn_roc_free(&roc);
    if (status == NN_OK)
        status = nn_metrics_roc_auc(y_binary, score, N, &v, err);
    if (status == NN_OK)
        status = nn_metrics_log_loss(y_binary, score, N, &v, err);
    return status;
}

Test(alloc_failures, metrics)
{
    make_data();
    cr_expect_gt(every_failure("accuracy, precision, recall, per-label, confusion matrix, "
                               "report, ROC, AUC, log-loss", metrics, NULL), 5);
}

/* ---- the harness itself can fail --------------------------------------------------- */

static void *forgotten; /* what leaky() drops, kept here only to free it afterwards */

static nn_status leaky(void *ctx, nn_error *err)
{
    (void)ctx;
    void *keep = nn_alloc(1, 8, "kept", err);
    void *second = keep ? nn_alloc(1, 8, "second", err) : NULL;
    if (!second) {
        forgotten = keep; /* the bug: keep is not freed when the second allocation fails */
        return err->code;
    }
    nn_alloc_free(second);
    nn_alloc_free(keep);
    return NN_OK;
}

Test(alloc_failures, the_harness_catches_a_leak_on_a_failure_path)
{
    long needed = -1;
    const char *problem = try_every_failure("leaky", leaky, NULL, &needed);
    cr_assert_not_null(problem, "the harness passed a call that leaks when its second "
                                "allocation fails");
    cr_expect_str_eq(problem, "leaky, allocation 1 failing: 1 block(s) leaked");
    nn_alloc_free(forgotten);
}
