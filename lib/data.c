/* data.c - LIBSVM and CSV loaders that never crash, never guess and say where.
 *
 * Parsing text is where programs meet input nobody checked, so this file is written
 * like a small, careful lexer. Every byte is looked at once, in order, with its line
 * and column known; every way a file can be wrong has a message naming the place, what
 * was expected and what was there. The story:
 *
 *   1. the data set and its release;
 *   2. reading a whole file (bounded, binary-safe);
 *   3. numbers: a strict grammar, then strtod in the C locale;
 *   4. quoting bad text in messages, growable arrays;
 *   5. the LIBSVM format, line by line;
 *   6. CSV, field by field;
 *   7. taking the rows of a split.
 *
 * Both parsers work on a byte buffer with an explicit length (no NUL terminator needed)
 * and check every index against it, so that a fuzzer feeding them random bytes finds
 * only error messages.
 */
#include "data.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

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

/* A copy of len bytes as a NUL-terminated string. */
static char *copy_text(const char *s, size_t len, nn_error *err)
{
    char *copy = nn_alloc(len + 1, 1, "text", err);
    if (copy && len)
        memcpy(copy, s, len);
    return copy;
}

/* ------------------------------------------------------------------------------------
 * 2. Reading a whole file
 *
 * Both formats are small enough to read in one go, which keeps the parsers simple and
 * lets them report any line. We read in chunks rather than trusting the file's size
 * (it may be a pipe, or grow while we read) and stop at NN_DATA_MAX_FILE bytes.
 * --------------------------------------------------------------------------------- */
static char *read_file(const char *path, size_t *len, nn_error *err)
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
typedef enum {
    NUMBER_OK,
    NUMBER_BAD,        /* not a decimal number */
    NUMBER_NOT_FINITE, /* nan, inf, infinity */
    NUMBER_OVERFLOW,   /* beyond the largest double */
    NUMBER_NOMEM       /* a very long number could not be copied */
} number_status;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

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
static number_status parse_number(const char *s, size_t len, double *out)
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

/* Runs the parser with LC_NUMERIC = "C" on this thread, then restores the caller's. */
typedef struct c_locale {
    locale_t c, previous;
} c_locale;

static int c_locale_enter(c_locale *l, nn_error *err)
{
    l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (l->c == (locale_t)0) {
        nn_error_set(err, NN_ERR_NOMEM, "cannot create the C locale for reading numbers");
        return 0;
    }
    l->previous = uselocale(l->c);
    return 1;
}

static void c_locale_leave(c_locale *l)
{
    uselocale(l->previous);
    freelocale(l->c);
}

/* ------------------------------------------------------------------------------------
 * 4. Quoting bad text, and growable arrays
 *
 * A message quotes what it found, but the input may hold anything: control bytes,
 * invalid UTF-8, a megabyte without a space. quote() shows at most 40 bytes, escapes
 * everything outside printable ASCII as \xHH, and marks a cut with "...".
 * --------------------------------------------------------------------------------- */
#define QUOTE_MAX 40

static const char *quote(const char *s, size_t len, char buf[QUOTE_MAX * 4 + 8])
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

/* A growable array of fixed-size items through nn_alloc. */
typedef struct vec {
    void *data;
    size_t len, cap, size;
} vec;

static void *vec_push(vec *v, nn_error *err)
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

