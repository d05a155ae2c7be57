/* model_selection.h - holding data out: train/test splits and k-fold cross-validation.
 *
 * Chapter 8 introduces the idea that a model must be judged on samples it never saw.
 * These functions say which samples go where. They return indices, not copies of the
 * data, so the same split can be applied to X and y (nn_data_take_rows, nn_data_take in
 * data.h), and they give exactly the indices scikit-learn gives for the same arguments
 * and random_state: the C program and the Python tutorial then hold out the very same
 * patients.
 *
 *     nn_rng rng;
 *     nn_rng_seed(&rng, 42);                              // random_state=42
 *     nn_train_test_options opt = {.test_size = 0.25, .rng = &rng};
 *     nn_train_test split;
 *     if (nn_train_test_split(n, &opt, &split, &err) != NN_OK) ...
 *     ... split.train[0 .. split.n_train), split.test[0 .. split.n_test) ...
 *     nn_train_test_free(&split);
 *
 * Cross-validation is described by one array, fold[i] = the fold in which sample i is
 * tested. Split k trains on the samples with fold != k and tests on those with
 * fold == k, both in increasing order, as scikit-learn's KFold.split yields them.
 *
 * nn_cross_val_score runs the whole loop for an nn_mlp: one fresh model per fold,
 * fitted on the other folds and scored on this one, as scikit-learn's cross_val_score.
 *
 * Randomness comes from an nn_rng that the caller seeds: seeding it with s is
 * scikit-learn's random_state=s (numpy's legacy RandomState, drawn from in the same
 * order). The functions advance it, so one generator can drive several splits, just as
 * one RandomState instance does in Python.
 */
#ifndef NN_MODEL_SELECTION_H
#define NN_MODEL_SELECTION_H

#include <stddef.h>

#include "error.h"
#include "matrix.h"
#include "mlp.h"
#include "random.h"

/* One partition of the sample indices 0 .. n-1 into a training and a test set. */
typedef struct nn_train_test {
    size_t *train;   /* n_train indices */
    size_t n_train;
    size_t *test;    /* n_test indices */
    size_t n_test;
} nn_train_test;

/* How to split. A zero-initialised struct (plus .rng) is scikit-learn's default:
 * test_size=0.25, shuffled.
 *
 * test_size and train_size say what scikit-learn's arguments say: a value in (0, 1) is
 * a fraction (Python float), a whole number >= 1 is a count of samples (Python int),
 * and 0 means "not given" (Python None). Python's 1.0 and 0.0 (both refused there)
 * cannot be said; anything else (negative, 2.5, NaN) is refused here too. With
 * fractions, n_test = ceil(test_size * n) and n_train = floor(train_size * n); a size
 * not given is the rest of the samples. */
typedef struct nn_train_test_options {
    double test_size;        /* 0 = not given (0.25 if train_size is not given either) */
    double train_size;       /* 0 = not given: the samples left over by the test set */
    int no_shuffle;          /* nonzero: train = the first n_train samples, test = the
                              * next n_test (shuffle=False); rng is then not used */
    const double *stratify;  /* NULL, or n class labels: keep each class's share in
                              * both sets (StratifiedShuffleSplit) */
    nn_rng *rng;             /* the random state, advanced; required unless no_shuffle */
} nn_train_test_options;

/* train_test_split(arange(n), ...) as scikit-learn 1.2 computes it, into *out (whose
 * arrays the caller frees with nn_train_test_free). Shuffled: p = permutation(n),
 * test = p[:n_test], train = p[n_test : n_test + n_train]. Stratified: per class,
 * approximate-mode counts, a permutation of the class, then both sets permuted.
 * NN_ERR_ARG (with scikit-learn's reason) for sizes it refuses, a class with fewer
 * than 2 members, or fewer train or test samples than classes. */
nn_status nn_train_test_split(size_t n, const nn_train_test_options *opt, nn_train_test *out,
                              nn_error *err);

/* Frees the index arrays of *split and zeroes it; NULL or a zeroed split is a no-op. */
void nn_train_test_free(nn_train_test *split);

/* KFold(n_splits, shuffle=rng != NULL): fold[i] for each of the n samples. The samples
 * (shuffled by rng first, if given) are cut into n_splits consecutive folds, the first
 * n % n_splits of size n / n_splits + 1 and the rest of size n / n_splits.
 * Requires 2 <= n_splits <= n (NN_ERR_ARG otherwise). fold holds n entries. */
nn_status nn_kfold(size_t n, size_t n_splits, nn_rng *rng, size_t *fold,
                   nn_error *err);

/* StratifiedKFold(n_splits, shuffle=rng != NULL) on the class labels y[0..n): fold[i]
 * such that each fold has about the same share of every class. Classes are numbered in
 * order of first appearance; fold sizes per class come from dealing the sorted labels
 * round-robin; within a class the folds are assigned in blocks (shuffled by rng if
 * given). Labels must be whole numbers (scikit-learn refuses "continuous" targets).
 * NN_ERR_ARG if n_splits < 2, n_splits > n or n_splits exceeds every class's size;
 * warns (nn_warn) like scikit-learn when the smallest class has fewer than n_splits
 * members. */
nn_status nn_kfold_stratified(const double *y, size_t n, size_t n_splits,
                              nn_rng *rng, size_t *fold, nn_error *err);

/* Split k of a fold assignment: train = {i : fold[i] != k}, test = {i : fold[i] == k},
 * both increasing. NN_ERR_ARG if no sample has fold k. Free with nn_train_test_free. */
nn_status nn_kfold_split(const size_t *fold, size_t n, size_t k, nn_train_test *out,
                         nn_error *err);

/* cross_val_score(estimator, X, y, cv=folds): for each split k < n_splits of the fold
 * assignment, a fresh nn_mlp of the given kind and params (a clone: same random_state,
 * so every fold starts from the same seed) is fitted on the training rows and scored on
 * the test rows; scores[k] = accuracy (classifier) or R^2 (regressor). With
 * standardize, a StandardScaler is fitted on each fold's training rows and applied to
 * both parts first, which is make_pipeline(StandardScaler(), MLP...) in scikit-learn:
 * the test fold never leaks into the scaling. y holds X->rows targets. */
nn_status nn_cross_val_score(nn_mlp_kind kind, const nn_mlp_params *params, int standardize,
                             const nn_matrix *X, const double *y, const size_t *fold,
                             size_t n_splits, double *scores, nn_error *err);

/* numpy's scores.mean() and scores.std() (the population deviation, ddof = 0):
 * m = sum x_i / n, s = sqrt(sum (x_i - m)^2 / n), summed as numpy sums. n >= 1. */
void nn_cross_val_mean_std(const double *x, size_t n, double *mean, double *std);

#endif
