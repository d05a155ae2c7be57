/* mlp.h - a multi-layer perceptron that trains exactly like scikit-learn's (chapter 7).
 *
 * nn_mlp is scikit-learn 1.2's MLPClassifier and MLPRegressor in C: the same parameters
 * with the same names and defaults, the same fitted attributes, and the same numbers.
 * Given the same data and random_state, sgd and adam produce the same coefs_,
 * intercepts_ and loss_curve_ as Python, epoch by epoch, to the last few bits: the
 * weights are drawn by nn_rng (numpy's RandomState) in scikit-learn's order, batches
 * are shuffled with the same draws, and every sum is added in numpy's order.
 *
 *     nn_mlp_params p = nn_mlp_defaults();          // hidden_layer_sizes=(100,), adam, ...
 *     p.n_hidden = 2; p.hidden_layer_sizes[0] = 5; p.hidden_layer_sizes[1] = 2;
 *     p.solver = NN_MLP_LBFGS; p.alpha = 1e-5; p.random_state = 1;
 *     nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
 *     nn_mlp_fit(clf, X, y, &err);                  // X: n x features, y: n x 1 labels
 *     nn_mlp_predict(clf, X_new, labels, &err);     // labels: rows x 1
 *     nn_mlp_free(clf);
 *
 * Shapes. X is an nn_matrix of n_samples x n_features. y is n_samples x 1 for class
 * labels (any whole numbers: 0/1, -1/+1, 3/5/7) or a single regression target, and
 * n_samples x k for a multilabel 0/1 indicator matrix (classifier) or k regression
 * targets. An nn_matrix is a plain struct, so an array you already have can be used
 * in place: nn_matrix y = {n, 1, labels};
 *
 * The network. hidden_layer_sizes = (5, 2) means TWO hidden layers, of 5 and 2 units;
 * with 2 inputs and one output the layers are 2 -> 5 -> 2 -> 1 and coefs_ has the
 * shapes (2, 5), (5, 2), (2, 1). Hidden units use `activation`; the output layer is
 * chosen by the task: identity for regression (squared error), logistic for binary and
 * multilabel classification (binary log-loss), softmax for multi-class (log-loss).
 *
 * Errors are values (nn_status, message in nn_error), with scikit-learn's messages
 * where it has one: "The 'alpha' parameter of MLPClassifier must be a float in the
 * range [0, inf). Got -1 instead.", "Input X contains NaN.", "X has 3 features, but
 * MLPClassifier is expecting 2 features as input.", "Solver produced non-finite
 * parameter weights. ...". A fit that fails leaves the model unfitted. Warnings
 * (scikit-learn's ConvergenceWarning when max_iter is reached) go through nn_warn.
 * The library prints only verbose lines (to params.verbose_out, stdout by default) and,
 * on a terminal, a progress line on stderr during long fits.
 *
 * Memory: nn_mlp_fit allocates its buffers once, before the first epoch; the training
 * loop itself allocates nothing. Predictions write into matrices the caller owns.
 * An nn_mlp is not thread-safe; separate models are independent.
 */
#ifndef NN_MLP_H
#define NN_MLP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "activation.h"
#include "error.h"
#include "matrix.h"
#include "preprocess.h"
#include "solver.h"

/* ---- Parameters -------------------------------------------------------------------- */

#define NN_MLP_MAX_HIDDEN 32    /* the most hidden layers a network may have */
#define NN_MLP_BATCH_AUTO 0     /* batch_size='auto': min(200, n_samples) */
#define NN_MLP_RANDOM_NONE (-1) /* random_state=None: seeded from the OS */

typedef enum nn_mlp_kind { NN_MLP_CLASSIFIER, NN_MLP_REGRESSOR } nn_mlp_kind;

typedef enum nn_mlp_solver {
    NN_MLP_LBFGS, /* quasi-Newton on the whole data set (lbfgs.h) */
    NN_MLP_SGD,   /* mini-batch gradient descent with momentum (solver.h) */
    NN_MLP_ADAM   /* mini-batch adam (solver.h) */
} nn_mlp_solver;

typedef struct nn_mlp nn_mlp;

// [params]
/* Every scikit-learn parameter, same name and default (nn_mlp_defaults), then three C
 * extras. Enumerations replace scikit-learn's strings; hidden_layer_sizes is the first
 * n_hidden entries of a fixed array. */