static void vec_free(vec *v)
{
    nn_alloc_free(v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}

/* A cursor over the input: position, and the line and column of that position. */
typedef struct cursor {
    const char *name; /* for messages */
    const char *text;
    size_t len;
    size_t pos;
    size_t line;       /* 1-based */
    size_t line_start; /* offset of the current line's first byte */
} cursor;

static size_t column_of(const cursor *c, size_t pos)
{
    return pos - c->line_start + 1;
}

/* Skips a UTF-8 byte order mark at the very start: some editors write one. */
static void skip_bom(cursor *c)
{
    if (c->len >= 3 && (unsigned char)c->text[0] == 0xef &&
        (unsigned char)c->text[1] == 0xbb && (unsigned char)c->text[2] == 0xbf) {
        c->pos = 3;
        c->line_start = 3; /* columns count from the first real character */
    }
}

/* The message for a token that is not a usable number; what names the token's role
 * ("the label", "the value of feature 3", "column 'age'"). */
static nn_status number_error(const cursor *c, size_t line, size_t column, number_status st,
                              const char *what, const char *t, size_t len, nn_error *err)
{
    char q[QUOTE_MAX * 4 + 8];
    quote(t, len, q);
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
static nn_status check_byte(const cursor *c, size_t pos, nn_error *err)
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
 * 5. LIBSVM
 *
 * One sample per line, so we first find the line's end (checking each byte for NUL
 * and the line's length), cut the line at '#' (a comment) and drop a CR before the LF.
 * What remains is read token by token: the label, an optional qid:N, then index:value
 * pairs. The pairs go into a list of (row, column, value) entries; when every line has
 * been read and the width is known, one dense matrix is allocated and filled.
 * --------------------------------------------------------------------------------- */
typedef struct sparse_entry {
    size_t row, col; /* col is 0-based: index - 1 */
    double value;
} sparse_entry;

typedef struct libsvm_state {
    cursor c;
    size_t fixed_features; /* 0 = as many as the largest index */
    size_t max_index;
    int has_qid;           /* -1 before the first sample, then 0 or 1 for the whole file */
    vec labels, qids, entries;
    nn_error *err;
} libsvm_state;

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* The label, the first token of a line. */
static nn_status libsvm_label(libsvm_state *s, const char *t, size_t len, size_t col)
{
    char q[QUOTE_MAX * 4 + 8];
    if (memchr(t, ':', len))
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "expected a label (a number) at the start of the line, found "
                           "the feature %s: is the label missing?",
                           quote(t, len, q));
    double label = 0.0;
    number_status st = parse_number(t, len, &label);
    if (st != NUMBER_OK)
        return number_error(&s->c, s->c.line, col, st, "the label", t, len, s->err);
    double *slot = vec_push(&s->labels, s->err);
    if (!slot)
        return NN_ERR_NOMEM;
    *slot = label;
    return NN_OK;
}

/* The qid rule: the first sample decides whether every sample has qid:N after its
 * label. is_qid says whether this one does; t is its token (NULL if none). */
static nn_status libsvm_qid(libsvm_state *s, int is_qid, const char *t, size_t len,
                            size_t col)
{
    char q[QUOTE_MAX * 4 + 8];
    if (s->has_qid < 0)
        s->has_qid = is_qid;
    if (s->has_qid != is_qid)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           is_qid ? "this sample has a qid but the samples before it have "
                                    "none: give every sample a qid, or none"
                                  : "expected qid:N after the label, as the samples before "
                                    "have one");
    if (!is_qid)
        return NN_OK;
    const char *d = t + 4; /* after "qid:" */
    size_t n = len - 4, i = (n > 0 && (d[0] == '-' || d[0] == '+')) ? 1 : 0;
    int ok = i < n;
    int64_t v = 0;
    for (; ok && i < n; i++) {
        ok = is_digit(d[i]) && v <= (INT64_MAX - 9) / 10; /* v * 10 + 9 cannot overflow */
        if (ok)
            v = v * 10 + (d[i] - '0');
    }
    if (!ok)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col + 4,
                           "expected a whole number (that fits in 64 bits) after 'qid:', "
                           "found %s",
                           quote(d, n, q));
    int64_t *slot = vec_push(&s->qids, s->err);
    if (!slot)
        return NN_ERR_NOMEM;
    *slot = n > 0 && d[0] == '-' ? -v : v;
    return NN_OK;
}

