/* 03-seeding - random starting weights, the same ones numpy draws.
 *
 * A network starts from random weights, and a seed makes "random" repeatable. This
 * program draws the starting weights of the tutorial's neuron the way its Python does,
 *
 *     np.random.seed(1); 2*np.random.random((3,1)) - 1
 *
 * and prints them in numpy's own format, digit for digit. Then it shows that the seed
 * decides everything (the same seed again, and the next two seeds), takes the first
 * weight apart into the two 32-bit Mersenne Twister words it came from, checks many
 * draws against the distributions they should follow, and shuffles ten indices.
 *
 * Without --seed it asks the operating system for a seed and prints it, so that any
 * run can be repeated exactly. Figures: a histogram of uniform draws against the flat
 * line they should follow, the same for normal draws against the bell curve, and the
 * first weights for three consecutive seeds.
 *
 *     build/bin/03-seeding [--seed N] [--count N] [--samples N] [--plot MODE] [--out DIR]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

#define PROGRAM "03-seeding"
#define SUMMARY "Seeding: numpy's random starting weights, bit for bit."

/* The weights table and figure compare this many weights per seed (at most). */
#define TABLE_WEIGHTS 5
/* Part 5 shuffles this many indices: ten fit on one line of numpy's output. */
#define PERMUTATION_LENGTH 10
/* Bins of the uniform histogram over [0, 1), and of the normal one over [-4, 4). */
#define UNIFORM_BINS 20
#define NORMAL_BINS 32
#define NORMAL_LIMIT 4.0

/* Python's repr() of a double: the shortest of %.15g, %.16g, %.17g that reads back as
 * the same double, with ".0" added to a whole number (Python prints 0.0, not 0). */
static const char *python_repr(double x, char buf[40])
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, 40, "%.*g", digits, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    if (!strpbrk(buf, ".eni")) /* no point, exponent, inf or nan: a whole number */
        strcat(buf, ".0");
    return buf;
}

/* numpy's repr() of a short 1-D integer array, e.g. "array([2, 9, 6])": every number
 * right-aligned to the widest one. (Short enough to fit on one line of 75.) */
static void print_index_array(const size_t *v, size_t n)
{
    int width = 1;
    for (size_t i = 0; i < n; i++) {
        int w = snprintf(NULL, 0, "%zu", v[i]);
        if (w > width)
            width = w;
    }
    printf("array([");
    for (size_t i = 0; i < n; i++)
        printf("%s%*zu", i ? ", " : "", width, v[i]);
    printf("])\n");
}

/* Part 1: the starting weights, exactly as the tutorial's Python draws them. A (count, 1)
 * array is filled row by row, so the C loop draws in the same order. numpy computes
 * 2*u first (exact: a power of two) and then subtracts 1 (one rounding), as C does. */
static void draw_weights(uint32_t seed, double *w, size_t count)
{
    // [starting weights]
    nn_rng rng;
    nn_rng_seed(&rng, seed);                    /* np.random.seed(seed) */
    for (size_t i = 0; i < count; i++)
        w[i] = 2.0 * nn_rng_random(&rng) - 1.0; /* 2*np.random.random((count,1)) - 1 */
    // [end starting weights]
}

static nn_status print_weights(uint32_t seed, const double *w, size_t count, nn_error *err)
{
    printf("Part 1: starting weights for a neuron with %zu input%s, uniform in [-1, 1)\n", count,
           count == 1 ? "" : "s");
    printf(">>> np.random.seed(%lu); 2*np.random.random((%zu,1)) - 1\n", (unsigned long)seed,
           count);
    fflush(stdout);
    nn_matrix column = {count, 1, (double *)w};
    if (nn_matrix_print(stdout, &column) != NN_OK)
        return nn_error_set(err, NN_ERR_IO, "cannot print the weights");
    printf("\n");
    return NN_OK;
}

/* Part 2: the seed decides everything. The same seed replays the same numbers; the
 * next seeds start somewhere else entirely. table[k] gets the first n weights of
 * seed + k (unsigned arithmetic: after 4294967295 comes 0). */
