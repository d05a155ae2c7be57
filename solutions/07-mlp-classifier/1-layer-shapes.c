/* Exercise 07-1: what hidden_layer_sizes=(5, 2) builds.
 * Graded by tests/exercises/07-mlp-classifier/1-layer-shapes.c: make grade EX=07-1
 *
 * MLPClassifier(hidden_layer_sizes=(5, 2)) has TWO hidden layers: the first of 5
 * neurons, the second of 2. (It is not "5 layers of 2 neurons", nor "5 inputs and 2
 * outputs": the inputs and outputs are not listed; the data decide them.) With the
 * user guide's X (2 features) and y (two classes, so 1 logistic output), the layers
 * have 2, 5, 2 and 1 units, and between each pair of neighbouring layers lies one
 * weight matrix, coefs_[l], of shape (units of layer l, units of layer l + 1):
 *
 *     [coef.shape for coef in clf.coefs_]   ->   [(2, 5), (5, 2), (2, 1)]
 *
 * Each layer after the input also has one intercept (bias) per neuron,
 * intercepts_[l] of length units of layer l + 1. So that network has
 * 2*5 + 5*2 + 2*1 = 22 weights and 5 + 2 + 1 = 8 intercepts: 30 parameters.
 *
 * Write sk_coef_shapes(n_features, hidden, n_hidden, n_outputs, shapes): fill
 * shapes[l][0] and shapes[l][1] with the rows and columns of coefs_[l] for every
 * l = 0 .. n_hidden, and return the number of parameters (weights and intercepts).
 *
 * Requirements (the tests check each one):
 *   - the user guide's network: shapes (2, 5), (5, 2), (2, 1) and 30 parameters;
 *   - no hidden layer at all (n_hidden = 0, hidden may be NULL): one matrix
 *     (n_features, n_outputs) - a linear model;
 *   - the shapes and count agree with what nn_mlp builds (nn_mlp_coefs, nn_mlp_packed)
 *     for several networks, including scikit-learn's default hidden_layer_sizes=(100,);
 *   - exactly n_hidden + 1 pairs are written.
 */
#include "exercises.h"

size_t sk_coef_shapes(size_t n_features, const size_t *hidden, size_t n_hidden,
                      size_t n_outputs, size_t shapes[][2])
{
    size_t count = 0, in = n_features;
    for (size_t l = 0; l <= n_hidden; l++) {
        size_t out = l < n_hidden ? hidden[l] : n_outputs;
        shapes[l][0] = in;
        shapes[l][1] = out;
        count += in * out + out; /* the weights into layer l + 1, and its intercepts */
        in = out;
    }
    return count;
}
