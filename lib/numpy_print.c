/* numpy_print.c - numbers printed the way numpy and Python print them.
 *
 * Chapter 5 introduces it, to show an nn_matrix exactly as numpy's repr() shows the same
 * array, and chapter 6 uses it on every line the tutorial prints. Nothing here is about
 * neural networks: it exists so that a learner can put the C program's output beside
 * the Python tutorial's and see the same characters. The file first finds the digits of
 * one number (the shortest decimal that reads back as the same double), then writes one
 * number as Python's str() does, then whole arrays as numpy's repr() does.
 */
#include "numpy_print.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* ---- How numpy decides what to print ---------------------------------------------------
 *
 * numpy's repr() of a float64 array is the product of three decisions, made in order.
 *
 * 1. The digits of each number. numpy's Dragon4 prints the shortest decimal that reads
 *    back as the same double (0.1 is "0.1", not 0.1000000000000000055...), but never
 *    more than 8 digits after the point: longer numbers are rounded exactly at the 8th.
 *
 * 2. One notation for the whole array. If the nonzero finite magnitudes span too much
 *    (max >= 1e8, min < 1e-4, or max/min > 1000) every element is written in scientific
 *    notation with a shared number of digits; otherwise positionally, every element
 *    padded with spaces so the decimal points line up ("array([0.5 , 0.25])").
 *
 * 3. The layout: ", " between elements, lines wrapped before column 75 with a hanging
 *    indent under "array(", rows of a matrix on lines of their own, and arrays of more
 *    than 1000 elements cut down to their first and last 3 items per axis with "...".
 */

/* A positive decimal number d1.d2d3...dn x 10^exp10, with no trailing zeros in digits
 * (zero itself is "0" with exponent 0). */
typedef struct decimal {
    char digits[40];
    int ndigits;
    int exp10;
} decimal;

/* Reads printf's "%e" or "%f" text for a nonnegative number into d. */
static void decimal_parse(const char *s, decimal *d)
{
    int n = 0, point = -1;
    for (; *s && *s != 'e'; s++) {
        if (*s == '.')
            point = n;
        else if (n < (int)sizeof d->digits)
            d->digits[n++] = *s;
    }
    int exp10 = (*s == 'e' ? (int)strtol(s + 1, NULL, 10) : 0) + (point < 0 ? n : point) - 1;
    int lead = 0;
    while (lead < n && d->digits[lead] == '0')
        lead++;
    if (lead == n) {
        d->digits[0] = '0';
        d->ndigits = 1;
        d->exp10 = 0;
        return;
    }
    memmove(d->digits, d->digits + lead, (size_t)(n - lead));
    n -= lead;
    while (d->digits[n - 1] == '0')
        n--;
    d->ndigits = n;
    d->exp10 = exp10 - lead;
}

/* x (positive, finite) correctly rounded to p significant digits. */
static void decimal_round(double x, int p, decimal *d)
{
    char text[64];
    snprintf(text, sizeof text, "%.*e", p - 1, x);
    decimal_parse(text, d);
}

/* Does the decimal read back as exactly x? */
static int decimal_reads_as(const decimal *d, double x)
{
    char text[64];
    snprintf(text, sizeof text, "%c.%.*se%d", d->digits[0], d->ndigits - 1, d->digits + 1,
             d->exp10);
    return strtod(text, NULL) == x;
}

/* Is there a p-digit decimal that reads back as x? The correctly rounded one is the
 * closest, so if any p-digit decimal lands in x's rounding interval, it does. (One
 * exception: a power of two has a gap below it half the gap above, so the nearest
 * decimal can miss below while the next one up still reads back. That happens only at
 * 16 or 17 digits, far past the 9 that numpy shows, so it cannot change what we print.) */
static int decimal_candidate(double x, int p, decimal *d)
{
    decimal_round(x, p, d);
    return decimal_reads_as(d, x);
}

