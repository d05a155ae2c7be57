/* loss.c - scikit-learn's losses, added up in numpy's order.
 *
 * Chapter 7 introduces it.
 *
 * The story: first how numpy adds up an array (pairwise, in blocks), because the last
 * bits of every loss depend on it; then the three losses, each a sum of one simple term
 * per element; then the L2 penalty that regularisation adds.
 */
#include "loss.h"

#include <math.h>
#include <stdbool.h>

/* ---- Adding up like numpy ------------------------------------------------------------
 *
 * ndarray.sum() over a contiguous array does not add left to right. It takes blocks of
 * at most 8192 elements (its buffer size) and adds the blocks' sums left to right;
 * within a block it sums pairwise: fewer than 8 numbers one by one, up to 128 in 8
 * interleaved partial sums, more by splitting in two halves whose length is a multiple
 * of 8. Rounding errors then grow like log n instead of n, and reproducing the order
 * gives the same double as numpy.
 *
 * The losses never store all their terms: term(t, i) computes the i-th term of the
 * sum, and the pairwise order needs at most 128 of them at a time, which go into a small
 * array on the stack. Computing a block's terms first and adding them afterwards keeps
 * every term and every addition as they were, and keeps the calls to log apart from the
 * eight running sums, which the compiler can then hold in registers. */

typedef enum term_kind { SQUARED_DIFF, XLOGY, XLOGY_COMPLEMENT, XLOGY_TWO_CLASS } term_kind;

typedef struct terms {
    term_kind kind;
    const double *y; /* y_true */
    const double *p; /* y_pred or y_prob */
} terms;

static double clip(double p)
{
    /* np.clip(p, eps, 1 - eps): NaN stays NaN (neither comparison is true). */
    if (p < NN_LOSS_EPS)
        return NN_LOSS_EPS;
    if (p > 1.0 - NN_LOSS_EPS)
        return 1.0 - NN_LOSS_EPS;
    return p;
}

/* scipy.special.xlogy: x log y, defined as 0 when x = 0 (unless y is NaN), so that a
 * class a sample does not belong to contributes nothing, whatever its probability. */
static double xlogy(double x, double y)
{
    if (x == 0.0 && !isnan(y))
        return 0.0;
    return x * log(y);
}

static double term(const terms *t, size_t i)
{
    switch (t->kind) {
    case SQUARED_DIFF: {
        double d = t->y[i] - t->p[i];
        return d * d;
    }
    case XLOGY:
        return xlogy(t->y[i], clip(t->p[i]));
    case XLOGY_COMPLEMENT:
        return xlogy(1.0 - t->y[i], 1.0 - clip(t->p[i]));
    case XLOGY_TWO_CLASS:
        /* log_loss with one column appends [1 - p, p] and [1 - y, y] side by side, so
         * the flattened array alternates: term 2i is class 0, term 2i+1 class 1. */
        if (i % 2 == 0)
            return xlogy(1.0 - t->y[i / 2], 1.0 - clip(t->p[i / 2]));
        return xlogy(t->y[i / 2], clip(t->p[i / 2]));
    }
    return NAN;
}

/* xlogy(a_i, b_i) for a block, where (a, b) = (y, clip(p)), or (1 - y, 1 - clip(p)) with
 * complement. Most a_i are 0 (a sample belongs to one class of many), and whether one is
 * cannot be predicted, so a loop that branches on it stalls often. Instead a first pass
 * without branches writes 0 everywhere and lists the terms that need a log; a second
 * pass computes those. Each term is still xlogy's value. */
static void fill_xlogy(const double *y, const double *p, bool complement, size_t n,
                       double *x)
{
    /* The terms that need a log, by position. (Zeroed only so that a static analyser,
     * which cannot follow count, sees no unset entry: only need[0..count) is read.) */
    unsigned char need[128] = {0};
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        double a = complement ? 1.0 - y[i] : y[i];
        x[i] = 0.0;
        need[count] = (unsigned char)i;
        /* xlogy's "0 unless b is NaN": clip and 1 - c keep a NaN, and make none */
        count += (size_t)((a != 0.0) | (p[i] != p[i]));
    }
    for (size_t k = 0; k < count; k++) {
        size_t i = need[k];
        double a = complement ? 1.0 - y[i] : y[i];
        double b = complement ? 1.0 - clip(p[i]) : clip(p[i]);
        x[i] = a * log(b);
    }
}

/* The terms [start, start + n) into x (n <= 128). */
static void fill_terms(const terms *t, size_t start, size_t n, double *x)
{
    switch (t->kind) {
    case SQUARED_DIFF:
        for (size_t i = 0; i < n; i++) {
            double d = t->y[start + i] - t->p[start + i];
            x[i] = d * d;
        }
        return;
    case XLOGY:
        fill_xlogy(t->y + start, t->p + start, false, n, x);
        return;
    case XLOGY_COMPLEMENT:
        fill_xlogy(t->y + start, t->p + start, true, n, x);
        return;
    case XLOGY_TWO_CLASS: /* term(t, i) needs the parity of i */
        break;
    }
    for (size_t i = 0; i < n; i++)
        x[i] = term(t, start + i);
}

