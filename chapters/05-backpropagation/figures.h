/* figures.h - the figures of chapter 5, drawn by figures.c from what main.c computed:
 * the loss curve, the decision surface, and what each hidden neuron computes; and from
 * what vanishing.c measured, the gradient norm of each layer of a deep network.
 */
#ifndef CH05_FIGURES_H
#define CH05_FIGURES_H

#include "nn.h"
#include "vanishing.h"

#define GRID 101 /* points per side of the grid over [0, 1]^2: steps of 0.01 */

/* Everything the figures show. H hidden neurons. */
typedef struct figure_data {
    uint32_t seed; /* the run's settings, for the titles */
    long hidden, epochs;
    double eta;
    const double *loss;      /* loss[e]: the loss after e epochs, for e < count */
    long count;
    const nn_matrix *X, *Y;  /* 4 x 2, 4 x 1     the four training samples */
    const nn_matrix *G;      /* GRID^2 x 2       the grid's points (x1, x2), x1 fastest */
    const nn_matrix *A1;     /* GRID^2 x H       each hidden neuron's output at them */
    const nn_matrix *A2;     /* GRID^2 x 1       the network's output at them */
    const nn_matrix *W2;     /* H x 1            each hidden neuron's weight in the output */
} figure_data;

/* Draws the loss curve, the decision surface and the hidden neurons into out, as
 * mode says (NN_PLOT_NONE: nothing). */
nn_status draw_figures(nn_plot_mode mode, const char *out, const figure_data *d,
                       nn_error *err);

/* Draws the vanishing-gradient figure, each layer's gradient norm for each activation,
 * into out, as mode says (NN_PLOT_NONE: nothing). */
nn_status draw_vanishing(nn_plot_mode mode, const char *out, const vanishing_result *r,
                         nn_error *err);

#endif