/* One index:value pair. */
static nn_status libsvm_feature(libsvm_state *s, const char *t, size_t len, size_t col)
{
    char q[QUOTE_MAX * 4 + 8];
    const char *colon = memchr(t, ':', len);
    if (!colon)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "expected index:value, found %s", quote(t, len, q));
    size_t key_len = (size_t)(colon - t);
    if (key_len == 3 && memcmp(t, "qid", 3) == 0)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "qid:N must come right after the label, before the features");

    /* The index: a whole number from 1 to the limit, written with digits only. */
    if (key_len == 0)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "expected a feature index before ':', found nothing");
    if (t[0] == '-')
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "feature index %s is negative: indices start at 1",
                           quote(t, key_len, q));
    size_t index = 0;
    for (size_t i = 0; i < key_len; i++) {
        if (!is_digit(t[i]))
            return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                               "expected a feature index (a whole number >= 1) before ':', "
                               "found %s",
                               quote(t, key_len, q));
        if (index <= NN_DATA_MAX_FEATURES) /* saturate: anything above is refused anyway */
            index = index * 10 + (size_t)(t[i] - '0');
    }
    if (index == 0)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "feature index 0: indices start at 1 in this format (a 0-based "
                           "file must be converted, not guessed at)");
    if (s->fixed_features && index > s->fixed_features)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "feature index %s is larger than the %zu features asked for",
                           quote(t, key_len, q), s->fixed_features);
    if (index > NN_DATA_MAX_FEATURES)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "feature index %s is larger than the limit of %u features",
                           quote(t, key_len, q), NN_DATA_MAX_FEATURES);

    /* Strictly increasing along the line: compare with this line's previous entry. */
    size_t row = s->labels.len - 1;
    if (s->entries.len > 0) {
        const sparse_entry *prev = (const sparse_entry *)s->entries.data + s->entries.len - 1;
        if (prev->row == row && prev->col + 1 == index)
            return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                               "feature index %zu appears twice on this line", index);
        if (prev->row == row && prev->col + 1 > index)
            return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                               "feature index %zu comes after index %zu: indices must "
                               "increase along a line",
                               index, prev->col + 1);
    }

    char what[64];
    snprintf(what, sizeof what, "the value of feature %zu", index);
    double value = 0.0;
    number_status st = parse_number(colon + 1, len - key_len - 1, &value);
    if (st != NUMBER_OK)
        return number_error(&s->c, s->c.line, col + key_len + 1, st, what, colon + 1,
                            len - key_len - 1, s->err);
    sparse_entry *e = vec_push(&s->entries, s->err);
    if (!e)
        return NN_ERR_NOMEM;
    e->row = row;
    e->col = index - 1;
    e->value = value;
    if (index > s->max_index)
        s->max_index = index;
    return NN_OK;
}

/* The tokens of one line, [start, stop): comment and line end already cut off. */
static nn_status libsvm_tokens(libsvm_state *s, size_t start, size_t stop)
{
    const cursor *c = &s->c;
    nn_status status = NN_OK;
    size_t p = start, token = 0;
    while (p < stop && status == NN_OK) {
        if (is_blank(c->text[p])) {
            p++;
            continue;
        }
        if (c->text[p] == '\r')
            return nn_error_at(s->err, NN_ERR_PARSE, c->name, c->line, column_of(c, p),
                               "stray carriage return (\\r) inside a line");
        size_t q = p;
        while (q < stop && !is_blank(c->text[q]) && c->text[q] != '\r')
            q++;
        const char *t = c->text + p;
        size_t len = q - p, col = column_of(c, p);
        if (token == 0) {
            status = libsvm_label(s, t, len, col);
        } else if (token == 1 && len >= 4 && memcmp(t, "qid:", 4) == 0) {
            status = libsvm_qid(s, 1, t, len, col);
        } else {
            if (token == 1)
                status = libsvm_qid(s, 0, NULL, 0, col);
            if (status == NN_OK)
                status = libsvm_feature(s, t, len, col);
        }
        token++;
        p = q;
    }
    if (status == NN_OK && token == 1) /* a label alone: the qid rule holds all the same */
        status = libsvm_qid(s, 0, NULL, 0, column_of(c, stop));
    return status;
}

/* Splits the text into lines and reads each. */
static nn_status libsvm_lines(libsvm_state *s)
{
    cursor *c = &s->c;
    skip_bom(c);
    while (c->pos < c->len) {
        size_t start = c->pos, end = start;
        for (; end < c->len && c->text[end] != '\n'; end++) {
            nn_status status = check_byte(c, end, s->err);
            if (status != NN_OK)
                return status;
        }
        const char *hash = memchr(c->text + start, '#', end - start);
        size_t stop = hash ? (size_t)(hash - c->text) : end;
        if (!hash && stop > start && c->text[stop - 1] == '\r')
            stop--; /* CRLF */
        nn_status status = libsvm_tokens(s, start, stop);
        if (status != NN_OK)
            return status;
        c->pos = end < c->len ? end + 1 : end;
        c->line++;
        c->line_start = c->pos;
    }
    return NN_OK;
}

