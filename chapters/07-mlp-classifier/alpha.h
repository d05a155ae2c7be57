/* alpha.h - what the files of part 4 (one alpha, several batch sizes) share: the
 * experiment's settings and what each fit produced. alpha.c makes it, report.c prints
 * it and figures.c draws it. */
#ifndef CH07_ALPHA_H
#define CH07_ALPHA_H

#include "nn.h"

/* Part 4's settings: part 2's moons (400 points, noise 0.2, random_state 1, the first
 * 300 to train on), a strong penalty, a faster rate than the default, room to converge. */
#define ALPHA_STRENGTH 1.0
#define ALPHA_SEED 1
#define ALPHA_LEARNING_RATE 0.01
#define ALPHA_MAX_ITER 2000
#define ALPHA_N_SIZES 6 /* the batch sizes tried (alpha.c) */

/* One fit: the sum of its squared weights (the penalty's ||W||^2), its loss_, and its
 * accuracy on the points it trained on. */
typedef struct alpha_fit {
    long n_iter;
    double squared_weights, loss, train_score;
} alpha_fit;

/* Per batch size B: an sgd and an adam fit with alpha and batch_size B, and an lbfgs fit
 * (full batch) with alpha * N / B, indexed by nn_mlp_solver. */
typedef struct alpha_result {
    size_t n_train;
    size_t batch[ALPHA_N_SIZES];
    alpha_fit fits[ALPHA_N_SIZES][3];
} alpha_result;

/* Makes the moons and runs every fit. */
nn_status alpha_run(alpha_result *r, nn_error *err);

#endif
