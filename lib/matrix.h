/* matrix.h - a row-major matrix of doubles that behaves like a 2-D numpy array.
 *
 * Chapter 5 introduces nn_matrix so that a whole layer of neurons can be written as one
 * matrix product instead of a loop over neurons. It is deliberately small: a shape and a
 * pointer to rows*cols doubles, laid out row after row exactly as a C-contiguous numpy
 * float64 array is, so element (i, j) lives at data[i*cols + j].
 *
 * Operations write into an output matrix that the caller owns (out = a + b, not
 * a = a + b behind your back), so a training loop can allocate once and reuse. Each one
 * checks shapes first and, on a mismatch, returns NN_ERR_SHAPE with a message that names
 * both shapes the way numpy does:
 *
 *     matmul: shapes (4, 3) and (4, 1) not aligned: 3 (dim 1) != 4 (dim 0)
 *
 * NULL pointers give NN_ERR_ARG. On success err is left untouched.
 *
 * numpy_print.h prints matrices exactly as numpy prints arrays.
 */
#ifndef NN_MATRIX_H
#define NN_MATRIX_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

/* A rows x cols matrix; element (i, j) is data[i*cols + j]. Either dimension may be 0. */
typedef struct nn_matrix {
    size_t rows, cols;
    double *data;
} nn_matrix;

/* Whether a matmul operand is used as it is or transposed: op(a) = a or a^T. */
typedef enum nn_transpose { NN_NO_TRANS = 0, NN_TRANS = 1 } nn_transpose;

/* ---- Making and freeing matrices ---------------------------------------------------- */

/* A new rows x cols matrix of zeros (numpy: zeros((rows, cols))); NULL on failure. */
nn_matrix *nn_matrix_new(size_t rows, size_t cols, nn_error *err);

/* A new rows x cols matrix with every element equal to value (numpy: full). */
nn_matrix *nn_matrix_full(size_t rows, size_t cols, double value, nn_error *err);

/* A new rows x cols matrix holding a copy of rows*cols values given row by row.
 * values may be NULL only when rows*cols == 0. */
nn_matrix *nn_matrix_from_array(size_t rows, size_t cols, const double *values,
                                nn_error *err);

/* A new matrix with the same shape and elements as m (numpy: m.copy()). */
nn_matrix *nn_matrix_copy(const nn_matrix *m, nn_error *err);

/* Releases m and its data; NULL is a no-op. */
void nn_matrix_free(nn_matrix *m);

/* ---- Many matrices, one allocation --------------------------------------------------
 *
 * A network's weights, its layers' outputs and their gradients are a dozen matrices
 * whose shapes are known before training starts. Rather than a dozen allocations, each
 * with its own failure to handle and its own free, a group makes them all at once (as
 * llm.c's malloc_and_point_parameters does):
 *
 *     nn_matrix *X, *W1, *h;
 *     const nn_matrix_spec specs[] = {
 *         {&X, 4, 2, XOR_X},  // 4 x 2, a copy of XOR_X
 *         {&W1, 2, H, NULL},  // 2 x H, zeros
 *         {&h, 4, H, NULL},
 *     };
 *     nn_matrix_group *g = nn_matrix_group_new(specs, NN_COUNT(specs), err);
 *     ...
 *     nn_matrix_group_free(g);
 */

/* One matrix of a group: where to put it, its shape, and its first values (rows*cols
 * of them, row by row), or NULL for zeros. */
typedef struct nn_matrix_spec {
    nn_matrix **matrix;
    size_t rows, cols;
    const double *values;
} nn_matrix_spec;

/* The number of elements of an array whose size the compiler knows. */
#define NN_COUNT(array) (sizeof(array) / sizeof((array)[0]))

typedef struct nn_matrix_group nn_matrix_group;

/* Makes the n matrices of specs in one allocation and points *specs[i].matrix at each.
 * NULL on failure, with every *specs[i].matrix set to NULL. Free the group, never its
 * members, with nn_matrix_group_free. */
nn_matrix_group *nn_matrix_group_new(const nn_matrix_spec *specs, size_t n, nn_error *err);

