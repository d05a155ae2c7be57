/* tests/lib/model_selection.c - splits and folds against scikit-learn, index for index.
 *
 * fixtures/model_selection.h holds what scikit-learn 1.2.1 returns for a few hundred
 * train_test_split calls (shuffled, unshuffled, stratified, and the argument
 * combinations it refuses) and for KFold and StratifiedKFold with and without
 * shuffling. Indices are compared exactly: "the same patients in the test set" is the
 * whole promise. The other tests check what the fixtures cannot: that failures leak
 * nothing, and that the fold helper builds ordered, disjoint, complete splits.
 * Last, cross_val_score of an nn_mlp on the heart data against scikit-learn's, and
 * numpy's mean and std of the scores.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "data.h"
#include "model_selection.h" /* before the fixtures, which use nn_mlp_solver */
#include "fixtures/model_selection.h"
#include "support.h"

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

TestSuite(model_selection, .timeout = 30);

/* ---- helpers ---------------------------------------------------------------------- */

static void expect_indices(const size_t *got, size_t n_got, const size_t *expected,
                           size_t n_expected, const char *side, const char *what)
{
    cr_assert_eq(n_got, n_expected, "%s: %s set has %zu samples, scikit-learn has %zu", what,
                 side, n_got, n_expected);
    for (size_t i = 0; i < n_expected; i++)
        cr_assert_eq(got[i], expected[i], "%s: %s[%zu] = %zu, scikit-learn has %zu", what, side,
                     i, got[i], expected[i]);
}

static void describe_split(char *buf, size_t size, const model_selection_fx_split *fx)
{
    snprintf(buf, size,
             "train_test_split(n=%zu, test_size=%g, train_size=%g, shuffle=%d, "
             "random_state=%u%s)",
             fx->n, fx->test_size, fx->train_size, fx->shuffle, (unsigned)fx->seed,
             fx->stratify ? ", stratify=y" : "");
}

/* ---- train_test_split --------------------------------------------------------------- */

