/* tests/lib/mlp_resume.c - training that goes on after nn_mlp_save and nn_mlp_load.
 *
 * A model file holds the whole training state (the optimiser's memory, early stopping's
 * best weights, the generator that shuffles the batches), so fit, save, load and 20
 * partial_fit calls must give the same weights and loss curve, to the bit, as a run that
 * was never interrupted; and the same numbers as scikit-learn after a pickle round trip
 * (tests/fixtures/mlp_resume.h, made by tools/fixtures/mlp_resume.py). Also: a file of
 * format version 1 (tests/data/good/model_v1.nnmlp) still loads, with a warning; the
 * feature names travel with the model; and warm_start with early_stopping keeps the
 * best weights apart, where scikit-learn does not (book/appendices/parity.md).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "fixtures/mlp_resume.h"
#include "mlp.h"
#include "support.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define PARITY 1e-9
#define V1_FILE "tests/data/good/model_v1.nnmlp"

TestSuite(mlp_resume, .timeout = 60);

static nn_mlp_params params_of(const resume_fx_params *f)
{
    nn_mlp_params p = nn_mlp_defaults();
    nn_error err;
    p.n_hidden = f->n_hidden;
    for (size_t i = 0; i < f->n_hidden; i++)
        p.hidden_layer_sizes[i] = f->hidden[i];
    cr_assert_eq(nn_mlp_solver_parse(f->solver, &p.solver, &err), NN_OK);
    cr_assert_eq(nn_activation_parse(f->activation, &p.activation, &err), NN_OK);
    cr_assert_eq(nn_learning_rate_parse(f->learning_rate, &p.learning_rate, &err), NN_OK);
    p.learning_rate_init = f->learning_rate_init;
    p.batch_size = f->batch_size;
    p.power_t = f->power_t;
    p.momentum = f->momentum;
    p.nesterovs_momentum = f->nesterovs_momentum;
    p.tol = f->tol;
    p.n_iter_no_change = f->n_iter_no_change;
    p.max_iter = f->max_iter;
    p.random_state = f->random_state;
    p.early_stopping = f->early_stopping;
    p.validation_fraction = f->validation_fraction;
    p.warm_start = f->warm_start;
    p.progress = false;
    return p;
}

/* build/tmp/resume-XXXXXX/NAME, in a fresh directory. */
static void temp_path(char *path, size_t size, const char *name)
{
    char dir[64];
    make_temp_dir(dir, sizeof dir, "resume");
    snprintf(path, size, "%s/%s", dir, name);
}

static nn_mlp *reload(const nn_mlp *m, const char *path)
{
    nn_error err;
    cr_assert_eq(nn_mlp_save(m, path, &err), NN_OK, "%s", err.message);
    nn_mlp *back = nn_mlp_load(path, &err);
    cr_assert_not_null(back, "%s", err.message);
    return back;
}

/* The whole file a model saves, as text (freed by the caller). */
static char *saved_text(const nn_mlp *m, const char *path)
{
    nn_error err;
    cr_assert_eq(nn_mlp_save(m, path, &err), NN_OK, "%s", err.message);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f);
    char *text = calloc(1 << 20, 1);
    size_t n = fread(text, 1, (1 << 20) - 1, f);
    cr_assert_lt(n, (size_t)(1 << 20) - 1);
    fclose(f);
    return text;
}

static void assert_same_training(const nn_mlp *a, const nn_mlp *b, const char *name)
{
    size_t na, nb;
    const double *wa = nn_mlp_packed(a, &na), *wb = nn_mlp_packed(b, &nb);
    cr_assert(na == nb && memcmp(wa, wb, na * sizeof *wa) == 0,
              "%s: the resumed run's weights differ from the uninterrupted run's", name);
    const double *ca = nn_mlp_loss_curve(a, &na), *cb = nn_mlp_loss_curve(b, &nb);
    cr_assert_eq(na, nb, "%s: loss curves of %zu and %zu epochs", name, na, nb);
    for (size_t i = 0; i < na; i++)
        cr_assert(memcmp(&ca[i], &cb[i], sizeof *ca) == 0,
                  "%s: loss_curve[%zu] is %a uninterrupted, %a resumed", name, i, ca[i], cb[i]);
    cr_assert(nn_mlp_t(a) == nn_mlp_t(b) && nn_mlp_n_iter(a) == nn_mlp_n_iter(b),
              "%s: t or n_iter differ", name);
}

