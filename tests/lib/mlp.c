/* tests/lib/mlp.c - nn_mlp against scikit-learn 1.2's MLPClassifier and MLPRegressor.
 *
 * The parity test replays every fit recorded in tests/fixtures/mlp.h (made by
 * tools/fixtures/mlp.py with Debian's python3-sklearn): the same parameters and data,
 * then compares what the fitted model holds. For sgd and adam (at least 20 epochs each)
 * coefs_, intercepts_, loss_curve_ and validation_scores_ must agree to 1e-9 relative,
 * n_iter_ and t_ exactly, predictions exactly (classes) or to 1e-9 (values), and the
 * number of convergence warnings. For lbfgs, whose path is not scipy's to the bit, the
 * final loss must be no worse than scikit-learn's + 1e-6 and the predicted classes the
 * same (regression values within 1% of the targets' scale).
 *
 * The other tests cover what a user meets around a fit: parameter validation with
 * scikit-learn's messages, warm_start and partial_fit, save/load (bit-exact round trip,
 * corrupt, truncated and inconsistent files rejected), bad input (NaN, infinity, shapes,
 * labels), the convergence warning through the warning hook, verbose output, failing
 * allocations, and that the training loop allocates nothing.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <criterion/redirect.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "fixtures/mlp.h"
#include "mlp.h"
#include "support.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define PARITY 1e-9

TestSuite(mlp, .timeout = 60);

/* ---- Helpers --------------------------------------------------------------------------- */

static bool close_rel(double a, double b, double rel)
{
    if (a == b || (isnan(a) && isnan(b)))
        return true;
    return fabs(a - b) <= rel * fmax(fabs(a), fabs(b));
}

static double rel_diff(double a, double b)
{
    if (a == b || (isnan(a) && isnan(b)))
        return 0.0;
    return fabs(a - b) / fmax(fabs(a), fabs(b));
}

static const mlp_fx_case *find_case(const char *name)
{
    for (size_t i = 0; i < COUNT_OF(mlp_fx_cases); i++)
        if (strcmp(mlp_fx_cases[i].name, name) == 0)
            return &mlp_fx_cases[i];
    cr_assert_fail("no fixture case named %s", name);
    return NULL;
}

/* scikit-learn's parameters of a fixture, as nn_mlp_params. */
static nn_mlp_params params_of(const mlp_fx_case *fx)
{
    nn_mlp_params p = nn_mlp_defaults();
    nn_error err;
    p.n_hidden = fx->n_hidden;
    for (size_t i = 0; i < fx->n_hidden; i++)
        p.hidden_layer_sizes[i] = fx->hidden_layer_sizes[i];
    cr_assert_eq(nn_activation_parse(fx->activation, &p.activation, &err), NN_OK);
    cr_assert_eq(nn_mlp_solver_parse(fx->solver, &p.solver, &err), NN_OK);
    cr_assert_eq(nn_learning_rate_parse(fx->learning_rate, &p.learning_rate, &err), NN_OK);
    p.alpha = fx->alpha;
    p.batch_size = fx->batch_size;
    p.learning_rate_init = fx->learning_rate_init;
    p.power_t = fx->power_t;
    p.max_iter = fx->max_iter;
    p.shuffle = fx->shuffle;
    p.random_state = fx->random_state;
    p.tol = fx->tol;
    p.momentum = fx->momentum;
    p.nesterovs_momentum = fx->nesterovs_momentum;
    p.early_stopping = fx->early_stopping;
    p.warm_start = fx->warm_start;
    p.validation_fraction = fx->validation_fraction;
    p.beta_1 = fx->beta_1;
    p.beta_2 = fx->beta_2;
    p.epsilon = fx->epsilon;
    p.n_iter_no_change = fx->n_iter_no_change;
    p.max_fun = fx->max_fun;
    p.progress = false;
    return p;
}

static nn_matrix X_of(const mlp_fx_data *d)
{
    return (nn_matrix){d->n_samples, d->n_features, (double *)d->X};
}

static nn_matrix y_of(const mlp_fx_data *d)
{
    return (nn_matrix){d->n_samples, d->y_cols, (double *)d->y};
}

/* Fits as the fixture did (fit, repeated warm-start fits, or partial_fit calls) and
 * returns the model; warnings_seen counts the warnings. */
