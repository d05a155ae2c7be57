/* figures.c - the figure of chapter 1: the line each gate's neuron learned, over the
 * four corners of the unit square. main.c calls it once training is done. */
#include <stdio.h>

#include "figures.h"

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

/* Sends each boundary as a segment across the plotting window [-0.5, 1.5]^2: "lines". */
static void send_lines(nn_plot *p, const result *results, size_t n)
{
    nn_plot_data_begin(p, "lines");
    for (size_t g = 0; g < n; g++) {
        double w1 = results[g].weights[0], w2 = results[g].weights[1], b = results[g].bias;
        if (w2 != 0.0) {
            nn_plot_data_row(p, 2, (double[]){-0.5, -(w1 * -0.5 + b) / w2});
            nn_plot_data_row(p, 2, (double[]){1.5, -(w1 * 1.5 + b) / w2});
        } else if (w1 != 0.0) {
            nn_plot_data_row(p, 2, (double[]){-b / w1, -0.5});
            nn_plot_data_row(p, 2, (double[]){-b / w1, 1.5});
        }
        nn_plot_data_break(p);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

nn_status draw_boundaries(nn_plot_mode mode, const char *out, const double corners[4][2],
                          const result *results, size_t n, nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "decision-boundaries", 3, 1, err));
    if (!p)
        return NN_OK;
    send_points(p, corners, results, n);
    send_lines(p, results, n);

    nn_plot_command(p, "set multiplot layout 1,3");
    nn_plot_command(p, "set xrange [-0.5:1.5]; set yrange [-0.5:1.5]; set size ratio -1");
    nn_plot_command(p, "set clip two; set key off; set grid; set xtics 0,1,1; set ytics 0,1,1");
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
    for (size_t g = 0; g < n; g++) {
        char title[96];
        if (results[g].mistakes == 0)
            snprintf(title, sizeof title, "%s: learned in %ld epochs", results[g].name,
                     results[g].epochs - 1);
        else
            snprintf(title, sizeof title, "%s: no line works", results[g].name);
        nn_plot_set_text(p, "title", title);
        nn_plot_command(p,
                        "plot $lines index %zu with lines lw 2 lc rgb '#c0392b', "
                        "$points index %zu using 1:2:($3 > 0.5 ? 7 : 6) with points "
                        "pointtype variable pointsize 2 lc rgb '#1f4e79'",
                        g, g);
    }
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}
