/* Tests for exercise 06-1, np_transpose. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(np_transpose);

/* A matrix on the stack: rows x cols doubles at data. */
#define MATRIX(r, c, d) ((nn_matrix){(r), (c), (d)})

Test(np_transpose, a_2x3_becomes_a_3x2)
{
    double a_data[] = {1, 2, 3,
                       4, 5, 6};
    double out_data[6] = {NAN, NAN, NAN, NAN, NAN, NAN};
    nn_matrix a = MATRIX(2, 3, a_data), out = MATRIX(3, 2, out_data);
    nn_status status = np_transpose(&out, &a);
    cr_expect_eq(status, NN_OK, "np_transpose of a (2, 3) into a (3, 2): expected NN_OK, got %d",
                 status);
    static const double want[] = {1, 4,
                                  2, 5,
                                  3, 6};
    for (size_t k = 0; k < 6; k++)
        expect_near(out_data[k], want[k], 0.0,
                    "transpose of [[1,2,3],[4,5,6]]: out[%zu, %zu] (should be a[%zu, %zu])",
                    k / 2, k % 2, k % 2, k / 2);
    for (size_t k = 0; k < 6; k++)
        expect_near(a_data[k], (double)(k + 1), 0.0, "a->data[%zu] after the call (a must not change)",
                    k);
}

Test(np_transpose, a_square_matrix_is_mirrored_over_its_diagonal)
{
    double a_data[] = {1, 2, 3,
                       4, 5, 6,
                       7, 8, 9};
    double out_data[9];
    nn_matrix a = MATRIX(3, 3, a_data), out = MATRIX(3, 3, out_data);
    cr_expect_eq(np_transpose(&out, &a), NN_OK, "np_transpose of a (3, 3): expected NN_OK");
    for (size_t i = 0; i < 3; i++)
        for (size_t j = 0; j < 3; j++)
            expect_near(out_data[i * 3 + j], a_data[j * 3 + i], 0.0,
                        "transpose of [[1,2,3],[4,5,6],[7,8,9]]: out[%zu, %zu]", i, j);
}

Test(np_transpose, a_row_becomes_a_column_and_back)
{
    /* The tutorial's y = np.array([[0,0,1,1]]).T is exactly this. */
    double row_data[] = {0, 0, 1, 1}, column_data[4] = {NAN, NAN, NAN, NAN}, back[4];
    nn_matrix row = MATRIX(1, 4, row_data), column = MATRIX(4, 1, column_data);
    nn_matrix again = MATRIX(1, 4, back);
    cr_expect_eq(np_transpose(&column, &row), NN_OK, "(1, 4) into (4, 1): expected NN_OK");
    cr_expect_eq(np_transpose(&again, &column), NN_OK, "(4, 1) into (1, 4): expected NN_OK");
    for (size_t k = 0; k < 4; k++) {
        expect_near(column_data[k], row_data[k], 0.0, "[[0,0,1,1]].T: element %zu", k);
        expect_near(back[k], row_data[k], 0.0, "[[0,0,1,1]].T.T: element %zu", k);
    }
}

Test(np_transpose, a_wrong_output_shape_is_refused_untouched)
{
    double a_data[] = {1, 2, 3, 4, 5, 6};
    double out_data[6] = {-1, -1, -1, -1, -1, -1};
    nn_matrix a = MATRIX(2, 3, a_data);
    static const size_t shapes[][2] = {{2, 3}, {6, 1}, {1, 6}, {3, 3}, {3, 1}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        nn_matrix out = MATRIX(shapes[s][0], shapes[s][1], out_data);
        nn_status status = np_transpose(&out, &a);
        cr_expect_eq(status, NN_ERR_SHAPE,
                     "np_transpose of a (2, 3) into a (%zu, %zu): expected NN_ERR_SHAPE (%d), "
                     "got %d", shapes[s][0], shapes[s][1], NN_ERR_SHAPE, status);
        for (size_t k = 0; k < shapes[s][0] * shapes[s][1] && k < 6; k++)
            expect_near(out_data[k], -1.0, 0.0,
                        "out->data[%zu] after a refused (%zu, %zu) out (must stay untouched)",
                        k, shapes[s][0], shapes[s][1]);
    }
}

Test(np_transpose, empty_matrices_work)
{
    double dummy = 42.0;
    nn_matrix a = MATRIX(0, 3, &dummy), out = MATRIX(3, 0, &dummy);
    cr_expect_eq(np_transpose(&out, &a), NN_OK, "np_transpose of a (0, 3) into a (3, 0): "
                 "expected NN_OK");
    nn_matrix wrong = MATRIX(0, 3, &dummy);
    cr_expect_eq(np_transpose(&wrong, &a), NN_ERR_SHAPE, "np_transpose of a (0, 3) into a "
                 "(0, 3): expected NN_ERR_SHAPE");
    expect_near(dummy, 42.0, 0.0, "memory next to an empty matrix (%s)", "nothing to write");
}