/* The shortest decimal that reads back as x (positive, finite). The closest (p+1)-digit
 * decimal is at least as close to x as the closest p-digit one, so once some length
 * reads back every longer one does, and a binary search over 1..17 finds the least;
 * 17 digits always suffice for a double. */
static void decimal_shortest(double x, decimal *d)
{
    int lo = 1, hi = 17;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (decimal_candidate(x, mid, d))
            hi = mid;
        else
            lo = mid + 1;
    }
    decimal_candidate(x, lo, d);
}

/* Digits after the point when d is written positionally (12.5 -> 1, 300 -> 0). */
static int decimal_fraction_len(const decimal *d)
{
    int len = d->ndigits - 1 - d->exp10;
    return len > 0 ? len : 0;
}

/* ---- One number, as Python's str() writes it ------------------------------------------ */

/* Python's str(x) of a float (and numpy's of a float64 scalar): the shortest digits that
 * read back as x, positionally from 1e-4 up to 1e16 ("0.00123", "12.5", "120.0") and in
 * scientific notation outside ("1.5e-05", "1e+16"). */
void nn_python_float_str(double x, char out[NN_PYTHON_FLOAT_MAX])
{
    if (!isfinite(x)) {
        strcpy(out, isnan(x) ? "nan" : x < 0 ? "-inf" : "inf");
        return;
    }
    decimal d;
    if (x == 0.0)
        decimal_parse("0", &d);
    else
        decimal_shortest(fabs(x), &d); /* |x| = d1.d2...dn x 10^exp10 */
    char *p = out;
    if (signbit(x))
        *p++ = '-';
    double ax = fabs(x);
    if (ax != 0.0 && (ax < 1e-4 || ax >= 1e16)) { /* 1.5e-05 */
        *p++ = d.digits[0];
        if (d.ndigits > 1)
            p += sprintf(p, ".%.*s", d.ndigits - 1, d.digits + 1);
        sprintf(p, "e%c%02d", d.exp10 < 0 ? '-' : '+', abs(d.exp10));
        return;
    }
    if (d.exp10 < 0) { /* 0.00123 */
        p += sprintf(p, "0.");
        for (int i = 0; i < -d.exp10 - 1; i++)
            *p++ = '0';
        p += sprintf(p, "%.*s", d.ndigits, d.digits);
    } else { /* 12.5, 120.0 */
        for (int i = 0; i <= d.exp10; i++)
            *p++ = i < d.ndigits ? d.digits[i] : '0';
        *p++ = '.';
        if (d.ndigits <= d.exp10 + 1)
            *p++ = '0';
        for (int i = d.exp10 + 1; i < d.ndigits; i++)
            *p++ = d.digits[i];
    }
    *p = '\0';
}

/* ---- Arrays, as numpy's repr() writes them ---------------------------------------------- */

/* numpy's precision: at most 8 digits after the point (positional) or after the first
 * digit (scientific). */
#define PRECISION 8

/* The digits numpy prints for |x| (finite): the shortest round-trip decimal, unless
 * that needs more than PRECISION digits, in which case |x| rounded exactly at the
 * PRECISION-th digit (printf rounds the exact binary value, ties to even, as Dragon4
 * does). */
static void element_digits(double x, int scientific, decimal *d)
{
    x = fabs(x);
    if (x == 0.0) {
        decimal_parse("0", d);
        return;
    }
    decimal_shortest(x, d);
    if (scientific ? d->ndigits - 1 > PRECISION : decimal_fraction_len(d) > PRECISION) {
        char text[400];
        snprintf(text, sizeof text, scientific ? "%.*e" : "%.*f", PRECISION, x);
        decimal_parse(text, d);
    }
}

/* Decision 2: how every element of one array is written. */
typedef struct float_format {
    int scientific;
    int pad_left;   /* characters before the point, sign included */
    int pad_right;  /* characters after the point (scientific: mantissa + exponent) */
    int precision;  /* scientific: digits after the point */
    int exp_digits; /* scientific: digits of the exponent, at least 2 */
} float_format;

