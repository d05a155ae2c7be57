/* Exercise 08-3: the confusion matrix.
 * Graded by tests/exercises/08-heart-disease/3-confusion.c: make grade EX=08-3
 *
 * Every prediction of a classifier falls in one cell of a table: the row is the true
 * class, the column the predicted one. The diagonal holds the right answers; every
 * other cell is one kind of mistake. For the heart data, with labels -1 and +1:
 *
 *                    predicted -1   predicted +1
 *     actual -1          TN              FP          (rows sum to the true counts)
 *     actual +1          FN              TP
 *
 * scikit-learn's confusion_matrix takes the labels that occur in y_true OR y_pred,
 * sorted increasingly, and counts:
 *
 *     counts[i * k + j] = #{s : y_true[s] == labels[i] and y_pred[s] == labels[j]}
 *
 * where k is the number of labels.
 *
 * Requirements (the tests check each one):
 *   - return k, write labels[0 .. k) in increasing order and counts[0 .. k*k) (zero
 *     included: a cell nobody falls in is 0);
 *   - a label that appears only in y_pred (a class predicted but never true) still gets
 *     its row and column;
 *   - when there are more than max_labels distinct labels, or n is 0, return 0 and
 *     write nothing to labels or counts;
 *   - labels and counts have room for max_labels and max_labels * max_labels entries.
 * Do not call nn_metrics_confusion_matrix: this is it.
 */
#include <stdbool.h>

#include "exercises.h"

size_t confusion_matrix(const double *y_true, const double *y_pred, size_t n, double *labels,
                        size_t *counts, size_t max_labels)
{
    /* TODO: collect the distinct labels, sort them, then count every sample once. */
    return 0;
}
