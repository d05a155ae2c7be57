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
 * --splits N repeats the held-out evaluation for N random splits (seeds s, s+1, ...)
 * and prints their mean accuracy; --sweep fits networks of several widths. Figures: the
 * training loss, the confusion matrix as a heat map, the ROC curve, and (with --sweep)
 * accuracy against the width of the hidden layers.
 *
 *     build/bin/08-heart-disease [--data FILE] [--format auto|csv|libsvm] [--target COL]
 *         [--fill-missing] [--hidden 14] [--solver adam|sgd|lbfgs] [--alpha X]
 *         [--max-iter N] [--batch-size N] [--seed N] [--test-size X] [--folds K]
 *         [--splits N] [--sweep] [--plot MODE] [--out DIR]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

static const char *PROGRAM = "08-heart-disease";
static const char *SUMMARY = "Predict heart disease with an MLP: hold patients out, scale, "
                             "train, and report every score.";

#define DEFAULT_DATA "data/heart_scale"
#define TUTORIAL_ACCURACY 0.76  /* what the tutorial reports, for comparison */
#define TUTORIAL_PRECISION 0.73
#define MAX_FOLDS 50
#define MAX_SPLITS 100

/* Stop the function at the first failing call, passing its status on. */
#define TRY(call)                                                                          \
    do {                                                                                   \
        nn_status try_status_ = (call);                                                    \
        if (try_status_ != NN_OK)                                                          \
            return try_status_;                                                            \
    } while (0)

/* Inside functions that own memory: record the status and jump to the cleanup. */
#define CHECK(call)                                                                        \
    do {                                                                                   \
        if ((status = (call)) != NN_OK)                                                    \
            goto done;                                                                     \
    } while (0)

/* ------------------------------------------------------------------------------------
 * The data: a file of samples with two classes. */

typedef enum data_format { FORMAT_AUTO, FORMAT_CSV, FORMAT_LIBSVM } data_format;

typedef struct problem {
    nn_dataset *ds;
    const char *path;
    bool heart;            /* the shipped data set: its classes have names */
    const char *unit;      /* "patients" or "samples" */
    double classes[2];     /* sorted; classes[1] is the positive class */
    size_t count[2];       /* how many samples of each */
    char name[2][32];      /* how the report names them */
} problem;

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if ((s[n - k + i] | 0x20) != suffix[i]) /* ASCII letters, any case */
            return false;
    return true;
}

// [load]
/* Reads the file in the format asked for: LIBSVM (the shipped data/heart_scale) or CSV
 * with a header row and the target in the column named or numbered by target (the
 * last column by default). A malformed file is an error with file:line:column; so is
 * a missing value, unless fill_missing asks for column means. */
static nn_dataset *load(const char *path, data_format format, const char *target,
                        bool fill_missing, nn_error *err)
{
    if (format == FORMAT_LIBSVM)
        return nn_data_load_libsvm(path, NULL, err);
    nn_csv_options csv = nn_csv_defaults();
    if (fill_missing)
        csv.missing = NN_CSV_MISSING_MEAN; /* "?" or empty: the column's mean */
    if (target) {
        char *end;
        long column = strtol(target, &end, 10);
        if (end != target && *end == '\0')
            csv.target_column = column; /* 0 is the first column, -1 the last */
        else
            csv.target = target;        /* a name from the header row */
    }
    return nn_data_load_csv(path, &csv, err);
}
// [end load]

/* Loads the data and checks that its target has exactly two classes, whole numbers
 * (the positive class is the larger one: +1 for heart disease). */
static nn_status load_problem(problem *pb, const char *path, data_format format,
                              const char *target, bool fill_missing, nn_error *err)
{
    pb->ds = load(path, format, target, fill_missing, err);
    if (!pb->ds)
        return err->code;
    pb->path = path;
    size_t n = pb->ds->X->rows, k = 0;
    double seen[3];
    for (size_t i = 0; i < n && k < 3; i++) {
        double v = pb->ds->y[i];
        if (v != floor(v))
            return nn_error_set(err, NN_ERR_ARG,
                                "%s: the target of sample %zu is %g, which is not a class "
                                "label (a whole number)",
                                path, i + 1, v);
        bool known = false;
        for (size_t j = 0; j < k; j++)
            known |= seen[j] == v;
        if (!known)
            seen[k++] = v;
    }
    if (k != 2)
        return nn_error_set(err, NN_ERR_ARG,
                            "%s: the target has %s class%s; this program predicts one of "
                            "exactly two (choose the target column with --target)",
                            path, k < 2 ? "only one" : "more than two", k < 2 ? "" : "es");
    pb->classes[0] = seen[0] < seen[1] ? seen[0] : seen[1];
    pb->classes[1] = seen[0] < seen[1] ? seen[1] : seen[0];
    pb->count[0] = pb->count[1] = 0;
    for (size_t i = 0; i < n; i++)
        pb->count[pb->ds->y[i] == pb->classes[1]]++;
    pb->heart = strcmp(path, DEFAULT_DATA) == 0 && pb->classes[0] == -1 &&
                pb->classes[1] == 1;
    pb->unit = pb->heart ? "patients" : "samples";
    for (int c = 0; c < 2; c++) {
        if (pb->heart)
            snprintf(pb->name[c], sizeof pb->name[c], "%s", c ? "disease" : "no disease");
        else
            snprintf(pb->name[c], sizeof pb->name[c], "%g", pb->classes[c]);
    }
    return NN_OK;
}

