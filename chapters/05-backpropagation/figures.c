/* figures.c - chapter 5's figures, drawn with lib/plot from what main.c computed:
 *
 *   loss-curve        the loss after every epoch, on a log scale;
 *   decision-surface  the trained network's output over [0, 1]^2, its 0.5 contour and
 *                     the four samples;
 *   hidden-neurons    one panel per hidden neuron (at most 8): its output over the same
 *                     square and the line where its weighted sum is 0;
 *   vanishing         (--part vanishing) the norm of each layer's weight gradient in a
 *                     deep network at its start, on a log scale, one line per activation.
 */
#include <stdio.h>

#include "figures.h"

static nn_status draw_loss(nn_plot_mode mode, const char *out, const figure_data *d,
                           nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "loss-curve", 1, 1, err));
    if (!p)
        return NN_OK;
    long stride = d->count / 2000 + 1; /* at most about 2000 points */
    nn_plot_data_begin(p, "loss");
    for (long e = 0; e < d->count; e += stride)
        nn_plot_data_row(p, 2, (double[]){(double)e, d->loss[e]});
    if ((d->count - 1) % stride != 0)
        nn_plot_data_row(p, 2, (double[]){(double)(d->count - 1), d->loss[d->count - 1]});
    nn_plot_data_end(p);
    char title[160];
    snprintf(title, sizeof title, "Training a 2-%ld-1 network on XOR (η = %g, seed %lu)",
             d->hidden, d->eta, (unsigned long)d->seed);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "epoch");
    nn_plot_set_text(p, "ylabel", "loss L = (1/2N) Σ (a - y)²  (log scale)");
    nn_plot_command(p, "set logscale y; set format y '%%g'; set grid; set key off");
    nn_plot_command(p, "set xrange [0:%ld]", d->count > 1 ? d->count - 1 : 1);
    if (d->count == 1) /* a single point (--epochs 0): give the log axis some room */
        nn_plot_command(p, "set yrange [%.17g:%.17g]", d->loss[0] / 10, d->loss[0] * 10);
    nn_plot_command(p, "plot $loss using 1:2 with lines lw 2 lc rgb '#1f4e79'");
    return nn_plot_close(p, err);
}

/* Sends column j of values (GRID^2 x cols) as a gnuplot grid: x, y, value, with a
 * blank line after each row of the grid. */
