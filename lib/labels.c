/* labels.c - LabelBinarizer: learning the classes, targets from labels, labels back.
 *
 * Chapter 7 introduces it, for MLPClassifier's targets.
 *
 * The story follows a classifier's life: fit finds the sorted distinct labels (as
 * numpy's unique does), transform writes the 0/1 targets the network trains on, and
 * inverse turns the network's probabilities back into labels.
 */
#include "labels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

const char *nn_labels_type_name(nn_label_type type)
{
    switch (type) {
    case NN_LABELS_BINARY: return "binary";
    case NN_LABELS_MULTICLASS: return "multiclass";
    case NN_LABELS_MULTILABEL: return "multilabel-indicator";
    }
    return "unknown";
}

void nn_labels_free(nn_labels *lb)
{
    if (!lb)
        return;
    nn_alloc_free(lb->classes);
    memset(lb, 0, sizeof *lb);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A label must be a finite whole number (scikit-learn calls 0.5 "continuous"). */
static nn_status check_label(double v, size_t row, nn_error *err)
{
    if (isnan(v))
        return nn_error_set(err, NN_ERR_NUMERIC, "Input y contains NaN (row %zu).", row);
    if (isinf(v))
        return nn_error_set(err, NN_ERR_NUMERIC,
                            "Input y contains infinity (row %zu).", row);
    if (v != floor(v))
        return nn_error_set(err, NN_ERR_ARG,
                            "Unknown label type: continuous (y[%zu] = %g is not a whole "
                            "number; a classifier's labels must be whole numbers such as "
                            "0/1, -1/+1 or 3/5/7)", row, v);
    return NN_OK;
}

/* ---- Learning the classes ------------------------------------------------------------ */

/* Sorts values[0..n) and squeezes out repeats; returns the distinct count (np.unique). */
static size_t sort_unique(double *values, size_t n)
{
    if (n == 0)
        return 0;
    qsort(values, n, sizeof *values, compare_doubles);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (values[i] != values[k - 1])
            values[k++] = values[i];
    return k;
}

nn_status nn_labels_set_multilabel(nn_labels *lb, size_t k, nn_error *err)
{
    double *classes = nn_alloc(k ? k : 1, sizeof(double), "label classes", err);
    if (!classes)
        return NN_ERR_NOMEM;
    for (size_t j = 0; j < k; j++)
        classes[j] = (double)j;
    nn_labels_free(lb);
    lb->type = NN_LABELS_MULTILABEL;
    lb->n_classes = k;
    lb->classes = classes;
    return NN_OK;
}

nn_status nn_labels_fit(nn_labels *lb, const double *y, size_t rows, size_t cols,
                        nn_error *err)
{
    if (rows == 0 || cols == 0 || !y)
        return nn_error_set(err, NN_ERR_ARG, "y is empty: a classifier needs at least one "
                                             "labelled sample");
    if (cols > 1) {
        /* A matrix of labels: each column is a yes/no question (multilabel). */
        for (size_t i = 0; i < rows; i++)
            for (size_t j = 0; j < cols; j++) {
                double v = y[i * cols + j];
                nn_status st = check_label(v, i, err);
                if (st != NN_OK)
                    return st;
                if (v != 0.0 && v != 1.0)
                    return nn_error_set(err, NN_ERR_ARG,
                                        "multilabel targets must be a 0/1 indicator matrix: "
                                        "y[%zu, %zu] = %g", i, j, v);
            }
        return nn_labels_set_multilabel(lb, cols, err);
    }
    for (size_t i = 0; i < rows; i++) {
        nn_status st = check_label(y[i], i, err);
        if (st != NN_OK)
            return st;
    }
    double *classes = nn_alloc(rows, sizeof(double), "label classes", err);
    if (!classes)
        return NN_ERR_NOMEM;
    memcpy(classes, y, rows * sizeof(double));
    size_t k = sort_unique(classes, rows);
    nn_labels_free(lb);
    lb->type = k <= 2 ? NN_LABELS_BINARY : NN_LABELS_MULTICLASS;
    lb->n_classes = k;
    lb->classes = classes;
    return NN_OK;
}

nn_status nn_labels_set_classes(nn_labels *lb, const double *classes, size_t n,
                                nn_error *err)
{
    if (n == 0 || !classes)
        return nn_error_set(err, NN_ERR_ARG, "classes is empty: give every class label "
                                             "the classifier will see");
    for (size_t i = 0; i < n; i++) {
        nn_status st = check_label(classes[i], i, err);
        if (st != NN_OK)
            return st;
    }
    nn_labels tmp = {NN_LABELS_BINARY, 0, NULL};
    nn_status st = nn_labels_fit(&tmp, classes, n, 1, err);
    if (st != NN_OK)
        return st;
    nn_labels_free(lb);
    *lb = tmp;
    return NN_OK;
}

nn_status nn_labels_copy(nn_labels *dst, const nn_labels *src, nn_error *err)
{
    size_t k = src->n_classes;
    double *classes = nn_alloc(k ? k : 1, sizeof(double), "label classes", err);
    if (!classes)
        return NN_ERR_NOMEM;
    if (k)
        memcpy(classes, src->classes, k * sizeof(double));
    nn_labels_free(dst);
    dst->type = src->type;
    dst->n_classes = k;
    dst->classes = classes;
    return NN_OK;
}

size_t nn_labels_n_outputs(const nn_labels *lb)
{
    return lb->type == NN_LABELS_BINARY ? 1 : lb->n_classes;
}

size_t nn_labels_label_cols(const nn_labels *lb)
{
    return lb->type == NN_LABELS_MULTILABEL ? lb->n_classes : 1;
}

long nn_labels_index(const nn_labels *lb, double label)
{
    size_t lo = 0, hi = lb->n_classes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lb->classes[mid] < label)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < lb->n_classes && lb->classes[lo] == label ? (long)lo : -1;
}

