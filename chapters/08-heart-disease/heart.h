/* heart.h - the recipe of chapter 8 (main.c), as the program's other files see it: one
 * held-out test (split, scale, fit, predict, score) and cross-validation. report.c
 * prints their results and repeats them; figures.c draws them. */
#ifndef CH08_HEART_H
#define CH08_HEART_H

#include "nn.h"
#include "problem.h"

#define MAX_FOLDS 50   /* --folds */
#define MAX_SPLITS 100 /* --splits */

/* One held-out test: everything the recipe made, and its scores. m is the number of
 * test samples, d the number of attributes. */
typedef struct holdout {
    nn_train_test split;         /* which samples train, which test */
    nn_matrix *X_train, *X_test; /* n_train x d, m x d; scaled */
    double *y_train, *y_test;    /* n_train, m: the classes */
    nn_standard_scaler scaler;   /* fitted on X_train */
    nn_mlp *clf;                 /* the trained network */
    nn_matrix_group *answers;    /* the next three matrices */
    nn_matrix *pred;             /* m x 1: the predicted class */
    nn_matrix *proba;            /* m x 2: P(negative), P(positive) */
    nn_matrix *score;            /* m x 1: P(positive) */
    nn_confusion cm;             /* the confusion matrix, as the library counts it */

    double train_accuracy;       /* on the samples it learned from */
    double accuracy, precision, recall, f1, specificity, auc;
    size_t tn, fp, fn, tp;       /* the confusion matrix, positive = classes[1] */
} holdout;

/* Splits the samples with random_state seed (stratified), scales, trains a network with
 * params and random_state seed, and scores it on the held-out part. On success free h
 * with holdout_free; on failure there is nothing to free. */
nn_status evaluate(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                   double test_size, holdout *h, nn_error *err);

void holdout_free(holdout *h);

/* The accuracy on each of folds folds (scores: folds values), each fold tested by a
 * scaler and network fitted on the others. */
nn_status cross_validate(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                         size_t folds, double *scores, nn_error *err);

#endif
