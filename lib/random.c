/* random.c - numpy's legacy RandomState (MT19937), reproduced bit for bit.
 *
 * Chapter 3 introduces it.
 *
 * A neural network starts from random weights, and the Python tutorials this course
 * retells get theirs from np.random.seed(...) followed by random_sample, uniform,
 * standard_normal or shuffle. If we want the C programs to print the same digits, "a
 * good random number generator" is not enough: we need the very same generator, fed
 * the same way, turning its bits into numbers with the same arithmetic. This file is
 * that generator, read top to bottom:
 *
 *   1. the state: 624 words of 32 bits;
 *   2. seeding: how one 32-bit seed is spread over all 624 words (init_genrand);
 *   3. the twist: how the 624 words are renewed once they have all been used;
 *   4. tempering: how a word of state is scrambled into an output;
 *   5. from bits to numbers: doubles in [0, 1), uniform, normal (polar method);
 *   6. integers without bias: masked rejection, randint, shuffle, permutation;
 *   7. a seed from the operating system, for runs that should differ.
 *
 * The Mersenne Twister is due to Makoto Matsumoto and Takuji Nishimura (1998); the
 * conversions follow numpy's legacy code paths (numpy 1.24), which the fixtures in
 * tests/fixtures/random.h check value by value.
 */
#include "random.h"

#include <math.h>
#include <time.h>

#if defined(__unix__) || defined(__APPLE__)
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#define NN_HAVE_DEV_URANDOM 1
#endif

/* ------------------------------------------------------------------------------------
 * 1. The state
 *
 * MT19937 keeps 624 words of 32 bits: 19968 bits, of which 19937 matter (only the top
 * bit of one word takes part), hence the name and the period of 2^19937 - 1 draws. The
 * generator hands the words out one by one (pos counts how many it has used) and, when
 * all 624 are spent, "twists" them into 624 new ones in one sweep. numpy's RandomState
 * adds one more thing to the state: a spare normal deviate (section 5).
 *
 * The twist recurrence uses three words: x[k+624] depends on x[k], x[k+1] and x[k+397].
 * N and M name those distances.
 * --------------------------------------------------------------------------------- */
enum {
    MT_N = NN_RNG_STATE_LEN, /* words of state */
    MT_M = 397               /* the middle word's distance in the recurrence */
};

#define MT_MATRIX_A 0x9908b0dfu  /* the last row of the twist matrix A */
#define MT_UPPER_MASK 0x80000000u /* the top bit of a word */
#define MT_LOWER_MASK 0x7fffffffu /* the other 31 bits */

/* ------------------------------------------------------------------------------------
 * 2. Seeding
 *
 * A seed is 32 bits, but the state is 624 words, and a good start needs all of them to
 * look unrelated. init_genrand fills them with a simple recurrence from Knuth (TAOCP
 * vol. 2, 3rd ed., p. 106):
 *
 *     key[0] = seed
 *     key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >> 30)) + i      (mod 2^32)
 *
 * The xor with the word's own top two bits folds the high bits down, so that every bit
 * of the seed soon influences the low bits too; the odd multiplier spreads them back up;
 * and "+ i" keeps the sequence from getting stuck (a zero word would otherwise stay 0).
 * Unsigned 32-bit arithmetic wraps around, which is exactly the "mod 2^32".
 *
 * Setting pos to 624 says "all words used", so the first draw twists before it reads:
 * the raw seeding words are never output. Seeding also forgets any cached normal, as
 * np.random.seed does, so the stream depends on the seed alone.
 * --------------------------------------------------------------------------------- */
// [seed]
void nn_rng_seed(nn_rng *rng, uint32_t seed)
{
    rng->key[0] = seed;
    for (uint32_t i = 1; i < MT_N; i++) {
        uint32_t prev = rng->key[i - 1];
        rng->key[i] = 1812433253u * (prev ^ (prev >> 30)) + i;
    }
    rng->pos = MT_N;
    rng->has_gauss = 0;
    rng->gauss = 0.0;
}
// [end seed]

