/* matrix.c - nn_matrix: a row-major matrix of doubles with numpy's arithmetic and repr.
 *
 * The file follows chapter 5. First a matrix is made and freed. Then come the
 * operations a network needs: the matrix product (a plain triple loop, the reference a
 * faster kernel will be checked against), transposition, element-wise arithmetic, adding
 * a bias row to every sample, and the sums and argmax of a layer's outputs. Last, and
 * longest, is printing: numpy's repr() reproduced exactly, so that a learner can put the
 * C program's output beside the Python tutorial's and see the same characters.
 */
#include "matrix.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* ---- Making and freeing matrices ---------------------------------------------------- */

/* The header and the data are two allocations, so a matrix can be any size and an
 * empty one (0 rows or 0 columns) still has a valid, freeable data pointer. */
nn_matrix *nn_matrix_new(size_t rows, size_t cols, nn_error *err)
{
    if (cols && rows > (size_t)-1 / cols) {
        nn_error_set(err, NN_ERR_NOMEM, "matrix: %zu x %zu elements overflow size_t", rows,
                     cols);
        return NULL;
    }
    nn_matrix *m = nn_alloc(1, sizeof *m, "matrix", err);
    if (!m)
        return NULL;
    m->data = nn_alloc(rows * cols, sizeof *m->data, "matrix data", err);
    if (!m->data) {
        nn_alloc_free(m);
        return NULL;
    }
    m->rows = rows;
    m->cols = cols;
    return m; /* nn_alloc zeroes memory, and all-zero bits are 0.0 in IEEE 754 */
}

nn_matrix *nn_matrix_full(size_t rows, size_t cols, double value, nn_error *err)
{
    nn_matrix *m = nn_matrix_new(rows, cols, err);
    if (m)
        for (size_t i = 0; i < rows * cols; i++)
            m->data[i] = value;
    return m;
}

nn_matrix *nn_matrix_from_array(size_t rows, size_t cols, const double *values,
                                nn_error *err)
{
    if (!values && rows != 0 && cols != 0) {
        nn_error_set(err, NN_ERR_ARG, "matrix_from_array: values is NULL");
        return NULL;
    }
    nn_matrix *m = nn_matrix_new(rows, cols, err);
    if (m && rows != 0 && cols != 0)
        memcpy(m->data, values, rows * cols * sizeof *values);
    return m;
}

nn_matrix *nn_matrix_copy(const nn_matrix *m, nn_error *err)
{
    if (!m) {
        nn_error_set(err, NN_ERR_ARG, "matrix_copy: matrix is NULL");
        return NULL;
    }
    return nn_matrix_from_array(m->rows, m->cols, m->data, err);
}

void nn_matrix_free(nn_matrix *m)
{
    if (m) {
        nn_alloc_free(m->data);
        nn_alloc_free(m);
    }
}

/* ---- Checking arguments --------------------------------------------------------------
 *
 * Every operation starts with the same two questions: were we given matrices at all, and
 * do their shapes fit? The answers become error values whose messages read like numpy's,
 * shapes written "(rows, cols)".
 */

#define SHAPE "(%zu, %zu)"

static nn_status null_error(const char *op, nn_error *err)
{
    return nn_error_set(err, NN_ERR_ARG, "%s: a matrix argument is NULL", op);
}

/* The output must already have the shape of the result: we never resize behind the
 * caller's back, because the caller may hold other pointers into out->data. */
static nn_status check_out(const char *op, const nn_matrix *out, size_t rows, size_t cols,
                           nn_error *err)
{
    if (out->rows == rows && out->cols == cols)
        return NN_OK;
    return nn_error_set(err, NN_ERR_SHAPE,
                        "%s: output shape " SHAPE " does not match the result shape " SHAPE,
                        op, out->rows, out->cols, rows, cols);
}

/* Operations that read an operand after writing out must not share storage with it. */
static int overlaps(const nn_matrix *out, const nn_matrix *in)
{
    return out == in || out->data == in->data;
}

