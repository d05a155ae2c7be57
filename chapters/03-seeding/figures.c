/* figures.c - the three figures of chapter 3: histograms of the uniform and the normal
 * draws against the distributions they should follow, and the first weights of three
 * consecutive seeds side by side. main.c calls draw_figures after its five parts. */
#include <math.h>
#include <stdio.h>

#include "figures.h"

/* Bins of the uniform histogram over [0, 1), and of the normal one over [-4, 4). */
#define UNIFORM_BINS 20
#define NORMAL_BINS 32
#define NORMAL_LIMIT 4.0

/* Histogram of the uniform draws: counts per bin, the flat line n/bins that they
 * should scatter around, and a band of two standard deviations of a bin's count
 * (a count is binomial: sd = sqrt(n p (1 - p)) with p = 1/bins). */
static nn_status draw_uniform_histogram(nn_plot_mode mode, const char *out, uint32_t seed,
                                        const double *u, size_t n, nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "uniform-histogram", 1, 1, err));
    if (!p)
        return NN_OK;
    size_t counts[UNIFORM_BINS] = {0};
    for (size_t i = 0; i < n; i++) {
        size_t bin = (size_t)(u[i] * UNIFORM_BINS); /* u < 1, so bin < UNIFORM_BINS */
        counts[bin < UNIFORM_BINS ? bin : UNIFORM_BINS - 1]++;
    }
    double width = 1.0 / UNIFORM_BINS, expected = (double)n * width;
    double sd = sqrt((double)n * width * (1.0 - width));
    nn_plot_data_begin(p, "bins");
    for (size_t b = 0; b < UNIFORM_BINS; b++)
        nn_plot_data_row(p, 2, (double[]){(b + 0.5) * width, (double)counts[b]});
    nn_plot_data_end(p);

    char title[160];
    snprintf(title, sizeof title, "%zu draws of np.random.random() with seed %lu, in %d bins",
             n, (unsigned long)seed, UNIFORM_BINS);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "value drawn");
    nn_plot_set_text(p, "ylabel", "draws in the bin");
    nn_plot_command(p, "set xrange [0:1]; set yrange [0:%g]", 1.2 * (expected + 3.0 * sd));
    nn_plot_command(p, "set style fill solid 0.6 border lc rgb '#1f4e79'; set boxwidth %g",
                    width * 0.9);
    nn_plot_command(p, "set key inside top center horizontal maxcols 3 samplen 2 width -3 "
                       "opaque; set grid ytics");
    nn_plot_command(p,
                    "plot $bins using 1:2 with boxes lc rgb '#5b8fc7' title 'draws per bin', "
                    "%g with lines lw 2 lc rgb '#c0392b' title 'expected n/%d = %g', "
                    "%g with lines dt 2 lc rgb '#c0392b' title 'expected ± 2 sd', "
                    "%g with lines dt 2 lc rgb '#c0392b' notitle",
                    expected, UNIFORM_BINS, expected, expected + 2.0 * sd, expected - 2.0 * sd);
    return nn_plot_close(p, err);
}

/* Histogram of the normal draws as a density (count / (n * bin width)), so that it
 * can sit on the bell curve exp(-x^2 / 2) / sqrt(2 pi) itself. */