/* fit, then `calls` partial_fit calls; with `path`, a save and a load after the fit. */
static nn_mlp *train(const nn_mlp_params *p, int regressor, const nn_matrix *X,
                     const nn_matrix *y, int calls, const char *path)
{
    nn_error err;
    nn_mlp *m = nn_mlp_new(regressor ? NN_MLP_REGRESSOR : NN_MLP_CLASSIFIER, p, &err);
    cr_assert_not_null(m, "%s", err.message);
    cr_assert_eq(nn_mlp_fit(m, X, y, &err), NN_OK, "%s", err.message);
    if (path) {
        nn_mlp *back = reload(m, path);
        nn_mlp_free(m);
        m = back;
    }
    for (int k = 0; k < calls; k++)
        cr_assert_eq(nn_mlp_partial_fit(m, X, y, NULL, 0, &err), NN_OK, "%s", err.message);
    return m;
}

Test(mlp_resume, fit_save_load_then_partial_fit_equals_the_uninterrupted_run)
{
    char path[128];
    temp_path(path, sizeof path, "model.nnmlp");
    catch_warnings();
    for (size_t c = 0; c < COUNT_OF(resume_fx_cases); c++) {
        const resume_fx_case *fx = &resume_fx_cases[c];
        nn_mlp_params p = params_of(&fx->p);
        nn_matrix X = {fx->n_samples, fx->n_features, (double *)fx->X};
        nn_matrix y = {fx->n_samples, 1, (double *)fx->y};
        nn_mlp *whole = train(&p, fx->regressor, &X, &y, fx->partial_calls, NULL);
        nn_mlp *resumed = train(&p, fx->regressor, &X, &y, fx->partial_calls, path);
        assert_same_training(whole, resumed, fx->name);
        /* and everything else the two hold: their files are the same, byte for byte */
        char *a = saved_text(whole, path), *b = saved_text(resumed, path);
        cr_assert_str_eq(a, b, "%s: the two models save different files", fx->name);
        free(a);
        free(b);
        nn_mlp_free(whole);
        nn_mlp_free(resumed);
    }
    nn_set_warning_handler(NULL, NULL);
}

Test(mlp_resume, the_shuffling_generator_is_saved_when_seeded_from_the_os)
{
    /* random_state None: the generator is seeded once from the OS and goes on from call
     * to call, so only the saved state can shuffle the next batches the same way. */
    const resume_fx_case *fx = &resume_fx_cases[0];
    nn_mlp_params p = params_of(&fx->p);
    p.random_state = NN_MLP_RANDOM_NONE;
    nn_matrix X = {fx->n_samples, fx->n_features, (double *)fx->X};
    nn_matrix y = {fx->n_samples, 1, (double *)fx->y};
    char path[128];
    temp_path(path, sizeof path, "model.nnmlp");
    nn_error err;
    catch_warnings();
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_eq(nn_mlp_fit(m, &X, &y, &err), NN_OK, "%s", err.message);
    nn_mlp *back = reload(m, path);
    for (int k = 0; k < 20; k++) {
        cr_assert_eq(nn_mlp_partial_fit(m, &X, &y, NULL, 0, &err), NN_OK);
        cr_assert_eq(nn_mlp_partial_fit(back, &X, &y, NULL, 0, &err), NN_OK);
    }
    assert_same_training(m, back, "random_state None");
    nn_mlp_free(m);
    nn_mlp_free(back);
    nn_set_warning_handler(NULL, NULL);
}

