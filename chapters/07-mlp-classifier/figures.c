/* figures.c - the program's figures, drawn through the library's gnuplot pipe (plot.h):
 * part 2's training loss of each solver and each trained network's probability of
 * class 1 over the plane with its decision boundary; part 3's misread digits; part 4's
 * weights per batch size. main.c, digits.c and alpha.c fit the networks; this file only
 * looks at them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figures.h"

/* ---- The surface: P(class 1) over a lattice ------------------------------------------ */

/* The lattice: GRID x GRID points over the box. */
#define GRID 101

surface_box surface_box_around(const nn_matrix *X)
{
    surface_box b = {INFINITY, -INFINITY, INFINITY, -INFINITY};
    for (size_t i = 0; i < X->rows; i++) {
        b.x_low = fmin(b.x_low, nn_matrix_get(X, i, 0) - 0.5);
        b.x_high = fmax(b.x_high, nn_matrix_get(X, i, 0) + 0.5);
        b.y_low = fmin(b.y_low, nn_matrix_get(X, i, 1) - 0.5);
        b.y_high = fmax(b.y_high, nn_matrix_get(X, i, 1) + 0.5);
    }
    return b;
}

/* The k-th of GRID evenly spaced values from low to high. */
static double lattice(double low, double high, size_t k)
{
    return low + (high - low) * (double)k / (GRID - 1);
}

/* predict_proba on every lattice point at once, one row per point, row by row of the
 * lattice (x2 fixed along a row, x1 growing); column 1 of the result is P(class 1). */
nn_status surface_probabilities(const nn_mlp *clf, const surface_box *b, double **surface,
                                nn_error *err)
{
    nn_matrix *points, *proba; /* GRID^2 x 2 each: (x1, x2), then P(class 0), P(class 1) */
    const nn_matrix_spec specs[] = {{&points, GRID * GRID, 2, NULL},
                                    {&proba, GRID * GRID, 2, NULL}};
    nn_matrix_group *g = nn_matrix_group_new(specs, NN_COUNT(specs), err);
    NN_TRY(nn_made(g, err));
    for (size_t row = 0; row < GRID; row++)
        for (size_t col = 0; col < GRID; col++) {
            nn_matrix_set(points, row * GRID + col, 0, lattice(b->x_low, b->x_high, col));
            nn_matrix_set(points, row * GRID + col, 1, lattice(b->y_low, b->y_high, row));
        }
    nn_status status = nn_mlp_predict_proba(clf, points, proba, err);
    if (status == NN_OK)
        status = nn_made(*surface = nn_alloc(GRID * GRID, sizeof(double), "surface", err), err);
    for (size_t k = 0; status == NN_OK && k < GRID * GRID; k++)
        (*surface)[k] = nn_matrix_get(proba, k, 1);
    nn_matrix_group_free(g);
    return status;
}

/* ---- The loss curves ------------------------------------------------------------------ */

static const char *const SOLVER_COLOURS[] = {"#1f4e79", "#c0392b", "#27ae60"};

/* Every solver's loss against the iteration (lbfgs) or epoch (sgd, adam), both axes
 * logarithmic. */
nn_status draw_losses(nn_plot_mode mode, const char *out, const fit_result *results,
                      size_t n_results, nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "loss-curves", 1, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    for (size_t k = 0; k < n_results; k++) {
        nn_plot_data_begin(p, nn_mlp_solver_name(results[k].solver));
        for (size_t i = 0; i < results[k].n_curve; i++)
            nn_plot_data_row(p, 2, (double[]){(double)(i + 1), results[k].curve[i]});
        nn_plot_data_end(p);
    }
    nn_plot_set_text(p, "title", "Training loss of MLPClassifier on two moons");
    nn_plot_set_text(p, "xlabel", "iteration (lbfgs) or epoch (sgd, adam), log scale");
    nn_plot_set_text(p, "ylabel", "loss_ (log scale)");
    nn_plot_command(p, "set logscale xy; set format x '%%.0f'; set format y '%%g'");
    nn_plot_command(p, "set grid xtics ytics mxtics mytics lc rgb '#dddddd'");
    nn_plot_key(p, "bottom left opaque box samplen 3");
    char plot[512] = "plot ";
    for (size_t k = 0; k < n_results; k++) {
        const char *name = nn_mlp_solver_name(results[k].solver);
        size_t used = strlen(plot);
        snprintf(plot + used, sizeof plot - used,
                 "%s$%s using 1:2 with lines lw 2.5 lc rgb '%s' title '%s: %ld %s'",
                 k ? ", " : "", name, SOLVER_COLOURS[results[k].solver], name,
                 results[k].n_iter, results[k].solver == NN_MLP_LBFGS ? "iterations" : "epochs");
    }
    nn_plot_command(p, "%s", plot);
    return nn_plot_close(p, err);
}

/* ---- The decision surfaces ------------------------------------------------------------ */

