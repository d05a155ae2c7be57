/* figures.c - the four figures of chapter 4: the descent on the parabola for four
 * learning rates, the loss against the iteration on a log scale, the line fitted to
 * the noisy points, and the four optimisers' paths on the narrow bowl. main.c calls
 * draw_figures after its four parts. */
#include <math.h>
#include <stdio.h>

#include "figures.h"

static const char *COLOURS[] = {"#1f4e79", "#2e8b57", "#c0392b", "#8e44ad", "#d68910"};

/* ---- The live figure (--live): part 1's descent, step by step ------------------- */

nn_status live_open(live_descent *live, nn_plot_mode mode, bool on, nn_error *err)
{
    live->p = NULL;
    live->n = 0;
    return on ? nn_plot_open_live(&live->p, mode, "gradient descent, live", 1, 1, err) : NN_OK;
}

// [live frame]
/* One frame: the path so far goes into the datablock $path again, the title says
 * where w is, and the first frame sends the plot command, every later one `replot`
 * (gnuplot draws the last plot command again, with the new data). */
void draw_live_step(live_descent *live, const nn_optim_progress *s)
{
    if (live->n < LIVE_STEPS) {
        live->w[live->n] = s->w[0];
        live->e[live->n++] = s->loss;
    }
    nn_plot *p = live->p;
    if (!nn_plot_frame_begin(p)) /* waits: at most NN_PLOT_FPS frames a second */
        return;
    double lo = -2.0, hi = 8.0; /* the view widens if w flies off */
    nn_plot_data_begin(p, "path");
    for (size_t t = 0; t < live->n; t++) {
        nn_plot_data_row(p, 2, (double[]){live->w[t], live->e[t]});
        lo = fmin(lo, live->w[t]);
        hi = fmax(hi, live->w[t]);
    }
    nn_plot_data_end(p);
    nn_plot_data_begin(p, "now");
    nn_plot_data_row(p, 2, (double[]){s->w[0], s->loss});
    nn_plot_data_end(p);
    char title[120];
    snprintf(title, sizeof title, "step %ld: w = %.6g, E(w) = %.6g", s->iteration,
             s->w[0], s->loss);
    nn_plot_set_text(p, "title", title);
    nn_plot_command(p, "set xrange [%g:%g]", lo, hi);
    if (live->n == 1)
        nn_plot_command(p, "set key off; set grid; set samples 400; set yrange [0:*]; "
                           "set xlabel 'weight w'; set ylabel 'error E(w) = (w - 3)^2'; "
                           "plot (x - 3)**2 with lines lw 1.5 lc rgb '#999999', "
                           "$path with linespoints lw 1.5 pt 7 ps 0.6 lc rgb '%s', "
                           "$now with points pt 6 ps 2.5 lc rgb '%s'",
                           COLOURS[0], COLOURS[2]);
    else
        nn_plot_command(p, "replot");
    nn_plot_frame_end(p);
}
// [end live frame]

/* ---- The descent on the parabola for four rates: too small, good, too large,
 *      diverging --------------------------------------------------------------------- */

static const int PATH_CASES[] = {CASE_SLOW, CASE_GOOD, CASE_ZIGZAG, CASE_DIVERGE};

