/* metrics.h - how good is a classifier? Accuracy, precision, recall, F1, the confusion
 * matrix, scikit-learn's classification report, ROC curves and log-loss.
 *
 * Chapter 8 ends with numbers that a doctor might read, so they must mean exactly what
 * scikit-learn's mean. Every function here reproduces scikit-learn 1.2's result for the
 * same input, including its rules for the awkward cases: a class that is never
 * predicted (precision 0/0), a class that never occurs (recall 0/0), a single class in
 * y_true. Those cases follow the zero_division setting and, in the default "warn"
 * mode, send scikit-learn's UndefinedMetricWarning text to nn_warn.
 *
 *     double acc, prec;
 *     nn_metrics_accuracy(y_test, y_pred, n, &acc, &err);
 *     nn_metrics_precision(y_test, y_pred, n, NULL, &prec, &err);  // binary, pos_label 1
 *     char *report = nn_metrics_classification_report(y_test, y_pred, n, NULL, 2,
 *                                                     NN_ZERO_DIVISION_WARN, &err);
 *     fputs(report, stdout);
 *     nn_alloc_free(report);
 *
 * Labels are doubles holding whole numbers (-1/+1, 0/1, 0..9), as scikit-learn's
 * classification metrics require: a fractional label, NaN or infinity is NN_ERR_ARG
 * (a probability passed where a predicted class belongs is the usual cause). Scores and
 * probabilities must be finite (NN_ERR_NUMERIC otherwise). Empty inputs are NN_ERR_ARG.
 * Results that are arrays are allocated; each kind has its _free function. Numbers in
 * the report are printed with printf, whose decimal mark follows LC_NUMERIC: "0.67" in
 * the C locale that every C program starts in (the library never calls setlocale).
 */
#ifndef NN_METRICS_H
#define NN_METRICS_H

#include <stddef.h>

#include "error.h"
#include "matrix.h"

/* ---- Accuracy -------------------------------------------------------------------------- */

/* The fraction of exact matches: accuracy = #{i : y_true[i] == y_pred[i]} / n. */
nn_status nn_metrics_accuracy(const double *y_true, const double *y_pred, size_t n,
                              double *out, nn_error *err);

/* ---- Precision, recall, F1 ------------------------------------------------------------- */

/* How per-label scores are combined into one number (scikit-learn's `average`). */
typedef enum nn_average {
    NN_AVERAGE_BINARY = 0, /* the score of pos_label alone (needs at most two labels) */
    NN_AVERAGE_MICRO,      /* pool all labels' counts, then divide */
    NN_AVERAGE_MACRO,      /* the plain mean of the per-label scores */
    NN_AVERAGE_WEIGHTED    /* the mean weighted by each label's support (true count) */
} nn_average;

/* What a 0/0 score becomes (a label never predicted, or never true). */
typedef enum nn_zero_division {
    NN_ZERO_DIVISION_WARN = 0, /* 0, plus scikit-learn's warning through nn_warn */
    NN_ZERO_DIVISION_0,        /* 0, silently */
    NN_ZERO_DIVISION_1         /* 1, silently */
} nn_zero_division;

/* Options of precision, recall and F1. NULL means the defaults of scikit-learn:
 * average binary, pos_label 1, zero_division "warn" (nn_prf_defaults()). */
typedef struct nn_prf_options {
    nn_average average;
    double pos_label;  /* the positive class for NN_AVERAGE_BINARY */
    nn_zero_division zero_division;
} nn_prf_options;

/* {NN_AVERAGE_BINARY, 1.0, NN_ZERO_DIVISION_WARN}. */
nn_prf_options nn_prf_defaults(void);

/* Precision, the share of predicted positives that are right: tp / (tp + fp).
 * For a label l: tp = #{y_true = l and y_pred = l}, fp = #{y_true != l, y_pred = l}.
 * NN_ERR_ARG for average binary with more than two labels, or a pos_label that is not
 * one of the two present. */
nn_status nn_metrics_precision(const double *y_true, const double *y_pred, size_t n,
                               const nn_prf_options *opt, double *out, nn_error *err);

/* Recall (sensitivity), the share of actual positives found: tp / (tp + fn),
 * fn = #{y_true = l, y_pred != l}. Same rules as precision. */
nn_status nn_metrics_recall(const double *y_true, const double *y_pred, size_t n,
                            const nn_prf_options *opt, double *out, nn_error *err);

/* F1, the harmonic mean of precision p and recall r: F1 = 2 p r / (p + r), 0 when
 * p + r = 0; p and r are taken after the zero_division rule, so with
 * NN_ZERO_DIVISION_1 a label neither true nor predicted scores 1. */