static nn_mlp *fit_case(const mlp_fx_case *fx)
{
    nn_mlp_params p = params_of(fx);
    nn_error err;
    nn_mlp *m = nn_mlp_new(fx->regressor ? NN_MLP_REGRESSOR : NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_not_null(m, "%s: %s", fx->name, err.message);
    nn_matrix X = X_of(fx->data), y = y_of(fx->data);
    catch_warnings();
    for (int call = 0; call < fx->calls; call++) {
        nn_status st;
        if (strcmp(fx->mode, "partial_fit") == 0)
            st = nn_mlp_partial_fit(m, &X, &y, call == 0 ? fx->classes : NULL,
                                    call == 0 ? fx->n_classes : 0, &err);
        else
            st = nn_mlp_fit(m, &X, &y, &err);
        cr_assert_eq(st, NN_OK, "%s, call %d: %s", fx->name, call + 1, err.message);
    }
    nn_set_warning_handler(NULL, NULL);
    return m;
}

static void assert_array_close(const char *what, const char *name, const double *got,
                               const double *want, size_t n, double rel)
{
    double worst = 0.0;
    size_t at = 0;
    for (size_t i = 0; i < n; i++)
        if (rel_diff(got[i], want[i]) > worst) {
            worst = rel_diff(got[i], want[i]);
            at = i;
        }
    cr_assert(worst <= rel || (n > 0 && close_rel(got[at], want[at], rel)),
              "%s: %s[%zu] = %.17g, scikit-learn has %.17g (relative difference %.3g > %g)",
              name, what, at, got[at], want[at], worst, rel);
}

/* ---- Parity with scikit-learn ----------------------------------------------------------- */

/* Each case runs in its own process; Criterion copies the parameter into it, so the
 * parameter is the case's index (a pointer into the parent's memory would not do). */
ParameterizedTestParameters(mlp, parity_with_scikit_learn)
{
    static size_t index[COUNT_OF(mlp_fx_cases)];
    for (size_t i = 0; i < COUNT_OF(mlp_fx_cases); i++)
        index[i] = i;
    return cr_make_param_array(size_t, index, COUNT_OF(mlp_fx_cases));
}

ParameterizedTest(size_t *case_index, mlp, parity_with_scikit_learn)
{
    const mlp_fx_case *fx = &mlp_fx_cases[*case_index];
    nn_mlp *m = fit_case(fx);
    int warned = warnings_seen;
    nn_matrix X = X_of(fx->data), y = y_of(fx->data);
    nn_error err;
    bool stochastic = strcmp(fx->solver, "lbfgs") != 0;

    /* The network's shape and the labels. */
    cr_assert_eq(nn_mlp_n_layers(m), fx->n_layers, "%s: n_layers_", fx->name);
    cr_assert_eq(nn_mlp_n_outputs(m), fx->n_outputs, "%s: n_outputs_", fx->name);
    cr_assert_eq(nn_mlp_n_features_in(m), fx->data->n_features, "%s: n_features_in_", fx->name);
    cr_assert_str_eq(nn_activation_name(nn_mlp_out_activation(m)), fx->out_activation,
                     "%s: out_activation_", fx->name);
    size_t n_classes;
    const double *classes = nn_mlp_classes(m, &n_classes);
    cr_assert_eq(n_classes, fx->n_classes, "%s: %zu classes_, scikit-learn has %zu", fx->name,
                 n_classes, fx->n_classes);
    for (size_t i = 0; i < n_classes; i++)
        cr_assert(classes[i] == fx->classes[i], "%s: classes_[%zu]", fx->name, i);

    size_t n_params;
    const double *theta = nn_mlp_packed(m, &n_params);
    cr_assert_eq(n_params, fx->n_params, "%s: parameter count", fx->name);

    size_t rows = fx->data->n_samples;
    nn_matrix *pred = nn_matrix_new(rows, nn_mlp_predict_cols(m), NULL);
    cr_assert_eq(pred->cols, fx->predict_cols, "%s: predict columns", fx->name);
    cr_assert_eq(nn_mlp_predict(m, &X, pred, &err), NN_OK, "%s: %s", fx->name, err.message);
    double score;
    cr_assert_eq(nn_mlp_score(m, &X, &y, &score, &err), NN_OK, "%s: %s", fx->name, err.message);

    if (stochastic) {
        cr_assert_eq(nn_mlp_n_iter(m), fx->n_iter, "%s: n_iter_ %ld, scikit-learn %ld",
                     fx->name, nn_mlp_n_iter(m), fx->n_iter);
        cr_assert_eq(nn_mlp_t(m), fx->t, "%s: t_ %ld, scikit-learn %ld", fx->name, nn_mlp_t(m),
                     fx->t);
        /* coefs_ and intercepts_, through the matrix views */
        const double *want = fx->params;
        for (size_t l = 0; l + 1 < fx->n_layers; l++) {
            const nn_matrix *W = nn_mlp_coefs(m, l);
            cr_assert_not_null(W);
            cr_assert(W->rows == fx->layer_units[l] && W->cols == fx->layer_units[l + 1],
                      "%s: coefs_[%zu] is %zu x %zu", fx->name, l, W->rows, W->cols);
            char what[64];
            snprintf(what, sizeof what, "coefs_[%zu]", l);
            assert_array_close(what, fx->name, W->data, want, W->rows * W->cols, PARITY);
            want += W->rows * W->cols;
        }
        for (size_t l = 0; l + 1 < fx->n_layers; l++) {
            const nn_matrix *b = nn_mlp_intercepts(m, l);
            cr_assert(b->rows == 1 && b->cols == fx->layer_units[l + 1]);
            char what[64];
            snprintf(what, sizeof what, "intercepts_[%zu]", l);
            assert_array_close(what, fx->name, b->data, want, b->cols, PARITY);
            want += b->cols;
        }
        cr_assert_eq(want, fx->params + fx->n_params);
        assert_array_close("packed parameters", fx->name, theta, fx->params, n_params, PARITY);

        size_t n_curve, n_val;
        const double *curve = nn_mlp_loss_curve(m, &n_curve);
        cr_assert_eq(n_curve, fx->n_loss_curve, "%s: loss_curve_ length", fx->name);
        assert_array_close("loss_curve_", fx->name, curve, fx->loss_curve, n_curve, PARITY);
        const double *val = nn_mlp_validation_scores(m, &n_val);
        cr_assert_eq(n_val, fx->n_validation_scores, "%s: validation_scores_ length",
                     fx->name);
        assert_array_close("validation_scores_", fx->name, val, fx->validation_scores, n_val,
                           PARITY);
        cr_assert(close_rel(nn_mlp_loss(m), fx->loss, PARITY), "%s: loss_ %.17g vs %.17g",
                  fx->name, nn_mlp_loss(m), fx->loss);
        cr_assert(close_rel(nn_mlp_best_loss(m), fx->best_loss, PARITY),
                  "%s: best_loss_ %.17g vs %.17g", fx->name, nn_mlp_best_loss(m), fx->best_loss);
        cr_assert(close_rel(nn_mlp_best_validation_score(m), fx->best_validation_score, PARITY),
                  "%s: best_validation_score_ %.17g vs %.17g", fx->name,
                  nn_mlp_best_validation_score(m), fx->best_validation_score);
        /* predictions */
        for (size_t i = 0; i < rows * pred->cols; i++)
            cr_assert(fx->regressor ? close_rel(pred->data[i], fx->predict[i], PARITY)
                                    : pred->data[i] == fx->predict[i],
                      "%s: predict[%zu] = %.17g, scikit-learn %.17g", fx->name, i,
                      pred->data[i], fx->predict[i]);
        cr_assert(close_rel(score, fx->score, PARITY), "%s: score %.17g vs %.17g", fx->name,
                  score, fx->score);
        if (!fx->regressor) {
            nn_matrix *proba = nn_matrix_new(rows, nn_mlp_proba_cols(m), NULL);
            cr_assert_eq(proba->cols, fx->proba_cols);
            cr_assert_eq(nn_mlp_predict_proba(m, &X, proba, &err), NN_OK);
            for (size_t i = 0; i < rows * proba->cols; i++)
                cr_assert(close_rel(proba->data[i], fx->proba[i], PARITY) ||
                              fabs(proba->data[i] - fx->proba[i]) < 1e-15,
                          "%s: predict_proba[%zu] = %.17g, scikit-learn %.17g", fx->name, i,
                          proba->data[i], fx->proba[i]);
            nn_matrix_free(proba);
        }
    } else {
        /* lbfgs: as good a minimum, the same decisions. */
        cr_assert(nn_mlp_loss(m) <= fx->loss + 1e-6,
                  "%s: final loss %.17g is worse than scikit-learn's %.17g + 1e-6", fx->name,
                  nn_mlp_loss(m), fx->loss);
        cr_assert(nn_mlp_n_iter(m) >= 1 && nn_mlp_n_iter(m) <= fx->max_iter);
        double scale = 0.0;
        for (size_t i = 0; i < rows * pred->cols; i++)
            scale = fmax(scale, fabs(fx->predict[i]));
        for (size_t i = 0; i < rows * pred->cols; i++)
            cr_assert(fx->regressor ? fabs(pred->data[i] - fx->predict[i]) <= 0.01 * scale
                                    : pred->data[i] == fx->predict[i],
                      "%s: predict[%zu] = %.17g, scikit-learn %.17g", fx->name, i,
                      pred->data[i], fx->predict[i]);
    }
    cr_assert_eq(warned, fx->convergence_warnings,
                 "%s: %d warnings, scikit-learn raised %d ConvergenceWarning(s) (last: %s)",
                 fx->name, warned, fx->convergence_warnings, last_warning);
    nn_matrix_free(pred);
    nn_mlp_free(m);
}

Test(mlp, every_solver_activation_and_task_is_covered_by_a_fixture)
{
    /* The parity claims above are only as broad as the fixtures: check their spread. */
    const char *solvers[] = {"sgd", "adam", "lbfgs"};
    const char *activations[] = {"identity", "logistic", "tanh", "relu"};
    const char *outs[] = {"identity", "logistic", "softmax"};
    for (size_t s = 0; s < 3; s++)
        for (size_t a = 0; a < 4; a++) {
            bool seen = false;
            for (size_t c = 0; c < COUNT_OF(mlp_fx_cases); c++)
                seen |= !strcmp(mlp_fx_cases[c].activation, activations[a]) &&
                        (s == 2 ? !strcmp(mlp_fx_cases[c].solver, "lbfgs")
                                : strcmp(mlp_fx_cases[c].solver, "lbfgs") != 0);
            cr_assert(seen, "no %s fixture with %s units", s == 2 ? "lbfgs" : "stochastic",
                      activations[a]);
            (void)solvers;
        }
    /* The training step's element-wise passes treat rows of 32 or more units apart
     * (vector-width loops): each hidden activation needs a stochastic fixture on both
     * sides of that line. */
    for (size_t a = 0; a < 4; a++)
        for (int wide = 0; wide < 2; wide++) {
            bool seen = false;
            for (size_t c = 0; c < COUNT_OF(mlp_fx_cases); c++) {
                const mlp_fx_case *fx = &mlp_fx_cases[c];
                bool stochastic = strcmp(fx->solver, "lbfgs") != 0;
                for (size_t h = 0; stochastic && h < fx->n_hidden; h++)
                    seen |= !strcmp(fx->activation, activations[a]) &&
                            (fx->hidden_layer_sizes[h] >= 32) == wide;
            }
            cr_assert(seen, "no stochastic fixture with a hidden layer of %s 32 %s units",
                      wide ? "at least" : "fewer than", activations[a]);
        }
    int shuffled = 0, unshuffled = 0, early = 0, multilabel = 0, two_targets = 0;
    for (size_t c = 0; c < COUNT_OF(mlp_fx_cases); c++) {
        const mlp_fx_case *fx = &mlp_fx_cases[c];
        if (!strcmp(fx->solver, "lbfgs"))
            continue;
        cr_assert(fx->n_iter >= 20, "%s ran only %ld epochs", fx->name, fx->n_iter);
        shuffled += fx->shuffle;
        unshuffled += !fx->shuffle;
        early += fx->early_stopping;
        multilabel += !fx->regressor && fx->data->y_cols > 1;
        two_targets += fx->regressor && fx->data->y_cols > 1;
    }
    cr_assert(shuffled && unshuffled && early >= 2 && multilabel && two_targets);
    for (size_t o = 0; o < 3; o++) {
        bool seen = false;
        for (size_t c = 0; c < COUNT_OF(mlp_fx_cases); c++)
            seen |= !strcmp(mlp_fx_cases[c].out_activation, outs[o]);
        cr_assert(seen, "no fixture with a %s output layer", outs[o]);
    }
}

/* ---- No allocation in the training loop ---------------------------------------------- */

/* How many times a fit of `epochs` epochs (every one of them run: tol 0) calls the
 * allocator. */
static long fit_allocations(const mlp_fx_case *fx, long epochs)
{
    nn_mlp_params p = params_of(fx);
    p.max_iter = epochs;
    p.tol = 0.0;
    p.n_iter_no_change = (double)epochs + 1;
    nn_matrix X = X_of(fx->data), y = y_of(fx->data);
    nn_error err;
    nn_mlp *m = nn_mlp_new(fx->regressor ? NN_MLP_REGRESSOR : NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_not_null(m, "%s: %s", fx->name, err.message);
    catch_warnings(); /* the fit stops at max_iter: a ConvergenceWarning */
    long before = nn_alloc_calls();
    nn_status st = nn_mlp_fit(m, &X, &y, &err);
    long calls = nn_alloc_calls() - before;
    nn_set_warning_handler(NULL, NULL);
    cr_assert_eq(st, NN_OK, "%s: %s", fx->name, err.message);
    cr_assert_eq(nn_mlp_n_iter(m), epochs, "%s: every epoch should run", fx->name);
    nn_mlp_free(m);
    return calls;
}

Test(mlp, buffers_are_allocated_once_per_fit_not_per_epoch)
{
    /* sgd with early stopping (a validation pass every epoch), adam, lbfgs */
    const char *cases[] = {"sgd_relu_binary_early_stopping", "adam_relu_multilabel",
                           "lbfgs_relu_multiclass"};
    for (size_t c = 0; c < COUNT_OF(cases); c++) {
        const mlp_fx_case *fx = find_case(cases[c]);
        long few = fit_allocations(fx, 2), many = fit_allocations(fx, 30);
        cr_assert_gt(few, 0, "%s: a fit that allocates nothing?", fx->name);
        cr_assert_eq(few, many,
                     "%s: a fit of 2 epochs allocates %ld times, one of 30 epochs %ld times",
                     fx->name, few, many);
    }
}

/* ---- Watching a fit: params.on_iteration ------------------------------------------ */

typedef struct watch_log {
    long calls, last_iteration;
    double losses[64];
    bool predicted;    /* nn_mlp_predict worked inside the call */
    bool curve_agrees; /* the loss curve's last value was the loss handed over */
} watch_log;

static void watch(const nn_mlp *m, long iteration, double loss, void *context)
{
    watch_log *w = context;
    if (w->calls < 64)
        w->losses[w->calls] = loss;
    w->calls++;
    w->last_iteration = iteration;
    size_t n;
    const double *curve = nn_mlp_loss_curve(m, &n);
    w->curve_agrees = !curve || (n == (size_t)iteration && curve[n - 1] == loss);
    double row[64] = {0}, out[1];
    nn_matrix X = {1, nn_mlp_n_features_in(m), row}, y = {1, 1, out};
    nn_error err;
    w->predicted = nn_mlp_n_features_in(m) <= 64 && nn_mlp_predict_cols(m) == 1 &&
                   nn_mlp_predict(m, &X, &y, &err) == NN_OK;
}

Test(mlp, on_iteration_watches_every_epoch_and_changes_no_number)
{
    const char *cases[] = {"sgd_relu_binary_early_stopping", "adam_relu_multilabel",
                           "lbfgs_relu_multiclass"};
    for (size_t c = 0; c < COUNT_OF(cases); c++) {
        const mlp_fx_case *fx = find_case(cases[c]);
        nn_matrix X = X_of(fx->data), y = y_of(fx->data);
        nn_mlp_kind kind = fx->regressor ? NN_MLP_REGRESSOR : NN_MLP_CLASSIFIER;
        nn_mlp_params plain = params_of(fx), watched = plain;
        plain.max_iter = watched.max_iter = 30;
        watch_log log = {0};
        watched.on_iteration = watch;
        watched.on_iteration_context = &log;
        nn_error err;
        nn_mlp *a = nn_mlp_new(kind, &plain, &err), *b = nn_mlp_new(kind, &watched, &err);
        catch_warnings();
        cr_assert_eq(nn_mlp_fit(a, &X, &y, &err), NN_OK, "%s: %s", fx->name, err.message);
        cr_assert_eq(nn_mlp_fit(b, &X, &y, &err), NN_OK, "%s: %s", fx->name, err.message);
        nn_set_warning_handler(NULL, NULL);
        cr_assert_eq(log.calls, nn_mlp_n_iter(b),
                     "%s: on_iteration was called %ld times for %ld iterations", fx->name,
                     log.calls, nn_mlp_n_iter(b));
        cr_assert_eq(log.last_iteration, nn_mlp_n_iter(b), "%s: the last call's iteration",
                     fx->name);
        cr_assert(log.curve_agrees, "%s: the loss handed over is not the loss curve's last",
                  fx->name);
        cr_assert(log.predicted || nn_mlp_predict_cols(b) != 1,
                  "%s: nn_mlp_predict failed inside on_iteration", fx->name);
        size_t na, nb;
        const double *ta = nn_mlp_packed(a, &na), *tb = nn_mlp_packed(b, &nb);
        cr_assert(na == nb && memcmp(ta, tb, na * sizeof *ta) == 0,
                  "%s: the watched fit ended with other weights than the plain one", fx->name);
        cr_assert_eq(nn_mlp_n_iter(a), nn_mlp_n_iter(b), "%s: other iteration counts",
                     fx->name);
        cr_assert(nn_mlp_is_fitted(b) && nn_mlp_loss(a) == nn_mlp_loss(b),
                  "%s: the loss differs", fx->name);
        nn_mlp_free(a);
        nn_mlp_free(b);
    }
}

/* ---- scikit-learn's documentation example ------------------------------------------------ */

Test(mlp, documentation_example)
{
    /* X = [[0., 0.], [1., 1.]], y = [0, 1]; MLPClassifier(solver='lbfgs', alpha=1e-5,
     * hidden_layer_sizes=(5, 2), random_state=1) */
    double x[] = {0, 0, 1, 1}, labels[] = {0, 1};
    nn_matrix X = {2, 2, x}, y = {2, 1, labels};
    nn_mlp_params p = nn_mlp_defaults();
    p.solver = NN_MLP_LBFGS;
    p.alpha = 1e-5;
    p.n_hidden = 2;
    p.hidden_layer_sizes[0] = 5;
    p.hidden_layer_sizes[1] = 2;
    p.random_state = 1;
    nn_error err;
    nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_eq(nn_mlp_fit(clf, &X, &y, &err), NN_OK, "%s", err.message);

    nn_matrix points = {2, 2, (double *)mlp_fx_docs_points};
    double pred[2], proba[4];
    nn_matrix out = {2, 1, pred}, prob = {2, 2, proba};
    cr_assert_eq(nn_mlp_predict(clf, &points, &out, &err), NN_OK);
    cr_assert(pred[0] == 1 && pred[1] == 0, "predict([[2, 2], [-1, -2]]) = [%g, %g], the "
              "documentation says [1, 0]", pred[0], pred[1]);
    /* [coef.shape for coef in clf.coefs_] == [(2, 5), (5, 2), (2, 1)] */
    size_t shapes[3][2] = {{2, 5}, {5, 2}, {2, 1}};
    for (size_t l = 0; l < 3; l++)
        cr_assert(nn_mlp_coefs(clf, l)->rows == shapes[l][0] &&
                      nn_mlp_coefs(clf, l)->cols == shapes[l][1],
                  "coefs_[%zu] is (%zu, %zu)", l, nn_mlp_coefs(clf, l)->rows,
                  nn_mlp_coefs(clf, l)->cols);
    cr_assert_null(nn_mlp_coefs(clf, 3), "there are only 3 weight matrices");
    cr_assert_eq(nn_mlp_predict_proba(clf, &points, &prob, &err), NN_OK);
    for (int i = 0; i < 4; i++)
        cr_assert(fabs(proba[i] - mlp_fx_docs_proba[i]) < 1e-9,
                  "predict_proba[%d] = %.17g, scikit-learn %.17g", i, proba[i],
                  mlp_fx_docs_proba[i]);
    nn_mlp_free(clf);
}

/* The README's 24-line program (its main's body, verbatim), as a function here. */
static int readme_example(void)
{
    double x[] = {0, 0, 1, 1}, labels[] = {0, 1}, x_new[] = {2, 2, -1, -2}, pred[2], accuracy;
    nn_matrix X = {2, 2, x}, y = {2, 1, labels}, X_new = {2, 2, x_new}, out = {2, 1, pred};
    nn_mlp_params p = nn_mlp_defaults(); /* scikit-learn's defaults */
    p.solver = NN_MLP_LBFGS, p.alpha = 1e-5, p.random_state = 1;
    p.n_hidden = 2, p.hidden_layer_sizes[0] = 5, p.hidden_layer_sizes[1] = 2;
    nn_error err;
    nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    if (!clf || nn_mlp_fit(clf, &X, &y, &err) || nn_mlp_score(clf, &X, &y, &accuracy, &err) ||
        nn_mlp_predict(clf, &X_new, &out, &err)) {
        fprintf(stderr, "error: %s\n", err.message);
        return 1;
    }
    printf("accuracy %.2f, predictions %g %g\n", accuracy, pred[0], pred[1]);
    nn_mlp_free(clf);
    return 0;
}

Test(mlp, readme_example_runs_as_printed, .init = cr_redirect_stdout)
{
    cr_assert_eq(readme_example(), 0);
    fflush(stdout);
    cr_assert_stdout_eq_str("accuracy 1.00, predictions 1 0\n");
}

/* ---- Parameters --------------------------------------------------------------------------- */

Test(mlp, defaults_are_scikit_learns)
{
    nn_mlp_params p = nn_mlp_defaults();
    cr_assert(p.n_hidden == 1 && p.hidden_layer_sizes[0] == 100);
    cr_assert_eq(p.activation, NN_RELU);
    cr_assert_eq(p.solver, NN_MLP_ADAM);
    cr_assert(p.alpha == 0.0001 && p.batch_size == NN_MLP_BATCH_AUTO);
    cr_assert_eq(p.learning_rate, NN_LR_CONSTANT);
    cr_assert(p.learning_rate_init == 0.001 && p.power_t == 0.5 && p.max_iter == 200);
    cr_assert(p.shuffle && p.random_state == NN_MLP_RANDOM_NONE && p.tol == 1e-4);
    cr_assert(p.verbose == 0 && !p.warm_start && p.momentum == 0.9 && p.nesterovs_momentum);
    cr_assert(!p.early_stopping && p.validation_fraction == 0.1);
    cr_assert(p.beta_1 == 0.9 && p.beta_2 == 0.999 && p.epsilon == 1e-8);
    cr_assert(p.n_iter_no_change == 10 && p.max_fun == 15000);
    /* the fixtures' DEFAULTS came from scikit-learn's signature: spot-check one case */
    const mlp_fx_case *fx = find_case("adam_relu_binary_auto_batch");
    cr_assert(fx->n_hidden == 1 && fx->hidden_layer_sizes[0] == 100 && fx->batch_size == 0);
    cr_assert(fx->alpha == p.alpha && fx->beta_2 == p.beta_2 && fx->epsilon == p.epsilon);
}

typedef struct bad_param {
    void (*set)(nn_mlp_params *p);
    const char *message;
} bad_param;

static void set_alpha(nn_mlp_params *p) { p->alpha = -1; }
static void set_momentum(nn_mlp_params *p) { p->momentum = 2; }
static void set_lr_init(nn_mlp_params *p) { p->learning_rate_init = 0; }
static void set_activation(nn_mlp_params *p) { p->activation = NN_SOFTMAX; }
static void set_hidden(nn_mlp_params *p)
{
    p->n_hidden = 2;
    p->hidden_layer_sizes[0] = 5;
    p->hidden_layer_sizes[1] = 0;
}
static void set_max_iter(nn_mlp_params *p) { p->max_iter = 0; }
static void set_no_change(nn_mlp_params *p) { p->n_iter_no_change = 0.5; }
static void set_beta_2(nn_mlp_params *p) { p->beta_2 = 1.0; }
static void set_epsilon(nn_mlp_params *p) { p->epsilon = 0; }
static void set_fraction(nn_mlp_params *p) { p->validation_fraction = 1; }
static void set_seed(nn_mlp_params *p) { p->random_state = 4294967296LL; }
static void set_max_fun(nn_mlp_params *p) { p->max_fun = 0; }
static void set_tol(nn_mlp_params *p) { p->tol = NAN; }

Test(mlp, invalid_parameters_give_scikit_learns_messages)
{
    const bad_param cases[] = {
        {set_alpha, "The 'alpha' parameter of MLPClassifier must be a float in the range "
                    "[0, inf). Got -1.0 instead."},
        {set_momentum, "The 'momentum' parameter of MLPClassifier must be a float in the "
                       "range [0, 1]. Got 2.0 instead."},
        {set_lr_init, "The 'learning_rate_init' parameter of MLPClassifier must be a float in "
                      "the range (0, inf). Got 0.0 instead."},
        {set_activation, "The 'activation' parameter of MLPClassifier must be a str among "
                         "{'identity', 'logistic', 'relu', 'tanh'}. Got 'softmax' instead."},
        {set_hidden, "hidden_layer_sizes must be > 0, got [5, 0]."},
        {set_max_iter, "The 'max_iter' parameter of MLPClassifier must be an int in the range "
                       "[1, inf). Got 0 instead."},
        {set_no_change, "The 'n_iter_no_change' parameter of MLPClassifier must be an int in "
                        "the range [1, inf) or a float among {inf}. Got 0.5 instead."},
        {set_beta_2, "The 'beta_2' parameter of MLPClassifier must be a float in the range "
                     "[0, 1). Got 1.0 instead."},
        {set_epsilon, "The 'epsilon' parameter of MLPClassifier must be a float in the range "
                      "(0, inf). Got 0.0 instead."},
        {set_fraction, "The 'validation_fraction' parameter of MLPClassifier must be a float "
                       "in the range [0, 1). Got 1.0 instead."},
        {set_seed, "The 'random_state' parameter of MLPClassifier must be an int in the range "
                   "[0, 4294967295] or None (NN_MLP_RANDOM_NONE). Got 4294967296 instead."},
        {set_max_fun, "The 'max_fun' parameter of MLPClassifier must be an int in the range "
                      "[1, inf). Got 0 instead."},
        {set_tol, "The 'tol' parameter of MLPClassifier must be a float in the range [0, inf). "
                  "Got nan instead."},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        nn_mlp_params p = nn_mlp_defaults();
        cases[i].set(&p);
        nn_error err;
        cr_assert_eq(nn_mlp_params_validate(&p, NN_MLP_CLASSIFIER, &err), NN_ERR_ARG,
                     "case %zu was accepted", i);
        cr_assert_str_eq(err.message, cases[i].message);
        cr_assert_null(nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err), "nn_mlp_new accepted case %zu", i);
        /* set_params refuses it too and keeps the old parameters */
        nn_mlp *m = nn_mlp_new(NN_MLP_REGRESSOR, NULL, &err);
        cr_assert_eq(nn_mlp_set_params(m, &p, &err), NN_ERR_ARG);
        cr_assert(strstr(err.message, "MLPRegressor") || strstr(err.message, "hidden_layer"),
                  "a regressor's message names MLPRegressor: %s", err.message);
        cr_assert(nn_mlp_get_params(m)->alpha == 0.0001 && nn_mlp_get_params(m)->max_iter == 200);
        nn_mlp_free(m);
    }
    nn_mlp_params ok = nn_mlp_defaults();
    ok.n_iter_no_change = INFINITY;
    ok.n_hidden = 0; /* no hidden layer: logistic regression, as scikit-learn allows () */
    cr_assert_eq(nn_mlp_params_validate(&ok, NN_MLP_REGRESSOR, NULL), NN_OK);
}

Test(mlp, hidden_layer_sizes_parse)
{
    nn_mlp_params p = nn_mlp_defaults();
    nn_error err;
    cr_assert_eq(nn_mlp_parse_hidden("5,2", &p, &err), NN_OK);
    cr_assert(p.n_hidden == 2 && p.hidden_layer_sizes[0] == 5 && p.hidden_layer_sizes[1] == 2);
    cr_assert_eq(nn_mlp_parse_hidden("(100,)", &p, &err), NN_OK);
    cr_assert(p.n_hidden == 1 && p.hidden_layer_sizes[0] == 100);
    cr_assert_eq(nn_mlp_parse_hidden("(10, 20, 30)", &p, &err), NN_OK);
    cr_assert(p.n_hidden == 3 && p.hidden_layer_sizes[2] == 30);
    cr_assert_eq(nn_mlp_parse_hidden("5,0", &p, &err), NN_ERR_ARG);
    cr_assert_eq(nn_mlp_parse_hidden("five", &p, &err), NN_ERR_ARG);
    cr_assert(strstr(err.message, "5,2"), "the message shows an example: %s", err.message);
    cr_assert_eq(nn_mlp_parse_hidden("3;4", &p, &err), NN_ERR_ARG);
    cr_assert(p.n_hidden == 3, "a failed parse leaves p as it was");
}

/* ---- warm_start and partial_fit -------------------------------------------------------------- */

Test(mlp, warm_start_needs_the_same_classes_and_keeps_the_model_on_error)
{
    nn_mlp *m = fit_case(find_case("sgd_logistic_binary_warm_start"));
    long n_iter = nn_mlp_n_iter(m);
    double other[120];
    for (size_t i = 0; i < 120; i++)
        other[i] = mlp_fx_binary_y[i] + 2; /* -1/+1 -> 1/3 */
    nn_matrix X = X_of(&mlp_fx_data_binary), y = {120, 1, other};
    nn_error err;
    cr_assert_eq(nn_mlp_fit(m, &X, &y, &err), NN_ERR_ARG);
    cr_assert_str_eq(err.message, "warm_start can only be used where `y` has the same classes "
                                  "as in the previous call to fit. Previously got [-1, 1], `y` "
                                  "has [1, 3]");
    cr_assert(nn_mlp_is_fitted(m) && nn_mlp_n_iter(m) == n_iter, "a refused fit changed the model");
    double pred[120];
    nn_matrix out = {120, 1, pred};
    cr_assert_eq(nn_mlp_predict(m, &X, &out, &err), NN_OK);
    /* without warm_start the same call simply refits with the new classes */
    nn_mlp_params p = *nn_mlp_get_params(m);
    p.warm_start = false;
    cr_assert_eq(nn_mlp_set_params(m, &p, &err), NN_OK);
    catch_warnings();
    cr_assert_eq(nn_mlp_fit(m, &X, &y, &err), NN_OK, "%s", err.message);
    nn_set_warning_handler(NULL, NULL);
    size_t n;
    const double *classes = nn_mlp_classes(m, &n);
    cr_assert(n == 2 && classes[0] == 1 && classes[1] == 3);
    cr_assert_eq(nn_mlp_n_iter(m), p.max_iter, "a fresh fit starts counting again");
    nn_mlp_free(m);
}

Test(mlp, partial_fit_rules)
{
    nn_mlp_params p = nn_mlp_defaults();
    p.hidden_layer_sizes[0] = 4;
    p.random_state = 0;
    p.progress = false;
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, NULL);
    nn_matrix X = X_of(&mlp_fx_data_multiclass), y = y_of(&mlp_fx_data_multiclass);
    nn_error err;
    cr_assert_eq(nn_mlp_partial_fit(m, &X, &y, NULL, 0, &err), NN_ERR_ARG);
    cr_assert_str_eq(err.message, "classes must be passed on the first call to partial_fit.");
    cr_assert(!nn_mlp_is_fitted(m));

    /* classes may include labels y does not have yet */
    double classes[] = {3, 5, 7, 9};
    cr_assert_eq(nn_mlp_partial_fit(m, &X, &y, classes, 4, &err), NN_OK, "%s", err.message);
    cr_assert_eq(nn_mlp_n_iter(m), 1, "partial_fit runs one epoch");
    cr_assert_eq(nn_mlp_proba_cols(m), 4);
    size_t n_curve;
    nn_mlp_loss_curve(m, &n_curve);
    cr_assert_eq(n_curve, 1);
    cr_assert_eq(nn_mlp_partial_fit(m, &X, &y, NULL, 0, &err), NN_OK, "%s", err.message);
    cr_assert_eq(nn_mlp_partial_fit(m, &X, &y, classes, 4, &err), NN_OK, "%s", err.message);
    cr_assert_eq(nn_mlp_n_iter(m), 3);
    nn_mlp_loss_curve(m, &n_curve);
    cr_assert_eq(n_curve, 3, "the loss curve grows by one per call");

    double fewer[] = {3, 5, 7};
    cr_assert_eq(nn_mlp_partial_fit(m, &X, &y, fewer, 3, &err), NN_ERR_ARG);
    cr_assert_str_eq(err.message, "`classes=[3, 5, 7]` is not the same as on last call to "
                                  "partial_fit, was: [3, 5, 7, 9]");
    double strange[250];
    memcpy(strange, mlp_fx_multiclass_y, sizeof strange);
    strange[17] = 11;
    nn_matrix ys = {250, 1, strange};
    cr_assert_eq(nn_mlp_partial_fit(m, &X, &ys, NULL, 0, &err), NN_ERR_ARG);
    cr_assert_str_eq(err.message, "`y` has classes not in `self.classes_`. `self.classes_` has "
                                  "[3, 5, 7, 9]. 'y' has [3, 5, 7, 11].");
    cr_assert_eq(nn_mlp_n_iter(m), 3, "refused calls train nothing");
    nn_mlp_free(m);

    p.solver = NN_MLP_LBFGS;
    m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, NULL);
    cr_assert_eq(nn_mlp_partial_fit(m, &X, &y, classes, 4, &err), NN_ERR_STATE);
    cr_assert_str_eq(err.message, "partial_fit is only available for stochastic optimizers. "
                                  "lbfgs is not stochastic.");
    nn_mlp_free(m);
}

