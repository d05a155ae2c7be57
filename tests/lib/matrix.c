/* tests/lib/matrix.c - unit tests for nn_matrix (lib/matrix.h).
 *
 * Two kinds of test. The printing tests compare nn_matrix_format and nn_array_format
 * with numpy's own repr() of 100-odd arrays, stored in fixtures/matrix.h by
 * tools/fixtures/matrix.py. The arithmetic tests use small cases whose answers can be
 * checked by hand, plus each operation's shape errors, whose messages must name both
 * shapes.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "matrix.h"
#include "numpy_print.h"
#include "fixtures/matrix.h"

TestSuite(matrix, .timeout = 10);

/* ---- helpers ---------------------------------------------------------------------- */

static nn_matrix *make(size_t rows, size_t cols, const double *values)
{
    nn_error err = {NN_OK, ""};
    nn_matrix *m = nn_matrix_from_array(rows, cols, values, &err);
    cr_assert_not_null(m, "nn_matrix_from_array(%zu, %zu) failed: %s", rows, cols,
                       err.message);
    return m;
}

/* m has the given shape and exactly the given elements (== also tells 0.0 from -0.0
 * apart only through signbit, checked separately where it matters). */
static void expect_matrix(const nn_matrix *m, size_t rows, size_t cols,
                          const double *expected, const char *what)
{
    cr_assert_eq(m->rows, rows, "%s: expected %zu rows, got %zu", what, rows, m->rows);
    cr_assert_eq(m->cols, cols, "%s: expected %zu cols, got %zu", what, cols, m->cols);
    for (size_t k = 0; k < rows * cols; k++)
        cr_expect(m->data[k] == expected[k], "%s: element (%zu, %zu) expected %.17g, got %.17g",
                  what, k / cols, k % cols, expected[k], m->data[k]);
}

/* The call failed with the given code and exactly the given message. */
static void expect_error(nn_status got, const nn_error *err, nn_status code,
                         const char *message)
{
    cr_expect_eq(got, code, "expected status %s, got %s", nn_status_name(code),
                 nn_status_name(got));
    cr_expect_eq(err->code, code, "err.code: expected %s, got %s", nn_status_name(code),
                 nn_status_name(err->code));
    cr_expect_str_eq(err->message, message, "message\n expected: %s\n      got: %s", message,
                     err->message);
}

/* The fixture's repr, joined from its lines (malloc'd). */
static char *fixture_repr(const matrix_fixture *fx)
{
    size_t len = 0;
    for (const char *const *line = fx->repr; *line; line++)
        len += strlen(*line);
    char *text = malloc(len + 1);
    cr_assert_not_null(text);
    text[0] = '\0';
    for (const char *const *line = fx->repr; *line; line++)
        strcat(text, *line);
    return text;
}

/* Everything f writes, as a malloc'd string. */
typedef struct capture {
    FILE *f;
    char *text;
    size_t len;
} capture;

static void capture_open(capture *c)
{
    c->text = NULL;
    c->len = 0;
    c->f = open_memstream(&c->text, &c->len);
    cr_assert_not_null(c->f, "open_memstream failed");
}

static char *capture_close(capture *c)
{
    fclose(c->f);
    return c->text;
}

/* ---- printing: exactly numpy's repr() ---------------------------------------------- */

ParameterizedTestParameters(matrix, format_matches_numpy_repr)
{
    static size_t indices[MATRIX_FIXTURE_COUNT];
    for (size_t i = 0; i < MATRIX_FIXTURE_COUNT; i++)
        indices[i] = i;
    return cr_make_param_array(size_t, indices, MATRIX_FIXTURE_COUNT);
}

/* Each fixture: the formatted string is numpy's repr(), and print writes the same text
 * followed by a newline. The library runs first and the checks come after, so that the
 * leak count is taken before any assertion can fail. */
ParameterizedTest(size_t *index, matrix, format_matches_numpy_repr)
{
    const matrix_fixture *fx = &matrix_fixtures[*index];
    char *expected = fixture_repr(fx);
    nn_error err = {NN_OK, ""};
    long live = nn_alloc_live();

    nn_matrix *m = NULL;
    char *formatted;
    if (fx->ndim == 1) {
        formatted = nn_array_format(fx->values, fx->cols, &err);
    } else {
        m = nn_matrix_from_array(fx->rows, fx->cols, fx->values, &err);
        formatted = m ? nn_matrix_format(m, &err) : NULL;
    }
    capture c;
    capture_open(&c);
    nn_status status = fx->ndim == 1 ? nn_array_print(c.f, fx->values, fx->cols)
                                     : nn_matrix_print(c.f, m);
    char *printed = capture_close(&c);
    char *got = formatted ? strdup(formatted) : NULL;
    nn_alloc_free(formatted);
    nn_matrix_free(m);
    long leaked = nn_alloc_live() - live;

    cr_assert_not_null(got, "%s: format failed: %s", fx->name, err.message);
    cr_expect_str_eq(got, expected, "%s (%zu x %zu):\nnumpy repr:\n%s\nnn format:\n%s",
                     fx->name, fx->rows, fx->cols, expected, got);
    cr_expect_eq(status, NN_OK, "%s: print returned %s", fx->name, nn_status_name(status));
    size_t len = strlen(expected);
    cr_expect(strlen(printed) == len + 1 && strncmp(printed, expected, len) == 0 &&
                  printed[len] == '\n',
              "%s: print should write the repr and one newline\nnumpy repr:\n%s\n"
              "nn print:\n%s",
              fx->name, expected, printed);
    cr_expect_eq(leaked, 0, "%s: formatting and printing leaked %ld allocations", fx->name,
                 leaked);
    free(got);
    free(printed);
    free(expected);
}

