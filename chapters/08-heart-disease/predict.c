/* predict.c - the fitted pipeline, kept and used again: chapter 8's answer to "and now a
 * new patient walks in".
 *
 * A model is only useful if it outlives the program that trained it. --save-model
 * writes what the recipe fitted on the training patients, the scaler's means and
 * standard deviations as well as the network, into one file (lib/mlp.h:
 * nn_mlp_save_pipeline, scikit-learn's joblib.dump of make_pipeline(scaler, clf)).
 * --predict reads it back and applies it to a file of new patients, features only,
 * in the order the pipeline runs: check the file against what the model was trained
 * on, scale with the training patients' numbers, then predict. The answers are
 * written as CSV: each patient's predicted class and the probability of each class.
 *
 *     build/bin/08-heart-disease --save-model heart.nnmlp
 *     build/bin/08-heart-disease --predict data/new-patients.csv --model heart.nnmlp
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "predict.h"

/* The short names of the 13 Statlog (Heart) attributes, in file order (data/README.md
 * describes each), which data/heart_scale itself does not carry. */
static const char *const HEART_NAMES[] = {"age",     "sex",   "cp",      "trestbps", "chol",
                                          "fbs",     "restecg", "thalach", "exang",
                                          "oldpeak", "slope", "ca",      "thal"};

/* The names of pb's features: a CSV header's, the heart attributes' for the shipped
 * data, or NULL when they are unknown (a LIBSVM file of your own). */
static const char *const *feature_names(const problem *pb)
{
    if (pb->ds->feature_names)
        return (const char *const *)pb->ds->feature_names;
    if (pb->heart && pb->ds->X->cols == NN_COUNT(HEART_NAMES))
        return HEART_NAMES;
    return NULL;
}

// [save]
/* joblib.dump(make_pipeline(scaler, clf), path): the scaler fitted on the training
 * patients and the network trained on them, with the names of the columns they saw
 * (clf.feature_names_in_), so that a file of new patients can be checked against them. */
nn_status save_pipeline(const problem *pb, holdout *h, const char *path, nn_error *err)
{
    const char *const *names = feature_names(pb);
    if (names)
        NN_TRY(nn_mlp_set_feature_names(h->clf, names, pb->ds->X->cols, err));
    NN_TRY(nn_mlp_save_pipeline(h->clf, &h->scaler, path, err));
    printf("Saved the scaler and the network fitted on the %zu training %s, as one\n"
           "pipeline, to %s.\n\n", h->split.n_train, pb->unit, path);
    return NN_OK;
}
// [end save]

/* What --predict makes, freed by predicted_free. */
typedef struct predicted {
    nn_mlp *clf;                /* the network */
    nn_standard_scaler scaler;  /* the scaler that comes before it */
    nn_dataset *ds;             /* the new samples: X is m x d, scaled in place */
    nn_matrix_group *answers;   /* the next two matrices */
    nn_matrix *pred;            /* m x 1: the predicted class */
    nn_matrix *proba;           /* m x k: the probability of each of the k classes */
} predicted;

static void predicted_free(predicted *p)
{
    nn_matrix_group_free(p->answers);
    nn_dataset_free(p->ds);
    nn_standard_scaler_free(&p->scaler);
    nn_mlp_free(p->clf);
    memset(p, 0, sizeof *p);
}

static bool is_csv(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && path[n - 4] == '.' && (path[n - 3] | 0x20) == 'c' &&
           (path[n - 2] | 0x20) == 's' && (path[n - 1] | 0x20) == 'v';
}

// [new data]
/* The new file, read as the model expects it: features only (no target column, no
 * label), exactly as many as the network has inputs, and, in a CSV header, the names it
 * was trained with, in the same order. A file that does not fit is an error that says
 * where: "new.csv:1:1: the header names 12 features, but 13 are expected". */
static nn_dataset *load_new(const char *path, const nn_mlp *clf, nn_error *err)
{
    size_t d = nn_mlp_n_features_in(clf);
    if (!is_csv(path)) {
        nn_libsvm_options libsvm = {.n_features = d, .features_only = 1};
        return nn_data_load_libsvm(path, &libsvm, err);
    }
    nn_csv_options csv = nn_csv_defaults(); /* a header row, values separated by commas */
    csv.features_only = 1;
    csv.n_features = d;
    csv.feature_names = nn_mlp_feature_names(clf); /* NULL: nothing to compare */
    return nn_data_load_csv(path, &csv, err);
}
// [end new data]

