/* live.h - the live figure of the held-out fit (live.c): with --live, the training loss
 * and the accuracy on the held-out patients, epoch by epoch, drawn while the network
 * trains. */
#ifndef CH08_LIVE_H
#define CH08_LIVE_H

#include "heart.h"

#define LIVE_FRAMES 60   /* frames per fit, at most */
#define LIVE_CURVE 20000 /* epochs the figure keeps */

typedef struct live_fit {
    nn_plot *p;           /* the live figure, or NULL: nothing is drawn */
    const holdout *h;     /* the held-out patients (filled before the fit starts) */
    long every;           /* a frame every this many epochs */
    size_t n;             /* epochs so far */
    double *loss, *score; /* LIVE_CURVE each: training loss, held-out accuracy */
} live_fit;

/* Opens the figure when on and mode can show it (a window or a terminal), for the
 * fit of params that evaluate will run on h; makes params call it after every epoch. */
nn_status live_open(live_fit *live, bool on, nn_plot_mode mode, const holdout *h,
                    nn_mlp_params *params, nn_error *err);

/* Closes the figure; no-op without one. */
void live_close(live_fit *live);

#endif