/* "+1 (disease)" for the heart data, "1" otherwise. */
static const char *class_text(const problem *pb, int c, char *buf, size_t size)
{
    if (pb->heart)
        snprintf(buf, size, "%+g (%s)", pb->classes[c], pb->name[c]);
    else
        snprintf(buf, size, "%g", pb->classes[c]);
    return buf;
}

/* ------------------------------------------------------------------------------------
 * One held-out evaluation: split, scale, train, predict, score. */

#define N_CUTS 9 /* thresholds t = 0.1, 0.2, ..., 0.9 */

static double cut(size_t k)
{
    return (double)(k + 1) / 10.0;
}

typedef struct holdout {
    size_t n_train, n_test;
    size_t test_positive;              /* positives among the test samples */
    size_t tn, fp, fn, tp;             /* the confusion matrix, positive = classes[1] */
    double accuracy, precision, recall, f1, specificity, auc;
    double train_accuracy;             /* on the samples it learned from */
    long n_iter;
    double loss;
    double *loss_curve;                /* n_loss values (sgd, adam; none for lbfgs) */
    size_t n_loss;
    nn_roc roc;                        /* the ROC curve of the test predictions */
    char *report;                      /* classification_report, when asked for */
    size_t cut_tp[N_CUTS], cut_fp[N_CUTS]; /* the counts at the thresholds cut(k) */
} holdout;

static void holdout_free(holdout *h)
{
    nn_alloc_free(h->loss_curve);
    nn_roc_free(&h->roc);
    nn_alloc_free(h->report);
    memset(h, 0, sizeof *h);
}

/* The network's parameters: scikit-learn's MLPClassifier defaults, then our choices. */
typedef struct model {
    nn_mlp_params params;
    char hidden_text[128]; /* "(14, 14)" */
} model;

static void describe_hidden(model *m)
{
    char *p = m->hidden_text, *end = m->hidden_text + sizeof m->hidden_text;
    p += snprintf(p, (size_t)(end - p), "(");
    for (size_t l = 0; l < m->params.n_hidden && p < end; l++)
        p += snprintf(p, (size_t)(end - p), l ? ", %zu" : "%zu",
                      m->params.hidden_layer_sizes[l]);
    if (p < end)
        snprintf(p, (size_t)(end - p), m->params.n_hidden == 1 ? ",)" : ")");
}

/* Splits the samples with random_state seed (stratified: both parts keep the share of
 * each class), scales, trains a network with random_state seed, and scores it on the
 * held-out part. With full, also keeps the loss curve, the ROC curve and the report. */