static nn_dataset *libsvm_build(libsvm_state *s)
{
    size_t n = s->labels.len;
    size_t m = s->fixed_features ? s->fixed_features : s->max_index;
    nn_dataset *ds = nn_alloc(1, sizeof *ds, "data set", s->err);
    if (!ds)
        return NULL;
    ds->X = nn_matrix_new(n, m, s->err);
    ds->y = ds->X ? nn_alloc(n, sizeof *ds->y, "targets", s->err) : NULL;
    if (ds->y && s->has_qid == 1)
        ds->qid = nn_alloc(n, sizeof *ds->qid, "qids", s->err);
    if (!ds->y || (s->has_qid == 1 && !ds->qid)) {
        nn_dataset_free(ds);
        return NULL;
    }
    memcpy(ds->y, s->labels.data, n * sizeof *ds->y);
    if (ds->qid)
        memcpy(ds->qid, s->qids.data, n * sizeof *ds->qid);
    const sparse_entry *e = s->entries.data;
    for (size_t k = 0; k < s->entries.len; k++)
        ds->X->data[e[k].row * m + e[k].col] = e[k].value;
    return ds;
}

nn_dataset *nn_data_parse_libsvm(const char *name, const char *text, size_t len,
                                 const nn_libsvm_options *opt, nn_error *err)
{
    name = name ? name : "<input>";
    if (!text && len > 0) {
        nn_error_set(err, NN_ERR_ARG, "parse_libsvm: text is NULL");
        return NULL;
    }
    if (opt && opt->n_features > NN_DATA_MAX_FEATURES) {
        nn_error_set(err, NN_ERR_ARG, "n_features=%zu is above the limit of %u",
                     opt->n_features, NN_DATA_MAX_FEATURES);
        return NULL;
    }
    libsvm_state s;
    memset(&s, 0, sizeof s);
    s.c = (cursor){name, text ? text : "", len, 0, 1, 0};
    s.fixed_features = opt ? opt->n_features : 0;
    s.has_qid = -1;
    s.labels.size = sizeof(double);
    s.qids.size = sizeof(int64_t);
    s.entries.size = sizeof(sparse_entry);
    s.err = err;

    nn_dataset *ds = NULL;
    c_locale loc;
    if (c_locale_enter(&loc, err)) {
        nn_status status = libsvm_lines(&s);
        c_locale_leave(&loc);
        if (status == NN_OK && s.labels.len == 0)
            nn_error_at(err, NN_ERR_PARSE, name, 0, 0,
                        "no samples: expected lines of 'label index:value ...'");
        else if (status == NN_OK)
            ds = libsvm_build(&s);
    }
    vec_free(&s.labels);
    vec_free(&s.qids);
    vec_free(&s.entries);
    return ds;
}

nn_dataset *nn_data_load_libsvm(const char *path, const nn_libsvm_options *opt, nn_error *err)
{
    size_t len = 0;
    char *text = read_file(path, &len, err);
    if (!text)
        return NULL;
    nn_dataset *ds = nn_data_parse_libsvm(path, text, len, opt, err);
    nn_alloc_free(text);
    return ds;
}

/* ------------------------------------------------------------------------------------
 * 6. CSV
 *
 * CSV cannot be cut into lines first: a quoted field may hold a line break. So the
 * reader walks the text once, field by field, with a small state machine. At the start
 * of a field it skips spaces; a '"' opens a quoted field, which runs to the next lone
 * '"' ("" stands for one quote and does not close it); any other field runs to the next
 * delimiter or line end. After a field comes a delimiter (another field follows), a
 * line end (the row is complete) or the end of the text.
 *
 * Each row is checked and stored as soon as it is complete. The first row fixes the
 * number of columns (and, as a header, names them); every later row must have as many
 * fields. Numbers are parsed as they come. A missing value is stored as NaN and, in
 * mean mode, replaced at the end, when the column means are known.
 * --------------------------------------------------------------------------------- */
typedef struct csv_field {
    size_t start, len;   /* the raw text, without surrounding spaces or quotes */
    int quoted;          /* a quoted field may hold "" pairs */
    size_t line, column; /* where the field starts, for messages */
} csv_field;

typedef struct csv_state {
    cursor c;
    nn_csv_options opt;
    vec fields;       /* csv_field: the current row */
    vec scratch;      /* char: a quoted field with its "" pairs undone */
    size_t n_columns; /* fields per row, fixed by the first row; 0 before it */
    size_t target;    /* the target's column */
    char **names;     /* n_columns names from the header, or NULL */
    vec x, y;         /* double: the features row after row, and the targets */
    size_t *missing;  /* per column, how many values were missing */
    nn_error *err;
} csv_state;

