/* Tests for exercise 06-5, np_single_layer, against numpy running the tutorial's part 1. */
#include "grade.h"
#include "exercises.h"
#include "alloc.h"
#include "numpy_print.h"
#include "fixtures/numpy_xor.h"

GRADE_SUITE(np_single_layer);

#define N_SINGLES (sizeof numpy_xor_fx_singles / sizeof numpy_xor_fx_singles[0])

Test(np_single_layer, prints_the_tutorials_numbers)
{
    double l1_data[4] = {NAN, NAN, NAN, NAN}, syn0_data[3] = {NAN, NAN, NAN};
    nn_matrix l1 = {4, 1, l1_data}, syn0 = {3, 1, syn0_data};
    nn_status status = np_single_layer(1, 10000, &l1, &syn0);
    cr_assert_eq(status, NN_OK, "np_single_layer(seed 1, 10000 iterations): expected NN_OK, "
                 "got %d", status);
    char *text = nn_matrix_format(&l1, NULL);
    cr_assert_not_null(text);
    cr_expect_str_eq(text, "array([[0.00966449],\n"
                           "       [0.00786506],\n"
                           "       [0.99358898],\n"
                           "       [0.99211957]])",
                     "np_single_layer(seed 1, 10000 iterations): l1 prints as\n%s\nnot as the "
                     "tutorial's array([[0.00966449], [0.00786506], [0.99358898], "
                     "[0.99211957]])", text);
    nn_alloc_free(text);
}

Test(np_single_layer, one_iteration_is_the_untrained_output)
{
    /* With one iteration l1 is sigma(X . syn0) for the seed's starting weights, and
     * syn0 has moved once. */
    const numpy_xor_fx_single *fx = &numpy_xor_fx_singles[1];
    cr_assert(fx->seed == 1 && fx->iterations == 1);
    double l1_data[4] = {NAN, NAN, NAN, NAN}, syn0_data[3] = {NAN, NAN, NAN};
    nn_matrix l1 = {4, 1, l1_data}, syn0 = {3, 1, syn0_data};
    cr_expect_eq(np_single_layer(1, 1, &l1, &syn0), NN_OK, "np_single_layer(seed 1, 1 iteration)");
    for (size_t i = 0; i < 4; i++)
        expect_near(l1_data[i], fx->l1[i], 1e-12,
                    "np_single_layer(seed 1, 1 iteration): l1[%zu], the output before training", i);
    for (size_t k = 0; k < 3; k++)
        expect_near(syn0_data[k], fx->syn0[k], 1e-12,
                    "np_single_layer(seed 1, 1 iteration): syn0[%zu] after one update", k);
}

Test(np_single_layer, equals_numpy_bit_for_bit_for_any_seed)
{
    for (size_t c = 0; c < N_SINGLES; c++) {
        const numpy_xor_fx_single *fx = &numpy_xor_fx_singles[c];
        double l1_data[4] = {NAN, NAN, NAN, NAN}, syn0_data[3] = {NAN, NAN, NAN};
        nn_matrix l1 = {4, 1, l1_data}, syn0 = {3, 1, syn0_data};
        cr_expect_eq(np_single_layer(fx->seed, fx->iterations, &l1, &syn0), NN_OK,
                     "np_single_layer(seed %lu, %ld iterations)", (unsigned long)fx->seed,
                     fx->iterations);
        char *text = nn_matrix_format(&l1, NULL);
        cr_assert_not_null(text);
        cr_expect_str_eq(text, fx->repr, "seed %lu, %ld iterations: l1 prints as\n%s\nnumpy "
                         "prints\n%s", (unsigned long)fx->seed, fx->iterations, text, fx->repr);
        nn_alloc_free(text);
        for (size_t i = 0; i < 4; i++)
            cr_expect(l1_data[i] == fx->l1[i], "seed %lu, %ld iterations: l1[%zu] is %.17g, "
                      "numpy's is %.17g", (unsigned long)fx->seed, fx->iterations, i,
                      l1_data[i], fx->l1[i]);
        for (size_t k = 0; k < 3; k++)
            cr_expect(syn0_data[k] == fx->syn0[k], "seed %lu, %ld iterations: syn0[%zu] is "
                      "%.17g, numpy's is %.17g", (unsigned long)fx->seed, fx->iterations, k,
                      syn0_data[k], fx->syn0[k]);
    }
}

Test(np_single_layer, the_same_seed_gives_the_same_network)
{
    double a[4] = {NAN, NAN, NAN, NAN}, b[4] = {NAN, NAN, NAN, NAN}, wa[3], wb[3];
    nn_matrix la = {4, 1, a}, lb = {4, 1, b}, sa = {3, 1, wa}, sb = {3, 1, wb};
    np_single_layer(2024, 50, &la, &sa);
    np_single_layer(2024, 50, &lb, &sb);
    for (size_t i = 0; i < 4; i++)
        cr_expect(a[i] == b[i], "two calls with seed 2024: l1[%zu] is %.17g, then %.17g", i,
                  a[i], b[i]);
    np_single_layer(2025, 50, &lb, &sb);
    cr_expect(a[0] != b[0] || a[1] != b[1], "seeds 2024 and 2025 gave the same l1");
}

Test(np_single_layer, bad_arguments_are_refused_untouched)
{
    double l1_data[5] = {-1, -1, -1, -1, -1}, syn0_data[4] = {-1, -1, -1, -1};
    nn_matrix l1 = {4, 1, l1_data}, syn0 = {3, 1, syn0_data};
    nn_matrix l1_row = {1, 4, l1_data}, l1_long = {5, 1, l1_data}, syn0_wide = {3, 4, NULL};
    nn_status status = np_single_layer(1, 0, &l1, &syn0);
    cr_expect_eq(status, NN_ERR_ARG, "np_single_layer(seed 1, 0 iterations): expected "
                 "NN_ERR_ARG (%d), got %d", NN_ERR_ARG, status);
    status = np_single_layer(1, -5, &l1, &syn0);
    cr_expect_eq(status, NN_ERR_ARG, "np_single_layer(seed 1, -5 iterations): expected "
                 "NN_ERR_ARG (%d), got %d", NN_ERR_ARG, status);
    status = np_single_layer(1, 10, &l1_row, &syn0);
    cr_expect_eq(status, NN_ERR_SHAPE, "np_single_layer with l1 of shape (1, 4): expected "
                 "NN_ERR_SHAPE (%d), got %d", NN_ERR_SHAPE, status);
    status = np_single_layer(1, 10, &l1_long, &syn0);
    cr_expect_eq(status, NN_ERR_SHAPE, "np_single_layer with l1 of shape (5, 1): expected "
                 "NN_ERR_SHAPE (%d), got %d", NN_ERR_SHAPE, status);
    status = np_single_layer(1, 10, &l1, &syn0_wide);
    cr_expect_eq(status, NN_ERR_SHAPE, "np_single_layer with syn0 of shape (3, 4): expected "
                 "NN_ERR_SHAPE (%d), got %d", NN_ERR_SHAPE, status);
    for (size_t k = 0; k < 5; k++)
        expect_near(l1_data[k], -1.0, 0.0, "l1->data[%zu] after refused arguments (must stay %s)",
                    k, "untouched");
    for (size_t k = 0; k < 4; k++)
        expect_near(syn0_data[k], -1.0, 0.0, "syn0->data[%zu] after refused arguments (must stay "
                    "%s)", k, "untouched");
}
