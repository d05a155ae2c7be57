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
 * run can be repeated exactly. The figures, whose code is in figures.c beside this
 * file: a histogram of uniform draws against the flat line they should follow, the same
 * for normal draws against the bell curve, and the first weights for three consecutive
 * seeds.
 *
 *     build/bin/03-seeding [--seed N] [--count N] [--samples N] [--plot MODE] [--out DIR]
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figures.h"
#include "nn.h"

#define PROGRAM "03-seeding"
#define SUMMARY "Seeding: numpy's random starting weights, bit for bit."

/* Part 5 shuffles this many indices: ten fit on one line of numpy's output. */
#define PERMUTATION_LENGTH 10

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

/* w is the (count, 1) column of weights, printed as numpy prints it. */
static nn_status print_weights(uint32_t seed, const nn_matrix *w, nn_error *err)
{
    size_t count = w->rows;
    printf("Part 1: starting weights for a neuron with %zu input%s, uniform in [-1, 1)\n",
           count, count == 1 ? "" : "s");
    printf(">>> np.random.seed(%lu); 2*np.random.random((%zu,1)) - 1\n", (unsigned long)seed,
           count);
    fflush(stdout);
    if (nn_matrix_print(stdout, w) != NN_OK)
        return nn_error_set(err, NN_ERR_IO, "cannot print the weights");
    printf("\n");
    return NN_OK;
}

/* The first n weights of seed, seed + 1 and seed + 2, a row per seed. */
static void print_seed_table(uint32_t seed, double table[3][TABLE_WEIGHTS], size_t n)
{
    if (n == 0) {
        printf("(--count 0: no weights to compare between seeds)\n\n");
        return;
    }
    printf("first weights by seed, 2*np.random.random(%zu) - 1 after np.random.seed(s):\n",
           n);
    printf("%16s", "");
    for (size_t i = 0; i < n; i++)
        printf(" %10s%zu", "w", i + 1);
    printf("\n");
    for (int k = 0; k < 3; k++) {
        char label[32];
        snprintf(label, sizeof label, "seed %lu:",
                 (unsigned long)(uint32_t)(seed + (uint32_t)k));
        printf("%16s", label);
        for (size_t i = 0; i < n; i++)
            printf(" %11.8f", table[k][i]);
        printf("\n");
    }
    printf("\n");
}

/* Part 2: the seed decides everything. The same seed replays the same numbers; the
 * next seeds start somewhere else entirely. table[k] gets the first n weights of
 * seed + k (unsigned arithmetic: after 4294967295 comes 0). */
static nn_status seeds_decide(uint32_t seed, const double *w, size_t count,
                              double table[3][TABLE_WEIGHTS], size_t n, nn_error *err)
{
    printf("Part 2: the seed decides everything\n");
    double *again = nn_alloc(count ? count : 1, sizeof *again, "weights", err);
    NN_TRY(nn_made(again, err));
    draw_weights(seed, again, count);
    bool same = count == 0 || memcmp(again, w, count * sizeof *w) == 0;
    nn_alloc_free(again);
    printf("seed %lu again: %s\n", (unsigned long)seed,
           same ? "the same weights, bit for bit" : "DIFFERENT weights (this is a bug)");

    for (int k = 0; k < 3; k++)
        draw_weights(seed + (uint32_t)k, table[k], n);
    print_seed_table(seed, table, n);
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
    char text_u[NN_PYTHON_FLOAT_MAX], text_w[NN_PYTHON_FLOAT_MAX];
    nn_python_float_str(u, text_u);             /* Python's repr(u) */
    nn_python_float_str(2.0 * u - 1.0, text_w);
    printf("first two 32-bit outputs after seeding: %lu and %lu\n", (unsigned long)first,
           (unsigned long)second);
    printf("  a = %lu >> 5 = %lu (its top 27 bits)\n", (unsigned long)first, (unsigned long)a);
    printf("  b = %lu >> 6 = %lu (its top 26 bits)\n", (unsigned long)second, (unsigned long)b);
    printf("  u = (a * 2^26 + b) / 2^53 = %s\n", text_u);
    printf("  w = 2u - 1 = %s\n\n", text_w);
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
    printf(">>> np.random.seed(%lu); u = np.random.random(%zu)\n", (unsigned long)seed,
           samples);
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

/* ---- The program ------------------------------------------------------------------- */

/* The five parts in order, then the figures. w is count x 1; u and z are samples x 1. */
static nn_status run_parts(uint32_t seed, nn_matrix *w, nn_matrix *u, nn_matrix *z,
                           nn_plot_mode mode, const char *out, nn_error *err)
{
    size_t n = w->rows, n_samples = u->rows;
    double table[3][TABLE_WEIGHTS];
    size_t table_n = n < TABLE_WEIGHTS ? n : TABLE_WEIGHTS;
    draw_weights(seed, w->data, n);
    NN_TRY(print_weights(seed, w, err));
    NN_TRY(seeds_decide(seed, w->data, n, table, table_n, err));
    inside_first_weight(seed);
    many_draws(seed, u->data, z->data, n_samples);
    shuffle_indices(seed);
    fflush(stdout); /* our text first, then any dumb-terminal figures */
    return draw_figures(mode, out, seed, u->data, z->data, n_samples, table, table_n, err);
}

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
    size_t n_flags = NN_COUNT(flags);
    int exit_status = nn_flags_main(argc, argv, flags, n_flags, PROGRAM, SUMMARY, stdout,
                                    stderr);
    if (exit_status >= 0)
        return exit_status;

    // [report the seed]
    if (nn_flags_find(flags, n_flags, "seed")->given)
        printf("seed: %lu (from --seed)\n\n", (unsigned long)seed);
    else
        printf("seed: %lu (from the operating system; "
               "pass --seed %lu to repeat this run)\n\n",
               (unsigned long)seed, (unsigned long)seed);
    // [end report the seed]

    nn_matrix *w, *u, *z;
    nn_matrix_spec specs[] = {
        {&w, (size_t)count, 1, NULL},   /* count x 1: the starting weights */
        {&u, (size_t)samples, 1, NULL}, /* samples x 1: uniform draws in [0, 1) */
        {&z, (size_t)samples, 1, NULL}, /* samples x 1: standard normal draws */
    };
    nn_error err;
    nn_matrix_group *g = nn_matrix_group_new(specs, NN_COUNT(specs), &err);
    nn_status status = nn_made(g, &err);
    if (status == NN_OK)
        status = run_parts(seed, w, u, z, (nn_plot_mode)plot_mode, out, &err);
    nn_matrix_group_free(g);
    if (status != NN_OK) {
        fprintf(stderr, PROGRAM ": %s\n", err.message);
        return 1;
    }
    return 0;
}