static nn_status evaluate(const problem *pb, const model *md, uint32_t seed, double test_size,
                          bool full, holdout *out, nn_error *err)
{
    const nn_matrix *X = pb->ds->X;
    const double *y = pb->ds->y;
    size_t n = X->rows;
    nn_status status = NN_OK;
    nn_train_test split = {0};
    nn_matrix *X_train = NULL, *X_test = NULL, *proba = NULL, *pred = NULL;
    double *y_train = NULL, *y_test = NULL, *score = NULL;
    nn_standard_scaler scaler = {0};
    nn_mlp *clf = NULL;
    nn_confusion cm = {0};
    memset(out, 0, sizeof *out);

    // [split]
    /* train_test_split(X, y, test_size=0.25, random_state=seed, stratify=y) */
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_train_test_options split_options = {
        .test_size = test_size,
        .stratify = y, /* keep the share of each class in both parts */
        .rng = &rng,
    };
    CHECK(nn_train_test_split(n, &split_options, &split, err));
    if (!(X_train = nn_data_take_rows(X, split.train, split.n_train, err)) ||
        !(X_test = nn_data_take_rows(X, split.test, split.n_test, err)) ||
        !(y_train = nn_data_take(y, n, split.train, split.n_train, err)) ||
        !(y_test = nn_data_take(y, n, split.test, split.n_test, err))) {
        status = err->code;
        goto done;
    }
    // [end split]

    // [scale]
    /* scaler = StandardScaler().fit(X_train): the mean and standard deviation of each
     * attribute over the training patients only; then both parts are transformed with
     * those same numbers. The test patients never influence the scaling. */
    CHECK(nn_standard_scaler_fit(&scaler, X_train, err));
    CHECK(nn_standard_scaler_transform(&scaler, X_train, X_train, err));
    CHECK(nn_standard_scaler_transform(&scaler, X_test, X_test, err));
    // [end scale]

    // [fit]
    /* clf = MLPClassifier(hidden_layer_sizes=..., random_state=seed, ...)
     * clf.fit(X_train, y_train) */
    nn_mlp_params params = md->params;
    params.random_state = seed;
    if (!(clf = nn_mlp_new(NN_MLP_CLASSIFIER, &params, err))) {
        status = err->code;
        goto done;
    }
    nn_matrix Y_train = {split.n_train, 1, y_train};
    CHECK(nn_mlp_fit(clf, X_train, &Y_train, err));
    // [end fit]
    CHECK(nn_mlp_score(clf, X_train, &Y_train, &out->train_accuracy, err));

    // [predict]
    /* y_pred = clf.predict(X_test); the probability of the positive class,
     * clf.predict_proba(X_test)[:, 1], is what the ROC curve thresholds */
    size_t m = split.n_test;
    if (!(pred = nn_matrix_new(m, 1, err)) || !(proba = nn_matrix_new(m, 2, err)) ||
        !(score = nn_alloc(m, sizeof *score, "positive-class probabilities", err))) {
        status = err->code;
        goto done;
    }
    CHECK(nn_mlp_predict(clf, X_test, pred, err));
    CHECK(nn_mlp_predict_proba(clf, X_test, proba, err));
    for (size_t i = 0; i < m; i++)
        score[i] = proba->data[2 * i + 1];
    // [end predict]

    // [scores]
    const double *y_pred = pred->data;
    nn_prf_options binary = nn_prf_defaults(); /* average='binary', zero_division='warn' */
    binary.pos_label = pb->classes[1];         /* +1: disease is the positive class */
    CHECK(nn_metrics_accuracy(y_test, y_pred, m, &out->accuracy, err));
    CHECK(nn_metrics_precision(y_test, y_pred, m, &binary, &out->precision, err));
    CHECK(nn_metrics_recall(y_test, y_pred, m, &binary, &out->recall, err));
    CHECK(nn_metrics_f1(y_test, y_pred, m, &binary, &out->f1, err));
    CHECK(nn_metrics_roc_auc(y_test, score, m, &out->auc, err));
    CHECK(nn_metrics_confusion_matrix(y_test, y_pred, m, &cm, err));
    // [end scores]

    /* The four counts, whatever labels the confusion matrix found (a class that is
     * neither true nor predicted in the test set has no row). */
    for (size_t i = 0; i < cm.n_labels; i++)
        for (size_t j = 0; j < cm.n_labels; j++) {
            size_t c = cm.counts[i * cm.n_labels + j];
            bool truth = cm.labels[i] == pb->classes[1], guess = cm.labels[j] == pb->classes[1];
            *(truth ? (guess ? &out->tp : &out->fn) : (guess ? &out->fp : &out->tn)) += c;
        }
    out->specificity = (out->tn + out->fp) ? (double)out->tn / (double)(out->tn + out->fp) : 0.0;
    out->n_train = split.n_train;
    out->n_test = m;
    out->test_positive = out->tp + out->fn;
    out->n_iter = nn_mlp_n_iter(clf);
    out->loss = nn_mlp_loss(clf);

    if (full) {
        const char *names[2] = {pb->name[0], pb->name[1]};
        size_t n_loss;
        const double *curve = nn_mlp_loss_curve(clf, &n_loss);
        if (n_loss) {
            if (!(out->loss_curve = nn_alloc(n_loss, sizeof *curve, "loss curve", err))) {
                status = err->code;
                goto done;
            }
            memcpy(out->loss_curve, curve, n_loss * sizeof *curve);
            out->n_loss = n_loss;
        }
        CHECK(nn_metrics_roc_curve(y_test, score, m, pb->classes[1], 1, &out->roc, err));
        // [thresholds]
        /* predict() says "positive" when P(positive) > 0.5 (scikit-learn's
         * LabelBinarizer: strictly above). Other thresholds trade one error for the
         * other: count what each would have done. */
        for (size_t k = 0; k < N_CUTS; k++)
            for (size_t i = 0; i < m; i++)
                if (score[i] > cut(k)) {
                    bool sick = y_test[i] == pb->classes[1];
                    out->cut_tp[k] += sick;
                    out->cut_fp[k] += !sick;
                }
        // [end thresholds]
        out->report = nn_metrics_classification_report(y_test, y_pred, m,
                                                       pb->heart ? names : NULL, 2,
                                                       NN_ZERO_DIVISION_WARN, err);
        if (!out->report)
            status = err->code;
    }
done:
    if (status != NN_OK)
        holdout_free(out);
    nn_confusion_free(&cm);
    nn_mlp_free(clf);
    nn_standard_scaler_free(&scaler);
    nn_alloc_free(score);
    nn_matrix_free(proba);
    nn_matrix_free(pred);
    nn_alloc_free(y_test);
    nn_alloc_free(y_train);
    nn_matrix_free(X_test);
    nn_matrix_free(X_train);
    nn_train_test_free(&split);
    return status;
}

/* ------------------------------------------------------------------------------------
 * Cross-validation: every sample is tested once. */

// [cross-validation]
/* cross_val_score(make_pipeline(StandardScaler(), MLPClassifier(...)), X, y,
 *                 cv=StratifiedKFold(folds, shuffle=True, random_state=seed))
 * Each fold gets its own scaler, fitted on the other folds, and its own network,
 * started from the same random_state. */
