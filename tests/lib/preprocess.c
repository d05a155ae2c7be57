/* tests/lib/preprocess.c - the scalers against scikit-learn, bit for bit.
 *
 * fixtures/preprocess.h holds, for a dozen train/test matrices (the heart data split,
 * constant and nearly constant columns, a 1e8 offset, single rows and single columns),
 * what StandardScaler and MinMaxScaler learn and return. Fitted statistics and
 * transforms are compared with ==, since both sides do the same operations in the same
 * order. The inverse transforms are compared with == too: they are the same two
 * operations as numpy's.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "fixtures/preprocess.h"
#include "preprocess.h"

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

TestSuite(preprocess, .timeout = 10);

/* ---- helpers ---------------------------------------------------------------------- */

static nn_matrix *from(size_t rows, size_t cols, const double *values)
{
    nn_error err = {NN_OK, ""};
    nn_matrix *m = nn_matrix_from_array(rows, cols, values, &err);
    cr_assert_not_null(m, "nn_matrix_from_array failed: %s", err.message);
    return m;
}

static void expect_doubles(const double *got, const double *expected, size_t n,
                           const char *what, const char *name)
{
    for (size_t i = 0; i < n; i++)
        cr_assert(got[i] == expected[i] || (isnan(got[i]) && isnan(expected[i])),
                  "%s: %s[%zu] = %a (%.17g), scikit-learn has %a (%.17g)", what, name, i,
                  got[i], got[i], expected[i], expected[i]);
}

/* ---- StandardScaler ------------------------------------------------------------------ */

