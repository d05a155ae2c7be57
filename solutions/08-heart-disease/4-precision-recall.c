/* Exercise 08-4: precision, recall and F1, with scikit-learn's zero-division rule.
 * Graded by tests/exercises/08-heart-disease/4-precision-recall.c: make grade EX=08-4
 *
 * Count, for the class pos_label (+1: "has heart disease"):
 *
 *     tp = #{s : y_true[s] == pos_label and y_pred[s] == pos_label}   (found)
 *     fp = #{s : y_true[s] != pos_label and y_pred[s] == pos_label}   (false alarms)
 *     fn = #{s : y_true[s] == pos_label and y_pred[s] != pos_label}   (missed)
 *
 * Then
 *
 *     precision = tp / (tp + fp)     of those we called positive, the share that are
 *     recall    = tp / (tp + fn)     of those that are positive, the share we found
 *     F1        = 2 p r / (p + r)    their harmonic mean: high only when both are
 *
 * A fraction can be 0/0: precision when nothing was predicted positive, recall when
 * nothing is truly positive. scikit-learn's default, zero_division="warn", makes such a
 * score 0 and warns. Here the function returns what it would warn about, so the caller
 * can say it: PRF_PRECISION_UNDEFINED when tp + fp = 0, PRF_RECALL_UNDEFINED when
 * tp + fn = 0, both OR-ed together, or 0. F1 is 0 when p + r = 0 (which includes both
 * being 0 by the rule above).
 *
 * Requirements (the tests check each one, against scikit-learn's numbers):
 *   - write *precision, *recall and *f1, computed as the formulas say, in double;
 *   - return the flags of the 0/0 cases;
 *   - labels other than pos_label all count as "negative" (0/1, -1/+1, 3/5...).
 * Do not call nn_metrics_*: this is it.
 */
#include "exercises.h"

int precision_recall_f1(const double *y_true, const double *y_pred, size_t n,
                        double pos_label, double *precision, double *recall, double *f1)
{
    size_t tp = 0, fp = 0, fn = 0;
    for (size_t s = 0; s < n; s++) {
        int truth = y_true[s] == pos_label, guess = y_pred[s] == pos_label;
        tp += truth && guess;
        fp += !truth && guess;
        fn += truth && !guess;
    }
    int undefined = 0;
    if (tp + fp == 0) {
        *precision = 0.0;
        undefined |= PRF_PRECISION_UNDEFINED;
    } else {
        *precision = (double)tp / (double)(tp + fp);
    }
    if (tp + fn == 0) {
        *recall = 0.0;
        undefined |= PRF_RECALL_UNDEFINED;
    } else {
        *recall = (double)tp / (double)(tp + fn);
    }
    double p = *precision, r = *recall;
    *f1 = p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r);
    return undefined;
}
