/* predict.h - chapter 8's pipeline kept in a file: --save-model writes the scaler and the
 * network that the recipe fitted on the training patients, and --predict applies a saved
 * pipeline to a file of new patients. predict.c holds the code. */
#ifndef CH08_PREDICT_H
#define CH08_PREDICT_H

#include "heart.h"

/* What the pipeline flags ask for. */
typedef struct predict_options {
    const char *save_model;  /* --save-model: where to save the fitted pipeline */
    const char *predict;     /* --predict: new samples, features only */
    const char *model;       /* --model: the pipeline to predict with */
    const char *predictions; /* --predictions: the CSV's file; NULL: standard output */
} predict_options;

#define PREDICT_DEFAULTS {NULL, NULL, NULL, NULL}

/* The four pipeline flags, for the program's nn_flag table (as DATA_FLAGS). */
#define PREDICT_FLAGS(opt)                                                                 \
    NN_FLAG_TEXT("save-model", &(opt)->save_model,                                         \
                 "save the scaler and the network fitted on the training patients"),       \
        NN_FLAG_TEXT("predict", &(opt)->predict,                                           \
                     "instead of training, predict for these new samples (features only)"), \
        NN_FLAG_TEXT("model", &(opt)->model, "with --predict: the file --save-model wrote"), \
        NN_FLAG_TEXT("predictions", &(opt)->predictions,                                   \
                     "with --predict: write the CSV to this file (default: standard output)")

/* Returns NULL, or the flag to refuse with its reason in err: --predict needs --model,
 * --model and --predictions need --predict, and --save-model trains, which --predict
 * does not. */
const char *predict_check_flags(const predict_options *o, nn_error *err);

/* Saves the held-out test's scaler and network (h, fitted on pb's training samples) to
 * path as one pipeline file, with the names of pb's features when it has them. Prints
 * a line saying so. */
nn_status save_pipeline(const problem *pb, holdout *h, const char *path, nn_error *err);

/* --predict: loads the pipeline and the new file, checks that they fit each other, and
 * writes each sample's predicted class and class probabilities as CSV. */
nn_status predict_new(const predict_options *o, nn_error *err);

#endif