/* ---- The matrix product --------------------------------------------------------------
 *
 * out = op(a) . op(b) with out[i, j] = sum_k op(a)[i, k] * op(b)[k, j]. A network layer
 * is exactly this: a batch of inputs (one sample per row) times a weight matrix.
 * Backpropagation needs the transposed products a^T . b and a . b^T as well, and taking
 * them as flags spares the caller a temporary copy.
 */

/* op(m)[i, j]: element (i, j) of m, or of its transpose. */
static inline double op_get(const nn_matrix *m, nn_transpose t, size_t i, size_t j)
{
    return t == NN_TRANS ? m->data[j * m->cols + i] : m->data[i * m->cols + j];
}

// [matmul]
nn_status nn_matrix_matmul(nn_matrix *out, const nn_matrix *a, nn_transpose ta,
                           const nn_matrix *b, nn_transpose tb, nn_error *err)
{
    if (!out || !a || !b)
        return null_error("matmul", err);
    /* op(a) is n x p and op(b) is p2 x m; the product needs p == p2. */
    size_t n = ta == NN_TRANS ? a->cols : a->rows;
    size_t p = ta == NN_TRANS ? a->rows : a->cols;
    size_t p2 = tb == NN_TRANS ? b->cols : b->rows;
    size_t m = tb == NN_TRANS ? b->rows : b->cols;
    if (p != p2)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "matmul: shapes " SHAPE " and " SHAPE
                            " not aligned: %zu (dim 1) != %zu (dim 0)",
                            n, p, p2, m, p, p2);
    if (check_out("matmul", out, n, m, err) != NN_OK)
        return NN_ERR_SHAPE;
    if (overlaps(out, a) || overlaps(out, b))
        return nn_error_set(err, NN_ERR_ARG, "matmul: out must not alias a or b");

    /* Loop order i, k, j: for a fixed (i, k) the innermost loop walks a row of out and,
     * untransposed, a row of b, both contiguous in memory. Each out[i, j] still gets its
     * terms added in increasing k, as in the formula and in the reference BLAS behind
     * Debian's numpy, so small products agree with numpy to the last bit. */
    for (size_t i = 0; i < n; i++) {
        double *out_row = out->data + i * m;
        for (size_t j = 0; j < m; j++)
            out_row[j] = 0.0;
        for (size_t k = 0; k < p; k++) {
            double aik = op_get(a, ta, i, k);
            for (size_t j = 0; j < m; j++)
                out_row[j] += aik * op_get(b, tb, k, j);
        }
    }
    return NN_OK;
}
// [end matmul]

nn_status nn_matrix_transpose(nn_matrix *out, const nn_matrix *a, nn_error *err)
{
    if (!out || !a)
        return null_error("transpose", err);
    if (check_out("transpose", out, a->cols, a->rows, err) != NN_OK)
        return NN_ERR_SHAPE;
    if (overlaps(out, a))
        return nn_error_set(err, NN_ERR_ARG, "transpose: out must not alias a");
    for (size_t i = 0; i < a->rows; i++)
        for (size_t j = 0; j < a->cols; j++)
            out->data[j * a->rows + i] = a->data[i * a->cols + j];
    return NN_OK;
}

/* ---- Element-wise arithmetic ---------------------------------------------------------
 *
 * These read element k of each operand before writing element k of out, so out may be
 * one of the operands: nn_matrix_sub(w, w, step, &err) updates weights in place.
 */

/* a and b must have one shape, and out that shape too. */
static nn_status check_same(const char *op, const nn_matrix *out, const nn_matrix *a,
                            const nn_matrix *b, nn_error *err)
{
    if (!out || !a || !b)
        return null_error(op, err);
    if (a->rows != b->rows || a->cols != b->cols)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "%s: operands could not be broadcast together with shapes " SHAPE
                            " " SHAPE,
                            op, a->rows, a->cols, b->rows, b->cols);
    return check_out(op, out, a->rows, a->cols, err);
}

nn_status nn_matrix_add(nn_matrix *out, const nn_matrix *a, const nn_matrix *b,
                        nn_error *err)
{
    nn_status status = check_same("add", out, a, b, err);
    if (status != NN_OK)
        return status;
    for (size_t k = 0; k < a->rows * a->cols; k++)
        out->data[k] = a->data[k] + b->data[k];
    return NN_OK;
}

