/* 08-heart-disease - the course's finale: an MLP that predicts heart disease, judged
 * honestly.
 *
 * The tutorial ends with a classifier for heart disease and two numbers, 76% accuracy
 * and 73% precision. This program does the whole job the way a careful study would:
 * it loads the Statlog (Heart) data (270 patients, 13 attributes, data/heart_scale),
 * holds a quarter of the patients out, fits a StandardScaler on the rest, trains
 * scikit-learn's MLPClassifier (lib/mlp), and reports on the held-out patients every
 * number a reader of a medical test should ask for: accuracy, precision, recall, F1,
 * specificity, the confusion matrix, scikit-learn's classification report and ROC-AUC.
 * Then it repeats the whole recipe under 10-fold cross-validation, to show how much
 * those numbers move when other patients are held out. Every step is scikit-learn's,
 * number for number, so the same script in Python prints the same digits.
 *
 * This file holds the recipe: the network, one held-out test (split, scale, fit,
 * predict, score), cross-validation, and main. Beside it:
 *   problem.c  the data: the heart file or one of your own (--data, --format, --target,
 *              --fill-missing), and the names of its two classes;
 *   report.c   what the program prints, and the extras --splits N (the held-out test
 *              for N random splits, seeds s, s+1, ...) and --sweep (networks of
 *              several widths);
 *   overfitting.c  --overfitting: a network built to overfit, watched epoch by epoch
 *              on a validation set, and stopped early;
 *   scaling.c  --scaling: the raw table (data/heart.dat) trained on unscaled, min-max
 *              scaled and standardised;
 *   predict.c  --save-model: the fitted scaler and network in one file; --predict: that
 *              pipeline applied to a file of new patients, the answers written as CSV;
 *   figures.c  the figures: the training loss, the confusion matrix as a heat map, the
 *              ROC curve, (with --sweep) accuracy against the width of the hidden
 *              layers, and the figures of the two experiments.
 *
 *     build/bin/08-heart-disease [--data FILE] [--format auto|csv|libsvm] [--target COL]
 *         [--fill-missing] [--hidden 14] [--solver adam|sgd|lbfgs] [--alpha X]
 *         [--max-iter N] [--batch-size N] [--early-stopping] [--validation-fraction X]
 *         [--n-iter-no-change N] [--seed N] [--test-size X] [--folds K] [--splits N]
 *         [--sweep] [--overfitting] [--scaling] [--save-model FILE] [--plot MODE]
 *         [--out DIR] [--live]
 *     build/bin/08-heart-disease --predict FILE --model FILE [--predictions OUT.csv]
 */
#include <stdio.h>
#include <string.h>

#include "experiments.h"
#include "figures.h"
#include "heart.h"
#include "live.h"
#include "nn.h"
#include "predict.h"
#include "problem.h"
#include "report.h"

static const char *PROGRAM = "08-heart-disease";
static const char *SUMMARY = "Predict heart disease with an MLP: hold patients out, scale, "
                             "train, and report every score.";

/* What the flags set. */
typedef struct options {
    data_options data; /* which file, and how to read it */
    predict_options pipeline; /* --save-model, or --predict with a saved one */
    const char *hidden;
    int solver; /* 0 adam, 1 sgd, 2 lbfgs */
    double alpha;
    long max_iter, batch_size;
    bool early_stopping;
    double validation_fraction;
    long n_iter_no_change;
    uint32_t seed;
    double test_size;
    long folds, splits;
    bool sweep, overfitting, scaling; /* the optional parts */
    bool live;                        /* --live: watch the held-out fit (live.c) */
    int plot_mode;
    const char *out;
} options;

/* ------------------------------------------------------------------------------------
 * The network. */

// [network]
/* MLPClassifier(hidden_layer_sizes=(14,), solver='sgd', alpha=0.0001, max_iter=1000)
 * by default: scikit-learn's defaults (relu hidden units, a logistic output,
 * mini-batches of up to 200 samples, learning rate 0.001 with Nesterov momentum 0.9,
 * stop after 11 epochs in a row that do not beat the best loss by tol = 1e-4), except one
 * hidden layer of 14 units (the tutorial's width), plain sgd and up to 1000 epochs.
 * Returns NULL, or the flag to refuse, with its reason in err. */
static const char *choose_network(const options *o, nn_mlp_params *params, nn_error *err)
{
    static const char *solvers[] = {"adam", "sgd", "lbfgs"};
    *params = nn_mlp_defaults();
    if (nn_mlp_parse_hidden(o->hidden, params, err) != NN_OK)
        return "--hidden";
    if (nn_mlp_solver_parse(solvers[o->solver], &params->solver, err) != NN_OK)
        return "--solver";
    params->alpha = o->alpha;
    params->max_iter = o->max_iter;
    params->batch_size = (size_t)o->batch_size;
    params->early_stopping = o->early_stopping; /* off unless --early-stopping */
    params->validation_fraction = o->validation_fraction;
    params->n_iter_no_change = (double)o->n_iter_no_change;
    return NULL;
}
// [end network]

