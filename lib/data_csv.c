/* data_csv.c - the CSV loader of chapter 8, for a data set of the learner's own.
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
 *
 * The lexer's pieces (the cursor, numbers, quoting, growable arrays) are data.c's; the
 * contract, the options and the limits are in data.h.
 */
#include "data.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "data_internal.h"

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
    size_t target;    /* the target's column (SIZE_MAX: none, features only) */
    size_t rows;      /* data rows read */
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
        char *ch = nn_data_vec_push(&s->scratch, s->err);
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
        snprintf(buf, size, "column %s",
                 nn_data_quote(s->names[j], strlen(s->names[j]), q));
    else
        snprintf(buf, size, "column %zu", j + 1);
    return buf;
}

/* A copy of len bytes as a NUL-terminated string. */
static char *copy_text(const char *s, size_t len, nn_error *err)
{
    char *copy = nn_alloc(len + 1, 1, "text", err);
    if (copy && len)
        memcpy(copy, s, len);
    return copy;
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

/* For new data: the first row (header or data) has the features the model expects, and
 * a header names them as the model does. */
static nn_status csv_check_features(csv_state *s, size_t line, int header)
{
    const csv_field *f = s->fields.data;
    size_t want = s->opt.n_features, have = s->n_columns - (s->target != SIZE_MAX);
    if (want && have != want)
        return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, line, 1,
                           "%s %zu feature%s, but %zu %s expected",
                           header ? "the header names" : "this row has", have,
                           have == 1 ? "" : "s", want, want == 1 ? "is" : "are");
    char q1[QUOTE_MAX * 4 + 8], q2[QUOTE_MAX * 4 + 8];
    for (size_t col = 0, j = 0; header && want && s->opt.feature_names && col < s->n_columns;
         col++) {
        if (col == s->target)
            continue;
        const char *name = s->names[col], *expected = s->opt.feature_names[j++];
        if (strcmp(name, expected) != 0)
            return nn_error_at(s->err, NN_ERR_PARSE, s->c.name, f[col].line, f[col].column,
                               "column %zu is named %s, but the model was trained with %s "
                               "there", col + 1, nn_data_quote(name, strlen(name), q1),
                               nn_data_quote(expected, strlen(expected), q2));
    }
    return NN_OK;
}

/* Picks the target column once the number of columns is known (line: the first row). */
static nn_status csv_choose_target(csv_state *s, size_t line, int header)
{
    char q[QUOTE_MAX * 4 + 8];
    if (s->opt.features_only) {
        s->target = SIZE_MAX;
        return csv_check_features(s, line, header);
    }
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
        nn_data_quote(s->opt.target, strlen(s->opt.target), q);
        if (count == 0) {
            /* list the names there are, as far as a line allows */
            char names[256] = "", one[QUOTE_MAX * 4 + 8];
            for (size_t j = 0; j < s->n_columns; j++) {
                nn_data_quote(s->names[j], strlen(s->names[j]), one);
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
        return csv_check_features(s, line, header);
    }
    long k = s->opt.target_column, n = (long)s->n_columns;
    if (k < -n || k >= n)
        return nn_error_at(s->err, NN_ERR_ARG, s->c.name, line, 0,
                           "target column %ld is out of range: the rows have %zu columns "
                           "(0 .. %zu, or -1 .. -%zu from the end)",
                           k, s->n_columns, s->n_columns - 1, s->n_columns);
    s->target = (size_t)(k < 0 ? k + n : k);
    return csv_check_features(s, line, header);
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
        if ((status = csv_choose_target(s, row_line, 0)) != NN_OK)
            return status;
    }
    s->rows++;
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
            number_status st = nn_data_parse_number(t, len, &v);
            if (st != NUMBER_OK)
                return nn_data_number_error(&s->c, f[j].line, f[j].column, st,
                                            column_label(s, j, label, sizeof label), t,
                                            len, s->err);
        }
        double *slot = nn_data_vec_push(j == s->target ? &s->y : &s->x, s->err);
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
        nn_status status = nn_data_check_byte(c, c->pos, s->err);
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
        nn_status status = nn_data_check_byte(c, c->pos, s->err);
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
                           s->opt.delimiter,
                           nn_data_quote(c->text + c->pos, e - c->pos, q));
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
        nn_status status = nn_data_check_byte(c, c->pos, s->err);
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
    nn_data_skip_bom(c);
    int header_pending = s->opt.header;
    while (c->pos < c->len) {
        if (blank_line(s)) {
            while (c->pos < c->len && !at_line_end(c)) {
                nn_status status = nn_data_check_byte(c, c->pos, s->err);
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
            csv_field *f = nn_data_vec_push(&s->fields, s->err);
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
                status = csv_choose_target(s, row_line, 1);
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
    bool has_y = s->target != SIZE_MAX;
    size_t n = s->rows, m = s->n_columns - has_y;
    nn_dataset *ds = nn_alloc(1, sizeof *ds, "data set", s->err);
    if (!ds)
        return NULL;
    ds->X = nn_matrix_from_array(n, m, s->x.data, s->err);
    if (ds->X && has_y)
        ds->y = nn_alloc(n, sizeof *ds->y, "targets", s->err);
    if (ds->X && (ds->y || !has_y) && s->names)
        ds->feature_names = nn_alloc(m, sizeof *ds->feature_names, "feature names", s->err);
    if (!ds->X || (has_y && !ds->y) || (s->names && !ds->feature_names)) {
        nn_dataset_free(ds);
        return NULL;
    }
    if (has_y)
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
    nn_csv_options opt = {',', 1, NULL, -1, NN_CSV_MISSING_ERROR, 0, 0, NULL};
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
    if (o.features_only && o.target) {
        nn_error_set(err, NN_ERR_ARG, "features_only loads no target: leave target NULL");
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
    if (nn_data_c_locale_enter(&loc, err)) {
        nn_status status = csv_rows(&s);
        nn_data_c_locale_leave(&loc);
        if (status == NN_OK && s.rows == 0)
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
    nn_data_vec_free(&s.fields);
    nn_data_vec_free(&s.scratch);
    nn_data_vec_free(&s.x);
    nn_data_vec_free(&s.y);
    return ds;
}

nn_dataset *nn_data_load_csv(const char *path, const nn_csv_options *opt, nn_error *err)
{
    size_t len = 0;
    char *text = nn_data_read_file(path, &len, err);
    if (!text)
        return NULL;
    nn_dataset *ds = nn_data_parse_csv(path, text, len, opt, err);
    nn_alloc_free(text);
    return ds;
}