/* Sends the first 40 steps of each run, which show the shape, as "paths". */
static void send_paths(nn_plot *p, const case_run *runs)
{
    nn_plot_data_begin(p, "paths");
    for (size_t k = 0; k < 4; k++) {
        const trace *tr = &runs[PATH_CASES[k]].tr;
        for (size_t t = 0; t < tr->count && t <= 40; t++)
            nn_plot_data_row(p, 3, (double[]){trace_row(tr, t)[0], trace_row(tr, t)[1],
                                              trace_row(tr, t)[2]});
        nn_plot_data_break(p);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

/* "η = 0.1, good: fast (22 steps)", or "(error at step 10)" for a run that failed. */
static void path_title(char *title, size_t size, const case_run *run, const char *label)
{
    int used = snprintf(title, size, "η = %g, %s (", run->eta, label);
    if (run->status != NN_OK)
        snprintf(title + used, size - (size_t)used, "error at step %ld)",
                 run->tr.count ? (long)trace_row(&run->tr, run->tr.count - 1)[0] : 0L);
    else
        snprintf(title + used, size - (size_t)used, "%ld steps)", run->res.iterations);
}

static nn_status draw_paths(nn_plot_mode mode, const char *out, const case_run *runs,
                            nn_error *err)
{
    static const char *labels[] = {"too small: slow", "good: fast", "too large: zigzags",
                                   "far too large: diverges"};
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "parabola-paths", 2, 2, err));
    if (!p)
        return NN_OK;
    send_paths(p, runs);

    nn_plot_command(p, "set multiplot layout 2,2");
    nn_plot_command(p, "set key off; set grid; set samples 400");
    nn_plot_set_text(p, "xlabel", "weight w");
    nn_plot_set_text(p, "ylabel", "error E(w) = (w − 3)²");
    for (size_t k = 0; k < 4; k++) {
        char title[160];
        path_title(title, sizeof title, &runs[PATH_CASES[k]], labels[k]);
        nn_plot_set_text(p, "title", title);
        if (k < 3)
            nn_plot_command(p, "set xrange [-2:8]; set yrange [0:25]");
        else
            nn_plot_command(p, "set xrange [-25:31]; set yrange [0:800]");
        nn_plot_command(p,
                        "plot (x - 3)**2 with lines lw 1.5 lc rgb '#999999', "
                        "$paths index %zu using 2:3 with linespoints lw 1.5 pt 7 ps 0.6 "
                        "lc rgb '%s', "
                        "$paths index %zu every ::0::0 using 2:3 with points pt 6 ps 2 "
                        "lc rgb '#000000'",
                        k, COLOURS[k], k);
    }
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

/* ---- Loss against iteration on a log scale: the parabola for several rates, and the
 *      line -------------------------------------------------------------------------- */

/* Sends the first 80 steps of five runs on the parabola as "parabola". */
static void send_parabola_losses(nn_plot *p, const case_run *runs)
{
    static const int loss_cases[] = {CASE_SLOW, CASE_GOOD, CASE_ZIGZAG, CASE_BOUNCE,
                                     CASE_DIVERGE};
    nn_plot_data_begin(p, "parabola");
    for (size_t k = 0; k < 5; k++) {
        const trace *tr = &runs[loss_cases[k]].tr;
        for (size_t t = 0; t < tr->count && t <= 80; t++)
            nn_plot_data_row(p, 2, (double[]){trace_row(tr, t)[0], trace_row(tr, t)[2]});
        nn_plot_data_break(p);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

/* Sends the line's MSE, and its excess over the least-squares minimum, which shrinks
 * by a constant factor per step (a straight line on a log scale), as "line". At most
 * ~2000 rows are sent; a long run is thinned. */
static void send_line_losses(nn_plot *p, const line_run *line)
{
    const trace *tr = &line->tr;
    size_t stride = tr->count / 2000 + 1;
    nn_plot_data_begin(p, "line");
    for (size_t t = 0; t < tr->count; t += stride) {
        const double *row = trace_row(tr, t);
        double excess = row[3] - line->mse_ls;
        nn_plot_data_row(p, 3, (double[]){row[0], row[3], excess > 0.0 ? excess : NAN});
    }
    nn_plot_data_end(p);
}

static nn_status draw_losses(nn_plot_mode mode, const char *out, const case_run *runs,
                             const line_run *line, double eta, nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "loss-curves", 2, 1, err));
    if (!p)
        return NN_OK;
    send_parabola_losses(p, runs);
    send_line_losses(p, line);

    nn_plot_command(p, "set multiplot layout 1,2");
    nn_plot_command(p, "set logscale y; set format y '1e%%T'; set grid");
    nn_plot_set_text(p, "xlabel", "iteration t");
    nn_plot_set_text(p, "ylabel", "error E(w_t) (log scale)");
    nn_plot_set_text(p, "title", "Parabola, from w = -1");
    nn_plot_command(p, "set xrange [0:80]; set yrange [1e-14:1e10]");
    nn_plot_key(p, "top right opaque box samplen 3");
    nn_plot_command(p,
                    "plot $parabola index 0 with lines lw 2 lc rgb '%s' title 'η = 0.1', "
                    "$parabola index 1 with lines lw 2 lc rgb '%s' title 'η = 0.4', "
                    "$parabola index 2 with points pt 6 ps 0.8 lc rgb '%s' "
                    "title 'η = 0.9', "
                    "$parabola index 3 with lines lw 2 dt 2 lc rgb '%s' title 'η = 1', "
                    "$parabola index 4 with linespoints pt 7 ps 0.5 lc rgb '%s' "
                    "title 'η = 1.1'",
                    COLOURS[0], COLOURS[1], COLOURS[2], COLOURS[3], COLOURS[4]);
    char title[96];
    snprintf(title, sizeof title, "Line fit, η = %g", eta);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "ylabel", "mean squared error (log scale)");
    /* Room above the curves (which start near 1.8) for the key. */
    nn_plot_command(p, "set autoscale x; set yrange [*:1e4]");
    nn_plot_key(p, "top right opaque box");
    nn_plot_command(p,
                    "plot $line using 1:2 with lines lw 2 lc rgb '%s' title 'MSE', "
                    "$line using 1:3 with lines lw 2 dt 2 lc rgb '%s' "
                    "title 'MSE minus its minimum'",
                    COLOURS[0], COLOURS[2]);
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

/* ---- The points, the line they came from, a few lines on the way, and the fitted
 *      line ------------------------------------------------------------------------- */

/* Sends the points as "points", and the lines at the start and after steps 2, 5 and 20
 * as segments over [-1, 1], "early". */
static void send_fit(nn_plot *p, const line_run *line)
{
    nn_plot_data_begin(p, "points");
    for (size_t i = 0; i < line->d.m; i++)
        nn_plot_data_row(p, 2, (double[]){line->d.x[i], line->d.y[i]});
    nn_plot_data_end(p);

    static const size_t steps[] = {0, 2, 5, 20};
    nn_plot_data_begin(p, "early");
    for (size_t k = 0; k < 4; k++) {
        if (steps[k] >= line->tr.count)
            continue;
        const double *row = trace_row(&line->tr, steps[k]);
        nn_plot_data_row(p, 2, (double[]){-1.0, -row[1] + row[2]});
        nn_plot_data_row(p, 2, (double[]){1.0, row[1] + row[2]});
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

static nn_status draw_fit(nn_plot_mode mode, const char *out, const line_run *line,
                          nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "line-fit", 1, 1, err));
    if (!p)
        return NN_OK;
    send_fit(p, line);

    char fit[160], truth[96];
    snprintf(truth, sizeof truth, "true line y = %g x + %g", TRUE_A, TRUE_B);
    if (line->status == NN_OK)
        snprintf(fit, sizeof fit, "fitted: y = %.3f x + %.3f (%ld steps)", line->w[0],
                 line->w[1], line->res.iterations);
    else
        snprintf(fit, sizeof fit, "last finite line before the error");
    nn_plot_set_text(p, "title", "Gradient descent fits a line to 30 noisy points");
    nn_plot_set_text(p, "xlabel", "x");
    nn_plot_set_text(p, "ylabel", "y");
    nn_plot_command(p, "set grid; set xrange [-1:1]");
    nn_plot_key(p, "bottom right opaque box");
    nn_plot_command(p,
                    "plot $early with lines lw 1 lc rgb '#bbbbbb' "
                    "title 'after 0, 2, 5 and 20 steps', "
                    "%.17g * x + %.17g with lines lw 2 dt 2 lc rgb '#2e8b57' title '%s', "
                    "%.17g * x + %.17g with lines lw 2.5 lc rgb '#c0392b' title '%s', "
                    "$points with points pt 7 ps 0.9 lc rgb '#1f4e79' title 'noisy points'",
                    TRUE_A, TRUE_B, truth, line->w[0], line->w[1], fit);
    return nn_plot_close(p, err);
}

/* ---- The four optimisers on the bowl: their paths over its contours, and E against
 *      the step ------------------------------------------------------------------------ */

static const char *const WALK_COLOURS[N_OPTIMISERS] = {"#1f4e79", "#2e8b57", "#c0392b",
                                                       "#d68910"};

/* Sends the contours E(w) = E(w_0) / 4^k, k = 0..4 (ellipses whose axes halve from one to
 * the next: sqrt(2 E condition) along w1, sqrt(2 E) along w2) as "contours". */
static void send_contours(nn_plot *p, double e0, double condition)
{
    nn_plot_data_begin(p, "contours");
    for (int k = 0; k < 5; k++) {
        double e = e0 / pow(4.0, k), a = sqrt(2.0 * e * condition), b = sqrt(2.0 * e);
        for (int i = 0; i <= 360; i++) {
            double angle = 2.0 * acos(-1.0) * i / 360.0; /* 0 .. 2 pi */
            nn_plot_data_row(p, 2, (double[]){a * cos(angle), b * sin(angle)});
        }
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

/* Sends each walk as a block of "walks": (t, w1, w2, E); E of 0, which a log scale
 * cannot show, as NaN. At most ~2000 rows a walk; a long one is thinned. */
static void send_walks(nn_plot *p, const bowl_run *walks)
{
    nn_plot_data_begin(p, "walks");
    for (int k = 0; k < N_OPTIMISERS; k++) {
        const trace *tr = &walks[k].tr;
        size_t stride = tr->count / 2000 + 1;
        for (size_t t = 0; t < tr->count; t += stride) {
            const double *row = trace_row(tr, t);
            nn_plot_data_row(p, 4, (double[]){row[0], row[1], row[2],
                                              row[3] > 0.0 ? row[3] : NAN});
        }
        nn_plot_data_break(p);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

/* "momentum, η = 1, μ = 0.9": optimiser k's name and settings, for the key. */
static void walk_title(char *title, size_t size, int k, const bowl_settings *b)
{
    static const char *const names[N_OPTIMISERS] = {"plain descent", "momentum",
                                                    "Nesterov", "adam"};
    if (k == OPT_PLAIN)
        snprintf(title, size, "%s, η = %g", names[k], b->descent_rate);
    else if (k == OPT_ADAM)
        snprintf(title, size, "%s, η = %g", names[k], b->adam_rate);
    else
        snprintf(title, size, "%s, η = %g, μ = %g", names[k], b->momentum_rate,
                 b->momentum);
}

/* The paths over the contours, the start circled; the vertical axis is stretched, or
 * the valley would be a thin line. */
static void plot_paths(nn_plot *p, const double *start, double condition)
{
    char title[128];
    snprintf(title, sizeof title, "Four optimisers on E(w) = (w1² / %g + w2²) / 2",
             condition);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "w1 (the shallow axis)");
    nn_plot_set_text(p, "ylabel", "w2 (the steep axis)");
    nn_plot_command(p, "set grid; set key off");
    nn_plot_command(p, "set xrange [%g:%g]; set yrange [%g:%g]", start[1] - 1.0,
                    -0.4 * start[1], -1.6 * fabs(start[2]), 1.6 * fabs(start[2]));
    nn_plot_command(p, "plot $contours with lines lw 1 lc rgb '#bbbbbb'"
                       ", for [k=0:3] $walks index k using 2:3 with linespoints lw 1.5 "
                       "pt 7 ps 0.4 lc rgb word('%s %s %s %s', k + 1)"
                       ", $walks index 0 every ::0::0 using 2:3 with points pt 6 ps 2.5 "
                       "lc rgb '#000000'",
                    WALK_COLOURS[0], WALK_COLOURS[1], WALK_COLOURS[2], WALK_COLOURS[3]);
}

/* E against the step on a log scale, with the key for both panels. */
static void plot_losses(nn_plot *p, const bowl_settings *b)
{
    char walk[N_OPTIMISERS][64];
    for (int k = 0; k < N_OPTIMISERS; k++)
        walk_title(walk[k], sizeof walk[k], k, b);
    nn_plot_set_text(p, "title", "E(w_t) against the step t");
    nn_plot_set_text(p, "xlabel", "step t");
    nn_plot_set_text(p, "ylabel", "E(w_t) (log scale)");
    nn_plot_command(p, "set logscale y; set format y '1e%%T'; set autoscale x");
    nn_plot_command(p, "set yrange [1e-16:1e6]");
    nn_plot_key(p, "top right opaque box samplen 3");
    nn_plot_command(p, "plot for [k=0:3] $walks index k using 1:4 with lines lw 2 "
                       "lc rgb word('%s %s %s %s', k + 1) "
                       "title word(\"'%s' '%s' '%s' '%s'\", k + 1)",
                    WALK_COLOURS[0], WALK_COLOURS[1], WALK_COLOURS[2], WALK_COLOURS[3],
                    walk[0], walk[1], walk[2], walk[3]);
}

static nn_status draw_bowl(nn_plot_mode mode, const char *out, const bowl_run *walks,
                           const bowl_settings *b, nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "bowl-paths", 2, 2, err));
    if (!p || walks[0].tr.count == 0)
        return p ? nn_plot_close(p, err) : NN_OK;
    const double *start = trace_row(&walks[0].tr, 0);
    send_contours(p, start[3], b->condition);
    send_walks(p, walks);

    nn_plot_command(p, "set multiplot layout 2,1");
    plot_paths(p, start, b->condition);
    plot_losses(p, b);
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

nn_status draw_figures(nn_plot_mode mode, const char *out, const case_run *runs,
                       const line_run *line, double eta, const bowl_run *walks,
                       const bowl_settings *bowl, nn_error *err)
{
    NN_TRY(draw_paths(mode, out, runs, err));
    NN_TRY(draw_losses(mode, out, runs, line, eta, err));
    NN_TRY(draw_fit(mode, out, line, err));
    return draw_bowl(mode, out, walks, bowl, err);
}