static nn_status seeds_decide(uint32_t seed, const double *w, size_t count,
                              double table[3][TABLE_WEIGHTS], size_t n, nn_error *err)
{
    printf("Part 2: the seed decides everything\n");
    double *again = nn_alloc(count ? count : 1, sizeof *again, "weights", err);
    if (!again)
        return err->code;
    draw_weights(seed, again, count);
    bool same = count == 0 || memcmp(again, w, count * sizeof *w) == 0;
    nn_alloc_free(again);
    printf("seed %lu again: %s\n", (unsigned long)seed,
           same ? "the same weights, bit for bit" : "DIFFERENT weights (this is a bug)");

    for (int k = 0; k < 3; k++)
        draw_weights(seed + (uint32_t)k, table[k], n);
    if (n == 0) {
        printf("(--count 0: no weights to compare between seeds)\n\n");
        return NN_OK;
    }
    printf("first weights by seed, 2*np.random.random(%zu) - 1 after np.random.seed(s):\n",
           n);
    printf("%16s", "");
    for (size_t i = 0; i < n; i++)
        printf(" %10s%zu", "w", i + 1);
    printf("\n");
    for (int k = 0; k < 3; k++) {
        char label[32];
        snprintf(label, sizeof label, "seed %lu:", (unsigned long)(uint32_t)(seed + (uint32_t)k));
        printf("%16s", label);
        for (size_t i = 0; i < n; i++)
            printf(" %11.8f", table[k][i]);
        printf("\n");
    }
    printf("\n");
    return NN_OK;
}

/* Part 3: where the first weight comes from. Two tempered 32-bit outputs of MT19937
 * give 27 + 26 = 53 bits, a double's whole significand (lib/random.c, section 5). */
static void inside_first_weight(uint32_t seed)
{
    printf("Part 3: inside the first weight (MT19937, then numpy's conversion)\n");
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    uint32_t first = nn_rng_next_uint32(&rng);
    uint32_t second = nn_rng_next_uint32(&rng);
    uint32_t a = first >> 5, b = second >> 6;
    double u = ((double)a * 67108864.0 + (double)b) / 9007199254740992.0;
    char text_u[40], text_w[40];
    printf("first two 32-bit outputs after seeding: %lu and %lu\n", (unsigned long)first,
           (unsigned long)second);
    printf("  a = %lu >> 5 = %lu (its top 27 bits)\n", (unsigned long)first, (unsigned long)a);
    printf("  b = %lu >> 6 = %lu (its top 26 bits)\n", (unsigned long)second, (unsigned long)b);
    printf("  u = (a * 2^26 + b) / 2^53 = %s\n", python_repr(u, text_u));
    printf("  w = 2u - 1 = %s\n\n", python_repr(2.0 * u - 1.0, text_w));
}

/* Part 4: many draws. The mean and variance of the samples should be near those of
 * the distribution: U[0, 1) has mean 1/2 and variance 1/12, N(0, 1) mean 0 and
 * variance 1. (Two passes: the mean first, then the squared deviations from it.) */
static void mean_variance(const double *x, size_t n, double *mean, double *variance)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += x[i];
    *mean = sum / (double)n;
    double squares = 0.0;
    for (size_t i = 0; i < n; i++)
        squares += (x[i] - *mean) * (x[i] - *mean);
    *variance = squares / (double)n;
}

static void many_draws(uint32_t seed, double *u, double *z, size_t samples)
{
    printf("Part 4: many draws and their distributions\n");
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    for (size_t i = 0; i < samples; i++)
        u[i] = nn_rng_random(&rng);
    double mean, variance, lo = u[0], hi = u[0];
    for (size_t i = 1; i < samples; i++) {
        lo = u[i] < lo ? u[i] : lo;
        hi = u[i] > hi ? u[i] : hi;
    }
    mean_variance(u, samples, &mean, &variance);
    printf(">>> np.random.seed(%lu); u = np.random.random(%zu)\n", (unsigned long)seed, samples);
    printf("  mean %.4f (expected 1/2), variance %.4f (expected 1/12 = 0.0833)\n", mean,
           variance);
    printf("  smallest %.6f, largest %.6f (never 1: u < 1 always)\n", lo, hi);

    nn_rng_seed(&rng, seed);                 /* np.random.seed(seed) */
    for (size_t i = 0; i < samples; i++)
        z[i] = nn_rng_standard_normal(&rng); /* np.random.standard_normal(samples) */
    mean_variance(z, samples, &mean, &variance);
    printf(">>> np.random.seed(%lu); z = np.random.standard_normal(%zu)\n",
           (unsigned long)seed, samples);
    printf("  mean %.4f (expected 0), standard deviation %.4f (expected 1)\n\n", mean,
           sqrt(variance));
}

/* Part 5: the same generator shuffles, which later chapters use to visit the training
 * samples in a new order each epoch. */
