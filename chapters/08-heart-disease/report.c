/* report.c - what chapter 8's program prints. First the data and the network; then the
 * held-out test in full: how it was split and trained, every score beside the
 * tutorial's, the confusion matrix, scikit-learn's classification report, and what
 * other thresholds than 0.5 would have done; then the cross-validation. Last, the two
 * extras that repeat main.c's recipe and print a table each: --splits (other random
 * splits) and --sweep (other widths of the hidden layers). */
#include <stdio.h>
#include <string.h>

#include "report.h"

#define TUTORIAL_ACCURACY 0.76 /* what the tutorial reports, for comparison */
#define TUTORIAL_PRECISION 0.73

const char *hidden_text(const nn_mlp_params *params, char *buf, size_t size)
{
    char *p = buf, *end = buf + size;
    p += snprintf(p, (size_t)(end - p), "(");
    for (size_t l = 0; l < params->n_hidden && p < end; l++)
        p += snprintf(p, (size_t)(end - p), l ? ", %zu" : "%zu",
                      params->hidden_layer_sizes[l]);
    if (p < end)
        snprintf(p, (size_t)(end - p), params->n_hidden == 1 ? ",)" : ")");
    return buf;
}

void print_header(const problem *pb, const nn_mlp_params *params)
{
    const nn_dataset *ds = pb->ds;
    const char *target = pb->opt->target;
    const char *format = pb->opt->format == FORMAT_CSV ? "CSV" : "LIBSVM";
    char a[48], b[48], hidden[128];
    if (pb->heart)
        printf("Data: the Statlog (Heart) data set, %s: %zu patients, %zu attributes\n",
               pb->opt->path, ds->X->rows, ds->X->cols);
    else
        printf("Data: %s (%s%s%s%s): %zu samples, %zu features\n", pb->opt->path, format,
               ds->target_name || target ? ", target '" : "",
               ds->target_name ? ds->target_name : target ? target : "",
               ds->target_name || target ? "'" : "", ds->X->rows, ds->X->cols);
    if (ds->n_imputed)
        printf("Missing: %zu values filled with their column's mean over the whole file\n",
               ds->n_imputed);
    printf("Classes: %s: %zu %s, %s: %zu %s (the positive class)\n",
           class_text(pb, 0, a, sizeof a), pb->count[0], pb->unit,
           class_text(pb, 1, b, sizeof b), pb->count[1], pb->unit);
    printf("Network: MLPClassifier(hidden_layer_sizes=%s, solver='%s', alpha=%g, "
           "max_iter=%ld",
           hidden_text(params, hidden, sizeof hidden), nn_mlp_solver_name(params->solver),
           params->alpha, params->max_iter);
    if (params->early_stopping)
        printf(",\n                       early_stopping=True, validation_fraction=%g",
               params->validation_fraction);
    printf(")\n\n");
}

/* ------------------------------------------------------------------------------------
 * The held-out test. */

static void print_training(const problem *pb, const holdout *h, uint32_t seed,
                           double test_size)
{
    size_t n_train = h->split.n_train, n_loss;
    nn_mlp_loss_curve(h->clf, &n_loss); /* none for lbfgs */
    printf("Split: %zu %s to train, %zu held out to test (test_size=%g, stratified, "
           "random_state=%lu)\n",
           n_train, pb->unit, h->split.n_test, test_size, (unsigned long)seed);
    printf("Scaled: StandardScaler fitted on the %zu training %s only\n", n_train, pb->unit);
    printf("Trained: %ld %s, final training loss %.4f, training accuracy %.3f\n",
           nn_mlp_n_iter(h->clf), n_loss ? "epochs" : "L-BFGS iterations",
           nn_mlp_loss(h->clf), h->train_accuracy);
    size_t n_val;
    const double *val = nn_mlp_validation_scores(h->clf, &n_val);
    if (n_val) /* early stopping: the weights kept are the best epoch's */
        printf("Early stopping: validation accuracy %.3f after the last epoch, best %.3f "
               "(those weights kept)\n",
               val[n_val - 1], nn_mlp_best_validation_score(h->clf));
    printf("\n");
}

