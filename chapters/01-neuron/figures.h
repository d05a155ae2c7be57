/* figures.h - the figure of chapter 1, drawn by figures.c from what main.c learned. */
#ifndef CH01_FIGURES_H
#define CH01_FIGURES_H

#include "nn.h"

/* What training left behind for one gate: what the figure draws. */
typedef struct result {
    const char *name;      /* "AND", "OR", "XOR" */
    const double *targets; /* the truth table, one target per corner */
    double weights[2], bias;
    long epochs;       /* epochs run */
    size_t mistakes;   /* mistakes in the last epoch (0 means learned) */
} result;

/* For each of the n gates, the four corners and the line w1 x1 + w2 x2 + b = 0 that
 * the perceptron rule found, one panel each: "decision-boundaries". */
nn_status draw_boundaries(nn_plot_mode mode, const char *out, const double corners[4][2],
                          const result *results, size_t n, nn_error *err);

#endif