Test(preprocess, standard_scaler_matches_scikit_learn_bit_for_bit)
{
    for (size_t c = 0; c < COUNT_OF(preprocess_fx_cases); c++) {
        const preprocess_fx_case *fx = &preprocess_fx_cases[c];
        size_t m = fx->n_features;
        nn_matrix *train = from(fx->n_train, m, fx->train);
        nn_matrix *test = from(fx->n_test, m, fx->test);
        nn_standard_scaler scaler = {0};
        nn_error err = {NN_OK, ""};
        cr_assert_eq(nn_standard_scaler_fit(&scaler, train, &err), NN_OK, "%s: %s", fx->name,
                     err.message);
        cr_expect_eq(scaler.n_features, m);
        cr_expect_eq(scaler.n_samples_seen, fx->n_train);
        expect_doubles(scaler.mean, fx->mean, m, fx->name, "mean_");
        expect_doubles(scaler.var, fx->var, m, fx->name, "var_");
        expect_doubles(scaler.scale, fx->scale, m, fx->name, "scale_");

        /* transform in place (out == X) and into another matrix */
        cr_assert_eq(nn_standard_scaler_transform(&scaler, train, train, &err), NN_OK, "%s",
                     err.message);
        expect_doubles(train->data, fx->train_out, fx->n_train * m, fx->name,
                       "transform(X_train)");
        nn_matrix *z = nn_matrix_new(fx->n_test, m, NULL);
        cr_assert_eq(nn_standard_scaler_transform(&scaler, z, test, &err), NN_OK, "%s",
                     err.message);
        expect_doubles(z->data, fx->test_out, fx->n_test * m, fx->name, "transform(X_test)");
        cr_assert_eq(nn_standard_scaler_inverse_transform(&scaler, z, z, &err), NN_OK);
        expect_doubles(z->data, fx->test_back, fx->n_test * m, fx->name,
                       "inverse_transform(transform(X_test))");

        nn_standard_scaler_free(&scaler);
        cr_expect(scaler.mean == NULL && scaler.n_features == 0, "free must zero the scaler");
        nn_matrix_free(train);
        nn_matrix_free(test);
        nn_matrix_free(z);
    }
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(preprocess, standard_scaler_uses_the_population_deviation_and_leaves_constants_at_1)
{
    /* A hand-checkable case: column 0 is 1, 2, 3, 4 (mean 2.5, population variance
     * 1.25, not the sample variance 5/3); column 1 is constant. */
    const double x[] = {1, 7, 2, 7, 3, 7, 4, 7};
    nn_matrix *X = from(4, 2, x);
    nn_standard_scaler scaler = {0};
    cr_assert_eq(nn_standard_scaler_fit(&scaler, X, NULL), NN_OK);
    cr_expect(scaler.var[0] == 1.25, "var of 1..4 is 1.25 (divide by n), got %.17g",
              scaler.var[0]);
    cr_expect(scaler.scale[1] == 1.0, "a constant column keeps scale 1, got %.17g",
              scaler.scale[1]);
    cr_assert_eq(nn_standard_scaler_transform(&scaler, X, X, NULL), NN_OK);
    for (size_t i = 0; i < 4; i++)
        cr_expect(X->data[2 * i + 1] == 0.0, "the constant column becomes 0, got %g",
                  X->data[2 * i + 1]);
    nn_standard_scaler_free(&scaler);
    nn_matrix_free(X);
}

Test(preprocess, scalers_refuse_bad_input_with_a_reason)
{
    nn_standard_scaler ss = {0};
    nn_minmax_scaler mm = {0};
    nn_error err = {NN_OK, ""};
    nn_matrix *empty = nn_matrix_new(0, 3, NULL);
    cr_expect_eq(nn_standard_scaler_fit(&ss, empty, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "0 sample") != NULL, "%s", err.message);
    cr_expect_eq(nn_minmax_scaler_fit(&mm, empty, &err), NN_ERR_ARG);

    const double bad[] = {1.0, NAN, 2.0, 3.0};
    nn_matrix *X = from(2, 2, bad);
    cr_expect_eq(nn_standard_scaler_fit(&ss, X, &err), NN_ERR_NUMERIC);
    cr_expect(strstr(err.message, "X[0, 1]") != NULL, "message names the cell: %s",
              err.message);
    cr_expect_eq(nn_minmax_scaler_fit(&mm, X, &err), NN_ERR_NUMERIC);

    /* transform before fit, and with the wrong width */
    const double ok[] = {1.0, 2.0, 3.0, 4.0};
    nn_matrix *Y = from(2, 2, ok);
    cr_expect_eq(nn_standard_scaler_transform(&ss, Y, Y, &err), NN_ERR_STATE);
    cr_expect_eq(nn_minmax_scaler_transform(&mm, Y, Y, &err), NN_ERR_STATE);
    cr_assert_eq(nn_standard_scaler_fit(&ss, Y, &err), NN_OK);
    nn_matrix *wide = nn_matrix_new(2, 3, NULL);
    cr_expect_eq(nn_standard_scaler_transform(&ss, wide, wide, &err), NN_ERR_SHAPE);
    cr_expect(strstr(err.message, "3 features") != NULL, "%s", err.message);

    /* an empty feature range */
    mm.range_min = 1.0;
    mm.range_max = 1.0;
    cr_expect_eq(nn_minmax_scaler_fit(&mm, Y, &err), NN_ERR_ARG);

    nn_standard_scaler_free(&ss);
    nn_minmax_scaler_free(&mm);
    nn_matrix_free(empty);
    nn_matrix_free(X);
    nn_matrix_free(Y);
    nn_matrix_free(wide);
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(preprocess, refitting_replaces_the_statistics_without_leaks)
{
    const double a[] = {1, 2, 3, 4}, b[] = {10, 20, 30, 50, 70, 90};
    nn_matrix *A = from(2, 2, a), *B = from(3, 2, b);
    nn_standard_scaler ss = {0};
    nn_minmax_scaler mm = {.range_min = -1, .range_max = 1};
    cr_assert_eq(nn_standard_scaler_fit(&ss, A, NULL), NN_OK);
    cr_assert_eq(nn_standard_scaler_fit(&ss, B, NULL), NN_OK);
    cr_expect(ss.mean[0] == 110.0 / 3.0, "second fit's mean, got %.17g", ss.mean[0]);
    cr_assert_eq(nn_minmax_scaler_fit(&mm, A, NULL), NN_OK);
    cr_assert_eq(nn_minmax_scaler_fit(&mm, B, NULL), NN_OK);
    cr_expect(mm.data_max[1] == 90.0, "second fit's max, got %g", mm.data_max[1]);
    cr_expect(mm.range_min == -1 && mm.range_max == 1, "fit keeps the feature range");
    nn_standard_scaler_free(&ss);
    nn_minmax_scaler_free(&mm);
    nn_matrix_free(A);
    nn_matrix_free(B);
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(preprocess, every_allocation_failure_is_reported_without_leaks)
{
    const double x[] = {1, 2, 3, 4, 5, 6};
    nn_matrix *X = from(3, 2, x);
    long base = nn_alloc_live();
    for (int which = 0; which < 2; which++)
        for (long fail = 0; fail < 10; fail++) {
            nn_standard_scaler ss = {0};
            nn_minmax_scaler mm = {0};
            nn_error err = {NN_OK, ""};
            nn_alloc_fail_after(fail);
            nn_status status = which == 0 ? nn_standard_scaler_fit(&ss, X, &err)
                                          : nn_minmax_scaler_fit(&mm, X, &err);
            nn_alloc_fail_after(-1);
            nn_standard_scaler_free(&ss);
            nn_minmax_scaler_free(&mm);
            if (status == NN_OK)
                break;
            cr_expect_eq(status, NN_ERR_NOMEM, "failure #%ld: got %s", fail,
                         nn_status_name(status));
            cr_expect_eq(nn_alloc_live(), base, "failure #%ld: %ld blocks leaked", fail,
                         nn_alloc_live() - base);
        }
    nn_matrix_free(X);
}

/* ---- MinMaxScaler -------------------------------------------------------------------- */

Test(preprocess, minmax_scaler_matches_scikit_learn_bit_for_bit)
{
    for (size_t c = 0; c < COUNT_OF(preprocess_fx_cases); c++) {
        const preprocess_fx_case *fx = &preprocess_fx_cases[c];
        size_t m = fx->n_features;
        for (size_t r = 0; r < COUNT_OF(fx->minmax); r++) {
            const preprocess_fx_minmax *mx = &fx->minmax[r];
            char what[160];
            snprintf(what, sizeof what, "%s, MinMaxScaler((%g, %g), clip=%d)", fx->name, mx->lo,
                     mx->hi, mx->clip);
            nn_matrix *train = from(fx->n_train, m, fx->train);
            nn_matrix *test = from(fx->n_test, m, fx->test);
            nn_minmax_scaler scaler = {.range_min = mx->lo, .range_max = mx->hi,
                                       .clip = mx->clip};
            nn_error err = {NN_OK, ""};
            cr_assert_eq(nn_minmax_scaler_fit(&scaler, train, &err), NN_OK, "%s: %s", what,
                         err.message);
            expect_doubles(scaler.data_min, mx->data_min, m, what, "data_min_");
            expect_doubles(scaler.data_max, mx->data_max, m, what, "data_max_");
            expect_doubles(scaler.data_range, mx->data_range, m, what, "data_range_");
            expect_doubles(scaler.scale, mx->scale, m, what, "scale_");
            expect_doubles(scaler.min, mx->min, m, what, "min_");
            cr_assert_eq(nn_minmax_scaler_transform(&scaler, train, train, &err), NN_OK);
            expect_doubles(train->data, mx->train_out, fx->n_train * m, what,
                           "transform(X_train)");
            cr_assert_eq(nn_minmax_scaler_transform(&scaler, test, test, &err), NN_OK);
            expect_doubles(test->data, mx->test_out, fx->n_test * m, what, "transform(X_test)");
            cr_assert_eq(nn_minmax_scaler_inverse_transform(&scaler, test, test, &err), NN_OK);
            expect_doubles(test->data, mx->test_back, fx->n_test * m, what,
                           "inverse_transform(transform(X_test))");
            nn_minmax_scaler_free(&scaler);
            nn_matrix_free(train);
            nn_matrix_free(test);
        }
    }
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(preprocess, minmax_default_range_is_0_to_1_and_clip_keeps_test_data_inside)
{
    const double train[] = {0, 10, 5, 20}, test[] = {-5, 30};
    nn_matrix *X = from(2, 2, train), *T = from(1, 2, test);
    nn_minmax_scaler scaler = {0};
    cr_assert_eq(nn_minmax_scaler_fit(&scaler, X, NULL), NN_OK);
    cr_assert_eq(nn_minmax_scaler_transform(&scaler, X, X, NULL), NN_OK);
    cr_expect(X->data[0] == 0.0 && X->data[2] == 1.0, "column 0 maps onto [0, 1]: %g %g",
              X->data[0], X->data[2]);
    nn_matrix *U = from(1, 2, test);
    cr_assert_eq(nn_minmax_scaler_transform(&scaler, U, U, NULL), NN_OK);
    cr_expect(U->data[0] == -1.0 && U->data[1] == 2.0, "unclipped: -5 -> -1, 30 -> 2; got %g %g",
              U->data[0], U->data[1]);
    scaler.clip = 1;
    cr_assert_eq(nn_minmax_scaler_transform(&scaler, T, T, NULL), NN_OK);
    cr_expect(T->data[0] == 0.0 && T->data[1] == 1.0, "clipped: 0 and 1; got %g %g", T->data[0],
              T->data[1]);
    nn_minmax_scaler_free(&scaler);
    nn_matrix_free(X);
    nn_matrix_free(T);
    nn_matrix_free(U);
}
