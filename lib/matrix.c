/* matrix.c - nn_matrix: a row-major matrix of doubles with numpy's arithmetic.
 *
 * Chapter 5 introduces it, and the file follows that chapter. First a matrix is made
 * and freed, alone or as a group of matrices in one allocation. Then come the
 * operations a network needs: the matrix product (a plain triple loop, the reference a
 * faster kernel will be checked against), transposition, element-wise arithmetic, adding
 * a bias row to every sample, and the sums and argmax of a layer's outputs. Printing
 * them as numpy does lives in numpy_print.c.
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

/* ---- Many matrices, one allocation ---------------------------------------------------
 *
 * The block holds the group's header, then the n matrix headers, then every matrix's
 * data, one after another. */

struct nn_matrix_group {
    size_t count;
    nn_matrix matrices[]; /* count headers, then the data they point into */
};

nn_matrix_group *nn_matrix_group_new(const nn_matrix_spec *specs, size_t n, nn_error *err)
{
    for (size_t i = 0; i < n; i++)
        *specs[i].matrix = NULL;
    size_t headers = sizeof(nn_matrix_group) + n * sizeof(nn_matrix), elements = 0;
    for (size_t i = 0; i < n; i++) {
        size_t rows = specs[i].rows, cols = specs[i].cols;
        if ((cols && rows > (size_t)-1 / cols) || rows * cols > (size_t)-1 - elements) {
            nn_error_set(err, NN_ERR_NOMEM, "matrix group: %zu matrices overflow size_t", n);
            return NULL;
        }
        elements += rows * cols;
    }
    size_t doubles = (headers + sizeof(double) - 1) / sizeof(double); /* headers, aligned */
    if (elements > (size_t)-1 / sizeof(double) - doubles) {
        nn_error_set(err, NN_ERR_NOMEM, "matrix group: %zu matrices overflow size_t", n);
        return NULL;
    }
    nn_matrix_group *g = nn_alloc(doubles + elements, sizeof(double), "matrix group", err);
    if (!g)
        return NULL;
    double *data = (double *)(void *)((char *)g + doubles * sizeof(double));
    g->count = n;
    for (size_t i = 0; i < n; i++) {
        size_t size = specs[i].rows * specs[i].cols;
        g->matrices[i] = (nn_matrix){specs[i].rows, specs[i].cols, data};
        if (specs[i].values && size)
            memcpy(data, specs[i].values, size * sizeof(double));
        data += size;
        *specs[i].matrix = &g->matrices[i];
    }
    return g;
}

void nn_matrix_group_free(nn_matrix_group *g)
{
    nn_alloc_free(g);
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