static nn_status draw_normal_histogram(nn_plot_mode mode, const char *out, uint32_t seed,
                                       const double *z, size_t n, nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "normal-histogram", 1, 1, err));
    if (!p)
        return NN_OK;
    size_t counts[NORMAL_BINS] = {0}, outside = 0;
    double width = 2.0 * NORMAL_LIMIT / NORMAL_BINS;
    for (size_t i = 0; i < n; i++) {
        double position = (z[i] + NORMAL_LIMIT) / width;
        if (position >= 0.0 && position < NORMAL_BINS)
            counts[(size_t)position]++;
        else
            outside++;
    }
    nn_plot_data_begin(p, "bins");
    for (size_t b = 0; b < NORMAL_BINS; b++)
        nn_plot_data_row(p, 2, (double[]){-NORMAL_LIMIT + (b + 0.5) * width,
                                          (double)counts[b] / ((double)n * width)});
    nn_plot_data_end(p);

    char title[200];
    snprintf(title, sizeof title,
             "%zu draws of np.random.standard_normal() with seed %lu (%zu beyond ±4)", n,
             (unsigned long)seed, outside);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "value drawn");
    nn_plot_set_text(p, "ylabel", "density (share of draws per unit)");
    nn_plot_command(p, "set xrange [%g:%g]; set yrange [0:0.55]", -NORMAL_LIMIT, NORMAL_LIMIT);
    nn_plot_command(p, "set style fill solid 0.6 border lc rgb '#1f4e79'; set boxwidth %g",
                    width * 0.9);
    nn_plot_key(p, "top right opaque");
    nn_plot_command(p, "set grid ytics; set samples 400");
    nn_plot_command(p, "plot $bins using 1:2 with boxes lc rgb '#5b8fc7' title 'draws', "
                       "exp(-x*x/2)/sqrt(2*pi) with lines lw 2 lc rgb '#c0392b' "
                       "title 'N(0, 1) density'");
    return nn_plot_close(p, err);
}

/* The first n weights of three consecutive seeds, as bars side by side per weight. */
static nn_status draw_first_weights(nn_plot_mode mode, const char *out, uint32_t seed,
                                    double table[3][TABLE_WEIGHTS], size_t n, nn_error *err)
{
    if (n == 0)
        return NN_OK;
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "first-weights", 1, 1, err));
    if (!p)
        return NN_OK;
    static const char *const colours[3] = {"#1f4e79", "#e67e22", "#27ae60"};
    nn_plot_data_begin(p, "weights");
    for (int k = 0; k < 3; k++) {
        for (size_t i = 0; i < n; i++)
            nn_plot_data_row(p, 2, (double[]){(double)(i + 1) + 0.27 * (k - 1), table[k][i]});
        nn_plot_data_break(p);
        nn_plot_data_break(p); /* two blank lines: one data set per seed, chosen by index */
    }
    nn_plot_data_end(p);

    nn_plot_set_text(p, "title", "The first weights, 2*np.random.random() - 1, for three seeds");
    nn_plot_set_text(p, "xlabel", "weight (row of the (count,1) array)");
    nn_plot_set_text(p, "ylabel", "starting value");
    nn_plot_command(p, "set xrange [0.4:%g]; set yrange [-1.25:1.25]", (double)n + 0.6);
    nn_plot_command(p, "set xtics 1,1,%zu format 'w%%g'; set ytics -1,0.5,1; set grid ytics", n);
    nn_plot_command(p, "set xzeroaxis lt -1; set boxwidth 0.25");
    nn_plot_command(p, "set style fill solid 0.8 noborder; set key top center horizontal");
    /* The titles are "seed N": digits only, so they need no escaping. */
    unsigned long s[3];
    for (int k = 0; k < 3; k++)
        s[k] = (unsigned long)(uint32_t)(seed + (uint32_t)k);
    nn_plot_command(p,
                    "plot $weights index 0 using 1:2 with boxes lc rgb '%s' title 'seed %lu', "
                    "$weights index 1 using 1:2 with boxes lc rgb '%s' title 'seed %lu', "
                    "$weights index 2 using 1:2 with boxes lc rgb '%s' title 'seed %lu'",
                    colours[0], s[0], colours[1], s[1], colours[2], s[2]);
    return nn_plot_close(p, err);
}

nn_status draw_figures(nn_plot_mode mode, const char *out, uint32_t seed, const double *u,
                       const double *z, size_t n, double table[3][TABLE_WEIGHTS],
                       size_t table_n, nn_error *err)
{
    NN_TRY(draw_uniform_histogram(mode, out, seed, u, n, err));
    NN_TRY(draw_normal_histogram(mode, out, seed, z, n, err));
    return draw_first_weights(mode, out, seed, table, table_n, err);
}
