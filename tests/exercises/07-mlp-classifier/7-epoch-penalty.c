/* Tests for exercise 07-7, sk_epoch_penalty: by hand, the one-batch case that lbfgs
 * shares, and scikit-learn's own loss_ (tests/fixtures/mlp_moons.h, made by
 * tools/fixtures/mlp_moons.py: one-epoch sgd fits on the moons whose weights do not
 * move, with alpha 1 and alpha 0). */
#include "grade.h"
#include "exercises.h"
#include "fixtures/mlp_moons.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

GRADE_SUITE(sk_epoch_penalty);

/* [[1, 2], [3, 4]] and [[1], [-1]]: S = 30 + 2 = 32 squared weights. */
static double w0[] = {1, 2, 3, 4}, w1[] = {1, -1};
static const nn_matrix coefs[] = {{2, 2, w0}, {2, 1, w1}};

Test(sk_epoch_penalty, one_batch_is_lbfgss_penalty)
{
    /* alpha S / (2N) = 0.5 * 32 / 20 = 0.8 */
    expect_near(sk_epoch_penalty(coefs, 2, 0.5, 10, 10), 0.8, 1e-15,
                "alpha 0.5, %d samples, batch_size 10 (one batch)", 10);
    expect_near(sk_epoch_penalty(coefs, 2, 0.5, 10, 0), 0.8, 1e-15,
                "alpha 0.5, %d samples, batch_size 'auto' (0: min(200, 10), one batch)", 10);
    expect_near(sk_epoch_penalty(coefs, 2, 0.5, 10, 25), 0.8, 1e-15,
                "alpha 0.5, %d samples, batch_size 25 (cut down to 10: one batch)", 10);
    expect_near(sk_epoch_penalty(coefs, 2, 0.0, 10, 2), 0.0, 0.0,
                "alpha 0, %d samples, batch_size 2", 10);
}

Test(sk_epoch_penalty, every_batch_adds_the_same_share)
{
    /* batches of 5: two of them, 2 * 0.8 */
    expect_near(sk_epoch_penalty(coefs, 2, 0.5, 10, 5), 1.6, 1e-15,
                "alpha 0.5, 10 samples, batch_size %d (two batches)", 5);
    /* batches of 4, 4 and 2: the short one adds as much as the others, 3 * 0.8 */
    expect_near(sk_epoch_penalty(coefs, 2, 0.5, 10, 4), 2.4, 1e-15,
                "alpha 0.5, 10 samples, batch_size %d (batches of 4, 4 and 2)", 4);
    /* one sample per batch: ten batches */
    expect_near(sk_epoch_penalty(coefs, 2, 0.5, 10, 1), 8.0, 1e-14,
                "alpha 0.5, 10 samples, batch_size %d (ten batches)", 1);
    /* 'auto' with 450 samples: batches of 200, 200 and 50; 3 * 0.5 * 32 / 900 */
    expect_near(sk_epoch_penalty(coefs, 2, 0.5, 450, 0), 3 * 16.0 / 900, 1e-15,
                "alpha 0.5, 450 samples, batch_size 'auto' (%d, 200 and 50)", 200);
    /* only the first matrix: S = 30 */
    expect_near(sk_epoch_penalty(coefs, 1, 0.5, 10, 5), 1.5, 1e-15,
                "[[1, 2], [3, 4]] alone, alpha 0.5, 10 samples, batch_size %d", 5);
    cr_expect(w0[0] == 1 && w0[3] == 4 && w1[1] == -1, "sk_epoch_penalty changed the weights");
}

/* Silences the ConvergenceWarning of a one-epoch fit. */
static void quiet(const char *message, void *context)
{
    (void)message;
    (void)context;
}

/* The starting weights of scikit-learn's sgd fits on the moons (random_state 1, hidden
 * (10, 10)) and the penalty they added to loss_: loss_ with alpha 1 minus loss_ with 0. */
Test(sk_epoch_penalty, is_what_scikit_learns_loss_carries)
{
    double x[800], labels[400];
    nn_matrix X = {400, 2, x}, y = {400, 1, labels};
    nn_rng rng;
    nn_rng_seed(&rng, 1);
    nn_error err;
    cr_assert_eq(nn_make_moons(400, true, 0.2, &rng, &X, &y, &err), NN_OK, "%s", err.message);
    nn_matrix X_train = {300, 2, x}, y_train = {300, 1, labels};
    nn_mlp_params p = nn_mlp_defaults();
    p.solver = NN_MLP_SGD;
    p.learning_rate_init = 1e-300; /* the weights stay where they started */
    p.n_hidden = 2;
    p.hidden_layer_sizes[0] = p.hidden_layer_sizes[1] = 10;
    p.max_iter = 1;
    p.random_state = 1;
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_not_null(m, "%s", err.message);
    nn_set_warning_handler(quiet, NULL);
    cr_assert_eq(nn_mlp_fit(m, &X_train, &y_train, &err), NN_OK, "%s", err.message);
    nn_set_warning_handler(NULL, NULL);
    nn_matrix W[3] = {*nn_mlp_coefs(m, 0), *nn_mlp_coefs(m, 1), *nn_mlp_coefs(m, 2)};
    for (size_t i = 0; i < COUNT_OF(mlp_moons_fx_penalties); i++) {
        const mlp_moons_fx_penalty *fx = &mlp_moons_fx_penalties[i];
        double want = fx->loss_alpha - fx->loss_zero;
        double got = sk_epoch_penalty(W, 3, mlp_moons_fx_alpha, 300, fx->batch_size);
        cr_expect(fabs(got - want) <= 1e-12 * want,
                  "the moons' starting weights (squared: %.17g), alpha 1, 300 samples, "
                  "batch_size %zu: scikit-learn's loss_ carries a penalty of %.17g, got %.17g",
                  fx->squared_weights, fx->batch_size, want, got);
    }
    nn_mlp_free(m);
}
