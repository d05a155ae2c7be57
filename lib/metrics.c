/* metrics.c - classification metrics as scikit-learn 1.2 computes them (chapter 8).
 *
 * Most of a metric is counting; the rest is deciding what to do when a count is zero.
 * scikit-learn has settled those decisions, and a learner comparing the C program with
 * the Python tutorial should see the same numbers and the same warnings, so this file
 * follows sklearn/metrics/_classification.py and _ranking.py step by step:
 *
 *   1. checking labels and finding the classes (unique_labels);
 *   2. accuracy;
 *   3. the counts behind precision and recall, and the zero-division rule (_prf_divide);
 *   4. precision, recall and F1 with their averages (precision_recall_fscore_support);
 *   5. the confusion matrix and the classification report;
 *   6. the ROC curve and its area (_binary_clf_curve, roc_curve, auc);
 *   7. log-loss.
 *
 * Sums of several doubles (means, the ROC area, log-loss) are numpy's: pairwise sums in
 * numpy's order, which nn_matrix_sum implements, so the last digit agrees as well.
 */
#include "metrics.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* ------------------------------------------------------------------------------------
 * 1. Labels and classes
 *
 * Class labels arrive as doubles. They must be whole numbers (scikit-learn calls any
 * other float target "continuous" and refuses it) and small enough to be exact
 * integers, |y| <= 2^53.
 * --------------------------------------------------------------------------------- */
#define MAX_EXACT_LABEL 9007199254740992.0 /* 2^53 */

static nn_status check_labels(const double *y, size_t n, const char *name, nn_error *err)
{
    if (!y)
        return nn_error_set(err, NN_ERR_ARG, "%s must not be NULL", name);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y[i]) || y[i] != floor(y[i]) || fabs(y[i]) > MAX_EXACT_LABEL)
            return nn_error_set(err, NN_ERR_ARG,
                                "%s[%zu] = %.17g is not a class label: classification "
                                "metrics need whole-number labels (a score or probability "
                                "is not a predicted class)",
                                name, i, y[i]);
    return NN_OK;
}

