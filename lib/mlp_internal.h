/* mlp_internal.h - the inside of an nn_mlp, shared by the files that make it up. Not
 * part of the public API: use mlp.h. Chapter 7 introduces the model; its code is
 *
 *   mlp.c           the model's face: parameters, layout, checks, prediction, attributes
 *   mlp_backprop.c  the forward pass and backpropagation in plain C: the lesson
 *   mlp_fast.c      the same passes, vectorised and threaded: what fit and predict run
 *   mlp_train.c     fit and partial_fit: initialisation, epochs, the solvers, stopping
 *   mlp_file.c      the model file's format, and loading it
 *   mlp_save.c      saving it (a model alone, or a pipeline: a scaler, then the model)
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
    char **feature_names;                /* feature_names_in_: n_features_in names, or NULL */

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

/* ---- The model file: mlp_save.c writes it, mlp_file.c reads it ------------------------ */

#define NN_MLP_FORMAT_MAGIC "nn_mlp"
#define NN_MLP_FORMAT_VERSION 2
#define NN_MLP_FNV_OFFSET 0xcbf29ce484222325ULL

/* FNV-1a, 64 bits: h updated with the n bytes of data (start from NN_MLP_FNV_OFFSET).
 * The checksum on a model file's last line. */
uint64_t nn_mlp_internal_fnv1a(uint64_t h, const char *data, size_t n);

/* ---- From mlp.c: the layout, the checks, the scores -------------------------------- */

/* Sets the layout for layer_units units[0..n_layers) and allocates theta (zeroed) and
 * best_theta, with the coefs/intercepts views. Frees the old ones on success. */
nn_status nn_mlp_internal_layout(nn_mlp *m, const size_t *units, size_t n_layers,
                                 nn_error *err);

/* Ensures the loss curve (and validation scores) can hold `more` more values. */
nn_status nn_mlp_internal_reserve(nn_mlp *m, size_t more, bool validation, nn_error *err);

/* Frees feature_names_in_ (n_features_in names) and sets it to NULL. */
void nn_mlp_internal_forget_names(nn_mlp *m);

/* "MLPClassifier" or "MLPRegressor", for messages. */
const char *nn_mlp_internal_name(nn_mlp_kind kind);

/* _validate_data for X (and y when given): non-empty, consistent, finite; with reset
 * false, X must have the fitted number of features. */
nn_status nn_mlp_internal_check_xy(const nn_mlp *m, const nn_matrix *X, const nn_matrix *y,
                                   bool reset, nn_error *err);

/* NN_ERR_NUMERIC with numpy's message if a holds a NaN or an infinity. */
nn_status nn_mlp_internal_check_finite(const nn_matrix *a, const char *name, nn_error *err);

/* sklearn.metrics.r2_score averaged over the k targets (scratch: n k + 3 k doubles), and
 * accuracy_score (the fraction of rows whose every column is right). */
double nn_mlp_internal_r2_score(const double *y, const double *p, size_t n, size_t k,
                                double *scratch);
double nn_mlp_internal_accuracy(const double *y, const double *pred, size_t n, size_t cols);

/* ---- The passes' buffers (mlp.c) ------------------------------------------------------
 *
 * Shapes: B = rows in the batch, u_l = units in layer l (u_0 = features, u_{L-1} =
 * outputs), L = n_layers. A workspace holds, for batches of up to `rows` samples, every
 * layer's activations and deltas and the gradient. It is allocated once per fit (or per
 * thread of a prediction); the passes only write into it. */
typedef struct nn_mlp_workspace {
    size_t rows;
    double *act[NN_MLP_MAX_HIDDEN + 2];   /* act[l]: rows x u_l (act[0] is unused: the batch
                                             X is passed on its own) */
    double *delta[NN_MLP_MAX_HIDDEN + 1]; /* delta[l]: rows x u_{l+1}, layer l's dLoss/dz */
    double *grad;                         /* n_params, laid out like theta */
    double *xb, *yb;                      /* a gathered batch: rows x u_0, rows x outputs */
    double *block;                        /* the one allocation all of the above live in */
} nn_mlp_workspace;

/* Allocates ws for batches of up to rows samples: activations only, or with training
 * also the deltas, the gradient and room for a gathered batch. */
nn_status nn_mlp_workspace_alloc(nn_mlp_workspace *ws, const nn_mlp *m, size_t rows,
                                 bool training, nn_error *err);
void nn_mlp_workspace_free(nn_mlp_workspace *ws);

/* ---- The passes, plain (mlp_backprop.c) -------------------------------------------- */

/* _forward_pass: act[l+1] (B x u_{l+1}) = f_l(act[l] . W_l + b_l) for every layer, with
 * act[0] = x (B x u_0); the network's output lands in ws->act[L-1] (B x outputs). */
void nn_mlp_forward(const nn_mlp *m, const double *x, size_t B, nn_mlp_workspace *ws);

/* _backprop: the loss of the batch x (B x u_0) with targets y (B x outputs), L2 penalty
 * included, and its gradient with respect to every parameter into ws->grad. */
double nn_mlp_backprop(const nn_mlp *m, const double *x, const double *y, size_t B,
                       nn_mlp_workspace *ws);

/* ---- The same passes, fast (mlp_fast.c): the same doubles, bit for bit ------------- */

/* nn_mlp_forward for a batch on one thread (a prediction chunk, a validation set). */
void nn_mlp_fast_forward(const nn_mlp *m, const double *x, size_t B, nn_mlp_workspace *ws);

/* nn_mlp_backprop, the training step: a large batch goes forward on every thread. */
double nn_mlp_fast_backprop(const nn_mlp *m, const double *x, const double *y, size_t B,
                            nn_mlp_workspace *ws);

/* The network's outputs for the n rows of x (n x u_0) into a new array (n x outputs),
 * chunks of rows spread over the threads; NULL when out of memory. */
double *nn_mlp_fast_outputs(const nn_mlp *m, const double *x, size_t n, nn_error *err);

/* Rows idx[0..B) of src (rows of w doubles) into dst (B x w), in that order. */
void nn_mlp_fast_gather(double *dst, const double *src, size_t w, const size_t *idx,
                        size_t B);

#endif
