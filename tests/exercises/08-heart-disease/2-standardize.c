/* Tests for exercise 08-2, standard_fit and standard_transform. */
#include "grade.h"
#include "exercises.h"
#include "data.h"
#include "preprocess.h"

GRADE_SUITE(standardize);

#define MATRIX(r, c, d) ((nn_matrix){(r), (c), (d)})

Test(standardize, three_rows_by_hand)
{
    double x[] = {1, 10,
                  2, 20,
                  3, 60};
    nn_matrix X = MATRIX(3, 2, x);
    double mean[2] = {NAN, NAN}, scale[2] = {NAN, NAN};
    standard_fit(&X, mean, scale);
    expect_near(mean[0], 2.0, 1e-15, "mean of column 0 = (1 + 2 + 3) / %d", 3);
    expect_near(mean[1], 30.0, 1e-15, "mean of column 1 = (10 + 20 + 60) / %d", 3);
    /* Population variance: (1 + 0 + 1) / 3 and (400 + 100 + 900) / 3. */
    expect_near(scale[0], sqrt(2.0 / 3.0), 1e-15, "scale of column 0 = sqrt(2/%d)", 3);
    expect_near(scale[1], sqrt(1400.0 / 3.0), 1e-15, "scale of column 1 = sqrt(1400/%d)", 3);
    double z[6];
    nn_matrix Z = MATRIX(3, 2, z);
    standard_transform(&Z, &X, mean, scale);
    expect_near(z[0], -1.0 / sqrt(2.0 / 3.0), 1e-14, "z[0, 0] = (1 - 2) / sqrt(2/3)%s", "");
    expect_near(z[5], 30.0 / sqrt(1400.0 / 3.0), 1e-14, "z[2, 1] = (60 - 30) / sqrt(1400/3)%s",
                "");
    expect_near(x[0], 1.0, 0.0, "X[0, 0] after transform into another matrix (X must not "
                "change)%s", "");
}

Test(standardize, divides_by_n_not_n_minus_1)
{
    double x[] = {0, 2};
    nn_matrix X = MATRIX(2, 1, x);
    double mean, scale;
    standard_fit(&X, &mean, &scale);
    expect_near(mean, 1.0, 0.0, "mean of {0, 2}%s", "");
    expect_near(scale, 1.0, 1e-15, "scale of {0, 2}: sqrt(((0-1)^2 + (2-1)^2) / 2)%s, "
                "not sqrt(2) (which divides by n - 1)", "");
}

Test(standardize, a_constant_column_gets_scale_1)
{
    /* Three 0.1s: the mean is 0.10000000000000002, and the squared deviations add up to
     * about 2e-34, not 0. Dividing by its square root would blow rounding noise up to
     * -1; scikit-learn detects the constant column and leaves the scale at 1. */
    double x[] = {0.1, 5, 0,
                  0.1, 6, 0,
                  0.1, 7, 0};
    nn_matrix X = MATRIX(3, 3, x);
    double mean[3], scale[3];
    standard_fit(&X, mean, scale);
    expect_near(scale[0], 1.0, 0.0, "scale of the column {0.1, 0.1, 0.1}%s", "");
    expect_near(scale[2], 1.0, 0.0, "scale of the column {0, 0, 0}%s", "");
    expect_near(scale[1], sqrt(2.0 / 3.0), 1e-15, "scale of the column {5, 6, 7}%s", "");
    double z[9];
    nn_matrix Z = MATRIX(3, 3, z);
    standard_transform(&Z, &X, mean, scale);
    for (size_t i = 0; i < 3; i++) {
        expect_near(z[3 * i], 0.0, 1e-12, "z[%zu, 0] of the constant column 0.1", i);
        expect_near(z[3 * i + 2], 0.0, 0.0, "z[%zu, 2] of the constant column 0", i);
    }

    /* One sample: every column is constant. */
    double one[] = {3.5, -2};
    nn_matrix O = MATRIX(1, 2, one);
    double m1[2], s1[2];
    standard_fit(&O, m1, s1);
    expect_near(s1[0], 1.0, 0.0, "scale of a column with %d value", 1);
    expect_near(m1[1], -2.0, 0.0, "mean of a column with %d value", 1);
}

Test(standardize, fit_on_train_transform_test_like_scikit_learn)
{
    nn_error err;
    nn_dataset *ds = nn_data_load_libsvm("data/heart_scale", NULL, &err);
    cr_assert_not_null(ds, "cannot load data/heart_scale: %s", err.message);
    size_t d = ds->X->cols, n_train = 202, n_test = ds->X->rows - 202;
    nn_matrix train = MATRIX(n_train, d, ds->X->data);
    nn_matrix test = MATRIX(n_test, d, ds->X->data + n_train * d);

    nn_standard_scaler ref = {0};
    cr_assert_eq(nn_standard_scaler_fit(&ref, &train, &err), NN_OK);
    double mean[13], scale[13];
    standard_fit(&train, mean, scale);
    for (size_t j = 0; j < d; j++) {
        expect_near(mean[j], ref.mean[j], 1e-12, "mean of heart attribute %zu over the first "
                    "202 patients", j + 1);
        expect_near(scale[j], ref.scale[j], 1e-12, "scale of heart attribute %zu over the "
                    "first 202 patients", j + 1);
    }
    /* The test patients are transformed with the TRAINING statistics, in place. */
    nn_matrix *want = nn_matrix_new(n_test, d, NULL);
    cr_assert_eq(nn_standard_scaler_transform(&ref, want, &test, &err), NN_OK);
    standard_transform(&test, &test, mean, scale);
    for (size_t k = 0; k < n_test * d; k++)
        expect_near(test.data[k], want->data[k], 1e-12, "test patient %zu, attribute %zu, "
                    "scaled in place", k / d + 1, k % d + 1);
    nn_matrix_free(want);
    nn_standard_scaler_free(&ref);
    nn_dataset_free(ds);
}