Test(matrix, tutorial_output_prints_like_the_tutorial)
{
    /* the doubles numpy's 11-line network ends with (see tools/fixtures/matrix.py) */
    const double out[] = {0x1.3cafa1ddbb9a6p-7, 0x1.01b8e708e0d8fp-7, 0x1.fcb7b1e1cd3a4p-1,
                          0x1.fbf718c165b18p-1};
    nn_matrix *m = make(4, 1, out);
    capture c;
    capture_open(&c);
    cr_assert_eq(nn_matrix_print(c.f, m), NN_OK);
    char *text = capture_close(&c);
    cr_expect_str_eq(text,
                     "array([[0.00966449],\n"
                     "       [0.00786506],\n"
                     "       [0.99358898],\n"
                     "       [0.99211957]])\n");
    free(text);
    nn_matrix_free(m);
}

Test(matrix, empty_arrays_print_their_shape)
{
    nn_error err;
    char *s = nn_array_format(NULL, 0, &err);
    cr_assert_not_null(s);
    cr_expect_str_eq(s, "array([], dtype=float64)");
    nn_alloc_free(s);
    nn_matrix *m = nn_matrix_new(0, 4, &err);
    s = nn_matrix_format(m, &err);
    cr_assert_not_null(s);
    cr_expect_str_eq(s, "array([], shape=(0, 4), dtype=float64)");
    nn_alloc_free(s);
    nn_matrix_free(m);
}

Test(matrix, print_and_format_reject_null)
{
    nn_error err = {NN_OK, ""};
    cr_expect_null(nn_matrix_format(NULL, &err));
    cr_expect_eq(err.code, NN_ERR_ARG);
    err.code = NN_OK;
    const double v = 1.0;
    cr_expect_null(nn_array_format(NULL, 3, &err), "NULL values with n = 3 must fail");
    cr_expect_eq(err.code, NN_ERR_ARG);
    cr_expect_eq(nn_matrix_print(stdout, NULL), NN_ERR_ARG);
    cr_expect_eq(nn_array_print(NULL, &v, 1), NN_ERR_ARG);
}

/* Every allocation made while formatting can fail; each failure must come back as
 * NN_ERR_NOMEM without leaking, and with enough allocations the text must appear.
 * (Results are checked after the loop, for the reason given above.) */
Test(matrix, format_survives_every_allocation_failure)
{
    double v[400];
    for (int i = 0; i < 400; i++)
        v[i] = i / 7.0;
    long live = nn_alloc_live();
    int failures = 0, wrong_code = 0, leaks = 0;
    char *s = NULL;
    for (long k = 0; k < 50 && !s; k++) {
        nn_error err = {NN_OK, ""};
        nn_alloc_fail_after(k);
        s = nn_array_format(v, 400, &err);
        nn_alloc_fail_after(-1);
        if (!s) {
            failures++;
            wrong_code += err.code != NN_ERR_NOMEM;
            leaks += nn_alloc_live() != live;
        }
    }
    char *text = s ? strdup(s) : NULL;
    nn_alloc_free(s);
    long leaked = nn_alloc_live() - live;

    cr_assert_not_null(text, "format never succeeded");
    cr_expect_gt(failures, 1, "the 400-element text should need several allocations");
    cr_expect_eq(wrong_code, 0, "%d failures did not report NN_ERR_NOMEM", wrong_code);
    cr_expect_eq(leaks, 0, "%d failed calls leaked", leaks);
    cr_expect_eq(leaked, 0, "the successful call leaked %ld allocations", leaked);
    cr_expect_eq(strncmp(text, "array([ 0.        ,  0.14285714,", 32), 0, "got %s", text);
    free(text);
}

/* ---- making and freeing ------------------------------------------------------------ */

Test(matrix, new_is_zeros_of_the_right_shape)
{
    long live = nn_alloc_live();
    nn_error err;
    nn_matrix *m = nn_matrix_new(2, 3, &err);
    long while_alive = nn_alloc_live() - live;
    cr_assert_not_null(m);
    const double zeros[6] = {0};
    expect_matrix(m, 2, 3, zeros, "zeros((2, 3))");
    for (int k = 0; k < 6; k++)
        cr_expect(!signbit(m->data[k]), "zeros must be +0.0");
    live = nn_alloc_live();
    nn_matrix_free(m);
    nn_matrix_free(NULL); /* a no-op */
    long released = live - nn_alloc_live();
    cr_expect_eq(while_alive, 2, "a matrix is two allocations (header and data)");
    cr_expect_eq(released, 2, "nn_matrix_free must release both allocations");
}

