/* Exercise 07-6: from probabilities to a predicted class.
 * Graded by tests/exercises/07-mlp-classifier/6-predict.c: make grade EX=07-6
 *
 * predict_proba gives probabilities; predict gives classes. scikit-learn's
 * MLPClassifier.predict runs the network forward and hands its output layer to the label
 * binarizer's inverse_transform, which decides as follows:
 *
 *   - binary problems have ONE output, p = P(classes_[1]) (a logistic unit). The class
 *     is classes_[1] when p > 0.5 and classes_[0] otherwise - so exactly 0.5 goes to
 *     classes_[0]: the comparison is strict;
 *   - with K > 2 classes there are K outputs (a softmax). The class is the one with the
 *     largest output, np.argmax: on a tie, the first such column wins.
 *
 * The classes are whatever labels the training data had, sorted: 0 and 1, or -1 and 1,
 * or 3, 5 and 7. The network only ever sees column numbers; predict maps them back.
 *
 * Write sk_predict(output, classes, n_classes, labels): labels[i] is the predicted class
 * of row i of output. Requirements (the tests check each one):
 *   - one column: needs n_classes == 2; several columns: needs n_classes == cols; any
 *     other combination returns NN_ERR_SHAPE with labels untouched; otherwise NN_OK;
 *   - the threshold is strict (0.5 gives classes[0]) and ties go to the first column;
 *   - the labels are the given classes (any numbers), not column numbers;
 *   - on the outputs of fitted networks (binary and three-class), the same predictions
 *     as nn_mlp_predict.
 * Do not call nn_mlp_predict or nn_labels_inverse: this is it.
 */
#include "exercises.h"

nn_status sk_predict(const nn_matrix *output, const double *classes, size_t n_classes,
                     double *labels)
{
    size_t cols = output->cols;
    if (cols == 0 || n_classes != (cols == 1 ? 2 : cols))
        return NN_ERR_SHAPE;
    for (size_t i = 0; i < output->rows; i++) {
        const double *row = output->data + i * cols;
        if (cols == 1) {
            labels[i] = row[0] > 0.5 ? classes[1] : classes[0];
            continue;
        }
        size_t best = 0;
        for (size_t j = 1; j < cols; j++)
            if (row[j] > row[best]) /* strictly larger: the first maximum stays */
                best = j;
        labels[i] = classes[best];
    }
    return NN_OK;
}
