/* tests/support.h - small helpers that several test files share.
 *
 * Warnings: the library reports what it warns about (a fit that did not converge, say)
 * through nn_warn, which calls the handler set with nn_set_warning_handler. A test that
 * wants to look at them calls catch_warnings(): from then on warnings_seen counts them
 * and last_warning holds the last one. A test whose runs warn on purpose sets
 * ignore_warning as the handler instead. Either way, nn_set_warning_handler(NULL, NULL)
 * gives the warnings back to stderr.
 *
 * Files: read_stream reads what a stream (a file, a pipe) has left; read_all and
 * write_all read and write a whole file, byte for byte; make_temp_dir makes a fresh
 * directory under build/tmp for a test's files.
 *
 * Everything is static, so each test file that includes this has its own copy (and
 * its own warnings_seen); static inline, so a file need not use all of it. The program
 * tests have it through chapters/run.h.
 */
#ifndef NN_TESTS_SUPPORT_H
#define NN_TESTS_SUPPORT_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "error.h"

/* ---- Warnings ------------------------------------------------------------------------- */

static int warnings_seen;
static char last_warning[NN_ERROR_MESSAGE_MAX];

static inline void collect_warning(const char *message, void *context)
{
    (void)context;
    warnings_seen++;
    snprintf(last_warning, sizeof last_warning, "%s", message);
}

/* Counts the warnings from now on, and keeps the last. */
static inline void catch_warnings(void)
{
    warnings_seen = 0;
    last_warning[0] = '\0';
    nn_set_warning_handler(collect_warning, NULL);
}

/* A handler that drops the warnings, for runs that warn on purpose. */
static inline void ignore_warning(const char *message, void *context)
{
    (void)message;
    (void)context;
}

/* ---- Files ---------------------------------------------------------------------------- */

/* All that is left to read from f, as a malloc'd string of *size bytes with a '\0'
 * after them. f stays open. */
static inline char *read_stream(FILE *f, size_t *size)
{
    size_t cap = 1 << 16, n = 0, got;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    while ((got = fread(text + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2) {
            cap *= 2;
            text = realloc(text, cap);
            cr_assert_not_null(text);
        }
    }
    text[n] = '\0';
    *size = n;
    return text;
}

/* The whole file at path, as read_stream gives it; NULL when it cannot be opened. */
static inline char *read_all(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *text = read_stream(f, size);
    fclose(f);
    return text;
}

/* Writes the n bytes of text to path, replacing what was there. */
static inline void write_all(const char *path, const char *text, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s", path);
    cr_assert_eq(fwrite(text, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
}

/* Makes a new, empty directory build/tmp/PREFIX-XXXXXX (the X's made unique) and puts
 * its name in dir (size bytes). The directory is left for a look after the test. */
static inline void make_temp_dir(char *dir, size_t size, const char *prefix)
{
    mkdir("build", 0777);
    mkdir("build/tmp", 0777);
    int length = snprintf(dir, size, "build/tmp/%s-XXXXXX", prefix);
    cr_assert(length > 0 && (size_t)length < size, "no room for build/tmp/%s-XXXXXX", prefix);
    cr_assert_not_null(mkdtemp(dir), "cannot make %s", dir);
}

#endif
