/* tests/lib/random.c - nn_rng against numpy's legacy RandomState, bit for bit.
 *
 * The expected values come from tests/fixtures/random.h, which
 * tools/fixtures/random.py generates with numpy. Doubles are compared with ==: the
 * point of nn_rng is that the C and Python programs print the same digits, so "close"
 * is a failure. Many fixtures also record the raw word that follows a batch, which
 * catches a call that returns the right values but consumes the wrong number of words.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <string.h>

#include "fixtures/random.h"
#include "random.h"

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

TestSuite(random, .timeout = 10);

/* The full state of two generators is the same: words, position and normal cache. */
static void assert_same_state(const nn_rng *expected, const nn_rng *got, const char *what)
{
    for (size_t i = 0; i < NN_RNG_STATE_LEN; i++)
        cr_assert_eq(got->key[i], expected->key[i],
                     "%s: key[%zu] changed: expected %" PRIu32 ", got %" PRIu32, what, i,
                     expected->key[i], got->key[i]);
    cr_assert_eq(got->pos, expected->pos, "%s: pos changed: expected %d, got %d", what,
                 expected->pos, got->pos);
    cr_assert_eq(got->has_gauss, expected->has_gauss,
                 "%s: has_gauss changed: expected %d, got %d", what, expected->has_gauss,
                 got->has_gauss);
    cr_assert(got->gauss == expected->gauss, "%s: gauss changed: expected %.17g, got %.17g",
              what, expected->gauss, got->gauss);
}

/* After a batch, the next raw word shows whether the batch used the right number. */
static void assert_next_raw(nn_rng *rng, uint32_t expected, const char *what)
{
    uint32_t got = nn_rng_next_uint32(rng);
    cr_assert_eq(got, expected,
                 "%s: the raw word after it: expected %" PRIu32 ", got %" PRIu32
                 " (too many or too few words consumed)",
                 what, expected, got);
}

Test(random, seed_spreads_the_seed_over_624_words_like_init_genrand)
{
    for (size_t c = 0; c < COUNT_OF(random_fx_keys); c++) {
        nn_rng rng;
        memset(&rng, 0xab, sizeof rng); /* garbage, as on an uninitialised stack */
        nn_rng_seed(&rng, random_fx_keys[c].seed);
        for (size_t i = 0; i < NN_RNG_STATE_LEN; i++)
            cr_assert_eq(rng.key[i], random_fx_keys[c].key[i],
                         "seed %" PRIu32 ", key[%zu]: expected %" PRIu32 ", got %" PRIu32,
                         random_fx_keys[c].seed, i, random_fx_keys[c].key[i], rng.key[i]);
        cr_assert_eq(rng.pos, NN_RNG_STATE_LEN,
                     "seed %" PRIu32 ": pos should be %d (twist before the first draw), got %d",
                     random_fx_keys[c].seed, NN_RNG_STATE_LEN, rng.pos);
        cr_assert_eq(rng.has_gauss, 0, "seed %" PRIu32 ": seeding must clear the normal cache",
                     random_fx_keys[c].seed);
    }
}

Test(random, raw_outputs_match_numpy_across_two_twists)
{
    for (size_t c = 0; c < COUNT_OF(random_fx_raws); c++) {
        const random_fx_raw *fx = &random_fx_raws[c];
        nn_rng rng;
        nn_rng_seed(&rng, fx->seed);
        for (size_t i = 0; i < fx->n; i++) {
            uint32_t got = nn_rng_next_uint32(&rng);
            cr_assert_eq(got, fx->values[i],
                         "seed %" PRIu32 ", raw output %zu: expected %" PRIu32 ", got %" PRIu32,
                         fx->seed, i, fx->values[i], got);
        }
    }
}

Test(random, random_matches_numpy_random_sample)
{
    for (size_t c = 0; c < COUNT_OF(random_fx_samples); c++) {
        const random_fx_doubles *fx = &random_fx_samples[c];
        nn_rng rng;
        nn_rng_seed(&rng, fx->seed);
        for (size_t i = 0; i < fx->n; i++) {
            double got = nn_rng_random(&rng);
            cr_assert(got == fx->values[i],
                      "seed %" PRIu32 ", random_sample %zu: expected %.17g, got %.17g", fx->seed,
                      i, fx->values[i], got);
        }
        assert_next_raw(&rng, fx->next_raw, "random_sample");
    }
}

