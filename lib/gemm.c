/* gemm.c - the matrix product, from the triple loop to a blocked, vectorised, threaded
 * kernel that gives the same doubles (appendix "Making it fast").
 *
 * Chapter 7 introduces it, when the MLP needs its products fast; chapter 5's matrix
 * product is its reference.
 *
 * The story in three steps, each in its own section below:
 *
 *   1. The reference: the triple loop, one running sum per result, terms added in
 *      increasing l. Everything else is checked against it, bit for bit.
 *   2. The blocked kernel. A processor multiplies four or eight doubles at once (SSE2,
 *      AVX2, AVX-512 vectors) and keeps a few dozen in registers. The micro-kernel
 *      computes an MR x NR tile of C with the tile's running sums held in registers
 *      while l runs over a block of KC terms; a vector holds NR-wide pieces of rows of
 *      C, so its lanes are different results and no sum is ever split or reordered.
 *      B is copied ("packed") panel by panel into a small contiguous buffer padded with
 *      zeros to a multiple of NR, so that the kernel reads it in order and the ragged
 *      edge needs no special code. Sums cross from one KC block to the next through C
 *      itself, still in increasing l.
 *   3. Threads. A large product is cut into whole blocks of C, one range per thread;
 *      each result is computed by one thread in the one order, so the answer does not
 *      depend on the number of threads.
 *
 * No fused multiply-add anywhere: the build uses -ffp-contract=off, and the vector code
 * below writes a product and a sum, which the compiler must keep apart.
 */
#include "gemm.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ==== 1. The reference ================================================================ */

// [reference]
void nn_gemm_reference(size_t m, size_t n, size_t k, const double *a, size_t a_rs,
                       size_t a_cs, const double *b, size_t b_rs, size_t b_cs, double *c,
                       size_t ldc, bool accumulate)
{
    for (size_t i = 0; i < m; i++) {
        double *ci = c + i * ldc;
        if (!accumulate)
            for (size_t j = 0; j < n; j++)
                ci[j] = 0.0;
        for (size_t l = 0; l < k; l++) {
            double ail = a[i * a_rs + l * a_cs];
            for (size_t j = 0; j < n; j++)
                ci[j] += ail * b[l * b_rs + j * b_cs];
        }
    }
}
// [end reference]

/* ==== 2. The blocked kernel =========================================================== */

#define KC 256    /* terms per block: a packed B panel is KC x NR doubles (32 KiB) */
#define MR_MAX 8  /* the largest tile any kernel uses */
#define NR_MAX 16

/* A micro-kernel: the MR x nr tile at c (row length ldc) gets
 *   c[r][j] = (zero ? 0.0 : c[r][j]) + sum_{l < kc} A(r, l) * bp[l * NR + j]
 * term by term in increasing l. Kernels that cannot mask (see kernel_info) need
 * nr == NR. */
typedef void (*kernel_fn)(size_t kc, const double *a, size_t a_rs, size_t a_cs,
                          const double *bp, double *c, size_t ldc, bool zero, size_t nr);

/* The body every kernel shares, for vectors of VW doubles (type VT), MR rows and NV
 * vectors per row (NR = NV * VW). acc[r][v] holds C[r, v*VW .. v*VW + VW) in a
 * register; each step adds the products of one element of A, copied to every lane,
 * with a row of the B panel. */
/* NOLINTBEGIN(bugprone-macro-parentheses): VT is a type name and VW, MR, NV are
 * integer literals, which parentheses would not protect further. */
// [micro-kernel]
#define KERNEL_BODY(VT, VW, MR, NV)                                                        \
    VT acc[MR][NV];                                                                        \
    _Pragma("GCC unroll 16") for (size_t r = 0; r < MR; r++)                               \
        _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++)                           \
    {                                                                                      \
        if (zero)                                                                          \
            acc[r][v] = (VT){0};                                                           \
        else                                                                               \
            memcpy(&acc[r][v], c + r * ldc + v * VW, sizeof(VT));                          \
    }                                                                                      \
    for (size_t l = 0; l < kc; l++) {                                                      \
        VT bv[NV];                                                                         \
        _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++)                           \
            memcpy(&bv[v], bp + l * (NV * VW) + v * VW, sizeof(VT));                       \
        _Pragma("GCC unroll 16") for (size_t r = 0; r < MR; r++)                           \
        {                                                                                  \
            const double s = a[r * a_rs + l * a_cs];                                       \
            _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++)                       \
                acc[r][v] += s * bv[v];                                                    \
        }                                                                                  \
    }                                                                                      \
    _Pragma("GCC unroll 16") for (size_t r = 0; r < MR; r++)                               \
        _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++)                           \
            memcpy(c + r * ldc + v * VW, &acc[r][v], sizeof(VT));
