/* Tests for exercise 06-2, np_dot, against numpy's own products. */
#include "grade.h"
#include "exercises.h"
#include "fixtures/numpy_xor.h"

GRADE_SUITE(np_dot);

#define MATRIX(r, c, d) ((nn_matrix){(r), (c), (double *)(d)})

Test(np_dot, a_small_product_by_hand)
{
    /* [[1, 2], [3, 4], [5, 6]] . [[1, 0, 2], [0, 1, 3]] = [[1, 2, 8], [3, 4, 18], [5, 6, 28]] */
    double a_data[] = {1, 2, 3, 4, 5, 6}, b_data[] = {1, 0, 2, 0, 1, 3}, out_data[9];
    nn_matrix a = MATRIX(3, 2, a_data), b = MATRIX(2, 3, b_data), out = MATRIX(3, 3, out_data);
    nn_status status = np_dot(&out, &a, &b);
    cr_expect_eq(status, NN_OK, "np_dot of (3, 2) and (2, 3) into (3, 3): expected NN_OK, got %d",
                 status);
    static const double want[] = {1, 2, 8, 3, 4, 18, 5, 6, 28};
    for (size_t k = 0; k < 9; k++)
        expect_near(out_data[k], want[k], 0.0,
                    "[[1,2],[3,4],[5,6]] . [[1,0,2],[0,1,3]]: out[%zu, %zu]", k / 3, k % 3);
}

Test(np_dot, equals_numpys_products_bit_for_bit)
{
    for (size_t c = 0; c < sizeof numpy_xor_fx_dots / sizeof numpy_xor_fx_dots[0]; c++) {
        const numpy_xor_fx_dot *fx = &numpy_xor_fx_dots[c];
        double out_data[64];
        for (size_t k = 0; k < fx->n * fx->m; k++)
            out_data[k] = NAN;
        nn_matrix a = MATRIX(fx->n, fx->p, fx->a), b = MATRIX(fx->p, fx->m, fx->b);
        nn_matrix out = MATRIX(fx->n, fx->m, out_data);
        nn_status status = np_dot(&out, &a, &b);
        cr_expect_eq(status, NN_OK, "np_dot of (%zu, %zu) and (%zu, %zu) (%s): expected NN_OK, "
                     "got %d", fx->n, fx->p, fx->p, fx->m, fx->what, status);
        for (size_t k = 0; k < fx->n * fx->m; k++) {
            if (out_data[k] != fx->out[k]) {
                cr_expect_fail("np_dot of (%zu, %zu) and (%zu, %zu), %s: out[%zu, %zu] is %.17g, "
                               "numpy's np.dot gives %.17g", fx->n, fx->p, fx->p, fx->m, fx->what,
                               k / fx->m, k % fx->m, out_data[k], fx->out[k]);
                break;
            }
        }
    }
}

Test(np_dot, adds_in_increasing_k)
{
    /* 1 + 1e16 rounds to 1e16, so (1 + 1e16) - 1e16 = 0, while 1 + (1e16 - 1e16) = 1.
     * numpy (through BLAS) adds k = 0, 1, 2 in order and prints 0. */
    double a_data[] = {1.0, 1e16, -1e16}, b_data[] = {1, 1, 1}, out_data[1] = {NAN};
    nn_matrix a = MATRIX(1, 3, a_data), b = MATRIX(3, 1, b_data), out = MATRIX(1, 1, out_data);
    np_dot(&out, &a, &b);
    expect_near(out_data[0], 0.0, 0.0,
                "np.dot([[1, 1e16, -1e16]], [[1],[1],[1]]) (numpy adds k = 0, 1, 2 in %s)",
                "this order");
}

Test(np_dot, an_empty_sum_is_zero)
{
    /* p = 0: a (2, 0) times a (0, 3) is a (2, 3) of zeros, as in numpy. */
    double dummy = 7.0, out_data[6] = {NAN, NAN, NAN, NAN, NAN, NAN};
    nn_matrix a = MATRIX(2, 0, &dummy), b = MATRIX(0, 3, &dummy), out = MATRIX(2, 3, out_data);
    cr_expect_eq(np_dot(&out, &a, &b), NN_OK, "np_dot of (2, 0) and (0, 3): expected NN_OK");
    for (size_t k = 0; k < 6; k++)
        expect_near(out_data[k], 0.0, 0.0, "np.dot(np.zeros((2,0)), np.zeros((0,3)))[%zu, %zu]",
                    k / 3, k % 3);
}

Test(np_dot, mismatched_shapes_are_refused_untouched)
{
    double a_data[12] = {0}, b_data[12] = {0}, out_data[16];
    static const size_t cases[][6] = {
        /* a rows, cols; b rows, cols; out rows, cols */
        {4, 3, 4, 1, 4, 1}, /* the classic: X . y instead of X.T . y */
        {4, 3, 3, 1, 3, 1}, /* right product, wrong out */
        {4, 3, 3, 1, 4, 3},
        {1, 3, 3, 1, 3, 3},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t k = 0; k < 16; k++)
            out_data[k] = -1.0;
        nn_matrix a = MATRIX(cases[c][0], cases[c][1], a_data);
        nn_matrix b = MATRIX(cases[c][2], cases[c][3], b_data);
        nn_matrix out = MATRIX(cases[c][4], cases[c][5], out_data);
        nn_status status = np_dot(&out, &a, &b);
        cr_expect_eq(status, NN_ERR_SHAPE, "np_dot of (%zu, %zu) and (%zu, %zu) into (%zu, %zu): "
                     "expected NN_ERR_SHAPE (%d), got %d", cases[c][0], cases[c][1], cases[c][2],
                     cases[c][3], cases[c][4], cases[c][5], NN_ERR_SHAPE, status);
        for (size_t k = 0; k < 16; k++)
            if (out_data[k] != -1.0) {
                cr_expect_fail("np_dot refused shapes but wrote out->data[%zu] = %g", k,
                               out_data[k]);
                break;
            }
    }
}
