/* overfitting.c - chapter 8's --overfitting: a network built to overfit (56 hidden
 * units, no weight penalty, adam), trained by the recipe of main.c with
 * early_stopping=True. Part of the training patients is held out as a validation set;
 * after every epoch the network is scored on it. We train once with unlimited patience,
 * to see every epoch's validation score, then once with n_iter_no_change from the flags,
 * and check that early stopping stops where the counter rule says and hands back the
 * weights of the best epoch. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "experiments.h"

// [counter rule]
/* scikit-learn's _update_no_improvement_count with early stopping: an epoch whose
 * validation score does not beat the best so far by at least tol adds one to a counter,
 * a better one resets it to 0; training stops as soon as the counter exceeds
 * n_iter_no_change. The weights of the best epoch are kept aside and restored. */
size_t early_stop_epoch(const double *scores, size_t n, double tol, double patience,
                        size_t *best_epoch)
{
    double best = -INFINITY;
    size_t count = 0;
    *best_epoch = 0;
    for (size_t t = 0; t < n; t++) {
        if (scores[t] < best + tol)
            count++;
        else
            count = 0;
        if (scores[t] > best) {
            best = scores[t];
            *best_epoch = t + 1;
        }
        if ((double)count > patience)
            return t + 1;
    }
    return 0;
}
// [end counter rule]

// [overfit network]
/* MLPClassifier(hidden_layer_sizes=(56,), solver='adam', alpha=0, max_iter=1000,
 *               early_stopping=True, validation_fraction=..., n_iter_no_change=...):
 * four times the recipe's width and no penalty, so that nothing but the stopping rule
 * holds it back. */
static nn_mlp_params overfit_network(const nn_mlp_params *recipe)
{
    nn_mlp_params p = *recipe; /* validation_fraction, n_iter_no_change, tol */
    p.n_hidden = 1;
    p.hidden_layer_sizes[0] = 56;
    p.solver = NN_MLP_ADAM;
    p.alpha = 0.0;
    p.max_iter = 1000;
    p.early_stopping = true;
    return p;
}
// [end overfit network]

// [validation rows]
/* Which training patients early stopping held out. The library keeps them to itself,
 * so we draw them again as scikit-learn does: the generator seeded with random_state
 * first draws one uniform number per initial weight and bias, then the same generator
 * splits the training rows with train_test_split(test_size=validation_fraction,
 * stratify=y_train). */
static nn_status validation_rows(const holdout *h, const nn_mlp_params *p, uint32_t seed,
                                 nn_train_test *val, nn_error *err)
{
    size_t n_params = 0, fan_in = h->X_train->cols;
    for (size_t l = 0; l <= p->n_hidden; l++) {
        size_t fan_out = l < p->n_hidden ? p->hidden_layer_sizes[l] : 1; /* 1 output */
        n_params += fan_in * fan_out + fan_out;
        fan_in = fan_out;
    }
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    for (size_t k = 0; k < n_params; k++)
        nn_rng_random(&rng);
    nn_train_test_options opt = {
        .test_size = p->validation_fraction, .stratify = h->y_train, .rng = &rng};
    return nn_train_test_split(h->split.n_train, &opt, val, err);
}
// [end validation rows]

/* The accuracy of h's network on its validation rows: the model fit returned. */
static nn_status score_on_validation(const holdout *h, const nn_train_test *val,
                                     double *score, nn_error *err)
{
    nn_matrix *X_val = nn_data_take_rows(h->X_train, val->test, val->n_test, err);
    double *y_val = X_val ? nn_data_take(h->y_train, h->split.n_train, val->test,
                                         val->n_test, err)
                          : NULL;
    nn_status status = y_val ? NN_OK : NN_ERR_NOMEM;
    if (status == NN_OK) {
        nn_matrix Y_val = {val->n_test, 1, y_val};
        status = nn_mlp_score(h->clf, X_val, &Y_val, score, err);
    }
    nn_alloc_free(y_val);
    nn_matrix_free(X_val);
    return status;
}

static nn_status check_restored(const nn_mlp_params *p, uint32_t seed, overfitting *ov,
                                nn_error *err)
{
    nn_train_test val = {0};
    NN_TRY(validation_rows(&ov->stopped, p, seed, &val, err));
    ov->n_val = val.n_test;
    nn_status status = score_on_validation(&ov->stopped, &val, &ov->restored, err);
    nn_train_test_free(&val);
    return status;
}