// [end micro-kernel]
// NOLINTEND(bugprone-macro-parentheses)

#define KERNEL_ARGS                                                                        \
    size_t kc, const double *a, size_t a_rs, size_t a_cs, const double *bp, double *c,     \
        size_t ldc, bool zero, size_t nr

/* Portable C: GCC's and clang's vector extension, two doubles wide (what SSE2, the
 * x86-64 baseline, and ARM's NEON hold); other compilers get plain arrays. */
#if defined(__GNUC__) || defined(__clang__)
typedef double v2d __attribute__((vector_size(16)));
static void kernel_generic(KERNEL_ARGS)
{
    (void)nr;
    KERNEL_BODY(v2d, 2, 4, 2)
}
static void kernel_generic_row(KERNEL_ARGS)
{
    (void)nr;
    KERNEL_BODY(v2d, 2, 1, 2)
}
#define GENERIC_MR 4
#define GENERIC_NR 4
#else
#define PLAIN_KERNEL(NAME, MR)                                                             \
    static void NAME(KERNEL_ARGS)                                                          \
    {                                                                                      \
        double acc[MR][4];                                                                 \
        (void)nr;                                                                          \
        for (size_t r = 0; r < MR; r++)                                                    \
            for (size_t j = 0; j < 4; j++)                                                 \
                acc[r][j] = zero ? 0.0 : c[r * ldc + j];                                   \
        for (size_t l = 0; l < kc; l++)                                                    \
            for (size_t r = 0; r < MR; r++)                                                \
                for (size_t j = 0; j < 4; j++)                                             \
                    acc[r][j] += a[r * a_rs + l * a_cs] * bp[l * 4 + j];                   \
        for (size_t r = 0; r < MR; r++)                                                    \
            for (size_t j = 0; j < 4; j++)                                                 \
                c[r * ldc + j] = acc[r][j];                                                \
    }
PLAIN_KERNEL(kernel_generic, 4)
PLAIN_KERNEL(kernel_generic_row, 1)
#define GENERIC_MR 4
#define GENERIC_NR 4
#endif

/* x86-64: the same body compiled for wider vectors, picked at run time from what the
 * processor says it supports, so one portable build runs AVX-512 where it can. */
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define HAVE_X86_KERNELS 1
#include <immintrin.h>
typedef double v4d __attribute__((vector_size(32)));

__attribute__((target("avx2"))) static void kernel_avx2(KERNEL_ARGS)
{
    (void)nr;
    KERNEL_BODY(v4d, 4, 6, 2) /* 12 accumulators + 2 B vectors + 1 broadcast: 15 of 16 */
}
__attribute__((target("avx2"))) static void kernel_avx2_row(KERNEL_ARGS)
{
    (void)nr;
    KERNEL_BODY(v4d, 4, 1, 2)
}

/* AVX-512 can load and store part of a vector (a mask says which lanes), so its kernel
 * writes a ragged edge of C directly: nr may be anything from 1 to 16. Written with
 * the compiler's intrinsics; the arithmetic is still a product, then a sum. */
