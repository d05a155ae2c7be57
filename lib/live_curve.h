/* live_curve.h - a training curve drawn while it falls (--live).
 *
 * Chapter 5 introduces it, for its loss; chapter 6 draws its mean error the same way.
 *
 * A training loop hands over each step's value; the curve keeps a thinned copy (at most
 * NN_LIVE_CURVE_POINTS points) and, about NN_LIVE_CURVE_FRAMES times a run, draws it
 * again through lib/plot's live figures, in a window or at the top of the terminal. It
 * only reads the values it is given, so the training's numbers are the same with or
 * without it.
 *
 *     nn_live_curve c;
 *     NN_TRY(nn_live_curve_open(&c, live_flag, plot_mode, epochs, "loss", err));
 *     for (long t = 0; t <= epochs; t++) { ...; nn_live_curve_step(&c, t, loss); }
 *     nn_live_curve_close(&c);
 */
#ifndef NN_LIVE_CURVE_H
#define NN_LIVE_CURVE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "plot.h"

#define NN_LIVE_CURVE_FRAMES 60   /* frames per run, at most: about six seconds */
#define NN_LIVE_CURVE_POINTS 2000 /* points of the curve kept for the figure */

typedef struct nn_live_curve {
    nn_plot *p;             /* the live figure, or NULL: nothing is drawn */
    const char *what;       /* the y axis: "loss", "mean |error|" */
    long last, every;       /* the last step, and a frame every this many steps */
    long stride;            /* the curve keeps every stride-th step */
    size_t n;               /* points kept */
    double x[NN_LIVE_CURVE_POINTS], y[NN_LIVE_CURVE_POINTS];
} nn_live_curve;

/* Opens the figure when on and mode can show it (a window or a terminal), for a run of
 * steps 0 .. last whose values are called what (a string that must outlive c). */
nn_status nn_live_curve_open(nn_live_curve *c, bool on, nn_plot_mode mode, long last,
                             const char *what, nn_error *err);

/* Step t's value: kept, and drawn when a frame is due (and always at the last step). */
void nn_live_curve_step(nn_live_curve *c, long t, double value);

/* Closes the figure; a no-op without one. */
void nn_live_curve_close(nn_live_curve *c);

#endif
