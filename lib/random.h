/* random.h - numpy's legacy RandomState, reproduced bit for bit.
 *
 * Chapter 3 introduces it.
 *
 * An nn_rng is a Mersenne Twister (MT19937) plus the one cached value of the polar
 * method for normal deviates: exactly the state behind np.random.seed(...) and
 * np.random.RandomState(...). Seed it with the same number as a Python script and every
 * draw below returns the same bits as numpy 1.24 does:
 *
 *     nn_rng rng;                          // lives on the stack, no allocation
 *     nn_rng_seed(&rng, 42);               // np.random.seed(42)
 *     double u = nn_rng_random(&rng);      // np.random.random_sample()
 *     double z = nn_rng_standard_normal(&rng);
 *
 * An nn_rng must be seeded before its first draw. It holds no pointers, so copying the
 * struct forks the stream: the copy replays what the original will draw next. Nothing
 * here allocates, fails or touches global state, and one nn_rng per thread is safe.
 */
#ifndef NN_RANDOM_H
#define NN_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/* Number of 32-bit words in the Mersenne Twister state (the "624" in MT19937). */
#define NN_RNG_STATE_LEN 624

/* The whole generator: numpy's mt19937_state plus its legacy gaussian cache. */
typedef struct nn_rng {
    uint32_t key[NN_RNG_STATE_LEN]; /* the twister's 624 words of state */
    int pos;                        /* next word of key to hand out; 624 = twist first */
    int has_gauss;                  /* 1 when gauss holds an unused normal deviate */
    double gauss;                   /* the polar method's spare value */
} nn_rng;

/* Seeds like np.random.seed(seed) (MT19937 init_genrand) and clears the cached normal.
 * key[0] = seed,  key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >> 30)) + i  (mod 2^32) */
void nn_rng_seed(nn_rng *rng, uint32_t seed);

/* The next raw, tempered 32-bit MT19937 output, uniform over [0, 2^32). */
uint32_t nn_rng_next_uint32(nn_rng *rng);

/* random_sample(): a double in [0, 1) on a grid of 2^-53, from two 32-bit draws.
 * u = ((a >> 5) * 2^26 + (b >> 6)) / 2^53 */
double nn_rng_random(nn_rng *rng);

/* uniform(low, high): low + (high - low) * u, u = nn_rng_random (one double draw).
 * Lies in [low, high) for low < high; high < low is allowed, as in numpy. */
double nn_rng_uniform(nn_rng *rng, double low, double high);

/* standard_normal(): N(0, 1) by the legacy polar method, which makes two deviates per
 * accepted point and returns the cached second one on the next call.
 * (x1, x2) uniform in the unit disc, r2 = x1^2 + x2^2, f = sqrt(-2 ln(r2) / r2);
 * returns f * x2 now and f * x1 next time. */
double nn_rng_standard_normal(nn_rng *rng);

/* A uniform integer in [0, max] by masked rejection (numpy's random_interval):
 * mask = 2^bits(max) - 1; draw (32-bit if max < 2^32, else 64-bit) & mask until <= max.
 * max = 0 returns 0 without drawing. */
uint64_t nn_rng_interval(nn_rng *rng, uint64_t max);

/* RandomState.randint(low, high) with the default int64 dtype: uniform in [low, high).
 * = low + nn_rng_interval(high - 1 - low). Requires low < high (numpy raises
 * otherwise); for low >= high it draws nothing and returns low. */
int64_t nn_rng_randint(nn_rng *rng, int64_t low, int64_t high);

/* Shuffles items[0..n) in place like RandomState.shuffle of a 1-D array (Fisher-Yates):
 * for i = n-1 down to 1: swap(items[i], items[nn_rng_interval(i)]).
 * n < 2 draws nothing (items may be NULL when n is 0). */
void nn_rng_shuffle(nn_rng *rng, size_t *items, size_t n);

/* RandomState.permutation(n): out[i] = i for i < n, then nn_rng_shuffle(out, n).
 * out must hold n items (it may be NULL when n is 0). */
void nn_rng_permutation(nn_rng *rng, size_t n, size_t *out);

/* A seed from the operating system's entropy (/dev/urandom), or, if that cannot be read,
 * from the clock mixed with an address. Print it so that the run can be repeated. */
uint32_t nn_rng_seed_from_os(void);

#endif