/* Releases every matrix of the group at once; NULL is a no-op. */
void nn_matrix_group_free(nn_matrix_group *g);

/* ---- Elements ------------------------------------------------------------------------ */

/* m[i, j]. Unchecked: the caller guarantees i < m->rows and j < m->cols. */
static inline double nn_matrix_get(const nn_matrix *m, size_t i, size_t j)
{
    return m->data[i * m->cols + j];
}

/* m[i, j] = v. Unchecked: the caller guarantees i < m->rows and j < m->cols. */
static inline void nn_matrix_set(nn_matrix *m, size_t i, size_t j, double v)
{
    m->data[i * m->cols + j] = v;
}

/* ---- Products ------------------------------------------------------------------------ */

/* out = op(a) . op(b), the matrix product: out[i, j] = sum_k op(a)[i, k] * op(b)[k, j],
 * summed in increasing k. op(a) is n x p, op(b) is p x m, out must be n x m and must not
 * alias a or b. */
nn_status nn_matrix_matmul(nn_matrix *out, const nn_matrix *a, nn_transpose ta,
                           const nn_matrix *b, nn_transpose tb, nn_error *err);

/* out = a^T: out[j, i] = a[i, j]. out must be cols x rows and must not alias a. */
nn_status nn_matrix_transpose(nn_matrix *out, const nn_matrix *a, nn_error *err);

/* ---- Element-wise arithmetic (out may alias a or b) ------------------------------------ */

/* out = a + b: out[i, j] = a[i, j] + b[i, j]. All three have the same shape. */
nn_status nn_matrix_add(nn_matrix *out, const nn_matrix *a, const nn_matrix *b,
                        nn_error *err);

/* out = a - b: out[i, j] = a[i, j] - b[i, j]. All three have the same shape. */
nn_status nn_matrix_sub(nn_matrix *out, const nn_matrix *a, const nn_matrix *b,
                        nn_error *err);

/* out = a * b, the Hadamard product: out[i, j] = a[i, j] * b[i, j]. Same shapes. */
nn_status nn_matrix_mul(nn_matrix *out, const nn_matrix *a, const nn_matrix *b,
                        nn_error *err);

/* out = s * a: out[i, j] = s * a[i, j]. out has a's shape. */
nn_status nn_matrix_scale(nn_matrix *out, const nn_matrix *a, double s, nn_error *err);

/* out = a + s: out[i, j] = a[i, j] + s. out has a's shape. */
nn_status nn_matrix_add_scalar(nn_matrix *out, const nn_matrix *a, double s,
                               nn_error *err);

/* out = f(a): out[i, j] = f(a[i, j]), like a numpy ufunc. out has a's shape. */
nn_status nn_matrix_apply(nn_matrix *out, const nn_matrix *a, double (*f)(double),
                          nn_error *err);

/* out = a + row with numpy broadcasting: out[i, j] = a[i, j] + row[0, j]. row is
 * 1 x a->cols (a bias added to every sample); out has a's shape and may alias a. */
nn_status nn_matrix_add_row(nn_matrix *out, const nn_matrix *a, const nn_matrix *row,
                            nn_error *err);

/* ---- Reductions ---------------------------------------------------------------------- */

/* numpy a.sum(axis, keepdims=True). axis 0: out is 1 x cols, out[0, j] = sum_i a[i, j];
 * axis 1: out is rows x 1, out[i, 0] = sum_j a[i, j]. The terms are added in numpy's
 * order (row by row, or pairwise along contiguous data), so the digits agree with
 * numpy's. Any other axis is NN_ERR_ARG. out must not alias a. */
nn_status nn_matrix_sum(nn_matrix *out, const nn_matrix *a, int axis, nn_error *err);

/* out[i] = argmax_j a[i, j], the first index of the largest value in each row (numpy
 * a.argmax(axis=1); a NaN counts as the largest). out holds a->rows entries; a needs at
 * least one column. */
nn_status nn_matrix_argmax_rows(const nn_matrix *a, size_t *out, nn_error *err);

#endif
