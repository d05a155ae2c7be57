/* datasets.c - scikit-learn's make_moons, draw for draw.
 *
 * Chapter 7 introduces it, to train on two moons.
 *
 * The story follows sklearn/datasets/_samples_generator.py (version 1.2): the two arcs,
 * evenly spaced as np.linspace spaces them; the shuffle, which sklearn.utils.shuffle
 * does by shuffling a list of row numbers and then picking the rows in that order; and
 * the Gaussian noise, added to the shuffled rows.
 */
#include "datasets.h"

#include <math.h>

/* np.pi, the double nearest to pi (C11 has no M_PI). */
#define PI 3.141592653589793

/* np.linspace(0, pi, k)[i]: numpy multiplies i by the step pi / (k - 1) (then adds the
 * start, 0.0, which changes nothing) and sets the last point to pi exactly. */
static double arc_angle(size_t i, size_t k)
{
    if (k < 2)
        return 0.0;
    if (i == k - 1)
        return PI;
    return (double)i * (PI / (double)(k - 1));
}

static void swap_rows(nn_matrix *X, nn_matrix *y, size_t a, size_t b)
{
    for (size_t c = 0; c < 2; c++) {
        double held = X->data[2 * a + c];
        X->data[2 * a + c] = X->data[2 * b + c];
        X->data[2 * b + c] = held;
    }
    double held = y->data[a];
    y->data[a] = y->data[b];
    y->data[b] = held;
}

nn_status nn_make_moons(size_t n_samples, bool shuffle, double noise, nn_rng *rng,
                        nn_matrix *X, nn_matrix *y, nn_error *err)
{
    if (!X || !y || (n_samples > 0 && (!X->data || !y->data)))
        return nn_error_set(err, NN_ERR_ARG, "make_moons: NULL X or y");
    if (X->rows != n_samples || X->cols != 2 || y->rows != n_samples || y->cols != 1)
        return nn_error_set(err, NN_ERR_SHAPE,
                            "make_moons: X is (%zu, %zu) and y (%zu, %zu), expected (%zu, 2) "
                            "and (%zu, 1) for n_samples=%zu", X->rows, X->cols, y->rows,
                            y->cols, n_samples, n_samples, n_samples);
    if (!isfinite(noise) || noise < 0.0)
        return nn_error_set(err, NN_ERR_ARG,
                            "make_moons: noise is the standard deviation of the Gaussian "
                            "noise and must be a finite number >= 0, got %g", noise);
    if (!rng && ((shuffle && n_samples > 1) || noise > 0.0))
        return nn_error_set(err, NN_ERR_ARG, "make_moons: shuffling or noise needs an nn_rng");

    // [make moons]
    /* The outer moon, label 0: (cos t, sin t) for n_out angles t from 0 to pi. The inner
     * moon, label 1: (1 - cos t, 1 - sin t - 0.5) for n_in angles, a half circle turned
     * upside down and moved right and down, so that the two interlock. */
    size_t n_out = n_samples / 2, n_in = n_samples - n_out;
    for (size_t i = 0; i < n_out; i++) {
        double t = arc_angle(i, n_out);
        X->data[2 * i] = cos(t);
        X->data[2 * i + 1] = sin(t);
        y->data[i] = 0.0;
    }
    for (size_t i = 0; i < n_in; i++) {
        double t = arc_angle(i, n_in);
        double *row = X->data + 2 * (n_out + i);
        row[0] = 1.0 - cos(t);
        row[1] = 1.0 - sin(t) - 0.5;
        y->data[n_out + i] = 1.0;
    }

    /* sklearn.utils.shuffle: indices = arange(n); rng.shuffle(indices); X = X[indices].
     * Making the same swaps on the rows themselves puts the same row at each place, so
     * no list of indices is needed. */
    if (shuffle)
        for (size_t i = n_samples > 0 ? n_samples - 1 : 0; i > 0; i--)
            swap_rows(X, y, i, (size_t)nn_rng_interval(rng, i));

    /* X += rng.normal(scale=noise, size=X.shape): numpy's normal is loc + scale * z,
     * with loc = 0, drawn in the order of X's memory. */
    if (noise > 0.0)
        for (size_t k = 0; k < 2 * n_samples; k++)
            X->data[k] += 0.0 + noise * nn_rng_standard_normal(rng);
    // [end make moons]
    return NN_OK;
}