Test(mlp_resume, resumed_training_matches_scikit_learns_pickle_round_trip)
{
    char path[128];
    temp_path(path, sizeof path, "model.nnmlp");
    catch_warnings();
    for (size_t c = 0; c < COUNT_OF(resume_fx_cases); c++) {
        const resume_fx_case *fx = &resume_fx_cases[c];
        nn_mlp_params p = params_of(&fx->p);
        nn_matrix X = {fx->n_samples, fx->n_features, (double *)fx->X};
        nn_matrix y = {fx->n_samples, 1, (double *)fx->y};
        nn_mlp *m = train(&p, fx->regressor, &X, &y, fx->partial_calls, path);
        size_t n;
        const double *curve = nn_mlp_loss_curve(m, &n);
        cr_assert_eq(n, fx->n_loss_curve, "%s: %zu epochs, scikit-learn ran %zu", fx->name, n,
                     fx->n_loss_curve);
        for (size_t i = 0; i < n; i++)
            cr_assert(fabs(curve[i] - fx->loss_curve[i]) <= PARITY * fabs(fx->loss_curve[i]),
                      "%s: loss_curve_[%zu] = %.17g, scikit-learn %.17g after its pickle "
                      "round trip", fx->name, i, curve[i], fx->loss_curve[i]);
        const double *w = nn_mlp_packed(m, &n);
        cr_assert_eq(n, fx->n_params);
        for (size_t i = 0; i < n; i++)
            cr_assert(fabs(w[i] - fx->params[i]) <= PARITY * fmax(fabs(fx->params[i]), 1e-3),
                      "%s: weight %zu = %.17g, scikit-learn %.17g", fx->name, i, w[i],
                      fx->params[i]);
        cr_assert(nn_mlp_t(m) == fx->t && nn_mlp_n_iter(m) == fx->n_iter,
                  "%s: t_ %ld and n_iter_ %ld, scikit-learn %ld and %ld", fx->name,
                  nn_mlp_t(m), nn_mlp_n_iter(m), fx->t, fx->n_iter);
        nn_mlp_free(m);
    }
    nn_set_warning_handler(NULL, NULL);
}

/* Two fits with warm_start and early_stopping, optionally saved and loaded between. */
static nn_mlp *warm_early(bool reload_between, double *first)
{
    nn_mlp_params p = params_of(&warm_early_fx.p);
    nn_matrix X = {warm_early_fx.n_samples, warm_early_fx.n_features,
                   (double *)warm_early_fx.X};
    nn_matrix y = {warm_early_fx.n_samples, 1, (double *)warm_early_fx.y};
    nn_error err;
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_eq(nn_mlp_fit(m, &X, &y, &err), NN_OK, "%s", err.message);
    memcpy(first, nn_mlp_packed(m, NULL), warm_early_fx.n_params * sizeof *first);
    if (reload_between) {
        char path[128];
        temp_path(path, sizeof path, "model.nnmlp");
        nn_mlp *back = reload(m, path);
        nn_mlp_free(m);
        m = back;
    }
    cr_assert_eq(nn_mlp_fit(m, &X, &y, &err), NN_OK, "%s", err.message);
    return m;
}