nn_status nn_matrix_sub(nn_matrix *out, const nn_matrix *a, const nn_matrix *b,
                        nn_error *err)
{
    nn_status status = check_same("sub", out, a, b, err);
    if (status != NN_OK)
        return status;
    for (size_t k = 0; k < a->rows * a->cols; k++)
        out->data[k] = a->data[k] - b->data[k];
    return NN_OK;
}

nn_status nn_matrix_mul(nn_matrix *out, const nn_matrix *a, const nn_matrix *b,
                        nn_error *err)
{
    nn_status status = check_same("mul", out, a, b, err);
    if (status != NN_OK)
        return status;
    for (size_t k = 0; k < a->rows * a->cols; k++)
        out->data[k] = a->data[k] * b->data[k];
    return NN_OK;
}

/* The unary operations only need out to match a. */
static nn_status check_unary(const char *op, const nn_matrix *out, const nn_matrix *a,
                             nn_error *err)
{
    if (!out || !a)
        return null_error(op, err);
    return check_out(op, out, a->rows, a->cols, err);
}

nn_status nn_matrix_scale(nn_matrix *out, const nn_matrix *a, double s, nn_error *err)
{
    nn_status status = check_unary("scale", out, a, err);
    if (status != NN_OK)
        return status;
    for (size_t k = 0; k < a->rows * a->cols; k++)
        out->data[k] = s * a->data[k];
    return NN_OK;
}

nn_status nn_matrix_add_scalar(nn_matrix *out, const nn_matrix *a, double s,
                               nn_error *err)
{
    nn_status status = check_unary("add_scalar", out, a, err);
    if (status != NN_OK)
        return status;
    for (size_t k = 0; k < a->rows * a->cols; k++)
        out->data[k] = a->data[k] + s;
    return NN_OK;
}

nn_status nn_matrix_apply(nn_matrix *out, const nn_matrix *a, double (*f)(double),
                          nn_error *err)
{
    if (!f)
        return nn_error_set(err, NN_ERR_ARG, "apply: function is NULL");
    nn_status status = check_unary("apply", out, a, err);
    if (status != NN_OK)
        return status;
    for (size_t k = 0; k < a->rows * a->cols; k++)
        out->data[k] = f(a->data[k]);
    return NN_OK;
}

/* Broadcasting, the one numpy rule a network needs: a bias row of shape (1, cols) is
 * stretched over every row of a batch, so x . W + b works for any number of samples. */
nn_status nn_matrix_add_row(nn_matrix *out, const nn_matrix *a, const nn_matrix *row,
                            nn_error *err)
{
    if (!out || !a || !row)
        return null_error("add_row", err);
    if (row->rows != 1 || row->cols != a->cols)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "add_row: operands could not be broadcast together with shapes "
                            SHAPE " " SHAPE ": the row must have shape (1, %zu)",
                            a->rows, a->cols, row->rows, row->cols, a->cols);
    if (check_out("add_row", out, a->rows, a->cols, err) != NN_OK)
        return NN_ERR_SHAPE;
    if (out != a && out->data == row->data)
        return nn_error_set(err, NN_ERR_ARG, "add_row: out must not alias row");
    for (size_t i = 0; i < a->rows; i++)
        for (size_t j = 0; j < a->cols; j++)
            out->data[i * a->cols + j] = a->data[i * a->cols + j] + row->data[j];
    return NN_OK;
}

/* ---- Reductions ----------------------------------------------------------------------
 *
 * Floating-point addition is not associative, so "the sum" depends on the order of the
 * terms. To print numpy's digits we add in numpy's order, which depends on the layout:
 *
 * - Down the columns of a matrix (axis 0, two or more columns) numpy adds one row after
 *   another into accumulators that start at 0.0.
 * - Along a contiguous run of numbers (a row for axis 1, or the single column of an
 *   n x 1 matrix for axis 0) numpy uses pairwise summation: short runs in one loop, up
 *   to 128 numbers in eight interleaved partial sums, longer runs split in two halves.
 *   Its rounding error grows like log n instead of n, which is why numpy bothers. Runs
 *   longer than numpy's buffer (8192 numbers) are summed block by block.
 */

