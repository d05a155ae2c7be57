/* data_libsvm.c - the LIBSVM loader of chapter 8, which reads data/heart_scale.
 *
 * One sample per line, so we first find the line's end (checking each byte for NUL
 * and the line's length), cut the line at '#' (a comment) and drop a CR before the LF.
 * What remains is read token by token: the label (unless the file holds features
 * alone), an optional qid:N, then index:value pairs. The pairs go into a list of (row, column, value) entries; when every line has
 * been read and the width is known, one dense matrix is allocated and filled.
 *
 * The lexer's pieces (the cursor, numbers, quoting, growable arrays) are data.c's; the
 * contract and the limits are in data.h.
 */
#include "data.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "data_internal.h"

typedef struct sparse_entry {
    size_t row, col; /* col is 0-based: index - 1 */
    double value;
} sparse_entry;

typedef struct libsvm_state {
    cursor c;
    size_t fixed_features; /* 0 = as many as the largest index */
    int features_only;     /* no label on the lines: new data to predict */
    size_t max_index;
    int has_qid;           /* -1 before the first sample, then 0 or 1 for the whole file */
    vec labels, qids, entries;
    nn_error *err;
} libsvm_state;

/* The label, the first token of a line. */
static nn_status libsvm_label(libsvm_state *s, const char *t, size_t len, size_t col)
{
    char q[QUOTE_MAX * 4 + 8];
    if (memchr(t, ':', len))
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "expected a label (a number) at the start of the line, found "
                           "the feature %s: is the label missing?",
                           nn_data_quote(t, len, q));
    double label = 0.0;
    number_status st = nn_data_parse_number(t, len, &label);
    if (st != NUMBER_OK)
        return nn_data_number_error(&s->c, s->c.line, col, st, "the label", t, len, s->err);
    double *slot = nn_data_vec_push(&s->labels, s->err);
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
                           nn_data_quote(d, n, q));
    int64_t *slot = nn_data_vec_push(&s->qids, s->err);
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
                           "expected index:value, found %s%s", nn_data_quote(t, len, q),
                           s->features_only ? " (a file of features alone has no labels)"
                                            : "");
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
                           nn_data_quote(t, key_len, q));
    size_t index = 0;
    for (size_t i = 0; i < key_len; i++) {
        if (!is_digit(t[i]))
            return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                               "expected a feature index (a whole number >= 1) before ':', "
                               "found %s",
                               nn_data_quote(t, key_len, q));
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
                           nn_data_quote(t, key_len, q), s->fixed_features);
    if (index > NN_DATA_MAX_FEATURES)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, s->c.line, col,
                           "feature index %s is larger than the limit of %u features",
                           nn_data_quote(t, key_len, q), NN_DATA_MAX_FEATURES);

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
    number_status st = nn_data_parse_number(colon + 1, len - key_len - 1, &value);
    if (st != NUMBER_OK)
        return nn_data_number_error(&s->c, s->c.line, col + key_len + 1, st, what,
                                    colon + 1, len - key_len - 1, s->err);
    sparse_entry *e = nn_data_vec_push(&s->entries, s->err);
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
        if (token == 0 && s->features_only) { /* no label: a row starts here */
            double *row = nn_data_vec_push(&s->labels, s->err);
            status = row ? NN_OK : NN_ERR_NOMEM;
            token++;
        }
        if (status != NN_OK) {
            break;
        } else if (token == 0) {
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
    if (status == NN_OK && token == 1 && !s->features_only) /* a label alone: the qid rule
                                                                holds all the same */
        status = libsvm_qid(s, 0, NULL, 0, column_of(c, stop));
    return status;
}

/* Splits the text into lines and reads each. */
static nn_status libsvm_lines(libsvm_state *s)
{
    cursor *c = &s->c;
    nn_data_skip_bom(c);
    while (c->pos < c->len) {
        size_t start = c->pos, end = start;
        for (; end < c->len && c->text[end] != '\n'; end++) {
            nn_status status = nn_data_check_byte(c, end, s->err);
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
    bool want_y = !s->features_only, want_qid = s->has_qid == 1;
    if (ds->X && want_y)
        ds->y = nn_alloc(n, sizeof *ds->y, "targets", s->err);
    if (ds->X && (ds->y || !want_y) && want_qid)
        ds->qid = nn_alloc(n, sizeof *ds->qid, "qids", s->err);
    if (!ds->X || (want_y && !ds->y) || (want_qid && !ds->qid)) {
        nn_dataset_free(ds);
        return NULL;
    }
    if (ds->y)
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
    s.features_only = opt && opt->features_only;
    s.has_qid = -1;
    s.labels.size = sizeof(double);
    s.qids.size = sizeof(int64_t);
    s.entries.size = sizeof(sparse_entry);
    s.err = err;

    nn_dataset *ds = NULL;
    c_locale loc;
    if (nn_data_c_locale_enter(&loc, err)) {
        nn_status status = libsvm_lines(&s);
        nn_data_c_locale_leave(&loc);
        if (status == NN_OK && s.labels.len == 0)
            nn_error_at(err, NN_ERR_PARSE, name, 0, 0, "no samples: expected lines of '%s'",
                        s.features_only ? "index:value ..." : "label index:value ...");
        else if (status == NN_OK)
            ds = libsvm_build(&s);
    }
    nn_data_vec_free(&s.labels);
    nn_data_vec_free(&s.qids);
    nn_data_vec_free(&s.entries);
    return ds;
}

nn_dataset *nn_data_load_libsvm(const char *path, const nn_libsvm_options *opt, nn_error *err)
{
    size_t len = 0;
    char *text = nn_data_read_file(path, &len, err);
    if (!text)
        return NULL;
    nn_dataset *ds = nn_data_parse_libsvm(path, text, len, opt, err);
    nn_alloc_free(text);
    return ds;
}
