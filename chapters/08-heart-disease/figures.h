/* figures.h - the figures of chapter 8's program (figures.c). */
#ifndef CH08_FIGURES_H
#define CH08_FIGURES_H

#include "experiments.h"
#include "heart.h"
#include "report.h"

/* What the optional parts recorded (each zeroed unless its flag ran it). */
typedef struct extras {
    sweep sw;       /* --sweep */
    overfitting ov; /* --overfitting */
    scaling sc;     /* --scaling */
} extras;

/* Draws, in mode (into directory out for svg and png): the training loss (none for
 * lbfgs, which keeps no loss curve), the confusion matrix as a heat map (not on a
 * terminal, where the printed table says it all), the ROC curve, accuracy against
 * width when the sweep ran, and the figures of --overfitting and --scaling. */
nn_status draw_figures(nn_plot_mode mode, const char *out, const problem *pb,
                       const nn_mlp_params *params, const holdout *h, const extras *ex,
                       size_t folds, nn_error *err);

#endif