/* ---- Labels to targets --------------------------------------------------------------- */

nn_status nn_labels_transform(const nn_labels *lb, const double *y, size_t rows,
                              double *out, nn_error *err)
{
    size_t k = lb->n_classes;
    if (lb->type == NN_LABELS_MULTILABEL) {
        for (size_t i = 0; i < rows * k; i++) {
            if (y[i] != 0.0 && y[i] != 1.0)
                return nn_error_set(err, NN_ERR_ARG,
                                    "multilabel targets must be a 0/1 indicator matrix: "
                                    "y[%zu, %zu] = %g", i / k, i % k, y[i]);
            out[i] = y[i];
        }
        return NN_OK;
    }
    size_t outputs = nn_labels_n_outputs(lb);
    for (size_t i = 0; i < rows; i++) {
        long c = nn_labels_index(lb, y[i]);
        if (c < 0)
            return nn_error_set(err, NN_ERR_ARG,
                                "y[%zu] = %g is not one of the classes the classifier "
                                "knows (%zu of them, from %g to %g)",
                                i, y[i], k, lb->classes[0], lb->classes[k - 1]);
        if (lb->type == NN_LABELS_BINARY) {
            /* One column: 1 for the larger class. With a single class, every target
             * is 0 (scikit-learn's label_binarize does the same). */
            out[i] = k == 2 && c == 1 ? 1.0 : 0.0;
        } else {
            for (size_t j = 0; j < outputs; j++)
                out[i * outputs + j] = (size_t)c == j ? 1.0 : 0.0;
        }
    }
    return NN_OK;
}

/* ---- Outputs back to labels ---------------------------------------------------------- */

void nn_labels_inverse(const nn_labels *lb, const double *outputs, size_t rows,
                       double *labels)
{
    size_t k = lb->n_classes;
    switch (lb->type) {
    case NN_LABELS_BINARY:
        /* Strictly greater: p = 0.5 exactly is the first class, as in scikit-learn. */
        for (size_t i = 0; i < rows; i++)
            labels[i] = k == 2 && outputs[i] > 0.5 ? lb->classes[1] : lb->classes[0];
        break;
    case NN_LABELS_MULTICLASS:
        /* The class of the largest output; ties go to the first, NaN wins (argmax). */
        for (size_t i = 0; i < rows; i++) {
            const double *row = outputs + i * k;
            size_t best = 0;
            for (size_t j = 1; j < k && !isnan(row[best]); j++)
                if (row[j] > row[best] || isnan(row[j]))
                    best = j;
            labels[i] = lb->classes[best];
        }
        break;
    case NN_LABELS_MULTILABEL:
        for (size_t i = 0; i < rows * k; i++)
            labels[i] = outputs[i] > 0.5 ? 1.0 : 0.0;
        break;
    }
}