static void shuffle_indices(uint32_t seed)
{
    printf("Part 5: the same generator shuffles\n");
    printf(">>> np.random.seed(%lu); np.random.permutation(%d)\n", (unsigned long)seed,
           PERMUTATION_LENGTH);
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    size_t order[PERMUTATION_LENGTH];
    nn_rng_permutation(&rng, PERMUTATION_LENGTH, order); /* 0..9, then Fisher-Yates */
    print_index_array(order, PERMUTATION_LENGTH);
}

/* ---- Figures ----------------------------------------------------------------------- */

/* Histogram of the uniform draws: counts per bin, the flat line n/bins that they
 * should scatter around, and a band of two standard deviations of a bin's count
 * (a count is binomial: sd = sqrt(n p (1 - p)) with p = 1/bins). */
static nn_status draw_uniform_histogram(nn_plot_mode mode, const char *out, uint32_t seed,
                                        const double *u, size_t n, nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "uniform-histogram", 1, 1, err) != NN_OK)
        return err->code;
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
    if (nn_plot_open(&p, mode, out, "normal-histogram", 1, 1, err) != NN_OK)
        return err->code;
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
    nn_plot_command(p, "set key top right opaque; set grid ytics; set samples 400");
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
    if (nn_plot_open(&p, mode, out, "first-weights", 1, 1, err) != NN_OK)
        return err->code;
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

/* ---- The program ------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    /* The seed's default is a fresh one from the operating system, drawn now so that
     * --help can show it and a run without --seed can print it. */
    uint32_t seed = nn_rng_seed_from_os();
    long count = 3, samples = 10000;
    int plot_mode = NN_PLOT_AUTO;
    const char *out = "figures";
    nn_flag flags[] = {
        NN_FLAG_SEED("seed", &seed, "seed; unless given, a new one from the OS each run, now"),
        NN_FLAG_INT("count", &count, "how many starting weights to draw", 0, 1000000),
        NN_FLAG_INT("samples", &samples, "draws for the histograms and statistics", 1,
                    10000000),
        NN_PLOT_FLAGS(&plot_mode, &out),
    };
    size_t n_flags = sizeof flags / sizeof flags[0];
    int exit_status = nn_flags_main(argc, argv, flags, n_flags, PROGRAM, SUMMARY, stdout, stderr);
    if (exit_status >= 0)
        return exit_status;
    nn_error err;

    // [report the seed]
    if (nn_flags_find(flags, n_flags, "seed")->given)
        printf("seed: %lu (from --seed)\n\n", (unsigned long)seed);
    else
        printf("seed: %lu (from the operating system; "
               "pass --seed %lu to repeat this run)\n\n",
               (unsigned long)seed, (unsigned long)seed);
    // [end report the seed]

    size_t n = (size_t)count, n_samples = (size_t)samples;
    double *w = nn_alloc(n ? n : 1, sizeof *w, "weights", &err);
    double *u = w ? nn_alloc(n_samples, sizeof *u, "uniform draws", &err) : NULL;
    double *z = u ? nn_alloc(n_samples, sizeof *z, "normal draws", &err) : NULL;
    if (!z) {
        fprintf(stderr, PROGRAM ": %s\n", err.message);
        nn_alloc_free(u);
        nn_alloc_free(w);
        return 1;
    }

    double table[3][TABLE_WEIGHTS];
    size_t table_n = n < TABLE_WEIGHTS ? n : TABLE_WEIGHTS;
    nn_plot_mode mode = (nn_plot_mode)plot_mode;
    int status = 0;
    draw_weights(seed, w, n);
    if (print_weights(seed, w, n, &err) != NN_OK ||
        seeds_decide(seed, w, n, table, table_n, &err) != NN_OK)
        status = 1;
    if (status == 0) {
        inside_first_weight(seed);
        many_draws(seed, u, z, n_samples);
        shuffle_indices(seed);
        fflush(stdout); /* our text first, then any dumb-terminal figures */
        if (draw_uniform_histogram(mode, out, seed, u, n_samples, &err) != NN_OK ||
            draw_normal_histogram(mode, out, seed, z, n_samples, &err) != NN_OK ||
            draw_first_weights(mode, out, seed, table, table_n, &err) != NN_OK)
            status = 1;
    }
    if (status != 0)
        fprintf(stderr, PROGRAM ": %s\n", err.message);
    nn_alloc_free(z);
    nn_alloc_free(u);
    nn_alloc_free(w);
    return status;
}