/* ---- Saving and loading ----------------------------------------------------------------- */

static size_t files_in(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A %s | wc -l", dir);
    FILE *f = popen(cmd, "r");
    size_t n = 0;
    cr_assert(f && fscanf(f, "%zu", &n) == 1);
    pclose(f);
    return n;
}

static void assert_same_outputs(const nn_mlp *a, const nn_mlp *b, const nn_matrix *X,
                                const char *name)
{
    nn_error err;
    size_t cols = nn_mlp_predict_cols(a);
    cr_assert_eq(nn_mlp_predict_cols(b), cols);
    nn_matrix *pa = nn_matrix_new(X->rows, cols, NULL), *pb = nn_matrix_new(X->rows, cols, NULL);
    cr_assert_eq(nn_mlp_predict(a, X, pa, &err), NN_OK);
    cr_assert_eq(nn_mlp_predict(b, X, pb, &err), NN_OK, "%s", err.message);
    cr_assert(memcmp(pa->data, pb->data, X->rows * cols * sizeof(double)) == 0,
              "%s: the loaded model predicts differently", name);
    nn_matrix_free(pa);
    nn_matrix_free(pb);
    if (nn_mlp_kind_of(a) == NN_MLP_CLASSIFIER) {
        cols = nn_mlp_proba_cols(a);
        pa = nn_matrix_new(X->rows, cols, NULL);
        pb = nn_matrix_new(X->rows, cols, NULL);
        cr_assert_eq(nn_mlp_predict_proba(a, X, pa, &err), NN_OK);
        cr_assert_eq(nn_mlp_predict_proba(b, X, pb, &err), NN_OK);
        cr_assert(memcmp(pa->data, pb->data, X->rows * cols * sizeof(double)) == 0,
                  "%s: predict_proba differs after loading: not bit for bit", name);
        nn_matrix_free(pa);
        nn_matrix_free(pb);
    }
}

