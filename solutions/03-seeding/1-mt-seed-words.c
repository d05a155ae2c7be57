/* Exercise 03-1: spread a seed over the Mersenne Twister's 624 words.
 * Graded by tests/exercises/03-seeding/1-mt-seed-words.c: make grade EX=03-1
 *
 * MT19937 keeps 624 words of 32 bits, but np.random.seed(seed) gives it one number.
 * init_genrand, the seeding numpy uses, fills the words with a recurrence:
 *
 *     key[0] = seed
 *     key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >> 30)) + i     for i = 1 .. 623
 *
 * where ^ is exclusive or, >> a right shift, and every operation is modulo 2^32.
 * Fill all NN_RNG_STATE_LEN (624) words of key. These are exactly the words
 * nn_rng_seed puts in rng->key: the first draw twists them and tempers the result.
 */
#include "exercises.h"

void mt_seed_words(uint32_t seed, uint32_t key[NN_RNG_STATE_LEN])
{
    key[0] = seed;
    for (uint32_t i = 1; i < NN_RNG_STATE_LEN; i++) {
        uint32_t prev = key[i - 1];
        key[i] = 1812433253u * (prev ^ (prev >> 30)) + i;
    }
}
