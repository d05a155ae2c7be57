/* alloc.h - the library's one door to the heap.
 *
 * Chapter 1's program is the first to use it, through the flags and the figures; every
 * later chapter does too.
 *
 * Every allocation in lib/ goes through nn_alloc, so that (1) a size overflow is caught
 * before it becomes a short buffer, (2) a failure becomes an NN_ERR_NOMEM error with a
 * message, and (3) tests can make the n-th allocation fail and check that every failure
 * path returns cleanly without leaks.
 */
#ifndef NN_ALLOC_H
#define NN_ALLOC_H

#include <stddef.h>

#include "error.h"

/* Zeroed memory for count items of size bytes each; NULL (and err set) on failure.
 * what names the object in the error message ("matrix data"). */
void *nn_alloc(size_t count, size_t size, const char *what, nn_error *err);

/* Releases memory from nn_alloc; NULL is a no-op. */
void nn_alloc_free(void *p);

/* Test hook (global state, tests only): make the allocation after the next `after`
 * successful ones fail, then every later one succeed again. after < 0 disarms it. */
void nn_alloc_fail_after(long after);

/* Number of nn_alloc calls not yet matched by nn_alloc_free (for leak checks in tests). */
long nn_alloc_live(void);

/* Number of nn_alloc calls so far, failed ones included (tests: a fit allocates its
 * buffers once, however many epochs it runs). */
long nn_alloc_calls(void);

#endif
