/* Exercise 03-4: a fair integer in [0, max], the way numpy draws one.
 * Graded by tests/exercises/03-seeding/4-masked-draw.c: make grade EX=03-4
 *
 * "word % (max + 1)" is biased: unless max + 1 divides 2^32, small remainders come up
 * more often. numpy's legacy generator uses masked rejection instead:
 *
 *     mask = the smallest number 2^k - 1 with mask >= max   (max = 5 -> mask = 7)
 *     repeat: draw a word (nn_rng_next_uint32), keep only its bits under the mask
 *     until the value kept is <= max;  return it
 *
 * Each try costs one 32-bit word. max = 0 returns 0 without drawing anything, and
 * max = 4294967295 (mask 0xffffffff) accepts every word. The tests check the values
 * and how many words were used: the result must equal nn_rng_interval(rng, max).
 */
#include "exercises.h"

uint32_t masked_draw(nn_rng *rng, uint32_t max)
{
    /* TODO: build the mask from max, then draw words until one fits. */
    return 0;
}
