/* fuzz.h - what the fuzz targets share.
 *
 * Each fuzz/NAME.c defines LLVMFuzzerTestOneInput: libFuzzer calls it with bytes it
 * makes up, millions of times, under AddressSanitizer and UndefinedBehaviorSanitizer
 * (`make fuzz`). A crash, a leak, undefined behaviour or a broken promise (FUZZ_CHECK)
 * stops the run and saves the input. The same file, linked with fuzz/replay.c instead
 * of libFuzzer, replays the committed corpus in every `make test`.
 *
 * The promises checked are the library's contracts: a loader either returns a complete,
 * consistent result or NULL with a message that says where; every allocation made
 * through nn_alloc is freed again.
 */
#ifndef NN_FUZZ_H
#define NN_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts (a crash that libFuzzer records, with the input) when cond is false. */
#define FUZZ_CHECK(cond, ...)                                                             \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "%s:%d: broken promise: ", __FILE__, __LINE__);               \
            fprintf(stderr, __VA_ARGS__);                                                 \
            fputc('\n', stderr);                                                          \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* Every nn_alloc block made during one input must be freed by its end. */
#define FUZZ_NO_LEAKS(live_before)                                                        \
    FUZZ_CHECK(nn_alloc_live() == (live_before), "%ld nn_alloc blocks leaked",            \
               nn_alloc_live() - (live_before))

/* Does message start with "name:"? Loader errors name their input first. */
static inline int fuzz_names(const char *message, const char *name)
{
    size_t n = strlen(name);
    return strncmp(message, name, n) == 0 && message[n] == ':';
}

#endif