static nn_status cross_validate(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                                size_t folds, double *scores, nn_error *err)
{
    const nn_matrix *X = pb->ds->X;
    size_t *fold = nn_alloc(X->rows, sizeof *fold, "fold assignment", err);
    if (!fold)
        return err->code;
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_status status = nn_kfold_stratified(pb->ds->y, X->rows, folds, &rng, fold, err);
    if (status == NN_OK)
        status = nn_cross_val_score(NN_MLP_CLASSIFIER, params, 1, X, pb->ds->y, fold, folds,
                                    scores, err);
    nn_alloc_free(fold);
    return status;
}
// [end cross-validation]

/* ------------------------------------------------------------------------------------
 * The report. */

static void print_header(const problem *pb, const char *format_name, const model *md,
                         const char *target)
{
    const nn_dataset *ds = pb->ds;
    char a[48], b[48];
    if (pb->heart)
        printf("Data: the Statlog (Heart) data set, %s: %zu patients, %zu attributes\n",
               pb->path, ds->X->rows, ds->X->cols);
    else
        printf("Data: %s (%s%s%s%s): %zu samples, %zu features\n", pb->path, format_name,
               ds->target_name || target ? ", target '" : "",
               ds->target_name ? ds->target_name : target ? target : "",
               ds->target_name || target ? "'" : "", ds->X->rows, ds->X->cols);
    if (ds->n_imputed)
        printf("Missing: %zu values filled with their column's mean over the whole file\n",
               ds->n_imputed);
    printf("Classes: %s: %zu %s, %s: %zu %s (the positive class)\n", class_text(pb, 0, a, sizeof a),
           pb->count[0], pb->unit, class_text(pb, 1, b, sizeof b), pb->count[1], pb->unit);
    const nn_mlp_params *p = &md->params;
    printf("Network: MLPClassifier(hidden_layer_sizes=%s, solver='%s', alpha=%g, "
           "max_iter=%ld)\n\n",
           md->hidden_text, nn_mlp_solver_name(p->solver), p->alpha, p->max_iter);
}

static void print_holdout(const problem *pb, const holdout *h, uint32_t seed, double test_size)
{
    char a[48], b[48];
    printf("Split: %zu %s to train, %zu held out to test (test_size=%g, stratified, "
           "random_state=%lu)\n",
           h->n_train, pb->unit, h->n_test, test_size, (unsigned long)seed);
    printf("Scaled: StandardScaler fitted on the %zu training %s only\n", h->n_train,
           pb->unit);
    printf("Trained: %ld %s, final training loss %.4f, training accuracy %.3f\n\n",
           h->n_iter, h->n_loss ? "epochs" : "L-BFGS iterations", h->loss, h->train_accuracy);

    // [report]
    /* The tutorial's column, only for its own task. */
    char t_acc[16] = "", t_prec[16] = "", t_none[16] = "";
    if (pb->heart) {
        snprintf(t_acc, sizeof t_acc, "%15.2f", TUTORIAL_ACCURACY);
        snprintf(t_prec, sizeof t_prec, "%15.2f", TUTORIAL_PRECISION);
        snprintf(t_none, sizeof t_none, "%15s", "-");
    }
    printf("On the %zu held-out %s (%zu of them %s):\n", h->n_test, pb->unit, h->test_positive,
           pb->heart ? "with heart disease" : "positive");
    if (pb->heart)
        printf("                        this network   the tutorial\n");
    printf("  accuracy                   %.3f%s   %zu of %zu right\n", h->accuracy, t_acc,
           h->tp + h->tn, h->n_test);
    printf("  precision                  %.3f%s   %zu of %zu positive predictions right\n",
           h->precision, t_prec, h->tp, h->tp + h->fp);
    printf("  recall (sensitivity)       %.3f%s   %zu of %zu positives found\n", h->recall,
           t_none, h->tp, h->tp + h->fn);
    printf("  specificity                %.3f%s   %zu of %zu negatives cleared\n",
           h->specificity, t_none, h->tn, h->tn + h->fp);
    printf("  F1                         %.3f%s\n", h->f1, t_none);
    printf("  ROC-AUC                    %.3f%s\n\n", h->auc, t_none);

    printf("Confusion matrix (rows: the truth, columns: the prediction):\n");
    printf("  %-22s %18s %18s\n", "", class_text(pb, 0, a, sizeof a),
           class_text(pb, 1, b, sizeof b));
    printf("  %-22s %13zu (TN) %13zu (FP)\n", class_text(pb, 0, a, sizeof a), h->tn, h->fp);
    printf("  %-22s %13zu (FN) %13zu (TP)\n\n", class_text(pb, 1, b, sizeof b), h->fn, h->tp);

    printf("Classification report:\n\n%s\n", h->report);
    // [end report]

    size_t positives = h->tp + h->fn, negatives = h->tn + h->fp;
    printf("Other thresholds: predict %s when P(%s) > t (predict() uses t = 0.5):\n",
           pb->heart ? "disease" : "positive", pb->heart ? "disease" : "positive");
    /* The Statlog documentation prices a missed disease at 5 and a false alarm at 1. */
    printf("     t   recall   specificity   precision   missed   false alarms%s\n",
           pb->heart ? "   cost 5 FN + FP" : "");
    for (size_t k = 0; k < N_CUTS; k++) {
        size_t tp = h->cut_tp[k], fp = h->cut_fp[k];
        char precision[16] = "        -"; /* 0/0: nobody predicted positive */
        if (tp + fp)
            snprintf(precision, sizeof precision, "%9.3f", (double)tp / (double)(tp + fp));
        printf("   %.1f   %6.3f   %11.3f   %s   %6zu   %12zu", cut(k),
               positives ? (double)tp / (double)positives : 0.0,
               negatives ? (double)(negatives - fp) / (double)negatives : 0.0, precision,
               positives - tp, fp);
        if (pb->heart)
            printf("   %15zu", 5 * (positives - tp) + fp);
        printf("\n");
    }
    printf("\n");
}

