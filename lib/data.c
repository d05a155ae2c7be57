/* data.c - the data set of chapter 8, and the careful lexer its loaders share.
 *
 * Chapter 8 reads real patients from a file. The two loaders, LIBSVM (data_libsvm.c)
 * and CSV (data_csv.c), never crash, never guess and say where: parsing text is where
 * programs meet input nobody checked, so they are written like a small, careful lexer.
 * Every byte is looked at once, in order, with its line and column known; every way a
 * file can be wrong has a message naming the place, what was expected and what was
 * there. This file holds what both loaders need (declared in data_internal.h), and the
 * data set they build. The story:
 *
 *   1. the data set and its release;
 *   2. reading a whole file (bounded, binary-safe);
 *   3. numbers: a strict grammar, then strtod in the C locale;
 *   4. quoting bad text in messages, growable arrays;
 *   5. the cursor, and the checks made at every byte;
 *   6. taking the rows of a split.
 *
 * Both parsers work on a byte buffer with an explicit length (no NUL terminator needed)
 * and check every index against it, so that a fuzzer feeding them random bytes finds
 * only error messages.
 */
#include "data.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "data_internal.h"

/* ------------------------------------------------------------------------------------
 * 1. The data set
 * --------------------------------------------------------------------------------- */
void nn_dataset_free(nn_dataset *ds)
{
    if (!ds)
        return;
    if (ds->feature_names && ds->X)
        for (size_t j = 0; j < ds->X->cols; j++)
            nn_alloc_free(ds->feature_names[j]);
    nn_alloc_free(ds->feature_names);
    nn_alloc_free(ds->target_name);
    nn_alloc_free(ds->qid);
    nn_alloc_free(ds->y);
    nn_matrix_free(ds->X);
    nn_alloc_free(ds);
}

/* ------------------------------------------------------------------------------------
 * 2. Reading a whole file
 *
 * Both formats are small enough to read in one go, which keeps the parsers simple and
 * lets them report any line. We read in chunks rather than trusting the file's size
 * (it may be a pipe, or grow while we read) and stop at NN_DATA_MAX_FILE bytes.
 * --------------------------------------------------------------------------------- */
char *nn_data_read_file(const char *path, size_t *len, nn_error *err)
{
    if (!path) {
        nn_error_set(err, NN_ERR_ARG, "load: path must not be NULL");
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        nn_error_at(err, NN_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 65536, used = 0;
    char *buf = nn_alloc(cap, 1, "file contents", err);
    while (buf) {
        if (used == cap) {
            if (cap >= NN_DATA_MAX_FILE) {
                nn_error_at(err, NN_ERR_IO, path, 0, 0,
                            "the file is larger than %u bytes, the loaders' limit",
                            NN_DATA_MAX_FILE);
                nn_alloc_free(buf);
                buf = NULL;
                break;
            }
            char *bigger = nn_alloc(cap * 2, 1, "file contents", err);
            if (!bigger) {
                nn_alloc_free(buf);
                buf = NULL;
                break;
            }
            memcpy(bigger, buf, used);
            nn_alloc_free(buf);
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (got == 0) {
            if (ferror(f)) {
                nn_error_at(err, NN_ERR_IO, path, 0, 0, "cannot read: %s", strerror(errno));
                nn_alloc_free(buf);
                buf = NULL;
            }
            break;
        }
    }
    fclose(f);
    *len = used;
    return buf;
}

/* ------------------------------------------------------------------------------------
 * 3. Numbers
 *
 * strtod alone is too forgiving for a loader: it skips leading spaces, reads "0x1p3",
 * "nan", "infinity", stops quietly at the first character it does not like ("1.5abc"
 * gives 1.5) and, in a locale with a decimal comma, stops at the '.'. So we first check
 * that the token is exactly a decimal number,
 *
 *     [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?
 *
 * then let strtod do the hard part, correct rounding, with the C locale switched on
 * for this thread (uselocale, POSIX 2008), and finally check for overflow.
 * --------------------------------------------------------------------------------- */

/* Case-insensitive: does s[0..len) equal the lowercase word w? */
static int equals_word(const char *s, size_t len, const char *w)
{
    if (strlen(w) != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return 0;
    }
    return 1;
}

static int is_decimal(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t int_digits = 0, frac_digits = 0;
    while (i < len && is_digit(s[i]))
        i++, int_digits++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && is_digit(s[i]))
            i++, frac_digits++;
    }
    if (int_digits + frac_digits == 0)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp_digits = 0;
        while (i < len && is_digit(s[i]))
            i++, exp_digits++;
        if (exp_digits == 0)
            return 0;
    }
    return i == len;
}

