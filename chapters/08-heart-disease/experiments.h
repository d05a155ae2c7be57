/* experiments.h - the two experiments of chapter 8's program, each a part of its own:
 * --overfitting (overfitting.c) watches a network overfit and early stopping catch it;
 * --scaling (scaling.c) trains on the raw table with and without scaling. figures.c
 * draws what they record. */
#ifndef CH08_EXPERIMENTS_H
#define CH08_EXPERIMENTS_H

#include "heart.h"

/* ---- --overfitting ------------------------------------------------------------------ */

/* The epoch (1, 2, ...) after which early stopping ends training, given the validation
 * score after each of n epochs; 0 if it never stops within them. *best_epoch: the
 * epoch of the best score (the first one, if it repeats). */
size_t early_stop_epoch(const double *scores, size_t n, double tol, double patience,
                        size_t *best_epoch);

typedef struct overfitting {
    bool done;
    nn_mlp_params params; /* the network built to overfit, early_stopping=True */
    holdout watch;   /* trained with no patience limit: every epoch's scores */
    holdout stopped; /* trained with n_iter_no_change from the flags */
    holdout plain;   /* the same network without early stopping */
    size_t n_val;    /* validation patients */
    size_t best_epoch, stop_epoch; /* from the watched curve, by the counter rule */
    size_t peak_epoch;               /* the best of all the watched epochs */
    double restored; /* the stopped network's accuracy on its validation patients */
} overfitting;

/* The experiment on the recipe's split with random_state seed; params brings
 * validation_fraction, n_iter_no_change and tol from the flags. Prints its report. On
 * success free ov with overfitting_free; on failure there is nothing to free. */
nn_status run_overfitting(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                          double test_size, overfitting *ov, nn_error *err);

void overfitting_free(overfitting *ov);

/* ---- --scaling ---------------------------------------------------------------------- */

#define RAW_DATA "data/heart.dat" /* Statlog (Heart) before any scaling */
#define N_SCALINGS 3

typedef struct scaling_run {
    const char *name;      /* "none", "minmax", "standard" */
    double condition;      /* lambda_max / lambda_min of [X 1]^T [X 1] / n, training rows */
    long n_iter;
    double loss, train_accuracy, accuracy;
    double *curve;         /* n_curve: loss_curve_ */
    size_t n_curve;
} scaling_run;

typedef struct scaling {
    bool done;
    size_t n_train, n_test;
    scaling_run run[N_SCALINGS];
} scaling;

/* Loads RAW_DATA and, on the recipe's split, trains the network with params under each
 * scaling. Prints its report. Free sc with scaling_free (also after a failure). */
nn_status run_scaling(const nn_mlp_params *params, uint32_t seed, double test_size,
                      scaling *sc, nn_error *err);

void scaling_free(scaling *sc);

#endif
