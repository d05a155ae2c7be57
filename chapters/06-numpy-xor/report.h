/* report.h - how chapter 6's program shows its arrays (report.c): as numpy's repr(),
 * as Python's float.hex() with --hex, and rounded beside the targets.
 */
#ifndef CH06_REPORT_H
#define CH06_REPORT_H

#include "nn.h"

/* Prints a matrix as numpy's repr() under a caption line. */
nn_status show(const char *caption, const nn_matrix *m, nn_error *err);

/* Part 2's starting weights syn0 (3 x h) and syn1 (h x 1), under the Python lines
 * that drew them. */
nn_status show_part2_start(const nn_matrix *syn0, const nn_matrix *syn1, nn_error *err);

/* Part 1's results: its last output l1 (4 x 1), rounded and beside the targets y, and
 * the trained weights syn0; with hex, also their exact bits. */
nn_status show_part1_results(const nn_matrix *l1, const nn_matrix *syn0, const double *y,
                             bool hex, nn_error *err);

/* Part 2's results: its last output l2 (4 x 1), rounded and beside the targets y, the
 * hidden layer l1 (4 x h), and the trained weights; with hex, also their exact bits. */
nn_status show_part2_results(const nn_matrix *l2, const nn_matrix *l1, const nn_matrix *syn0,
                             const nn_matrix *syn1, const double *y, bool hex,
                             nn_error *err);

#endif