Test(mlp_resume, warm_start_with_early_stopping_keeps_the_best_weights_unlike_scikit_learn)
{
    catch_warnings();
    double first[64], again[64];
    cr_assert_leq(warm_early_fx.n_params, COUNT_OF(first));
    nn_mlp *m = warm_early(false, first);
    /* Both fits train as scikit-learn's do: the same validation scores, epoch by epoch. */
    size_t n;
    const double *scores = nn_mlp_validation_scores(m, &n);
    cr_assert_eq(n, warm_early_fx.n_scores);
    for (size_t i = 0; i < n; i++)
        cr_assert(fabs(scores[i] - warm_early_fx.scores[i]) <= PARITY,
                  "validation score %zu: %.17g, scikit-learn %.17g", i, scores[i],
                  warm_early_fx.scores[i]);
    const double *curve = nn_mlp_loss_curve(m, &n);
    for (size_t i = 0; i < n; i++)
        cr_assert(fabs(curve[i] - warm_early_fx.loss_curve[i]) <=
                  PARITY * fabs(warm_early_fx.loss_curve[i]), "loss_curve_[%zu]", i);
    for (size_t i = 0; i < warm_early_fx.n_params; i++)
        cr_assert(fabs(first[i] - warm_early_fx.first[i]) <=
                  PARITY * fmax(fabs(warm_early_fx.first[i]), 1e-3),
                  "after the first fit, weight %zu: %.17g, scikit-learn %.17g", i, first[i],
                  warm_early_fx.first[i]);
    /* No epoch of the second fit beat the first fit's best validation score. The
     * library ends with the best weights, the first fit's; scikit-learn, whose coefs_
     * and _best_coefs are the same arrays, ends with the second fit's last weights. */
    cr_assert_eq(nn_mlp_best_validation_score(m), warm_early_fx.best_validation_score);
    const double *w = nn_mlp_packed(m, &n);
    cr_assert(memcmp(w, first, n * sizeof *w) == 0,
              "the library should restore the first fit's best weights");
    bool sklearn_moved = false;
    for (size_t i = 0; i < n; i++)
        sklearn_moved |= warm_early_fx.final[i] != warm_early_fx.first[i];
    cr_assert(sklearn_moved, "the fixture should show scikit-learn's best weights moving");
    /* The best weights are in the model file, so a load between the fits changes
     * nothing. */
    nn_mlp *r = warm_early(true, again);
    cr_assert(memcmp(nn_mlp_packed(r, NULL), w, n * sizeof *w) == 0,
              "a save and a load between the fits changed the result");
    nn_mlp_free(r);
    nn_mlp_free(m);
    nn_set_warning_handler(NULL, NULL);
}

Test(mlp_resume, a_version_1_file_still_loads_with_a_warning)
{
    /* tests/data/good/model_v1.nnmlp was saved by the format before the training state
     * was kept: 8 epochs of adam on the first 30 rows of the fixture's binary data. */
    nn_mlp_params p = params_of(&resume_fx_cases[0].p);
    p.hidden_layer_sizes[0] = 3;
    p.max_iter = 8;
    nn_matrix X = {30, 3, (double *)resume_fx_binary_X};
    nn_matrix y = {30, 1, (double *)resume_fx_binary_y};
    nn_error err;
    catch_warnings();
    nn_mlp *fresh = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_eq(nn_mlp_fit(fresh, &X, &y, &err), NN_OK);
    warnings_seen = 0;
    nn_mlp *old = nn_mlp_load(V1_FILE, &err);
    cr_assert_not_null(old, "%s", err.message);
    cr_assert_eq(warnings_seen, 1, "loading a version 1 file should warn once");
    cr_assert_str_eq(last_warning,
                     V1_FILE ": a version 1 model file keeps no optimiser state: partial_fit "
                     "will start a new optimiser from the loaded weights (save the model "
                     "again to keep its whole training state)");
    size_t n, m;
    const double *a = nn_mlp_packed(fresh, &n), *b = nn_mlp_packed(old, &m);
    cr_assert(n == m && memcmp(a, b, n * sizeof *a) == 0, "the old file's weights differ");
    cr_assert_null(nn_mlp_feature_names(old));
    /* it trains on, from a new optimiser */
    cr_assert_eq(nn_mlp_partial_fit(old, &X, &y, NULL, 0, &err), NN_OK, "%s", err.message);
    cr_assert_eq(nn_mlp_partial_fit(fresh, &X, &y, NULL, 0, &err), NN_OK, "%s", err.message);
    a = nn_mlp_packed(fresh, &n);
    b = nn_mlp_packed(old, &m);
    cr_assert(memcmp(a, b, n * sizeof *a) != 0, "a new optimiser should take other steps");
    /* saved again, it keeps everything from now on, and loads without a warning */
    char path[128];
    temp_path(path, sizeof path, "model.nnmlp");
    warnings_seen = 0;
    nn_mlp *again = reload(old, path);
    cr_assert_eq(warnings_seen, 0);
    nn_mlp_free(again);
    nn_mlp_free(old);
    nn_mlp_free(fresh);
    nn_set_warning_handler(NULL, NULL);
}