/* Every score, with the tutorial's beside them (only for its own task). */
static void print_scores(const problem *pb, const holdout *h)
{
    char t_acc[16] = "", t_prec[16] = "", t_none[16] = "";
    if (pb->heart) {
        snprintf(t_acc, sizeof t_acc, "%15.2f", TUTORIAL_ACCURACY);
        snprintf(t_prec, sizeof t_prec, "%15.2f", TUTORIAL_PRECISION);
        snprintf(t_none, sizeof t_none, "%15s", "-");
    }
    size_t m = h->split.n_test;
    printf("On the %zu held-out %s (%zu of them %s):\n", m, pb->unit, h->tp + h->fn,
           pb->heart ? "with heart disease" : "positive");
    if (pb->heart)
        printf("                        this network   the tutorial\n");
    printf("  accuracy                   %.3f%s   %zu of %zu right\n", h->accuracy, t_acc,
           h->tp + h->tn, m);
    printf("  precision                  %.3f%s   %zu of %zu positive predictions right\n",
           h->precision, t_prec, h->tp, h->tp + h->fp);
    printf("  recall (sensitivity)       %.3f%s   %zu of %zu positives found\n", h->recall,
           t_none, h->tp, h->tp + h->fn);
    printf("  specificity                %.3f%s   %zu of %zu negatives cleared\n",
           h->specificity, t_none, h->tn, h->tn + h->fp);
    printf("  F1                         %.3f%s\n", h->f1, t_none);
    printf("  ROC-AUC                    %.3f%s\n\n", h->auc, t_none);
}

static void print_confusion(const problem *pb, const holdout *h)
{
    char a[48], b[48];
    printf("Confusion matrix (rows: the truth, columns: the prediction):\n");
    printf("  %-22s %18s %18s\n", "", class_text(pb, 0, a, sizeof a),
           class_text(pb, 1, b, sizeof b));
    printf("  %-22s %13zu (TN) %13zu (FP)\n", class_text(pb, 0, a, sizeof a), h->tn, h->fp);
    printf("  %-22s %13zu (FN) %13zu (TP)\n\n", class_text(pb, 1, b, sizeof b), h->fn, h->tp);
}

#define N_CUTS 9 /* thresholds t = 0.1, 0.2, ..., 0.9 */

static double cut(size_t k)
{
    return (double)(k + 1) / 10.0;
}

// [thresholds]
/* predict() says "positive" when P(positive) > 0.5 (scikit-learn's LabelBinarizer:
 * strictly above). Other thresholds trade one error for the other: count what each
 * would have done. */
static void count_at_cuts(const problem *pb, const holdout *h, size_t cut_tp[N_CUTS],
                          size_t cut_fp[N_CUTS])
{
    const double *score = h->score->data, *y_test = h->y_test;
    for (size_t k = 0; k < N_CUTS; k++)
        for (size_t i = 0; i < h->split.n_test; i++)
            if (score[i] > cut(k)) {
                bool sick = y_test[i] == pb->classes[1];
                cut_tp[k] += sick;
                cut_fp[k] += !sick;
            }
}
// [end thresholds]