Test(matrix, full_from_array_and_copy)
{
    nn_error err;
    nn_matrix *f = nn_matrix_full(2, 2, -1.5, &err);
    cr_assert_not_null(f);
    expect_matrix(f, 2, 2, (double[]){-1.5, -1.5, -1.5, -1.5}, "full");

    const double v[] = {1, 2, 3, 4, 5, 6};
    nn_matrix *a = make(3, 2, v);
    expect_matrix(a, 3, 2, v, "from_array");
    cr_expect_neq(a->data, v, "from_array must copy, not borrow");
    cr_expect_eq(nn_matrix_get(a, 2, 1), 6.0, "element (2, 1) is data[2*cols + 1]");
    nn_matrix_set(a, 1, 0, 30.0);
    cr_expect_eq(a->data[2], 30.0, "set (1, 0) writes data[1*cols + 0]");

    nn_matrix *c = nn_matrix_copy(a, &err);
    cr_assert_not_null(c);
    expect_matrix(c, 3, 2, (double[]){1, 2, 30, 4, 5, 6}, "copy");
    c->data[0] = 100.0;
    cr_expect_eq(a->data[0], 1.0, "the copy must not share data with the original");
    nn_matrix_free(f);
    nn_matrix_free(a);
    nn_matrix_free(c);
}

Test(matrix, creation_errors)
{
    long live = nn_alloc_live();
    nn_error null_values = {NN_OK, ""}, null_copy = {NN_OK, ""}, overflow = {NN_OK, ""};
    nn_error no_header = {NN_OK, ""}, no_data = {NN_OK, ""}, empty_err = {NN_OK, ""};
    nn_matrix *r1 = nn_matrix_from_array(2, 2, NULL, &null_values);
    nn_matrix *r2 = nn_matrix_copy(NULL, &null_copy);
    nn_matrix *empty = nn_matrix_from_array(0, 3, NULL, &empty_err);
    nn_matrix_free(empty);
    nn_matrix *r3 = nn_matrix_new((size_t)-1 / 2, 4, &overflow); /* rows*cols overflows */
    nn_alloc_fail_after(0); /* the header allocation fails */
    nn_matrix *r4 = nn_matrix_new(2, 2, &no_header);
    nn_alloc_fail_after(1); /* the data allocation fails: the header must be freed */
    nn_matrix *r5 = nn_matrix_new(2, 2, &no_data);
    nn_alloc_fail_after(-1);
    long leaked = nn_alloc_live() - live;

    cr_expect(!r1 && null_values.code == NN_ERR_ARG, "from_array(2, 2, NULL) is NN_ERR_ARG");
    cr_expect(!r2 && null_copy.code == NN_ERR_ARG, "copy(NULL) is NN_ERR_ARG");
    cr_expect(empty != NULL, "an empty matrix needs no values: %s", empty_err.message);
    cr_expect(!r3 && overflow.code == NN_ERR_NOMEM, "an overflowing size is NN_ERR_NOMEM");
    cr_expect(!r4 && no_header.code == NN_ERR_NOMEM, "a failed header is NN_ERR_NOMEM");
    cr_expect(!r5 && no_data.code == NN_ERR_NOMEM, "failed data is NN_ERR_NOMEM");
    cr_expect_eq(leaked, 0, "failed creations leaked %ld allocations", leaked);
}

/* ---- the matrix product ------------------------------------------------------------ */

static const double A23[] = {1, 2, 3, 4, 5, 6};      /* [[1, 2, 3], [4, 5, 6]] */
static const double B32[] = {7, 8, 9, 10, 11, 12};   /* [[7, 8], [9, 10], [11, 12]] */

Test(matrix, matmul_plain)
{
    nn_error err;
    nn_matrix *a = make(2, 3, A23), *b = make(3, 2, B32), *out = nn_matrix_new(2, 2, &err);
    out->data[0] = 99.0; /* out is overwritten, not accumulated into */
    cr_assert_eq(nn_matrix_matmul(out, a, NN_NO_TRANS, b, NN_NO_TRANS, &err), NN_OK, "%s",
                 err.message);
    /* 1*7+2*9+3*11 = 58, 1*8+2*10+3*12 = 64, 4*7+5*9+6*11 = 139, 4*8+5*10+6*12 = 154 */
    expect_matrix(out, 2, 2, (double[]){58, 64, 139, 154}, "a . b");
    nn_matrix_free(a);
    nn_matrix_free(b);
    nn_matrix_free(out);
}

