/* figures.c - chapter 6's figures, drawn with lib/plot:
 *
 *   error-curves  the mean absolute error of both networks against the iteration,
 *                 log-log, from the curves main.c records while it trains;
 *   xor-surface   the trained XOR network's output over the plane of its two inputs,
 *                 with the 0.5 contour (its decision boundary) and the four samples.
 */
#include <math.h>
#include <stdio.h>

#include "figures.h"

void curve_add(curve *c, long j, double error, long last)
{
    if (j == 0 || (j < c->next && j != last) || c->n == CURVE_MAX)
        return;
    c->iteration[c->n] = (double)j;
    c->error[c->n] = error;
    c->n++;
    long next = (long)ceil((double)j * 1.0593); /* 10^(1/40) */
    c->next = next > j ? next : j + 1;
}

static double grid_coordinate(size_t k)
{
    return SURFACE_LOW + (SURFACE_HIGH - SURFACE_LOW) * (double)k / (GRID - 1);
}

void surface_inputs(nn_matrix *grid)
{
    for (size_t r = 0; r < GRID; r++)
        for (size_t c = 0; c < GRID; c++) {
            double *row = grid->data + 3 * (r * GRID + c);
            row[0] = grid_coordinate(c);
            row[1] = grid_coordinate(r);
            row[2] = 1.0;
        }
}

/* Mean absolute error against the iteration, both axes logarithmic. */
static nn_status draw_errors(nn_plot_mode mode, const char *out, const figure_data *d,
                             nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "error-curves", 1, 1, err));
    if (!p)
        return NN_OK;
    const curve *curves[2] = {d->one, d->two};
    for (int k = 0; k < 2; k++) {
        if (!curves[k])
            continue;
        nn_plot_data_begin(p, k == 0 ? "one" : "two");
        for (size_t i = 0; i < curves[k]->n; i++)
            nn_plot_data_row(p, 2, (double[]){curves[k]->iteration[i], curves[k]->error[i]});
        nn_plot_data_end(p);
    }
    char title[120];
    snprintf(title, sizeof title, "Mean absolute error while training, np.random.seed(%lu)",
             (unsigned long)d->seed);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "iteration (log scale)");
    nn_plot_set_text(p, "ylabel", "mean |y - output| (log scale)");
    nn_plot_command(p, "set logscale xy; set format x '%%.0f'; set format y '%%g'");
    nn_plot_command(p, "set grid xtics ytics lc rgb '#cccccc'");
    nn_plot_key(p, "bottom left opaque box samplen 3");
    /* The titles hold only our own text and numbers, so they can go inline. */
    nn_plot_command(p, "plot %s%s%s",
                    d->one ? "$one using 1:2 with lines lw 2.5 lc rgb '#1f4e79' "
                             "title 'part 1: no hidden layer, y = first input'"
                           : "",
                    d->one && d->two ? ", " : "",
                    d->two ? "$two using 1:2 with lines lw 2.5 lc rgb '#c0392b' title 'part 2: "
                             "hidden layer, y = XOR'"
                           : "");
    return nn_plot_close(p, err);
}

/* The grid's outputs (x1, x2, l2, a blank line after each row) and the four samples. */
static void send_surface(nn_plot *p, const figure_data *d)
{
    nn_plot_data_begin(p, "grid");
    for (size_t r = 0; r < GRID; r++) {
        for (size_t c = 0; c < GRID; c++)
            nn_plot_data_row(p, 3, (double[]){grid_coordinate(c), grid_coordinate(r),
                                              d->surf->out[r * GRID + c]});
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
    nn_plot_data_begin(p, "points");
    for (size_t i = 0; i < 4; i++)
        nn_plot_data_row(p, 3, (double[]){d->X[3 * i], d->X[3 * i + 1], d->y[i]});
    nn_plot_data_end(p);
}

/* The trained XOR network's output over the input plane (x3 = 1), with the 0.5 contour
 * (its decision boundary) and the four training points. */
static nn_status draw_surface(nn_plot_mode mode, const char *out, const figure_data *d,
                              nn_error *err)
{
    nn_plot *p;
    if (!d->surf->ready)
        return NN_OK;
    NN_TRY(nn_plot_open(&p, mode, out, "xor-surface", 1, 1, err));
    if (!p)
        return NN_OK;
    send_surface(p, d);

    /* The 0.5 contour, traced by gnuplot into a datablock, then drawn over the image. */
    nn_plot_command(p, "set view map; unset surface; set contour base");
    nn_plot_command(p, "set cntrparam levels discrete 0.5");
    nn_plot_command(p, "set table $boundary");
    nn_plot_command(p, "splot $grid using 1:2:3 with lines");
    nn_plot_command(p, "unset table");
    nn_plot_command(p, "unset contour; set surface");

    char title[120];
    snprintf(title, sizeof title,
             "XOR network after training (%zu hidden): output l2, x3 = 1", d->hidden);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
    nn_plot_set_text(p, "cblabel", "output l2");
    nn_plot_command(p, "set xrange [%g:%g]; set yrange [%g:%g]; set size ratio -1",
                    SURFACE_LOW, SURFACE_HIGH, SURFACE_LOW, SURFACE_HIGH);
    nn_plot_command(p, "set xtics 0,0.5,1; set ytics 0,0.5,1; set cbrange [0:1]");
    nn_plot_command(p, "set palette defined (0 '#2166ac', 0.5 '#f7f7f7', 1 '#b2182b')");
    nn_plot_command(p, "set key off");
    if (nn_plot_is_text(p)) /* no room for a colour box; the key explains the characters */
        nn_plot_command(p, "unset colorbox; set key below");
    char heat[192];
    nn_plot_command(p, "plot %s, "
                       "$boundary using 1:2 with lines lw 2 dt 2 lc rgb 'black' notitle, "
                       "$points using 1:2:($3 > 0.5 ? 7 : 6) with points pointtype variable "
                       "pointsize 2.5 lc rgb 'black' notitle",
                    nn_plot_heat_map(p, "grid", heat, sizeof heat));
    return nn_plot_close(p, err);
}

nn_status draw_figures(nn_plot_mode mode, const char *out, const figure_data *d,
                       nn_error *err)
{
    NN_TRY(draw_errors(mode, out, d, err));
    return draw_surface(mode, out, d, err);
}
