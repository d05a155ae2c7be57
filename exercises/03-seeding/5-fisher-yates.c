/* Exercise 03-5: shuffle with Fisher-Yates, as numpy's shuffle does.
 * Graded by tests/exercises/03-seeding/5-fisher-yates.c: make grade EX=03-5
 *
 * Walk i from the last position n-1 down to 1. At each step pick j uniformly from
 * 0 .. i (inclusive) with nn_rng_interval(rng, i), and swap items[i] with items[j]:
 *
 *     for i = n-1, n-2, ..., 1:  j = nn_rng_interval(rng, i); swap(items[i], items[j])
 *
 * Position i has i + 1 choices, so the n! orderings are equally likely. Starting from
 * 0, 1, ..., n-1 this is np.random.permutation(n); in general it must leave items and
 * the generator exactly as nn_rng_shuffle(rng, items, n) does. n = 0 and n = 1 draw
 * nothing and change nothing (items may be NULL when n is 0).
 */
#include "exercises.h"

void fisher_yates(nn_rng *rng, size_t *items, size_t n)
{
    /* TODO: shuffle items[0 .. n) as described above. */
}
