/* alloc.c - checked, countable allocation. See alloc.h.
 *
 * Chapter 1's program is the first to use it; every chapter after does.
 */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>

/* Test hooks. Plain counters: the library allocates from one thread at a time. */
static long fail_countdown = -1;
static long live_blocks = 0;
static long calls = 0;

void *nn_alloc(size_t count, size_t size, const char *what, nn_error *err)
{
    calls++;
    if (size && count > SIZE_MAX / size) {
        nn_error_set(err, NN_ERR_NOMEM, "%s: %zu x %zu bytes overflows size_t", what, count,
                     size);
        return NULL;
    }
    if (fail_countdown == 0) {
        fail_countdown = -1;
        nn_error_set(err, NN_ERR_NOMEM, "out of memory allocating %s (injected failure)",
                     what);
        return NULL;
    }
    if (fail_countdown > 0)
        fail_countdown--;
    /* calloc(0, ...) may return NULL legitimately; ask for one byte instead. */
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) {
        nn_error_set(err, NN_ERR_NOMEM, "out of memory allocating %s (%zu x %zu bytes)", what,
                     count, size);
        return NULL;
    }
    live_blocks++;
    return p;
}

void nn_alloc_free(void *p)
{
    if (p) {
        live_blocks--;
        free(p);
    }
}

void nn_alloc_fail_after(long after)
{
    fail_countdown = after < 0 ? -1 : after;
}

long nn_alloc_live(void)
{
    return live_blocks;
}

long nn_alloc_calls(void)
{
    return calls;
}