static nn_status check_pair(const double *y_true, const double *y_pred, size_t n,
                            nn_error *err)
{
    if (n == 0)
        return nn_error_set(err, NN_ERR_ARG, "found empty input: at least one sample is "
                                             "required");
    if (check_labels(y_true, n, "y_true", err) != NN_OK ||
        check_labels(y_pred, n, "y_pred", err) != NN_OK)
        return NN_ERR_ARG;
    return NN_OK;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The sorted distinct values of a[0..na) and b[0..nb) (b may be NULL): a new array of
 * *k values. */
static double *unique_labels(const double *a, size_t na, const double *b, size_t nb,
                             size_t *k, nn_error *err)
{
    double *all = nn_alloc(na + nb, sizeof *all, "labels", err);
    if (!all)
        return NULL;
    memcpy(all, a, na * sizeof *a);
    if (b)
        memcpy(all + na, b, nb * sizeof *b);
    qsort(all, na + nb, sizeof *all, compare_doubles);
    size_t m = 0;
    for (size_t i = 0; i < na + nb; i++)
        if (m == 0 || all[i] != all[m - 1])
            all[m++] = all[i] == 0.0 ? 0.0 : all[i]; /* one zero, and not -0 */
    *k = m;
    return all;
}

/* Position of v in the sorted labels, or k if absent. */
static size_t label_index(const double *labels, size_t k, double v)
{
    size_t lo = 0, hi = k;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (labels[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < k && labels[lo] == v ? lo : k;
}

/* numpy's sum of x[0..n) (add.reduce on contiguous data: pairwise, from 0.0). */
static double numpy_sum(const double *x, size_t n)
{
    double total = 0.0;
    nn_matrix row = {1, n, (double *)x};
    nn_matrix out = {1, 1, &total};
    if (n > 0)
        nn_matrix_sum(&out, &row, 1, NULL);
    return total;
}

/* numpy's mean: the sum above divided by n. */
static double numpy_mean(const double *x, size_t n)
{
    return numpy_sum(x, n) / (double)n;
}

/* A label as Python prints a float64 (repr): "1.0", "-1.0", "0.5", "1e+16". Whole
 * numbers below 1e16 print as integers plus ".0"; anything else with the fewest
 * significant digits that read back to the same double. */
static void format_label(char *buf, size_t size, double label)
{
    if (label == floor(label) && fabs(label) < 1e16) {
        snprintf(buf, size, "%.0f.0", label);
        return;
    }
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(buf, size, "%.*g", digits, label);
        if (strtod(buf, NULL) == label)
            return;
    }
}

/* ------------------------------------------------------------------------------------
 * 2. Accuracy: the share of samples whose predicted label is the true one.
 * --------------------------------------------------------------------------------- */
nn_status nn_metrics_accuracy(const double *y_true, const double *y_pred, size_t n,
                              double *out, nn_error *err)
{
    nn_status status = check_pair(y_true, y_pred, n, err);
    if (status != NN_OK)
        return status;
    size_t correct = 0;
    for (size_t i = 0; i < n; i++)
        correct += y_true[i] == y_pred[i];
    *out = (double)correct / (double)n;
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * 3. Counts and the zero-division rule
 *
 * For each label l, count the true positives tp (true l, predicted l), the predicted
 * positives (predicted l) and the true positives plus misses (true l). Then
 *
 *     precision = tp / predicted          recall = tp / true
 *
 * When a denominator is 0, the ratio is undefined: a model that never predicts "disease"
 * has no precision for it. scikit-learn then returns zero_division (0 or 1) instead, and
 * in the default "warn" mode says so. The warning's wording depends on which scores the
 * caller asked for (precision_score warns about precision only, f1_score only when a
 * label is neither true nor predicted), so the caller passes what to warn for.
 * --------------------------------------------------------------------------------- */
enum { WARN_PRECISION = 1, WARN_RECALL = 2, WARN_FSCORE = 4 };

enum { AVG_NONE = -1 }; /* average=None: per-label results, no average */

static const char *average_name(int average)
{
    switch (average) {
    case NN_AVERAGE_BINARY: return "binary";
    case NN_AVERAGE_MICRO: return "micro";
    case NN_AVERAGE_MACRO: return "macro";
    case NN_AVERAGE_WEIGHTED: return "weighted";
    default: return "None";
    }
}

/* scikit-learn's _warn_prf: "due to" for one result, "in labels with" for several. */
static void warn_prf(const char *msg_start, const char *modifier, size_t result_size)
{
    nn_warn("%s ill-defined and being set to 0.0 %s no %s samples. Use `zero_division` "
            "parameter to control this behavior.",
            msg_start, result_size == 1 ? "due to" : "in labels with", modifier);
}

/* result[i] = num[i] / den[i], or the zero-division value where den[i] == 0 (and a
 * warning if the mode is "warn" and the caller asked for this metric). */
static void prf_divide(const double *num, const double *den, size_t k, double *result,
                       const char *metric, int metric_flag, const char *modifier,
                       nn_zero_division zd, int warn_for)
{
    int any_zero = 0;
    for (size_t i = 0; i < k; i++) {
        if (den[i] == 0.0) {
            any_zero = 1;
            result[i] = zd == NN_ZERO_DIVISION_1 ? 1.0 : 0.0;
        } else {
            result[i] = num[i] / den[i];
        }
    }
    if (!any_zero || zd != NN_ZERO_DIVISION_WARN || !(warn_for & metric_flag))
        return;
    char start[64];
    snprintf(start, sizeof start, "%s %s", metric,
             (warn_for & WARN_FSCORE) ? "and F-score are" : "is");
    warn_prf(start, modifier, k);
}

/* ------------------------------------------------------------------------------------
 * 4. Precision, recall and F1 (precision_recall_fscore_support)
 *
 * Which labels count: with average binary, only pos_label (which must be one of the
 * labels present, unless fewer than two are present); otherwise every label in y_true
 * or y_pred. Micro averaging pools the counts of all labels before dividing; macro
 * takes the plain mean of the per-label scores; weighted weighs each label by its
 * support, so that rare classes count less.
 *
 * F1 is the harmonic mean 2 p r / (p + r), computed from p and r after the
 * zero-division rule, as scikit-learn 1.2 does.
 * --------------------------------------------------------------------------------- */
typedef struct prf_result {
    size_t k;              /* labels scored */
    double *labels;
    double *precision, *recall, *f1, *support; /* k entries each */
    double avg_p, avg_r, avg_f; /* the averages, when average is not None */
} prf_result;

static void prf_result_free(prf_result *r)
{
    nn_alloc_free(r->labels);
    nn_alloc_free(r->precision);
    nn_alloc_free(r->recall);
    nn_alloc_free(r->f1);
    nn_alloc_free(r->support);
    memset(r, 0, sizeof *r);
}

/* Which labels to score, from the sorted labels present in y_true or y_pred. With average
 * binary, only pos_label: it must be one of the labels present, unless fewer than two are
 * (then labels[0] becomes pos_label and *k is 1). Otherwise all of them, and a pos_label
 * other than 1 is ignored with scikit-learn's note. */
static nn_status labels_to_score(double *labels, size_t *k, int average, double pos_label,
                                 nn_error *err)
{
    if (average == NN_AVERAGE_BINARY) {
        if (*k > 2)
            return nn_error_set(err, NN_ERR_ARG,
                                "target is multiclass but average='binary'; choose another "
                                "average setting, one of micro, macro or weighted");
        if (label_index(labels, *k, pos_label) == *k && *k >= 2) {
            char a[40], b[40];
            format_label(a, sizeof a, labels[0]);
            format_label(b, sizeof b, labels[1]);
            return nn_error_set(err, NN_ERR_ARG,
                                "pos_label=%g is not a valid label: it should be one of "
                                "[%s, %s]",
                                pos_label, a, b);
        }
        labels[0] = pos_label;
        *k = 1;
    } else if (average != AVG_NONE && pos_label != 1.0) {
        char label[40];
        format_label(label, sizeof label, pos_label);
        nn_warn("Note that pos_label (set to %s) is ignored when average != 'binary' (got "
                "'%s'). You may use labels=[pos_label] to specify a single positive class.",
                label, average_name(average));
    }
    return NN_OK;
}

/* The counts of each of the k labels, in one new block of 3k: tp[0..k) true positives,
 * then predicted[0..k) and actual[0..k), the samples predicted as and truly of it. */
static double *count_labels(const double *y_true, const double *y_pred, size_t n,
                            const double *labels, size_t k, nn_error *err)
{
    double *tp = nn_alloc(3 * k, sizeof *tp, "label counts", err);
    if (!tp)
        return NULL;
    double *predicted = tp + k, *actual = tp + 2 * k;
    for (size_t i = 0; i < n; i++) {
        size_t t = label_index(labels, k, y_true[i]);
        size_t p = label_index(labels, k, y_pred[i]);
        if (t < k)
            actual[t] += 1.0;
        if (p < k)
            predicted[p] += 1.0;
        if (t < k && t == p)
            tp[t] += 1.0;
    }
    return tp;
}

/* Micro averaging pools the counts of all k labels into entry 0 of each. */
static void pool_counts(double *tp, double *predicted, double *actual, size_t k)
{
    for (size_t j = 1; j < k; j++) {
        tp[0] += tp[j];
        predicted[0] += predicted[j];
        actual[0] += actual[j];
    }
}

/* Room for m scores of each kind in res. */
static nn_status prf_result_alloc(prf_result *res, size_t m, nn_error *err)
{
    res->precision = nn_alloc(m, sizeof(double), "precision", err);
    res->recall = res->precision ? nn_alloc(m, sizeof(double), "recall", err) : NULL;
    res->f1 = res->recall ? nn_alloc(m, sizeof(double), "f1", err) : NULL;
    res->support = res->f1 ? nn_alloc(m, sizeof(double), "support", err) : NULL;
    return res->support ? NN_OK : NN_ERR_NOMEM;
}

/* Precision and recall with the zero-division rule, then F1 = 2 p r / (p + r), for the
 * m entries of the counts. */
static void prf_scores(prf_result *res, const double *tp, const double *predicted,
                       const double *actual, size_t m, nn_zero_division zd, int warn_for)
{
    prf_divide(tp, predicted, m, res->precision, "Precision", WARN_PRECISION, "predicted",
               zd, warn_for);
    prf_divide(tp, actual, m, res->recall, "Recall", WARN_RECALL, "true", zd, warn_for);
    if (zd == NN_ZERO_DIVISION_WARN && warn_for == WARN_FSCORE) {
        for (size_t j = 0; j < m; j++)
            if (actual[j] == 0.0 && predicted[j] == 0.0) {
                warn_prf("F-score is", "true nor predicted", m);
                break;
            }
    }
    for (size_t j = 0; j < m; j++) {
        double p = res->precision[j], r = res->recall[j];
        double denom = p + r; /* beta^2 p + r with beta = 1 */
        if (denom == 0.0)
            denom = 1.0;
        double twice_p = 2.0 * p;
        double numerator = twice_p * r;
        res->f1[j] = numerator / denom;
    }
}

/* The averages of the m scores: weighted by the k supports actual[], or plain means
 * (macro, and micro's single pooled score). scratch has room for k values. */
static void prf_averages(prf_result *res, int average, const double *actual, size_t k,
                         size_t m, double *scratch)
{
    if (average == NN_AVERAGE_WEIGHTED) {
        /* The weights are the supports, which add up to n > 0 here: every label present
         * in y_true is scored. (scikit-learn also handles an all-zero weight sum, which
         * only arises with a caller-chosen label list.) */
        double weight_total = numpy_sum(actual, k);
        double *weighted = scratch;
        for (size_t j = 0; j < k; j++)
            weighted[j] = res->precision[j] * actual[j];
        res->avg_p = numpy_sum(weighted, k) / weight_total;
        for (size_t j = 0; j < k; j++)
            weighted[j] = res->recall[j] * actual[j];
        res->avg_r = numpy_sum(weighted, k) / weight_total;
        for (size_t j = 0; j < k; j++)
            weighted[j] = res->f1[j] * actual[j];
        res->avg_f = numpy_sum(weighted, k) / weight_total;
    } else if (average != AVG_NONE) {
        res->avg_p = numpy_mean(res->precision, m);
        res->avg_r = numpy_mean(res->recall, m);
        res->avg_f = numpy_mean(res->f1, m);
    }
}

/* precision_recall_fscore_support: the labels to score, their counts, the scores and
 * their averages. */
static nn_status prfs(const double *y_true, const double *y_pred, size_t n, int average,
                      double pos_label, nn_zero_division zd, int warn_for, prf_result *res,
                      nn_error *err)
{
    memset(res, 0, sizeof *res);
    nn_status status = check_pair(y_true, y_pred, n, err);
    if (status != NN_OK)
        return status;
    size_t k;
    double *labels = unique_labels(y_true, n, y_pred, n, &k, err);
    if (!labels)
        return NN_ERR_NOMEM;
    status = labels_to_score(labels, &k, average, pos_label, err);
    if (status != NN_OK) {
        nn_alloc_free(labels);
        return status;
    }
    res->labels = labels;
    res->k = k;

    double *tp = count_labels(y_true, y_pred, n, labels, k, err);
    if (!tp) {
        prf_result_free(res);
        return NN_ERR_NOMEM;
    }
    double *predicted = tp + k, *actual = tp + 2 * k;
    size_t m = k; /* how many scores: one per label, or one pooled (micro) */
    if (average == NN_AVERAGE_MICRO) {
        pool_counts(tp, predicted, actual, k);
        m = 1;
    }
    if (prf_result_alloc(res, m, err) != NN_OK) {
        nn_alloc_free(tp);
        prf_result_free(res);
        return NN_ERR_NOMEM;
    }
    memcpy(res->support, actual, m * sizeof(double));
    prf_scores(res, tp, predicted, actual, m, zd, warn_for);
    prf_averages(res, average, actual, k, m, tp); /* the counts are no longer needed */
    nn_alloc_free(tp);
    return NN_OK;
}

nn_prf_options nn_prf_defaults(void)
{
    nn_prf_options opt = {NN_AVERAGE_BINARY, 1.0, NN_ZERO_DIVISION_WARN};
    return opt;
}

/* The three public scores share prfs and differ in what they warn about. */
static nn_status one_score(const double *y_true, const double *y_pred, size_t n,
                           const nn_prf_options *opt, int which, double *out, nn_error *err)
{
    nn_prf_options o = opt ? *opt : nn_prf_defaults();
    if ((int)o.average < NN_AVERAGE_BINARY || o.average > NN_AVERAGE_WEIGHTED)
        return nn_error_set(err, NN_ERR_ARG, "unknown average %d", (int)o.average);
    if (!out)
        return nn_error_set(err, NN_ERR_ARG, "out must not be NULL");
    prf_result res;
    nn_status status = prfs(y_true, y_pred, n, (int)o.average, o.pos_label, o.zero_division,
                            which, &res, err);
    if (status != NN_OK)
        return status;
    *out = which == WARN_PRECISION ? res.avg_p : which == WARN_RECALL ? res.avg_r : res.avg_f;
    prf_result_free(&res);
    return NN_OK;
}

nn_status nn_metrics_precision(const double *y_true, const double *y_pred, size_t n,
                               const nn_prf_options *opt, double *out, nn_error *err)
{
    return one_score(y_true, y_pred, n, opt, WARN_PRECISION, out, err);
}

nn_status nn_metrics_recall(const double *y_true, const double *y_pred, size_t n,
                            const nn_prf_options *opt, double *out, nn_error *err)
{
    return one_score(y_true, y_pred, n, opt, WARN_RECALL, out, err);
}

nn_status nn_metrics_f1(const double *y_true, const double *y_pred, size_t n,
                        const nn_prf_options *opt, double *out, nn_error *err)
{
    return one_score(y_true, y_pred, n, opt, WARN_FSCORE, out, err);
}

nn_status nn_metrics_per_label(const double *y_true, const double *y_pred, size_t n,
                               nn_zero_division zero_division, nn_prf *out, nn_error *err)
{
    if (!out)
        return nn_error_set(err, NN_ERR_ARG, "out must not be NULL");
    memset(out, 0, sizeof *out);
    prf_result res;
    nn_status status = prfs(y_true, y_pred, n, AVG_NONE, 1.0, zero_division,
                            WARN_PRECISION | WARN_RECALL | WARN_FSCORE, &res, err);
    if (status != NN_OK)
        return status;
    size_t *support = nn_alloc(res.k, sizeof *support, "support", err);
    if (!support) {
        prf_result_free(&res);
        return NN_ERR_NOMEM;
    }
    for (size_t j = 0; j < res.k; j++)
        support[j] = (size_t)res.support[j];
    out->n_labels = res.k;
    out->labels = res.labels;
    out->precision = res.precision;
    out->recall = res.recall;
    out->f1 = res.f1;
    out->support = support;
    nn_alloc_free(res.support);
    return NN_OK;
}

void nn_prf_free(nn_prf *prf)
{
    if (!prf)
        return;
    nn_alloc_free(prf->labels);
    nn_alloc_free(prf->precision);
    nn_alloc_free(prf->recall);
    nn_alloc_free(prf->f1);
    nn_alloc_free(prf->support);
    memset(prf, 0, sizeof *prf);
}

/* ------------------------------------------------------------------------------------
 * 5. The confusion matrix and the classification report
 *
 * The confusion matrix is the table behind all of the above: row i, column j counts
 * the samples of true class i predicted as class j. The diagonal holds the hits; for
 * -1/+1 labels, the top-right cell holds the false alarms and the bottom-left the
 * missed cases, the cell a doctor worries about most.
 * --------------------------------------------------------------------------------- */
// [confusion matrix]
nn_status nn_metrics_confusion_matrix(const double *y_true, const double *y_pred, size_t n,
                                      nn_confusion *out, nn_error *err)
{
    if (!out)
        return nn_error_set(err, NN_ERR_ARG, "out must not be NULL");
    memset(out, 0, sizeof *out);
    nn_status status = check_pair(y_true, y_pred, n, err);
    if (status != NN_OK)
        return status;
    size_t k;
    double *labels = unique_labels(y_true, n, y_pred, n, &k, err);
    if (!labels)
        return NN_ERR_NOMEM;
    size_t *counts = nn_alloc(k * k, sizeof *counts, "confusion matrix", err);
    if (!counts) {
        nn_alloc_free(labels);
        return NN_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        counts[label_index(labels, k, y_true[i]) * k + label_index(labels, k, y_pred[i])]++;
    out->n_labels = k;
    out->labels = labels;
    out->counts = counts;
    return NN_OK;
}
// [end confusion matrix]

void nn_confusion_free(nn_confusion *cm)
{
    if (!cm)
        return;
    nn_alloc_free(cm->labels);
    nn_alloc_free(cm->counts);
    memset(cm, 0, sizeof *cm);
}

/* A growing string for the report. */
typedef struct text {
    char *data;
    size_t len, cap;
    nn_status status;
    nn_error *err;
} text;

static void text_add(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void text_add(text *t, const char *fmt, ...)
{
    if (t->status != NN_OK)
        return;
    va_list ap;
    va_start(ap, fmt);
    int need = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (need < 0) {
        t->status = nn_error_set(t->err, NN_ERR_ARG, "classification_report: bad format");
        return;
    }
    if (t->len + (size_t)need + 1 > t->cap) {
        size_t cap = (t->len + (size_t)need + 1) * 2;
        char *bigger = nn_alloc(cap, 1, "classification report", t->err);
        if (!bigger) {
            t->status = NN_ERR_NOMEM;
            return;
        }
        if (t->data)
            memcpy(bigger, t->data, t->len + 1);
        nn_alloc_free(t->data);
        t->data = bigger;
        t->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(t->data + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)need;
}

/* The report is scikit-learn's format strings turned into printf ones:
 *     header  "{:>{width}s} " + " {:>9}" * 4
 *     row     "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}"
 * with width = max(longest name, len("weighted avg"), digits). The accuracy row leaves
 * the precision and recall columns blank, since micro-averaged precision, recall and
 * F1 all equal the accuracy for single-label problems. The per-label scores and the
 * three averages are computed by four calls of prfs, just as scikit-learn makes four
 * calls, so the warnings come out the same too.
 *
 * One quirk is kept on purpose: when not a single prediction is right, scikit-learn's
 * counts take a floating-point path ("pathological case" in multilabel_confusion_matrix)
 * and the supports print as "2.0" instead of "2". */
char *nn_metrics_classification_report(const double *y_true, const double *y_pred, size_t n,
                                       const char *const *target_names, int digits,
                                       nn_zero_division zero_division, nn_error *err)
{
    if (digits < 0 || digits > 15) {
        nn_error_set(err, NN_ERR_ARG, "classification_report: digits=%d is not in 0 .. 15",
                     digits);
        return NULL;
    }
    const int all = WARN_PRECISION | WARN_RECALL | WARN_FSCORE;
    prf_result per;
    if (prfs(y_true, y_pred, n, AVG_NONE, 1.0, zero_division, all, &per, err) != NN_OK)
        return NULL;
    size_t k = per.k;

    /* Names and column width. */
    char (*names)[40] = nn_alloc(k, sizeof *names, "label names", err);
    if (!names) {
        prf_result_free(&per);
        return NULL;
    }
    size_t width = strlen("weighted avg");
    if ((size_t)digits > width)
        width = (size_t)digits;
    for (size_t j = 0; j < k; j++) {
        if (!target_names)
            format_label(names[j], sizeof names[j], per.labels[j]);
        const char *name = target_names ? target_names[j] : names[j];
        size_t len = strlen(name ? name : "");
        width = len > width ? len : width;
    }

    int any_right = 0;
    for (size_t i = 0; i < n && !any_right; i++)
        any_right = y_true[i] == y_pred[i];
    const char *support_fmt = any_right ? "%zu" : "%zu.0";

    text t = {NULL, 0, 0, NN_OK, err};
    int w = (int)width;
    text_add(&t, "%*s  %9s %9s %9s %9s\n\n", w, "", "precision", "recall", "f1-score",
             "support");
    size_t total_support = 0;
    for (size_t j = 0; j < k; j++) {
        const char *name = target_names ? target_names[j] : names[j];
        char support[32];
        snprintf(support, sizeof support, support_fmt, (size_t)per.support[j]);
        text_add(&t, "%*s  %9.*f %9.*f %9.*f %9s\n", w, name ? name : "", digits,
                 per.precision[j], digits, per.recall[j], digits, per.f1[j], support);
        total_support += (size_t)per.support[j];
    }
    text_add(&t, "\n");

    const int averages[] = {NN_AVERAGE_MICRO, NN_AVERAGE_MACRO, NN_AVERAGE_WEIGHTED};
    for (size_t a = 0; a < 3 && t.status == NN_OK; a++) {
        prf_result avg;
        t.status = prfs(y_true, y_pred, n, averages[a], 1.0, zero_division, all, &avg, err);
        if (t.status != NN_OK)
            break;
        char support[32];
        snprintf(support, sizeof support, support_fmt, total_support);
        if (averages[a] == NN_AVERAGE_MICRO)
            text_add(&t, "%*s  %9s %9s %9.*f %9s\n", w, "accuracy", "", "", digits, avg.avg_f,
                     support);
        else
            text_add(&t, "%*s  %9.*f %9.*f %9.*f %9s\n", w,
                     averages[a] == NN_AVERAGE_MACRO ? "macro avg" : "weighted avg", digits,
                     avg.avg_p, digits, avg.avg_r, digits, avg.avg_f, support);
        prf_result_free(&avg);
    }
    nn_alloc_free(names);
    prf_result_free(&per);
    if (t.status != NN_OK) {
        nn_alloc_free(t.data);
        return NULL;
    }
    return t.data;
}

/* ------------------------------------------------------------------------------------
 * 6. ROC curve and area
 *
 * A classifier that outputs a score (a probability of disease, say) becomes a yes/no
 * test once we pick a threshold: "positive if score >= t". Each threshold gives one
 * true positive rate (the share of sick patients caught) and one false positive rate
 * (the share of healthy patients alarmed). Sweeping t from high to low traces the ROC
 * curve from (0, 0) to (1, 1).
 *
 * Sort the samples by decreasing score; the running count of positives and negatives
 * at each distinct score gives the points (ties are one point: a threshold cannot split
 * equal scores). drop_intermediate removes points lying on a straight segment between
 * their neighbours, which change nothing in the plot or the area. A first point (0, 0)
 * is added with threshold max score + 1 (scikit-learn 1.2's choice).
 *
 * The area under the curve (AUC) is the trapezoidal rule on those points. It is the
 * probability that a random positive outscores a random negative: 0.5 is guessing,
 * 1.0 a perfect ranking.
 * --------------------------------------------------------------------------------- */
void nn_roc_free(nn_roc *roc)
{
    if (!roc)
        return;
    nn_alloc_free(roc->fpr);
    nn_alloc_free(roc->tpr);
    nn_alloc_free(roc->thresholds);
    memset(roc, 0, sizeof *roc);
}

/* Decreasing score; equal scores keep the reverse of their original order, as
 * numpy's argsort(kind="mergesort")[::-1] leaves them (it does not change any point). */
typedef struct scored {
    double score;
    size_t index;
    int positive;
} scored;

static int by_decreasing_score(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->index < y->index) - (x->index > y->index);
}

/* drop_intermediate: drops the points where neither count bends (second differences
 * both zero) from the m points, and returns how many are left. The points are compacted
 * in place, so the previous point's original counts are kept aside before its slot can
 * be reused. */
static size_t drop_straight_points(double *fps, double *tps, double *thr, size_t m)
{
    size_t kept = 2; /* index 0 is (0, 0); the first real point is always kept */
    double prev_f = fps[1], prev_t = tps[1];
    for (size_t i = 2; i < m - 1; i++) {
        double d2f = (fps[i + 1] - fps[i]) - (fps[i] - prev_f);
        double d2t = (tps[i + 1] - tps[i]) - (tps[i] - prev_t);
        prev_f = fps[i];
        prev_t = tps[i];
        if (d2f != 0.0 || d2t != 0.0) {
            fps[kept] = fps[i];
            tps[kept] = tps[i];
            thr[kept] = thr[i];
            kept++;
        }
    }
    fps[kept] = fps[m - 1]; /* and so is the last */
    tps[kept] = tps[m - 1];
    thr[kept] = thr[m - 1];
    return kept + 1;
}

nn_status nn_metrics_roc_curve(const double *y_true, const double *y_score, size_t n,
                               double pos_label, int drop_intermediate, nn_roc *out,
                               nn_error *err)
{
    if (!out)
        return nn_error_set(err, NN_ERR_ARG, "out must not be NULL");
    memset(out, 0, sizeof *out);
    if (n == 0)
        return nn_error_set(err, NN_ERR_ARG, "found empty input: at least one sample is "
                                             "required");
    nn_status status = check_labels(y_true, n, "y_true", err);
    if (status != NN_OK)
        return status;
    if (!y_score)
        return nn_error_set(err, NN_ERR_ARG, "y_score must not be NULL");
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y_score[i]))
            return nn_error_set(err, NN_ERR_NUMERIC,
                                "y_score[%zu] is %g: scores must be finite", i, y_score[i]);

    scored *s = nn_alloc(n, sizeof *s, "sorted scores", err);
    double *fps = s ? nn_alloc(n + 1, sizeof *fps, "false positives", err) : NULL;
    double *tps = fps ? nn_alloc(n + 1, sizeof *tps, "true positives", err) : NULL;
    double *thr = tps ? nn_alloc(n + 1, sizeof *thr, "thresholds", err) : NULL;
    if (!thr) {
        nn_alloc_free(s);
        nn_alloc_free(fps);
        nn_alloc_free(tps);
        return NN_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        s[i].score = y_score[i];
        s[i].index = i;
        s[i].positive = y_true[i] == pos_label;
    }
    qsort(s, n, sizeof *s, by_decreasing_score);

    /* One point per distinct score (the last sample of each run of ties), after the
     * leading (0, 0) at index 0. */
    size_t m = 1;
    double positives = 0.0;
    for (size_t i = 0; i < n; i++) {
        positives += s[i].positive ? 1.0 : 0.0;
        if (i + 1 == n || s[i + 1].score != s[i].score) {
            tps[m] = positives;
            fps[m] = 1.0 + (double)i - positives;
            thr[m] = s[i].score;
            m++;
        }
    }

    if (drop_intermediate && m - 1 > 2)
        m = drop_straight_points(fps, tps, thr, m);
    tps[0] = fps[0] = 0.0;
    thr[0] = thr[1] + 1.0;

    double all_negatives = fps[m - 1], all_positives = tps[m - 1];
    if (all_negatives <= 0.0)
        nn_warn("No negative samples in y_true, false positive value should be meaningless");
    if (all_positives <= 0.0)
        nn_warn("No positive samples in y_true, true positive value should be meaningless");
    for (size_t i = 0; i < m; i++) {
        fps[i] = all_negatives <= 0.0 ? NAN : fps[i] / all_negatives;
        tps[i] = all_positives <= 0.0 ? NAN : tps[i] / all_positives;
    }
    nn_alloc_free(s);
    out->n = m;
    out->fpr = fps;
    out->tpr = tps;
    out->thresholds = thr;
    return NN_OK;
}

/* The area under the curve, by trapezoids: numpy's trapz(tpr, fpr) =
 * sum((fpr[k+1] - fpr[k]) * (tpr[k+1] + tpr[k]) / 2.0), summed as numpy sums. */
// [roc auc]
nn_status nn_metrics_roc_auc(const double *y_true, const double *y_score, size_t n,
                             double *out, nn_error *err)
{
    if (!out)
        return nn_error_set(err, NN_ERR_ARG, "out must not be NULL");
    if (n == 0)
        return nn_error_set(err, NN_ERR_ARG, "found empty input: at least one sample is "
                                             "required");
    nn_status status = check_labels(y_true, n, "y_true", err);
    if (status != NN_OK)
        return status;
    size_t k;
    double *labels = unique_labels(y_true, n, NULL, 0, &k, err);
    if (!labels)
        return NN_ERR_NOMEM;
    double positive = labels[k - 1];
    nn_alloc_free(labels);
    if (k == 1)
        return nn_error_set(err, NN_ERR_ARG, "only one class present in y_true: ROC AUC score "
                                             "is not defined in that case");
    if (k > 2)
        return nn_error_set(err, NN_ERR_ARG,
                            "y_true has %zu classes: ROC AUC needs exactly two (one score "
                            "per sample is the score of the larger label)",
                            k);

    nn_roc roc;
    status = nn_metrics_roc_curve(y_true, y_score, n, positive, 1, &roc, err);
    if (status != NN_OK)
        return status;
    double *areas = nn_alloc(roc.n - 1, sizeof *areas, "trapezoids", err);
    if (!areas) {
        nn_roc_free(&roc);
        return NN_ERR_NOMEM;
    }
    for (size_t i = 0; i + 1 < roc.n; i++) {
        double width = roc.fpr[i + 1] - roc.fpr[i];
        double heights = roc.tpr[i + 1] + roc.tpr[i];
        double product = width * heights;
        areas[i] = product / 2.0;
    }
    *out = numpy_sum(areas, roc.n - 1);
    nn_alloc_free(areas);
    nn_roc_free(&roc);
    return NN_OK;
}
// [end roc auc]

/* ------------------------------------------------------------------------------------
 * 7. Log-loss
 *
 * Accuracy only asks whether the most likely class was right. Log-loss (cross-entropy)
 * asks how much probability the model gave to the truth: -log q for each sample, where
 * q is the probability of its true class, averaged. A confident wrong answer (q near 0)
 * costs a lot; q = 0 would cost infinity, so probabilities are first clipped to
 * [eps, 1 - eps] with eps = 2^-52, which caps one sample's loss at about 36.04. Each
 * row is then divided by its sum, so that rows which do not add up to 1 are treated as
 * relative weights. This is the loss that nn_mlp minimises during training.
 * --------------------------------------------------------------------------------- */
static nn_status log_loss_rows(const double *y_true, const double *proba, size_t n,
                               size_t n_columns, int one_dimensional, double *out,
                               nn_error *err)
{
    if (!out || !proba)
        return nn_error_set(err, NN_ERR_ARG, "proba and out must not be NULL");
    if (n == 0)
        return nn_error_set(err, NN_ERR_ARG, "found empty input: at least one sample is "
                                             "required");
    nn_status status = check_labels(y_true, n, "y_true", err);
    if (status != NN_OK)
        return status;
    size_t values = one_dimensional ? n : n * n_columns;
    for (size_t i = 0; i < values; i++)
        if (!isfinite(proba[i]))
            return nn_error_set(err, NN_ERR_NUMERIC,
                                "proba[%zu] is %g: probabilities must be finite", i, proba[i]);
    size_t k;
    double *labels = unique_labels(y_true, n, NULL, 0, &k, err);
    if (!labels)
        return NN_ERR_NOMEM;
    if (k == 1) {
        char label[40];
        format_label(label, sizeof label, labels[0]);
        nn_alloc_free(labels);
        return nn_error_set(err, NN_ERR_ARG,
                            "y_true contains only one label (%s): log-loss needs at least "
                            "two classes",
                            label);
    }
    size_t columns = one_dimensional ? 2 : n_columns;
    if (columns != k) {
        nn_alloc_free(labels);
        return nn_error_set(err, NN_ERR_SHAPE,
                            "y_true and proba contain different numbers of classes: %zu and "
                            "%zu",
                            k, columns);
    }

    const double eps = DBL_EPSILON, top = 1.0 - DBL_EPSILON;
    double *row = nn_alloc(columns, sizeof *row, "probability row", err);
    double *loss = row ? nn_alloc(n, sizeof *loss, "losses", err) : NULL;
    if (!loss) {
        nn_alloc_free(labels);
        nn_alloc_free(row);
        return NN_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        /* the row of class probabilities, clipped */
        if (one_dimensional) {
            double p = proba[i] < eps ? eps : (proba[i] > top ? top : proba[i]);
            row[0] = 1.0 - p;
            row[1] = p;
        } else {
            for (size_t j = 0; j < columns; j++) {
                double p = proba[i * columns + j];
                row[j] = p < eps ? eps : (p > top ? top : p);
            }
        }
        double total = numpy_sum(row, columns);
        size_t truth = label_index(labels, k, y_true[i]);
        double q = row[truth] / total;
        loss[i] = -log(q);
    }
    *out = numpy_mean(loss, n);
    nn_alloc_free(labels);
    nn_alloc_free(row);
    nn_alloc_free(loss);
    return NN_OK;
}

nn_status nn_metrics_log_loss(const double *y_true, const double *proba, size_t n,
                              double *out, nn_error *err)
{
    return log_loss_rows(y_true, proba, n, 2, 1, out, err);
}

nn_status nn_metrics_log_loss_proba(const double *y_true, const nn_matrix *proba, double *out,
                                    nn_error *err)
{
    if (!proba)
        return nn_error_set(err, NN_ERR_ARG, "proba must not be NULL");
    if (proba->cols == 1)
        return log_loss_rows(y_true, proba->data, proba->rows, 2, 1, out, err);
    return log_loss_rows(y_true, proba->data, proba->rows, proba->cols, 0, out, err);
}
