/* tests/lib/datasets.c - nn_make_moons against scikit-learn's make_moons.
 *
 * The expected points come from sklearn.datasets.make_moons itself, through
 * tests/fixtures/datasets.h (tools/fixtures/datasets.py), with numpy's cos and sin
 * being the C library's: then every coordinate must be the same double, and the
 * generator must be left where numpy left it (the next draw is the same). The cases
 * cover 0, 1, 2 and odd numbers of samples (the outer moon gets n / 2 rounded down),
 * shuffling on and off, and noise off and on.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "datasets.h"
#include "fixtures/datasets.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

TestSuite(datasets, .timeout = 10);

/* Draws case fx into freshly allocated X and y; the caller frees them. */
static void draw(const datasets_fx_moons *fx, nn_rng *rng, double **x, double **y)
{
    *x = nn_alloc(2 * fx->n_samples + 1, sizeof(double), "test X", NULL);
    *y = nn_alloc(fx->n_samples + 1, sizeof(double), "test y", NULL);
    cr_assert(*x && *y);
    nn_rng_seed(rng, (uint32_t)fx->seed);
    nn_matrix X = {fx->n_samples, 2, *x}, Y = {fx->n_samples, 1, *y};
    nn_error err;
    nn_status st = nn_make_moons(fx->n_samples, fx->shuffle, fx->noise, rng, &X, &Y, &err);
    cr_assert_eq(st, NN_OK, "make_moons(%zu, shuffle=%d, noise=%g, seed %lu): %s",
                 fx->n_samples, fx->shuffle, fx->noise, fx->seed, err.message);
}

Test(datasets, make_moons_matches_scikit_learn_bit_for_bit)
{
    for (size_t c = 0; c < COUNT_OF(datasets_fx_moons_cases); c++) {
        const datasets_fx_moons *fx = &datasets_fx_moons_cases[c];
        nn_rng rng;
        double *x, *y;
        draw(fx, &rng, &x, &y);
        for (size_t i = 0; i < fx->n_samples; i++) {
            cr_assert(y[i] == fx->y[i], "make_moons(%zu, seed %lu): y[%zu] = %g, expected %g",
                      fx->n_samples, fx->seed, i, y[i], fx->y[i]);
            for (size_t j = 0; j < 2; j++)
                cr_assert(x[2 * i + j] == fx->X[2 * i + j],
                          "make_moons(%zu, shuffle=%d, noise=%g, seed %lu): X[%zu, %zu] = %a, "
                          "expected %a", fx->n_samples, fx->shuffle, fx->noise, fx->seed, i, j,
                          x[2 * i + j], fx->X[2 * i + j]);
        }
        /* As many draws as numpy made: the next number is the same. */
        cr_assert(nn_rng_random(&rng) == fx->next,
                  "make_moons(%zu, shuffle=%d, noise=%g): the generator is not where numpy "
                  "left it", fx->n_samples, fx->shuffle, fx->noise);
        nn_alloc_free(x);
        nn_alloc_free(y);
    }
}

Test(datasets, close_to_numpy_with_its_own_cos_and_sin)
{
    /* numpy with AVX-512 has its own cos and sin: a unit or two in the last place. */
    const datasets_fx_moons *fx = &datasets_fx_moons_cases[DATASETS_FX_MOONS_ALL_FEATURES_CASE];
    nn_rng rng;
    double *x, *y;
    draw(fx, &rng, &x, &y);
    for (size_t k = 0; k < 2 * fx->n_samples; k++)
        cr_assert(fabs(x[k] - datasets_fx_moons_all_features_X[k]) <= 2e-15,
                  "X[%zu] = %.17g, numpy with its own cos and sin: %.17g", k, x[k],
                  datasets_fx_moons_all_features_X[k]);
    nn_alloc_free(x);
    nn_alloc_free(y);
}