static double pairwise_sum(const double *x, size_t n)
{
    if (n < 8) {
        double sum = 0.0;
        for (size_t i = 0; i < n; i++)
            sum += x[i];
        return sum;
    }
    if (n <= 128) {
        double r[8];
        for (size_t j = 0; j < 8; j++)
            r[j] = x[j];
        size_t i = 8;
        for (; i < n - n % 8; i += 8)
            for (size_t j = 0; j < 8; j++)
                r[j] += x[i + j];
        double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            sum += x[i];
        return sum;
    }
    size_t half = n / 2;
    half -= half % 8;
    return pairwise_sum(x, half) + pairwise_sum(x + half, n - half);
}

#define NUMPY_BUFSIZE 8192

/* sum(x[0..n)) exactly as numpy's add.reduce computes it for contiguous data. Starting
 * from the identity 0.0 also means a sum of -0.0s is +0.0, as in numpy. */
static double contiguous_sum(const double *x, size_t n)
{
    double sum = 0.0;
    for (size_t start = 0; start < n; start += NUMPY_BUFSIZE)
        sum += pairwise_sum(x + start, n - start < NUMPY_BUFSIZE ? n - start : NUMPY_BUFSIZE);
    return sum;
}

nn_status nn_matrix_sum(nn_matrix *out, const nn_matrix *a, int axis, nn_error *err)
{
    if (!out || !a)
        return null_error("sum", err);
    if (axis != 0 && axis != 1)
        return nn_error_set(err, NN_ERR_ARG,
                            "sum: axis %d is out of bounds for array of dimension 2", axis);
    if (check_out("sum", out, axis == 0 ? 1 : a->rows, axis == 0 ? a->cols : 1, err) !=
        NN_OK)
        return NN_ERR_SHAPE;
    if (overlaps(out, a))
        return nn_error_set(err, NN_ERR_ARG, "sum: out must not alias a");
    if (axis == 1) {
        for (size_t i = 0; i < a->rows; i++)
            out->data[i] = contiguous_sum(a->data + i * a->cols, a->cols);
    } else if (a->cols == 1) {
        out->data[0] = contiguous_sum(a->data, a->rows);
    } else {
        /* Local pointers that the compiler may assume do not overlap (checked above),
         * so the inner loop adds a whole vector of columns at once. */
        double *restrict sums = out->data;
        const double *restrict x = a->data;
        for (size_t j = 0; j < a->cols; j++)
            sums[j] = 0.0;
        for (size_t i = 0; i < a->rows; i++)
            for (size_t j = 0; j < a->cols; j++)
                sums[j] += x[i * a->cols + j];
    }
    return NN_OK;
}

/* The predicted class of each sample is the column of its largest output. Ties go to
 * the first column, and a NaN wins over any number, as in numpy. */
nn_status nn_matrix_argmax_rows(const nn_matrix *a, size_t *out, nn_error *err)
{
    if (!a || !out)
        return null_error("argmax_rows", err);
    if (a->cols == 0 && a->rows > 0)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "argmax_rows: attempt to get argmax of an empty sequence "
                            "(shape " SHAPE ")",
                            a->rows, a->cols);
    for (size_t i = 0; i < a->rows; i++) {
        const double *row = a->data + i * a->cols;
        size_t best = 0;
        for (size_t j = 1; j < a->cols && !isnan(row[best]); j++)
            if (row[j] > row[best] || isnan(row[j]))
                best = j;
        out[i] = best;
    }
    return NN_OK;
}

/* ---- Printing like numpy ---------------------------------------------------------------
 *
 * numpy's repr() of a float64 array is the product of three decisions, made in order.
 *
 * 1. The digits of each number. numpy's Dragon4 prints the shortest decimal that reads
 *    back as the same double (0.1 is "0.1", not 0.1000000000000000055...), but never
 *    more than 8 digits after the point: longer numbers are rounded exactly at the 8th.
 *
 * 2. One notation for the whole array. If the nonzero finite magnitudes span too much
 *    (max >= 1e8, min < 1e-4, or max/min > 1000) every element is written in scientific
 *    notation with a shared number of digits; otherwise positionally, every element
 *    padded with spaces so the decimal points line up ("array([0.5 , 0.25])").
 *
 * 3. The layout: ", " between elements, lines wrapped before column 75 with a hanging
 *    indent under "array(", rows of a matrix on lines of their own, and arrays of more
 *    than 1000 elements cut down to their first and last 3 items per axis with "...".
 */