/* The text of a field, with "" turned into ". It points into the input, or into the
 * scratch buffer; *len receives its length. NULL when out of memory. */
static const char *field_text(csv_state *s, const csv_field *f, size_t *len)
{
    const char *raw = s->c.text + f->start;
    if (!f->quoted || !memchr(raw, '"', f->len)) {
        *len = f->len;
        return raw;
    }
    s->scratch.len = 0;
    for (size_t i = 0; i < f->len; i++) {
        char *ch = vec_push(&s->scratch, s->err);
        if (!ch)
            return NULL;
        *ch = raw[i];
        if (raw[i] == '"')
            i++; /* the second quote of the pair */
    }
    *len = s->scratch.len;
    return s->scratch.data;
}

/* How messages name column j: by its header name, or by its 1-based position. */
static const char *column_label(const csv_state *s, size_t j, char *buf, size_t size)
{
    char q[QUOTE_MAX * 4 + 8];
    if (s->names)
        snprintf(buf, size, "column %s", quote(s->names[j], strlen(s->names[j]), q));
    else
        snprintf(buf, size, "column %zu", j + 1);
    return buf;
}

/* The header: a name for every column. */
static nn_status csv_header(csv_state *s)
{
    size_t n = s->fields.len;
    const csv_field *f = s->fields.data;
    s->names = nn_alloc(n, sizeof *s->names, "column names", s->err);
    if (!s->names)
        return NN_ERR_NOMEM;
    s->n_columns = n;
    for (size_t j = 0; j < n; j++) {
        size_t len;
        const char *t = field_text(s, &f[j], &len);
        if (!t || !(s->names[j] = copy_text(t, len, s->err)))
            return NN_ERR_NOMEM;
    }
    return NN_OK;
}

/* Picks the target column once the number of columns is known (line: the first row). */
static nn_status csv_choose_target(csv_state *s, size_t line)
{
    char q[QUOTE_MAX * 4 + 8];
    if (s->n_columns < 2)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, line, 1,
                           "the first row has 1 field, but a data set needs a target and at "
                           "least one feature (is the delimiter '%c' right?)",
                           s->opt.delimiter);
    if (s->opt.target) {
        size_t found = 0, count = 0;
        for (size_t j = 0; j < s->n_columns; j++)
            if (strcmp(s->names[j], s->opt.target) == 0 && count++ == 0)
                found = j;
        quote(s->opt.target, strlen(s->opt.target), q);
        if (count == 0) {
            /* list the names there are, as far as a line allows */
            char names[256] = "", one[QUOTE_MAX * 4 + 8];
            for (size_t j = 0; j < s->n_columns; j++) {
                quote(s->names[j], strlen(s->names[j]), one);
                if (strlen(names) + strlen(one) + 8 > sizeof names) {
                    strcat(names, ", ...");
                    break;
                }
                if (j)
                    strcat(names, ", ");
                strcat(names, one);
            }
            return nn_error_at(s->err, NN_ERR_ARG, s->c.name, line, 0,
                               "no column named %s in the header (it has %s)", q, names);
        }
        if (count > 1)
            return nn_error_at(s->err, NN_ERR_ARG, s->c.name, line, 0,
                               "%zu columns are named %s: the target is ambiguous", count, q);
        s->target = found;
        return NN_OK;
    }
    long k = s->opt.target_column, n = (long)s->n_columns;
    if (k < -n || k >= n)
        return nn_error_at(s->err, NN_ERR_ARG, s->c.name, line, 0,
                           "target column %ld is out of range: the rows have %zu columns "
                           "(0 .. %zu, or -1 .. -%zu from the end)",
                           k, s->n_columns, s->n_columns - 1, s->n_columns);
    s->target = (size_t)(k < 0 ? k + n : k);
    return NN_OK;
}

/* A data row: check its width, then parse and store its values. (end_line, end_column)
 * is where the row ended, for a row that is too short. */