Test(datasets, the_two_moons_without_noise)
{
    /* Unshuffled and without noise: 3 points on the upper arc (label 0), then 4 on the
     * lower one (label 1), evenly spaced from angle 0 to pi. */
    double x[14], y[7];
    nn_matrix X = {7, 2, x}, Y = {7, 1, y};
    cr_assert_eq(nn_make_moons(7, false, 0.0, NULL, &X, &Y, NULL), NN_OK);
    const double s = sqrt(0.75); /* sin(pi/3) */
    const double want[14] = {1, 0, 0, 1, -1, 0,                  /* cos, sin of 0, pi/2, pi */
                             0, 0.5, 0.5, 0.5 - s, 1.5, 0.5 - s, 2, 0.5};
    for (size_t k = 0; k < 14; k++)
        cr_expect(fabs(x[k] - want[k]) < 1e-15, "X[%zu, %zu] = %.17g, expected %.17g", k / 2,
                  k % 2, x[k], want[k]);
    for (size_t i = 0; i < 7; i++)
        cr_expect(y[i] == (i < 3 ? 0.0 : 1.0), "y[%zu] = %g", i, y[i]);
    /* The ends of the arcs: np.linspace ends on the double nearest pi, whose cosine is
     * exactly -1 (and whose sine is 1.2e-16, not 0). */
    cr_expect(x[0] == 1.0 && x[1] == 0.0 && x[4] == -1.0 && x[12] == 2.0);
}

Test(datasets, shuffling_keeps_points_and_labels_together)
{
    double x0[60], y0[30], x1[60], y1[30];
    nn_matrix X0 = {30, 2, x0}, Y0 = {30, 1, y0}, X1 = {30, 2, x1}, Y1 = {30, 1, y1};
    nn_rng rng;
    nn_rng_seed(&rng, 11);
    cr_assert_eq(nn_make_moons(30, false, 0.0, NULL, &X0, &Y0, NULL), NN_OK);
    cr_assert_eq(nn_make_moons(30, true, 0.0, &rng, &X1, &Y1, NULL), NN_OK);
    bool moved = false;
    for (size_t i = 0; i < 30; i++) {
        /* every shuffled row is one of the original rows, with its own label */
        size_t found = 30;
        for (size_t j = 0; j < 30; j++)
            if (x1[2 * i] == x0[2 * j] && x1[2 * i + 1] == x0[2 * j + 1])
                found = j;
        cr_assert(found < 30, "shuffled row %zu is not an original point", i);
        cr_expect(y1[i] == y0[found], "row %zu lost its label", i);
        moved = moved || found != i;
    }
    cr_expect(moved, "shuffle=true left every row in place");
}

Test(datasets, bad_arguments_are_errors)
{
    double x[20], y[10];
    nn_matrix X = {10, 2, x}, Y = {10, 1, y}, wrong = {10, 3, x}, short_y = {9, 1, y};
    nn_rng rng;
    nn_rng_seed(&rng, 0);
    nn_error err;
    cr_expect_eq(nn_make_moons(10, true, 0.1, &rng, &wrong, &Y, &err), NN_ERR_SHAPE);
    cr_expect(strstr(err.message, "X is (10, 3) and y (10, 1), expected (10, 2) and (10, 1)"),
              "%s", err.message);
    cr_expect_eq(nn_make_moons(10, true, 0.1, &rng, &X, &short_y, &err), NN_ERR_SHAPE);
    cr_expect_eq(nn_make_moons(10, true, -0.1, &rng, &X, &Y, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "must be a finite number >= 0, got -0.1"), "%s", err.message);
    cr_expect_eq(nn_make_moons(10, true, NAN, &rng, &X, &Y, &err), NN_ERR_ARG);
    cr_expect_eq(nn_make_moons(10, true, 0.0, NULL, &X, &Y, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "needs an nn_rng"), "%s", err.message);
    cr_expect_eq(nn_make_moons(10, false, 0.1, NULL, &X, &Y, &err), NN_ERR_ARG);
    cr_expect_eq(nn_make_moons(10, false, 0.0, &rng, NULL, &Y, &err), NN_ERR_ARG);
    /* Without a shuffle or noise no generator is needed, and one point needs no shuffle. */
    cr_expect_eq(nn_make_moons(10, false, 0.0, NULL, &X, &Y, &err), NN_OK);
    nn_matrix X1 = {1, 2, x}, Y1 = {1, 1, y};
    cr_expect_eq(nn_make_moons(1, true, 0.0, NULL, &X1, &Y1, &err), NN_OK);
    cr_expect(x[0] == 0.0 && x[1] == 0.5 && y[0] == 1.0, "one sample: the inner moon's start");
}