/* ------------------------------------------------------------------------------------
 * One held-out test: split, scale, fit, predict, score. */

/* The four cells of the confusion matrix (TN FP / FN TP) with `positive` as the
 * positive class, whatever labels the library found (a class that is neither true nor
 * predicted in the test set has no row); then specificity, recall's twin for the
 * negative class. */
static void count_cells(holdout *h, double positive)
{
    const nn_confusion *cm = &h->cm;
    for (size_t i = 0; i < cm->n_labels; i++)
        for (size_t j = 0; j < cm->n_labels; j++) {
            size_t c = cm->counts[i * cm->n_labels + j];
            bool truth = cm->labels[i] == positive, guess = cm->labels[j] == positive;
            *(truth ? (guess ? &h->tp : &h->fn) : (guess ? &h->fp : &h->tn)) += c;
        }
    h->specificity = (h->tn + h->fp) ? (double)h->tn / (double)(h->tn + h->fp) : 0.0;
}

/* The chapter's recipe, step by step. Everything it makes goes into *h (zeroed by the
 * caller), where the report and the figures find it. */
static nn_status held_out_test(const problem *pb, nn_mlp_params params, uint32_t seed,
                               double test_size, holdout *h, nn_error *err)
{
    const nn_matrix *X = pb->ds->X; /* n x d: one row per patient */
    const double *y = pb->ds->y;    /* n: -1 or +1 */
    size_t n = X->rows;
    // [split]
    /* train_test_split(X, y, test_size=0.25, random_state=seed, stratify=y) */
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_train_test_options split_options = {
        .test_size = test_size,
        .stratify = y, /* keep the share of each class in both parts */
        .rng = &rng,
    };
    nn_train_test *s = &h->split; /* the indices of the two parts */
    NN_TRY(nn_train_test_split(n, &split_options, s, err));
    NN_TRY(nn_made(h->X_train = nn_data_take_rows(X, s->train, s->n_train, err), err));
    NN_TRY(nn_made(h->X_test = nn_data_take_rows(X, s->test, s->n_test, err), err));
    NN_TRY(nn_made(h->y_train = nn_data_take(y, n, s->train, s->n_train, err), err));
    NN_TRY(nn_made(h->y_test = nn_data_take(y, n, s->test, s->n_test, err), err));
    // [end split]
    // [scale]
    /* scaler = StandardScaler().fit(X_train): the mean and standard deviation of each
     * attribute over the training patients only; then both parts are transformed with
     * those same numbers. The test patients never influence the scaling. */
    NN_TRY(nn_standard_scaler_fit(&h->scaler, h->X_train, err));
    NN_TRY(nn_standard_scaler_transform(&h->scaler, h->X_train, h->X_train, err));
    NN_TRY(nn_standard_scaler_transform(&h->scaler, h->X_test, h->X_test, err));
    // [end scale]
    // [fit]
    /* clf = MLPClassifier(hidden_layer_sizes=..., random_state=seed, ...)
     * clf.fit(X_train, y_train) */
    params.random_state = seed;
    NN_TRY(nn_made(h->clf = nn_mlp_new(NN_MLP_CLASSIFIER, &params, err), err));
    nn_matrix Y_train = {s->n_train, 1, h->y_train}; /* n_train x 1 */
    NN_TRY(nn_mlp_fit(h->clf, h->X_train, &Y_train, err));
    // [end fit]
    NN_TRY(nn_mlp_score(h->clf, h->X_train, &Y_train, &h->train_accuracy, err));
    // [predict]
    /* y_pred = clf.predict(X_test); the probability of the positive class,
     * clf.predict_proba(X_test)[:, 1], is what the ROC curve thresholds */
    size_t m = s->n_test;
    const nn_matrix_spec answers[] = {
        {&h->pred, m, 1, NULL}, {&h->proba, m, 2, NULL}, {&h->score, m, 1, NULL}};
    NN_TRY(nn_made(h->answers = nn_matrix_group_new(answers, NN_COUNT(answers), err), err));
    NN_TRY(nn_mlp_predict(h->clf, h->X_test, h->pred, err));
    NN_TRY(nn_mlp_predict_proba(h->clf, h->X_test, h->proba, err));
    for (size_t i = 0; i < m; i++)
        h->score->data[i] = h->proba->data[2 * i + 1];
    // [end predict]
    // [scores]
    const double *y_test = h->y_test, *y_pred = h->pred->data, *score = h->score->data;
    nn_prf_options binary = nn_prf_defaults(); /* average='binary', zero_division='warn' */
    binary.pos_label = pb->classes[1];         /* +1: disease is the positive class */
    NN_TRY(nn_metrics_accuracy(y_test, y_pred, m, &h->accuracy, err));
    NN_TRY(nn_metrics_precision(y_test, y_pred, m, &binary, &h->precision, err));
    NN_TRY(nn_metrics_recall(y_test, y_pred, m, &binary, &h->recall, err));
    NN_TRY(nn_metrics_f1(y_test, y_pred, m, &binary, &h->f1, err));
    NN_TRY(nn_metrics_roc_auc(y_test, score, m, &h->auc, err));
    NN_TRY(nn_metrics_confusion_matrix(y_test, y_pred, m, &h->cm, err));
    // [end scores]
    count_cells(h, pb->classes[1]);
    return NN_OK;
}