static void print_cross_validation(const problem *pb, const double *scores, size_t folds,
                                   uint32_t seed)
{
    double mean, std;
    nn_cross_val_mean_std(scores, folds, &mean, &std);
    printf("%zu-fold cross-validation on all %zu %s (StratifiedKFold, shuffled, "
           "random_state=%lu;\na new scaler and network for every fold):\n",
           folds, pb->ds->X->rows, pb->unit, (unsigned long)seed);
    printf("  fold accuracies:");
    for (size_t k = 0; k < folds; k++)
        printf("%s %.3f", k && k % 10 == 0 ? "\n                  " : "", scores[k]);
    printf("\n  accuracy %.3f ± %.3f (mean ± standard deviation over the %zu folds)\n", mean,
           std, folds);
}

/* ------------------------------------------------------------------------------------
 * More than one split: how much does the held-out accuracy depend on the luck of the
 * draw? */

// [splits]
static nn_status repeat_splits(const problem *pb, const model *md, uint32_t seed,
                               double test_size, size_t splits, nn_error *err)
{
    double accuracy[MAX_SPLITS];
    printf("\n%zu random splits (random_state=%lu to %lu), each with its own scaler and "
           "network:\n",
           splits, (unsigned long)seed, (unsigned long)(seed + splits - 1));
    printf("  random_state   accuracy   precision   recall\n");
    for (size_t s = 0; s < splits; s++) {
        holdout h;
        TRY(evaluate(pb, md, seed + (uint32_t)s, test_size, false, &h, err));
        printf("  %12lu   %8.3f   %9.3f   %6.3f\n", (unsigned long)(seed + s), h.accuracy,
               h.precision, h.recall);
        accuracy[s] = h.accuracy;
        holdout_free(&h);
    }
    double mean, std;
    nn_cross_val_mean_std(accuracy, splits, &mean, &std);
    printf("  mean held-out accuracy %.3f ± %.3f over %zu splits\n", mean, std, splits);
    return NN_OK;
}
// [end splits]

/* ------------------------------------------------------------------------------------
 * The width sweep: test accuracy and cross-validated accuracy for hidden layers of
 * several widths (the same number of layers as the chosen network). */

static const size_t WIDTHS[] = {1, 2, 4, 8, 14, 28, 56};
#define N_WIDTHS (sizeof WIDTHS / sizeof WIDTHS[0])

typedef struct sweep {
    bool done;
    size_t layers;
    double test[N_WIDTHS], cv_mean[N_WIDTHS], cv_std[N_WIDTHS];
} sweep;

static void count_warning(const char *message, void *context)
{
    (void)message;
    ++*(size_t *)context;
}

static nn_status run_sweep(const problem *pb, const model *md, uint32_t seed,
                           double test_size, size_t folds, sweep *sw, nn_error *err)
{
    sw->layers = md->params.n_hidden;
    printf("\nWidth sweep: %zu hidden layer%s of w units each; the test split above "
           "(random_state=%lu)\nand %zu-fold cross-validation:\n",
           sw->layers, sw->layers == 1 ? "" : "s", (unsigned long)seed, folds);
    printf("      w   test accuracy   cross-validated accuracy\n");
    size_t warnings = 0;
    nn_set_warning_handler(count_warning, &warnings); /* counted, not printed */
    nn_status status = NN_OK;
    double scores[MAX_FOLDS];
    for (size_t k = 0; k < N_WIDTHS && status == NN_OK; k++) {
        model wide = *md;
        for (size_t l = 0; l < wide.params.n_hidden; l++)
            wide.params.hidden_layer_sizes[l] = WIDTHS[k];
        holdout h;
        status = evaluate(pb, &wide, seed, test_size, false, &h, err);
        if (status != NN_OK)
            break;
        sw->test[k] = h.accuracy;
        holdout_free(&h);
        wide.params.random_state = seed;
        status = cross_validate(pb, &wide.params, seed, folds, scores, err);
        if (status != NN_OK)
            break;
        nn_cross_val_mean_std(scores, folds, &sw->cv_mean[k], &sw->cv_std[k]);
        printf("  %5zu   %13.3f   %.3f ± %.3f\n", WIDTHS[k], sw->test[k], sw->cv_mean[k],
               sw->cv_std[k]);
    }
    nn_set_warning_handler(NULL, NULL);
    if (status == NN_OK) {
        printf("  (%zu networks trained: %zu widths, each on the split and on %zu folds",
               N_WIDTHS * (folds + 1), N_WIDTHS, folds);
        if (warnings)
            printf("; %zu warning%s, such as a fit stopped by max_iter", warnings,
                   warnings == 1 ? "" : "s");
        printf(")\n");
    }
    sw->done = status == NN_OK;
    return status;
}

