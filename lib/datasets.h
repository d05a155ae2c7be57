/* datasets.h - toy data sets drawn from nn_rng, as scikit-learn draws them (chapter 7).
 *
 * A classifier is easiest to understand on data you can draw: two input features, two
 * classes, a boundary that no straight line can follow. scikit-learn's make_moons makes
 * such a set, two interleaving half circles, and chapter 7 trains its networks on it.
 * nn_make_moons is that function: given an nn_rng seeded like the RandomState that
 * scikit-learn uses, it returns the same points in the same order.
 *
 *     nn_rng rng;
 *     nn_rng_seed(&rng, 1);                      // random_state=1
 *     double xs[300 * 2], ys[300];
 *     nn_matrix X = {300, 2, xs}, y = {300, 1, ys};
 *     nn_make_moons(300, true, 0.2, &rng, &X, &y, &err);
 *     // X, y = sklearn.datasets.make_moons(n_samples=300, noise=0.2, random_state=1)
 *
 * Same numbers: the half circles use the C library's cos and sin. numpy 1.24 on a
 * processor with AVX-512 computes np.cos and np.sin with its own vectorised routines,
 * which can differ from the C library's in the last bit or two (a few units in 1e-16);
 * where numpy uses the C library's functions (no AVX-512, or NPY_DISABLE_CPU_FEATURES),
 * the points are the same doubles. The shuffle and the noise are numpy's, bit for bit.
 * Nothing here allocates; the outputs are matrices the caller owns.
 */
#ifndef NN_DATASETS_H
#define NN_DATASETS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "matrix.h"
#include "random.h"

/* make_moons(n_samples, shuffle, noise, random_state): n_samples / 2 (rounded down)
 * points on the upper half circle of radius 1 around (0, 0), label 0, and the rest on
 * the lower half circle around (1, 0.5), label 1, evenly spaced along each arc
 * (np.linspace(0, pi, k)); then, if shuffle, the rows in a random order
 * (sklearn.utils.shuffle); then, if noise > 0, N(0, noise^2) added to every coordinate,
 * row by row. X must be n_samples x 2 and y n_samples x 1 (else NN_ERR_SHAPE); noise
 * must be finite and >= 0 (else NN_ERR_ARG). noise = 0 stands for scikit-learn's
 * noise=None and draws nothing (noise=0.0 there draws numbers that it multiplies by 0,
 * which gives the same X and y). rng may be NULL when shuffle is false and noise is 0. */
nn_status nn_make_moons(size_t n_samples, bool shuffle, double noise, nn_rng *rng,
                        nn_matrix *X, nn_matrix *y, nn_error *err);

#endif