Test(matrix, matmul_transposed_operands)
{
    nn_error err;
    nn_matrix *a = make(2, 3, A23), *b = make(3, 2, B32);
    nn_matrix *at = make(3, 2, (double[]){1, 4, 2, 5, 3, 6}); /* a^T */
    nn_matrix *bt = make(2, 3, (double[]){7, 9, 11, 8, 10, 12}); /* b^T */
    nn_matrix *o22 = nn_matrix_new(2, 2, &err), *o33 = nn_matrix_new(3, 3, &err);

    /* (a^T)^T . b = a . b */
    cr_assert_eq(nn_matrix_matmul(o22, at, NN_TRANS, b, NN_NO_TRANS, &err), NN_OK, "%s",
                 err.message);
    expect_matrix(o22, 2, 2, (double[]){58, 64, 139, 154}, "at^T . b");
    /* a . (b^T)^T = a . b */
    cr_assert_eq(nn_matrix_matmul(o22, a, NN_NO_TRANS, bt, NN_TRANS, &err), NN_OK, "%s",
                 err.message);
    expect_matrix(o22, 2, 2, (double[]){58, 64, 139, 154}, "a . bt^T");
    /* (a^T)^T . (b^T)^T = a . b */
    cr_assert_eq(nn_matrix_matmul(o22, at, NN_TRANS, bt, NN_TRANS, &err), NN_OK, "%s",
                 err.message);
    expect_matrix(o22, 2, 2, (double[]){58, 64, 139, 154}, "at^T . bt^T");
    /* a^T . a (3 x 3): [[17, 22, 27], [22, 29, 36], [27, 36, 45]] */
    cr_assert_eq(nn_matrix_matmul(o33, a, NN_TRANS, a, NN_NO_TRANS, &err), NN_OK, "%s",
                 err.message);
    expect_matrix(o33, 3, 3, (double[]){17, 22, 27, 22, 29, 36, 27, 36, 45}, "a^T . a");
    /* b . b^T (3 x 3): [[113, 143, 173], [143, 181, 219], [173, 219, 265]] */
    cr_assert_eq(nn_matrix_matmul(o33, b, NN_NO_TRANS, b, NN_TRANS, &err), NN_OK, "%s",
                 err.message);
    expect_matrix(o33, 3, 3, (double[]){113, 143, 173, 143, 181, 219, 173, 219, 265},
                  "b . b^T");
    nn_matrix_free(a);
    nn_matrix_free(b);
    nn_matrix_free(at);
    nn_matrix_free(bt);
    nn_matrix_free(o22);
    nn_matrix_free(o33);
}

/* The terms of each dot product are added in increasing k: (1 + 1e16) - 1e16 is 0 in
 * doubles (1e16 + 1 rounds back to 1e16), while (-1e16 + 1e16) + 1, the reverse order,
 * is 1. */
Test(matrix, matmul_sums_in_k_order)
{
    nn_error err;
    nn_matrix *a = make(1, 3, (double[]){1, 1e16, -1e16});
    nn_matrix *b = make(3, 1, (double[]){1, 1, 1}), *out = nn_matrix_new(1, 1, &err);
    cr_assert_eq(nn_matrix_matmul(out, a, NN_NO_TRANS, b, NN_NO_TRANS, &err), NN_OK);
    cr_expect_eq(out->data[0], 0.0, "expected (1 + 1e16) + -1e16 = 0, got %.17g",
                 out->data[0]);
    nn_matrix_free(a);
    nn_matrix_free(b);
    nn_matrix_free(out);
}

Test(matrix, matmul_errors_name_both_shapes)
{
    nn_error err;
    nn_matrix *a = make(4, 3, (double[12]){0}), *b = make(4, 1, (double[4]){0});
    nn_matrix *out = nn_matrix_new(4, 1, &err), *small = nn_matrix_new(2, 2, &err);
    expect_error(nn_matrix_matmul(out, a, NN_NO_TRANS, b, NN_NO_TRANS, &err), &err,
                 NN_ERR_SHAPE, "matmul: shapes (4, 3) and (4, 1) not aligned: 3 (dim 1) != 4 (dim 0)");
    /* a transposed is 3 x 4; b transposed is 1 x 4 */
    expect_error(nn_matrix_matmul(out, a, NN_TRANS, b, NN_TRANS, &err), &err, NN_ERR_SHAPE,
                 "matmul: shapes (3, 4) and (1, 4) not aligned: 4 (dim 1) != 1 (dim 0)");
    /* a^T . b is (3, 4) . (4, 1) = (3, 1), but out is (2, 2) */
    expect_error(nn_matrix_matmul(small, a, NN_TRANS, b, NN_NO_TRANS, &err), &err,
                 NN_ERR_SHAPE, "matmul: output shape (2, 2) does not match the result shape (3, 1)");
    nn_matrix *sq = make(2, 2, (double[]){1, 2, 3, 4});
    cr_expect_eq(nn_matrix_matmul(sq, sq, NN_NO_TRANS, small, NN_NO_TRANS, &err), NN_ERR_ARG,
                 "out aliasing a must be refused");
    cr_expect_eq(nn_matrix_matmul(sq, small, NN_NO_TRANS, sq, NN_NO_TRANS, &err), NN_ERR_ARG,
                 "out aliasing b must be refused");
    cr_expect_eq(nn_matrix_matmul(NULL, a, NN_NO_TRANS, b, NN_NO_TRANS, &err), NN_ERR_ARG);
    cr_expect_eq(nn_matrix_matmul(out, a, NN_NO_TRANS, NULL, NN_NO_TRANS, &err), NN_ERR_ARG);
    nn_matrix_free(a);
    nn_matrix_free(b);
    nn_matrix_free(out);
    nn_matrix_free(small);
    nn_matrix_free(sq);
}