static void send_grid(nn_plot *p, const char *name, const nn_matrix *G,
                      const nn_matrix *values, size_t j)
{
    nn_plot_data_begin(p, name);
    for (size_t r = 0; r < GRID; r++) {
        for (size_t c = 0; c < GRID; c++) {
            size_t n = r * GRID + c;
            double row[3] = {nn_matrix_get(G, n, 0), nn_matrix_get(G, n, 1),
                             nn_matrix_get(values, n, j)};
            nn_plot_data_row(p, 3, row);
        }
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

/* The four samples as x1, x2, target. */
static void send_points(nn_plot *p, const figure_data *d)
{
    nn_plot_data_begin(p, "points");
    for (size_t n = 0; n < d->X->rows; n++)
        nn_plot_data_row(p, 3, (double[]){nn_matrix_get(d->X, n, 0),
                                          nn_matrix_get(d->X, n, 1),
                                          nn_matrix_get(d->Y, n, 0)});
    nn_plot_data_end(p);
}

/* True when column j of values has entries on both sides of 0.5, so that the 0.5
 * contour exists (gnuplot warns about an empty one). */
static bool crosses_half(const nn_matrix *values, size_t j)
{
    bool below = false, above = false;
    for (size_t n = 0; n < values->rows; n++) {
        below |= nn_matrix_get(values, n, j) < 0.5;
        above |= nn_matrix_get(values, n, j) > 0.5;
    }
    return below && above;
}

/* gnuplot draws the 0.5 contour of $name into the datablock $name_half, and the
 * returned text plots it ("" when there is none). */
static const char *contour_half(nn_plot *p, const char *name, const nn_matrix *values,
                                size_t j, const char *style, char *buf, size_t size)
{
    if (!crosses_half(values, j))
        return "";
    snprintf(buf, size, ", $%s_half with lines %s", name, style);
    nn_plot_command(p, "set contour base; set cntrparam levels discrete 0.5");
    nn_plot_command(p, "unset surface");
    nn_plot_command(p, "set table $%s_half", name);
    nn_plot_command(p, "splot $%s using 1:2:3 with lines", name);
    nn_plot_command(p, "unset table; unset contour; set surface");
    return buf;
}

/* Blue for 0, white for 1/2, red for 1. */
static const char *PALETTE =
    "set palette defined (0 '#2166ac', 0.5 '#f7f7f7', 1 '#b2182b')";

static nn_status draw_surface(nn_plot_mode mode, const char *out, const figure_data *d,
                              nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "decision-surface", 1, 1, err));
    if (!p)
        return NN_OK;
    send_grid(p, "surface", d->G, d->A2, 0);
    send_points(p, d);
    char line[128];
    const char *half = contour_half(p, "surface", d->A2, 0,
                                    "lw 2.5 lc rgb '#000000' title 'a = 0.5'", line,
                                    sizeof line);
    char title[160];
    snprintf(title, sizeof title, "Output of the 2-%ld-1 network after %ld epochs "
             "(seed %lu)", d->hidden, d->epochs, (unsigned long)d->seed);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
    nn_plot_set_text(p, "cblabel", "network output a");
    nn_plot_command(p, "%s; set cbrange [0:1]", PALETTE);
    nn_plot_command(p, "set xrange [-0.005:1.005]; set yrange [-0.005:1.005]");
    nn_plot_command(p, "set size ratio -1");
    nn_plot_command(p, "set xtics 0,0.25,1; set ytics 0,0.25,1; set tics out");
    nn_plot_command(p, "set key outside bottom center horizontal spacing 1.5 width 2");
    char heat[192];
    nn_plot_command(p,
                    "plot %s%s, "
                    "$points using 1:($3 > 0.5 ? $2 : NaN) with points pt 7 ps 2.5 "
                    "lc rgb '#000000' title 'target 1', "
                    "$points using 1:($3 > 0.5 ? NaN : $2) with points pt 6 ps 2.5 lw 2 "
                    "lc rgb '#000000' title 'target 0'",
                    nn_plot_heat_map(p, "surface", heat, sizeof heat), half);
    return nn_plot_close(p, err);
}

/* One panel per hidden neuron (at most 8): its activation over [0, 1]^2 and the line
 * where its weighted sum is 0, with its outgoing weight W2[j] in the title. */
static nn_status draw_hidden(nn_plot_mode mode, const char *out, const figure_data *d,
                             nn_error *err)
{
    size_t H = d->A1->cols, shown = H < 8 ? H : 8;
    /* 1, 2 or 4 panels in a square-ish grid; 5 to 8 in two rows of four */
    int cols = shown == 1 ? 1 : shown <= 4 ? 2 : 4;
    int rows = (int)((shown + (size_t)cols - 1) / (size_t)cols);
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "hidden-neurons", cols, rows, err));
    if (!p)
        return NN_OK;
    send_points(p, d);
    char lines[8][96];
    const char *half[8];
    for (size_t j = 0; j < shown; j++) {
        char name[16];
        snprintf(name, sizeof name, "h%zu", j);
        send_grid(p, name, d->G, d->A1, j);
        half[j] = contour_half(p, name, d->A1, j, "lw 2 lc rgb '#000000'", lines[j],
                               sizeof lines[j]);
    }
    nn_plot_command(p, "%s; set cbrange [0:1]; unset colorbox", PALETTE);
    nn_plot_command(p, "set xrange [-0.005:1.005]; set yrange [-0.005:1.005]");
    nn_plot_command(p, "set size ratio -1");
    nn_plot_command(p, "set xtics 0,0.5,1; set ytics 0,0.5,1; set tics out; set key off");
    nn_plot_command(p, "set multiplot layout %d,%d", rows, cols);
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
    for (size_t j = 0; j < shown; j++) {
        char title[96];
        snprintf(title, sizeof title, "hidden neuron %zu, W2[%zu,0] = %.2f", j, j,
                 nn_matrix_get(d->W2, j, 0));
        nn_plot_set_text(p, "title", title);
        char name[16], heat[192];
        snprintf(name, sizeof name, "h%zu", j);
        nn_plot_command(p,
                        "plot %s%s, "
                        "$points using 1:($3 > 0.5 ? $2 : NaN) with points pt 7 ps 1.5 "
                        "lc rgb '#000000', "
                        "$points using 1:($3 > 0.5 ? NaN : $2) with points pt 6 ps 1.5 "
                        "lw 2 lc rgb '#000000'",
                        nn_plot_heat_map(p, name, heat, sizeof heat), half[j]);
    }
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

