/* alpha.c - part 4: what alpha means depends on the solver. scikit-learn adds the L2
 * penalty alpha / (2 B) ||W||^2 to the loss of every batch of B samples. lbfgs has one
 * batch, the whole training set (B = N); sgd and adam take N / B steps per epoch, each
 * pulling the weights towards zero by alpha / B times their value (times the rate).
 * Averaged over an epoch their steps follow the gradient of
 *
 *     loss(W) + alpha / (2 B) ||W||^2  =  loss(W) + (alpha N / B) / (2 N) ||W||^2,
 *
 * which is the full-batch objective with alpha N / B in alpha's place. This part
 * measures it on part 2's moons: for each batch size, an sgd and an adam fit with the
 * same alpha, and an lbfgs fit with alpha N / B. report.c prints the table, figures.c
 * draws it. */
#include "alpha.h"

static const size_t BATCH_SIZES[ALPHA_N_SIZES] = {300, 150, 100, 50, 30, 10};

/* MLPClassifier(solver=solver, alpha=alpha, batch_size=B, hidden_layer_sizes=(10, 10),
 * learning_rate_init=0.01, max_iter=2000, random_state=1).fit(X, y), and what the
 * penalty acts on: the sum of the squares of every weight (not the intercepts). */
static nn_status fit_one(nn_mlp_solver solver, double alpha, size_t B, const nn_matrix *X,
                         const nn_matrix *y, alpha_fit *f, nn_error *err)
{
    nn_mlp_params p = nn_mlp_defaults();
    p.solver = solver;
    p.alpha = alpha;
    p.batch_size = B; /* lbfgs ignores it: its batch is always all N samples */
    p.n_hidden = 2;
    p.hidden_layer_sizes[0] = p.hidden_layer_sizes[1] = 10;
    p.learning_rate_init = ALPHA_LEARNING_RATE;
    p.max_iter = ALPHA_MAX_ITER;
    p.random_state = ALPHA_SEED;
    nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, err);
    NN_TRY(nn_made(clf, err));
    nn_status status = NN_OK;
    NN_TRY_CLEANUP(nn_mlp_fit(clf, X, y, err));
    NN_TRY_CLEANUP(nn_mlp_score(clf, X, y, &f->train_score, err));
    f->n_iter = nn_mlp_n_iter(clf);
    f->loss = nn_mlp_loss(clf);
    f->squared_weights = 0.0; /* ||W||^2, layer by layer, each in index order */
    for (size_t l = 0; l + 1 < nn_mlp_n_layers(clf); l++) {
        const nn_matrix *W = nn_mlp_coefs(clf, l);
        double sum = 0.0;
        for (size_t k = 0; k < W->rows * W->cols; k++)
            sum += W->data[k] * W->data[k];
        f->squared_weights += sum;
    }
cleanup:
    nn_mlp_free(clf);
    return status;
}

// [alpha per batch size]
/* For each batch size B: sgd and adam with alpha, then lbfgs with alpha * N / B, the
 * strength that the mini-batch solvers' penalty amounts to over the whole set. */
nn_status alpha_run(alpha_result *r, nn_error *err)
{
    /* X, y = make_moons(n_samples=400, noise=0.2, random_state=1); the first 300 */
    double x_data[400 * 2] = {0}, y_data[400] = {0};
    nn_matrix X = {400, 2, x_data}, y = {400, 1, y_data};
    nn_rng rng;
    nn_rng_seed(&rng, ALPHA_SEED);
    NN_TRY(nn_make_moons(400, true, 0.2, &rng, &X, &y, err));
    r->n_train = 300;
    nn_matrix X_train = {r->n_train, 2, x_data}, y_train = {r->n_train, 1, y_data};

    double N = (double)r->n_train;
    for (size_t i = 0; i < ALPHA_N_SIZES; i++) {
        size_t B = r->batch[i] = BATCH_SIZES[i];
        alpha_fit *f = r->fits[i];
        NN_TRY(fit_one(NN_MLP_SGD, ALPHA_STRENGTH, B, &X_train, &y_train, &f[NN_MLP_SGD], err));
        NN_TRY(fit_one(NN_MLP_ADAM, ALPHA_STRENGTH, B, &X_train, &y_train, &f[NN_MLP_ADAM],
                       err));
        NN_TRY(fit_one(NN_MLP_LBFGS, ALPHA_STRENGTH * N / (double)B, B, &X_train, &y_train,
                       &f[NN_MLP_LBFGS], err));
    }
    return NN_OK;
}
// [end alpha per batch size]
