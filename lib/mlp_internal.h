/* mlp_internal.h - the inside of an nn_mlp, shared by mlp.c (training, prediction) and
 * mlp_file.c (saving, loading). Not part of the public API: use mlp.h.
 */
#ifndef NN_MLP_INTERNAL_H
#define NN_MLP_INTERNAL_H

#include "labels.h"
#include "mlp.h"
#include "random.h"
#include "solver.h"

struct nn_mlp {
    nn_mlp_kind kind;
    nn_mlp_params params;

    /* The network, set by the first fit (or a load). */
    bool fitted;
    size_t n_features_in, n_outputs, n_layers;
    size_t units[NN_MLP_MAX_HIDDEN + 2]; /* layer_units: features, hidden..., outputs */
    nn_activation out_activation;
    size_t n_params;                     /* coefficients then intercepts */
    double *theta;                       /* the packed parameters, n_params values */
    nn_matrix coefs[NN_MLP_MAX_HIDDEN + 1];      /* views into theta */
    nn_matrix intercepts[NN_MLP_MAX_HIDDEN + 1]; /* views into theta, 1 x units[l+1] */
    nn_labels labels;                    /* classifier: the LabelBinarizer */
    bool has_classes;

    /* The training record. */
    long n_iter, t;
    double loss, best_loss, best_validation_score;
    double *loss_curve;
    size_t n_loss_curve, cap_loss_curve;
    double *validation_scores;           /* NULL with early stopping off (None) */
    size_t n_validation_scores, cap_validation_scores;
    bool has_validation_scores;
    long no_improvement_count;
    double *best_theta;                  /* early stopping: the best weights so far */
    bool has_best_theta;

    /* The solver's state, kept between partial_fit calls. */
    nn_solver solver;
    bool has_solver;

    /* The generator: reseeded from random_state at every fit, as scikit-learn's
     * check_random_state(int) makes a new RandomState; with random_state None it is
     * seeded once from the OS and goes on from fit to fit. */
    nn_rng rng;
    bool rng_ready;
};

/* Sets the layout for layer_units units[0..n_layers) and allocates theta (zeroed) and
 * best_theta, with the coefs/intercepts views. Frees the old ones on success. */
nn_status nn_mlp_internal_layout(nn_mlp *m, const size_t *units, size_t n_layers,
                                 nn_error *err);

/* Ensures the loss curve (and validation scores) can hold `more` more values. */
nn_status nn_mlp_internal_reserve(nn_mlp *m, size_t more, bool validation, nn_error *err);

/* "MLPClassifier" or "MLPRegressor", for messages. */
const char *nn_mlp_internal_name(nn_mlp_kind kind);

#endif