static nn_status csv_data_row(csv_state *s, size_t row_line, size_t end_line,
                              size_t end_column)
{
    const csv_field *f = s->fields.data;
    size_t n = s->fields.len;
    nn_status status;
    if (s->n_columns == 0) { /* no header: the first row sets the width */
        s->n_columns = n;
        if ((status = csv_choose_target(s, row_line)) != NN_OK)
            return status;
    }
    if (!s->missing && !(s->missing = nn_alloc(s->n_columns, sizeof *s->missing,
                                               "missing-value counts", s->err)))
        return NN_ERR_NOMEM;
    const char *like = s->names ? "the header" : "the first row";
    if (n < s->n_columns)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, end_line, end_column,
                           "this row has %zu field%s, %s has %zu: a field is missing (an "
                           "empty field still needs its delimiter)",
                           n, n == 1 ? "" : "s", like, s->n_columns);
    if (n > s->n_columns)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, f[s->n_columns].line,
                           f[s->n_columns].column, "this row has %zu fields, %s has %zu", n,
                           like, s->n_columns);

    char label[QUOTE_MAX * 4 + 32];
    for (size_t j = 0; j < n; j++) {
        size_t len;
        const char *t = field_text(s, &f[j], &len);
        if (!t)
            return NN_ERR_NOMEM;
        double v = NAN;
        if (len == 0 || (len == 1 && t[0] == '?')) {
            if (j == s->target)
                return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, f[j].line, f[j].column,
                                   "the target (%s) is missing, and a label cannot be "
                                   "imputed",
                                   column_label(s, j, label, sizeof label));
            if (s->opt.missing != NN_CSV_MISSING_MEAN)
                return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, f[j].line, f[j].column,
                                   "missing value (%s) in %s; to fill missing values with "
                                   "their column's mean, pass missing = NN_CSV_MISSING_MEAN",
                                   len ? "'?'" : "an empty field",
                                   column_label(s, j, label, sizeof label));
            s->missing[j]++;
        } else {
            number_status st = parse_number(t, len, &v);
            if (st != NUMBER_OK)
                return number_error(&s->c, f[j].line, f[j].column, st,
                                    column_label(s, j, label, sizeof label), t, len, s->err);
        }
        double *slot = vec_push(j == s->target ? &s->y : &s->x, s->err);
        if (!slot)
            return NN_ERR_NOMEM;
        *slot = v;
    }
    return NN_OK;
}

/* Spaces and tabs (other than the delimiter) before or after a field. */
static nn_status skip_blanks(csv_state *s)
{
    cursor *c = &s->c;
    while (c->pos < c->len && is_blank(c->text[c->pos]) &&
           c->text[c->pos] != s->opt.delimiter) {
        nn_status status = check_byte(c, c->pos, s->err);
        if (status != NN_OK)
            return status;
        c->pos++;
    }
    return NN_OK;
}

/* Is the cursor at a line end: LF, CRLF, or a CR that ends the text? */
static int at_line_end(const cursor *c)
{
    if (c->pos >= c->len)
        return 0;
    if (c->text[c->pos] == '\n')
        return 1;
    return c->text[c->pos] == '\r' && (c->pos + 1 == c->len || c->text[c->pos + 1] == '\n');
}

/* A quoted field; the cursor is on the opening quote. */
static nn_status csv_quoted(csv_state *s, csv_field *f)
{
    cursor *c = &s->c;
    char q[QUOTE_MAX * 4 + 8];
    c->pos++;
    f->start = c->pos;
    for (;;) {
        if (c->pos >= c->len)
            return nn_error_at(s->err, NN_ERR_PARSE, c->name, f->line, f->column,
                               "this quoted field is never closed (a \" is missing)");
        char ch = c->text[c->pos];
        if (ch == '"') {
            if (c->pos + 1 < c->len && c->text[c->pos + 1] == '"') {
                c->pos += 2; /* "" is one quote inside the field */
                continue;
            }
            break;
        }
        if (ch == '\n') {
            c->pos++;
            c->line++;
            c->line_start = c->pos;
            continue;
        }
        nn_status status = check_byte(c, c->pos, s->err);
        if (status != NN_OK)
            return status;
        c->pos++;
    }
    f->len = c->pos - f->start;
    c->pos++; /* the closing quote */
    nn_status status = skip_blanks(s);
    if (status != NN_OK)
        return status;
    if (c->pos < c->len && c->text[c->pos] != s->opt.delimiter && !at_line_end(c)) {
        size_t e = c->pos;
        while (e < c->len && c->text[e] != s->opt.delimiter && c->text[e] != '\n')
            e++;
        return nn_error_at(s->err, NN_ERR_PARSE, c->name, c->line, column_of(c, c->pos),
                           "expected '%c' or the end of the line after a closing quote, "
                           "found %s",
                           s->opt.delimiter, quote(c->text + c->pos, e - c->pos, q));
    }
    return NN_OK;
}