/* This program predicts one class per sample, with its probabilities. */
static nn_status check_classifier(const nn_mlp *clf, const char *path, nn_error *err)
{
    if (nn_mlp_kind_of(clf) != NN_MLP_CLASSIFIER || nn_mlp_predict_cols(clf) != 1)
        return nn_error_set(err, NN_ERR_ARG, "%s: the network in this pipeline is not a "
                            "classifier of one class per sample, which is what this program "
                            "predicts", path);
    return NN_OK;
}

// [predict new]
/* pipeline = joblib.load(model)
 * pipeline.predict(X_new), pipeline.predict_proba(X_new)
 * The pipeline's first step scales the new samples with the training patients' means
 * and standard deviations (never their own); the network then sees them exactly as it
 * saw the patients it learned from. */
static nn_status predict_file(const predict_options *o, predicted *p, nn_error *err)
{
    NN_TRY(nn_made(p->clf = nn_mlp_load_pipeline(o->model, &p->scaler, err), err));
    NN_TRY(check_classifier(p->clf, o->model, err));
    NN_TRY(nn_made(p->ds = load_new(o->predict, p->clf, err), err));
    nn_matrix *X = p->ds->X; /* m x d */
    NN_TRY(nn_standard_scaler_transform(&p->scaler, X, X, err));
    size_t m = X->rows, k = nn_mlp_proba_cols(p->clf);
    const nn_matrix_spec answers[] = {{&p->pred, m, 1, NULL}, {&p->proba, m, k, NULL}};
    NN_TRY(nn_made(p->answers = nn_matrix_group_new(answers, NN_COUNT(answers), err), err));
    NN_TRY(nn_mlp_predict(p->clf, X, p->pred, err));
    NN_TRY(nn_mlp_predict_proba(p->clf, X, p->proba, err));
    return NN_OK;
}
// [end predict new]

/* The answers as CSV: a header row, then one row per sample, its predicted class and
 * the probability of each class, in the order of classes_, written with the shortest
 * digits that read back as the same double (Python's str()). */
static void write_csv(FILE *f, const predicted *p)
{
    size_t k = p->proba->cols, n_classes;
    const double *classes = nn_mlp_classes(p->clf, &n_classes);
    fprintf(f, "prediction");
    for (size_t c = 0; c < k; c++)
        fprintf(f, ",probability_%g", c < n_classes ? classes[c] : (double)c);
    fprintf(f, "\n");
    for (size_t i = 0; i < p->pred->rows; i++) {
        fprintf(f, "%g", p->pred->data[i]);
        for (size_t c = 0; c < k; c++) {
            char digits[NN_PYTHON_FLOAT_MAX];
            nn_python_float_str(p->proba->data[i * k + c], digits);
            fprintf(f, ",%s", digits);
        }
        fprintf(f, "\n");
    }
}

/* Writes the CSV to standard output, or to path and a line saying so. */
static nn_status write_predictions(const predicted *p, const char *path, nn_error *err)
{
    if (!path) {
        write_csv(stdout, p);
        return NN_OK;
    }
    FILE *f = fopen(path, "w");
    if (!f)
        return nn_error_at(err, NN_ERR_IO, path, 0, 0, "cannot write the predictions: %s",
                           strerror(errno));
    write_csv(f, p);
    bool failed = ferror(f) != 0;
    if (fclose(f) != 0 || failed) {
        remove(path);
        return nn_error_at(err, NN_ERR_IO, path, 0, 0, "cannot write the predictions");
    }
    printf("Wrote the predictions for %zu samples to %s.\n", p->pred->rows, path);
    return NN_OK;
}

nn_status predict_new(const predict_options *o, nn_error *err)
{
    predicted p = {0};
    nn_status status = predict_file(o, &p, err);
    if (status == NN_OK)
        status = write_predictions(&p, o->predictions, err);
    predicted_free(&p);
    return status;
}

const char *predict_check_flags(const predict_options *o, nn_error *err)
{
    if (o->predict && !o->model) {
        nn_error_set(err, NN_ERR_ARG, "needs --model FILE, a pipeline that --save-model "
                                      "wrote");
        return "--predict";
    }
    if (o->predict && o->save_model) {
        nn_error_set(err, NN_ERR_ARG, "cannot go with --predict, which uses a saved "
                                      "pipeline and trains nothing");
        return "--save-model";
    }
    if (!o->predict && (o->model || o->predictions)) {
        nn_error_set(err, NN_ERR_ARG, "only goes with --predict FILE, the new samples to "
                                      "predict for");
        return o->model ? "--model" : "--predictions";
    }
    return NULL;
}
