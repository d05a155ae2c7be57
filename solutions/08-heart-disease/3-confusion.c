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
    if (n == 0 || max_labels == 0)
        return 0;
    /* The distinct labels, found in a first pass: nothing is written before we know
     * there are few enough. */
    size_t k = 0;
    for (size_t s = 0; s < 2 * n; s++) {
        double v = s < n ? y_true[s] : y_pred[s - n];
        bool seen = false;
        for (size_t i = 0; i < s && !seen; i++)
            seen = (i < n ? y_true[i] : y_pred[i - n]) == v;
        if (!seen && ++k > max_labels)
            return 0;
    }
    /* Then written out and sorted (insertion sort: k is small). */
    size_t m = 0;
    for (size_t s = 0; s < 2 * n; s++) {
        double v = s < n ? y_true[s] : y_pred[s - n];
        size_t i = 0;
        while (i < m && labels[i] < v)
            i++;
        if (i < m && labels[i] == v)
            continue;
        for (size_t j = m; j > i; j--)
            labels[j] = labels[j - 1];
        labels[i] = v;
        m++;
    }
    for (size_t c = 0; c < k * k; c++)
        counts[c] = 0;
    for (size_t s = 0; s < n; s++) {
        size_t row = 0, col = 0;
        while (labels[row] != y_true[s])
            row++;
        while (labels[col] != y_pred[s])
            col++;
        counts[row * k + col]++;
    }
    return k;
}