Test(random, uniform_matches_numpy_for_several_ranges)
{
    nn_rng rng;
    nn_rng_seed(&rng, random_fx_uniform_seed);
    for (size_t c = 0; c < COUNT_OF(random_fx_uniforms); c++) {
        const random_fx_uniform *fx = &random_fx_uniforms[c];
        for (size_t i = 0; i < fx->n; i++) {
            double got = nn_rng_uniform(&rng, fx->low, fx->high);
            cr_assert(got == fx->values[i],
                      "uniform(%.17g, %.17g) value %zu: expected %.17g, got %.17g", fx->low,
                      fx->high, i, fx->values[i], got);
        }
    }
}

Test(random, standard_normal_matches_numpy_including_the_cached_spare)
{
    for (size_t c = 0; c < COUNT_OF(random_fx_normals); c++) {
        const random_fx_normal *fx = &random_fx_normals[c];
        nn_rng rng;
        nn_rng_seed(&rng, fx->seed);
        for (size_t i = 0; i < fx->n; i++) {
            double got = nn_rng_standard_normal(&rng);
            cr_assert(got == fx->values[i],
                      "seed %" PRIu32 ", standard_normal %zu of %zu: expected %.17g, got %.17g",
                      fx->seed, i, fx->n, fx->values[i], got);
        }
        /* A raw draw in between must not disturb (or be taken from) the cache. */
        assert_next_raw(&rng, fx->next_raw, "standard_normal");
        double got = nn_rng_standard_normal(&rng);
        cr_assert(got == fx->next_normal,
                  "seed %" PRIu32 ", the normal after %zu normals and one raw draw: "
                  "expected %.17g, got %.17g (after an odd count it is the cached spare)",
                  fx->seed, fx->n, fx->next_normal, got);
    }
}

Test(random, seeding_again_forgets_the_cached_normal)
{
    /* random_fx_normals[1] is seed 0 with 7 values: after them a spare is cached. */
    const random_fx_normal *fx = &random_fx_normals[1];
    cr_assert_eq(fx->seed, 0u, "fixture order changed: expected seed 0");
    nn_rng rng;
    nn_rng_seed(&rng, fx->seed);
    for (size_t i = 0; i < fx->n; i++)
        (void)nn_rng_standard_normal(&rng);
    cr_assert_eq(rng.has_gauss, 1, "after %zu normals a spare should be cached", fx->n);

    nn_rng_seed(&rng, fx->seed);
    double got = nn_rng_standard_normal(&rng);
    cr_assert(got == fx->values[0],
              "first normal after reseeding: expected %.17g, got %.17g (stale spare?)",
              fx->values[0], got);
}

static void check_shuffles(const random_fx_shuffle *cases, size_t count, int permutation)
{
    const char *what = permutation ? "permutation" : "shuffle";
    for (size_t c = 0; c < count; c++) {
        const random_fx_shuffle *fx = &cases[c];
        size_t items[1000];
        cr_assert(fx->n <= COUNT_OF(items), "fixture n = %zu is too large", fx->n);
        nn_rng rng;
        nn_rng_seed(&rng, fx->seed);
        if (permutation) {
            nn_rng_permutation(&rng, fx->n, items);
        } else {
            for (size_t i = 0; i < fx->n; i++)
                items[i] = i;
            nn_rng_shuffle(&rng, items, fx->n);
        }
        for (size_t i = 0; i < fx->n; i++)
            cr_assert_eq(items[i], fx->values[i],
                         "seed %" PRIu32 ", %s of %zu, item %zu: expected %zu, got %zu",
                         fx->seed, what, fx->n, i, fx->values[i], items[i]);
        assert_next_raw(&rng, fx->next_raw, what);
    }
}

Test(random, shuffle_matches_numpy_shuffle_of_arange)
{
    check_shuffles(random_fx_shuffles, COUNT_OF(random_fx_shuffles), 0);
}