nn_status evaluate(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                   double test_size, holdout *h, nn_error *err)
{
    memset(h, 0, sizeof *h);
    nn_status status = held_out_test(pb, *params, seed, test_size, h, err);
    if (status != NN_OK)
        holdout_free(h);
    return status;
}

void holdout_free(holdout *h)
{
    nn_confusion_free(&h->cm);
    nn_matrix_group_free(h->answers);
    nn_mlp_free(h->clf);
    nn_standard_scaler_free(&h->scaler);
    nn_alloc_free(h->y_test);
    nn_alloc_free(h->y_train);
    nn_matrix_free(h->X_test);
    nn_matrix_free(h->X_train);
    nn_train_test_free(&h->split);
    memset(h, 0, sizeof *h);
}

/* ------------------------------------------------------------------------------------
 * Cross-validation: every sample is tested once. */

// [cross-validation]
/* cross_val_score(make_pipeline(StandardScaler(), MLPClassifier(...)), X, y,
 *                 cv=StratifiedKFold(folds, shuffle=True, random_state=seed))
 * Each fold gets its own scaler, fitted on the other folds, and its own network,
 * started from the same random_state. */
nn_status cross_validate(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                         size_t folds, double *scores, nn_error *err)
{
    const nn_matrix *X = pb->ds->X;
    size_t *fold; /* n: the fold of each sample */
    NN_TRY(nn_made(fold = nn_alloc(X->rows, sizeof *fold, "fold assignment", err), err));
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_mlp_params fold_params = *params;
    fold_params.random_state = seed;
    nn_status status = nn_kfold_stratified(pb->ds->y, X->rows, folds, &rng, fold, err);
    if (status == NN_OK)
        status = nn_cross_val_score(NN_MLP_CLASSIFIER, &fold_params, 1, X, pb->ds->y, fold,
                                    folds, scores, err);
    nn_alloc_free(fold);
    return status;
}
// [end cross-validation]

/* ------------------------------------------------------------------------------------
 * The program. */

/* Everything the program prints: the data, the held-out test read in full, the
 * cross-validation, then the extras the flags ask for. */
static nn_status study(const options *o, const nn_mlp_params *params, problem *pb,
                       holdout *h, extras *ex, nn_error *err)
{
    size_t folds = (size_t)o->folds;
    double scores[MAX_FOLDS];
    NN_TRY(load_problem(pb, &o->data, err));
    print_header(pb, params);
    nn_mlp_params watched = *params; /* with --live, live.c draws every epoch */
    live_fit live;
    NN_TRY(live_open(&live, o->live, (nn_plot_mode)o->plot_mode, h, &watched, err));
    nn_status status = evaluate(pb, &watched, o->seed, o->test_size, h, err);
    live_close(&live);
    NN_TRY(status);
    NN_TRY(print_holdout(pb, h, o->seed, o->test_size, err));
    if (o->pipeline.save_model)
        NN_TRY(save_pipeline(pb, h, o->pipeline.save_model, err));
    fflush(stdout);
    NN_TRY(cross_validate(pb, params, o->seed, folds, scores, err));
    print_cross_validation(pb, scores, folds, o->seed);
    if (o->splits > 1)
        NN_TRY(repeat_splits(pb, params, o->seed, o->test_size, (size_t)o->splits, err));
    if (o->sweep)
        NN_TRY(run_sweep(pb, params, o->seed, o->test_size, folds, &ex->sw, err));
    if (o->overfitting)
        NN_TRY(run_overfitting(pb, params, o->seed, o->test_size, &ex->ov, err));
    if (o->scaling)
        NN_TRY(run_scaling(params, o->seed, o->test_size, &ex->sc, err));
    return NN_OK;
}