/* A positive decimal number d1.d2d3...dn x 10^exp10, with no trailing zeros in digits
 * (zero itself is "0" with exponent 0). */
typedef struct decimal {
    char digits[40];
    int ndigits;
    int exp10;
} decimal;

/* Reads printf's "%e" or "%f" text for a nonnegative number into d. */
static void decimal_parse(const char *s, decimal *d)
{
    int n = 0, point = -1;
    for (; *s && *s != 'e'; s++) {
        if (*s == '.')
            point = n;
        else if (n < (int)sizeof d->digits)
            d->digits[n++] = *s;
    }
    int exp10 = (*s == 'e' ? (int)strtol(s + 1, NULL, 10) : 0) + (point < 0 ? n : point) - 1;
    int lead = 0;
    while (lead < n && d->digits[lead] == '0')
        lead++;
    if (lead == n) {
        d->digits[0] = '0';
        d->ndigits = 1;
        d->exp10 = 0;
        return;
    }
    memmove(d->digits, d->digits + lead, (size_t)(n - lead));
    n -= lead;
    while (d->digits[n - 1] == '0')
        n--;
    d->ndigits = n;
    d->exp10 = exp10 - lead;
}

/* x (positive, finite) correctly rounded to p significant digits. */
static void decimal_round(double x, int p, decimal *d)
{
    char text[64];
    snprintf(text, sizeof text, "%.*e", p - 1, x);
    decimal_parse(text, d);
}

/* Does the decimal read back as exactly x? */
static int decimal_reads_as(const decimal *d, double x)
{
    char text[64];
    snprintf(text, sizeof text, "%c.%.*se%d", d->digits[0], d->ndigits - 1, d->digits + 1,
             d->exp10);
    return strtod(text, NULL) == x;
}

/* Is there a p-digit decimal that reads back as x? The correctly rounded one is the
 * closest, so if any p-digit decimal lands in x's rounding interval, it does. (One
 * exception: a power of two has a gap below it half the gap above, so the nearest
 * decimal can miss below while the next one up still reads back. That happens only at
 * 16 or 17 digits, far past the 9 that numpy shows, so it cannot change what we print.) */
static int decimal_candidate(double x, int p, decimal *d)
{
    decimal_round(x, p, d);
    return decimal_reads_as(d, x);
}

/* The shortest decimal that reads back as x (positive, finite). The closest (p+1)-digit
 * decimal is at least as close to x as the closest p-digit one, so once some length
 * reads back every longer one does, and a binary search over 1..17 finds the least;
 * 17 digits always suffice for a double. */
static void decimal_shortest(double x, decimal *d)
{
    int lo = 1, hi = 17;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (decimal_candidate(x, mid, d))
            hi = mid;
        else
            lo = mid + 1;
    }
    decimal_candidate(x, lo, d);
}

/* Digits after the point when d is written positionally (12.5 -> 1, 300 -> 0). */
static int decimal_fraction_len(const decimal *d)
{
    int len = d->ndigits - 1 - d->exp10;
    return len > 0 ? len : 0;
}

/* numpy's precision: at most 8 digits after the point (positional) or after the first
 * digit (scientific). */
#define PRECISION 8

/* The digits numpy prints for |x| (finite): the shortest round-trip decimal, unless
 * that needs more than PRECISION digits, in which case |x| rounded exactly at the
 * PRECISION-th digit (printf rounds the exact binary value, ties to even, as Dragon4
 * does). */
