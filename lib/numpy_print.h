/* numpy_print.h - numbers and arrays printed exactly as numpy and Python print them.
 *
 * Chapter 5 introduces it, and chapter 6 prints every line of the numpy tutorial with
 * it. An array is written as numpy 1.24's repr() of a float64 array, character for
 * character, with numpy's default print options (linewidth 75, precision 8, floatmode
 * 'maxprec', threshold 1000, edgeitems 3); a single number as Python's str(). So the C
 * and the Python versions of a program show the same digits.
 */
#ifndef NN_NUMPY_PRINT_H
#define NN_NUMPY_PRINT_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "matrix.h"

/* Room for any double as nn_python_float_str writes it, with its NUL. */
#define NN_PYTHON_FLOAT_MAX 32

/* Python's str(x) for a float (numpy's for a float64 scalar): the shortest digits that
 * read back as x, e.g. "0.5", "120.0", "0.0012", "1.5e-05", "1e+16", "nan". */
void nn_python_float_str(double x, char out[NN_PYTHON_FLOAT_MAX]);

/* Writes numpy's repr() of m as a 2-D float64 array, then a newline (what Python's
 * print(repr(a)) shows), e.g. "array([[0.5 , 0.25]])\n". NN_ERR_NOMEM or NN_ERR_IO on
 * failure. */
nn_status nn_matrix_print(FILE *f, const nn_matrix *m);

/* Writes numpy's repr() of the 1-D float64 array v[0..n), then a newline. v may be NULL
 * when n == 0 ("array([], dtype=float64)"). */
nn_status nn_array_print(FILE *f, const double *v, size_t n);

/* numpy's repr() of m as a new NUL-terminated string without a trailing newline (the
 * text nn_matrix_print writes); free it with nn_alloc_free. NULL on failure. */
char *nn_matrix_format(const nn_matrix *m, nn_error *err);

/* numpy's repr() of the 1-D array v[0..n) as a new string, as nn_array_print writes it;
 * free it with nn_alloc_free. NULL on failure. */
char *nn_array_format(const double *v, size_t n, nn_error *err);

#endif
