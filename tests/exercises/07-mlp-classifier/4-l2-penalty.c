/* Tests for exercise 07-4, sk_l2_penalty: by hand, against the library, and as the
 * missing piece of a fitted network's loss_. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(sk_l2_penalty);

Test(sk_l2_penalty, two_small_matrices_by_hand)
{
    /* 1 + 4 + 9 + 16 + 1 + 1 = 32 squared weights; (0.5 * 0.1) * 32 / 4 = 0.4 */
    double w0[] = {1, 2, 3, 4}, w1[] = {1, -1};
    nn_matrix coefs[] = {{2, 2, w0}, {2, 1, w1}};
    expect_near(sk_l2_penalty(coefs, 2, 0.1, 4), 0.4, 1e-15,
                "penalty of [[1, 2], [3, 4]] and [[1], [-1]], alpha 0.1, %d samples", 4);
    expect_near(sk_l2_penalty(coefs, 1, 0.1, 4), 0.375, 1e-15,
                "penalty of [[1, 2], [3, 4]] alone, alpha 0.1, %d samples", 4);
    expect_near(sk_l2_penalty(coefs, 2, 0.0, 4), 0.0, 0.0, "penalty with alpha = %d", 0);
    expect_near(sk_l2_penalty(coefs, 2, 1.0, 1), 16.0, 1e-15,
                "penalty with alpha 1 and %d sample: half the sum of squares", 1);
    cr_expect(w0[0] == 1 && w0[3] == 4 && w1[1] == -1, "sk_l2_penalty changed the weights");
}

Test(sk_l2_penalty, equals_the_librarys_on_random_networks)
{
    nn_rng rng;
    nn_rng_seed(&rng, 7);
    static const size_t shapes[][2] = {{13, 100}, {100, 1}, {2, 5}, {5, 2}, {2, 1}, {7, 3}};
    double data[6][1300];
    nn_matrix coefs[6];
    size_t sizes[6];
    for (size_t l = 0; l < 6; l++) {
        sizes[l] = shapes[l][0] * shapes[l][1];
        for (size_t k = 0; k < sizes[l]; k++)
            data[l][k] = nn_rng_uniform(&rng, -2.0, 2.0);
        coefs[l] = (nn_matrix){shapes[l][0], shapes[l][1], data[l]};
    }
    /* the library wants the weights one after the other, as nn_mlp packs them */
    static double packed[1300 * 6];
    size_t offsets[7] = {0};
    for (size_t l = 0; l < 6; l++) {
        for (size_t k = 0; k < sizes[l]; k++)
            packed[offsets[l] + k] = data[l][k];
        offsets[l + 1] = offsets[l] + sizes[l];
    }
    for (size_t layers = 1; layers <= 6; layers++) {
        double want = nn_loss_l2_penalty(packed, sizes, layers, 3e-4, 37);
        double got = sk_l2_penalty(coefs, layers, 3e-4, 37);
        cr_expect(fabs(got - want) <= 1e-14 * want, "%zu random matrices, alpha 3e-4, 37 "
                  "samples: expected %.17g, got %.17g", layers, want, got);
    }
}

/* loss_ = (log-loss of the fitted network on its training data) + the L2 penalty: the
 * user guide's example, refitted with a larger alpha so that the penalty matters. */
Test(sk_l2_penalty, completes_a_fitted_networks_loss)
{
    double x[] = {0, 0, 1, 1, 1, 0, 0, 1}, y[] = {0, 1, 1, 0};
    nn_matrix X = {4, 2, x}, Y = {4, 1, y};
    static const double alphas[] = {1e-5, 0.1, 1.0};
    for (size_t a = 0; a < 3; a++) {
        nn_mlp_params p = nn_mlp_defaults();
        p.solver = NN_MLP_LBFGS;
        p.alpha = alphas[a];
        p.n_hidden = 2;
        p.hidden_layer_sizes[0] = 5;
        p.hidden_layer_sizes[1] = 2;
        p.random_state = 1;
        nn_error err;
        nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
        cr_assert_not_null(m, "%s", err.message);
        cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_OK, "%s", err.message);
        double proba[8];
        nn_matrix P = {4, 2, proba};
        cr_assert_eq(nn_mlp_predict_proba(m, &X, &P, &err), NN_OK, "%s", err.message);
        double p1[4] = {proba[1], proba[3], proba[5], proba[7]}; /* P(class 1) */
        double data_loss = nn_loss_binary_log(y, p1, 4, 1);
        nn_matrix coefs[3] = {*nn_mlp_coefs(m, 0), *nn_mlp_coefs(m, 1), *nn_mlp_coefs(m, 2)};
        double penalty = sk_l2_penalty(coefs, 3, alphas[a], 4);
        double loss = nn_mlp_loss(m);
        cr_expect(fabs(data_loss + penalty - loss) <= 1e-12 * loss,
                  "XOR, hidden (5, 2), alpha %g: loss_ is %.15g; the log-loss of the "
                  "predictions is %.15g, so the penalty should be %.15g, got %.15g",
                  alphas[a], loss, data_loss, loss - data_loss, penalty);
        nn_mlp_free(m);
    }
}