Test(matrix, transpose)
{
    nn_error err;
    nn_matrix *a = make(2, 3, A23), *out = nn_matrix_new(3, 2, &err);
    cr_assert_eq(nn_matrix_transpose(out, a, &err), NN_OK, "%s", err.message);
    expect_matrix(out, 3, 2, (double[]){1, 4, 2, 5, 3, 6}, "a^T");
    nn_matrix *wrong = nn_matrix_new(2, 3, &err);
    expect_error(nn_matrix_transpose(wrong, a, &err), &err, NN_ERR_SHAPE,
                 "transpose: output shape (2, 3) does not match the result shape (3, 2)");
    nn_matrix *sq = make(2, 2, (double[]){1, 2, 3, 4});
    cr_expect_eq(nn_matrix_transpose(sq, sq, &err), NN_ERR_ARG, "in place is refused");
    cr_expect_eq(nn_matrix_transpose(NULL, a, &err), NN_ERR_ARG);
    nn_matrix_free(a);
    nn_matrix_free(out);
    nn_matrix_free(wrong);
    nn_matrix_free(sq);
}

/* ---- element-wise arithmetic -------------------------------------------------------- */

Test(matrix, add_sub_mul)
{
    nn_error err;
    nn_matrix *a = make(2, 2, (double[]){1, 2, 3, 4});
    nn_matrix *b = make(2, 2, (double[]){0.5, -2, 10, 0.25});
    nn_matrix *out = nn_matrix_new(2, 2, &err);
    cr_assert_eq(nn_matrix_add(out, a, b, &err), NN_OK);
    expect_matrix(out, 2, 2, (double[]){1.5, 0, 13, 4.25}, "a + b");
    cr_assert_eq(nn_matrix_sub(out, a, b, &err), NN_OK);
    expect_matrix(out, 2, 2, (double[]){0.5, 4, -7, 3.75}, "a - b");
    cr_assert_eq(nn_matrix_mul(out, a, b, &err), NN_OK);
    expect_matrix(out, 2, 2, (double[]){0.5, -4, 30, 1}, "a * b");
    nn_matrix_free(a);
    nn_matrix_free(b);
    nn_matrix_free(out);
}

Test(matrix, elementwise_out_may_alias_either_operand)
{
    nn_error err;
    nn_matrix *a = make(1, 3, (double[]){1, 2, 3});
    nn_matrix *b = make(1, 3, (double[]){10, 20, 30});
    cr_assert_eq(nn_matrix_add(a, a, b, &err), NN_OK); /* a += b */
    expect_matrix(a, 1, 3, (double[]){11, 22, 33}, "a = a + b");
    cr_assert_eq(nn_matrix_sub(b, a, b, &err), NN_OK); /* b = a - b */
    expect_matrix(b, 1, 3, (double[]){1, 2, 3}, "b = a - b");
    cr_assert_eq(nn_matrix_mul(b, b, b, &err), NN_OK); /* b = b * b */
    expect_matrix(b, 1, 3, (double[]){1, 4, 9}, "b = b * b");
    cr_assert_eq(nn_matrix_sub(a, a, a, &err), NN_OK);
    expect_matrix(a, 1, 3, (double[]){0, 0, 0}, "a = a - a");
    nn_matrix_free(a);
    nn_matrix_free(b);
}