#define AVX512_BODY(MR)                                                                    \
    const __mmask8 m0 = (__mmask8)(nr >= 8 ? 0xFF : (1u << nr) - 1);                      \
    const __mmask8 m1 = (__mmask8)(nr >= 16 ? 0xFF : nr <= 8 ? 0 : (1u << (nr - 8)) - 1); \
    __m512d acc[MR][2];                                                                    \
    _Pragma("GCC unroll 16") for (size_t r = 0; r < (MR); r++)                               \
    {                                                                                      \
        acc[r][0] = zero ? _mm512_setzero_pd() : _mm512_maskz_loadu_pd(m0, c + r * ldc);   \
        acc[r][1] = zero ? _mm512_setzero_pd()                                             \
                         : _mm512_maskz_loadu_pd(m1, c + r * ldc + 8);                     \
    }                                                                                      \
    for (size_t l = 0; l < kc; l++) {                                                      \
        __m512d b0 = _mm512_loadu_pd(bp + l * 16), b1 = _mm512_loadu_pd(bp + l * 16 + 8);  \
        _Pragma("GCC unroll 16") for (size_t r = 0; r < (MR); r++)                           \
        {                                                                                  \
            __m512d s = _mm512_set1_pd(a[r * a_rs + l * a_cs]);                            \
            acc[r][0] = _mm512_add_pd(acc[r][0], _mm512_mul_pd(s, b0));                    \
            acc[r][1] = _mm512_add_pd(acc[r][1], _mm512_mul_pd(s, b1));                    \
        }                                                                                  \
    }                                                                                      \
    _Pragma("GCC unroll 16") for (size_t r = 0; r < (MR); r++)                               \
    {                                                                                      \
        _mm512_mask_storeu_pd(c + r * ldc, m0, acc[r][0]);                                 \
        _mm512_mask_storeu_pd(c + r * ldc + 8, m1, acc[r][1]);                             \
    }

__attribute__((target("avx512f"))) static void kernel_avx512(KERNEL_ARGS)
{
    AVX512_BODY(6) /* 12 accumulators of 32 registers, 16 columns */
}
__attribute__((target("avx512f"))) static void kernel_avx512_row(KERNEL_ARGS)
{
    AVX512_BODY(1)
}
/* The rows left below a last full tile, all at once: one pass over the B panel with
 * 2 to 5 rows of sums in flight instead of one row after another. */
__attribute__((target("avx512f"))) static void kernel_avx512_2(KERNEL_ARGS) { AVX512_BODY(2) }
__attribute__((target("avx512f"))) static void kernel_avx512_3(KERNEL_ARGS) { AVX512_BODY(3) }
__attribute__((target("avx512f"))) static void kernel_avx512_4(KERNEL_ARGS) { AVX512_BODY(4) }
__attribute__((target("avx512f"))) static void kernel_avx512_5(KERNEL_ARGS) { AVX512_BODY(5) }
#endif

/* bp (kc x NR, row after row) = B(l, j) for l < kc, j < nr, and zeros in the columns
 * nr..NR: a panel of B the kernel reads front to back. */
static void pack_b(double *bp, const double *b, size_t b_rs, size_t b_cs, size_t kc,
                   size_t nr, size_t NR)
{
    for (size_t l = 0; l < kc; l++) {
        double *row = bp + l * NR;
        const double *src = b + l * b_rs;
        if (b_cs == 1) {
            memcpy(row, src, nr * sizeof *row);
        } else {
            for (size_t j = 0; j < nr; j++)
                row[j] = src[j * b_cs];
        }
        for (size_t j = nr; j < NR; j++)
            row[j] = 0.0;
    }
}

#ifdef HAVE_X86_KERNELS
/* The same with AVX-512's masked loads: a row of a plain B panel is two loads and two
 * stores, the lanes past nr read nothing and become zeros. */
__attribute__((target("avx512f"))) static void pack_b_avx512(double *bp, const double *b,
                                                              size_t b_rs, size_t b_cs,
                                                              size_t kc, size_t nr, size_t NR)
{
    if (b_cs != 1 || NR != 16) {
        pack_b(bp, b, b_rs, b_cs, kc, nr, NR);
        return;
    }
    const __mmask8 m0 = (__mmask8)(nr >= 8 ? 0xFF : (1u << nr) - 1);
    const __mmask8 m1 = (__mmask8)(nr >= 16 ? 0xFF : nr <= 8 ? 0 : (1u << (nr - 8)) - 1);
    for (size_t l = 0; l < kc; l++) {
        _mm512_storeu_pd(bp + l * 16, _mm512_maskz_loadu_pd(m0, b + l * b_rs));
        _mm512_storeu_pd(bp + l * 16 + 8, _mm512_maskz_loadu_pd(m1, b + l * b_rs + 8));
    }
}
#endif

