/* Tests for exercise 08-1, split_from_permutation. */
#include "grade.h"
#include "exercises.h"
#include "model_selection.h"
#include "random.h"

GRADE_SUITE(split_from_permutation);

#define UNTOUCHED ((size_t)-1)

static void fill(size_t *a, size_t n)
{
    for (size_t k = 0; k < n; k++)
        a[k] = UNTOUCHED;
}

Test(split_from_permutation, ten_samples_by_hand)
{
    const size_t perm[10] = {7, 2, 9, 0, 4, 1, 8, 3, 6, 5};
    size_t train[10], test[10], n_train = UNTOUCHED, n_test = UNTOUCHED;
    fill(train, 10);
    fill(test, 10);
    nn_status status = split_from_permutation(perm, 10, 0.25, train, &n_train, test, &n_test);
    cr_assert_eq(status, NN_OK, "split of 10 samples, test_size 0.25: expected NN_OK, got %d",
                 status);
    /* ceil(2.5) = 3 test samples: the first three of the permutation. */
    expect_eq_size(n_test, 3, "n_test for n = 10, test_size = 0.25 (ceil(%g))", 2.5);
    expect_eq_size(n_train, 7, "n_train for n = 10, test_size = 0.25 (10 - %d)", 3);
    const size_t want_test[] = {7, 2, 9}, want_train[] = {0, 4, 1, 8, 3, 6, 5};
    for (size_t k = 0; k < 3 && n_test == 3; k++)
        expect_eq_size(test[k], want_test[k], "test[%zu] (perm = 7 2 9 0 4 1 8 3 6 5)", k);
    for (size_t k = 0; k < 7 && n_train == 7; k++)
        expect_eq_size(train[k], want_train[k], "train[%zu] (perm = 7 2 9 0 4 1 8 3 6 5)", k);
}

Test(split_from_permutation, the_270_patients_split_as_scikit_learn_splits_them)
{
    /* train_test_split(range(270), test_size=0.25, random_state=s) shuffles with
     * permutation(270) and cuts it: nn_train_test_split does that, checked against
     * scikit-learn in tests/lib/model_selection.c. */
    for (uint32_t seed = 0; seed < 5; seed++) {
        size_t perm[270], train[270], test[270], n_train = 0, n_test = 0;
        nn_rng rng;
        nn_rng_seed(&rng, seed);
        nn_rng_permutation(&rng, 270, perm);
        cr_assert_eq(split_from_permutation(perm, 270, 0.25, train, &n_train, test, &n_test),
                     NN_OK, "270 samples, test_size 0.25: expected NN_OK");

        nn_rng_seed(&rng, seed);
        nn_train_test_options opt = {.test_size = 0.25, .rng = &rng};
        nn_train_test want;
        cr_assert_eq(nn_train_test_split(270, &opt, &want, NULL), NN_OK);
        expect_eq_size(n_test, want.n_test, "n_test for 270 samples, test_size %g", 0.25);
        expect_eq_size(n_train, want.n_train, "n_train for 270 samples, test_size %g", 0.25);
        for (size_t k = 0; k < want.n_test && k < n_test; k++)
            expect_eq_size(test[k], want.test[k], "test[%zu] with random_state=%u", k, seed);
        for (size_t k = 0; k < want.n_train && k < n_train; k++)
            expect_eq_size(train[k], want.train[k], "train[%zu] with random_state=%u", k, seed);
        nn_train_test_free(&want);
    }
}

Test(split_from_permutation, rounds_up_like_scikit_learn)
{
    /* test_size * n in double, rounded up, as scikit-learn 1.2 does it:
     * 0.07 * 100 = 7.000000000000001 gives 8, 0.14 * 100 = 14.000000000000002 gives 15,
     * 0.29 * 100 = 28.999999999999996 gives 29, an exact 0.7 * 10 = 7 stays 7, and
     * 0.1 * 3 = 0.30000000000000004 gives 1 (the sizes scikit-learn returned). */
    static const struct { size_t n; double size; size_t tests; } cases[] = {
        {100, 0.07, 8}, {100, 0.14, 15}, {100, 0.29, 29}, {10, 0.7, 7}, {3, 0.1, 1},
        {4, 0.5, 2}, {270, 0.25, 68}, {7, 0.01, 1}, {101, 0.5, 51},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t perm[270], train[270], test[270], n_train = 0, n_test = 0;
        for (size_t k = 0; k < cases[c].n; k++)
            perm[k] = cases[c].n - 1 - k;
        nn_status status = split_from_permutation(perm, cases[c].n, cases[c].size, train,
                                                  &n_train, test, &n_test);
        cr_expect_eq(status, NN_OK, "n = %zu, test_size = %g: expected NN_OK, got %d",
                     cases[c].n, cases[c].size, status);
        expect_eq_size(n_test, cases[c].tests, "n_test for n = %zu, test_size = %g",
                       cases[c].n, cases[c].size);
        expect_eq_size(n_train, cases[c].n - cases[c].tests, "n_train for n = %zu, "
                       "test_size = %g", cases[c].n, cases[c].size);
    }
}

Test(split_from_permutation, refuses_impossible_splits_and_writes_nothing)
{
    static const struct { size_t n; double size; const char *why; } cases[] = {
        {10, 0.0, "test_size 0"},  {10, 1.0, "test_size 1"},
        {10, -0.25, "a negative test_size"}, {10, 1.5, "test_size above 1"},
        {10, NAN, "test_size NaN"}, {1, 0.5, "one sample: nothing left to train on"},
        {10, 0.95, "ceil(9.5) = 10 test samples: nothing left to train on"},
        {0, 0.25, "no samples at all"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        size_t perm[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, train[10], test[10];
        size_t n_train = UNTOUCHED, n_test = UNTOUCHED;
        fill(train, 10);
        fill(test, 10);
        nn_status status = split_from_permutation(perm, cases[c].n, cases[c].size, train,
                                                  &n_train, test, &n_test);
        cr_expect_eq(status, NN_ERR_ARG, "%s (n = %zu, test_size = %g): expected NN_ERR_ARG "
                     "(%d), got %d", cases[c].why, cases[c].n, cases[c].size, NN_ERR_ARG,
                     status);
        cr_expect(n_train == UNTOUCHED && n_test == UNTOUCHED && train[0] == UNTOUCHED &&
                      test[0] == UNTOUCHED,
                  "%s: a refused split must write nothing", cases[c].why);
    }
}
