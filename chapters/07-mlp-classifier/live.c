/* live.c - part 2's live figure: with --live, every solver's network is drawn while it
 * learns, through lib/plot's live figures. The library calls live_frame after each
 * epoch (sgd, adam) or iteration (lbfgs) through params.on_iteration; the frame asks
 * the network, as it is at that moment, for P(class 1) over the plane and draws the
 * decision boundary (where it is 0.5) over the training points, and the loss so far.
 * The fit does not notice: it gets the same numbers with or without the figure. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "live.h"

#define LIVE_GRID 41 /* lattice points per side: coarse, so a frame is quick */

static const char *const COLOURS[] = {"#1f4e79", "#c0392b", "#27ae60"};

nn_status live_open(live_fit *live, bool on, nn_plot_mode mode, const nn_matrix *X,
                    const nn_matrix *y, const surface_box *box, nn_error *err)
{
    *live = (live_fit){.mode = nn_plot_resolve(mode), .X = X, .y = y, .box = *box};
    if (!on)
        return NN_OK;
    NN_TRY(nn_plot_open_live(&live->p, mode, "MLPClassifier learning the moons", 2, 1,
                             err));
    if (!live->p)
        return NN_OK;
    live->loss = nn_alloc(LIVE_CURVE, sizeof(double), "live loss curve", err);
    if (!live->loss) {
        nn_plot_close(live->p, NULL);
        live->p = NULL;
        return NN_ERR_NOMEM;
    }
    /* the points never move: one datablock per class, sent once */
    for (int k = 0; k < 2; k++) {
        nn_plot_data_begin(live->p, k ? "class1" : "class0");
        for (size_t i = 0; i < X->rows; i++)
            if (nn_matrix_get(y, i, 0) == k)
                nn_plot_data_row(live->p, 2, (double[]){nn_matrix_get(X, i, 0),
                                                        nn_matrix_get(X, i, 1)});
        nn_plot_data_end(live->p);
    }
    return NN_OK;
}

/* $grid: P(class 1) over the lattice, from the network as it is now, and $boundary,
 * its 0.5 contour, which gnuplot traces. */