/* numpy's pairwise sum of x[0..n) for n <= 128: fewer than 8 numbers one by one, else
 * 8 interleaved partial sums, combined in a tree, then the rest one by one. */
static double block_sum(const double *x, size_t n)
{
    if (n < 8) {
        double s = 0.0;
        for (size_t i = 0; i < n; i++)
            s += x[i];
        return s;
    }
    double r[8];
    for (size_t k = 0; k < 8; k++)
        r[k] = x[k];
    size_t i;
    for (i = 8; i < n - n % 8; i += 8)
        for (size_t k = 0; k < 8; k++)
            r[k] += x[i + k];
    double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (; i < n; i++)
        s += x[i];
    return s;
}

static double pairwise_sum(const terms *t, size_t start, size_t n)
{
    if (n <= 128) {
        double x[128];
        fill_terms(t, start, n, x);
        return block_sum(x, n);
    }
    size_t half = n / 2;
    half -= half % 8;
    return pairwise_sum(t, start, half) + pairwise_sum(t, start + half, n - half);
}

#define NUMPY_BUFSIZE 8192

/* sum of term(t, i) for i in [0, n), as np.sum adds a contiguous array of n elements. */
static double numpy_sum(const terms *t, size_t n)
{
    double sum = 0.0;
    for (size_t start = 0; start < n; start += NUMPY_BUFSIZE)
        sum += pairwise_sum(t, start, n - start < NUMPY_BUFSIZE ? n - start : NUMPY_BUFSIZE);
    return sum;
}

/* ---- The losses ---------------------------------------------------------------------- */

const char *nn_loss_name(nn_loss_kind kind)
{
    switch (kind) {
    case NN_LOSS_SQUARED_ERROR: return "squared_error";
    case NN_LOSS_LOG: return "log_loss";
    case NN_LOSS_BINARY_LOG: return "binary_log_loss";
    }
    return "unknown";
}

double nn_loss_squared_error(const double *y_true, const double *y_pred, size_t rows,
                             size_t cols)
{
    /* ((y_true - y_pred) ** 2).mean() / 2: the mean divides the sum by the count. */
    terms t = {SQUARED_DIFF, y_true, y_pred};
    size_t n = rows * cols;
    if (n == 0)
        return NAN;
    return numpy_sum(&t, n) / (double)n / 2.0;
}

// [log loss]
double nn_loss_log(const double *y_true, const double *y_prob, size_t rows, size_t cols)
{
    if (cols == 1) {
        terms t = {XLOGY_TWO_CLASS, y_true, y_prob};
        return -numpy_sum(&t, 2 * rows) / (double)rows;
    }
    /* -xlogy(y_true, clip(y_prob)).sum() / n_samples */
    terms t = {XLOGY, y_true, y_prob};
    return -numpy_sum(&t, rows * cols) / (double)rows;
}

double nn_loss_binary_log(const double *y_true, const double *y_prob, size_t rows,
                          size_t cols)
{
    /* -(xlogy(y, p).sum() + xlogy(1 - y, 1 - p).sum()) / n_samples: two separate sums,
     * one over the "yes" answers and one over the "no" answers. */
    terms yes = {XLOGY, y_true, y_prob};
    terms no = {XLOGY_COMPLEMENT, y_true, y_prob};
    return -(numpy_sum(&yes, rows * cols) + numpy_sum(&no, rows * cols)) / (double)rows;
}
// [end log loss]

double nn_loss_value(nn_loss_kind kind, const double *y_true, const double *y_pred,
                     size_t rows, size_t cols)
{
    switch (kind) {
    case NN_LOSS_SQUARED_ERROR: return nn_loss_squared_error(y_true, y_pred, rows, cols);
    case NN_LOSS_LOG: return nn_loss_log(y_true, y_pred, rows, cols);
    case NN_LOSS_BINARY_LOG: return nn_loss_binary_log(y_true, y_pred, rows, cols);
    }
    return NAN;
}

/* ---- Regularisation ------------------------------------------------------------------ */

// [l2 penalty]
double nn_loss_l2_penalty(const double *coefs, const size_t *sizes, size_t n_layers,
                          double alpha, size_t n_samples)
{
    /* values = sum over layers of np.dot(w, w), each dot added in index order; then
     * loss += (0.5 * alpha) * values / n_samples, grouped as scikit-learn groups it. */
    double values = 0.0;
    for (size_t l = 0; l < n_layers; l++) {
        double dot = 0.0;
        for (size_t k = 0; k < sizes[l]; k++)
            dot += coefs[k] * coefs[k];
        values += dot;
        coefs += sizes[l];
    }
    return (0.5 * alpha) * values / (double)n_samples;
}
// [end l2 penalty]