/* An unquoted field: up to the delimiter or the line end, trailing blanks dropped. */
static nn_status csv_unquoted(csv_state *s, csv_field *f)
{
    cursor *c = &s->c;
    f->start = c->pos;
    size_t last = c->pos; /* one past the last byte that is not blank */
    while (c->pos < c->len && c->text[c->pos] != s->opt.delimiter && !at_line_end(c)) {
        char ch = c->text[c->pos];
        if (ch == '\r')
            return nn_error_at(s->err, NN_ERR_PARSE, c->name, c->line, column_of(c, c->pos),
                               "stray carriage return (\\r) inside a line");
        if (ch == '"')
            return nn_error_at(s->err, NN_ERR_PARSE, c->name, c->line, column_of(c, c->pos),
                               "a quote (\") inside an unquoted field: quote the whole field, "
                               "and double the quotes inside it");
        nn_status status = check_byte(c, c->pos, s->err);
        if (status != NN_OK)
            return status;
        c->pos++;
        if (!is_blank(ch))
            last = c->pos;
    }
    f->len = last - f->start;
    return NN_OK;
}

/* Is the rest of the current line blank (spaces, tabs, then a line end or the end)?
 * A tab that is the delimiter separates empty fields, so it is not blank. */
static int blank_line(const csv_state *s)
{
    cursor probe = s->c;
    while (probe.pos < probe.len && is_blank(probe.text[probe.pos]) &&
           probe.text[probe.pos] != s->opt.delimiter)
        probe.pos++;
    return probe.pos >= probe.len || at_line_end(&probe);
}

/* Moves the cursor past the line end it is on (if any) to the next line. */
static void next_line(cursor *c)
{
    if (c->pos < c->len && c->text[c->pos] == '\r')
        c->pos++;
    if (c->pos < c->len && c->text[c->pos] == '\n')
        c->pos++;
    c->line++;
    c->line_start = c->pos;
}

/* Reads every row. */
static nn_status csv_rows(csv_state *s)
{
    cursor *c = &s->c;
    skip_bom(c);
    int header_pending = s->opt.header;
    while (c->pos < c->len) {
        if (blank_line(s)) {
            while (c->pos < c->len && !at_line_end(c)) {
                nn_status status = check_byte(c, c->pos, s->err);
                if (status != NN_OK)
                    return status;
                c->pos++;
            }
            next_line(c);
            continue;
        }
        size_t row_line = c->line;
        s->fields.len = 0;
        for (;;) {
            csv_field *f = vec_push(&s->fields, s->err);
            if (!f)
                return NN_ERR_NOMEM;
            nn_status status = skip_blanks(s);
            if (status != NN_OK)
                return status;
            f->line = c->line;
            f->column = column_of(c, c->pos);
            f->quoted = c->pos < c->len && c->text[c->pos] == '"';
            status = f->quoted ? csv_quoted(s, f) : csv_unquoted(s, f);
            if (status != NN_OK)
                return status;
            if (c->pos < c->len && c->text[c->pos] == s->opt.delimiter) {
                c->pos++;
                continue;
            }
            break;
        }
        nn_status status;
        if (header_pending) {
            status = csv_header(s);
            if (status == NN_OK)
                status = csv_choose_target(s, row_line);
            header_pending = 0;
        } else {
            status = csv_data_row(s, row_line, c->line, column_of(c, c->pos));
        }
        if (status != NN_OK)
            return status;
        next_line(c);
    }
    return NN_OK;
}

/* Replaces each missing value (NaN) by the mean of the values present in its column,
 * summed in file order. */
static nn_status csv_impute(csv_state *s, nn_dataset *ds)
{
    size_t n = ds->X->rows, m = ds->X->cols;
    for (size_t col = 0, j = 0; col < s->n_columns; col++) {
        if (col == s->target)
            continue;
        if (s->missing[col] == n) {
            char label[QUOTE_MAX * 4 + 32];
            return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, 0, 0,
                               "every value of %s is missing: there is no mean to fill them "
                               "with",
                               column_label(s, col, label, sizeof label));
        }
        if (s->missing[col] > 0) {
            double sum = 0.0;
            for (size_t i = 0; i < n; i++)
                if (!isnan(ds->X->data[i * m + j]))
                    sum += ds->X->data[i * m + j];
            double mean = sum / (double)(n - s->missing[col]);
            for (size_t i = 0; i < n; i++)
                if (isnan(ds->X->data[i * m + j]))
                    ds->X->data[i * m + j] = mean;
            ds->n_imputed += s->missing[col];
        }
        j++;
    }
    return NN_OK;
}