Test(mlp, save_and_load_round_trip_bit_for_bit)
{
    const char *names[] = {"adam_relu_multilabel", "sgd_tanh_multiclass_invscaling_noshuffle",
                           "adam_tanh_regression2_early_stopping", "lbfgs_docs_example",
                           "sgd_relu_binary_early_stopping"};
    char dir[256], path[300];
    make_temp_dir(dir, sizeof dir, "mlp");
    snprintf(path, sizeof path, "%s/model.nnmlp", dir);
    for (size_t i = 0; i < COUNT_OF(names); i++) {
        const mlp_fx_case *fx = find_case(names[i]);
        nn_mlp *m = fit_case(fx);
        nn_error err;
        cr_assert_eq(nn_mlp_save(m, path, &err), NN_OK, "%s: %s", names[i], err.message);
        cr_assert_eq(files_in(dir), 1, "the temporary file was left behind");
        nn_mlp *back = nn_mlp_load(path, &err);
        cr_assert_not_null(back, "%s: %s", names[i], err.message);
        nn_matrix X = X_of(fx->data);
        assert_same_outputs(m, back, &X, names[i]);
        /* the fitted attributes come back too */
        size_t n1, n2;
        const double *c1 = nn_mlp_loss_curve(m, &n1), *c2 = nn_mlp_loss_curve(back, &n2);
        cr_assert(n1 == n2 && (n1 == 0 || memcmp(c1, c2, n1 * sizeof(double)) == 0));
        c1 = nn_mlp_validation_scores(m, &n1);
        c2 = nn_mlp_validation_scores(back, &n2);
        cr_assert(n1 == n2 && (n1 == 0 || memcmp(c1, c2, n1 * sizeof(double)) == 0));
        cr_assert(nn_mlp_n_iter(m) == nn_mlp_n_iter(back) && nn_mlp_t(m) == nn_mlp_t(back));
        cr_assert(memcmp(&(double){nn_mlp_loss(m)}, &(double){nn_mlp_loss(back)}, 8) == 0);
        cr_assert(nn_mlp_kind_of(m) == nn_mlp_kind_of(back));
        cr_assert(nn_mlp_out_activation(m) == nn_mlp_out_activation(back));
        const nn_mlp_params *p1 = nn_mlp_get_params(m), *p2 = nn_mlp_get_params(back);
        cr_assert(p1->solver == p2->solver && p1->alpha == p2->alpha &&
                  p1->n_hidden == p2->n_hidden && p1->random_state == p2->random_state &&
                  p1->early_stopping == p2->early_stopping && p1->beta_2 == p2->beta_2);
        /* a loaded model can be trained further */
        nn_mlp_params more = *p2;
        more.warm_start = true;
        more.max_iter = 2;
        nn_matrix y = y_of(fx->data);
        cr_assert_eq(nn_mlp_set_params(back, &more, &err), NN_OK);
        catch_warnings();
        cr_assert_eq(nn_mlp_fit(back, &X, &y, &err), NN_OK, "%s: %s", names[i], err.message);
        nn_set_warning_handler(NULL, NULL);
        nn_mlp_free(back);
        nn_mlp_free(m);
    }
    unlink(path);
    rmdir(dir);
}