static void print_epochs(const overfitting *ov)
{
    size_t n_loss, n_val;
    const double *loss = nn_mlp_loss_curve(ov->watch.clf, &n_loss);
    const double *val = nn_mlp_validation_scores(ov->watch.clf, &n_val);
    size_t show[] = {1,   10,  25,  50,   ov->best_epoch, ov->stop_epoch, ov->peak_epoch,
                     100, 200, 500, 1000};
    printf("  epoch   training loss   validation accuracy\n");
    for (size_t e = 1; e <= n_val && e <= n_loss; e++) {
        bool shown = false;
        for (size_t k = 0; k < NN_COUNT(show); k++)
            shown |= show[k] == e;
        if (!shown)
            continue;
        const char *note = e == ov->stop_epoch ? "   early stopping ends here"
                           : e == ov->best_epoch && e == ov->peak_epoch ? "   the best"
                           : e == ov->best_epoch ? "   the best before the stop"
                           : e == ov->peak_epoch ? "   the best of all epochs"
                                                 : "";
        printf("  %5zu   %13.4f   %19.3f%s\n", e, loss[e - 1], val[e - 1], note);
    }
}

static void print_overfitting(const overfitting *ov, size_t n_train)
{
    const nn_mlp_params *p = &ov->params;
    size_t n_val, n_watched;
    const double *val = nn_mlp_validation_scores(ov->stopped.clf, &n_val);
    nn_mlp_validation_scores(ov->watch.clf, &n_watched);
    double best = nn_mlp_best_validation_score(ov->stopped.clf);
    printf("\nOverfitting, watched: MLPClassifier(hidden_layer_sizes=(56,), solver='adam', "
           "alpha=0,\nmax_iter=1000, early_stopping=True, validation_fraction=%g) on the "
           "%zu training patients above:\n",
           p->validation_fraction, n_train);
    printf("%zu of them held out for validation (stratified), the network trained on the "
           "other %zu.\nWith no limit on patience, every epoch is scored:\n",
           ov->n_val, n_train - ov->n_val);
    print_epochs(ov);
    printf("The counter rule (n_iter_no_change=%g, tol=%g) on these scores: best at epoch "
           "%zu, ", p->n_iter_no_change, p->tol, ov->best_epoch);
    if (ov->stop_epoch)
        printf("stop after\nepoch %zu, %zu epochs without beating it.\n", ov->stop_epoch,
               ov->stop_epoch - ov->best_epoch);
    else
        printf("no stop\nwithin the %zu epochs.\n", n_watched);
    printf("Trained again with n_iter_no_change=%g: stopped after %ld epochs\n",
           p->n_iter_no_change, nn_mlp_n_iter(ov->stopped.clf));
    printf("  validation accuracy after the last epoch   %.3f\n", val[n_val - 1]);
    printf("  best_validation_score_ (epoch %zu)          %.3f\n", ov->best_epoch, best);
    printf("  the model returned, on the same patients   %.3f (the best epoch's weights)\n",
           ov->restored);
    printf("On the %zu held-out test patients: %.3f stopped early, %.3f with every epoch "
           "(best weights);\nwithout early stopping, on all %zu training patients: %.3f "
           "after %ld epochs\n",
           ov->stopped.split.n_test, ov->stopped.accuracy, ov->watch.accuracy, n_train,
           ov->plain.accuracy, nn_mlp_n_iter(ov->plain.clf));
}

static void count_warning(const char *message, void *context)
{
    (void)message;
    ++*(size_t *)context;
}

nn_status run_overfitting(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                          double test_size, overfitting *ov, nn_error *err)
{
    memset(ov, 0, sizeof *ov);
    nn_mlp_params p = overfit_network(params);
    ov->params = p;
    nn_mlp_params watch = p, plain = p;
    watch.n_iter_no_change = INFINITY; /* never stop: record all 1000 epochs */
    plain.early_stopping = false;
    size_t warnings = 0; /* the watched run reaches max_iter on purpose: no warning */
    nn_set_warning_handler(count_warning, &warnings);
    nn_status status = evaluate(pb, &watch, seed, test_size, &ov->watch, err);
    nn_set_warning_handler(NULL, NULL);
    if (status == NN_OK)
        status = evaluate(pb, &p, seed, test_size, &ov->stopped, err);
    if (status == NN_OK)
        status = evaluate(pb, &plain, seed, test_size, &ov->plain, err);
    if (status == NN_OK)
        status = check_restored(&p, seed, ov, err);
    if (status != NN_OK) {
        overfitting_free(ov);
        return status;
    }
    size_t n_val;
    const double *val = nn_mlp_validation_scores(ov->watch.clf, &n_val);
    ov->stop_epoch = early_stop_epoch(val, n_val, p.tol, p.n_iter_no_change, &ov->best_epoch);
    early_stop_epoch(val, n_val, p.tol, INFINITY, &ov->peak_epoch);
    print_overfitting(ov, ov->watch.split.n_train);
    ov->done = true;
    return NN_OK;
}

void overfitting_free(overfitting *ov)
{
    holdout_free(&ov->watch);
    holdout_free(&ov->stopped);
    holdout_free(&ov->plain);
}
