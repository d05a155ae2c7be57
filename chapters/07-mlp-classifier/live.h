/* live.h - part 2's live figure (live.c): with --live, each solver's network is drawn
 * while it trains, its decision boundary over the moons beside its loss so far. */
#ifndef CH07_LIVE_H
#define CH07_LIVE_H

#include "figures.h"

#define LIVE_FRAMES 60   /* frames per fit, at most: a few seconds each */
#define LIVE_CURVE 100000 /* iterations whose loss the figure keeps */

typedef struct live_fit {
    nn_plot *p;                  /* the live figure, or NULL: nothing is drawn */
    nn_plot_mode mode;           /* window, or dumb (no shaded surface in text) */
    const nn_matrix *X, *y;      /* the training points */
    surface_box box;             /* the part of the plane shown */
    nn_mlp_solver solver;        /* the fit being watched */
    long every;                  /* draw every this many iterations */
    size_t n;                    /* the loss curve so far */
    double *loss;                /* LIVE_CURVE values */
    nn_status status;            /* the first error a frame met */
    nn_error err;
} live_fit;

/* Opens the figure when on and mode can show it (a window or a terminal). */
nn_status live_open(live_fit *live, bool on, nn_plot_mode mode, const nn_matrix *X,
                    const nn_matrix *y, const surface_box *box, nn_error *err);

/* Makes params watch the coming fit with solver: on_iteration draws its frames. */
void live_watch(live_fit *live, nn_mlp_params *params, nn_mlp_solver solver);

/* Closes the figure; NULL or closed is a no-op. */
void live_close(live_fit *live);

#endif