static void element_digits(double x, int scientific, decimal *d)
{
    x = fabs(x);
    if (x == 0.0) {
        decimal_parse("0", d);
        return;
    }
    decimal_shortest(x, d);
    if (scientific ? d->ndigits - 1 > PRECISION : decimal_fraction_len(d) > PRECISION) {
        char text[400];
        snprintf(text, sizeof text, scientific ? "%.*e" : "%.*f", PRECISION, x);
        decimal_parse(text, d);
    }
}

/* Decision 2: how every element of one array is written. */
typedef struct float_format {
    int scientific;
    int pad_left;   /* characters before the point, sign included */
    int pad_right;  /* characters after the point (scientific: mantissa + exponent) */
    int precision;  /* scientific: digits after the point */
    int exp_digits; /* scientific: digits of the exponent, at least 2 */
} float_format;

/* The elements an array shows: all of them, or with summarisation the first and last
 * EDGE along each axis longer than 2*EDGE. A 1-D array is a single row. */
#define THRESHOLD 1000
#define EDGE 3

typedef struct shown_array {
    const double *data;
    size_t rows, cols;
    int ndim;
    int summarise;
} shown_array;

static size_t shown_count(const shown_array *a, size_t n)
{
    return a->summarise && n > 2 * EDGE ? 2 * EDGE : n;
}

/* The index in 0..n) of the k-th shown item along an axis of length n. */
static size_t shown_index(const shown_array *a, size_t n, size_t k)
{
    return a->summarise && n > 2 * EDGE && k >= EDGE ? n - 2 * EDGE + k : k;
}

static double shown_value(const shown_array *a, size_t r, size_t c)
{
    return a->data[shown_index(a, a->rows, r) * a->cols + shown_index(a, a->cols, c)];
}

/* Characters before the point in the positional form of x: sign and integer part. */
static int integer_len(double x, const decimal *d)
{
    return (signbit(x) ? 1 : 0) + (d->exp10 >= 0 ? d->exp10 + 1 : 1);
}

static int exponent_digits(int exp10)
{
    int n = 0;
    for (exp10 = abs(exp10); exp10 > 0; exp10 /= 10)
        n++;
    return n < 2 ? 2 : n;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* numpy's FloatingFormat.fillFormat: passes over the shown elements to choose the
 * notation, then the widths. Only finite numbers count; nan and inf fit in after. */
static float_format choose_format(const shown_array *a)
{
    float_format f = {0, 0, 0, 0, 2};
    size_t nr = shown_count(a, a->rows), nc = shown_count(a, a->cols);
    double max = 0.0, min = INFINITY;
    int any_nonfinite = 0, neg_inf = 0;
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            double x = shown_value(a, r, c);
            if (!isfinite(x)) {
                any_nonfinite = 1;
                neg_inf |= isinf(x) && x < 0;
            } else if (x != 0.0) {
                max = fmax(max, fabs(x));
                min = fmin(min, fabs(x));
            }
        }
    /* The ratio may overflow to infinity, which is still > 1000. */
    f.scientific = max != 0.0 && (max >= 1e8 || min < 1e-4 || max / min > 1000.0);

    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            double x = shown_value(a, r, c);
            if (!isfinite(x))
                continue;
            decimal d;
            element_digits(x, f.scientific, &d);
            if (f.scientific) {
                f.pad_left = max_int(f.pad_left, signbit(x) ? 2 : 1);
                f.precision = max_int(f.precision, d.ndigits - 1);
                f.exp_digits = max_int(f.exp_digits, exponent_digits(d.exp10));
            } else {
                f.pad_left = max_int(f.pad_left, integer_len(x, &d));
                f.pad_right = max_int(f.pad_right, decimal_fraction_len(&d));
            }
        }
    if (f.scientific)
        f.pad_right = f.precision + 2 + f.exp_digits; /* digits, "e+", exponent */

    /* "nan", "inf" and "-inf" are right-aligned in the full width of a number, which
     * they widen if they have to: array([ nan, -inf]). */
    if (any_nonfinite)
        f.pad_left = max_int(f.pad_left, 3 + neg_inf - (f.pad_right + 1));
    return f;
}

/* Room for one formatted element: at most ~25 characters with numpy's precision. */
#define ELEMENT_MAX 64

