/* Chapter 3 exercises: seeding. Each function lives in its own file.
 * nn_rng and its functions come from the course library (lib/random.h). */
#ifndef EXERCISES_03_H
#define EXERCISES_03_H

#include <stddef.h>
#include <stdint.h>

#include "random.h"

/* 03-1: MT19937's seeding (init_genrand): key[0] = seed,
 * key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >> 30)) + i  (mod 2^32), i = 1 .. 623 */
void mt_seed_words(uint32_t seed, uint32_t key[NN_RNG_STATE_LEN]);

/* 03-2: a draw u in [0, 1) stretched to [low, high) as numpy's uniform does it:
 * low + (high - low) * u, with high - low computed first */
double scale_draw(double u, double low, double high);

/* 03-3: w[0 .. rows*cols) = np.random.seed(seed); 2*np.random.random((rows, cols)) - 1,
 * row-major: w[i*cols + j] is row i, column j */
void seeded_weights(double *w, size_t rows, size_t cols, uint32_t seed);

/* 03-4: a uniform integer in [0, max] by masked rejection over 32-bit words
 * (mask = 2^bits(max) - 1; draw & mask until <= max); max = 0 draws nothing */
uint32_t masked_draw(nn_rng *rng, uint32_t max);

/* 03-5: Fisher-Yates: for i = n-1 down to 1, swap items[i] and items[nn_rng_interval(rng, i)];
 * the same result, and the same draws, as nn_rng_shuffle */
void fisher_yates(nn_rng *rng, size_t *items, size_t n);

#endif
