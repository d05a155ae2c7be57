/* gemm.c - the matrix product, from the triple loop to a blocked, vectorised, threaded
 * kernel that gives the same doubles (appendix "Making it fast").
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

/* A micro-kernel: the mr x nr tile at c (row length ldc) gets
 *   c[r][j] = (zero ? 0.0 : c[r][j]) + sum_{l < kc} A(r, l) * bp[l * nr + j]
 * term by term in increasing l, for a full MR x NR tile of its kind. */
typedef void (*kernel_fn)(size_t kc, const double *a, size_t a_rs, size_t a_cs,
                          const double *bp, double *c, size_t ldc, bool zero);

/* The body every kernel shares, for vectors of VW doubles (type VT), MR rows and NV
 * vectors per row (NR = NV * VW). acc[r][v] holds C[r, v*VW .. v*VW + VW) in a
 * register; each step adds the products of one element of A, copied to every lane,
 * with a row of the B panel. */
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

#define KERNEL_ARGS                                                                        \
    size_t kc, const double *a, size_t a_rs, size_t a_cs, const double *bp, double *c,     \
        size_t ldc, bool zero

/* Portable C: GCC's and clang's vector extension, two doubles wide (what SSE2, the
 * x86-64 baseline, and ARM's NEON hold); other compilers get plain arrays. */
#if defined(__GNUC__) || defined(__clang__)
typedef double v2d __attribute__((vector_size(16)));
static void kernel_generic(KERNEL_ARGS)
{
    KERNEL_BODY(v2d, 2, 4, 2)
}
#define GENERIC_MR 4
#define GENERIC_NR 4
#else
static void kernel_generic(KERNEL_ARGS)
{
    double acc[4][4];
    for (size_t r = 0; r < 4; r++)
        for (size_t j = 0; j < 4; j++)
            acc[r][j] = zero ? 0.0 : c[r * ldc + j];
    for (size_t l = 0; l < kc; l++)
        for (size_t r = 0; r < 4; r++)
            for (size_t j = 0; j < 4; j++)
                acc[r][j] += a[r * a_rs + l * a_cs] * bp[l * 4 + j];
    for (size_t r = 0; r < 4; r++)
        for (size_t j = 0; j < 4; j++)
            c[r * ldc + j] = acc[r][j];
}
#define GENERIC_MR 4
#define GENERIC_NR 4
#endif

/* x86-64: the same body compiled for wider vectors, picked at run time from what the
 * processor says it supports, so one portable build runs AVX-512 where it can. */
#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define HAVE_X86_KERNELS 1
typedef double v4d __attribute__((vector_size(32)));
typedef double v8d __attribute__((vector_size(64)));

__attribute__((target("avx2"))) static void kernel_avx2(KERNEL_ARGS)
{
    KERNEL_BODY(v4d, 4, 6, 2) /* 12 accumulators + 2 B vectors + 1 broadcast: 15 of 16 */
}

__attribute__((target("avx512f"))) static void kernel_avx512(KERNEL_ARGS)
{
    KERNEL_BODY(v8d, 8, 6, 2) /* 12 accumulators of 32 registers, 16 columns */
}
#endif

typedef struct kernel_info {
    const char *name;
    size_t mr, nr;
    kernel_fn fn;
} kernel_info;

static const kernel_info KERNELS[] = {
#ifdef HAVE_X86_KERNELS
    {"avx512", 6, 16, kernel_avx512},
    {"avx2", 6, 8, kernel_avx2},
    {"sse2", GENERIC_MR, GENERIC_NR, kernel_generic},
#else
    {"generic", GENERIC_MR, GENERIC_NR, kernel_generic},
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

// [blocked]
/* C (m x n) = [C +] A . B on one thread: panel by panel of NR columns, block by block
 * of KC terms, tile by tile of MR rows. Ragged edges go through a padded copy. */
static void gemm_serial(const kernel_info *K, size_t m, size_t n, size_t k, const double *a,
                        size_t a_rs, size_t a_cs, const double *b, size_t b_rs, size_t b_cs,
                        double *c, size_t ldc, bool accumulate)
{
    const size_t MR = K->mr, NR = K->nr;
    _Alignas(64) double bp[KC * NR_MAX]; /* a packed panel of B */
    _Alignas(64) double ap[MR_MAX * KC]; /* the last rows of A, padded to MR */
    _Alignas(64) double ct[MR_MAX * NR_MAX]; /* an edge tile of C, padded */
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
            pack_b(bp, b + l0 * b_rs + j0 * b_cs, b_rs, b_cs, kc, nr, NR);
            for (size_t i0 = 0; i0 < m; i0 += MR) {
                size_t mr = m - i0 < MR ? m - i0 : MR;
                const double *ai = a + i0 * a_rs + l0 * a_cs;
                size_t rs = a_rs, cs = a_cs;
                if (mr < MR) { /* rows past the end are zeros */
                    for (size_t r = 0; r < MR; r++)
                        for (size_t l = 0; l < kc; l++)
                            ap[r * kc + l] = r < mr ? ai[r * a_rs + l * a_cs] : 0.0;
                    ai = ap;
                    rs = kc;
                    cs = 1;
                }
                double *cij = c + i0 * ldc + j0;
                if (mr == MR && nr == NR) {
                    K->fn(kc, ai, rs, cs, bp, cij, ldc, zero);
                    continue;
                }
                for (size_t r = 0; r < mr && !zero; r++)
                    memcpy(ct + r * NR, cij + r * ldc, nr * sizeof *ct);
                K->fn(kc, ai, rs, cs, bp, ct, NR, zero);
                for (size_t r = 0; r < mr; r++)
                    memcpy(cij + r * ldc, ct + r * NR, nr * sizeof *ct);
            }
        }
    }
}
// [end blocked]