Test(model_selection, train_test_split_gives_scikit_learns_indices)
{
    size_t checked = 0, refused = 0;
    for (size_t c = 0; c < COUNT_OF(model_selection_fx_splits); c++) {
        const model_selection_fx_split *fx = &model_selection_fx_splits[c];
        char what[256];
        describe_split(what, sizeof what, fx);
        nn_rng rng;
        nn_rng_seed(&rng, fx->seed);
        nn_train_test_options opt = {.test_size = fx->test_size,
                                .train_size = fx->train_size,
                                .no_shuffle = !fx->shuffle,
                                .stratify = fx->stratify,
                                .rng = &rng};
        nn_train_test split;
        nn_error err = {NN_OK, ""};
        nn_status status = nn_train_test_split(fx->n, &opt, &split, &err);
        if (!fx->ok) {
            cr_expect_eq(status, NN_ERR_ARG, "%s: scikit-learn refuses it, we returned %s", what,
                         nn_status_name(status));
            cr_expect(err.message[0] != '\0', "%s: refused without a message", what);
            cr_expect(split.train == NULL && split.test == NULL,
                      "%s: a refused split must leave *out empty", what);
            refused++;
            continue;
        }
        cr_assert_eq(status, NN_OK, "%s: failed: %s", what, err.message);
        expect_indices(split.test, split.n_test, fx->test, fx->n_test, "test", what);
        expect_indices(split.train, split.n_train, fx->train, fx->n_train, "train", what);
        nn_train_test_free(&split);
        checked++;
    }
    cr_assert_gt(checked, 400, "only %zu fixtures checked", checked);
    cr_assert_gt(refused, 10, "only %zu refusals checked", refused);
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(model_selection, the_default_test_size_is_a_quarter_rounded_up)
{
    nn_rng rng;
    nn_rng_seed(&rng, 0);
    nn_train_test_options opt = {.rng = &rng};
    nn_train_test split;
    nn_error err = {NN_OK, ""};
    cr_assert_eq(nn_train_test_split(270, &opt, &split, &err), NN_OK, "%s", err.message);
    cr_expect_eq(split.n_test, 68, "ceil(0.25 * 270) = 68 test samples, got %zu", split.n_test);
    cr_expect_eq(split.n_train, 202, "270 - 68 = 202 train samples, got %zu", split.n_train);
    nn_train_test_free(&split);
    cr_expect(split.train == NULL && split.n_train == 0, "nn_train_test_free must zero the split");
}

Test(model_selection, a_shuffled_split_needs_a_generator)
{
    nn_train_test_options opt = {.test_size = 0.25};
    nn_train_test split;
    nn_error err = {NN_OK, ""};
    cr_assert_eq(nn_train_test_split(10, &opt, &split, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "nn_rng") != NULL, "message should say what is missing: %s",
              err.message);
    opt.no_shuffle = 1;
    cr_assert_eq(nn_train_test_split(10, &opt, &split, &err), NN_OK, "%s", err.message);
    nn_train_test_free(&split);
}

Test(model_selection, one_generator_drives_successive_splits_like_one_random_state)
{
    /* ShuffleSplit(n_splits=2, random_state=0) draws its second permutation from the
     * same RandomState; a second call with the same nn_rng must do the same, so the two
     * splits differ and the second equals permutation #2 of a fresh generator. */
    nn_rng rng, ref;
    nn_rng_seed(&rng, 0);
    nn_rng_seed(&ref, 0);
    nn_train_test_options opt = {.test_size = 3, .rng = &rng};
    nn_train_test a, b;
    cr_assert_eq(nn_train_test_split(10, &opt, &a, NULL), NN_OK);
    cr_assert_eq(nn_train_test_split(10, &opt, &b, NULL), NN_OK);
    size_t perm[10];
    nn_rng_permutation(&ref, 10, perm);
    nn_rng_permutation(&ref, 10, perm);
    expect_indices(b.test, b.n_test, perm, 3, "test", "second split");
    expect_indices(b.train, b.n_train, perm + 3, 7, "train", "second split");
    cr_expect(memcmp(a.test, b.test, 3 * sizeof *a.test) != 0,
              "two splits from one generator should differ");
    nn_train_test_free(&a);
    nn_train_test_free(&b);
}

Test(model_selection, every_allocation_failure_is_reported_without_leaks)
{
    const double y[] = {1, -1, -1, 1, -1, -1, 1, -1, 1, -1, 1, 1};
    for (int stratified = 0; stratified <= 1; stratified++) {
        for (long fail = 0; fail < 40; fail++) {
            nn_rng rng;
            nn_rng_seed(&rng, 3);
            nn_train_test_options opt = {.test_size = 0.25, .rng = &rng,
                                    .stratify = stratified ? y : NULL};
            nn_train_test split;
            nn_error err = {NN_OK, ""};
            nn_alloc_fail_after(fail);
            nn_status status = nn_train_test_split(12, &opt, &split, &err);
            nn_alloc_fail_after(-1);
            if (status == NN_OK) {
                nn_train_test_free(&split);
                break; /* past the last allocation */
            }
            cr_expect_eq(status, NN_ERR_NOMEM, "failure #%ld: expected NOMEM, got %s (%s)", fail,
                         nn_status_name(status), err.message);
            cr_expect_eq(nn_alloc_live(), 0, "failure #%ld (stratified %d): %ld blocks leaked",
                         fail, stratified, nn_alloc_live());
        }
    }
}

/* ---- k-fold ------------------------------------------------------------------------- */

static void expect_folds(const size_t *got, const size_t *expected, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        cr_assert_eq(got[i], expected[i], "%s: sample %zu is tested in fold %zu, scikit-learn "
                     "tests it in fold %zu", what, i, got[i], expected[i]);
}

Test(model_selection, kfold_gives_scikit_learns_folds)
{
    size_t checked = 0;
    for (size_t c = 0; c < COUNT_OF(model_selection_fx_kfolds); c++) {
        const model_selection_fx_kfold *fx = &model_selection_fx_kfolds[c];
        char what[128];
        snprintf(what, sizeof what, "KFold(%zu, shuffle=%d, random_state=%u) on %zu samples",
                 fx->n_splits, fx->shuffle, (unsigned)fx->seed, fx->n);
        nn_rng rng;
        nn_rng_seed(&rng, fx->seed);
        size_t fold[300];
        nn_error err = {NN_OK, ""};
        nn_status status = nn_kfold(fx->n, fx->n_splits, fx->shuffle ? &rng : NULL, fold,
                                    &err);
        if (!fx->ok) {
            cr_expect_eq(status, NN_ERR_ARG, "%s: scikit-learn refuses it", what);
            continue;
        }
        cr_assert_eq(status, NN_OK, "%s: %s", what, err.message);
        expect_folds(fold, fx->fold, fx->n, what);
        checked++;
    }
    cr_assert_gt(checked, 80, "only %zu fixtures checked", checked);
}

Test(model_selection, kfold_refuses_fewer_than_two_splits)
{
    size_t fold[10];
    nn_error err = {NN_OK, ""};
    cr_expect_eq(nn_kfold(10, 1, NULL, fold, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "n_splits=1") != NULL, "%s", err.message);
    cr_expect_eq(nn_kfold(10, 0, NULL, fold, &err), NN_ERR_ARG);
}

Test(model_selection, stratified_kfold_gives_scikit_learns_folds_and_warnings)
{
    size_t checked = 0, warned = 0;
    for (size_t c = 0; c < COUNT_OF(model_selection_fx_skfolds); c++) {
        const model_selection_fx_skfold *fx = &model_selection_fx_skfolds[c];
        char what[128];
        snprintf(what, sizeof what,
                 "StratifiedKFold(%zu, shuffle=%d, random_state=%u) on %zu labels (#%zu)",
                 fx->n_splits, fx->shuffle, (unsigned)fx->seed, fx->n, c);
        nn_rng rng;
        nn_rng_seed(&rng, fx->seed);
        size_t fold[300];
        nn_error err = {NN_OK, ""};
        catch_warnings();
        nn_status status = nn_kfold_stratified(fx->y, fx->n, fx->n_splits,
                                               fx->shuffle ? &rng : NULL, fold, &err);
        nn_set_warning_handler(NULL, NULL);
        if (!fx->ok) {
            cr_expect_eq(status, NN_ERR_ARG, "%s: scikit-learn refuses it, got %s", what,
                         nn_status_name(status));
            continue;
        }
        cr_assert_eq(status, NN_OK, "%s: %s", what, err.message);
        expect_folds(fold, fx->fold, fx->n, what);
        if (fx->warning) {
            cr_expect_eq(warnings_seen, 1, "%s: expected one warning, got %d", what,
                         warnings_seen);
            cr_expect_str_eq(last_warning, fx->warning, "%s: warning\n expected: %s\n      got: %s",
                             what, fx->warning, last_warning);
            warned++;
        } else {
            cr_expect_eq(warnings_seen, 0, "%s: unexpected warning: %s", what, last_warning);
        }
        checked++;
    }
    cr_assert_gt(checked, 100, "only %zu fixtures checked", checked);
    cr_assert_gt(warned, 5, "only %zu warnings checked", warned);
}

Test(model_selection, stratified_kfold_refuses_continuous_labels)
{
    const double y[] = {0.5, 1.5, 0.5, 1.5};
    size_t fold[4];
    nn_error err = {NN_OK, ""};
    cr_expect_eq(nn_kfold_stratified(y, 4, 2, NULL, fold, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "y[0] = 0.5") != NULL, "message names the bad label: %s",
              err.message);
}

Test(model_selection, from_folds_builds_ordered_disjoint_complete_splits)
{
    const size_t fold[] = {2, 0, 1, 0, 2, 1, 0};
    const size_t n = COUNT_OF(fold);
    for (size_t k = 0; k < 3; k++) {
        nn_train_test split;
        nn_error err = {NN_OK, ""};
        cr_assert_eq(nn_kfold_split(fold, n, k, &split, &err), NN_OK, "%s", err.message);
        cr_expect_eq(split.n_train + split.n_test, n);
        for (size_t i = 0; i < split.n_test; i++) {
            cr_expect_eq(fold[split.test[i]], k, "test index %zu is not in fold %zu",
                         split.test[i], k);
            if (i)
                cr_expect_lt(split.test[i - 1], split.test[i], "test indices must increase");
        }
        for (size_t i = 0; i < split.n_train; i++) {
            cr_expect_neq(fold[split.train[i]], k, "train index %zu is in the test fold",
                          split.train[i]);
            if (i)
                cr_expect_lt(split.train[i - 1], split.train[i], "train indices must increase");
        }
        nn_train_test_free(&split);
    }
    nn_train_test split;
    nn_error err = {NN_OK, ""};
    cr_expect_eq(nn_kfold_split(fold, n, 3, &split, &err), NN_ERR_ARG,
                                "an empty fold is not a split");
    cr_expect(strstr(err.message, "fold 3 holds none") != NULL, "%s", err.message);
}

/* ---- cross-validation ------------------------------------------------------------------ */

Test(model_selection, cross_val_score_of_an_mlp_matches_scikit_learn)
{
    nn_error err = {NN_OK, ""};
    nn_dataset *heart = nn_data_load_libsvm("data/heart_scale", NULL, &err);
    cr_assert_not_null(heart, "%s", err.message);
    nn_set_warning_handler(ignore_warning, NULL); /* these short fits do not converge */
    for (size_t c = 0; c < COUNT_OF(model_selection_fx_cross_vals); c++) {
        const model_selection_fx_cross_val *fx = &model_selection_fx_cross_vals[c];
        nn_mlp_params p = nn_mlp_defaults();
        p.n_hidden = fx->n_hidden;
        for (size_t l = 0; l < fx->n_hidden; l++)
            p.hidden_layer_sizes[l] = fx->hidden[l];
        p.solver = fx->solver;
        p.alpha = fx->alpha;
        p.max_iter = fx->max_iter;
        p.random_state = fx->random_state;
        p.progress = false;
        double scores[10];
        cr_assert_eq(nn_cross_val_score(NN_MLP_CLASSIFIER, &p, fx->standardize, heart->X,
                                        heart->y, fx->fold, fx->n_splits, scores, &err),
                     NN_OK, "case %zu: %s", c, err.message);
        for (size_t k = 0; k < fx->n_splits; k++)
            cr_expect(scores[k] == fx->scores[k],
                      "case %zu (%s, standardize %d), fold %zu: accuracy %.17g, scikit-learn "
                      "has %.17g",
                      c, nn_mlp_solver_name(fx->solver), fx->standardize, k, scores[k],
                      fx->scores[k]);
        double mean, std;
        nn_cross_val_mean_std(fx->scores, fx->n_splits, &mean, &std);
        cr_expect(mean == fx->mean && std == fx->std,
                  "case %zu: mean %.17g +- %.17g, numpy has %.17g +- %.17g", c, mean, std,
                  fx->mean, fx->std);
    }
    nn_set_warning_handler(NULL, NULL);
    nn_dataset_free(heart);
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(model_selection, cross_val_score_refuses_a_bad_fold_assignment)
{
    const double x[] = {0, 1, 2, 3}, y[] = {0, 1, 0, 1};
    nn_matrix X = {4, 1, (double *)x};
    const size_t fold[] = {0, 1, 2, 1};
    double scores[2];
    nn_error err = {NN_OK, ""};
    cr_expect_eq(nn_cross_val_score(NN_MLP_CLASSIFIER, NULL, 0, &X, y, fold, 2, scores, &err),
                 NN_ERR_ARG);
    cr_expect_str_eq(err.message,
                     "cross_val_score: fold[2] = 2, but there are only 2 folds");
}

Test(model_selection, mean_and_std_are_numpys_to_the_last_bit)
{
    for (size_t c = 0; c < COUNT_OF(model_selection_fx_mean_stds); c++) {
        const model_selection_fx_mean_std *fx = &model_selection_fx_mean_stds[c];
        double mean, std;
        nn_cross_val_mean_std(fx->x, fx->n, &mean, &std);
        cr_expect(mean == fx->mean, "n = %zu: mean %a, numpy has %a", fx->n, mean, fx->mean);
        cr_expect(std == fx->std, "n = %zu: std %a, numpy has %a", fx->n, std, fx->std);
    }
}
