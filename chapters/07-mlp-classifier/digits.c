/* digits.c - part 3: more than two classes. A network learns to read handwritten digits,
 * 8 x 8 pixels each, ten classes, with a softmax output layer, exactly as scikit-learn's
 * MLPClassifier does on its copy of the same data:
 *
 *     X, y = load_digits(return_X_y=True)
 *     X = X / 16
 *     X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
 *     clf = MLPClassifier(hidden_layer_sizes=(64,), learning_rate_init=0.01,
 *                         random_state=0).fit(X_train, y_train)
 *
 * then the accuracy and the confusion matrix on the test digits. report.c prints the
 * result and figures.c draws the digits the network got wrong. */
#include "digits.h"

// [digits data]
/* load_digits: 1797 rows of 64 pixels (0 .. 16, row by row of the 8 x 8 image) and the
 * digit, no header. X / 16 puts every pixel in [0, 1]: all 64 features are the same
 * kind of number on the same scale already, so one fixed factor is all the scaling they
 * need, and a blank pixel stays 0. (16 is a power of two: the division is exact.) */
static nn_status load(digits_result *r, nn_error *err)
{
    nn_csv_options csv = nn_csv_defaults();
    csv.header = 0; /* the last column, the default target, is the digit */
    r->data = nn_data_load_csv(DIGITS_DATA, &csv, err);
    NN_TRY(nn_made(r->data, err));
    nn_matrix *X = r->data->X;
    for (size_t k = 0; k < X->rows * X->cols; k++)
        X->data[k] /= 16.0;
    return NN_OK;
}
// [end digits data]

// [digits fit]
/* train_test_split(X, y, random_state=0): a quarter of the digits, drawn at random, to
 * test; then the classifier, fitted on the rest, and its predictions for the test set. */
static nn_status fit_and_predict(digits_result *r, nn_error *err)
{
    const nn_matrix *X = r->data->X;
    size_t n = X->rows;
    nn_rng rng;
    nn_rng_seed(&rng, DIGITS_SEED);
    nn_train_test_options opt = {.test_size = 0.25, .rng = &rng};
    NN_TRY(nn_train_test_split(n, &opt, &r->split, err));

    nn_status status = NN_OK;
    nn_mlp *clf = NULL;
    nn_matrix *X_train = nn_data_take_rows(X, r->split.train, r->split.n_train, err);
    double *y_train = nn_data_take(r->data->y, n, r->split.train, r->split.n_train, err);
    NN_TRY_CLEANUP(nn_made(X_train, err));
    NN_TRY_CLEANUP(nn_made(y_train, err));
    NN_TRY_CLEANUP(nn_made(r->X_test = nn_data_take_rows(X, r->split.test, r->split.n_test,
                                                         err), err));
    NN_TRY_CLEANUP(nn_made(r->y_test = nn_data_take(r->data->y, n, r->split.test,
                                                    r->split.n_test, err), err));

    /* Ten classes in y: the output layer gets ten neurons and a softmax, by itself. */
    nn_mlp_params p = nn_mlp_defaults();
    p.hidden_layer_sizes[0] = DIGITS_HIDDEN;
    p.learning_rate_init = DIGITS_LEARNING_RATE;
    p.random_state = DIGITS_SEED;
    NN_TRY_CLEANUP(nn_made(clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, err), err));
    nn_matrix y = {r->split.n_train, 1, y_train};
    NN_TRY_CLEANUP(nn_mlp_fit(clf, X_train, &y, err));

    /* y_pred = clf.predict(X_test): the class of the largest probability */
    size_t n_test = r->split.n_test;
    NN_TRY_CLEANUP(nn_made(r->y_pred = nn_alloc(n_test, sizeof(double), "y_pred", err), err));
    nn_matrix pred = {n_test, 1, r->y_pred};
    NN_TRY_CLEANUP(nn_mlp_predict(clf, r->X_test, &pred, err));
    r->n_iter = nn_mlp_n_iter(clf);
    r->loss = nn_mlp_loss(clf);
    r->n_layers = nn_mlp_n_layers(clf);
    r->n_outputs = nn_mlp_n_outputs(clf);
    r->out_activation = nn_mlp_out_activation(clf);
cleanup:
    nn_mlp_free(clf);
    nn_matrix_free(X_train);
    nn_alloc_free(y_train);
    return status;
}
// [end digits fit]

// [digits score]
/* accuracy_score(y_test, y_pred) and confusion_matrix(y_test, y_pred): entry (i, j)
 * counts the test digits of class i that the network called j, so the right answers
 * fill the diagonal and every other entry is a kind of mistake. */
static nn_status evaluate(digits_result *r, nn_error *err)
{
    size_t n_test = r->split.n_test;
    NN_TRY(nn_metrics_accuracy(r->y_test, r->y_pred, n_test, &r->score, err));
    return nn_metrics_confusion_matrix(r->y_test, r->y_pred, n_test, &r->confusion, err);
}
// [end digits score]

nn_status digits_run(digits_result *r, nn_error *err)
{
    *r = (digits_result){0};
    NN_TRY(load(r, err));
    NN_TRY(fit_and_predict(r, err));
    return evaluate(r, err);
}

void digits_free(digits_result *r)
{
    nn_dataset_free(r->data);
    nn_train_test_free(&r->split);
    nn_matrix_free(r->X_test);
    nn_alloc_free(r->y_test);
    nn_alloc_free(r->y_pred);
    nn_confusion_free(&r->confusion);
    *r = (digits_result){0};
}
