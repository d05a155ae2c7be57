/* live.h - the live figure of the held-out fit (live.c): with --live, the training loss
 * and the accuracy on the held-out patients, epoch by epoch, drawn while the network
 * trains. */
#ifndef CH08_LIVE_H
#define CH08_LIVE_H

#include "heart.h"

#define LIVE_CURVE 20000 /* epochs the figure keeps */

typedef struct live_fit {
    nn_plot *p;           /* the live figure, or NULL: nothing is drawn */
    const holdout *h;     /* the held-out patients (filled before the fit starts) */
    long drawn;           /* the last epoch drawn */
    size_t n;             /* epochs so far */
    double *loss, *score; /* LIVE_CURVE each: training loss, held-out accuracy */
} live_fit;

/* Opens the figure when on and mode can show it (a window or a terminal), for the
 * fit of params that evaluate will run on h; makes params call it after every epoch. */
nn_status live_open(live_fit *live, bool on, nn_plot_mode mode, const holdout *h,
                    nn_mlp_params *params, nn_error *err);

/* Closes the figure; no-op without one. */
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
