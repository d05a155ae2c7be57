/* figures.h - the figures of chapter 1, drawn by figures.c from what main.c learned. */
#ifndef CH01_FIGURES_H
#define CH01_FIGURES_H

#include "nn.h"

/* The most epochs whose lines the figure keeps: epoch 0 (the start) to epoch 50. */
#define TRAIL_MAX 51

/* What training left behind for one gate: what the figures draw. */
typedef struct result {
    const char *name;      /* "AND", "OR", "XOR" */
    const double *targets; /* the truth table, one target per corner */
    double weights[2], bias;
    long epochs;       /* epochs run */
    size_t mistakes;   /* mistakes in the last epoch (0 means learned) */
    double trail[TRAIL_MAX][3]; /* w1, w2, b at the start and after each epoch */
    size_t trail_len;           /* rows kept: the first TRAIL_MAX epochs */
} result;

/* Keeps r's weights (r->weights) and bias as the next row of its trail, while there
 * is room. */
void keep_epoch(result *r, double bias);

/* Draws both figures, for each of the n gates a panel over the four corners:
 * "decision-boundaries", the line w1 x1 + w2 x2 + b = 0 that the perceptron rule
 * found, and "boundary-epochs", that line after every epoch, lighter to darker. */
nn_status draw_figures(nn_plot_mode mode, const char *out, const double corners[4][2],
                       const result *results, size_t n, nn_error *err);

#endif