/* A kernel family: the MR x NR tile, the 1 x NR row for the rows left over, whether
 * they can write a ragged edge (nr < NR) themselves, how it packs B, and kernels for
 * 2 .. MR-1 rows where it has them. */
typedef void (*pack_fn)(double *bp, const double *b, size_t b_rs, size_t b_cs, size_t kc,
                        size_t nr, size_t NR);

typedef struct kernel_info {
    const char *name;
    size_t mr, nr;
    kernel_fn fn, row;
    bool masked;
    pack_fn pack;
    kernel_fn rest[MR_MAX]; /* rest[r]: a kernel for r < MR rows, where there is one */
} kernel_info;

static const kernel_info KERNELS[] = {
#ifdef HAVE_X86_KERNELS
    {"avx512", 6, 16, kernel_avx512, kernel_avx512_row, true, pack_b_avx512,
     {NULL, kernel_avx512_row, kernel_avx512_2, kernel_avx512_3, kernel_avx512_4,
      kernel_avx512_5}},
    {"avx2", 6, 8, kernel_avx2, kernel_avx2_row, false, pack_b, {NULL}},
    {"sse2", GENERIC_MR, GENERIC_NR, kernel_generic, kernel_generic_row, false, pack_b,
     {NULL}},
#else
    {"generic", GENERIC_MR, GENERIC_NR, kernel_generic, kernel_generic_row, false, pack_b,
     {NULL}},
#endif
};
#define N_KERNELS (sizeof KERNELS / sizeof KERNELS[0])

static bool kernel_supported(const kernel_info *k)
{
#ifdef HAVE_X86_KERNELS
    __builtin_cpu_init();
    if (strcmp(k->name, "avx512") == 0)
        return __builtin_cpu_supports("avx512f");
    if (strcmp(k->name, "avx2") == 0)
        return __builtin_cpu_supports("avx2");
#endif
    (void)k;
    return true;
}

static _Atomic(const kernel_info *) chosen_kernel;

static const kernel_info *kernel(void)
{
    const kernel_info *k = atomic_load_explicit(&chosen_kernel, memory_order_acquire);
    if (k)
        return k;
    const char *want = getenv("NN_GEMM_KERNEL"); /* a named kernel, if it is supported */
    for (size_t i = 0; want && i < N_KERNELS && !k; i++)
        if (strcmp(want, KERNELS[i].name) == 0 && kernel_supported(&KERNELS[i]))
            k = &KERNELS[i];
    for (size_t i = 0; i < N_KERNELS && !k; i++)
        if (kernel_supported(&KERNELS[i]))
            k = &KERNELS[i];
    atomic_store_explicit(&chosen_kernel, k, memory_order_release);
    return k;
}

const char *nn_gemm_kernel(void)
{
    return kernel()->name;
}

bool nn_gemm_use_kernel(const char *name)
{
    for (size_t i = 0; name && i < N_KERNELS; i++)
        if (strcmp(name, KERNELS[i].name) == 0 && kernel_supported(&KERNELS[i])) {
            atomic_store_explicit(&chosen_kernel, &KERNELS[i], memory_order_release);
            return true;
        }
    return false;
}

// [blocked]
/* One tile of `rows` rows (MR, or 1 for the row kernel) and nr columns: straight into
 * C, or through a padded copy when the kernel cannot write a ragged edge. */
static void tile(const kernel_info *K, kernel_fn fn, size_t rows, size_t kc, const double *a,
                 size_t a_rs, size_t a_cs, const double *bp, double *c, size_t ldc,
                 bool zero, size_t nr)
{
    if (nr == K->nr || K->masked) {
        fn(kc, a, a_rs, a_cs, bp, c, ldc, zero, nr);
        return;
    }
    _Alignas(64) double ct[MR_MAX * NR_MAX];
    for (size_t r = 0; r < rows && !zero; r++)
        for (size_t j = 0; j < nr; j++)
            ct[r * K->nr + j] = c[r * ldc + j];
    fn(kc, a, a_rs, a_cs, bp, ct, K->nr, zero, K->nr);
    for (size_t r = 0; r < rows; r++)
        for (size_t j = 0; j < nr; j++)
            c[r * ldc + j] = ct[r * K->nr + j];
}