/* The data block $grid<k> (x1, x2, P(class 1)) of result k, and the 0.5 contour of it,
 * the decision boundary, which gnuplot traces into a data block of its own,
 * $boundary<k>. */
static void put_surface(nn_plot *p, size_t k, const surface_box *b, const double *surface)
{
    char name[32];
    snprintf(name, sizeof name, "grid%zu", k);
    nn_plot_data_begin(p, name);
    for (size_t row = 0; row < GRID; row++) {
        for (size_t col = 0; col < GRID; col++)
            nn_plot_data_row(p, 3, (double[]){lattice(b->x_low, b->x_high, col),
                                              lattice(b->y_low, b->y_high, row),
                                              surface[row * GRID + col]});
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
    nn_plot_command(p, "set view map; unset surface; set contour base");
    nn_plot_command(p, "set cntrparam levels discrete 0.5");
    nn_plot_command(p, "set table $boundary%zu", k);
    nn_plot_command(p, "splot $grid%zu using 1:2:3 with lines", k);
    nn_plot_command(p, "unset table; unset contour; set surface");
}

/* n panels side by side over the box, blue near 0, white at 0.5, red near 1. */
static void set_panels(nn_plot *p, size_t n, const surface_box *b)
{
    nn_plot_command(p, "set multiplot layout 1,%zu", n);
    nn_plot_command(p, "set xrange [%g:%g]; set yrange [%g:%g]; set size ratio -1", b->x_low,
                    b->x_high, b->y_low, b->y_high);
    nn_plot_command(p, "set cbrange [0:1]; unset colorbox; set key off");
    /* Three panels share the width of one figure: larger type, smaller margins. */
    nn_plot_command(p, "set title font ',17'; set tics font ',13'");
    nn_plot_command(p, "set xlabel font ',15'; set ylabel font ',15'");
    nn_plot_command(p, "set lmargin 8; set rmargin 1; set tmargin 3; set bmargin 3.5");
    nn_plot_command(p, "set palette defined (0 '#9ecae1', 0.5 '#f7f7f7', 1 '#fcbba1')");
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
    if (nn_plot_is_text(p)) { /* a panel is 26 characters wide: all of it, a tic a unit */
        nn_plot_command(p, "set size noratio; set xtics 1; set ytics 1; set lmargin 6");
        nn_plot_command(p, "set label 1 at screen 0.5,0.04 center '%s'",
                        nn_plot_in_colour(p)
                            ? "training points: o class 0, x class 1; dots: predicted class "
                              "(blue 0, red 1)"
                            : "training points: o class 0, x class 1; dots: predicted class 1");
    }
}

/* Panel k in characters: the lattice, every third point, as dots where the network says
 * class 1 (and, in colour, blue dots where it says class 0), the training points as o
 * (class 0) and x (class 1). Without colour the dots alone mark the class 1 region. */
static void plot_text_panel(nn_plot *p, size_t k)
{
    nn_plot_command(p,
                    "plot $grid%zu every 3:3 using 1:($3 > 0.5 || %d ? $2 : NaN):"
                    "($3 > 0.5 ? 0xfb6a4a : 0x6baed6) with points pt '.' lc rgb variable, "
                    "$points using 1:($3 > 0.5 ? NaN : $2) with points pt 'o' lc rgb '#08519c', "
                    "$points using 1:($3 > 0.5 ? $2 : NaN) with points pt 'x' lc rgb '#a50f15'",
                    k, nn_plot_in_colour(p));
}

nn_status draw_surfaces(nn_plot_mode mode, const char *out, const nn_matrix *X_train,
                        const nn_matrix *y_train, const surface_box *b,
                        const fit_result *results, size_t n_results, nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "decision-surfaces", (int)n_results, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "points");
    for (size_t i = 0; i < X_train->rows; i++)
        nn_plot_data_row(p, 3, (double[]){nn_matrix_get(X_train, i, 0),
                                          nn_matrix_get(X_train, i, 1), y_train->data[i]});
    nn_plot_data_end(p);
    for (size_t k = 0; k < n_results; k++)
        put_surface(p, k, b, results[k].surface);
    set_panels(p, n_results, b);
    for (size_t k = 0; k < n_results; k++) {
        char title[96];
        snprintf(title, sizeof title, "%s: test score %.2f", nn_mlp_solver_name(results[k].solver),
                 results[k].test_score);
        nn_plot_set_text(p, "title", title);
        if (nn_plot_is_text(p)) {
            plot_text_panel(p, k);
            continue;
        }
        nn_plot_command(p,
                        "plot $grid%zu using 1:2:3 with image, "
                        "$boundary%zu using 1:2 with lines lw 2 lc rgb 'black', "
                        "$points using 1:2:($3 > 0.5 ? 0xa50f15 : 0x08519c) with points "
                        "pointtype 7 pointsize 0.45 lc rgb variable",
                        k, k);
    }
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

/* ---- Part 3: the misread digits ------------------------------------------------------- */

#define MISREAD_COLS 5 /* pictures per row */
#define MISREAD_MAX 20 /* at most this many pictures */

/* One picture per misread test digit, in the order of the test set: pixel (row, col)
 * of the 8 x 8 image as a grey square, white for 0 and black for 16, the image's first
 * row at the top (as scikit-learn's examples show them). */
nn_status draw_misread(nn_plot_mode mode, const char *out, const digits_result *r,
                       nn_error *err)
{
    size_t wrong[MISREAD_MAX], n = 0;
    for (size_t i = 0; i < r->split.n_test && n < MISREAD_MAX; i++)
        if (r->y_pred[i] != r->y_test[i])
            wrong[n++] = i;
    if (n == 0 || mode == NN_PLOT_DUMB) /* a text terminal has no grey levels: the */
        return NN_OK;                       /* report's list says it all */
    int rows = (int)((n + MISREAD_COLS - 1) / MISREAD_COLS);
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "misread-digits", MISREAD_COLS, rows, err));
    if (!p)
        return NN_OK;
    for (size_t k = 0; k < n; k++) {
        char name[32];
        snprintf(name, sizeof name, "digit%zu", k);
        nn_plot_data_begin(p, name);
        const double *pixels = r->X_test->data + wrong[k] * 64;
        for (size_t row = 0; row < 8; row++) /* "matrix" data: a line per image row */
            nn_plot_data_row(p, 8, pixels + row * 8);
        nn_plot_data_end(p);
    }
    nn_plot_command(p, "set multiplot layout %d,%d", rows, MISREAD_COLS);
    nn_plot_command(p, "set palette gray negative; set cbrange [0:1]; unset colorbox");
    nn_plot_command(p, "set xrange [-0.5:7.5]; set yrange [7.5:-0.5]; set size ratio 1");
    nn_plot_command(p, "unset xtics; unset ytics; unset key; set title font ',17'");
    nn_plot_command(p, "set lmargin 1; set rmargin 1; set tmargin 2.5; set bmargin 0.5");
    for (size_t k = 0; k < n; k++) {
        size_t i = wrong[k];
        char title[64];
        snprintf(title, sizeof title, "true %.0f, predicted %.0f", r->y_test[i], r->y_pred[i]);
        nn_plot_set_text(p, "title", title);
        nn_plot_command(p, "plot $digit%zu matrix with image pixels", k);
    }
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