typedef struct nn_mlp_params {
    size_t n_hidden;                              /* 1: one hidden layer */
    size_t hidden_layer_sizes[NN_MLP_MAX_HIDDEN]; /* (100,) */
    nn_activation activation;       /* NN_RELU (identity, logistic, tanh, relu) */
    nn_mlp_solver solver;           /* NN_MLP_ADAM */
    double alpha;                   /* 1e-4: L2 penalty strength */
    size_t batch_size;              /* NN_MLP_BATCH_AUTO */
    nn_learning_rate learning_rate; /* NN_LR_CONSTANT (sgd only) */
    double learning_rate_init;      /* 1e-3 (sgd, adam) */
    double power_t;                 /* 0.5 (sgd invscaling) */
    long max_iter;                  /* 200: epochs (sgd, adam) or iterations (lbfgs) */
    bool shuffle;                   /* true: reshuffle the samples every epoch */
    int64_t random_state;           /* NN_MLP_RANDOM_NONE, or a seed in [0, 2^32 - 1] */
    double tol;                     /* 1e-4 */
    int verbose;                    /* 0; > 0 prints "Iteration N, loss = X" lines
                                     * (sgd/adam: per epoch, with scikit-learn's stopping
                                     * messages; lbfgs: per L-BFGS iteration, then the
                                     * stopping reason) */
    bool warm_start;                /* false: fit starts from the last fit's weights */
    double momentum;                /* 0.9 (sgd) */
    bool nesterovs_momentum;        /* true (sgd) */
    bool early_stopping;            /* false: hold out a validation set and stop on it */
    double validation_fraction;     /* 0.1 */
    double beta_1, beta_2;          /* 0.9, 0.999 (adam) */
    double epsilon;                 /* 1e-8 (adam) */
    double n_iter_no_change;        /* 10: a whole number >= 1, or INFINITY */
    long max_fun;                   /* 15000 (lbfgs) */
    /* C extras (not scikit-learn parameters) */
    FILE *verbose_out;              /* where verbose lines go; NULL means stdout */
    bool progress;                  /* true: on a terminal, a self-erasing progress line
                                     * on stderr (epoch, loss, seconds) during long fits,
                                     * unless verbose is on */
    void (*on_iteration)(const nn_mlp *m, long iteration, double loss, void *context);
                                    /* NULL; else called after every epoch (sgd, adam)
                                     * or L-BFGS iteration, to watch the fit (below) */
    void *on_iteration_context;     /* handed to on_iteration */
} nn_mlp_params;
// [end params]

/* on_iteration watches a fit from outside and cannot steer it: it gets the model
 * read-only, the iteration (1, 2, ...) and the training loss just computed. During the
 * call the model answers as a fitted one with its current weights (nn_mlp_predict,
 * nn_mlp_loss_curve, nn_mlp_validation_scores...), so a program can draw the network
 * learning; the fit goes on afterwards exactly as it would have without the call. */

/* scikit-learn's defaults (hidden_layer_sizes (100,), relu, adam, alpha 1e-4, ...),
 * verbose_out NULL, progress true, on_iteration NULL. */
nn_mlp_params nn_mlp_defaults(void);

/* NN_OK if p is acceptable for an estimator of the given kind, else NN_ERR_ARG with
 * scikit-learn's message, e.g. "The 'momentum' parameter of MLPClassifier must be a
 * float in the range [0, 1]. Got 2 instead." */
nn_status nn_mlp_params_validate(const nn_mlp_params *p, nn_mlp_kind kind, nn_error *err);

/* Parses hidden_layer_sizes from text such as "100", "5,2" or "(5, 2)" into p.
 * NN_ERR_ARG for anything else, a size of 0, or more than NN_MLP_MAX_HIDDEN layers. */
nn_status nn_mlp_parse_hidden(const char *text, nn_mlp_params *p, nn_error *err);

/* scikit-learn's solver names "lbfgs", "sgd", "adam", and back (NN_ERR_ARG otherwise). */
const char *nn_mlp_solver_name(nn_mlp_solver s);
nn_status nn_mlp_solver_parse(const char *name, nn_mlp_solver *out, nn_error *err);

/* ---- Making, fitting, predicting ------------------------------------------------- */


/* A new, unfitted estimator with parameters p (NULL: the defaults). NULL and err set
 * for invalid parameters (NN_ERR_ARG) or no memory. */
nn_mlp *nn_mlp_new(nn_mlp_kind kind, const nn_mlp_params *p, nn_error *err);

/* Releases m; NULL is a no-op. */
void nn_mlp_free(nn_mlp *m);

