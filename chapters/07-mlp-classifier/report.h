/* report.h - how the program shows what it did (report.c): part 1 as a Python session
 * shows it, part 2 as a table, and what each fit said while it trained; part 3 as a
 * Python session, part 4 as a table. */
#ifndef CH07_REPORT_H
#define CH07_REPORT_H

#include <stdio.h>

#include "alpha.h"
#include "digits.h"
#include "part2.h"

/* A column of labels as numpy prints an integer array: "array([1, 0])". */
void print_labels(const double *labels, size_t n);

/* Part 2's report: the Python lines that make the data and the estimator, a table of
 * the fits (n_iter_, loss_, the two scores) and why each one stopped. */
void print_report(const config *c, size_t n_train, const fit_result *results,
                  size_t n_results);

/* What a fit says as it trains: its verbose lines, written to a temporary file, and the
 * last warning it sends through nn_warn (a ConvergenceWarning), kept instead of printed. */
typedef struct fit_log {
    FILE *file; /* give it to the fit as params.verbose_out */
    char warning[NN_ERROR_MESSAGE_MAX];
} fit_log;

/* Opens the file and catches the library's warnings until fit_log_close. */
nn_status fit_log_open(fit_log *log, nn_error *err);

/* Fills r->curve and r->n_curve (the loss after each iteration or epoch, at most
 * max_iter of them) and r->stopped (why the fit stopped) from the log and the fitted
 * clf. r->solver must be set. Free r->curve with nn_alloc_free. */
nn_status fit_log_read(fit_log *log, const nn_mlp *clf, size_t max_iter, fit_result *r,
                       nn_error *err);

/* Closes the file; warnings go to stderr again. */
void fit_log_close(fit_log *log);

/* Part 3's report: the Python lines, n_iter_ and loss_, the accuracy, the confusion
 * matrix and which test digits were misread, as numpy shows them. */
void print_digits(const digits_result *r);

/* Part 4's report: the Python lines, then a row per batch size (the sum of the squared
 * weights and loss_ of each fit). */
void print_alpha(const alpha_result *r);

#endif