/* ---- Part 4: the weights per batch size ----------------------------------------------- */

nn_status draw_alpha(nn_plot_mode mode, const char *out, const alpha_result *r,
                     nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "alpha-per-solver", 1, 1, err));
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "fits"); /* B, then ||W||^2 of lbfgs, sgd, adam */
    for (size_t i = 0; i < ALPHA_N_SIZES; i++) {
        const alpha_fit *f = r->fits[i];
        nn_plot_data_row(p, 4, (double[]){(double)r->batch[i], f[NN_MLP_LBFGS].squared_weights,
                                          f[NN_MLP_SGD].squared_weights,
                                          f[NN_MLP_ADAM].squared_weights});
    }
    nn_plot_data_end(p);
    char title[96];
    snprintf(title, sizeof title, "The same alpha = %g on two moons, %zu training points",
             ALPHA_STRENGTH, r->n_train);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "batch_size B (log scale)");
    nn_plot_set_text(p, "ylabel", "sum of the squared weights (log scale)");
    nn_plot_command(p, "set logscale xy; set format x '%%.0f'; set format y '%%g'");
    nn_plot_command(p, "set xtics (10, 30, 50, 100, 150, 300); set xrange [8:380]");
    nn_plot_command(p, "set yrange [2:100]; set ytics (2, 5, 10, 20, 50, 100)");
    nn_plot_command(p, "set grid xtics ytics mytics lc rgb '#dddddd'");
    nn_plot_key(p, "top left opaque box");
    /* lbfgs with alpha itself: the first row's (B = N, where alpha N / B = alpha) */
    nn_plot_command(p, "plot %g with lines dt 2 lw 1.5 lc rgb '#777777' title "
                       "'lbfgs, alpha (any B)', "
                       "$fits using 1:2 with linespoints lw 2 pt 6 ps 1.6 lc rgb '%s' "
                       "title 'lbfgs, alpha * N / B', "
                       "$fits using 1:3 with points pt 7 ps 1.1 lc rgb '%s' title 'sgd, alpha', "
                       "$fits using 1:4 with points pt 5 ps 1.0 lc rgb '%s' title 'adam, alpha'",
                    r->fits[0][NN_MLP_LBFGS].squared_weights, SOLVER_COLOURS[NN_MLP_LBFGS],
                    SOLVER_COLOURS[NN_MLP_SGD], SOLVER_COLOURS[NN_MLP_ADAM]);
    return nn_plot_close(p, err);
}
