/* digits.h - what the files of part 3 (handwritten digits, ten classes) share: what the
 * fit produced and how it did on the digits it never saw. digits.c makes it, report.c
 * prints it and figures.c draws the digits it got wrong. */
#ifndef CH07_DIGITS_H
#define CH07_DIGITS_H

#include "nn.h"

/* Where the data is (data/README.md says where it comes from), relative to the
 * repository's root, where the programs run. */
#define DIGITS_DATA "data/digits.csv"

/* Part 3's parameters: the split's and the estimator's random_state, the estimator's
 * hidden layer and learning rate. Every other parameter keeps its default. */
#define DIGITS_SEED 0
#define DIGITS_HIDDEN 64
#define DIGITS_LEARNING_RATE 0.01

/* What part 3 produced. */
typedef struct digits_result {
    nn_dataset *data;               /* all 1797 digits, pixels scaled to [0, 1] */
    nn_train_test split;            /* which digits train, which test */
    nn_matrix *X_test;              /* n_test x 64 */
    double *y_test, *y_pred;        /* n_test labels, true and predicted */
    nn_confusion confusion;         /* 10 x 10: rows the truth, columns the prediction */
    long n_iter;                    /* n_iter_ (epochs) */
    double loss, score;             /* loss_, accuracy on the test digits */
    size_t n_layers, n_outputs;     /* n_layers_, n_outputs_ */
    nn_activation out_activation;   /* out_activation_: softmax */
} digits_result;

/* Loads, splits, scales, fits and evaluates. Free r with digits_free, even on failure. */
nn_status digits_run(digits_result *r, nn_error *err);

void digits_free(digits_result *r);

#endif