/* ------------------------------------------------------------------------------------
 * The figures. */

static nn_status draw_loss(nn_plot_mode mode, const char *out, const holdout *h,
                           const model *md, nn_error *err)
{
    if (!h->n_loss)
        return NN_OK; /* lbfgs keeps no loss curve */
    nn_plot *p;
    TRY(nn_plot_open(&p, mode, out, "loss", 1, 1, err));
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "loss");
    for (size_t i = 0; i < h->n_loss; i++)
        nn_plot_data_row(p, 2, (double[]){(double)(i + 1), h->loss_curve[i]});
    nn_plot_data_end(p);
    char title[256];
    snprintf(title, sizeof title, "Training loss per epoch: %s, hidden layers %s, alpha %g",
             nn_mlp_solver_name(md->params.solver), md->hidden_text, md->params.alpha);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "epoch (one pass over the training patients)");
    nn_plot_set_text(p, "ylabel", "training loss: log-loss + L2 penalty");
    nn_plot_command(p, "set grid; set key off; set yrange [0:*]");
    nn_plot_command(p, "set xrange [0:%zu]", h->n_loss + 1);
    if ((long)h->n_loss < md->params.max_iter)
        nn_plot_command(p, "set label \"stopped after %zu epochs: the loss improved by less\\n"
                           "than tol = %g for %g epochs in a row\" at graph 0.97, graph 0.88 "
                           "right",
                        h->n_loss, md->params.tol, md->params.n_iter_no_change);
    else
        nn_plot_command(p, "set label \"stopped at max_iter = %ld epochs, not converged\" "
                           "at graph 0.97, graph 0.88 right",
                        md->params.max_iter);
    nn_plot_command(p, "plot $loss using 1:2 with lines lw 2.5 lc rgb '#1f4e79'");
    return nn_plot_close(p, err);
}

static nn_status draw_confusion(nn_plot_mode mode, const char *out, const problem *pb,
                                const holdout *h, nn_error *err)
{
    if (mode == NN_PLOT_DUMB)
        return NN_OK; /* the table above says it all on a terminal */
    nn_plot *p;
    TRY(nn_plot_open(&p, mode, out, "confusion", 1, 1, err));
    if (!p)
        return NN_OK;
    /* x: the prediction (0 negative, 1 positive), y: the truth; the value is the count. */
    size_t cell[2][2] = {{h->tn, h->fp}, {h->fn, h->tp}};
    const char *tag[2][2] = {{"TN", "FP"}, {"FN", "TP"}};
    nn_plot_data_begin(p, "cells");
    for (int t = 0; t < 2; t++)
        for (int g = 0; g < 2; g++)
            nn_plot_data_row(p, 3, (double[]){g, t, (double)cell[t][g]});
    nn_plot_data_end(p);
    char a[48], b[48], title[160];
    snprintf(title, sizeof title, "Confusion matrix: %zu held-out %s", h->n_test, pb->unit);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "predicted");
    nn_plot_set_text(p, "ylabel", "actual");
    nn_plot_command(p, "set size ratio -1; set xrange [-0.5:1.5]; set yrange [1.5:-0.5]");
    nn_plot_command(p, "set palette defined (0 '#f7fbff', 1 '#6baed6', 2 '#08306b')");
    size_t most = 1;
    for (int t = 0; t < 2; t++)
        for (int g = 0; g < 2; g++)
            most = cell[t][g] > most ? cell[t][g] : most;
    nn_plot_command(p, "set cbrange [0:%zu]; set cblabel '%s'; set tics scale 0", most,
                    pb->unit);
    /* The class names are our own text (numbers and fixed words): safe inline. */
    class_text(pb, 0, a, sizeof a);
    class_text(pb, 1, b, sizeof b);
    nn_plot_command(p, "set xtics ('%s' 0, '%s' 1)", a, b);
    nn_plot_command(p, "set ytics ('%s' 0, '%s' 1) rotate by 90 center", a, b);
    for (int t = 0; t < 2; t++)
        for (int g = 0; g < 2; g++)
            nn_plot_command(p, "set label '%s = %zu' at %d,%d center font ',20' tc rgb '%s' "
                               "front",
                            tag[t][g], cell[t][g], g, t,
                            2 * cell[t][g] > most ? "white" : "black");
    nn_plot_command(p, "set key off");
    nn_plot_command(p, "plot $cells using 1:2:(0.5):(0.5):3 with boxxyerror "
                       "fillstyle solid 1.0 noborder lc palette");
    return nn_plot_close(p, err);
}