nn_status nn_metrics_f1(const double *y_true, const double *y_pred, size_t n,
                        const nn_prf_options *opt, double *out, nn_error *err);

/* Per-label scores (precision_recall_fscore_support with average=None). */
typedef struct nn_prf {
    size_t n_labels;
    double *labels;     /* the sorted union of the labels in y_true and y_pred */
    double *precision;  /* one entry per label */
    double *recall;
    double *f1;
    size_t *support;    /* how many times each label occurs in y_true */
} nn_prf;

/* Fills *out with every label's precision, recall, F1 and support. Free with
 * nn_prf_free. */
nn_status nn_metrics_per_label(const double *y_true, const double *y_pred, size_t n,
                               nn_zero_division zero_division, nn_prf *out, nn_error *err);

/* Frees the arrays of *prf and zeroes it; NULL is a no-op. */
void nn_prf_free(nn_prf *prf);

/* ---- Confusion matrix and report ------------------------------------------------------- */

/* counts[i * n_labels + j] = #{y_true = labels[i] and y_pred = labels[j]}: rows are the
 * truth, columns the prediction, labels sorted (for -1/+1: row 0 is -1). */
typedef struct nn_confusion {
    size_t n_labels;
    double *labels;
    size_t *counts;  /* n_labels x n_labels, row-major */
} nn_confusion;

/* The confusion matrix over the sorted union of labels. Free with nn_confusion_free. */
nn_status nn_metrics_confusion_matrix(const double *y_true, const double *y_pred, size_t n,
                                      nn_confusion *out, nn_error *err);

/* Frees the arrays of *cm and zeroes it; NULL is a no-op. */
void nn_confusion_free(nn_confusion *cm);

/* classification_report(y_true, y_pred, digits, target_names, zero_division) as
 * scikit-learn prints it, character for character: one row per label (precision,
 * recall, f1-score, support), then accuracy, macro avg and weighted avg. Labels are
 * named as Python names a float64 label ("1.0", "-1.0") unless target_names gives one
 * name per sorted label (widths count bytes: use ASCII names). digits is 0 .. 15.
 * Returns a new string (free with nn_alloc_free), or NULL on error. */
char *nn_metrics_classification_report(const double *y_true, const double *y_pred, size_t n,
                                       const char *const *target_names, int digits,
                                       nn_zero_division zero_division, nn_error *err);

/* ---- ROC ------------------------------------------------------------------------------- */

/* Points of a ROC curve, from (0, 0) to (1, 1). */
typedef struct nn_roc {
    size_t n;
    double *fpr;         /* false positive rate fp / (fp + tn) at each threshold */
    double *tpr;         /* true positive rate tp / (tp + fn) (recall) */
    double *thresholds;  /* decreasing; thresholds[0] = max score + 1 (scikit-learn 1.2) */
} nn_roc;

/* roc_curve(y_true, y_score, pos_label, drop_intermediate): one point per distinct score
 * (predict positive when score >= threshold), with drop_intermediate removing points on
 * a straight segment between their neighbours. With no negatives (or no positives) in
 * y_true, fpr (or tpr) is all NaN and nn_warn says why, as in scikit-learn. Free with
 * nn_roc_free. */
nn_status nn_metrics_roc_curve(const double *y_true, const double *y_score, size_t n,
                               double pos_label, int drop_intermediate, nn_roc *out,
                               nn_error *err);

/* Frees the arrays of *roc and zeroes it; NULL is a no-op. */
void nn_roc_free(nn_roc *roc);

/* roc_auc_score: the area under the ROC curve by the trapezoidal rule,
 * AUC = sum_k (fpr[k+1] - fpr[k]) (tpr[k+1] + tpr[k]) / 2, the probability that a random
 * positive scores above a random negative (ties count one half). y_true must hold
 * exactly two labels; the larger one is positive. */
nn_status nn_metrics_roc_auc(const double *y_true, const double *y_score, size_t n,
                             double *out, nn_error *err);

/* ---- Log-loss -------------------------------------------------------------------------- */

/* log_loss with proba[i] = the predicted probability of the larger of y_true's two
 * labels: L = -(1/n) sum_i log q_i, q_i the probability given to the true label, after
 * clipping to [eps, 1 - eps] (eps = DBL_EPSILON) and renormalising each row to sum 1. */
nn_status nn_metrics_log_loss(const double *y_true, const double *proba, size_t n,
                              double *out, nn_error *err);

/* log_loss with one column of probabilities per class, classes in increasing order
 * (proba is n x k; k = 1 is treated as the binary form above). NN_ERR_SHAPE when k does
 * not match the number of labels in y_true. */
nn_status nn_metrics_log_loss_proba(const double *y_true, const nn_matrix *proba, double *out,
                                    nn_error *err);

#endif
