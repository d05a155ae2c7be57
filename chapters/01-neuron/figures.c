/* figures.c - the figures of chapter 1, over the four corners of the unit square: the
 * line each gate's neuron learned, and the line after every epoch of its training.
 * main.c keeps the lines (keep_epoch) and calls draw_figures once training is done. */
#include <math.h>
#include <stdio.h>

#include "figures.h"

#define RED "#c0392b"   /* the learned line (the last epoch's) */
#define MARKS "#1f4e79" /* the four corners */

void keep_epoch(result *r, double bias)
{
    if (r->trail_len < TRAIL_MAX) {
        double *row = r->trail[r->trail_len++];
        row[0] = r->weights[0];
        row[1] = r->weights[1];
        row[2] = bias;
    }
}

/* Sends the four corners of each gate, with their targets, as data set "points". */
static void send_points(nn_plot *p, const double corners[4][2], const result *results,
                        size_t n)
{
    nn_plot_data_begin(p, "points");
    for (size_t g = 0; g < n; g++) {
        for (int k = 0; k < 4; k++)
            nn_plot_data_row(p, 3, (double[]){corners[k][0], corners[k][1],
                                              results[g].targets[k]});
        nn_plot_data_break(p);
        nn_plot_data_break(p); /* two blank lines: a new data set, picked by `index` */
    }
    nn_plot_data_end(p);
}

/* Sends the line w1 x1 + w2 x2 + b = 0 as a segment across the window [lo, hi]^2 (gnuplot
 * clips what lies outside), each end followed by the value `extra` (a colour, or NaN
 * when unused), then a blank line, which ends the segment. */
static void send_segment(nn_plot *p, const double wb[3], double lo, double hi, double extra)
{
    double w1 = wb[0], w2 = wb[1], b = wb[2];
    if (w2 != 0.0) {
        nn_plot_data_row(p, 3, (double[]){lo, -(w1 * lo + b) / w2, extra});
        nn_plot_data_row(p, 3, (double[]){hi, -(w1 * hi + b) / w2, extra});
    } else if (w1 != 0.0) {
        nn_plot_data_row(p, 3, (double[]){-b / w1, lo, extra});
        nn_plot_data_row(p, 3, (double[]){-b / w1, hi, extra});
    } else {
        nn_plot_data_row(p, 3, (double[]){NAN, NAN, extra}); /* no line: nothing to draw */
    }
    nn_plot_data_break(p);
}

