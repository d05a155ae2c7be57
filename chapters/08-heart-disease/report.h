/* report.h - what chapter 8's program prints (report.c): the data and the network, the
 * held-out test in full, the cross-validation, and the extras --splits and --sweep. */
#ifndef CH08_REPORT_H
#define CH08_REPORT_H

#include "heart.h"

/* hidden_layer_sizes as Python prints a tuple: "(14,)", "(14, 14)". Returns buf. */
const char *hidden_text(const nn_mlp_params *params, char *buf, size_t size);

/* Data: ..., Classes: ..., Network: ... */
void print_header(const problem *pb, const nn_mlp_params *params);

/* The held-out test: the split, the training, every score beside the tutorial's, the
 * confusion matrix, the classification report and the other thresholds. */
nn_status print_holdout(const problem *pb, const holdout *h, uint32_t seed, double test_size,
                        nn_error *err);

/* The accuracy of every fold, and their mean and standard deviation. */
void print_cross_validation(const problem *pb, const double *scores, size_t folds,
                            uint32_t seed);

/* --splits N: the held-out test for seeds seed .. seed+splits-1, and the mean accuracy. */
nn_status repeat_splits(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                        double test_size, size_t splits, nn_error *err);

/* --sweep: the held-out test and cross-validation for hidden layers of several widths
 * (as many layers as params has). */
#define N_WIDTHS 7

typedef struct sweep {
    bool done;                      /* it ran to the end */
    size_t layers;                  /* hidden layers, each width[k] units wide */
    size_t width[N_WIDTHS];
    double test[N_WIDTHS];          /* accuracy on the held-out split */
    double cv_mean[N_WIDTHS], cv_std[N_WIDTHS]; /* cross-validated accuracy */
} sweep;

nn_status run_sweep(const problem *pb, const nn_mlp_params *params, uint32_t seed,
                    double test_size, size_t folds, sweep *sw, nn_error *err);

#endif