/* The parameters (set_params: validated, then used by the next fit; the fitted state is
 * kept, so this is how warm_start or max_iter are changed between fits). */
const nn_mlp_params *nn_mlp_get_params(const nn_mlp *m);
nn_status nn_mlp_set_params(nn_mlp *m, const nn_mlp_params *p, nn_error *err);

/* Trains on X (n x features) and y (n x 1, or n x k; see the top of this file), from
 * freshly drawn weights unless warm_start is set and m is fitted. Runs max_iter epochs
 * at most (sgd, adam) or L-BFGS to convergence (lbfgs). */
nn_status nn_mlp_fit(nn_mlp *m, const nn_matrix *X, const nn_matrix *y, nn_error *err);

/* One epoch over X, y (sgd and adam only), keeping the optimiser's state between calls.
 * A classifier's first call must list every class it will ever see in classes
 * (n_classes values; for multilabel y, the column numbers 0..k-1); later calls pass
 * NULL, 0 or the same classes. A regressor passes NULL, 0. */
nn_status nn_mlp_partial_fit(nn_mlp *m, const nn_matrix *X, const nn_matrix *y,
                             const double *classes, size_t n_classes, nn_error *err);

/* The columns nn_mlp_predict writes: 1 (class labels, one regression target), the
 * number of labels (multilabel) or of targets (regression). 0 if unfitted. */
size_t nn_mlp_predict_cols(const nn_mlp *m);

/* out (X->rows x nn_mlp_predict_cols) = the predicted labels (classifier: classes_
 * values; multilabel: 0/1) or values (regressor). */
nn_status nn_mlp_predict(const nn_mlp *m, const nn_matrix *X, nn_matrix *out,
                         nn_error *err);

/* The columns nn_mlp_predict_proba writes: the number of classes (2 for binary), or
 * labels (multilabel). 0 if unfitted or a regressor. */
size_t nn_mlp_proba_cols(const nn_mlp *m);

/* Classifier: out (X->rows x nn_mlp_proba_cols) = P(class j | x), columns in the order
 * of classes_; binary gives [1 - p, p]. */
nn_status nn_mlp_predict_proba(const nn_mlp *m, const nn_matrix *X, nn_matrix *out,
                               nn_error *err);

/* Classifier: out = log(predict_proba(X)) element by element (-inf where p = 0). */
nn_status nn_mlp_predict_log_proba(const nn_mlp *m, const nn_matrix *X, nn_matrix *out,
                                   nn_error *err);

/* *score = accuracy (classifier: the fraction of rows predicted exactly right) or the
 * coefficient of determination R^2 = 1 - sum (y - p)^2 / sum (y - mean y)^2, averaged
 * over targets (regressor), of the predictions for X against y. */
nn_status nn_mlp_score(const nn_mlp *m, const nn_matrix *X, const nn_matrix *y,
                       double *score, nn_error *err);

/* ---- Fitted attributes (scikit-learn's names with the trailing _ dropped) ---------- */

bool nn_mlp_is_fitted(const nn_mlp *m);            /* fit or partial_fit succeeded */
nn_mlp_kind nn_mlp_kind_of(const nn_mlp *m);
const double *nn_mlp_classes(const nn_mlp *m, size_t *n); /* classes_ (NULL, 0 if none) */
double nn_mlp_loss(const nn_mlp *m);               /* loss_: of the last epoch / iterate */
double nn_mlp_best_loss(const nn_mlp *m);          /* best_loss_ (NaN: None) */
const double *nn_mlp_loss_curve(const nn_mlp *m, size_t *n);        /* loss_curve_ */
const double *nn_mlp_validation_scores(const nn_mlp *m, size_t *n); /* (n = 0: None) */
double nn_mlp_best_validation_score(const nn_mlp *m); /* best_validation_score_ (NaN) */
long nn_mlp_t(const nn_mlp *m);                    /* t_: samples seen by the solver */
long nn_mlp_n_iter(const nn_mlp *m);               /* n_iter_: epochs or iterations */
size_t nn_mlp_n_features_in(const nn_mlp *m);      /* n_features_in_ */
size_t nn_mlp_n_layers(const nn_mlp *m);           /* n_layers_: hidden + 2 */
size_t nn_mlp_n_outputs(const nn_mlp *m);          /* n_outputs_ */
nn_activation nn_mlp_out_activation(const nn_mlp *m); /* out_activation_ */