Test(mlp_resume, feature_names_are_saved_with_the_model)
{
    nn_mlp_params p = params_of(&resume_fx_cases[0].p);
    p.max_iter = 2;
    nn_matrix X = {30, 3, (double *)resume_fx_binary_X};
    nn_matrix y = {30, 1, (double *)resume_fx_binary_y};
    nn_error err;
    catch_warnings();
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    const char *names[] = {"age", "chest pain %", "caf\xc3\xa9\tx"};
    cr_assert_eq(nn_mlp_set_feature_names(m, names, 3, &err), NN_ERR_STATE);
    cr_assert_eq(nn_mlp_fit(m, &X, &y, &err), NN_OK);
    cr_assert_null(nn_mlp_feature_names(m));
    cr_assert_eq(nn_mlp_set_feature_names(m, names, 2, &err), NN_ERR_ARG);
    cr_assert_str_eq(err.message, "2 feature names for a model of 3 features");
    const char *empty[] = {"a", "", "c"};
    cr_assert_eq(nn_mlp_set_feature_names(m, empty, 3, &err), NN_ERR_ARG);
    cr_assert_str_eq(err.message, "feature name 2 is empty: a name has 1 to 255 bytes");
    cr_assert_eq(nn_mlp_set_feature_names(m, names, 3, &err), NN_OK, "%s", err.message);
    char path[128];
    temp_path(path, sizeof path, "model.nnmlp");
    nn_mlp *back = reload(m, path);
    const char *const *got = nn_mlp_feature_names(back);
    cr_assert_not_null(got);
    for (size_t j = 0; j < 3; j++)
        cr_assert_str_eq(got[j], names[j]);
    /* a fit that starts a new network forgets them (its features may be others) */
    cr_assert_eq(nn_mlp_fit(back, &X, &y, &err), NN_OK);
    cr_assert_null(nn_mlp_feature_names(back));
    cr_assert_eq(nn_mlp_set_feature_names(m, NULL, 0, &err), NN_OK);
    cr_assert_null(nn_mlp_feature_names(m));
    nn_mlp_free(back);
    nn_mlp_free(m);
    nn_set_warning_handler(NULL, NULL);
}

Test(mlp_resume, the_checksum_covers_the_training_state)
{
    const resume_fx_case *fx = &resume_fx_cases[0];
    nn_mlp_params p = params_of(&fx->p);
    p.max_iter = 2;
    nn_matrix X = {fx->n_samples, fx->n_features, (double *)fx->X};
    nn_matrix y = {fx->n_samples, 1, (double *)fx->y};
    char path[128];
    temp_path(path, sizeof path, "model.nnmlp");
    catch_warnings();
    nn_mlp *m = train(&p, 0, &X, &y, 0, NULL);
    const char *names[] = {"a", "b", "c"};
    cr_assert_eq(nn_mlp_set_feature_names(m, names, 3, NULL), NN_OK);
    char *text = saved_text(m, path);
    const char *sections[] = {"\nfeature_names 3\n a", "\nsolver_state ", "\nrng 624 "};
    for (size_t k = 0; k < COUNT_OF(sections); k++) {
        char *copy = strdup(text), *at = strstr(copy, sections[k]);
        cr_assert_not_null(at, "no %s section", sections[k]);
        char *c = at + strlen(sections[k]) + (k == 0 ? -1 : 3); /* a name, a value, a word */
        *c = *c == '1' ? '2' : '1';
        FILE *f = fopen(path, "wb");
        fputs(copy, f);
        fclose(f);
        nn_error err;
        cr_assert_null(nn_mlp_load(path, &err), "a changed %s section loaded", sections[k]);
        cr_assert(strstr(err.message, "checksum mismatch"), "%s: %s", sections[k], err.message);
        free(copy);
    }
    free(text);
    nn_mlp_free(m);
    nn_set_warning_handler(NULL, NULL);
}
