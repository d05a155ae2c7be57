/* Tests for exercise 03-4, masked_draw, against numpy's randint and nn_rng_interval. */
#include <inttypes.h>

#include "grade.h"
#include "exercises.h"
#include "fixtures/seeding.h"

GRADE_SUITE(masked_draw);

Test(masked_draw, equals_numpys_randint)
{
    /* np.random.seed(s); np.random.randint(0, max + 1, size=40), then the next word. */
    for (size_t c = 0; c < sizeof seeding_fx_maskeds / sizeof seeding_fx_maskeds[0]; c++) {
        const seeding_fx_masked *fx = &seeding_fx_maskeds[c];
        nn_rng rng;
        nn_rng_seed(&rng, fx->seed);
        int ok = 1;
        for (size_t i = 0; i < SEEDING_FX_MASKED_N && ok; i++) {
            uint32_t got = masked_draw(&rng, fx->max);
            if (got != fx->values[i]) {
                cr_expect_fail("seed %" PRIu32 ", draw %zu of masked_draw(rng, %" PRIu32
                               "): expected numpy's %" PRIu32 ", got %" PRIu32,
                               fx->seed, i + 1, fx->max, fx->values[i], got);
                ok = 0;
            }
        }
        if (!ok)
            continue;
        uint32_t next = nn_rng_next_uint32(&rng);
        cr_expect_eq(next, fx->next_raw,
                     "seed %" PRIu32 ", after %d calls of masked_draw(rng, %" PRIu32 "): the "
                     "next word should be %" PRIu32 ", got %" PRIu32
                     " (too many or too few words drawn)",
                     fx->seed, SEEDING_FX_MASKED_N, fx->max, fx->next_raw, next);
    }
}

Test(masked_draw, results_stay_in_range)
{
    static const uint32_t maxes[] = {1, 2, 3, 5, 6, 7, 8, 100, 65535, 65536, 3000000000u};
    nn_rng rng;
    nn_rng_seed(&rng, 12345u);
    for (size_t m = 0; m < sizeof maxes / sizeof maxes[0]; m++) {
        uint32_t largest = 0;
        for (int i = 0; i < 2000; i++) {
            uint32_t v = masked_draw(&rng, maxes[m]);
            cr_assert(v <= maxes[m], "masked_draw(rng, %" PRIu32 ") returned %" PRIu32,
                      maxes[m], v);
            largest = v > largest ? v : largest;
        }
        if (maxes[m] <= 100)
            cr_expect_eq(largest, maxes[m], "2000 calls of masked_draw(rng, %" PRIu32 ") never "
                         "returned max itself (the interval includes max)", maxes[m]);
    }
}

Test(masked_draw, zero_draws_nothing)
{
    nn_rng a, b;
    nn_rng_seed(&a, 3u);
    nn_rng_seed(&b, 3u);
    uint32_t v = masked_draw(&a, 0);
    cr_expect_eq(v, 0u, "masked_draw(rng, 0): expected 0, got %" PRIu32, v);
    uint32_t want = nn_rng_next_uint32(&b), got = nn_rng_next_uint32(&a);
    cr_expect_eq(got, want, "after masked_draw(rng, 0) the generator moved: its next word "
                 "should be %" PRIu32 ", got %" PRIu32, want, got);
}

Test(masked_draw, full_range_takes_every_word)
{
    nn_rng a, b;
    nn_rng_seed(&a, 8u);
    nn_rng_seed(&b, 8u);
    for (int i = 0; i < 10; i++) {
        uint32_t want = nn_rng_next_uint32(&b), got = masked_draw(&a, 4294967295u);
        cr_expect_eq(got, want, "masked_draw(rng, 4294967295), call %d: expected the raw word "
                     "%" PRIu32 ", got %" PRIu32, i + 1, want, got);
    }
}

Test(masked_draw, equals_nn_rng_interval_for_many_ranges)
{
    nn_rng a, b;
    nn_rng_seed(&a, 2718u);
    nn_rng_seed(&b, 2718u);
    for (uint32_t max = 1; max < 3000; max += 7) {
        uint32_t want = (uint32_t)nn_rng_interval(&b, max), got = masked_draw(&a, max);
        if (got != want) {
            cr_expect_fail("masked_draw(rng, %" PRIu32 "): expected %" PRIu32 " (as "
                           "nn_rng_interval draws it), got %" PRIu32, max, want, got);
            return;
        }
    }
}