static nn_dataset *csv_build(csv_state *s)
{
    size_t n = s->y.len, m = s->n_columns - 1;
    nn_dataset *ds = nn_alloc(1, sizeof *ds, "data set", s->err);
    if (!ds)
        return NULL;
    ds->X = nn_matrix_from_array(n, m, s->x.data, s->err);
    ds->y = ds->X ? nn_alloc(n, sizeof *ds->y, "targets", s->err) : NULL;
    if (ds->y && s->names)
        ds->feature_names = nn_alloc(m, sizeof *ds->feature_names, "feature names", s->err);
    if (!ds->y || (s->names && !ds->feature_names)) {
        nn_dataset_free(ds);
        return NULL;
    }
    memcpy(ds->y, s->y.data, n * sizeof *ds->y);
    if (csv_impute(s, ds) != NN_OK) { /* before the names move: messages use them */
        nn_dataset_free(ds);
        return NULL;
    }
    if (s->names) /* the names move from the parser to the data set */
        for (size_t col = 0, j = 0; col < s->n_columns; col++) {
            if (col == s->target)
                ds->target_name = s->names[col];
            else
                ds->feature_names[j++] = s->names[col];
            s->names[col] = NULL;
        }
    return ds;
}

nn_csv_options nn_csv_defaults(void)
{
    nn_csv_options opt = {',', 1, NULL, -1, NN_CSV_MISSING_ERROR};
    return opt;
}

nn_dataset *nn_data_parse_csv(const char *name, const char *text, size_t len,
                              const nn_csv_options *opt, nn_error *err)
{
    name = name ? name : "<input>";
    nn_csv_options o = opt ? *opt : nn_csv_defaults();
    if (!text && len > 0) {
        nn_error_set(err, NN_ERR_ARG, "parse_csv: text is NULL");
        return NULL;
    }
    if (o.delimiter == '"' || o.delimiter == '\n' || o.delimiter == '\r' ||
        o.delimiter == '\0') {
        nn_error_set(err, NN_ERR_ARG,
                     "the delimiter cannot be a quote, a line break or NUL (got byte %d)",
                     (int)(unsigned char)o.delimiter);
        return NULL;
    }
    if (o.target && !o.header) {
        nn_error_set(err, NN_ERR_ARG,
                     "a target chosen by name needs a header row; without one, choose it by "
                     "target_column");
        return NULL;
    }
    if (o.missing != NN_CSV_MISSING_ERROR && o.missing != NN_CSV_MISSING_MEAN) {
        nn_error_set(err, NN_ERR_ARG, "unknown missing-value policy %d", (int)o.missing);
        return NULL;
    }

    csv_state s;
    memset(&s, 0, sizeof s);
    s.c = (cursor){name, text ? text : "", len, 0, 1, 0};
    s.opt = o;
    s.fields.size = sizeof(csv_field);
    s.scratch.size = 1;
    s.x.size = s.y.size = sizeof(double);
    s.err = err;

    nn_dataset *ds = NULL;
    c_locale loc;
    if (c_locale_enter(&loc, err)) {
        nn_status status = csv_rows(&s);
        c_locale_leave(&loc);
        if (status == NN_OK && s.y.len == 0)
            nn_error_at(err, NN_ERR_PARSE, name, 0, 0, "no data rows%s",
                        s.names ? " after the header" : "");
        else if (status == NN_OK)
            ds = csv_build(&s);
    }
    if (s.names)
        for (size_t j = 0; j < s.n_columns; j++)
            nn_alloc_free(s.names[j]);
    nn_alloc_free(s.names);
    nn_alloc_free(s.missing);
    vec_free(&s.fields);
    vec_free(&s.scratch);
    vec_free(&s.x);
    vec_free(&s.y);
    return ds;
}

nn_dataset *nn_data_load_csv(const char *path, const nn_csv_options *opt, nn_error *err)
{
    size_t len = 0;
    char *text = read_file(path, &len, err);
    if (!text)
        return NULL;
    nn_dataset *ds = nn_data_parse_csv(path, text, len, opt, err);
    nn_alloc_free(text);
    return ds;
}

/* ------------------------------------------------------------------------------------
 * 7. Taking the rows of a split
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
