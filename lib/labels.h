/* labels.h - class labels to network targets and back: scikit-learn's LabelBinarizer.
 *
 * Chapter 7 introduces it, for MLPClassifier's targets.
 *
 * A classifier's labels can be any whole numbers (-1/+1, 3/5/7, 0..9), but a network
 * outputs one number per output unit. The binarizer maps between the two, exactly as
 * sklearn/preprocessing/_label.py (version 1.2) does for MLPClassifier:
 *
 *   labels y            type         classes_           targets (one row per sample)
 *   two values          binary       sorted, 2 (or 1)   1 column: 1 for classes_[1]
 *   three or more       multiclass   sorted, k          k columns, one-hot
 *   n x k 0/1 matrix    multilabel   0, 1, ..., k-1     the matrix itself
 *
 * and back: binary takes classes_[p > 0.5], multiclass the class of the largest output
 * (the first one on a tie), multilabel p > 0.5 per column.
 *
 * Labels are doubles holding whole numbers; anything else ("continuous" targets, as
 * scikit-learn calls 0.5) is refused with an error, as is NaN or infinity.
 */
#ifndef NN_LABELS_H
#define NN_LABELS_H

#include <stddef.h>

#include "error.h"

typedef enum nn_label_type {
    NN_LABELS_BINARY,     /* at most two classes: one output */
    NN_LABELS_MULTICLASS, /* three or more classes: one output per class */
    NN_LABELS_MULTILABEL  /* a 0/1 indicator matrix: one output per column */
} nn_label_type;

typedef struct nn_labels {
    nn_label_type type;
    size_t n_classes;
    double *classes; /* n_classes values, increasing (0..k-1 for multilabel) */
} nn_labels;

/* scikit-learn's type_of_target name: "binary", "multiclass", "multilabel-indicator". */
const char *nn_labels_type_name(nn_label_type type);

/* Learns the classes of y (rows x cols, row-major): cols == 1 is a label per sample,
 * cols > 1 a multilabel indicator matrix of 0s and 1s. NN_ERR_ARG for no rows, labels
 * that are not whole numbers, or a matrix with other values than 0 and 1;
 * NN_ERR_NUMERIC for NaN or infinity; NN_ERR_NOMEM. lb's earlier classes are freed. */
nn_status nn_labels_fit(nn_labels *lb, const double *y, size_t rows, size_t cols,
                        nn_error *err);

/* Sets the classes directly (partial_fit's `classes`): the n distinct whole numbers in
 * classes, sorted; binary for n <= 2, multiclass above. NN_ERR_ARG for n == 0, repeats
 * or non-whole numbers. */
nn_status nn_labels_set_classes(nn_labels *lb, const double *classes, size_t n,
                                nn_error *err);

/* Sets a multilabel binarizer with k columns (classes 0..k-1). */
nn_status nn_labels_set_multilabel(nn_labels *lb, size_t k, nn_error *err);

/* The number of network outputs: 1 for binary, k for multiclass and multilabel. */
size_t nn_labels_n_outputs(const nn_labels *lb);

/* The columns of a label row: 1, or k for multilabel. */
size_t nn_labels_label_cols(const nn_labels *lb);

/* The position of label in classes, or -1 if it is not one of them. */
long nn_labels_index(const nn_labels *lb, double label);

/* Writes the 0/1 targets of y (rows x nn_labels_label_cols) into out
 * (rows x nn_labels_n_outputs). NN_ERR_ARG, naming the label, when y holds a label
 * that is not a class (or a multilabel entry other than 0 and 1). */
nn_status nn_labels_transform(const nn_labels *lb, const double *y, size_t rows,
                              double *out, nn_error *err);

/* Turns network outputs (rows x nn_labels_n_outputs) into labels
 * (rows x nn_labels_label_cols): classes_[p > 0.5], classes_[argmax], or p > 0.5. */
void nn_labels_inverse(const nn_labels *lb, const double *outputs, size_t rows,
                       double *labels);

/* Copies src into dst (dst's old classes are freed). */
nn_status nn_labels_copy(nn_labels *dst, const nn_labels *src, nn_error *err);

/* Releases the classes and zeroes lb; safe on a zeroed nn_labels. */
void nn_labels_free(nn_labels *lb);

#endif