static char *put_repeat(char *p, char c, int count)
{
    for (; count > 0; count--)
        *p++ = c;
    return p;
}

/* numpy's FloatingFormat.__call__: x in format f, padded to the array's widths. */
static void format_element(const float_format *f, double x, char buf[ELEMENT_MAX])
{
    if (!isfinite(x)) {
        snprintf(buf, ELEMENT_MAX, "%*s", f->pad_left + 1 + f->pad_right,
                 isnan(x) ? "nan" : x < 0 ? "-inf" : "inf");
        return;
    }
    char *p = buf;
    if (f->scientific) {
        /* Every element shows exactly f->precision digits after the point, and they are
         * the exact binary value rounded there, not the shortest digits padded with
         * zeros. The two agree for normal doubles (which carry ~17 digits), but a
         * subnormal carries fewer: 5e-324 reads back from "5e-324", yet numpy prints it
         * as 4.94065646e-324 beside numbers that need 8 digits. "%#.*e" keeps the point
         * even with no digits after it ("5.e-324"). */
        char sci[ELEMENT_MAX];
        snprintf(sci, sizeof sci, "%#.*e", f->precision, fabs(x));
        char *e = strchr(sci, 'e');
        int exponent = (int)strtol(e + 1, NULL, 10);
        *e = '\0';
        int left = signbit(x) ? 2 : 1;
        p = put_repeat(p, ' ', f->pad_left - left);
        snprintf(p, (size_t)(buf + ELEMENT_MAX - p), "%s%se%c%0*d", signbit(x) ? "-" : "",
                 sci, exponent < 0 ? '-' : '+', f->exp_digits, abs(exponent));
        return;
    }
    decimal d;
    element_digits(x, 0, &d);
    p = put_repeat(p, ' ', f->pad_left - integer_len(x, &d));
    if (signbit(x))
        *p++ = '-';
    /* positional: the digits before the point (at least "0"), the point, the zeros
     * between the point and the first digit, the remaining digits, then spaces so the
     * points of a column line up: "0.5 " above "0.25" */
    int whole = d.exp10 >= 0 ? d.exp10 + 1 : 0;
    if (whole == 0)
        *p++ = '0';
    for (int i = 0; i < whole; i++)
        *p++ = i < d.ndigits ? d.digits[i] : '0';
    *p++ = '.';
    p = put_repeat(p, '0', d.exp10 < 0 ? -d.exp10 - 1 : 0);
    for (int i = whole; i < d.ndigits; i++)
        *p++ = d.digits[i];
    p = put_repeat(p, ' ', f->pad_right - decimal_fraction_len(&d));
    *p = '\0';
}

/* Decision 3, the layout, builds the text in a growing buffer. An allocation failure
 * is remembered and turns every later write into a no-op, so the layout code reads
 * straight through and the error is checked once at the end. */
typedef struct text {
    char *buf;
    size_t len, cap;
    size_t line_start; /* index just after the last '\n' */
    nn_status status;
    nn_error *err;
} text;