Test(mlp, save_keeps_every_parameter)
{
    nn_mlp_params p = nn_mlp_defaults();
    p.n_hidden = 3;
    p.hidden_layer_sizes[0] = 3, p.hidden_layer_sizes[1] = 2, p.hidden_layer_sizes[2] = 4;
    p.activation = NN_TANH, p.solver = NN_MLP_SGD, p.alpha = 0.1 / 3, p.batch_size = 3;
    p.learning_rate = NN_LR_INVSCALING, p.learning_rate_init = 0.07, p.power_t = 0.3;
    p.max_iter = 3, p.shuffle = false, p.random_state = 4294967295LL, p.tol = 1e-7;
    p.verbose = 0, p.warm_start = true, p.momentum = 0.3, p.nesterovs_momentum = false;
    p.early_stopping = true, p.validation_fraction = 0.3, p.beta_1 = 0.5, p.beta_2 = 0.25;
    p.epsilon = 1e-3, p.n_iter_no_change = INFINITY, p.max_fun = 77, p.progress = false;
    double x[12] = {0, 0, 1, 1, 0, 1, 1, 0, 2, 2, 2, 0}, y[6] = {0, 1, 1, 0, 1, 0};
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, NULL);
    nn_error err;
    catch_warnings();
    cr_assert_eq(nn_mlp_fit(m, &(nn_matrix){6, 2, x}, &(nn_matrix){6, 1, y}, &err), NN_OK,
                 "%s", err.message);
    nn_set_warning_handler(NULL, NULL);
    char dir[256], path[300];
    make_temp_dir(dir, sizeof dir, "mlp");
    snprintf(path, sizeof path, "%s/params.nnmlp", dir);
    cr_assert_eq(nn_mlp_save(m, path, &err), NN_OK, "%s", err.message);
    nn_mlp *back = nn_mlp_load(path, &err);
    cr_assert_not_null(back, "%s", err.message);
    nn_mlp_params q = *nn_mlp_get_params(back);
    q.verbose_out = p.verbose_out;
    cr_assert((p.n_hidden == q.n_hidden && p.hidden_layer_sizes[2] == q.hidden_layer_sizes[2] &&
                   p.activation == q.activation && p.solver == q.solver && p.alpha == q.alpha &&
                   p.batch_size == q.batch_size && p.learning_rate == q.learning_rate &&
                   p.learning_rate_init == q.learning_rate_init && p.power_t == q.power_t &&
                   p.max_iter == q.max_iter && p.shuffle == q.shuffle &&
                   p.random_state == q.random_state && p.tol == q.tol &&
                   p.warm_start == q.warm_start && p.momentum == q.momentum &&
                   p.nesterovs_momentum == q.nesterovs_momentum &&
                   p.early_stopping == q.early_stopping &&
                   p.validation_fraction == q.validation_fraction && p.beta_1 == q.beta_1 &&
                   p.beta_2 == q.beta_2 && p.epsilon == q.epsilon &&
                   p.n_iter_no_change == q.n_iter_no_change && p.max_fun == q.max_fun &&
                   p.progress == q.progress),
              "a parameter changed in the round trip");
    cr_assert_eq(q.random_state, 4294967295LL);
    nn_mlp_free(back);
    nn_mlp_free(m);
    unlink(path);
    rmdir(dir);
}