Test(random, permutation_matches_numpy_permutation)
{
    check_shuffles(random_fx_permutations, COUNT_OF(random_fx_permutations), 1);
}

Test(random, shuffle_of_fewer_than_two_items_draws_nothing)
{
    nn_rng rng;
    nn_rng_seed(&rng, 9);
    (void)nn_rng_random(&rng);
    (void)nn_rng_standard_normal(&rng); /* mid-stream, with a spare cached */
    nn_rng before = rng;

    size_t one[1] = {41};
    nn_rng_shuffle(&rng, NULL, 0);
    nn_rng_shuffle(&rng, one, 0);
    nn_rng_shuffle(&rng, one, 1);
    assert_same_state(&before, &rng, "shuffle of 0 or 1 items");
    cr_assert_eq(one[0], 41, "shuffle of 1 item changed it: expected 41, got %zu", one[0]);

    nn_rng_permutation(&rng, 0, NULL);
    nn_rng_permutation(&rng, 1, one);
    assert_same_state(&before, &rng, "permutation of 0 or 1 items");
    cr_assert_eq(one[0], 0, "permutation(1) should be {0}, got {%zu}", one[0]);
}

Test(random, interval_matches_numpy_masked_rejection)
{
    nn_rng rng;
    nn_rng_seed(&rng, random_fx_interval_seed);
    for (size_t c = 0; c < COUNT_OF(random_fx_intervals); c++) {
        const random_fx_interval *fx = &random_fx_intervals[c];
        for (size_t i = 0; i < fx->n; i++) {
            uint64_t got = nn_rng_interval(&rng, fx->max);
            cr_assert_eq(got, fx->values[i],
                         "interval(%" PRIu64 ") value %zu: expected %" PRIu64 ", got %" PRIu64,
                         fx->max, i, fx->values[i], got);
        }
        assert_next_raw(&rng, fx->next_raw, "interval");
    }
}

Test(random, interval_of_zero_is_zero_and_draws_nothing)
{
    nn_rng rng;
    nn_rng_seed(&rng, 77);
    (void)nn_rng_next_uint32(&rng);
    nn_rng before = rng;
    for (int i = 0; i < 5; i++) {
        uint64_t got = nn_rng_interval(&rng, 0);
        cr_assert_eq(got, 0, "interval(0): expected 0, got %" PRIu64, got);
    }
    assert_same_state(&before, &rng, "interval(0)");
}

Test(random, randint_matches_numpy_int64_randint)
{
    nn_rng rng;
    nn_rng_seed(&rng, random_fx_randint_seed);
    for (size_t c = 0; c < COUNT_OF(random_fx_randints); c++) {
        const random_fx_randint *fx = &random_fx_randints[c];
        for (size_t i = 0; i < fx->n; i++) {
            int64_t got = nn_rng_randint(&rng, fx->low, fx->high);
            cr_assert_eq(got, fx->values[i],
                         "randint(%" PRId64 ", %" PRId64 ") value %zu: expected %" PRId64
                         ", got %" PRId64,
                         fx->low, fx->high, i, fx->values[i], got);
        }
        assert_next_raw(&rng, fx->next_raw, "randint");
    }
}

Test(random, randint_with_empty_range_returns_low_and_draws_nothing)
{
    nn_rng rng;
    nn_rng_seed(&rng, 78);
    nn_rng before = rng;
    int64_t got = nn_rng_randint(&rng, 5, 5);
    cr_assert_eq(got, 5, "randint(5, 5): expected 5, got %" PRId64, got);
    got = nn_rng_randint(&rng, 3, -3);
    cr_assert_eq(got, 3, "randint(3, -3): expected 3, got %" PRId64, got);
    assert_same_state(&before, &rng, "randint with low >= high");
}

