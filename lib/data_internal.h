/* data_internal.h - the careful lexer that both loaders share (chapter 8): data.c
 * holds it, data_libsvm.c and data_csv.c use it. Not part of the public API: use data.h.
 *
 * A loader reads a byte buffer through a cursor that knows the line and column of every
 * byte, checks each byte it passes (nn_data_check_byte), reads numbers with a strict
 * grammar (nn_data_parse_number), quotes what it found in its messages (nn_data_quote)
 * and collects what it read in growable arrays (vec).
 */
#ifndef NN_DATA_INTERNAL_H
#define NN_DATA_INTERNAL_H

#include <locale.h>
#include <stddef.h>

#include "data.h"

/* Reads the whole file at path into a new buffer (free with nn_alloc_free), setting
 * *len; at most NN_DATA_MAX_FILE bytes. NULL with err filled on failure. */
char *nn_data_read_file(const char *path, size_t *len, nn_error *err);

/* ---- Numbers ------------------------------------------------------------------------ */

typedef enum {
    NUMBER_OK,
    NUMBER_BAD,        /* not a decimal number */
    NUMBER_NOT_FINITE, /* nan, inf, infinity */
    NUMBER_OVERFLOW,   /* beyond the largest double */
    NUMBER_NOMEM       /* a very long number could not be copied */
} number_status;

static inline int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Parses s[0..len) into *out. The C locale must be in effect (nn_data_c_locale_enter). */
number_status nn_data_parse_number(const char *s, size_t len, double *out);

/* Runs the parser with LC_NUMERIC = "C" on this thread, then restores the caller's. */
typedef struct c_locale {
    locale_t c, previous;
} c_locale;

int nn_data_c_locale_enter(c_locale *l, nn_error *err);
void nn_data_c_locale_leave(c_locale *l);

/* ---- Quoting bad text, growable arrays ---------------------------------------------- */

#define QUOTE_MAX 40

/* s[0..len) in single quotes for a message: at most QUOTE_MAX bytes, anything outside
 * printable ASCII as \xHH, a cut marked with "...". Returns buf. */
const char *nn_data_quote(const char *s, size_t len, char buf[QUOTE_MAX * 4 + 8]);

/* A growable array of fixed-size items through nn_alloc. */
typedef struct vec {
    void *data;
    size_t len, cap, size;
} vec;

/* A new last item (uninitialised), or NULL when out of memory. */
void *nn_data_vec_push(vec *v, nn_error *err);
void nn_data_vec_free(vec *v);

/* ---- The cursor --------------------------------------------------------------------- */

/* A cursor over the input: position, and the line and column of that position. */
typedef struct cursor {
    const char *name; /* for messages */
    const char *text;
    size_t len;
    size_t pos;
    size_t line;       /* 1-based */
    size_t line_start; /* offset of the current line's first byte */
} cursor;

static inline size_t column_of(const cursor *c, size_t pos)
{
    return pos - c->line_start + 1;
}

static inline int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Skips a UTF-8 byte order mark at the very start: some editors write one. */
void nn_data_skip_bom(cursor *c);

/* The message for a token that is not a usable number; what names the token's role
 * ("the label", "the value of feature 3", "column 'age'"). */
nn_status nn_data_number_error(const cursor *c, size_t line, size_t column,
                               number_status st, const char *what, const char *t,
                               size_t len, nn_error *err);

/* NUL bytes and overlong lines are checked wherever the parsers advance. */
nn_status nn_data_check_byte(const cursor *c, size_t pos, nn_error *err);

#endif