Test(matrix, elementwise_errors_name_both_shapes)
{
    nn_error err;
    nn_matrix *a = nn_matrix_new(4, 3, &err), *b = nn_matrix_new(3, 4, &err);
    nn_matrix *out = nn_matrix_new(4, 3, &err), *small = nn_matrix_new(2, 2, &err);
    expect_error(nn_matrix_add(out, a, b, &err), &err, NN_ERR_SHAPE,
                 "add: operands could not be broadcast together with shapes (4, 3) (3, 4)");
    expect_error(nn_matrix_sub(out, a, b, &err), &err, NN_ERR_SHAPE,
                 "sub: operands could not be broadcast together with shapes (4, 3) (3, 4)");
    expect_error(nn_matrix_mul(out, b, a, &err), &err, NN_ERR_SHAPE,
                 "mul: operands could not be broadcast together with shapes (3, 4) (4, 3)");
    expect_error(nn_matrix_add(small, a, out, &err), &err, NN_ERR_SHAPE,
                 "add: output shape (2, 2) does not match the result shape (4, 3)");
    expect_error(nn_matrix_scale(small, a, 2.0, &err), &err, NN_ERR_SHAPE,
                 "scale: output shape (2, 2) does not match the result shape (4, 3)");
    expect_error(nn_matrix_add_scalar(small, a, 2.0, &err), &err, NN_ERR_SHAPE,
                 "add_scalar: output shape (2, 2) does not match the result shape (4, 3)");
    expect_error(nn_matrix_apply(small, a, sqrt, &err), &err, NN_ERR_SHAPE,
                 "apply: output shape (2, 2) does not match the result shape (4, 3)");
    cr_expect_eq(nn_matrix_add(out, NULL, a, &err), NN_ERR_ARG);
    cr_expect_eq(nn_matrix_mul(NULL, a, a, &err), NN_ERR_ARG);
    cr_expect_eq(nn_matrix_scale(out, NULL, 1.0, &err), NN_ERR_ARG);
    cr_expect_eq(nn_matrix_apply(out, a, NULL, &err), NN_ERR_ARG);
    nn_matrix_free(a);
    nn_matrix_free(b);
    nn_matrix_free(out);
    nn_matrix_free(small);
}

static double square_plus_one(double x)
{
    return x * x + 1.0;
}

Test(matrix, scale_add_scalar_apply)
{
    nn_error err;
    nn_matrix *a = make(2, 2, (double[]){1, -2, 0.5, 4});
    nn_matrix *out = nn_matrix_new(2, 2, &err);
    cr_assert_eq(nn_matrix_scale(out, a, -2.0, &err), NN_OK);
    expect_matrix(out, 2, 2, (double[]){-2, 4, -1, -8}, "-2 * a");
    cr_assert_eq(nn_matrix_add_scalar(out, a, 1.5, &err), NN_OK);
    expect_matrix(out, 2, 2, (double[]){2.5, -0.5, 2, 5.5}, "a + 1.5");
    cr_assert_eq(nn_matrix_apply(out, a, square_plus_one, &err), NN_OK);
    expect_matrix(out, 2, 2, (double[]){2, 5, 1.25, 17}, "a^2 + 1");
    cr_assert_eq(nn_matrix_apply(a, a, fabs, &err), NN_OK); /* in place */
    expect_matrix(a, 2, 2, (double[]){1, 2, 0.5, 4}, "a = |a|");
    cr_assert_eq(nn_matrix_scale(a, a, 0.5, &err), NN_OK);
    expect_matrix(a, 2, 2, (double[]){0.5, 1, 0.25, 2}, "a = 0.5 * a");
    nn_matrix_free(a);
    nn_matrix_free(out);
}

/* ---- broadcasting ------------------------------------------------------------------- */

Test(matrix, add_row_broadcasts_over_every_row)
{
    nn_error err;
    nn_matrix *a = make(3, 2, (double[]){1, 2, 3, 4, 5, 6});
    nn_matrix *row = make(1, 2, (double[]){10, -1});
    nn_matrix *out = nn_matrix_new(3, 2, &err);
    cr_assert_eq(nn_matrix_add_row(out, a, row, &err), NN_OK, "%s", err.message);
    expect_matrix(out, 3, 2, (double[]){11, 1, 13, 3, 15, 5}, "a + row");
    cr_assert_eq(nn_matrix_add_row(a, a, row, &err), NN_OK); /* in place */
    expect_matrix(a, 3, 2, (double[]){11, 1, 13, 3, 15, 5}, "a += row");
    expect_matrix(row, 1, 2, (double[]){10, -1}, "row is left alone");
    nn_matrix_free(a);
    nn_matrix_free(row);
    nn_matrix_free(out);
}

Test(matrix, add_row_errors_name_both_shapes)
{
    nn_error err;
    nn_matrix *a = nn_matrix_new(4, 3, &err), *out = nn_matrix_new(4, 3, &err);
    nn_matrix *short_row = nn_matrix_new(1, 2, &err), *column = nn_matrix_new(3, 1, &err);
    nn_matrix *row = nn_matrix_new(1, 3, &err), *small = nn_matrix_new(2, 3, &err);
    expect_error(nn_matrix_add_row(out, a, short_row, &err), &err, NN_ERR_SHAPE,
                 "add_row: operands could not be broadcast together with shapes (4, 3) (1, 2): "
                 "the row must have shape (1, 3)");
    expect_error(nn_matrix_add_row(out, a, column, &err), &err, NN_ERR_SHAPE,
                 "add_row: operands could not be broadcast together with shapes (4, 3) (3, 1): "
                 "the row must have shape (1, 3)");
    expect_error(nn_matrix_add_row(small, a, row, &err), &err, NN_ERR_SHAPE,
                 "add_row: output shape (2, 3) does not match the result shape (4, 3)");
    cr_expect_eq(nn_matrix_add_row(out, a, NULL, &err), NN_ERR_ARG);
    nn_matrix_free(a);
    nn_matrix_free(out);
    nn_matrix_free(short_row);
    nn_matrix_free(column);
    nn_matrix_free(row);
    nn_matrix_free(small);
}