static nn_status run(const options *o, const nn_mlp_params *params, nn_error *err)
{
    nn_plot_mode mode = nn_plot_resolve((nn_plot_mode)o->plot_mode);
    problem pb = {0};
    holdout h = {0};
    extras ex = {0};
    nn_status status = study(o, params, &pb, &h, &ex, err);
    fflush(stdout); /* our text first, then any dumb-terminal figures */
    if (status == NN_OK)
        status = draw_figures(mode, o->out, &pb, params, &h, &ex, (size_t)o->folds, err);
    overfitting_free(&ex.ov);
    scaling_free(&ex.sc);
    holdout_free(&h);
    problem_free(&pb);
    return status;
}

int main(int argc, char **argv)
{
    options o = {.data = DATA_DEFAULTS, .pipeline = PREDICT_DEFAULTS, .hidden = "14", .solver = 1 /* sgd */,
                 .alpha = 1e-4, .max_iter = 1000, .batch_size = 0,
                 .early_stopping = false, .validation_fraction = 0.1, .n_iter_no_change = 10,
                 .seed = 1, .test_size = 0.25, .folds = 10, .splits = 1, .sweep = false,
                 .overfitting = false, .scaling = false, .plot_mode = NN_PLOT_AUTO,
                 .out = "figures"};
    nn_flag flags[] = {
        DATA_FLAGS(&o.data),
        NN_FLAG_TEXT("hidden", &o.hidden, "hidden_layer_sizes, e.g. 14,14 or 8"),
        NN_FLAG_CHOICE("solver", &o.solver, "the training algorithm", "adam|sgd|lbfgs"),
        NN_FLAG_REAL("alpha", &o.alpha, "L2 penalty strength", 0.0, 1e6),
        NN_FLAG_INT("max-iter", &o.max_iter, "at most this many epochs (lbfgs: iterations)",
                    1, 100000),
        NN_FLAG_INT("batch-size", &o.batch_size, "samples per mini-batch; 0: min(200, n)", 0,
                    100000),
        NN_FLAG_SWITCH("early-stopping", &o.early_stopping,
                       "hold out validation patients and stop when their score stalls"),
        NN_FLAG_REAL("validation-fraction", &o.validation_fraction,
                     "the share of training samples held out for early stopping", 0.01, 0.99),
        NN_FLAG_INT("n-iter-no-change", &o.n_iter_no_change,
                    "stop after more than N epochs without improvement by tol", 1, 100000),
        NN_FLAG_SEED("seed", &o.seed, "random_state of the split, the folds and the network"),
        NN_FLAG_REAL("test-size", &o.test_size, "the share of samples held out for testing",
                     0.01, 0.99),
        NN_FLAG_INT("folds", &o.folds, "folds of the cross-validation", 2, MAX_FOLDS),
        NN_FLAG_INT("splits", &o.splits, "also repeat the held-out test for N seeds", 1,
                    MAX_SPLITS),
        NN_FLAG_SWITCH("sweep", &o.sweep, "also try hidden layers of 1 to 56 units (slow)"),
        NN_FLAG_SWITCH("overfitting", &o.overfitting,
                       "also watch a wide network overfit, and stop it early"),
        NN_FLAG_SWITCH("scaling", &o.scaling,
                       "also train on the raw table: unscaled, min-max, standardised"),
        PREDICT_FLAGS(&o.pipeline),
        NN_PLOT_FLAGS(&o.plot_mode, &o.out),
        NN_PLOT_LIVE_FLAG(&o.live),
    };
    int exit_status = nn_flags_main(argc, argv, flags, NN_COUNT(flags), PROGRAM, SUMMARY,
                                    stdout, stderr);
    if (exit_status >= 0)
        return exit_status;

    nn_error err;
    nn_mlp_params params;
    const char *refused = choose_network(&o, &params, &err);
    if (!refused)
        refused = data_check_flags(&o.data, &err);
    if (!refused)
        refused = predict_check_flags(&o.pipeline, &err);
    if (refused) {
        fprintf(stderr, "%s: %s: %s\n", PROGRAM, refused, err.message);
        nn_flags_usage(stderr, PROGRAM, SUMMARY, flags, NN_COUNT(flags));
        return 2;
    }
    nn_status status = o.pipeline.predict ? predict_new(&o.pipeline, &err)
                                          : run(&o, &params, &err);
    if (status != NN_OK) {
        fprintf(stderr, "%s: %s\n", PROGRAM, err.message);
        const char *hint = o.pipeline.predict ? NULL : data_hint(&o.data, err.message);
        if (hint)
            fprintf(stderr, "%s: %s\n", PROGRAM, hint);
        return 1;
    }
    return 0;
}