static nn_status draw_roc(nn_plot_mode mode, const char *out, const problem *pb,
                          const holdout *h, nn_error *err)
{
    nn_plot *p;
    TRY(nn_plot_open(&p, mode, out, "roc", 1, 1, err));
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "roc");
    for (size_t i = 0; i < h->roc.n; i++)
        nn_plot_data_row(p, 2, (double[]){h->roc.fpr[i], h->roc.tpr[i]});
    nn_plot_data_end(p);
    double fpr = (h->tn + h->fp) ? (double)h->fp / (double)(h->tn + h->fp) : 0.0;
    nn_plot_data_begin(p, "point");
    nn_plot_data_row(p, 2, (double[]){fpr, h->recall});
    nn_plot_data_end(p);
    char title[160];
    snprintf(title, sizeof title, "ROC curve on %zu held-out %s: AUC = %.3f", h->n_test,
             pb->unit, h->auc);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "false positive rate = 1 - specificity");
    nn_plot_set_text(p, "ylabel", "true positive rate = recall");
    nn_plot_command(p, "set size ratio -1; set xrange [-0.01:1.01]; set yrange [-0.01:1.01]");
    nn_plot_command(p, "set xtics 0,0.2,1; set ytics 0,0.2,1; set grid");
    nn_plot_command(p, "set key bottom right opaque box samplen 2 width -2");
    nn_plot_command(p, "plot $roc using 1:2 with lines lw 2.5 lc rgb '#1f4e79' title "
                       "'the network', "
                       "x with lines dt 2 lw 1.5 lc rgb '#888888' title 'coin toss', "
                       "$point using 1:2 with points pt 7 ps 1.4 lc rgb '#c0392b' title "
                       "'threshold 0.5'");
    return nn_plot_close(p, err);
}

static nn_status draw_sweep(nn_plot_mode mode, const char *out, const sweep *sw,
                            size_t folds, bool heart, nn_error *err)
{
    if (!sw->done)
        return NN_OK;
    nn_plot *p;
    TRY(nn_plot_open(&p, mode, out, "width", 1, 1, err));
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "sweep");
    for (size_t k = 0; k < N_WIDTHS; k++)
        nn_plot_data_row(p, 4, (double[]){(double)WIDTHS[k], sw->test[k], sw->cv_mean[k],
                                          sw->cv_std[k]});
    nn_plot_data_end(p);
    char title[160], cv[96];
    snprintf(title, sizeof title, "Accuracy against width: %zu hidden layer%s of w units",
             sw->layers, sw->layers == 1 ? "" : "s");
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "units per hidden layer, w (log scale)");
    nn_plot_set_text(p, "ylabel", "accuracy");
    char tics[256] = "";
    for (size_t k = 0, used = 0; k < N_WIDTHS && used < sizeof tics; k++)
        used += (size_t)snprintf(tics + used, sizeof tics - used, "%s%zu", k ? ", " : "",
                                 WIDTHS[k]);
    nn_plot_command(p, "set logscale x 2; set xrange [0.7:80]; set xtics (%s)", tics);
    nn_plot_command(p, "set yrange [0.5:1.0]; set ytics 0.5,0.1,1; set grid ytics");
    nn_plot_command(p, "set key bottom right box opaque");
    /* The titles are our own text and numbers: safe inline. */
    snprintf(cv, sizeof cv, "%zu-fold cross-validation: mean ± standard deviation", folds);
    nn_plot_command(p, "plot $sweep using 1:3:4 with yerrorlines lw 2 pt 7 ps 1.2 "
                       "lc rgb '#1f4e79' title '%s', "
                       "$sweep using 1:2 with linespoints lw 1.5 dt 2 pt 5 ps 1.1 "
                       "lc rgb '#c0392b' title 'the one held-out test set'%s",
                    cv, heart ? ", 0.76 with lines dt 3 lw 1.5 lc rgb '#555555' "
                                "title \"the tutorial's 76%\"" : "");
    return nn_plot_close(p, err);
}

