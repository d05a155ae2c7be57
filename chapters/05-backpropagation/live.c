/* live.c - the live figure (--live): the training curve drawn while it falls, through
 * lib/plot's live figures. Each frame sends the curve so far into the datablock $curve
 * again; the first frame sends the plot command, every later one `replot`. The
 * training loop calls live_frame with each step's value and carries on: nothing here
 * touches its numbers. */
#include <math.h>
#include <stdio.h>

#include "live.h"

nn_status live_open(live_loss *live, bool on, nn_plot_mode mode, long last,
                    const char *what, nn_error *err)
{
    live->p = NULL;
    live->what = what;
    live->last = last;
    live->every = last / LIVE_FRAMES + 1;
    live->stride = last / LIVE_POINTS + 1;
    live->n = 0;
    return on ? nn_plot_open_live(&live->p, mode, "training, live", 1, 1, err) : NN_OK;
}

void live_frame(live_loss *live, long t, double value)
{
    if (!live->p)
        return;
    if ((t % live->stride == 0 || t == live->last) && live->n < LIVE_POINTS) {
        live->x[live->n] = (double)t;
        live->y[live->n++] = value;
    }
    if ((t % live->every != 0 && t != live->last) || !nn_plot_frame_begin(live->p))
        return;
    nn_plot *p = live->p;
    nn_plot_data_begin(p, "curve");
    for (size_t i = 0; i < live->n; i++)
        nn_plot_data_row(p, 2, (double[]){live->x[i], live->y[i]});
    nn_plot_data_end(p);
    char title[96];
    snprintf(title, sizeof title, "step %ld of %ld: %s = %.6g", t, live->last, live->what,
             value);
    nn_plot_set_text(p, "title", title);
    if (live->n == 1 || t == 0) {
        nn_plot_command(p, "set grid; set key off; set logscale y; set xrange [0:%ld]",
                        live->last > 0 ? live->last : 1);
        nn_plot_set_text(p, "xlabel", "step");
        nn_plot_set_text(p, "ylabel", live->what);
        nn_plot_command(p, "plot $curve with lines lw 2 lc rgb '#1f4e79'");
    } else {
        nn_plot_command(p, "replot");
    }
    nn_plot_frame_end(p);
}

void live_close(live_loss *live)
{
    nn_plot_close(live->p, NULL);
    live->p = NULL;
}