/* Rewrites the checksum line of text (size bytes) to match its body, as a tool that
 * edits a model file on purpose would; used to reach the checks behind the checksum. */
static void fix_checksum(char *text, size_t size)
{
    size_t body = size - strlen("checksum 0123456789abcdef\n");
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < body; i++) {
        h ^= (unsigned char)text[i];
        h *= 0x100000001b3ULL;
    }
    char line[40];
    snprintf(line, sizeof line, "checksum %016" PRIx64 "\n", h);
    memcpy(text + body, line, strlen(line));
}

static void expect_load_error(const char *path, nn_status code, const char *needle)
{
    nn_error err;
    long live = nn_alloc_live();
    nn_mlp *m = nn_mlp_load(path, &err);
    cr_assert_null(m, "a bad file was loaded (expected: %s)", needle);
    cr_assert_eq(err.code, code, "error code %d for '%s'", err.code, err.message);
    cr_assert(strstr(err.message, needle), "message '%s' should mention '%s'", err.message,
              needle);
    cr_assert(strncmp(err.message, path, strlen(path)) == 0, "the message names the file: %s",
              err.message);
    cr_assert_eq(nn_alloc_live(), live, "a failed load leaked memory");
}

Test(mlp, load_rejects_corrupt_truncated_and_mismatched_files)
{
    char dir[256], good[300], bad[300];
    make_temp_dir(dir, sizeof dir, "mlp");
    snprintf(good, sizeof good, "%s/good.nnmlp", dir);
    snprintf(bad, sizeof bad, "%s/bad.nnmlp", dir);
    nn_mlp *m = fit_case(find_case("adam_relu_multilabel"));
    nn_error err;
    cr_assert_eq(nn_mlp_save(m, good, &err), NN_OK, "%s", err.message);
    size_t size;
    char *text = read_all(good, &size);
    cr_assert_not_null(text, "cannot read %s", good);
    cr_assert(strncmp(text, "nn_mlp 2\n", 9) == 0, "the magic line");

    /* one flipped digit in the middle of the weights */
    char *copy = malloc(size);
    memcpy(copy, text, size);
    char *w = strstr(copy, "coefs 0");
    cr_assert_not_null(w);
    char *digit = strpbrk(w + 20, "123456789");
    *digit = *digit == '1' ? '2' : '1';
    write_all(bad, copy, size);
    expect_load_error(bad, NN_ERR_PARSE, "checksum mismatch");

    /* truncated: half the file, and everything but the last byte */
    write_all(bad, text, size / 2);
    expect_load_error(bad, NN_ERR_PARSE, "truncated");
    write_all(bad, text, size - 1);
    expect_load_error(bad, NN_ERR_PARSE, "truncated");
    write_all(bad, "", 0);
    expect_load_error(bad, NN_ERR_PARSE, "not an nn_mlp model file");

    /* not a model, and a model from the future */
    write_all(bad, "P6\n2 2\n255\n", 11);
    expect_load_error(bad, NN_ERR_PARSE, "not an nn_mlp model file");
    memcpy(copy, text, size);
    copy[7] = '3';
    write_all(bad, copy, size);
    expect_load_error(bad, NN_ERR_PARSE, "unsupported nn_mlp format version 3");

    /* a correct checksum over inconsistent contents: the fields are checked too */
    memcpy(copy, text, size);
    char *units = strstr(copy, "layer_units 3 5 12 3");
    cr_assert_not_null(units, "expected layer_units 3 5 12 3 in the file");
    units[strlen("layer_units 3 5 12 ")] = '4'; /* 3 outputs -> 4 */
    fix_checksum(copy, size);
    write_all(bad, copy, size);
    expect_load_error(bad, NN_ERR_PARSE, "need an output layer of 3 units, but layer_units ends with 4");

    memcpy(copy, text, size);
    char *act = strstr(copy, "out_activation logistic");
    memcpy(act + strlen("out_activation "), "softmax\n", 8); /* "logistic" -> "softmax\n " */
    act[strlen("out_activation softmax")] = ' ';
    fix_checksum(copy, size);
    write_all(bad, copy, size);
    expect_load_error(bad, NN_ERR_PARSE, "does not fit this task");

    memcpy(copy, text, size);
    char *momentum = strstr(copy, "\nmomentum 0x1.ccccccccccccdp-1");
    cr_assert_not_null(momentum);
    momentum[strlen("\nmomentum 0x1.ccccccccccccdp")] = '+'; /* 0.9 -> 3.6 */
    fix_checksum(copy, size);
    write_all(bad, copy, size);
    expect_load_error(bad, NN_ERR_PARSE, "The 'momentum' parameter of MLPClassifier must be");

    /* a missing file is an I/O error */
    snprintf(bad, sizeof bad, "%s/missing.nnmlp", dir);
    expect_load_error(bad, NN_ERR_IO, "cannot open");

    /* the good file still loads */
    nn_mlp *back = nn_mlp_load(good, &err);
    cr_assert_not_null(back, "%s", err.message);
    nn_mlp_free(back);
    free(copy);
    free(text);
    nn_mlp_free(m);
    snprintf(bad, sizeof bad, "%s/bad.nnmlp", dir);
    unlink(bad);
    unlink(good);
    rmdir(dir);
}

Test(mlp, save_errors)
{
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, NULL, NULL);
    nn_error err;
    cr_assert_eq(nn_mlp_save(m, "build/tmp/never.nnmlp", &err), NN_ERR_STATE);
    nn_mlp_free(m);
    m = fit_case(find_case("lbfgs_docs_example"));
    cr_assert_eq(nn_mlp_save(m, "/nonexistent-dir/model.nnmlp", &err), NN_ERR_IO);
    cr_assert(strstr(err.message, "/nonexistent-dir/model.nnmlp"), "%s", err.message);
    nn_mlp_free(m);
}

/* ---- Pipeline files: a StandardScaler, then the network --------------------------------- */

/* Writes text's model with its scaler section replaced by section (then "end" and a
 * correct checksum), as a tool editing the file on purpose would. */
static void write_pipeline_with(const char *path, const char *text, const char *section)
{
    const char *cut = strstr(text, "scaler standard");
    cr_assert_not_null(cut, "no scaler section in the pipeline file");
    size_t head = (size_t)(cut - text), n = strlen(section);
    const char *tail = "end\nchecksum 0000000000000000\n";
    char *copy = malloc(head + n + strlen(tail) + 1);
    memcpy(copy, text, head);
    memcpy(copy + head, section, n);
    strcpy(copy + head + n, tail);
    size_t size = strlen(copy);
    fix_checksum(copy, size);
    write_all(path, copy, size);
    free(copy);
}

/* Loads path as a pipeline and expects NN_ERR_PARSE with needle, a zeroed scaler and
 * nothing leaked. */
static void expect_pipeline_error(const char *path, const char *needle)
{
    nn_error err;
    nn_standard_scaler s;
    long live = nn_alloc_live();
    nn_mlp *m = nn_mlp_load_pipeline(path, &s, &err);
    cr_assert_null(m, "a bad pipeline was loaded (expected: %s)", needle);
    cr_expect_eq(err.code, NN_ERR_PARSE, "%s", err.message);
    cr_expect(strstr(err.message, needle), "message '%s' should mention '%s'", err.message,
              needle);
    cr_expect(s.mean == NULL && s.var == NULL && s.scale == NULL && s.n_features == 0,
              "a failed load left a scaler behind");
    cr_expect_eq(nn_alloc_live(), live, "a failed load leaked memory (%s)", needle);
}

