/* Exercise 03-3: the tutorial's starting weights, from a seed.
 * Graded by tests/exercises/03-seeding/3-seeded-weights.c: make grade EX=03-3
 *
 * The tutorial's Python starts its network with
 *
 *     np.random.seed(seed)
 *     w = 2*np.random.random((rows, cols)) - 1
 *
 * Fill w[0 .. rows*cols) with the same numbers, using the library's generator:
 * nn_rng_seed, given a generator and the seed, is np.random.seed(seed), and each
 * nn_rng_random is one call of np.random.random(). numpy fills a (rows, cols) array row by row, so w is
 * row-major: w[i*cols + j] holds row i, column j. Each weight is 2u - 1, in [-1, 1).
 * Write exactly rows*cols numbers (w may be NULL when that is 0).
 */
#include "exercises.h"

void seeded_weights(double *w, size_t rows, size_t cols, uint32_t seed)
{
    /* TODO: seed an nn_rng, then draw rows*cols numbers in order and map each to 2u - 1. */
}