/* Parses s[0..len) into *out. The C locale must be in effect (c_locale_enter). */
number_status nn_data_parse_number(const char *s, size_t len, double *out)
{
    if (!is_decimal(s, len)) {
        size_t skip = len > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        const char *word = s + skip;
        size_t word_len = len - skip;
        if (equals_word(word, word_len, "nan") || equals_word(word, word_len, "inf") ||
            equals_word(word, word_len, "infinity"))
            return NUMBER_NOT_FINITE;
        return NUMBER_BAD;
    }
    char small[64]; /* strtod needs a NUL-terminated copy; long numbers go to the heap */
    char *text = len < sizeof small ? small : nn_alloc(len + 1, 1, "number", NULL);
    if (!text)
        return NUMBER_NOMEM;
    memcpy(text, s, len);
    text[len] = '\0';
    errno = 0;
    char *end = NULL;
    double v = strtod(text, &end);
    int range = errno == ERANGE;
    int complete = end == text + len;
    if (text != small)
        nn_alloc_free(text);
    if (!complete)
        return NUMBER_BAD;
    if (range && (v > 1.0 || v < -1.0))
        return NUMBER_OVERFLOW; /* strtod returned +-HUGE_VAL */
    *out = v;                   /* an underflow gives 0 or a subnormal: accepted */
    return NUMBER_OK;
}

/* The C locale for this thread only: other threads and the caller's locale are left
 * alone. */
int nn_data_c_locale_enter(c_locale *l, nn_error *err)
{
    l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (l->c == (locale_t)0) {
        nn_error_set(err, NN_ERR_NOMEM, "cannot create the C locale for reading numbers");
        return 0;
    }
    l->previous = uselocale(l->c);
    return 1;
}

void nn_data_c_locale_leave(c_locale *l)
{
    uselocale(l->previous);
    freelocale(l->c);
}

/* ------------------------------------------------------------------------------------
 * 4. Quoting bad text, and growable arrays
 *
 * A message quotes what it found, but the input may hold anything: control bytes,
 * invalid UTF-8, a megabyte without a space. nn_data_quote shows at most 40 bytes,
 * escapes everything outside printable ASCII as \xHH, and marks a cut with "...".
 * --------------------------------------------------------------------------------- */
const char *nn_data_quote(const char *s, size_t len, char buf[QUOTE_MAX * 4 + 8])
{
    size_t o = 0;
    buf[o++] = '\'';
    for (size_t i = 0; i < len && i < QUOTE_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
            buf[o++] = (char)c;
        } else {
            static const char hex[] = "0123456789abcdef";
            buf[o++] = '\\';
            buf[o++] = 'x';
            buf[o++] = hex[c >> 4];
            buf[o++] = hex[c & 15];
        }
    }
    if (len > QUOTE_MAX) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o++] = '\'';
    buf[o] = '\0';
    return buf;
}

/* A growable array doubles its capacity when full, from 64 items. */
void *nn_data_vec_push(vec *v, nn_error *err)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        void *bigger = nn_alloc(cap, v->size, "loader buffer", err);
        if (!bigger)
            return NULL;
        if (v->len)
            memcpy(bigger, v->data, v->len * v->size);
        nn_alloc_free(v->data);
        v->data = bigger;
        v->cap = cap;
    }
    return (char *)v->data + v->len++ * v->size;
}