/* ---- reductions --------------------------------------------------------------------- */

Test(matrix, sum_along_both_axes)
{
    nn_error err;
    nn_matrix *a = make(2, 3, A23);
    nn_matrix *cols = nn_matrix_new(1, 3, &err), *rows = nn_matrix_new(2, 1, &err);
    cr_assert_eq(nn_matrix_sum(cols, a, 0, &err), NN_OK, "%s", err.message);
    expect_matrix(cols, 1, 3, (double[]){5, 7, 9}, "a.sum(axis=0)");
    cr_assert_eq(nn_matrix_sum(rows, a, 1, &err), NN_OK, "%s", err.message);
    expect_matrix(rows, 2, 1, (double[]){6, 15}, "a.sum(axis=1)");
    nn_matrix_free(a);
    nn_matrix_free(cols);
    nn_matrix_free(rows);
}

/* numpy sums a contiguous row pairwise: eight partial sums r0..r7 combined as
 * ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)). For [1e16, 1, 1, 1, -1e16, 1, 1, 1] that is
 * (1e16 + 2) + (-1e16 + 2) = 4, where a left-to-right loop gives 3 (numpy says 4.0). */
Test(matrix, sum_of_a_row_is_pairwise_like_numpy)
{
    nn_error err;
    const double v[] = {1e16, 1, 1, 1, -1e16, 1, 1, 1};
    nn_matrix *row = make(1, 8, v), *col = make(8, 1, v);
    nn_matrix *s = nn_matrix_new(1, 1, &err);
    cr_assert_eq(nn_matrix_sum(s, row, 1, &err), NN_OK);
    cr_expect_eq(s->data[0], 4.0, "row sum: numpy gives 4, got %.17g", s->data[0]);
    /* a single column is contiguous too, and numpy sums it the same way */
    cr_assert_eq(nn_matrix_sum(s, col, 0, &err), NN_OK);
    cr_expect_eq(s->data[0], 4.0, "column sum: numpy gives 4, got %.17g", s->data[0]);
    nn_matrix_free(row);
    nn_matrix_free(col);
    nn_matrix_free(s);
}

/* numpy sums a long row in blocks of 8192 numbers. Here the first block holds 1e16 and
 * -1e16 (summing to 0) and the second eight ones, so numpy's answer is 8; splitting the
 * whole row pairwise (at 4096) would give 6 instead. */
Test(matrix, sum_of_a_long_row_goes_in_blocks_of_8192)
{
    nn_error err;
    nn_matrix *row = nn_matrix_new(1, 8200, &err), *s = nn_matrix_new(1, 1, &err);
    cr_assert(row && s);
    row->data[0] = 1e16;
    row->data[8191] = -1e16;
    for (size_t j = 8192; j < 8200; j++)
        row->data[j] = 1.0;
    cr_assert_eq(nn_matrix_sum(s, row, 1, &err), NN_OK);
    cr_expect_eq(s->data[0], 8.0, "numpy gives 8, got %.17g", s->data[0]);
    nn_matrix_free(row);
    nn_matrix_free(s);
}

/* Down the columns of a wider matrix numpy adds row after row: (1e16 + 1) - 1e16 = 0. */
Test(matrix, sum_down_columns_is_row_by_row)
{
    nn_error err;
    nn_matrix *a = make(3, 2, (double[]){1e16, 1, 1, 2, -1e16, 3});
    nn_matrix *s = nn_matrix_new(1, 2, &err);
    cr_assert_eq(nn_matrix_sum(s, a, 0, &err), NN_OK);
    expect_matrix(s, 1, 2, (double[]){0, 6}, "a.sum(axis=0)");
    nn_matrix_free(a);
    nn_matrix_free(s);
}

Test(matrix, sum_of_negative_zeros_is_positive_zero)
{
    nn_error err;
    nn_matrix *a = make(2, 2, (double[]){-0.0, -0.0, -0.0, -0.0});
    nn_matrix *c = nn_matrix_new(1, 2, &err), *r = nn_matrix_new(2, 1, &err);
    cr_assert_eq(nn_matrix_sum(c, a, 0, &err), NN_OK);
    cr_assert_eq(nn_matrix_sum(r, a, 1, &err), NN_OK);
    for (int k = 0; k < 2; k++) {
        cr_expect(c->data[k] == 0.0 && !signbit(c->data[k]), "axis 0: numpy gives 0.");
        cr_expect(r->data[k] == 0.0 && !signbit(r->data[k]), "axis 1: numpy gives 0.");
    }
    nn_matrix_free(a);
    nn_matrix_free(c);
    nn_matrix_free(r);
}

