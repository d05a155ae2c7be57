/* gemm.h - the matrix product behind every layer, fast and still exact (appendix
 * "Making it fast").
 *
 * Chapter 7 introduces it, when the MLP needs its products fast; chapter 5's
 * nn_matrix_matmul is the reference it matches.
 *
 * Training a network is mostly matrix products: a batch times the weights going
 * forward, and two more products per layer coming back. nn_matrix_matmul shows the
 * product as the textbook's triple loop; this module computes the same numbers faster.
 *
 * What "the same numbers" means. Each result is
 *
 *     C[i, j] = (accumulate ? C[i, j] : 0.0) + A(i, 0) B(0, j) + A(i, 1) B(1, j) + ...
 *
 * with every product rounded, then added to the running sum one by one in increasing
 * l, and no fused multiply-add. That is the triple loop's order (and the order of the
 * reference BLAS that Debian's numpy uses), so the fast kernels give the triple loop's
 * doubles bit for bit, whatever the processor's vector width, the block sizes or the
 * number of threads. nn_gemm only reorders *which* results are computed when, never
 * the terms inside one result.
 *
 * Operands are described by strides, so a transposed matrix needs no copy:
 * A(i, l) = a[i * a_rs + l * a_cs], B(l, j) = b[l * b_rs + j * b_cs], and C is row-major
 * with row length ldc (C[i, j] = c[i * ldc + j]). A row-major m x k matrix is
 * (a, k, 1); its transpose is (a, 1, k). C must not overlap A or B.
 *
 * Threads. nn_gemm(..., threaded = true) splits a large product between worker threads
 * (a pool started on first use; at most nn_gemm_threads() threads work on one product).
 * Each thread computes whole blocks of C on its own, so the sums are the same whatever
 * the number of threads. The pool is the module's only global state: one product at a
 * time uses it, and a second caller meanwhile computes on its own thread. The child of
 * a fork() starts workers of its own when it needs them.
 */
#ifndef NN_GEMM_H
#define NN_GEMM_H

#include <stdbool.h>
#include <stddef.h>

/* The reference: C = [C +] op(A) . op(B) by the triple loop (i, l, j), as above. */
void nn_gemm_reference(size_t m, size_t n, size_t k, const double *a, size_t a_rs,
                       size_t a_cs, const double *b, size_t b_rs, size_t b_cs, double *c,
                       size_t ldc, bool accumulate);

/* The same numbers by the blocked, vectorised kernel; with threaded, large products
 * are shared between threads. */
void nn_gemm(size_t m, size_t n, size_t k, const double *a, size_t a_rs, size_t a_cs,
             const double *b, size_t b_rs, size_t b_cs, double *c, size_t ldc,
             bool accumulate, bool threaded);

/* Runs task(context, index, thread) for every index in [0, count), spread over the
 * pool's threads; returns when all are done. thread (0 <= thread < nn_gemm_threads())
 * names the thread running the task, so that each thread can own a scratch buffer;
 * two tasks never run at once on one thread. The tasks must be independent: then the
 * results do not depend on the number of threads. A product inside a task runs on that
 * task's thread alone. */
void nn_gemm_parallel(size_t count, void (*task)(void *context, size_t index, size_t thread),
                      void *context);

/* How many threads a threaded product may use (1 = no threads). The default is the
 * number of online processors, or the environment variable NN_THREADS when it is set
 * to a number from 1 to 64. */
size_t nn_gemm_threads(void);

/* Sets that number (1..64; 0 restores the default). Call it when no product runs. */
void nn_gemm_set_threads(size_t n);

/* The vector kernel in use ("avx512", "avx2", "sse2" or "generic"), chosen at the first
 * product: the one named by the environment variable NN_GEMM_KERNEL if the processor
 * supports it, else the widest the processor supports. */
const char *nn_gemm_kernel(void);

/* Uses the named kernel from now on; false (and no change) if this processor or build
 * lacks it. Every kernel gives the same doubles; tests use this to check that they do. */
bool nn_gemm_use_kernel(const char *name);

#endif
