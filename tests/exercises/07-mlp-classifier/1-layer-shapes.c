/* Tests for exercise 07-1, sk_coef_shapes, against the user guide and against the
 * networks nn_mlp really builds. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(sk_coef_shapes);

#define UNTOUCHED 999999 /* what shapes hold before the call */

Test(sk_coef_shapes, the_user_guides_network)
{
    size_t hidden[] = {5, 2}, shapes[4][2];
    for (size_t l = 0; l < 4; l++)
        shapes[l][0] = shapes[l][1] = UNTOUCHED;
    size_t count = sk_coef_shapes(2, hidden, 2, 1, shapes);
    static const size_t want[3][2] = {{2, 5}, {5, 2}, {2, 1}};
    for (size_t l = 0; l < 3; l++)
        cr_expect(shapes[l][0] == want[l][0] && shapes[l][1] == want[l][1],
                  "hidden_layer_sizes=(5, 2), 2 features, 1 output: coefs_[%zu] should be "
                  "(%zu, %zu), got (%zu, %zu)", l, want[l][0], want[l][1], shapes[l][0],
                  shapes[l][1]);
    expect_eq_size(count, 30, "parameters of the 2-5-2-1 network (22 weights, %d intercepts)",
                   8);
    cr_expect(shapes[3][0] == UNTOUCHED && shapes[3][1] == UNTOUCHED,
              "two hidden layers make 3 matrices, but a 4th shape was written");
}

Test(sk_coef_shapes, no_hidden_layer_is_a_linear_model)
{
    size_t shapes[2][2] = {{UNTOUCHED, UNTOUCHED}, {UNTOUCHED, UNTOUCHED}};
    size_t count = sk_coef_shapes(13, NULL, 0, 1, shapes);
    cr_expect(shapes[0][0] == 13 && shapes[0][1] == 1,
              "no hidden layer, 13 features, 1 output: expected one (13, 1) matrix, got "
              "(%zu, %zu)", shapes[0][0], shapes[0][1]);
    expect_eq_size(count, 14, "parameters of a 13-input logistic regression (%s)",
                   "13 weights and 1 intercept");
    cr_expect(shapes[1][0] == UNTOUCHED, "no hidden layer makes one matrix, not two");
}

static void ignore_warning(const char *message, void *context)
{
    (void)message; /* one L-BFGS iteration does not converge, and need not */
    (void)context;
}

/* Fits a small nn_mlp on a data set with `features` inputs and `classes` classes, and
 * checks sk_coef_shapes against the fitted network. */
static void check_against_nn_mlp(size_t features, size_t classes, const size_t *hidden,
                                 size_t n_hidden)
{
    enum { N = 12 };
    double x[N * 8], y[N];
    for (size_t i = 0; i < N; i++) {
        for (size_t j = 0; j < features; j++)
            x[i * features + j] = (double)((i * 7 + j * 3) % 5) - 2.0;
        y[i] = (double)(i % classes);
    }
    nn_matrix X = {N, features, x}, Y = {N, 1, y};
    nn_mlp_params p = nn_mlp_defaults();
    p.n_hidden = n_hidden;
    for (size_t l = 0; l < n_hidden; l++)
        p.hidden_layer_sizes[l] = hidden[l];
    p.solver = NN_MLP_LBFGS;
    p.max_iter = 1;
    p.random_state = 0;
    nn_set_warning_handler(ignore_warning, NULL);
    nn_error err;
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_not_null(m, "%s", err.message);
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_OK, "%s", err.message);

    size_t shapes[8][2], n_params;
    nn_mlp_packed(m, &n_params);
    size_t count = sk_coef_shapes(features, hidden, n_hidden, nn_mlp_n_outputs(m), shapes);
    for (size_t l = 0; l <= n_hidden; l++) {
        const nn_matrix *W = nn_mlp_coefs(m, l);
        cr_expect(shapes[l][0] == W->rows && shapes[l][1] == W->cols,
                  "%zu features, %zu classes, %zu hidden layers: nn_mlp's coefs_[%zu] is "
                  "(%zu, %zu), you said (%zu, %zu)", features, classes, n_hidden, l, W->rows,
                  W->cols, shapes[l][0], shapes[l][1]);
    }
    expect_eq_size(count, n_params, "%zu features, %zu classes, %zu hidden layers: parameters "
                   "(nn_mlp_packed's count)", features, classes, n_hidden);
    nn_mlp_free(m);
}

Test(sk_coef_shapes, agree_with_the_networks_nn_mlp_builds)
{
    size_t h100[] = {100}, h532[] = {5, 3, 2}, h7[] = {7};
    check_against_nn_mlp(2, 2, h100, 1);  /* scikit-learn's default (100,) */
    check_against_nn_mlp(4, 3, h532, 3);  /* three classes: a softmax of 3 outputs */
    check_against_nn_mlp(8, 5, h7, 1);
    check_against_nn_mlp(3, 2, NULL, 0);
}
