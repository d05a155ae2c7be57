/* Tests for exercise 07-2, sk_softmax, against scikit-learn's inplace_softmax (through
 * tests/fixtures/activation.h, made by tools/fixtures/activation.py). */
#include "grade.h"
#include "exercises.h"
#include "fixtures/activation.h"

GRADE_SUITE(sk_softmax);

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Runs sk_softmax on a copy of case fx and compares with scikit-learn's output, within
 * tol (absolute: probabilities are at most 1) or, with tol 0, bit for bit. */
static void check_case(const activation_fx_softmax *fx, double tol, bool in_place)
{
    size_t n = fx->rows * fx->cols;
    double *x = malloc(n * sizeof *x), *o = malloc(n * sizeof *o);
    cr_assert(x && o);
    for (size_t k = 0; k < n; k++) {
        x[k] = fx->x[k];
        o[k] = NAN;
    }
    nn_matrix z = {fx->rows, fx->cols, x}, out = {fx->rows, fx->cols, o};
    nn_matrix *target = in_place ? &z : &out;
    nn_status status = sk_softmax(target, &z);
    cr_expect_eq(status, NN_OK, "sk_softmax on a (%zu, %zu) matrix: expected NN_OK, got %d",
                 fx->rows, fx->cols, status);
    for (size_t k = 0; k < n; k++) {
        double got = target->data[k], want = fx->y[k];
        bool ok = tol == 0.0 ? got == want : fabs(got - want) <= tol;
        if (!ok) {
            cr_expect_fail("softmax of row %zu of a (%zu, %zu) matrix%s: entry %zu (score "
                           "%.17g) should be scikit-learn's %.17g, got %.17g%s", k / fx->cols,
                           fx->rows, fx->cols, in_place ? ", in place" : "", k % fx->cols,
                           fx->x[k], want, got,
                           tol == 0.0 ? " (close is not enough here: subtract the maximum, "
                                        "exp, add up from the first entry, divide)" : "");
            break;
        }
    }
    free(x);
    free(o);
}

Test(sk_softmax, three_scores_by_hand)
{
    /* softmax(1, 2, 3) = (e^-2, e^-1, 1) / (1 + e^-1 + e^-2) */
    double z_data[] = {1, 2, 3}, o[3];
    nn_matrix z = {1, 3, z_data}, out = {1, 3, o};
    cr_expect_eq(sk_softmax(&out, &z), NN_OK);
    double s = 1 + exp(-1.0) + exp(-2.0);
    double want[] = {exp(-2.0) / s, exp(-1.0) / s, 1 / s};
    for (size_t j = 0; j < 3; j++)
        expect_near(o[j], want[j], 1e-15, "softmax(1, 2, 3)[%zu]", j);
}

Test(sk_softmax, equals_scikit_learn_for_every_row_length)
{
    for (size_t c = 0; c < COUNT_OF(activation_fx_softmaxes); c++)
        check_case(&activation_fx_softmaxes[c], 1e-15, false);
}

Test(sk_softmax, huge_and_infinite_scores)
{
    /* (1000, 1000), (-1000, 1000), (-inf, 0), (745, 0), (-1e300, 1e300), ... */
    check_case(&activation_fx_softmaxes[9], 1e-15, false);
    /* (-inf, 1, -inf) is certain of the middle class */
    check_case(&activation_fx_softmaxes[10], 1e-15, false);
}

Test(sk_softmax, rows_add_up_to_one)
{
    const activation_fx_softmax *fx = &activation_fx_softmaxes[4]; /* 3 rows of 13 */
    double o[39];
    nn_matrix z = {fx->rows, fx->cols, (double *)fx->x}, out = {fx->rows, fx->cols, o};
    sk_softmax(&out, &z);
    for (size_t i = 0; i < fx->rows; i++) {
        double sum = 0.0;
        for (size_t j = 0; j < fx->cols; j++)
            sum += o[i * fx->cols + j];
        expect_near(sum, 1.0, 1e-14, "the probabilities of row %zu add up to", i);
    }
}

Test(sk_softmax, works_in_place)
{
    check_case(&activation_fx_softmaxes[1], 1e-15, true);
    check_case(&activation_fx_softmaxes[9], 1e-15, true);
}

Test(sk_softmax, same_bits_as_scikit_learn_below_eight_classes)
{
    for (size_t c = 0; c < COUNT_OF(activation_fx_softmaxes); c++)
        if (activation_fx_softmaxes[c].cols < 8)
            check_case(&activation_fx_softmaxes[c], 0.0, false);
}

Test(sk_softmax, a_wrong_output_shape_is_refused_untouched)
{
    double z_data[6] = {1, 2, 3, 4, 5, 6}, o[6] = {-1, -1, -1, -1, -1, -1};
    nn_matrix z = {2, 3, z_data};
    static const size_t shapes[][2] = {{3, 2}, {1, 6}, {2, 2}};
    for (size_t s = 0; s < 3; s++) {
        nn_matrix out = {shapes[s][0], shapes[s][1], o};
        nn_status status = sk_softmax(&out, &z);
        cr_expect_eq(status, NN_ERR_SHAPE, "sk_softmax(out (%zu, %zu), z (2, 3)): expected "
                     "NN_ERR_SHAPE (%d), got %d", shapes[s][0], shapes[s][1], NN_ERR_SHAPE,
                     status);
    }
    for (size_t k = 0; k < 6; k++)
        expect_near(o[k], -1.0, 0.0, "out->data[%zu] after refused shapes (must stay %s)", k,
                    "untouched");
}