/* ------------------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    const char *data = DEFAULT_DATA, *target = NULL, *hidden = "14", *out = "figures";
    int format = FORMAT_AUTO, solver = 1 /* sgd */, plot_mode = NN_PLOT_AUTO;
    double alpha = 1e-4, test_size = 0.25;
    long max_iter = 1000, folds = 10, splits = 1, batch_size = 0;
    uint32_t seed = 1;
    bool do_sweep = false, fill_missing = false;
    nn_flag flags[] = {
        NN_FLAG_TEXT("data", &data, "the data file (LIBSVM or CSV)"),
        NN_FLAG_CHOICE("format", &format, "how to read it; auto: CSV if the name ends in .csv",
                       "auto|csv|libsvm"),
        NN_FLAG_TEXT("target", &target,
                     "CSV: the target column, by name or number (0 first, -1 last; default "
                     "last)"),
        NN_FLAG_SWITCH("fill-missing", &fill_missing,
                       "CSV: fill missing values (? or empty) with their column's mean"),
        NN_FLAG_TEXT("hidden", &hidden, "hidden_layer_sizes, e.g. 14,14 or 8"),
        NN_FLAG_CHOICE("solver", &solver, "the training algorithm", "adam|sgd|lbfgs"),
        NN_FLAG_REAL("alpha", &alpha, "L2 penalty strength", 0.0, 1e6),
        NN_FLAG_INT("max-iter", &max_iter, "at most this many epochs (lbfgs: iterations)", 1,
                    100000),
        NN_FLAG_INT("batch-size", &batch_size, "samples per mini-batch; 0: min(200, n)", 0,
                    100000),
        NN_FLAG_SEED("seed", &seed, "random_state of the split, the folds and the network"),
        NN_FLAG_REAL("test-size", &test_size, "the share of samples held out for testing",
                     0.01, 0.99),
        NN_FLAG_INT("folds", &folds, "folds of the cross-validation", 2, MAX_FOLDS),
        NN_FLAG_INT("splits", &splits, "also repeat the held-out test for N seeds", 1,
                    MAX_SPLITS),
        NN_FLAG_SWITCH("sweep", &do_sweep, "also try hidden layers of 1 to 56 units (slow)"),
        NN_PLOT_FLAGS(&plot_mode, &out),
    };
    size_t n_flags = sizeof flags / sizeof flags[0];
    int exit_status = nn_flags_main(argc, argv, flags, n_flags, PROGRAM, SUMMARY, stdout,
                                    stderr);
    if (exit_status >= 0)
        return exit_status;

    // [network]
    /* MLPClassifier(hidden_layer_sizes=(14,), solver='sgd', alpha=0.0001, max_iter=1000)
     * by default: scikit-learn's defaults (relu hidden units, a logistic output,
     * mini-batches of up to 200 samples, learning rate 0.001 with Nesterov momentum 0.9,
     * stop when the loss has improved by less than tol = 1e-4 for 10 epochs), except one
     * hidden layer of 14 units (the tutorial's width), plain sgd and up to 1000 epochs. */
    nn_error err;
    model md = {.params = nn_mlp_defaults()};
    const char *solvers[] = {"adam", "sgd", "lbfgs"};
    const char *refused = NULL;
    if (nn_mlp_parse_hidden(hidden, &md.params, &err) != NN_OK)
        refused = "--hidden";
    else if (nn_mlp_solver_parse(solvers[solver], &md.params.solver, &err) != NN_OK)
        refused = "--solver";
    md.params.alpha = alpha;
    md.params.max_iter = max_iter;
    md.params.batch_size = (size_t)batch_size;
    // [end network]

    if (!refused) {
        if (format == FORMAT_AUTO)
            format = ends_with(data, ".csv") ? FORMAT_CSV : FORMAT_LIBSVM;
        if (target && format != FORMAT_CSV) {
            refused = "--target";
            nn_error_set(&err, NN_ERR_ARG, "a LIBSVM file has its target first on every "
                                           "line; --target chooses a CSV column");
        }
    }
    if (refused) {
        fprintf(stderr, "%s: %s: %s\n", PROGRAM, refused, err.message);
        nn_flags_usage(stderr, PROGRAM, SUMMARY, flags, n_flags);
        return 2;
    }
    describe_hidden(&md);

    nn_plot_mode mode = nn_plot_resolve((nn_plot_mode)plot_mode);
    problem pb = {0};
    holdout h = {0};
    static sweep sw;
    double scores[MAX_FOLDS];
    nn_status status = load_problem(&pb, data, (data_format)format, target, fill_missing,
                                    &err);
    if (status == NN_OK) {
        print_header(&pb, format == FORMAT_CSV ? "CSV" : "LIBSVM", &md, target);
        status = evaluate(&pb, &md, seed, test_size, true, &h, &err);
    }
    if (status == NN_OK) {
        print_holdout(&pb, &h, seed, test_size);
        fflush(stdout);
        md.params.random_state = seed;
        status = cross_validate(&pb, &md.params, seed, (size_t)folds, scores, &err);
    }
    if (status == NN_OK)
        print_cross_validation(&pb, scores, (size_t)folds, seed);
    if (status == NN_OK && splits > 1)
        status = repeat_splits(&pb, &md, seed, test_size, (size_t)splits, &err);
    if (status == NN_OK && do_sweep)
        status = run_sweep(&pb, &md, seed, test_size, (size_t)folds, &sw, &err);
    fflush(stdout); /* our text first, then any dumb-terminal figures */
    if (status == NN_OK)
        status = draw_loss(mode, out, &h, &md, &err);
    if (status == NN_OK)
        status = draw_confusion(mode, out, &pb, &h, &err);
    if (status == NN_OK)
        status = draw_roc(mode, out, &pb, &h, &err);
    if (status == NN_OK)
        status = draw_sweep(mode, out, &sw, (size_t)folds, pb.heart, &err);
    holdout_free(&h);
    nn_dataset_free(pb.ds);
    if (status != NN_OK) {
        fprintf(stderr, "%s: %s\n", PROGRAM, err.message);
        if (strstr(err.message, "missing value") && !fill_missing)
            fprintf(stderr, "%s: (--fill-missing fills missing values with column means)\n",
                    PROGRAM);
        return 1;
    }
    return 0;
}