/* C (m x n) = [C +] A . B on one thread: panel by panel of NR columns, block by block
 * of KC terms, tile by tile of MR rows, then the rows left over (together when the
 * kernel family has a kernel for that many rows, else one at a time). */
static void gemm_serial(const kernel_info *K, size_t m, size_t n, size_t k, const double *a,
                        size_t a_rs, size_t a_cs, const double *b, size_t b_rs, size_t b_cs,
                        double *c, size_t ldc, bool accumulate)
{
    const size_t MR = K->mr, NR = K->nr;
    _Alignas(64) double bp[KC * NR_MAX]; /* a packed panel of B */
    if (k == 0) {
        for (size_t i = 0; i < m && !accumulate; i++)
            memset(c + i * ldc, 0, n * sizeof *c);
        return;
    }
    for (size_t j0 = 0; j0 < n; j0 += NR) {
        size_t nr = n - j0 < NR ? n - j0 : NR;
        for (size_t l0 = 0; l0 < k; l0 += KC) {
            size_t kc = k - l0 < KC ? k - l0 : KC;
            bool zero = !accumulate && l0 == 0;
            K->pack(bp, b + l0 * b_rs + j0 * b_cs, b_rs, b_cs, kc, nr, NR);
            const double *al = a + l0 * a_cs;
            size_t i = 0;
            for (; i + MR <= m; i += MR)
                tile(K, K->fn, MR, kc, al + i * a_rs, a_rs, a_cs, bp, c + i * ldc + j0, ldc,
                     zero, nr);
            if (i < m && K->rest[m - i]) {
                tile(K, K->rest[m - i], m - i, kc, al + i * a_rs, a_rs, a_cs, bp,
                     c + i * ldc + j0, ldc, zero, nr);
                i = m;
            }
            for (; i < m; i++)
                tile(K, K->row, 1, kc, al + i * a_rs, a_rs, a_cs, bp, c + i * ldc + j0, ldc,
                     zero, nr);
        }
    }
}
// [end blocked]

/* ==== 3. Threads ====================================================================== */

#define MAX_THREADS 64
/* Products smaller than this many multiply-adds per thread stay on one thread: waking
 * a thread costs more than it would save (measured with `bench kernels`). */
#define MIN_WORK_PER_THREAD (1u << 20)

typedef struct job {
    const kernel_info *K;
    size_t m, n, k, a_rs, a_cs, b_rs, b_cs, ldc;
    const double *a, *b;
    double *c;
    bool accumulate;
    bool by_columns; /* chunks are ranges of NR-column panels, else of MR-row tiles */
    size_t per_chunk, chunks;
    atomic_size_t next; /* the next chunk nobody has taken */
    /* nn_gemm_parallel's job instead, when task is set */
    void (*task)(void *context, size_t index, size_t thread);
    void *context;
} job;

/* Cuts the product into chunks of whole blocks of C: several per thread, so that a
 * thread the system delays holds up little. Column panels when there are enough of
 * them (each chunk then packs only its own part of B), else row tiles. */
static void plan_chunks(job *jb, size_t parts)
{
    size_t panels = (jb->n + jb->K->nr - 1) / jb->K->nr;
    size_t tiles = (jb->m + jb->K->mr - 1) / jb->K->mr;
    size_t want = 4 * parts;
    /* A chunk of rows packs every panel of B for itself: fine when B is small next to
     * the chunk's work (few terms per sum), wasteful when the sums are long (a gradient
     * summed over a whole data set). Then whole panels go to each thread, even if that
     * shares them out a little unevenly. */
    jb->by_columns = panels >= want || panels >= tiles || (panels >= parts && jb->k > jb->m);
    size_t units = jb->by_columns ? panels : tiles;
    jb->per_chunk = (units + want - 1) / want;
    jb->chunks = (units + jb->per_chunk - 1) / jb->per_chunk;
    atomic_store(&jb->next, 0);
}