Test(matrix, sum_errors)
{
    nn_error err;
    nn_matrix *a = nn_matrix_new(2, 3, &err), *c = nn_matrix_new(1, 3, &err);
    nn_matrix *r = nn_matrix_new(2, 1, &err);
    expect_error(nn_matrix_sum(c, a, 2, &err), &err, NN_ERR_ARG,
                 "sum: axis 2 is out of bounds for array of dimension 2");
    expect_error(nn_matrix_sum(r, a, 0, &err), &err, NN_ERR_SHAPE,
                 "sum: output shape (2, 1) does not match the result shape (1, 3)");
    expect_error(nn_matrix_sum(c, a, 1, &err), &err, NN_ERR_SHAPE,
                 "sum: output shape (1, 3) does not match the result shape (2, 1)");
    cr_expect_eq(nn_matrix_sum(NULL, a, 0, &err), NN_ERR_ARG);
    nn_matrix_free(a);
    nn_matrix_free(c);
    nn_matrix_free(r);
}

Test(matrix, argmax_rows_takes_the_first_maximum)
{
    nn_error err;
    nn_matrix *a = make(4, 3, (double[]){0.1, 0.7, 0.2,      /* 1 */
                                         5, 5, 1,             /* tie: the first, 0 */
                                         -3, -1, -1,          /* tie: 1 */
                                         1, NAN, 9});         /* NaN wins, as in numpy */
    size_t idx[4] = {99, 99, 99, 99};
    cr_assert_eq(nn_matrix_argmax_rows(a, idx, &err), NN_OK, "%s", err.message);
    const size_t expected[4] = {1, 0, 1, 1};
    for (int i = 0; i < 4; i++)
        cr_expect_eq(idx[i], expected[i], "row %d: expected %zu, got %zu", i, expected[i],
                     idx[i]);
    nn_matrix_free(a);
}

Test(matrix, argmax_rows_errors)
{
    nn_error err;
    size_t idx[2];
    nn_matrix *empty = nn_matrix_new(2, 0, &err);
    expect_error(nn_matrix_argmax_rows(empty, idx, &err), &err, NN_ERR_SHAPE,
                 "argmax_rows: attempt to get argmax of an empty sequence (shape (2, 0))");
    cr_expect_eq(nn_matrix_argmax_rows(empty, NULL, &err), NN_ERR_ARG);
    cr_expect_eq(nn_matrix_argmax_rows(NULL, idx, &err), NN_ERR_ARG);
    nn_matrix_free(empty);
}

/* ---- Groups: many matrices in one allocation ------------------------------------------ */

Test(matrix, a_group_makes_every_matrix_with_its_shape_and_values)
{
    const double w[6] = {1, 2, 3, 4, 5, 6};
    nn_matrix *a, *b, *empty, *c;
    const nn_matrix_spec specs[] = {{&a, 2, 3, w}, {&b, 4, 1, NULL}, {&empty, 0, 5, NULL},
                                    {&c, 3, 2, w}};
    long live = nn_alloc_live();
    nn_matrix_group *g = nn_matrix_group_new(specs, NN_COUNT(specs), NULL);
    cr_assert_not_null(g);
    cr_assert_eq(nn_alloc_live(), live + 1, "a group is one allocation");
    cr_assert(a->rows == 2 && a->cols == 3 && b->rows == 4 && b->cols == 1);
    cr_assert(empty->rows == 0 && empty->cols == 5 && c->rows == 3 && c->cols == 2);
    cr_assert_arr_eq(a->data, w, sizeof w);
    cr_assert_arr_eq(c->data, w, sizeof w);
    for (size_t i = 0; i < 4; i++)
        cr_assert_eq(b->data[i], 0.0);
    /* The matrices do not overlap: writing one leaves the others as they were. */
    for (size_t i = 0; i < 4; i++)
        b->data[i] = -1.0;
    cr_assert_arr_eq(a->data, w, sizeof w);
    cr_assert_arr_eq(c->data, w, sizeof w);
    nn_matrix_group_free(g);
    cr_assert_eq(nn_alloc_live(), live);
    nn_matrix_group_free(NULL);
}

Test(matrix, a_group_that_cannot_be_made_leaves_null_pointers)
{
    nn_matrix *a = (nn_matrix *)1, *b = (nn_matrix *)1;
    const nn_matrix_spec specs[] = {{&a, 2, 2, NULL}, {&b, 2, 2, NULL}};
    nn_error err;
    nn_alloc_fail_after(0);
    nn_matrix_group *g = nn_matrix_group_new(specs, 2, &err);
    nn_alloc_fail_after(-1);
    cr_assert_null(g);
    cr_assert_eq(err.code, NN_ERR_NOMEM);
    cr_assert(a == NULL && b == NULL);
    const nn_matrix_spec huge[] = {{&a, (size_t)1 << 40, (size_t)1 << 40, NULL}};
    cr_assert_null(nn_matrix_group_new(huge, 1, &err));
    cr_assert_eq(err.code, NN_ERR_NOMEM);
    cr_assert(strstr(err.message, "overflow") != NULL, "message: %s", err.message);
}
