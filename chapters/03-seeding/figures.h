/* figures.h - the three figures of chapter 3, drawn by figures.c from main.c's draws. */
#ifndef CH03_FIGURES_H
#define CH03_FIGURES_H

#include "nn.h"

/* Part 2's table and its figure compare this many weights per seed (at most). */
#define TABLE_WEIGHTS 5

/* Draws "uniform-histogram" from the n uniform draws u and "normal-histogram" from the
 * n normal draws z, both made after seeding with seed, and "first-weights" from table:
 * the first table_n weights of seed, seed + 1 and seed + 2 (none when table_n is 0). */
nn_status draw_figures(nn_plot_mode mode, const char *out, uint32_t seed, const double *u,
                       const double *z, size_t n, double table[3][TABLE_WEIGHTS],
                       size_t table_n, nn_error *err);

#endif
