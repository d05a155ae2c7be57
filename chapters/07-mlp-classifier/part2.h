/* part2.h - what the files of part 2 (two moons, three solvers) share: the choices the
 * flags make, and what one fit produced. main.c fills them, report.c prints them and
 * figures.c draws them. */
#ifndef CH07_PART2_H
#define CH07_PART2_H

#include "nn.h"

/* What the flags choose for part 2. */
typedef struct config {
    nn_mlp_params params; /* everything but the solver */
    size_t n_samples, n_test;
    double noise;
} config;

/* What one fit produced. */
typedef struct fit_result {
    nn_mlp_solver solver;
    long n_iter;
    double loss, train_score, test_score;
    char stopped[NN_ERROR_MESSAGE_MAX + 32]; /* why it stopped, in scikit-learn's words */
    double *curve;                          /* the loss after each iteration or epoch */
    size_t n_curve;
    double *surface; /* P(class 1) on the figure's lattice, or NULL (figures.h) */
} fit_result;

#endif