void nn_data_vec_free(vec *v)
{
    nn_alloc_free(v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}

/* ------------------------------------------------------------------------------------
 * 5. The cursor
 *
 * A loader walks the text with a cursor (data_internal.h) that knows the line and the
 * column of the byte it is on, so that every message can say where.
 * --------------------------------------------------------------------------------- */
/* Skips a UTF-8 byte order mark at the very start: some editors write one. */
void nn_data_skip_bom(cursor *c)
{
    if (c->len >= 3 && (unsigned char)c->text[0] == 0xef &&
        (unsigned char)c->text[1] == 0xbb && (unsigned char)c->text[2] == 0xbf) {
        c->pos = 3;
        c->line_start = 3; /* columns count from the first real character */
    }
}

/* The message for a token that is not a usable number; what names the token's role
 * ("the label", "the value of feature 3", "column 'age'"). */
nn_status nn_data_number_error(const cursor *c, size_t line, size_t column,
                               number_status st, const char *what, const char *t,
                               size_t len, nn_error *err)
{
    char q[QUOTE_MAX * 4 + 8];
    nn_data_quote(t, len, q);
    switch (st) {
    case NUMBER_NOT_FINITE:
        return nn_error_at(err, NN_ERR_PARSE, c->name, line, column,
                           "%s is %s, not a finite number", what, q);
    case NUMBER_OVERFLOW:
        return nn_error_at(err, NN_ERR_PARSE, c->name, line, column,
                           "%s is %s, too large for a double", what, q);
    case NUMBER_NOMEM:
        return nn_error_at(err, NN_ERR_NOMEM, c->name, line, column,
                           "out of memory copying a %zu-byte number", len);
    default:
        return nn_error_at(err, NN_ERR_PARSE, c->name, line, column,
                           "expected a number for %s, found %s", what, q);
    }
}

/* NUL bytes and overlong lines are checked wherever the parsers advance. */
nn_status nn_data_check_byte(const cursor *c, size_t pos, nn_error *err)
{
    if (c->text[pos] == '\0')
        return nn_error_at(err, NN_ERR_PARSE, c->name, c->line, column_of(c, pos),
                           "NUL byte in the input: is this a text file?");
    if (pos - c->line_start >= NN_DATA_MAX_LINE)
        return nn_error_at(err, NN_ERR_PARSE, c->name, c->line, column_of(c, pos),
                           "line is longer than %u bytes", NN_DATA_MAX_LINE);
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * 6. Taking the rows of a split
 * --------------------------------------------------------------------------------- */
nn_matrix *nn_data_take_rows(const nn_matrix *X, const size_t *rows, size_t n, nn_error *err)
{
    if (!X || (!rows && n > 0)) {
        nn_error_set(err, NN_ERR_ARG, "take_rows: X and rows must not be NULL");
        return NULL;
    }
    for (size_t k = 0; k < n; k++)
        if (rows[k] >= X->rows) {
            nn_error_set(err, NN_ERR_ARG,
                         "take_rows: index %zu is out of bounds for axis 0 with size %zu",
                         rows[k], X->rows);
            return NULL;
        }
    nn_matrix *out = nn_matrix_new(n, X->cols, err);
    if (!out)
        return NULL;
    for (size_t k = 0; k < n; k++)
        memcpy(out->data + k * X->cols, X->data + rows[k] * X->cols,
               X->cols * sizeof *X->data);
    return out;
}

double *nn_data_take(const double *y, size_t len, const size_t *idx, size_t n, nn_error *err)
{
    if ((!y && len > 0) || (!idx && n > 0)) {
        nn_error_set(err, NN_ERR_ARG, "take: y and idx must not be NULL");
        return NULL;
    }
    for (size_t k = 0; k < n; k++)
        if (idx[k] >= len) {
            nn_error_set(err, NN_ERR_ARG,
                         "take: index %zu is out of bounds for axis 0 with size %zu", idx[k],
                         len);
            return NULL;
        }
    double *out = nn_alloc(n, sizeof *out, "selected values", err);
    if (!out)
        return NULL;
    for (size_t k = 0; k < n; k++)
        out[k] = y[idx[k]];
    return out;
}

