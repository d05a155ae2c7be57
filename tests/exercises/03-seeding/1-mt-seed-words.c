/* Tests for exercise 03-1, mt_seed_words. The reference is the library's nn_rng_seed,
 * itself checked word for word against numpy's state (tests/lib/random.c). */
#include <inttypes.h>
#include <string.h>

#include "grade.h"
#include "exercises.h"

GRADE_SUITE(mt_seed_words);

/* Every word equals nn_rng_seed's; reports the first word that differs. */
static void expect_words_of(uint32_t seed)
{
    uint32_t key[NN_RNG_STATE_LEN];
    memset(key, 0xab, sizeof key); /* garbage, so a word left unwritten shows */
    mt_seed_words(seed, key);
    nn_rng want;
    nn_rng_seed(&want, seed);
    for (size_t i = 0; i < NN_RNG_STATE_LEN; i++) {
        if (key[i] != want.key[i]) {
            cr_expect_fail("mt_seed_words(%" PRIu32 ", key): key[%zu]: expected %" PRIu32
                           ", got %" PRIu32 " (the first wrong word of 624)",
                           seed, i, want.key[i], key[i]);
            return;
        }
    }
}

Test(mt_seed_words, first_words_of_seed_0)
{
    /* key[1] = 1812433253 * (0 ^ 0) + 1 = 1; key[2] = 1812433253 * (1 ^ 0) + 2. */
    uint32_t key[NN_RNG_STATE_LEN];
    mt_seed_words(0, key);
    cr_expect_eq(key[0], 0u, "mt_seed_words(0, key): key[0]: expected 0, got %" PRIu32, key[0]);
    cr_expect_eq(key[1], 1u, "mt_seed_words(0, key): key[1]: expected 1, got %" PRIu32, key[1]);
    cr_expect_eq(key[2], 1812433255u,
                 "mt_seed_words(0, key): key[2]: expected 1812433255, got %" PRIu32, key[2]);
}

Test(mt_seed_words, key_0_is_the_seed)
{
    uint32_t key[NN_RNG_STATE_LEN];
    mt_seed_words(123456789u, key);
    cr_expect_eq(key[0], 123456789u,
                 "mt_seed_words(123456789, key): key[0]: expected the seed, got %" PRIu32, key[0]);
}

Test(mt_seed_words, all_624_words_for_several_seeds)
{
    /* 5489 is the seed of the original MT19937 reference code; the last ones wrap. */
    static const uint32_t seeds[] = {1u, 42u, 5489u, 2147483648u, 4294967295u};
    for (size_t s = 0; s < sizeof seeds / sizeof seeds[0]; s++)
        expect_words_of(seeds[s]);
}

Test(mt_seed_words, the_words_start_numpys_stream)
{
    /* Put the words into a generator by hand: its first output must be numpy's
     * RandomState(1).randint(0, 2**32, dtype=np.uint32) = 1791095845. */
    nn_rng rng;
    nn_rng_seed(&rng, 99u); /* something else first, then overwrite the words */
    mt_seed_words(1u, rng.key);
    rng.pos = NN_RNG_STATE_LEN;
    uint32_t first = nn_rng_next_uint32(&rng);
    cr_expect_eq(first, 1791095845u,
                 "a generator holding mt_seed_words(1, key): first output: expected 1791095845 "
                 "(numpy's), got %" PRIu32, first);
}