Test(mlp, a_pipeline_file_keeps_the_scaler_exactly_and_each_loader_keeps_to_its_files)
{
    char dir[256], pipe[300], plain[300], bad[300];
    make_temp_dir(dir, sizeof dir, "mlp");
    snprintf(pipe, sizeof pipe, "%s/pipe.nnmlp", dir);
    snprintf(plain, sizeof plain, "%s/plain.nnmlp", dir);
    snprintf(bad, sizeof bad, "%s/bad.nnmlp", dir);
    const mlp_fx_case *fx = find_case("adam_relu_multilabel");
    nn_mlp *m = fit_case(fx);
    nn_matrix X = X_of(fx->data);
    nn_error err;
    nn_standard_scaler s = {0}, wide = {0}, back = {0};
    cr_assert_eq(nn_mlp_save_pipeline(m, &s, pipe, &err), NN_ERR_STATE, "an unfitted scaler");
    cr_assert_eq(nn_standard_scaler_fit(&s, &X, &err), NN_OK, "%s", err.message);
    nn_matrix one = {1, 1, X.data};
    cr_assert_eq(nn_standard_scaler_fit(&wide, &one, &err), NN_OK);
    cr_assert_eq(nn_mlp_save_pipeline(m, &wide, pipe, &err), NN_ERR_ARG);
    cr_assert(strstr(err.message, "the scaler has 1 features"), "%s", err.message);
    cr_assert_eq(nn_mlp_save_pipeline(m, &s, pipe, &err), NN_OK, "%s", err.message);
    cr_assert_eq(nn_mlp_save(m, plain, &err), NN_OK, "%s", err.message);

    /* the scaler comes back bit for bit, and the network with it */
    nn_mlp *loaded = nn_mlp_load_pipeline(pipe, &back, &err);
    cr_assert_not_null(loaded, "%s", err.message);
    size_t d = X.cols, bytes = d * sizeof(double);
    cr_expect_eq(back.n_features, d);
    cr_expect_eq(back.n_samples_seen, X.rows);
    cr_expect(memcmp(back.mean, s.mean, bytes) == 0, "mean_ differs after loading");
    cr_expect(memcmp(back.var, s.var, bytes) == 0, "var_ differs after loading");
    cr_expect(memcmp(back.scale, s.scale, bytes) == 0, "scale_ differs after loading");
    assert_same_outputs(m, loaded, &X, "pipeline");
    nn_mlp_free(loaded);
    nn_standard_scaler_free(&back);

    /* each loader refuses the other's file */
    expect_load_error(pipe, NN_ERR_PARSE, "this file holds a pipeline, a scaler and then the "
                                          "network: load it with nn_mlp_load_pipeline");
    expect_pipeline_error(plain, "expected 'scaler', found 'end': this file holds a network "
                                 "alone, not a pipeline (load it with nn_mlp_load)");

    /* a damaged scaler section, behind a correct checksum */
    size_t size;
    char *text = read_all(pipe, &size);
    cr_assert_not_null(text, "cannot read %s", pipe);
    char ones[512] = "", section[2048];
    for (size_t j = 0; j < d; j++)
        strcat(ones, " 0x1p+0");
    static const struct {
        const char *format, *needle;
    } cases[] = {
        {"scaler minmax %zu\n", "scaler: expected standard, found 'minmax'"},
        {"scaler standard 1\n", "scaler: 1 features, but the network has"},
        {"scaler standard %zu\nn_samples_seen 0\n", "a fitted scaler has seen at least 1"},
        {"scaler standard %zu\nn_samples_seen 5\nmean 1 0x1p+0\n", "mean: 1 values, but"},
        {"scaler standard %zu\nn_samples_seen 5\nmean %zu nan%s\n", "mean: value 0 is nan"},
        {"scaler standard %zu\nn_samples_seen 5\nmean %zu%s\nvar %zu -0x1p+0%s\n",
         "var: value 0 is -1, but a variance must be 0 or more"},
        {"scaler standard %zu\nn_samples_seen 5\nmean %zu%s\nvar %zu%s\nscale %zu 0x0p+0%s\n",
         "scale: value 0 is 0, but a scale must be positive"},
        {"scaler standard %zu\nn_samples_seen 5\nmean %zu%s\nvar %zu%s\n",
         "expected 'scale', found 'end'"},
    };
    for (size_t c = 0; c < COUNT_OF(cases); c++) {
        /* every %zu is d; a %s is d ones, or d - 1 after a value written out */
        const char *rest = ones + strlen(" 0x1p+0");
        if (c == 4)
            snprintf(section, sizeof section, cases[c].format, d, d, rest);
        else if (c == 5)
            snprintf(section, sizeof section, cases[c].format, d, d, ones, d, rest);
        else if (c == 6)
            snprintf(section, sizeof section, cases[c].format, d, d, ones, d, ones, d, rest);
        else if (c == 7)
            snprintf(section, sizeof section, cases[c].format, d, d, ones, d, ones);
        else
            snprintf(section, sizeof section, cases[c].format, d);
        write_pipeline_with(bad, text, section);
        expect_pipeline_error(bad, cases[c].needle);
    }
    free(text);
    nn_standard_scaler_free(&s);
    nn_standard_scaler_free(&wide);
    nn_mlp_free(m);
    unlink(pipe);
    unlink(plain);
    unlink(bad);
    rmdir(dir);
}

/* ---- Bad input ------------------------------------------------------------------------------ */

Test(mlp, nan_and_infinity_in_the_input_are_refused)
{
    double x[8] = {0, 0, 1, 1, 0, 1, 1, 0}, y[4] = {0, 1, 1, 0};
    nn_matrix X = {4, 2, x}, Y = {4, 1, y};
    nn_mlp_params p = nn_mlp_defaults();
    p.max_iter = 5;
    p.random_state = 0;
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, NULL);
    nn_error err;
    x[3] = NAN;
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_ERR_NUMERIC);
    cr_assert_str_eq(err.message, "Input X contains NaN.");
    x[3] = INFINITY;
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_ERR_NUMERIC);
    cr_assert_str_eq(err.message,
                     "Input X contains infinity or a value too large for dtype('float64').");
    x[3] = 1;
    y[2] = NAN;
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_ERR_NUMERIC);
    cr_assert_str_eq(err.message, "Input y contains NaN.");
    cr_assert(!nn_mlp_is_fitted(m));
    y[2] = 1;
    catch_warnings();
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_OK, "%s", err.message);
    nn_set_warning_handler(NULL, NULL);
    double out[4];
    nn_matrix O = {4, 1, out};
    x[0] = -INFINITY;
    cr_assert_eq(nn_mlp_predict(m, &X, &O, &err), NN_ERR_NUMERIC);
    cr_assert(strstr(err.message, "infinity"), "%s", err.message);
    nn_mlp_free(m);
}

Test(mlp, shape_and_label_mismatches_are_refused)
{
    double x[8] = {0, 0, 1, 1, 0, 1, 1, 0}, y[4] = {0, 1, 1, 0};
    nn_matrix X = {4, 2, x}, Y = {4, 1, y}, Y3 = {3, 1, y};
    nn_mlp_params p = nn_mlp_defaults();
    p.max_iter = 5;
    p.random_state = 0;
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, NULL);
    nn_error err;
    cr_assert_eq(nn_mlp_fit(m, &X, &Y3, &err), NN_ERR_SHAPE);
    cr_assert_str_eq(err.message, "Found input variables with inconsistent numbers of samples: "
                                  "[4, 3]");
    nn_matrix empty = {0, 2, x};
    cr_assert_eq(nn_mlp_fit(m, &empty, &(nn_matrix){0, 1, y}, &err), NN_ERR_SHAPE);
    cr_assert(strstr(err.message, "0 sample(s)"), "%s", err.message);

    double half[4] = {0.5, 1.5, 1.5, 0.5};
    cr_assert_eq(nn_mlp_fit(m, &X, &(nn_matrix){4, 1, half}, &err), NN_ERR_ARG);
    cr_assert(strstr(err.message, "Unknown label type: continuous"), "%s", err.message);
    double two[8] = {0, 1, 2, 0, 1, 1, 0, 0};
    cr_assert_eq(nn_mlp_fit(m, &X, &(nn_matrix){4, 2, two}, &err), NN_ERR_ARG);
    cr_assert(strstr(err.message, "0/1 indicator matrix"), "%s", err.message);

    catch_warnings();
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_OK, "%s", err.message);
    nn_set_warning_handler(NULL, NULL);
    cr_assert_eq(warnings_seen, 1, "max_iter 5 must warn");
    double x3[6] = {0}, out[4];
    cr_assert_eq(nn_mlp_predict(m, &(nn_matrix){2, 3, x3}, &(nn_matrix){2, 1, out}, &err),
                 NN_ERR_SHAPE);
    cr_assert_str_eq(err.message,
                     "X has 3 features, but MLPClassifier is expecting 2 features as input.");
    cr_assert_eq(nn_mlp_predict(m, &X, &(nn_matrix){4, 2, out}, &err), NN_ERR_SHAPE,
                 "predict into a matrix of the wrong shape");
    cr_assert_eq(nn_mlp_predict_proba(m, &X, &(nn_matrix){4, 1, out}, &err), NN_ERR_SHAPE,
                 "binary predict_proba has 2 columns");
    nn_mlp_free(m);

    m = nn_mlp_new(NN_MLP_REGRESSOR, &p, NULL);
    cr_assert_eq(nn_mlp_predict(m, &X, &(nn_matrix){4, 1, out}, &err), NN_ERR_STATE);
    cr_assert_str_eq(err.message, "This MLPRegressor instance is not fitted yet. Call 'fit' "
                                  "with appropriate arguments before using this estimator.");
    nn_mlp_free(m);
}

Test(mlp, non_finite_weights_are_an_error)
{
    /* scikit-learn: MLPRegressor(max_iter=3).fit(X * 1e300, y * 1e300) */
    double x[8], y[4];
    for (int i = 0; i < 8; i++)
        x[i] = (i % 3) * 1e300;
    for (int i = 0; i < 4; i++)
        y[i] = i * 1e300;
    nn_mlp_params p = nn_mlp_defaults();
    p.max_iter = 3;
    p.random_state = 0;
    nn_mlp *m = nn_mlp_new(NN_MLP_REGRESSOR, &p, NULL);
    nn_error err;
    catch_warnings();
    cr_assert_eq(nn_mlp_fit(m, &(nn_matrix){4, 2, x}, &(nn_matrix){4, 1, y}, &err),
                 NN_ERR_NUMERIC);
    nn_set_warning_handler(NULL, NULL);
    cr_assert_str_eq(err.message, "Solver produced non-finite parameter weights. The input "
                                  "data may contain large values and need to be preprocessed."
                                  " Or the training diverged: try a learning_rate_init "
                                  "smaller than 0.001.");
    cr_assert(!nn_mlp_is_fitted(m), "a model with NaN weights must not predict");
    nn_mlp_free(m);
}