/* Takes chunks until none is left. Every result belongs to exactly one chunk. */
static void run_chunks(job *jb, size_t thread)
{
    const kernel_info *K = jb->K;
    for (;;) {
        size_t chunk = atomic_fetch_add(&jb->next, 1);
        if (chunk >= jb->chunks)
            return;
        if (jb->task) {
            jb->task(jb->context, chunk, thread);
            continue;
        }
        size_t u0 = chunk * jb->per_chunk, u1 = u0 + jb->per_chunk;
        if (jb->by_columns) {
            size_t j0 = u0 * K->nr, j1 = u1 * K->nr < jb->n ? u1 * K->nr : jb->n;
            gemm_serial(K, jb->m, j1 - j0, jb->k, jb->a, jb->a_rs, jb->a_cs,
                        jb->b + j0 * jb->b_cs, jb->b_rs, jb->b_cs, jb->c + j0, jb->ldc,
                        jb->accumulate);
        } else {
            size_t i0 = u0 * K->mr, i1 = u1 * K->mr < jb->m ? u1 * K->mr : jb->m;
            gemm_serial(K, i1 - i0, jb->n, jb->k, jb->a + i0 * jb->a_rs, jb->a_rs, jb->a_cs,
                        jb->b, jb->b_rs, jb->b_cs, jb->c + i0 * jb->ldc, jb->ldc,
                        jb->accumulate);
        }
    }
}

/* The pool: workers 1..started wait for a new generation of work and help with it
 * while it is open; the caller (thread 0) works too, closes the job when no chunk is
 * left, and waits only for the workers that joined in. A worker that wakes late finds
 * the job closed and goes back to waiting, so a slow wake-up (on a busy machine) costs
 * the caller nothing. */
static struct {
    pthread_mutex_t busy; /* held by the one product using the pool */
    pthread_mutex_t lock;
    pthread_cond_t wake, done;
    atomic_ulong generation;
    atomic_int closed;    /* 1 between jobs: nobody may join */
    atomic_size_t active; /* workers inside the current job */
    size_t started, parts;
    unsigned long born[MAX_THREADS]; /* the generation each worker started in */
    job jb;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
          PTHREAD_COND_INITIALIZER, 0, 1, 0, 0, 0, {0}, {0}};

static atomic_size_t wanted_threads; /* 0: the default */

static void *worker(void *arg)
{
    size_t id = (size_t)(uintptr_t)arg;
    unsigned long seen = pool.born[id]; /* work starts with the next generation */
    for (;;) {
        /* Spin a little first: during training the next product follows within
         * microseconds, much sooner than a sleeping thread wakes up. */
        unsigned long gen = atomic_load(&pool.generation);
        for (int spin = 0; gen == seen && spin < 20000; spin++)
            gen = atomic_load(&pool.generation);
        if (gen == seen) {
            pthread_mutex_lock(&pool.lock);
            while ((gen = atomic_load(&pool.generation)) == seen)
                pthread_cond_wait(&pool.wake, &pool.lock);
            pthread_mutex_unlock(&pool.lock);
        }
        seen = gen;
        /* Join first, then look: the caller closes first, then counts who joined, so
         * one of the two always sees the other. */
        atomic_fetch_add(&pool.active, 1);
        if (!atomic_load(&pool.closed) && id < pool.parts)
            run_chunks(&pool.jb, id);
        if (atomic_fetch_sub(&pool.active, 1) == 1) {
            pthread_mutex_lock(&pool.lock);
            pthread_cond_signal(&pool.done);
            pthread_mutex_unlock(&pool.lock);
        }
    }
    return NULL;
}