/* feature_names_in_: the names of the n_features_in columns the model was trained on
 * (a CSV header's), or NULL when none were given. scikit-learn takes them from a
 * DataFrame's columns during fit; here the caller hands them over after a fit. They are
 * saved with the model, so that new data can be checked against them (data.h:
 * nn_csv_options.feature_names), and a later fit that starts a new network forgets
 * them. NN_ERR_STATE if m is not fitted; NN_ERR_ARG unless n == n_features_in and every
 * name is 1 to NN_MLP_MAX_NAME bytes. names == NULL forgets them. */
#define NN_MLP_MAX_NAME 255
nn_status nn_mlp_set_feature_names(nn_mlp *m, const char *const *names, size_t n,
                                   nn_error *err);
const char *const *nn_mlp_feature_names(const nn_mlp *m); /* NULL if none */

/* coefs_[layer]: a (units[layer] x units[layer + 1]) view of the weights from layer to
 * layer + 1, for layer < n_layers - 1; NULL otherwise. Valid until the next fit. */
const nn_matrix *nn_mlp_coefs(const nn_mlp *m, size_t layer);

/* intercepts_[layer]: a 1 x units[layer + 1] view of the biases; NULL out of range. */
const nn_matrix *nn_mlp_intercepts(const nn_mlp *m, size_t layer);

/* All coefficients then all intercepts, each row by row, in one array (scikit-learn's
 * _pack order, as lbfgs sees them); *n gets the count. NULL if unfitted. */
const double *nn_mlp_packed(const nn_mlp *m, size_t *n);

/* ---- Saving and loading ------------------------------------------------------------ */

/* Writes m to path in the nn_mlp text format, version 2: a magic line "nn_mlp 2", one
 * "key value..." line per field, every double a C99 hex float ("%a", exact), and a last
 * line "checksum <16 hex digits>" with the FNV-1a 64 hash of every byte before it. The
 * file holds the parameters, the network, the feature names and the whole training
 * state: the record (n_iter, t, losses, loss curve, validation scores, no-improvement
 * count), early stopping's best weights, the optimiser (sgd's velocities or adam's
 * moments, its step count and current learning rate) and the generator that shuffles
 * the batches, so that training resumes after a load exactly where it stopped. The
 * file is written under a temporary name in the same directory and renamed into place,
 * so path is never left half-written.
 * NN_ERR_STATE if m is not fitted, NN_ERR_IO if the file cannot be written. */
nn_status nn_mlp_save(const nn_mlp *m, const char *path, nn_error *err);

/* Reads a model saved by nn_mlp_save; it predicts exactly as the saved one did, and
 * partial_fit (or fit with warm_start) goes on bit for bit as the saved model would
 * have: the same weights and loss curve as a run that was never interrupted.
 * NULL with err set: NN_ERR_IO (cannot read), NN_ERR_PARSE ("path:line: ..." for a
 * wrong magic, an unsupported version, a checksum mismatch, a truncated file, a bad or
 * inconsistent field). A version 1 file (which kept no training state) still loads,
 * with a warning through nn_warn for sgd and adam: a later partial_fit starts a new
 * optimiser from the loaded weights. */
nn_mlp *nn_mlp_load(const char *path, nn_error *err);

/* A fitted pipeline, make_pipeline(StandardScaler(), MLPClassifier(...)), in one file:
 * nn_mlp_save's file with one more section before "end", the scaler's n_samples_seen_,
 * mean_, var_ and scale_, under the same checksum and written in the same safe way.
 * What the pipeline predicts for new data X is m's prediction for (X - mean) / scale.
 * NN_ERR_STATE if m or the scaler is not fitted, NN_ERR_ARG if the scaler's number of
 * features is not m's n_features_in, NN_ERR_IO as nn_mlp_save. */
nn_status nn_mlp_save_pipeline(const nn_mlp *m, const nn_standard_scaler *scaler,
                               const char *path, nn_error *err);

/* Reads a file written by nn_mlp_save_pipeline: returns the network and fills *scaler
 * (a zeroed struct; free it with nn_standard_scaler_free) with the scaler to apply to
 * new data first. Fails as nn_mlp_load does, and with NN_ERR_PARSE when the file holds
 * a network without a scaler (load that with nn_mlp_load), or a scaler whose values
 * are not finite, whose variance is negative or whose scale is not positive; then
 * *scaler is left zeroed. nn_mlp_load refuses a pipeline file, whose network alone
 * would be fed unscaled data. */
nn_mlp *nn_mlp_load_pipeline(const char *path, nn_standard_scaler *scaler, nn_error *err);

#endif