/* ------------------------------------------------------------------------------------
 * 3. The twist
 *
 * Think of the words as one long sequence x[0], x[1], ... of which the state holds the
 * latest 624. The next word is
 *
 *     y        = (top bit of x[k]) | (low 31 bits of x[k+1])
 *     x[k+624] = x[k+397] ^ (y >> 1) ^ (y is odd ? 0x9908b0df : 0)
 *
 * The last two terms are "y times the matrix A" over bits (GF(2)): a shift, plus a
 * constant row xored in when the bit shifted out was a 1. Everything is xor and shifts,
 * so the generator is linear over GF(2), and the constants were chosen so that its
 * period is the Mersenne prime 2^19937 - 1.
 *
 * The new x[k+624] replaces x[k] in the array, in place, for k = 0 .. 623. Two details
 * make that work: x[k+1] is still old when we read it (it is overwritten one step
 * later), and x[k+397] is old for the first 227 words but, past the end of the array,
 * wraps around to a word this sweep has already renewed, which is exactly the x[k+397]
 * the recurrence asks for. The very last word pairs with the new key[0] the same way.
 * --------------------------------------------------------------------------------- */
// [twist]
static void mt_twist(nn_rng *rng)
{
    uint32_t *key = rng->key;
    for (int i = 0; i < MT_N; i++) {
        int next = (i + 1 < MT_N) ? i + 1 : 0;
        int middle = (i + MT_M < MT_N) ? i + MT_M : i + MT_M - MT_N;
        uint32_t y = (key[i] & MT_UPPER_MASK) | (key[next] & MT_LOWER_MASK);
        uint32_t odd = (y & 1u) ? MT_MATRIX_A : 0u;
        key[i] = key[middle] ^ (y >> 1) ^ odd;
    }
    rng->pos = 0;
}
// [end twist]

/* ------------------------------------------------------------------------------------
 * 4. Tempering
 *
 * A word of state is not handed out as it is. The recurrence mixes bits only through
 * shifts by one and xors, so raw words have weak, visible structure between nearby bit
 * positions. Tempering passes each word through four xor-shift steps, an invertible
 * scramble (no two words temper to the same output) chosen so that the outputs are
 * equidistributed in up to 623 dimensions at full 32-bit precision.
 * --------------------------------------------------------------------------------- */
