/* live.h - part 2's live figure (live.c): with --live, each solver's network is drawn
 * while it trains, its decision boundary over the moons beside its loss so far. */
#ifndef CH07_LIVE_H
#define CH07_LIVE_H

#include "figures.h"

#define LIVE_CURVE 100000 /* iterations whose loss the figure keeps */

typedef struct live_fit {
    nn_plot *p;                  /* the live figure, or NULL: nothing is drawn */
    nn_plot_mode mode;           /* window, or dumb (no shaded surface in text) */
    const nn_matrix *X, *y;      /* the training points */
    surface_box box;             /* the part of the plane shown */
    nn_mlp_solver solver;        /* the fit being watched */
    long drawn;                  /* the last iteration drawn */
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

/* Whether epoch (or iteration) t gets a frame: every one up to 30, then each time t has
 * grown by a tenth since the last frame, so that a long fit shows its start in detail
 * and its end in about 70 frames for 1000 epochs (7 seconds at 10 frames a second). */
static inline bool live_due(long t, long *drawn)
{
    if (t > 30 && t < *drawn + *drawn / 10)
        return false;
    *drawn = t;
    return true;
}

#endif
