/* live_curve.c - a training curve drawn while it falls (live_curve.h).
 *
 * Chapter 5 introduces it. Each frame sends the curve so far into the datablock $curve
 * again; the first frame sends the plot command, every later one `replot`. */
#include "live_curve.h"

#include <stdio.h>

nn_status nn_live_curve_open(nn_live_curve *c, bool on, nn_plot_mode mode, long last,
                             const char *what, nn_error *err)
{
    c->p = NULL;
    c->what = what;
    c->last = last;
    c->every = last / NN_LIVE_CURVE_FRAMES + 1;
    c->stride = last / NN_LIVE_CURVE_POINTS + 1;
    c->n = 0;
    return on ? nn_plot_open_live(&c->p, mode, "training, live", 1, 1, err) : NN_OK;
}

void nn_live_curve_step(nn_live_curve *c, long t, double value)
{
    if (!c->p)
        return;
    if ((t % c->stride == 0 || t == c->last) && c->n < NN_LIVE_CURVE_POINTS) {
        c->x[c->n] = (double)t;
        c->y[c->n++] = value;
    }
    if ((t % c->every != 0 && t != c->last) || !nn_plot_frame_begin(c->p))
        return;
    nn_plot *p = c->p;
    nn_plot_data_begin(p, "curve");
    for (size_t i = 0; i < c->n; i++)
        nn_plot_data_row(p, 2, (double[]){c->x[i], c->y[i]});
    nn_plot_data_end(p);
    char title[96];
    snprintf(title, sizeof title, "step %ld of %ld: %s = %.6g", t, c->last, c->what, value);
    nn_plot_set_text(p, "title", title);
    if (c->n == 1 || t == 0) {
        nn_plot_command(p, "set grid; set key off; set logscale y; set xrange [0:%ld]",
                        c->last > 0 ? c->last : 1);
        nn_plot_set_text(p, "xlabel", "step");
        nn_plot_set_text(p, "ylabel", c->what);
        nn_plot_command(p, "plot $curve with lines lw 2 lc rgb '#1f4e79'");
    } else {
        nn_plot_command(p, "replot");
    }
    nn_plot_frame_end(p);
}

void nn_live_curve_close(nn_live_curve *c)
{
    nn_plot_close(c->p, NULL);
    c->p = NULL;
}