// [temper]
static uint32_t mt_temper(uint32_t y)
{
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

uint32_t nn_rng_next_uint32(nn_rng *rng)
{
    if (rng->pos >= MT_N)
        mt_twist(rng);
    return mt_temper(rng->key[rng->pos++]);
}
// [end temper]

/* Two words make one 64-bit draw, the first one giving the high half (numpy's
 * next_uint64 for MT19937). The two calls are separate statements on purpose: in
 * "a << 32 | b" with two calls, C leaves the order of the calls unspecified. */
static uint64_t mt_next_uint64(nn_rng *rng)
{
    uint64_t high = nn_rng_next_uint32(rng);
    uint64_t low = nn_rng_next_uint32(rng);
    return (high << 32) | low;
}

/* ------------------------------------------------------------------------------------
 * 5. From bits to numbers
 *
 * A double has a 53-bit significand, so the finest evenly spaced grid on [0, 1) that it
 * can hold exactly has step 2^-53. One 32-bit word is not enough to fill it, so numpy
 * takes two: the top 27 bits of the first (a = w1 >> 5) and the top 26 bits of the
 * second (b = w2 >> 6), glued into a 53-bit integer a * 2^26 + b, then scaled:
 *
 *     u = (a * 67108864 + b) / 9007199254740992        (2^26 and 2^53)
 *
 * Every step is exact in double arithmetic (integers below 2^53, division by a power of
 * two), so u is one of the 2^53 values k / 2^53, from 0 up to 1 - 2^-53: never 1.
 * Keeping the top bits and dropping the low ones is the usual choice for generators
 * whose high bits are their best.
 *
 * A note on exactness: C lets a compiler fuse "a * b + c" into one fused multiply-add,
 * which rounds once instead of twice and so can change the last bit. Standard C allows
 * that only within one expression, so where numpy rounds a product before adding, we
 * store the product in its own statement first. The results then do not depend on
 * whether the machine has FMA instructions. (GCC honours that rule only in its ISO
 * modes, such as -std=c11; the Makefile also passes -ffp-contract=off, so that no
 * compiler mode fuses anything anywhere in the library.)
 * --------------------------------------------------------------------------------- */
// [random]
double nn_rng_random(nn_rng *rng)
{
    uint32_t a = nn_rng_next_uint32(rng) >> 5; /* 27 bits */
    uint32_t b = nn_rng_next_uint32(rng) >> 6; /* 26 bits */
    return ((double)a * 67108864.0 + (double)b) / 9007199254740992.0;
}
// [end random]

/* uniform(low, high) stretches u over the interval. numpy first takes the width
 * high - low (one rounding), then low + width * u (two more), and so do we. */
double nn_rng_uniform(nn_rng *rng, double low, double high)
{
    double width = high - low;
    double scaled = width * nn_rng_random(rng);
    return low + scaled;
}

/* The normal distribution has no inverse CDF in closed form, so numpy's legacy code uses
 * Marsaglia's polar method, a cousin of Box-Muller without sines and cosines:
 *
 *   - pick (x1, x2) uniformly in the square [-1, 1) x [-1, 1) (two doubles, four words);
 *   - keep it only if it falls inside the unit disc and is not the centre:
 *     0 < r2 = x1^2 + x2^2 < 1 (this happens with probability pi/4, about 79%);
 *   - then f = sqrt(-2 ln(r2) / r2), and f * x1 and f * x2 are two independent standard
 *     normal deviates.
 *
 * One accepted point costs at least four words, a logarithm and a square root, and pays
 * out two deviates. Throwing one away would halve the speed, so RandomState keeps the
 * spare (f * x1) in the state and returns it, without drawing anything, on the next
 * call. That cache is part of the stream: after an odd number of normals, the next
 * normal costs no words at all, and a random() drawn in between is unaffected by it.
 * To match numpy we cache exactly as it does, and return f * x2 first. */
// [normal]
double nn_rng_standard_normal(nn_rng *rng)
{
    if (rng->has_gauss) {
        double spare = rng->gauss;
        rng->has_gauss = 0;
        rng->gauss = 0.0;
        return spare;
    }

    double x1, x2, r2;
    do {
        x1 = 2.0 * nn_rng_random(rng) - 1.0; /* 2.0 * u is exact: one rounding */
        x2 = 2.0 * nn_rng_random(rng) - 1.0;
        double x1_squared = x1 * x1; /* separate statements: no fused multiply-add */
        double x2_squared = x2 * x2;
        r2 = x1_squared + x2_squared;
    } while (r2 >= 1.0 || r2 == 0.0);

    double f = sqrt(-2.0 * log(r2) / r2);
    rng->gauss = f * x1;
    rng->has_gauss = 1;
    return f * x2;
}
// [end normal]

/* ------------------------------------------------------------------------------------
 * 6. Integers without bias
 *
 * To draw an integer in [0, max], "word % (max + 1)" is tempting but biased: unless
 * max + 1 divides 2^32, some remainders come up once more often than others. numpy's
 * legacy code uses masked rejection instead. The mask is the smallest all-ones number
 * 2^k - 1 that covers max (max = 5 = 101b gives mask 111b = 7). A draw anded with the
 * mask is uniform over [0, mask]; if it lands above max, throw it away and draw again.
 * Since mask < 2 * max + 1, more than half the draws are kept, so the loop is short.
 *
 * The draw is one 32-bit word when max fits in 32 bits and a 64-bit pair otherwise, so
 * how many words a call consumes, and therefore every later number, depends on max.
 * --------------------------------------------------------------------------------- */
// [interval]
uint64_t nn_rng_interval(nn_rng *rng, uint64_t max)
{
    if (max == 0)
        return 0;

    uint64_t mask = max; /* smear the highest set bit into every bit below it */
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;

    uint64_t value;
    if (max <= 0xffffffffu) {
        do {
            value = nn_rng_next_uint32(rng) & mask;
        } while (value > max);
    } else {
        do {
            value = mt_next_uint64(rng) & mask;
        } while (value > max);
    }
    return value;
}
// [end interval]

/* randint(low, high) draws from [low, high), that is low + interval(high - 1 - low).
 * numpy 1.24 does this for int64 with its "masked" bounded generator (kept for
 * backward compatibility), which is the same rejection as interval: 32-bit draws when
 * the width fits in 32 bits, 64-bit pairs otherwise, and no draw at all for width 0.
 *
 * The width can exceed INT64_MAX (low = -2^63, high = 2^63 - 1), so it is computed in
 * unsigned arithmetic, where wrap-around is defined; the sum is mapped back to a signed
 * value by hand, because converting a large uint64_t to int64_t is not portable C. */
int64_t nn_rng_randint(nn_rng *rng, int64_t low, int64_t high)
{
    if (low >= high)
        return low;

    uint64_t width = (uint64_t)high - 1u - (uint64_t)low;
    uint64_t sum = (uint64_t)low + nn_rng_interval(rng, width);
    if (sum <= (uint64_t)INT64_MAX)
        return (int64_t)sum;
    return -(int64_t)(UINT64_MAX - sum) - 1;
}

/* Shuffling is the Fisher-Yates algorithm as Durstenfeld wrote it: walk from the last
 * position down to the second, and swap each item with one chosen uniformly from the
 * positions not yet fixed, itself included. Position i has i + 1 choices, so the n
 * steps make n * (n-1) * ... * 2 = n! equally likely outcomes, one per ordering.
 * numpy's legacy shuffle of a 1-D array does exactly this with interval(i). */
// [shuffle]
void nn_rng_shuffle(nn_rng *rng, size_t *items, size_t n)
{
    for (size_t i = n > 0 ? n - 1 : 0; i > 0; i--) {
        size_t j = (size_t)nn_rng_interval(rng, i);
        size_t held = items[i];
        items[i] = items[j];
        items[j] = held;
    }
}

void nn_rng_permutation(nn_rng *rng, size_t n, size_t *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = i;
    nn_rng_shuffle(rng, out, n);
}
// [end shuffle]

/* ------------------------------------------------------------------------------------
 * 7. A seed from the operating system
 *
 * Everything above is deterministic; that is the point. A program that wants a fresh
 * run each time still needs one unpredictable number to start from. We read four bytes
 * of the kernel's entropy pool from /dev/urandom. If that fails (no such device, a
 * sandbox), we fall back to the clock, in nanoseconds, mixed with the address of a local
 * variable (which differs between runs when the system randomises addresses). That
 * fallback is not secure, only different from run to run, which is all a seed for
 * training needs. Either way the caller should print the seed it got, so that an
 * interesting run can be repeated with --seed.
 * --------------------------------------------------------------------------------- */
#ifdef NN_HAVE_DEV_URANDOM
/* Reads exactly 4 bytes from /dev/urandom into *out; returns 1 on success, 0 if not. */
static int read_dev_urandom(uint32_t *out)
{
    int fd;
    do {
        fd = open("/dev/urandom", O_RDONLY);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return 0;

    unsigned char bytes[4];
    size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t r = read(fd, bytes + got, sizeof bytes - got);
        if (r > 0)
            got += (size_t)r;
        else if (r < 0 && errno == EINTR)
            continue;
        else
            break; /* end of file or a real error */
    }
    close(fd);
    if (got < sizeof bytes)
        return 0;

    *out = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
           (uint32_t)bytes[3] << 24;
    return 1;
}
#endif

/* The fallback: squeeze the time and an address through a 64-bit mixing function (the
 * finaliser of SplitMix64), so that inputs differing in a few low bits give seeds that
 * differ everywhere. */
static uint32_t seed_from_clock(void)
{
    struct timespec now = {0, 0};
    (void)timespec_get(&now, TIME_UTC);
    int local = 0;

    uint64_t z = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
    z ^= (uint64_t)(uintptr_t)&local;
    z ^= (uint64_t)clock() << 32;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    z ^= z >> 31;
    return (uint32_t)(z >> 32);
}

uint32_t nn_rng_seed_from_os(void)
{
#ifdef NN_HAVE_DEV_URANDOM
    uint32_t seed;
    if (read_dev_urandom(&seed))
        return seed;
#endif
    return seed_from_clock();
}
