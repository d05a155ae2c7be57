/* vanishing.h - chapter 5's second experiment (vanishing.c): the gradient of a deep
 * network, layer by layer, with logistic, tanh and relu hidden units. What main.c passes
 * in, and what report.c and figures.c show.
 */
#ifndef CH05_VANISHING_H
#define CH05_VANISHING_H

#include "nn.h"

#define MAX_DEPTH 30 /* the most hidden layers (--depth) */
#define MAX_WIDTH 64 /* the most neurons in each (--width) */
#define N_ACTIVATIONS 3

/* The hidden activations compared, in the order of the table and the figure. */
extern const nn_activation VANISHING_ACTIVATIONS[N_ACTIVATIONS];

/* The experiment's settings, from the program's flags. */
typedef struct vanishing_settings {
    uint32_t seed;   /* numpy's RandomState seed for the starting weights */
    long depth;      /* hidden layers */
    long width;      /* neurons in each hidden layer */
    bool hex;        /* also print the norms as exact hexadecimal doubles */
    int plot;        /* an nn_plot_mode: where the figure goes */
    const char *out; /* its directory */
} vanishing_settings;

/* What the experiment measured: norm[a][l] = ||dL/dW_l|| for activation a, for the
 * depth + 1 weight layers l = 0 (inputs to the first hidden layer) .. depth (the last
 * hidden layer to the output). */
typedef struct vanishing_result {
    const vanishing_settings *s;
    double norm[N_ACTIVATIONS][MAX_DEPTH + 1];
} vanishing_result;

/* The experiment on the data X (N x 2) with targets Y (N x 1): one deep network per
 * activation, started as scikit-learn starts an MLP, its gradient at the start, and the
 * norm of each layer's weight gradient, printed and drawn. */
nn_status vanishing(const vanishing_settings *s, const nn_matrix *X, const nn_matrix *Y,
                    nn_error *err);

#endif