/* The elements an array shows: all of them, or with summarisation the first and last
 * EDGE along each axis longer than 2*EDGE. A 1-D array is a single row. */
#define THRESHOLD 1000
#define EDGE 3

typedef struct shown_array {
    const double *data;
    size_t rows, cols;
    int ndim;
    int summarise;
} shown_array;

static size_t shown_count(const shown_array *a, size_t n)
{
    return a->summarise && n > 2 * EDGE ? 2 * EDGE : n;
}

/* The index in 0..n) of the k-th shown item along an axis of length n. */
static size_t shown_index(const shown_array *a, size_t n, size_t k)
{
    return a->summarise && n > 2 * EDGE && k >= EDGE ? n - 2 * EDGE + k : k;
}

static double shown_value(const shown_array *a, size_t r, size_t c)
{
    return a->data[shown_index(a, a->rows, r) * a->cols + shown_index(a, a->cols, c)];
}

/* Characters before the point in the positional form of x: sign and integer part. */
static int integer_len(double x, const decimal *d)
{
    return (signbit(x) ? 1 : 0) + (d->exp10 >= 0 ? d->exp10 + 1 : 1);
}

static int exponent_digits(int exp10)
{
    int n = 0;
    for (exp10 = abs(exp10); exp10 > 0; exp10 /= 10)
        n++;
    return n < 2 ? 2 : n;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* numpy's FloatingFormat.fillFormat: passes over the shown elements to choose the
 * notation, then the widths. Only finite numbers count; nan and inf fit in after. */
static float_format choose_format(const shown_array *a)
{
    float_format f = {0, 0, 0, 0, 2};
    size_t nr = shown_count(a, a->rows), nc = shown_count(a, a->cols);
    double max = 0.0, min = INFINITY;
    int any_nonfinite = 0, neg_inf = 0;
    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            double x = shown_value(a, r, c);
            if (!isfinite(x)) {
                any_nonfinite = 1;
                neg_inf |= isinf(x) && x < 0;
            } else if (x != 0.0) {
                max = fmax(max, fabs(x));
                min = fmin(min, fabs(x));
            }
        }
    /* The ratio may overflow to infinity, which is still > 1000. */
    f.scientific = max != 0.0 && (max >= 1e8 || min < 1e-4 || max / min > 1000.0);

    for (size_t r = 0; r < nr; r++)
        for (size_t c = 0; c < nc; c++) {
            double x = shown_value(a, r, c);
            if (!isfinite(x))
                continue;
            decimal d;
            element_digits(x, f.scientific, &d);
            if (f.scientific) {
                f.pad_left = max_int(f.pad_left, signbit(x) ? 2 : 1);
                f.precision = max_int(f.precision, d.ndigits - 1);
                f.exp_digits = max_int(f.exp_digits, exponent_digits(d.exp10));
            } else {
                f.pad_left = max_int(f.pad_left, integer_len(x, &d));
                f.pad_right = max_int(f.pad_right, decimal_fraction_len(&d));
            }
        }
    if (f.scientific)
        f.pad_right = f.precision + 2 + f.exp_digits; /* digits, "e+", exponent */

    /* "nan", "inf" and "-inf" are right-aligned in the full width of a number, which
     * they widen if they have to: array([ nan, -inf]). */
    if (any_nonfinite)
        f.pad_left = max_int(f.pad_left, 3 + neg_inf - (f.pad_right + 1));
    return f;
}

/* Room for one formatted element: at most ~25 characters with numpy's precision. */
#define ELEMENT_MAX 64

static char *put_repeat(char *p, char c, int count)
{
    for (; count > 0; count--)
        *p++ = c;
    return p;
}

