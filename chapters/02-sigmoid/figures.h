/* figures.h - the three figures of chapter 2, drawn by figures.c, and the pieces of the
 * lesson in main.c that they draw. */
#ifndef CH02_FIGURES_H
#define CH02_FIGURES_H

#include "nn.h"

/* ---- From main.c ---- */

/* The i-th x of the table: from + i * step. */
double grid_x(double from, double step, long i);

/* 1 / (1 + e^-x), typed in as the textbook writes it. */
double textbook_sigmoid(double x);

/* n values of x from `from` to `to`, the activation f(x) and its slope f'(x), computed
 * a whole array at a time, as a layer does. */
void activation_curve(nn_activation a, double from, double to, double *x, double *y,
                      double *slope, size_t n);

/* ---- In figures.c ---- */

/* Draws the figures "activations", "sigmoid-classes" (the table's rows, of the given
 * range, step and threshold) and "sigmoid-tail". */
nn_status draw_figures(nn_plot_mode mode, const char *out, double from, double to,
                       double step, double threshold, long rows, nn_error *err);

#endif