static size_t default_threads(void)
{
    const char *env = getenv("NN_THREADS");
    if (env && *env) {
        char *end;
        unsigned long v = strtoul(env, &end, 10);
        if (*end == '\0' && v >= 1 && v <= MAX_THREADS)
            return v;
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (size_t)cpus;
}

static atomic_size_t found_threads; /* default_threads(), once found */

size_t nn_gemm_threads(void)
{
    size_t n = atomic_load(&wanted_threads);
    if (n)
        return n;
    n = atomic_load(&found_threads); /* sysconf reads a file: ask once */
    if (!n) {
        n = default_threads();
        atomic_store(&found_threads, n);
    }
    return n;
}

void nn_gemm_set_threads(size_t n)
{
    atomic_store(&wanted_threads, n > MAX_THREADS ? MAX_THREADS : n);
}

/* In the child of a fork() only the forking thread exists: the workers stayed in the
 * parent. The child starts its own when it needs them. */
static void forget_workers(void)
{
    pool.started = 0;
    atomic_store(&pool.active, 0);
    atomic_store(&pool.closed, 1);
    pthread_mutex_init(&pool.busy, NULL);
    pthread_mutex_init(&pool.lock, NULL);
    pthread_cond_init(&pool.wake, NULL);
    pthread_cond_init(&pool.done, NULL);
}

/* Starts workers until `parts` threads (the caller included) can work; returns how
 * many can (fewer if the system refuses threads). Called with pool.busy held. */
static size_t ensure_workers(size_t parts)
{
    static bool watching_forks;
    if (!watching_forks && parts > 1)
        watching_forks = pthread_atfork(NULL, NULL, forget_workers) == 0;
    while (pool.started + 1 < parts) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pool.born[pool.started + 1] = atomic_load(&pool.generation);
        int bad = pthread_create(&t, &attr, worker, (void *)(uintptr_t)(pool.started + 1));
        pthread_attr_destroy(&attr);
        if (bad)
            break;
        pool.started++;
    }
    return pool.started + 1 < parts ? pool.started + 1 : parts;
}

/* Runs the job in pool.jb on up to `parts` threads (the caller is thread 0) and waits
 * for the workers that joined in. Called with pool.busy held; releases it. */
static void run_job(size_t parts)
{
    pool.parts = parts;
    atomic_store(&pool.closed, 0);
    pthread_mutex_lock(&pool.lock);
    atomic_fetch_add(&pool.generation, 1);
    pthread_cond_broadcast(&pool.wake);
    pthread_mutex_unlock(&pool.lock);
    run_chunks(&pool.jb, 0);
    atomic_store(&pool.closed, 1);
    /* The workers still inside are finishing their last chunk. */
    for (int spin = 0; atomic_load(&pool.active) != 0 && spin < 200000; spin++)
        ;
    if (atomic_load(&pool.active) != 0) {
        pthread_mutex_lock(&pool.lock);
        while (atomic_load(&pool.active) != 0)
            pthread_cond_wait(&pool.done, &pool.lock);
        pthread_mutex_unlock(&pool.lock);
    }
    pthread_mutex_unlock(&pool.busy);
}

// [threaded]
void nn_gemm(size_t m, size_t n, size_t k, const double *a, size_t a_rs, size_t a_cs,
             const double *b, size_t b_rs, size_t b_cs, double *c, size_t ldc,
             bool accumulate, bool threaded)
{
    const kernel_info *K = kernel();
    if (n == 1 && ldc == 1 && m > 1) {
        /* A single column (a layer with one output): as it stands every tile would be
         * one column wide. Its transpose C^T = B^T . A^T is one long row: the same
         * sums, in the same order, with every vector lane busy. */
        nn_gemm(1, m, k, b, b_cs, b_rs, a, a_cs, a_rs, c, m, accumulate, threaded);
        return;
    }
    double work = (double)m * (double)n * (double)k;
    size_t parts = threaded ? nn_gemm_threads() : 1;
    while (parts > 1 && work < (double)MIN_WORK_PER_THREAD * (double)parts)
        parts--;
    if (parts <= 1 || pthread_mutex_trylock(&pool.busy) != 0) {
        gemm_serial(K, m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, accumulate);
        return;
    }
    parts = ensure_workers(parts);
    pool.jb = (job){K, m, n, k, a_rs, a_cs, b_rs, b_cs, ldc, a, b, c, accumulate,
                    false, 0, 0, 0, NULL, NULL};
    plan_chunks(&pool.jb, parts);
    run_job(parts);
}
// [end threaded]

void nn_gemm_parallel(size_t count, void (*task)(void *context, size_t index, size_t thread),
                      void *context)
{
    size_t parts = nn_gemm_threads() < count ? nn_gemm_threads() : count;
    if (parts <= 1 || pthread_mutex_trylock(&pool.busy) != 0) {
        for (size_t i = 0; i < count; i++)
            task(context, i, 0);
        return;
    }
    parts = ensure_workers(parts);
    pool.jb = (job){NULL, 0, 0, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL, false,
                    false, 1, count, 0, task, context};
    run_job(parts);
}
