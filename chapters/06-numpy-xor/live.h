/* live.h - the live figure of this chapter's training (live.c): with --live, the loss
 * curve is drawn while it falls, in a window or at the top of the terminal. */
#ifndef CH06_LIVE_H
#define CH06_LIVE_H

#include "nn.h"

#define LIVE_FRAMES 60    /* frames per run, at most: about six seconds */
#define LIVE_POINTS 2000  /* points of the curve kept for the figure */

typedef struct live_loss {
    nn_plot *p;             /* the live figure, or NULL: nothing is drawn */
    const char *what;       /* the y axis: "loss", "mean |error|" */
    long last, every;       /* the last step, and a frame every this many steps */
    long stride;            /* the curve keeps every stride-th step */
    size_t n;               /* points kept */
    double x[LIVE_POINTS], y[LIVE_POINTS];
} live_loss;

/* Opens the figure when on and mode can show it (a window or a terminal), for a run
 * of steps 0 .. last whose values are called what. */
nn_status live_open(live_loss *live, bool on, nn_plot_mode mode, long last,
                    const char *what, nn_error *err);

/* Step t's value: kept, and drawn when a frame is due (and always at the last step). */
void live_frame(live_loss *live, long t, double value);

/* Closes the figure; no-op without one. */
void live_close(live_loss *live);

#endif