static nn_status send_surface(live_fit *live, const nn_mlp *m, nn_error *err)
{
    nn_matrix *points, *proba; /* LIVE_GRID^2 x 2 each */
    const nn_matrix_spec specs[] = {{&points, LIVE_GRID * LIVE_GRID, 2, NULL},
                                    {&proba, LIVE_GRID * LIVE_GRID, 2, NULL}};
    nn_matrix_group *g = nn_matrix_group_new(specs, NN_COUNT(specs), err);
    NN_TRY(nn_made(g, err));
    const surface_box *b = &live->box;
    for (size_t k = 0; k < LIVE_GRID * LIVE_GRID; k++) {
        double u = (double)(k % LIVE_GRID) / (LIVE_GRID - 1); /* x1 fastest */
        size_t row = k / LIVE_GRID; /* x2 slowest */
        double v = (double)row / (LIVE_GRID - 1);
        nn_matrix_set(points, k, 0, b->x_low + (b->x_high - b->x_low) * u);
        nn_matrix_set(points, k, 1, b->y_low + (b->y_high - b->y_low) * v);
    }
    nn_status status = nn_mlp_predict_proba(m, points, proba, err);
    nn_plot *p = live->p;
    nn_plot_data_begin(p, "grid");
    for (size_t k = 0; status == NN_OK && k < LIVE_GRID * LIVE_GRID; k++) {
        nn_plot_data_row(p, 3, (double[]){nn_matrix_get(points, k, 0),
                                          nn_matrix_get(points, k, 1),
                                          nn_matrix_get(proba, k, 1)});
        if (k % LIVE_GRID == LIVE_GRID - 1)
            nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
    nn_matrix_group_free(g);
    /* the loss panel left a log scale behind: the lattice's negative x2 would vanish */
    nn_plot_command(p, "unset logscale; set autoscale xy; set view map; unset surface; "
                       "set contour base; set cntrparam levels discrete 0.5; "
                       "set table $boundary; splot $grid using 1:2:3 with lines; "
                       "unset table; unset contour; set surface");
    return status;
}

/* The surface panel in characters, as part 2's text figure draws it: a tic a unit,
 * dots where the network says class 1 (in colour, blue dots where it says class 0), the
 * training points as o (class 0) and x (class 1), so no two marks look alike. */
static void plot_text_surface(nn_plot *p)
{
    nn_plot_command(p, "set size noratio; set xtics 1; set ytics 1");
    nn_plot_command(p, "plot $grid every 2:2 using 1:($3 > 0.5 || %d ? $2 : NaN):"
                       "($3 > 0.5 ? 0xfb6a4a : 0x6baed6) with points pt '.' lc rgb variable, "
                       "$class0 with points pt 'o' lc rgb '#08519c', "
                       "$class1 with points pt 'x' lc rgb '#a50f15'",
                    nn_plot_in_colour(p));
}

/* A step of 1, 2 or 5 times a power of ten that puts at most four tics on 1..n. */
static double text_tic_step(long n)
{
    static const double mantissa[] = {1, 2, 5};
    for (long scale = 1;; scale *= 10)
        for (int i = 0; i < 3; i++)
            if ((double)n / (mantissa[i] * (double)scale) <= 4)
                return mantissa[i] * (double)scale;
}

/* The two panels. gnuplot 5.4 cannot `replot` a multiplot, so each frame sends the
 * panels' plot commands again over the refreshed datablocks. */
static void send_panels(live_fit *live, long iteration)
{
    nn_plot *p = live->p;
    const surface_box *b = &live->box;
    const char *name = nn_mlp_solver_name(live->solver);
    nn_plot_command(p, "set multiplot layout 1,2%s",
                    nn_plot_is_text(p) ? " title 'o class 0, x class 1, dots: predicted class'"
                                       : "");
    nn_plot_command(p, "set title '%s, %s %ld'; set key off; unset logscale; unset grid",
                    name, live->solver == NN_MLP_LBFGS ? "iteration" : "epoch", iteration);
    nn_plot_command(p, "set xrange [%g:%g]; set yrange [%g:%g]; set size ratio -1; "
                       "set xlabel 'x1'; set ylabel 'x2'; set cbrange [0:1]; unset colorbox; "
                       "set palette defined (0 '#9ecae1', 0.5 '#f7f7f7', 1 '#fcbba1')",
                    b->x_low, b->x_high, b->y_low, b->y_high);
    if (nn_plot_is_text(p))
        plot_text_surface(p);
    else
        nn_plot_command(p, "plot $grid with image, $boundary with lines lw 2.5 lc rgb '#333333', "
                           "$class0 with points pt 7 ps 0.5 lc rgb '#1f4e79', "
                           "$class1 with points pt 5 ps 0.5 lc rgb '#c0392b'");
    nn_plot_command(p, "set title 'training loss'; set size noratio; set autoscale xy; "
                       "set logscale y; set grid; set xlabel '%s'; set ylabel 'loss'",
                    live->solver == NN_MLP_LBFGS ? "iteration" : "epoch");
    if (nn_plot_is_text(p)) /* at most four tic labels across 26 characters */
        nn_plot_command(p, "set xtics %g", text_tic_step(iteration));
    nn_plot_command(p, "plot $loss with lines lw 2 lc rgb '%s'", COLOURS[live->solver]);
    nn_plot_command(p, "unset multiplot");
}


/* params.on_iteration: called by the fit after every epoch or iteration, with the
 * network as it is now (read-only) and the loss just computed. */
static void live_frame(const nn_mlp *m, long iteration, double loss, void *context)
{
    live_fit *live = context;
    if (live->n < LIVE_CURVE)
        live->loss[live->n++] = loss;
    if (live->status != NN_OK || !live_due(iteration, &live->drawn))
        return;
    if (!nn_plot_frame_begin(live->p)) /* waits: at most NN_PLOT_FPS frames a second */
        return;
    nn_plot_data_begin(live->p, "loss"); /* the datablocks, refreshed... */
    for (size_t i = 0; i < live->n; i++)
        nn_plot_data_row(live->p, 2, (double[]){(double)(i + 1), live->loss[i]});
    nn_plot_data_end(live->p);
    live->status = send_surface(live, m, &live->err);
    send_panels(live, iteration); /* ...and drawn again */
    nn_plot_frame_end(live->p);
}


void live_watch(live_fit *live, nn_mlp_params *params, nn_mlp_solver solver)
{
    if (!live || !live->p)
        return;
    live->solver = solver;
    live->n = 0;
    live->drawn = 0;
    params->on_iteration = live_frame;
    params->on_iteration_context = live;
}

void live_close(live_fit *live)
{
    nn_plot_close(live->p, NULL);
    nn_alloc_free(live->loss);
    live->p = NULL;
    live->loss = NULL;
}
