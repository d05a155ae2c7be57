/* report.h - the text chapter 5's program prints around its numbers (report.c).
 *
 * The network's four parameters W1, b1, W2 and b2 are numbered 0 to 3, in that order,
 * and passed as an array of four matrices.
 */
#ifndef CH05_REPORT_H
#define CH05_REPORT_H

#include "nn.h"
#include "vanishing.h"

/* The title, the data X (4 x 2) and Y (4 x 1), and the starting parameters. */
void print_start(long hidden, uint32_t seed, const nn_matrix *X, const nn_matrix *Y,
                 const nn_matrix *const params[4]);

/* The gradient check: what it compares, at the loss L with the step h. */
void print_check_header(double L, double h);

/* One row of the check: element i of parameter k (cols columns), both derivatives and
 * their relative error. */
void print_check_row(size_t k, size_t i, size_t cols, double analytic, double numeric,
                     double rel);

/* What the check's worst relative error (in parameter k, cols columns) says: the same
 * number (below tolerance), rounding, or a bug. */
void print_check_verdict(size_t k, size_t cols, const nn_gradcheck_result *worst,
                         double L, double h, double tolerance);

/* The trained network's answers A2 (4 x 1) for the samples X, Y, and its parameters. */
void print_answers(const nn_matrix *X, const nn_matrix *Y, const nn_matrix *A2,
                   const nn_matrix *const params[4]);

/* The vanishing-gradient experiment: the settings, the table of every layer's gradient
 * norm for each activation, the change from the last layer to the first, and with
 * --hex every norm as an exact hexadecimal double. */
void print_vanishing(const vanishing_result *r);

#endif