Test(mlp, a_diverging_fit_is_an_error_that_suggests_a_smaller_learning_rate)
{
    /* Ordinary data, but sgd with a step far too large: the weights overflow. */
    double x[20], y[10];
    for (int i = 0; i < 10; i++) {
        x[2 * i] = i / 10.0;
        x[2 * i + 1] = (i % 3) / 3.0;
        y[i] = 3.0 * x[2 * i] - x[2 * i + 1];
    }
    nn_mlp_params p = nn_mlp_defaults();
    p.solver = NN_MLP_SGD;
    p.learning_rate_init = 1e6;
    p.random_state = 0;
    nn_mlp *m = nn_mlp_new(NN_MLP_REGRESSOR, &p, NULL);
    cr_assert_not_null(m);
    nn_error err;
    catch_warnings();
    nn_status st = nn_mlp_fit(m, &(nn_matrix){10, 2, x}, &(nn_matrix){10, 1, y}, &err);
    nn_set_warning_handler(NULL, NULL);
    cr_assert_eq(st, NN_ERR_NUMERIC, "the fit returned %d (%s)", st, err.message);
    cr_expect(strstr(err.message, "try a learning_rate_init smaller than 1e+06.") != NULL,
              "no advice in: %s", err.message);
    cr_expect(!nn_mlp_is_fitted(m), "a diverged model must not predict");
    double out[10];
    cr_expect_eq(nn_mlp_predict(m, &(nn_matrix){10, 2, x}, &(nn_matrix){10, 1, out}, &err),
                 NN_ERR_STATE, "a diverged model predicted");
    nn_mlp_free(m);
}

/* ---- Warnings and verbose output ------------------------------------------------------------ */

Test(mlp, convergence_warnings_go_through_the_hook)
{
    double x[8] = {0, 0, 1, 1, 0, 1, 1, 0}, y[4] = {0, 1, 1, 0};
    nn_matrix X = {4, 2, x}, Y = {4, 1, y};
    nn_mlp_params p = nn_mlp_defaults();
    p.max_iter = 7;
    p.random_state = 3;
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, NULL);
    nn_error err;
    catch_warnings();
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_OK);
    cr_assert_eq(warnings_seen, 1);
    cr_assert_str_eq(last_warning, "Stochastic Optimizer: Maximum iterations (7) reached and "
                                   "the optimization hasn't converged yet.");

    p.solver = NN_MLP_LBFGS;
    p.max_iter = 2;
    cr_assert_eq(nn_mlp_set_params(m, &p, &err), NN_OK);
    catch_warnings();
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_OK);
    cr_assert_eq(warnings_seen, 1);
    cr_assert(strncmp(last_warning, "lbfgs failed to converge (status=1): STOP: TOTAL NO. of "
                                    "ITERATIONS REACHED LIMIT.", 80) == 0, "%s", last_warning);
    cr_assert_eq(nn_mlp_n_iter(m), 2);

    /* a fit that stops on its own does not warn */
    p.solver = NN_MLP_SGD;
    p.max_iter = 500;
    p.tol = 0.1;
    p.n_iter_no_change = 2;
    cr_assert_eq(nn_mlp_set_params(m, &p, &err), NN_OK);
    catch_warnings();
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_OK);
    cr_assert_eq(warnings_seen, 0, "unexpected warning: %s", last_warning);
    cr_assert(nn_mlp_n_iter(m) < 500);

    /* batch_size larger than the data is clipped, with scikit-learn's warning */
    p.batch_size = 50;
    p.max_iter = 1;
    cr_assert_eq(nn_mlp_set_params(m, &p, &err), NN_OK);
    catch_warnings();
    cr_assert_eq(nn_mlp_fit(m, &X, &Y, &err), NN_OK);
    cr_assert_eq(warnings_seen, 2);
    nn_set_warning_handler(NULL, NULL);
    nn_mlp_free(m);
}

Test(mlp, verbose_prints_scikit_learns_lines_to_the_chosen_stream)
{
    const mlp_fx_case *fx = find_case("sgd_identity_binary_plain_stop");
    nn_mlp_params p = params_of(fx);
    p.verbose = 1;
    p.verbose_out = tmpfile();
    cr_assert_not_null(p.verbose_out);
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, NULL);
    nn_matrix X = X_of(fx->data), y = y_of(fx->data);
    nn_error err;
    cr_assert_eq(nn_mlp_fit(m, &X, &y, &err), NN_OK);
    rewind(p.verbose_out);
    char line[256], want[256];
    size_t n_curve;
    const double *curve = nn_mlp_loss_curve(m, &n_curve);
    for (size_t i = 0; i < n_curve; i++) {
        cr_assert_not_null(fgets(line, sizeof line, p.verbose_out));
        snprintf(want, sizeof want, "Iteration %zu, loss = %.8f\n", i + 1, curve[i]);
        cr_assert_str_eq(line, want);
    }
    cr_assert_not_null(fgets(line, sizeof line, p.verbose_out));
    cr_assert_str_eq(line, "Training loss did not improve more than tol=0.001000 for 4 "
                           "consecutive epochs. Stopping.\n");
    cr_assert_null(fgets(line, sizeof line, p.verbose_out), "nothing more");
    fclose(p.verbose_out);
    nn_mlp_free(m);
}

Test(mlp, quiet_by_default, .init = cr_redirect_stdout)
{
    nn_mlp *m = fit_case(find_case("sgd_relu_binary_nesterov"));
    nn_mlp_free(m);
    fflush(stdout);
    cr_assert_stdout_eq_str("", "the library printed without verbose");
}

/* ---- Other outputs ----------------------------------------------------------------------- */

Test(mlp, predict_log_proba_is_the_log_of_predict_proba)
{
    nn_mlp *m = fit_case(find_case("adam_logistic_multiclass_early_stopping"));
    nn_matrix X = X_of(&mlp_fx_data_multiclass);
    nn_matrix *p = nn_matrix_new(250, 3, NULL), *lp = nn_matrix_new(250, 3, NULL);
    cr_assert_eq(nn_mlp_predict_proba(m, &X, p, NULL), NN_OK);
    cr_assert_eq(nn_mlp_predict_log_proba(m, &X, lp, NULL), NN_OK);
    for (size_t i = 0; i < 750; i++)
        cr_assert(lp->data[i] == log(p->data[i]));
    for (size_t i = 0; i < 250; i++) {
        double s = p->data[3 * i] + p->data[3 * i + 1] + p->data[3 * i + 2];
        cr_assert_float_eq(s, 1.0, 1e-12, "softmax rows sum to 1");
    }
    nn_matrix_free(p);
    nn_matrix_free(lp);
    nn_error err;
    double out[2];
    nn_mlp *r = fit_case(find_case("adam_identity_regression"));
    cr_assert_eq(nn_mlp_predict_proba(r, &X, &(nn_matrix){1, 2, out}, &err), NN_ERR_STATE);
    cr_assert_eq(nn_mlp_proba_cols(r), 0);
    nn_mlp_free(r);
    nn_mlp_free(m);
}

/* ---- Memory ------------------------------------------------------------------------------- */

/* How many allocations a fit needs: the smallest k for which "fail after k" succeeds. */
static long allocations_needed(const mlp_fx_case *fx, long max_iter)
{
    nn_mlp_params p = params_of(fx);
    p.max_iter = max_iter;
    nn_matrix X = X_of(fx->data), y = y_of(fx->data);
    for (long k = 0; k < 200; k++) {
        nn_mlp *m = nn_mlp_new(fx->regressor ? NN_MLP_REGRESSOR : NN_MLP_CLASSIFIER, &p, NULL);
        long live = nn_alloc_live();
        catch_warnings();
        nn_alloc_fail_after(k);
        nn_error err;
        nn_status st = nn_mlp_fit(m, &X, &y, &err);
        nn_alloc_fail_after(-1);
        nn_set_warning_handler(NULL, NULL);
        cr_assert(st == NN_OK || st == NN_ERR_NOMEM, "%s, failing allocation %ld: %s",
                  fx->name, k, err.message);
        if (st == NN_ERR_NOMEM)
            cr_assert(!nn_mlp_is_fitted(m) || fx->warm_start,
                      "a fit that ran out of memory must not leave a half-made model");
        nn_mlp_free(m);
        cr_assert_eq(nn_alloc_live(), live - 1, "%s: failing allocation %ld leaked %ld blocks",
                     fx->name, k, nn_alloc_live() - live + 1);
        if (st == NN_OK)
            return k;
    }
    cr_assert_fail("%s: fit needed more than 200 allocations", fx->name);
    return -1;
}

Test(mlp, every_allocation_failure_is_clean_and_training_allocates_once)
{
    const char *names[] = {"sgd_relu_binary_early_stopping", "adam_relu_multilabel",
                           "adam_tanh_regression2_early_stopping", "lbfgs_tanh_binary"};
    for (size_t i = 0; i < COUNT_OF(names); i++) {
        const mlp_fx_case *fx = find_case(names[i]);
        long one_epoch = allocations_needed(fx, 1);
        long many = allocations_needed(fx, 25);
        cr_assert_eq(many, one_epoch, "%s: 25 epochs need %ld allocations, 1 epoch %ld: the "
                     "training loop allocates", names[i], many, one_epoch);
    }
}
