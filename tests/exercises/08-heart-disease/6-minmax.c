/* Tests for exercise 08-6, minmax_fit and minmax_transform. */
#include <float.h>
#include <string.h>

#include "grade.h"
#include "exercises.h"
#include "data.h"
#include "preprocess.h"

GRADE_SUITE(minmax);

#define MATRIX(r, c, d) ((nn_matrix){(r), (c), (d)})

Test(minmax, three_rows_by_hand)
{
    double x[] = {1, 10,
                  2, 20,
                  3, 60};
    nn_matrix X = MATRIX(3, 2, x);
    double lo[2] = {NAN, NAN}, hi[2] = {NAN, NAN};
    minmax_fit(&X, lo, hi);
    expect_near(lo[0], 1.0, 0.0, "data_min of column 0 {1, 2, 3}%s", "");
    expect_near(hi[0], 3.0, 0.0, "data_max of column 0 {1, 2, 3}%s", "");
    expect_near(lo[1], 10.0, 0.0, "data_min of column 1 {10, 20, 60}%s", "");
    expect_near(hi[1], 60.0, 0.0, "data_max of column 1 {10, 20, 60}%s", "");
    double z[6];
    nn_matrix Z = MATRIX(3, 2, z);
    minmax_transform(&Z, &X, lo, hi, -1.0, 1.0);
    expect_near(z[0], -1.0, 0.0, "x' of the smallest value 1 with feature_range (-1, 1)%s", "");
    expect_near(z[2], 0.0, 1e-15, "x' of the middle value 2: -1 + (2 - 1) * 2 / 2%s", "");
    expect_near(z[4], 1.0, 0.0, "x' of the largest value 3%s", "");
    expect_near(z[3], -0.6, 1e-15, "x' of 20 in {10, 20, 60}: -1 + (20 - 10) * 2 / 50%s", "");
    expect_near(x[0], 1.0, 0.0, "X[0, 0] after transform into another matrix (X must not "
                "change)%s", "");
}

Test(minmax, the_minimum_need_not_be_in_the_first_row_and_can_be_negative)
{
    double x[] = {5, -2, 7, -9, 6};
    nn_matrix X = MATRIX(5, 1, x);
    double lo = NAN, hi = NAN;
    minmax_fit(&X, &lo, &hi);
    expect_near(lo, -9.0, 0.0, "data_min of {5, -2, 7, -9, 6}%s", "");
    expect_near(hi, 7.0, 0.0, "data_max of {5, -2, 7, -9, 6}%s", "");
}

Test(minmax, a_constant_column_lands_on_lo)
{
    double x[] = {4, 1,
                  4, 2};
    nn_matrix X = MATRIX(2, 2, x);
    double lo[2], hi[2];
    minmax_fit(&X, lo, hi);
    minmax_transform(&X, &X, lo, hi, 0.0, 1.0);
    expect_near(x[0], 0.0, 0.0, "x' of a constant column {4, 4} with feature_range (0, 1): "
                "its range counts as 1, so it lands on lo%s", "");
    expect_near(x[2], 0.0, 0.0, "x' of the second row of the constant column%s", "");
    expect_near(x[3], 1.0, 0.0, "x' of 2 in {1, 2}, computed in place%s", "");
}

Test(minmax, rows_beyond_the_fitted_range_are_not_clipped)
{
    double train[] = {0, 10}, test[] = {-5, 20};
    nn_matrix T = MATRIX(2, 1, train), S = MATRIX(2, 1, test);
    double lo, hi, z[2];
    nn_matrix Z = MATRIX(2, 1, z);
    minmax_fit(&T, &lo, &hi);
    minmax_transform(&Z, &S, &lo, &hi, -1.0, 1.0);
    expect_near(z[0], -2.0, 1e-15, "x' of -5 after fitting on {0, 10}, range (-1, 1)%s", "");
    expect_near(z[1], 3.0, 1e-15, "x' of 20 after fitting on {0, 10}, range (-1, 1)%s", "");
}

/* data/heart.dat, 270 rows: 13 attributes, then the class. */
static nn_dataset *raw_heart(void)
{
    nn_error err;
    nn_csv_options csv = nn_csv_defaults();
    csv.delimiter = ' ';
    csv.header = 0;
    nn_dataset *ds = nn_data_load_csv("data/heart.dat", &csv, &err);
    cr_assert_not_null(ds, "cannot read data/heart.dat: %s", err.message);
    return ds;
}

Test(minmax, equals_the_librarys_minmax_scaler_bit_for_bit)
{
    nn_error err;
    nn_dataset *ds = raw_heart();
    size_t n = ds->X->rows, d = ds->X->cols;
    double lo[13], hi[13], *mine = malloc(n * d * sizeof *mine);
    nn_matrix Mine = MATRIX(n, d, mine);
    nn_matrix *want = nn_matrix_new(n, d, &err);
    cr_assert(mine && want);
    minmax_fit(ds->X, lo, hi);
    minmax_transform(&Mine, ds->X, lo, hi, -1.0, 1.0);
    nn_minmax_scaler mm = {.range_min = -1.0, .range_max = 1.0};
    cr_assert_eq(nn_minmax_scaler_fit(&mm, ds->X, &err), NN_OK);
    cr_assert_eq(nn_minmax_scaler_transform(&mm, want, ds->X, &err), NN_OK);
    for (size_t j = 0; j < d; j++) {
        expect_near(lo[j], mm.data_min[j], 0.0, "data_min of column %zu of data/heart.dat", j);
        expect_near(hi[j], mm.data_max[j], 0.0, "data_max of column %zu of data/heart.dat", j);
    }
    for (size_t k = 0; k < n * d; k++)
        expect_near(mine[k], want->data[k], 0.0,
                    "patient %zu, attribute %zu of data/heart.dat scaled to [-1, 1] (the "
                    "library's MinMaxScaler; compute x * scale + offset)", k / d + 1, k % d + 1);
    nn_minmax_scaler_free(&mm);
    nn_matrix_free(want);
    free(mine);
    nn_dataset_free(ds);
}

Test(minmax, scaling_the_raw_table_gives_data_heart_scale)
{
    /* svm-scale printed each scaled value with %g; the same rows scaled over all 270
     * patients must print the same. */
    nn_error err;
    nn_dataset *ds = raw_heart();
    nn_dataset *scaled = nn_data_load_libsvm("data/heart_scale", NULL, &err);
    cr_assert_not_null(scaled, "%s", err.message);
    size_t n = ds->X->rows, d = ds->X->cols;
    double lo[13], hi[13];
    minmax_fit(ds->X, lo, hi);
    minmax_transform(ds->X, ds->X, lo, hi, -1.0, 1.0);
    for (size_t k = 0; k < n * d; k++) {
        char got[32], want[32];
        snprintf(got, sizeof got, "%g", ds->X->data[k]);
        snprintf(want, sizeof want, "%g", scaled->X->data[k]);
        cr_expect_str_eq(got, want, "patient %zu, attribute %zu: heart.dat scaled to [-1, 1] "
                         "prints %s, data/heart_scale has %s", k / d + 1, k % d + 1, got, want);
    }
    nn_dataset_free(scaled);
    nn_dataset_free(ds);
}