/* The learned lines, one data set per gate: "lines". */
static void send_lines(nn_plot *p, const result *results, size_t n, double lo, double hi)
{
    nn_plot_data_begin(p, "lines");
    for (size_t g = 0; g < n; g++) {
        send_segment(p, (double[]){results[g].weights[0], results[g].weights[1],
                                   results[g].bias}, lo, hi, NAN);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

/* The colour of epoch k of last, as gnuplot's 0xRRGGBB: from a pale blue at the start
 * (k = 0) to a dark blue at k = last. */
static double epoch_colour(size_t k, size_t last)
{
    static const int pale[3] = {0xc6, 0xd6, 0xea}, dark[3] = {0x0b, 0x25, 0x45};
    double t = last > 0 ? (double)k / (double)last : 1.0;
    int rgb = 0;
    for (int c = 0; c < 3; c++)
        rgb = rgb * 256 + (int)(pale[c] + t * (dark[c] - pale[c]) + 0.5);
    return rgb;
}

/* Every epoch's line but the last, one data set per gate, coloured: "trails". A trail
 * holds at least two lines: the start, and the line after the first epoch. */
static void send_trails(nn_plot *p, const result *results, size_t n, double lo, double hi)
{
    nn_plot_data_begin(p, "trails");
    for (size_t g = 0; g < n; g++) {
        size_t last = results[g].trail_len - 1;
        for (size_t k = 0; k < last; k++)
            send_segment(p, results[g].trail[k], lo, hi, epoch_colour(k, last));
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

/* Axes and the multiplot: one panel per gate over the window [lo, hi]^2, side by side
 * above a strip for the legend. Each panel's plotting area is placed on the page
 * (panel), so that the panels are the same size on every terminal, square in an SVG. */
static void set_panels(nn_plot *p, double lo, double hi)
{
    nn_plot_command(p, "set multiplot");
    nn_plot_command(p, "set xrange [%g:%g]; set yrange [%g:%g]", lo, hi, lo, hi);
    nn_plot_command(p, "set clip two; set key off; set grid; set xtics 0,1,1; set ytics 0,1,1");
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
}

static void panel(nn_plot *p, size_t g, size_t n)
{
    double centre = (g + 0.5) / (double)n, half = 0.093;
    nn_plot_command(p, "set lmargin at screen %g; set rmargin at screen %g; "
                    "set bmargin at screen 0.26; set tmargin at screen 0.88",
                    centre - half + 0.02, centre + half + 0.02);
}

/* The legend, one row under the panels: entries are gnuplot `keyentry` items. */
static void legend(nn_plot *p, const char *entries)
{
    nn_plot_command(p, "set lmargin at screen 0.02; set rmargin at screen 0.98; "
                    "set bmargin at screen 0.0; set tmargin at screen 0.1");
    nn_plot_command(p, "unset border; unset tics; unset xlabel; unset ylabel; unset title; "
                    "unset grid; set key center center horizontal maxrows 1 samplen 2");
    nn_plot_command(p, "plot NaN notitle, %s", entries);
    nn_plot_command(p, "unset multiplot");
}

/* The corners of gate g, filled where the target is 1, open where it is 0. */
#define CORNER_MARKS                                                                       \
    "$points index %zu using 1:2:($3 > 0.5 ? 7 : 6) with points pointtype variable "     \
    "pointsize 1.6 lc rgb '" MARKS "' notitle"
#define CORNER_KEY                                                                         \
    "keyentry with points pt 7 ps 1.6 lc rgb '" MARKS "' title 'target 1', "              \
    "keyentry with points pt 6 ps 1.6 lc rgb '" MARKS "' title 'target 0'"

/* "decision-boundaries": the learned lines over [-0.5, 1.5]^2. */
static nn_status draw_boundaries(nn_plot_mode mode, const char *out,
                                 const double corners[4][2], const result *results, size_t n,
                                 nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "decision-boundaries", 3, 1, err));
    if (!p)
        return NN_OK;
    send_points(p, corners, results, n);
    send_lines(p, results, n, -0.5, 1.5);
    set_panels(p, -0.5, 1.5);
    for (size_t g = 0; g < n; g++) {
        char title[96];
        if (results[g].mistakes == 0)
            snprintf(title, sizeof title, "%s: learned in %ld epochs", results[g].name,
                     results[g].epochs - 1);
        else
            snprintf(title, sizeof title, "%s: no line works", results[g].name);
        nn_plot_set_text(p, "title", title);
        panel(p, g, n);
        nn_plot_command(p, "plot $lines index %zu with lines lw 2 lc rgb '" RED "' notitle, "
                        CORNER_MARKS, g, g);
    }
    legend(p, "keyentry with lines lw 2 lc rgb '" RED "' title 'the last epoch''s line', "
              CORNER_KEY);
    return nn_plot_close(p, err);
}

/* "boundary-epochs": the line at the start and after every epoch, lighter to darker,
 * the last one red, over [-1.5, 2.5]^2 (the early lines lie far from the corners). */
static nn_status draw_epochs(nn_plot_mode mode, const char *out, const double corners[4][2],
                             const result *results, size_t n, nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "boundary-epochs", 3, 1, err));
    if (!p)
        return NN_OK;
    send_points(p, corners, results, n);
    send_trails(p, results, n, -1.5, 2.5);
    nn_plot_data_begin(p, "last");
    for (size_t g = 0; g < n; g++) {
        send_segment(p, results[g].trail[results[g].trail_len - 1], -1.5, 2.5, NAN);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
    set_panels(p, -1.5, 2.5);
    for (size_t g = 0; g < n; g++) {
        char title[96];
        snprintf(title, sizeof title, "%s: epochs 0 to %zu", results[g].name,
                 results[g].trail_len - 1);
        nn_plot_set_text(p, "title", title);
        panel(p, g, n);
        nn_plot_command(p, "plot $trails index %zu using 1:2:3 with lines lw 1.5 "
                        "lc rgb variable notitle, $last index %zu with lines lw 2.5 "
                        "lc rgb '" RED "' notitle, " CORNER_MARKS, g, g, g);
    }
    legend(p, "keyentry with lines lw 1.5 lc rgb '#c6d6ea' title 'epoch 0', "
              "keyentry with lines lw 1.5 lc rgb '#5d7a9c' title 'later epochs', "
              "keyentry with lines lw 2.5 lc rgb '" RED "' title 'the last epoch', " CORNER_KEY);
    return nn_plot_close(p, err);
}

nn_status draw_figures(nn_plot_mode mode, const char *out, const double corners[4][2],
                       const result *results, size_t n, nn_error *err)
{
    NN_TRY(draw_boundaries(mode, out, corners, results, n, err));
    return draw_epochs(mode, out, corners, results, n, err);
}