nn_status draw_figures(nn_plot_mode mode, const char *out, const figure_data *d,
                       nn_error *err)
{
    NN_TRY(draw_loss(mode, out, d, err));
    NN_TRY(draw_surface(mode, out, d, err));
    return draw_hidden(mode, out, d, err);
}

/* Names, colours and point shapes of the activations, in VANISHING_ACTIVATIONS' order. */
static const char *const ACTIVATION_LABEL[N_ACTIVATIONS] = {"logistic (sigmoid)", "tanh",
                                                            "relu"};
static const char *const ACTIVATION_STYLE[N_ACTIVATIONS] = {
    "lc rgb '#b2182b' pt 7", "lc rgb '#1f4e79' pt 5", "lc rgb '#4d9221' pt 9"};

nn_status draw_vanishing(nn_plot_mode mode, const char *out, const vanishing_result *r,
                         nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "vanishing", 1, 1, err));
    if (!p)
        return NN_OK;
    size_t K = (size_t)r->s->depth + 1;
    for (size_t a = 0; a < N_ACTIVATIONS; a++) {
        char name[16];
        snprintf(name, sizeof name, "a%zu", a);
        nn_plot_data_begin(p, name);
        for (size_t l = 0; l < K; l++)
            nn_plot_data_row(p, 2, (double[]){(double)l, r->norm[a][l]});
        nn_plot_data_end(p);
    }
    char title[160];
    snprintf(title, sizeof title, "The gradient at the start, layer by layer: %ld hidden "
             "layers of %ld (seed %lu)", r->s->depth, r->s->width,
             (unsigned long)r->s->seed);
    nn_plot_set_text(p, "title", title);
    char xlabel[96];
    snprintf(xlabel, sizeof xlabel,
             "weight layer l (0: next to the input, %zu: the output)", K - 1);
    nn_plot_set_text(p, "xlabel", xlabel);
    nn_plot_set_text(p, "ylabel", "||dL/dW_l||  (log scale)");
    nn_plot_command(p, "set logscale y; set format y '%%.0e'; set grid");
    nn_plot_command(p, "set xrange [-0.3:%.1f]; set xtics 1", (double)K - 0.7);
    nn_plot_command(p, "set offsets 0, 0, graph 0.06, graph 0.06");
    nn_plot_key(p, "bottom right box opaque title 'hidden units'");
    nn_plot_command(p, "plot $a0 using 1:2 with linespoints lw 2 ps 1.3 %s title '%s', "
                    "$a1 using 1:2 with linespoints lw 2 ps 1.3 %s title '%s', "
                    "$a2 using 1:2 with linespoints lw 2 ps 1.3 %s title '%s'",
                    ACTIVATION_STYLE[0], ACTIVATION_LABEL[0], ACTIVATION_STYLE[1],
                    ACTIVATION_LABEL[1], ACTIVATION_STYLE[2], ACTIVATION_LABEL[2]);
    return nn_plot_close(p, err);
}