/* ==== 3. Threads ====================================================================== */

#define MAX_THREADS 64
/* Products smaller than this many multiply-adds per thread stay on one thread: waking
 * a thread costs more than it would save (measured with `bench kernels`). */
#define MIN_WORK_PER_THREAD (1u << 19)

typedef struct job {
    const kernel_info *K;
    size_t m, n, k, a_rs, a_cs, b_rs, b_cs, ldc, parts;
    const double *a, *b;
    double *c;
    bool accumulate;
} job;

/* Part `part` of `parts`: a range of whole NR-column panels when there are enough of
 * them, else a range of whole MR-row tiles. Every result belongs to exactly one part. */
static void run_part(const job *jb, size_t part)
{
    const kernel_info *K = jb->K;
    size_t panels = (jb->n + K->nr - 1) / K->nr;
    if (panels >= jb->parts) {
        size_t p0 = panels * part / jb->parts, p1 = panels * (part + 1) / jb->parts;
        size_t j0 = p0 * K->nr, j1 = p1 * K->nr < jb->n ? p1 * K->nr : jb->n;
        if (j1 > j0)
            gemm_serial(K, jb->m, j1 - j0, jb->k, jb->a, jb->a_rs, jb->a_cs,
                        jb->b + j0 * jb->b_cs, jb->b_rs, jb->b_cs, jb->c + j0, jb->ldc,
                        jb->accumulate);
    } else {
        size_t tiles = (jb->m + K->mr - 1) / K->mr;
        size_t t0 = tiles * part / jb->parts, t1 = tiles * (part + 1) / jb->parts;
        size_t i0 = t0 * K->mr, i1 = t1 * K->mr < jb->m ? t1 * K->mr : jb->m;
        if (i1 > i0)
            gemm_serial(K, i1 - i0, jb->n, jb->k, jb->a + i0 * jb->a_rs, jb->a_rs, jb->a_cs,
                        jb->b, jb->b_rs, jb->b_cs, jb->c + i0 * jb->ldc, jb->ldc,
                        jb->accumulate);
    }
}

/* The pool: workers 1..started wait for a new generation of work, run their part (if
 * the job has one for them) and count down `pending`; the caller runs part 0 and waits
 * for the count to reach 0. */
static struct {
    pthread_mutex_t busy; /* held by the one product using the pool */
    pthread_mutex_t lock;
    pthread_cond_t wake, done;
    atomic_ulong generation;
    atomic_size_t pending;
    size_t started;
    job jb;
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
          PTHREAD_COND_INITIALIZER, 0, 0, 0, {0}};

static atomic_size_t wanted_threads; /* 0: the default */

static void *worker(void *arg)
{
    size_t id = (size_t)(uintptr_t)arg;
    unsigned long seen = 0;
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
        if (id < pool.jb.parts)
            run_part(&pool.jb, id);
        /* Every worker reports, with work or without, so that the job is not
         * replaced while one of them may still read it. */
        if (atomic_fetch_sub(&pool.pending, 1) == 1) {
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

size_t nn_gemm_threads(void)
{
    size_t n = atomic_load(&wanted_threads);
    return n ? n : default_threads();
}

void nn_gemm_set_threads(size_t n)
{
    atomic_store(&wanted_threads, n > MAX_THREADS ? MAX_THREADS : n);
}

/* Starts workers until `parts` threads (the caller included) can work; returns how
 * many can (fewer if the system refuses threads). Called with pool.busy held. */
static size_t ensure_workers(size_t parts)
{
    while (pool.started + 1 < parts) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        int bad = pthread_create(&t, &attr, worker, (void *)(uintptr_t)(pool.started + 1));
        pthread_attr_destroy(&attr);
        if (bad)
            break;
        pool.started++;
    }
    return pool.started + 1 < parts ? pool.started + 1 : parts;
}

// [threaded]
void nn_gemm(size_t m, size_t n, size_t k, const double *a, size_t a_rs, size_t a_cs,
             const double *b, size_t b_rs, size_t b_cs, double *c, size_t ldc,
             bool accumulate, bool threaded)
{
    const kernel_info *K = kernel();
    double work = (double)m * (double)n * (double)k;
    size_t parts = threaded ? nn_gemm_threads() : 1;
    while (parts > 1 && work < (double)MIN_WORK_PER_THREAD * (double)parts)
        parts--;
    if (parts <= 1 || pthread_mutex_trylock(&pool.busy) != 0) {
        gemm_serial(K, m, n, k, a, a_rs, a_cs, b, b_rs, b_cs, c, ldc, accumulate);
        return;
    }
    parts = ensure_workers(parts);
    pool.jb = (job){K, m, n, k, a_rs, a_cs, b_rs, b_cs, ldc, parts, a, b, c, accumulate};
    atomic_store(&pool.pending, pool.started);
    pthread_mutex_lock(&pool.lock);
    atomic_fetch_add(&pool.generation, 1);
    pthread_cond_broadcast(&pool.wake);
    pthread_mutex_unlock(&pool.lock);
    run_part(&pool.jb, 0);
    for (int spin = 0; atomic_load(&pool.pending) != 0 && spin < 200000; spin++)
        ;
    if (atomic_load(&pool.pending) != 0) {
        pthread_mutex_lock(&pool.lock);
        while (atomic_load(&pool.pending) != 0)
            pthread_cond_wait(&pool.done, &pool.lock);
        pthread_mutex_unlock(&pool.lock);
    }
    pthread_mutex_unlock(&pool.busy);
}
// [end threaded]