Test(random, a_mixed_sequence_matches_numpy)
{
    nn_rng rng;
    nn_rng_seed(&rng, random_fx_mixed_seed);
    for (size_t s = 0; s < COUNT_OF(random_fx_mixed); s++) {
        const random_fx_step *fx = &random_fx_mixed[s];
        switch (fx->op) {
        case RANDOM_FX_RAW: {
            uint32_t got = nn_rng_next_uint32(&rng);
            cr_assert_eq(got, fx->bits, "step %zu, raw: expected %" PRIu64 ", got %" PRIu32, s,
                         fx->bits, got);
            break;
        }
        case RANDOM_FX_RANDOM: {
            double got = nn_rng_random(&rng);
            cr_assert(got == fx->real, "step %zu, random: expected %.17g, got %.17g", s,
                      fx->real, got);
            break;
        }
        case RANDOM_FX_UNIFORM: {
            double got = nn_rng_uniform(&rng, fx->low, fx->high);
            cr_assert(got == fx->real, "step %zu, uniform(%.17g, %.17g): expected %.17g, got %.17g",
                      s, fx->low, fx->high, fx->real, got);
            break;
        }
        case RANDOM_FX_NORMAL: {
            double got = nn_rng_standard_normal(&rng);
            cr_assert(got == fx->real, "step %zu, standard_normal: expected %.17g, got %.17g", s,
                      fx->real, got);
            break;
        }
        case RANDOM_FX_RANDINT: {
            int64_t got = nn_rng_randint(&rng, fx->ilow, fx->ihigh);
            cr_assert_eq(got, fx->integer,
                         "step %zu, randint(%" PRId64 ", %" PRId64 "): expected %" PRId64
                         ", got %" PRId64,
                         s, fx->ilow, fx->ihigh, fx->integer, got);
            break;
        }
        case RANDOM_FX_INTERVAL: {
            uint64_t got = nn_rng_interval(&rng, fx->max);
            cr_assert_eq(got, fx->bits,
                         "step %zu, interval(%" PRIu64 "): expected %" PRIu64 ", got %" PRIu64, s,
                         fx->max, fx->bits, got);
            break;
        }
        case RANDOM_FX_PERMUTATION: {
            size_t got[8];
            cr_assert(fx->n <= COUNT_OF(got), "step %zu: fixture n = %zu too large", s, fx->n);
            nn_rng_permutation(&rng, fx->n, got);
            for (size_t i = 0; i < fx->n; i++)
                cr_assert_eq(got[i], fx->perm[i],
                             "step %zu, permutation(%zu) item %zu: expected %zu, got %zu", s,
                             fx->n, i, fx->perm[i], got[i]);
            break;
        }
        default:
            cr_assert_fail("step %zu: unknown fixture op %d", s, (int)fx->op);
        }
    }
}

Test(random, the_same_seed_gives_the_same_stream_and_a_copy_forks_it)
{
    nn_rng a, b;
    nn_rng_seed(&a, 2718281828u);
    nn_rng_seed(&b, 2718281828u);
    for (int i = 0; i < 2000; i++) {
        double x = (i % 3 == 0) ? nn_rng_standard_normal(&a) : nn_rng_random(&a);
        double y = (i % 3 == 0) ? nn_rng_standard_normal(&b) : nn_rng_random(&b);
        cr_assert(x == y, "draw %d from two generators with the same seed: %.17g vs %.17g", i,
                  x, y);
    }

    nn_rng fork = a; /* copies the words, the position and the cached spare */
    for (int i = 0; i < 700; i++) {
        double x = nn_rng_standard_normal(&a);
        double y = nn_rng_standard_normal(&fork);
        cr_assert(x == y, "draw %d after copying the generator: %.17g vs %.17g", i, x, y);
    }

    nn_rng other;
    nn_rng_seed(&other, 2718281829u);
    nn_rng_seed(&a, 2718281828u);
    int differ = 0;
    for (int i = 0; i < 8; i++)
        differ += nn_rng_next_uint32(&a) != nn_rng_next_uint32(&other);
    cr_assert_gt(differ, 0, "seeds 2718281828 and 2718281829 gave the same 8 raw words");
}

Test(random, seed_from_os_varies_between_calls)
{
    uint32_t seeds[8];
    int all_equal = 1;
    for (size_t i = 0; i < COUNT_OF(seeds); i++) {
        seeds[i] = nn_rng_seed_from_os();
        if (seeds[i] != seeds[0])
            all_equal = 0;
    }
    cr_assert(!all_equal, "8 calls to nn_rng_seed_from_os all returned %" PRIu32, seeds[0]);
}