static void text_put(text *t, const char *s, size_t n)
{
    if (t->status != NN_OK)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *buf = nn_alloc(cap, 1, "matrix text", t->err);
        if (!buf) {
            t->status = NN_ERR_NOMEM;
            return;
        }
        if (t->len)
            memcpy(buf, t->buf, t->len);
        nn_alloc_free(t->buf);
        t->buf = buf;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

static void text_puts(text *t, const char *s)
{
    text_put(t, s, strlen(s));
}

/* A line break followed by the hanging indent that lines elements up under "array(". */
static void text_newline(text *t, size_t indent)
{
    while (t->status == NN_OK && t->len > t->line_start && t->buf[t->len - 1] == ' ')
        t->buf[--t->len] = '\0'; /* numpy strips the separator's trailing space */
    text_puts(t, "\n");
    t->line_start = t->len;
    for (size_t i = 0; i < indent; i++)
        text_puts(t, " ");
}

/* numpy's _extendLine: a word that would pass the line's width goes to a new line,
 * unless the line holds nothing but the indent (wrapping would not help). */
static void put_word(text *t, const char *word, size_t indent, size_t width)
{
    size_t column = t->len - t->line_start;
    if (column + strlen(word) > width && column > indent)
        text_newline(t, indent);
    text_puts(t, word);
}

/* numpy's default line width, and the hanging indent of "array(" plus one "[". */
#define LINE_WIDTH 75
#define INDENT 7

/* The elements of row r, separated by ", ", each line ending before column width. */
static void put_row(text *t, const shown_array *a, const float_format *f, size_t r,
                    size_t indent, size_t width)
{
    size_t n = shown_count(a, a->cols);
    for (size_t c = 0; c < n; c++) {
        if (c == EDGE && n < a->cols) {
            put_word(t, "...", indent, width);
            text_puts(t, ", ");
        }
        char word[ELEMENT_MAX];
        format_element(f, shown_value(a, r, c), word);
        put_word(t, word, indent, width);
        if (c + 1 < n)
            text_puts(t, ", ");
    }
}

/* numpy's _formatArray for one and two dimensions. The widths count what must still
 * fit after an element: the closing ")" of "array(...)", one "]" for each row of a
 * matrix, and the "," or "]" that follows the element itself. A matrix row's wrapped
 * lines are indented one space further, under its "[". */
static void put_array(text *t, const shown_array *a)
{
    size_t size = a->rows * a->cols;
    if (size == 0) {
        char shape[64];
        snprintf(shape, sizeof shape, ", shape=" SHAPE, a->rows, a->cols);
        text_puts(t, "array([]");
        if (a->ndim == 2)
            text_puts(t, shape);
        text_puts(t, ", dtype=float64)");
        return;
    }
    float_format f = choose_format(a);
    text_puts(t, "array([");
    if (a->ndim == 1) {
        put_row(t, a, &f, 0, INDENT, LINE_WIDTH - 1 /* ) */ - 1 /* , or ] */);
    } else {
        size_t n = shown_count(a, a->rows);
        for (size_t r = 0; r < n; r++) {
            if (r == EDGE && n < a->rows) {
                text_puts(t, "...,");
                text_newline(t, INDENT);
            }
            text_puts(t, "[");
            put_row(t, a, &f, r, INDENT + 1, LINE_WIDTH - 2 /* ]) */ - 1 /* , or ] */);
            text_puts(t, "]");
            if (r + 1 < n) {
                text_puts(t, ",");
                text_newline(t, INDENT);
            }
        }
    }
    text_puts(t, "])");
}

static char *format_shown(const shown_array *a, nn_error *err)
{
    text t = {NULL, 0, 0, 0, NN_OK, err};
    put_array(&t, a);
    if (t.status != NN_OK) {
        nn_alloc_free(t.buf);
        return NULL;
    }
    return t.buf;
}

char *nn_matrix_format(const nn_matrix *m, nn_error *err)
{
    if (!m) {
        nn_error_set(err, NN_ERR_ARG, "matrix_format: matrix is NULL");
        return NULL;
    }
    shown_array a = {m->data, m->rows, m->cols, 2, m->rows * m->cols > THRESHOLD};
    return format_shown(&a, err);
}

char *nn_array_format(const double *v, size_t n, nn_error *err)
{
    if (!v && n) {
        nn_error_set(err, NN_ERR_ARG, "array_format: values are NULL");
        return NULL;
    }
    shown_array a = {v, 1, n, 1, n > THRESHOLD};
    return format_shown(&a, err);
}

/* Printing is formatting plus one write, so the two can never disagree. */
static nn_status print_text(FILE *f, char *s)
{
    if (!s)
        return NN_ERR_NOMEM;
    int failed = fputs(s, f) == EOF || fputc('\n', f) == EOF;
    nn_alloc_free(s);
    return failed ? NN_ERR_IO : NN_OK;
}

nn_status nn_matrix_print(FILE *f, const nn_matrix *m)
{
    if (!f || !m)
        return NN_ERR_ARG;
    return print_text(f, nn_matrix_format(m, NULL));
}

nn_status nn_array_print(FILE *f, const double *v, size_t n)
{
    if (!f || (!v && n))
        return NN_ERR_ARG;
    return print_text(f, nn_array_format(v, n, NULL));
}
