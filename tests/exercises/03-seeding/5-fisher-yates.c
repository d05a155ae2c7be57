/* Tests for exercise 03-5, fisher_yates, against numpy's permutation and nn_rng_shuffle. */
#include <inttypes.h>

#include "grade.h"
#include "exercises.h"
#include "fixtures/seeding.h"

GRADE_SUITE(fisher_yates);

Test(fisher_yates, equals_numpys_permutation)
{
    /* np.random.seed(s); np.random.permutation(n), then the next raw word. */
    for (size_t c = 0; c < sizeof seeding_fx_permutations / sizeof seeding_fx_permutations[0];
         c++) {
        const seeding_fx_permutation *fx = &seeding_fx_permutations[c];
        size_t items[1000];
        for (size_t i = 0; i < fx->n; i++)
            items[i] = i;
        nn_rng rng;
        nn_rng_seed(&rng, fx->seed);
        fisher_yates(&rng, items, fx->n);
        int ok = 1;
        for (size_t i = 0; i < fx->n && ok; i++) {
            if (items[i] != fx->values[i]) {
                cr_expect_fail("seed %" PRIu32 ", fisher_yates on 0..%zu: position %zu: expected "
                               "numpy's %zu, got %zu", fx->seed, fx->n - 1, i, fx->values[i],
                               items[i]);
                ok = 0;
            }
        }
        uint32_t next = nn_rng_next_uint32(&rng);
        if (ok)
            cr_expect_eq(next, fx->next_raw,
                         "seed %" PRIu32 ", fisher_yates on %zu items: the next word should be "
                         "%" PRIu32 ", got %" PRIu32 " (too many or too few draws)",
                         fx->seed, fx->n, fx->next_raw, next);
    }
}

Test(fisher_yates, equals_nn_rng_shuffle_on_any_items)
{
    /* Items that are not 0..n-1, and a generator that has already been used. */
    for (size_t n = 2; n <= 40; n += 3) {
        size_t got[40], want[40];
        for (size_t i = 0; i < n; i++)
            got[i] = want[i] = 1000 - 7 * i;
        nn_rng a, b;
        nn_rng_seed(&a, (uint32_t)n);
        (void)nn_rng_random(&a);
        b = a;
        fisher_yates(&a, got, n);
        nn_rng_shuffle(&b, want, n);
        for (size_t i = 0; i < n; i++) {
            if (got[i] != want[i]) {
                cr_expect_fail("fisher_yates on %zu items (seed %zu): position %zu: expected "
                               "%zu (as nn_rng_shuffle does), got %zu", n, n, i, want[i], got[i]);
                return;
            }
        }
        uint32_t next_a = nn_rng_next_uint32(&a), next_b = nn_rng_next_uint32(&b);
        cr_expect_eq(next_a, next_b, "fisher_yates on %zu items used a different number of "
                     "words than nn_rng_shuffle", n);
    }
}

Test(fisher_yates, keeps_every_item_once)
{
    size_t items[1000];
    int seen[1000] = {0};
    for (size_t i = 0; i < 1000; i++)
        items[i] = i;
    nn_rng rng;
    nn_rng_seed(&rng, 5u);
    fisher_yates(&rng, items, 1000);
    size_t moved = 0;
    for (size_t i = 0; i < 1000; i++) {
        cr_assert(items[i] < 1000, "fisher_yates on 0..999: position %zu holds %zu, which was "
                  "never an item", i, items[i]);
        seen[items[i]]++;
        moved += items[i] != i;
    }
    for (size_t v = 0; v < 1000; v++)
        cr_expect_eq(seen[v], 1, "fisher_yates on 0..999: item %zu appears %d times", v, seen[v]);
    cr_expect(moved > 900, "fisher_yates on 0..999: only %zu items moved (expected almost all)",
              moved);
}

Test(fisher_yates, zero_and_one_item_draw_nothing)
{
    nn_rng a, b;
    nn_rng_seed(&a, 11u);
    nn_rng_seed(&b, 11u);
    fisher_yates(&a, NULL, 0);
    size_t one[1] = {77};
    fisher_yates(&a, one, 1);
    expect_eq_size(one[0], 77, "fisher_yates on the single item %d", 77);
    uint32_t want = nn_rng_next_uint32(&b), got = nn_rng_next_uint32(&a);
    cr_expect_eq(got, want, "after fisher_yates on 0 and 1 items the generator moved: next word "
                 "should be %" PRIu32 ", got %" PRIu32, want, got);
}