/* numpy's FloatingFormat.__call__: x in format f, padded to the array's widths. */
static void format_element(const float_format *f, double x, char buf[ELEMENT_MAX])
{
    if (!isfinite(x)) {
        snprintf(buf, ELEMENT_MAX, "%*s", f->pad_left + 1 + f->pad_right,
                 isnan(x) ? "nan" : x < 0 ? "-inf" : "inf");
        return;
    }
    char *p = buf;
    if (f->scientific) {
        /* Every element shows exactly f->precision digits after the point, and they are
         * the exact binary value rounded there, not the shortest digits padded with
         * zeros. The two agree for normal doubles (which carry ~17 digits), but a
         * subnormal carries fewer: 5e-324 reads back from "5e-324", yet numpy prints it
         * as 4.94065646e-324 beside numbers that need 8 digits. "%#.*e" keeps the point
         * even with no digits after it ("5.e-324"). */
        char sci[ELEMENT_MAX];
        snprintf(sci, sizeof sci, "%#.*e", f->precision, fabs(x));
        char *e = strchr(sci, 'e');
        int exponent = (int)strtol(e + 1, NULL, 10);
        *e = '\0';
        int left = signbit(x) ? 2 : 1;
        p = put_repeat(p, ' ', f->pad_left - left);
        snprintf(p, (size_t)(buf + ELEMENT_MAX - p), "%s%se%c%0*d", signbit(x) ? "-" : "",
                 sci, exponent < 0 ? '-' : '+', f->exp_digits, abs(exponent));
        return;
    }
    decimal d;
    element_digits(x, 0, &d);
    p = put_repeat(p, ' ', f->pad_left - integer_len(x, &d));
    if (signbit(x))
        *p++ = '-';
    /* positional: the digits before the point (at least "0"), the point, the zeros
     * between the point and the first digit, the remaining digits, then spaces so the
     * points of a column line up: "0.5 " above "0.25" */
    int whole = d.exp10 >= 0 ? d.exp10 + 1 : 0;
    if (whole == 0)
        *p++ = '0';
    for (int i = 0; i < whole; i++)
        *p++ = i < d.ndigits ? d.digits[i] : '0';
    *p++ = '.';
    p = put_repeat(p, '0', d.exp10 < 0 ? -d.exp10 - 1 : 0);
    for (int i = whole; i < d.ndigits; i++)
        *p++ = d.digits[i];
    p = put_repeat(p, ' ', f->pad_right - decimal_fraction_len(&d));
    *p = '\0';
}

/* Decision 3, the layout, builds the text in a growing buffer. An allocation failure
 * is remembered and turns every later write into a no-op, so the layout code reads
 * straight through and the error is checked once at the end. */
typedef struct text {
    char *buf;
    size_t len, cap;
    size_t line_start; /* index just after the last '\n' */
    nn_status status;
    nn_error *err;
} text;