static void print_thresholds(const problem *pb, const holdout *h)
{
    size_t cut_tp[N_CUTS] = {0}, cut_fp[N_CUTS] = {0};
    count_at_cuts(pb, h, cut_tp, cut_fp);
    size_t positives = h->tp + h->fn, negatives = h->tn + h->fp;
    printf("Other thresholds: predict %s when P(%s) > t (predict() uses t = 0.5):\n",
           pb->heart ? "disease" : "positive", pb->heart ? "disease" : "positive");
    /* The Statlog documentation prices a missed disease at 5 and a false alarm at 1. */
    printf("     t   recall   specificity   precision   missed   false alarms%s\n",
           pb->heart ? "   cost 5 FN + FP" : "");
    for (size_t k = 0; k < N_CUTS; k++) {
        size_t tp = cut_tp[k], fp = cut_fp[k];
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

nn_status print_holdout(const problem *pb, const holdout *h, uint32_t seed, double test_size,
                        nn_error *err)
{
    /* classification_report(y_test, y_pred, target_names=...), made before anything is
     * printed: its warnings (a class never predicted) come with the scores' own. */
    const char *names[2] = {pb->name[0], pb->name[1]};
    char *report;
    NN_TRY(nn_made(report = nn_metrics_classification_report(
                       h->y_test, h->pred->data, h->split.n_test, pb->heart ? names : NULL,
                       2, NN_ZERO_DIVISION_WARN, err),
                   err));
    print_training(pb, h, seed, test_size);
    print_scores(pb, h);
    print_confusion(pb, h);
    printf("Classification report:\n\n%s\n", report);
    nn_alloc_free(report);
    print_thresholds(pb, h);
    return NN_OK;
}

void print_cross_validation(const problem *pb, const double *scores, size_t folds,
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
nn_status repeat_splits(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                        double test_size, size_t splits, nn_error *err)
{
    double accuracy[MAX_SPLITS];
    printf("\n%zu random splits (random_state=%lu to %lu), each with its own scaler and "
           "network:\n",
           splits, (unsigned long)seed, (unsigned long)(seed + splits - 1));
    printf("  random_state   accuracy   precision   recall\n");
    for (size_t s = 0; s < splits; s++) {
        holdout h;
        NN_TRY(evaluate(pb, params, seed + (uint32_t)s, test_size, &h, err));
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

static const size_t WIDTHS[N_WIDTHS] = {1, 2, 4, 8, 14, 28, 56};

static void count_warning(const char *message, void *context)
{
    (void)message;
    ++*(size_t *)context;
}

/* Width k: the held-out test, then cross-validation. */
static nn_status sweep_one(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                           double test_size, size_t folds, size_t k, sweep *sw, nn_error *err)
{
    nn_mlp_params wide = *params;
    for (size_t l = 0; l < wide.n_hidden; l++)
        wide.hidden_layer_sizes[l] = WIDTHS[k];
    holdout h;
    NN_TRY(evaluate(pb, &wide, seed, test_size, &h, err));
    sw->width[k] = WIDTHS[k];
    sw->test[k] = h.accuracy;
    holdout_free(&h);
    double scores[MAX_FOLDS];
    NN_TRY(cross_validate(pb, &wide, seed, folds, scores, err));
    nn_cross_val_mean_std(scores, folds, &sw->cv_mean[k], &sw->cv_std[k]);
    printf("  %5zu   %13.3f   %.3f ± %.3f\n", WIDTHS[k], sw->test[k], sw->cv_mean[k],
           sw->cv_std[k]);
    return NN_OK;
}

nn_status run_sweep(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                    double test_size, size_t folds, sweep *sw, nn_error *err)
{
    sw->layers = params->n_hidden;
    printf("\nWidth sweep: %zu hidden layer%s of w units each; the test split above "
           "(random_state=%lu)\nand %zu-fold cross-validation:\n",
           sw->layers, sw->layers == 1 ? "" : "s", (unsigned long)seed, folds);
    printf("      w   test accuracy   cross-validated accuracy\n");
    size_t warnings = 0;
    nn_set_warning_handler(count_warning, &warnings); /* counted, not printed */
    nn_status status = NN_OK;
    for (size_t k = 0; k < N_WIDTHS && status == NN_OK; k++)
        status = sweep_one(pb, params, seed, test_size, folds, k, sw, err);
    nn_set_warning_handler(NULL, NULL);
    if (status == NN_OK) {
        printf("  (%zu networks trained: %zu widths, each on the split and on %zu folds",
               N_WIDTHS * (folds + 1), (size_t)N_WIDTHS, folds);
        if (warnings)
            printf("; %zu warning%s, such as a fit stopped by max_iter", warnings,
                   warnings == 1 ? "" : "s");
        printf(")\n");
    }
    sw->done = status == NN_OK;
    return status;
}
