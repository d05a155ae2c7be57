/* Tests for exercise 07-6, sk_predict: scikit-learn's rules by hand, and agreement with
 * nn_mlp_predict on fitted networks. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(sk_predict);

#define UNTOUCHED -12345.0

Test(sk_predict, binary_threshold_is_strict)
{
    double p[] = {0.2, 0.9, 0.5, 0.5000000000000001, 0.4999999999999999, 1.0, 0.0};
    double classes[] = {0, 1}, labels[7] = {NAN, NAN, NAN, NAN, NAN, NAN, NAN};
    static const double want[] = {0, 1, 0, 1, 0, 1, 0};
    nn_matrix out = {7, 1, p};
    cr_expect_eq(sk_predict(&out, classes, 2, labels), NN_OK);
    for (size_t i = 0; i < 7; i++)
        expect_near(labels[i], want[i], 0.0, "binary, P(class 1) = %.17g: predicted class",
                    p[i]);
}

Test(sk_predict, binary_labels_are_the_classes)
{
    double p[] = {0.7, 0.1}, classes[] = {-1, 1}, labels[2] = {NAN, NAN};
    nn_matrix out = {2, 1, p};
    sk_predict(&out, classes, 2, labels);
    expect_near(labels[0], 1.0, 0.0, "classes (-1, 1), P(class 1) = %g", 0.7);
    expect_near(labels[1], -1.0, 0.0, "classes (-1, 1), P(class 1) = %g (class -1, not 0)",
                0.1);
}

Test(sk_predict, multiclass_argmax_first_on_ties)
{
    double p[] = {0.2, 0.5, 0.3,   /* the middle class */
                  0.4, 0.4, 0.2,   /* a tie: the first */
                  0.2, 0.4, 0.4,   /* a tie: the first of the two, 5 */
                  0.1, 0.1, 0.8};
    double classes[] = {3, 5, 7}, labels[4] = {NAN, NAN, NAN, NAN};
    static const double want[] = {5, 3, 5, 7};
    nn_matrix out = {4, 3, p};
    cr_expect_eq(sk_predict(&out, classes, 3, labels), NN_OK);
    for (size_t i = 0; i < 4; i++)
        expect_near(labels[i], want[i], 0.0, "classes (3, 5, 7), row (%g, %g, %g)",
                    p[3 * i], p[3 * i + 1], p[3 * i + 2]);
}

Test(sk_predict, a_wrong_number_of_classes_is_refused)
{
    double p[] = {0.2, 0.5, 0.3, 0.1}, classes[] = {0, 1, 2, 3};
    double labels[2] = {UNTOUCHED, UNTOUCHED};
    nn_matrix one = {4, 1, p}, two = {2, 2, p}, four = {1, 4, p};
    cr_expect_eq(sk_predict(&one, classes, 3, labels), NN_ERR_SHAPE,
                 "one output column with 3 classes: expected NN_ERR_SHAPE");
    cr_expect_eq(sk_predict(&two, classes, 3, labels), NN_ERR_SHAPE,
                 "2 output columns with 3 classes: expected NN_ERR_SHAPE");
    cr_expect_eq(sk_predict(&four, classes, 2, labels), NN_ERR_SHAPE,
                 "4 output columns with 2 classes: expected NN_ERR_SHAPE");
    cr_expect(labels[0] == UNTOUCHED && labels[1] == UNTOUCHED,
              "labels were written although the shapes were refused");
    cr_expect_eq(sk_predict(&two, classes, 2, labels), NN_OK,
                 "2 output columns with 2 classes (a softmax over two) is fine");
}

static void ignore_warning(const char *message, void *context)
{
    (void)message;
    (void)context;
}

/* Fits a network on moons (with the given class labels) and compares sk_predict on its
 * output layer with nn_mlp_predict. */
static void check_fitted(size_t n_classes, const double *classes)
{
    enum { N = 120 };
    double x[2 * N], y[N], grid[2 * 400];
    nn_matrix X = {N, 2, x}, Y = {N, 1, y};
    nn_rng rng;
    nn_rng_seed(&rng, 3);
    cr_assert_eq(nn_make_moons(N, true, 0.3, &rng, &X, &Y, NULL), NN_OK);
    for (size_t i = 0; i < N; i++) /* a third class: the right end of the lower moon */
        y[i] = n_classes == 2 ? classes[(size_t)y[i]]
                              : classes[(size_t)y[i] + (y[i] == 1 && x[2 * i] > 1.2)];
    for (size_t k = 0; k < 400; k++) { /* a 20 x 20 lattice over the plane */
        grid[2 * k] = -1.5 + 4.0 * (double)(k % 20) / 19;
        grid[2 * k + 1] = -1.0 + 2.5 * (double)(k / 20) / 19;
    }
    nn_matrix G = {400, 2, grid};

    nn_mlp_params p = nn_mlp_defaults();
    p.solver = NN_MLP_LBFGS;
    p.hidden_layer_sizes[0] = 8;
    p.random_state = 0;
    nn_set_warning_handler(ignore_warning, NULL);
    nn_error err;
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_not_null(m, "%s", err.message);
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_OK, "%s", err.message);

    /* The output layer: P(class 1) for binary (predict_proba's second column), the
     * softmax itself otherwise. */
    double proba[400 * 3], output[400 * 3], want[400], got[400];
    size_t cols = nn_mlp_proba_cols(m);
    nn_matrix P = {400, cols, proba};
    cr_assert_eq(nn_mlp_predict_proba(m, &G, &P, &err), NN_OK, "%s", err.message);
    size_t out_cols = n_classes == 2 ? 1 : cols;
    for (size_t k = 0; k < 400; k++)
        for (size_t j = 0; j < out_cols; j++)
            output[k * out_cols + j] = n_classes == 2 ? proba[2 * k + 1] : proba[k * cols + j];
    for (size_t k = 0; k < 400; k++)
        got[k] = NAN;
    nn_matrix O = {400, out_cols, output}, W = {400, 1, want};
    cr_assert_eq(nn_mlp_predict(m, &G, &W, &err), NN_OK, "%s", err.message);
    cr_expect_eq(sk_predict(&O, classes, n_classes, got), NN_OK);
    for (size_t k = 0; k < 400; k++)
        if (got[k] != want[k]) {
            cr_expect_fail("%zu classes, point (%g, %g): nn_mlp_predict says %g, you said %g",
                           n_classes, grid[2 * k], grid[2 * k + 1], want[k], got[k]);
            break;
        }
    nn_mlp_free(m);
}

Test(sk_predict, agrees_with_nn_mlp_predict)
{
    check_fitted(2, (double[]){-1, 1});
    check_fitted(3, (double[]){3, 5, 7});
}
