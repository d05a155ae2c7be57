/* Exercise 06-1: the transpose, numpy's a.T.
 * Graded by tests/exercises/06-numpy-xor/1-transpose.c: make grade EX=06-1
 *
 * The tutorial writes l0.T and syn1.T: the matrix mirrored over its diagonal, so that
 * row i of a becomes column i of the result. For an a of shape (rows, cols):
 *
 *     out[j, i] = a[i, j]        out has shape (cols, rows)
 *
 * An nn_matrix stores its elements row after row: element (i, j) of a is
 * a->data[i * a->cols + j] (or nn_matrix_get(a, i, j)).
 *
 * Requirements (the tests check each one):
 *   - when out's shape is not (a->cols, a->rows), return NN_ERR_SHAPE and leave out
 *     untouched; otherwise fill out and return NN_OK;
 *   - every shape works, including a single row or column and an empty matrix
 *     (0 rows or 0 columns, where there is nothing to copy);
 *   - a itself is not changed. (out never shares memory with a.)
 * Do not call nn_matrix_transpose: this is it.
 */
#include "exercises.h"

nn_status np_transpose(nn_matrix *out, const nn_matrix *a)
{
    if (out->rows != a->cols || out->cols != a->rows)
        return NN_ERR_SHAPE;
    for (size_t i = 0; i < a->rows; i++)
        for (size_t j = 0; j < a->cols; j++)
            out->data[j * out->cols + i] = a->data[i * a->cols + j];
    return NN_OK;
}