static void text_put(text *t, const char *s, size_t n)
{
    if (t->status != NN_OK)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        while (cap < t->len + n + 1)
            cap *= 2;
        char *buf = nn_alloc(cap, 1, "matrix text", t->err);
        if (!buf) {
            t->status = NN_ERR_NOMEM;
            return;
        }
        if (t->len)
            memcpy(buf, t->buf, t->len);
        nn_alloc_free(t->buf);
        t->buf = buf;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

static void text_puts(text *t, const char *s)
{
    text_put(t, s, strlen(s));
}

/* A line break followed by the hanging indent that lines elements up under "array(". */
static void text_newline(text *t, size_t indent)
{
    while (t->status == NN_OK && t->len > t->line_start && t->buf[t->len - 1] == ' ')
        t->buf[--t->len] = '\0'; /* numpy strips the separator's trailing space */
    text_puts(t, "\n");
    t->line_start = t->len;
    for (size_t i = 0; i < indent; i++)
        text_puts(t, " ");
}

/* numpy's _extendLine: a word that would pass the line's width goes to a new line,
 * unless the line holds nothing but the indent (wrapping would not help). */
static void put_word(text *t, const char *word, size_t indent, size_t width)
{
    size_t column = t->len - t->line_start;
    if (column + strlen(word) > width && column > indent)
        text_newline(t, indent);
    text_puts(t, word);
}

/* numpy's default line width, and the hanging indent of "array(" plus one "[". */
#define LINE_WIDTH 75
#define INDENT 7

/* The elements of row r, separated by ", ", each line ending before column width. */
static void put_row(text *t, const shown_array *a, const float_format *f, size_t r,
                    size_t indent, size_t width)
{
    size_t n = shown_count(a, a->cols);
    for (size_t c = 0; c < n; c++) {
        if (c == EDGE && n < a->cols) {
            put_word(t, "...", indent, width);
            text_puts(t, ", ");
        }
        char word[ELEMENT_MAX];
        format_element(f, shown_value(a, r, c), word);
        put_word(t, word, indent, width);
        if (c + 1 < n)
            text_puts(t, ", ");
    }
}

/* numpy's _formatArray for one and two dimensions. The widths count what must still
 * fit after an element: the closing ")" of "array(...)", one "]" for each row of a
 * matrix, and the "," or "]" that follows the element itself. A matrix row's wrapped
 * lines are indented one space further, under its "[". */
static void put_array(text *t, const shown_array *a)
{
    size_t size = a->rows * a->cols;
    if (size == 0) {
        char shape[64];
        snprintf(shape, sizeof shape, ", shape=(%zu, %zu)", a->rows, a->cols);
        text_puts(t, "array([]");
        if (a->ndim == 2)
            text_puts(t, shape);
        text_puts(t, ", dtype=float64)");
        return;
    }
    float_format f = choose_format(a);
    text_puts(t, "array([");
    if (a->ndim == 1) {
        put_row(t, a, &f, 0, INDENT, LINE_WIDTH - 1 /* ) */ - 1 /* , or ] */);
    } else {
        size_t n = shown_count(a, a->rows);
        for (size_t r = 0; r < n; r++) {
            if (r == EDGE && n < a->rows) {
                text_puts(t, "...,");
                text_newline(t, INDENT);
            }
            text_puts(t, "[");
            put_row(t, a, &f, r, INDENT + 1, LINE_WIDTH - 2 /* ]) */ - 1 /* , or ] */);
            text_puts(t, "]");
            if (r + 1 < n) {
                text_puts(t, ",");
                text_newline(t, INDENT);
            }
        }
    }
    text_puts(t, "])");
}

static char *format_shown(const shown_array *a, nn_error *err)
{
    text t = {NULL, 0, 0, 0, NN_OK, err};
    put_array(&t, a);
    if (t.status != NN_OK) {
        nn_alloc_free(t.buf);
        return NULL;
    }
    return t.buf;
}

char *nn_matrix_format(const nn_matrix *m, nn_error *err)
{
    if (!m) {
        nn_error_set(err, NN_ERR_ARG, "matrix_format: matrix is NULL");
        return NULL;
    }
    shown_array a = {m->data, m->rows, m->cols, 2, m->rows * m->cols > THRESHOLD};
    return format_shown(&a, err);
}

char *nn_array_format(const double *v, size_t n, nn_error *err)
{
    if (!v && n) {
        nn_error_set(err, NN_ERR_ARG, "array_format: values are NULL");
        return NULL;
    }
    shown_array a = {v, 1, n, 1, n > THRESHOLD};
    return format_shown(&a, err);
}

/* Printing is formatting plus one write, so the two can never disagree. */
static nn_status print_text(FILE *f, char *s)
{
    if (!s)
        return NN_ERR_NOMEM;
    int failed = fputs(s, f) == EOF || fputc('\n', f) == EOF;
    nn_alloc_free(s);
    return failed ? NN_ERR_IO : NN_OK;
}

nn_status nn_matrix_print(FILE *f, const nn_matrix *m)
{
    if (!f || !m)
        return NN_ERR_ARG;
    return print_text(f, nn_matrix_format(m, NULL));
}

nn_status nn_array_print(FILE *f, const double *v, size_t n)
{
    if (!f || (!v && n))
        return NN_ERR_ARG;
    return print_text(f, nn_array_format(v, n, NULL));
}
