/* neuron.c - the artificial neuron of chapter 1, and the perceptron rule that trains it.
 *
 * The chapter reads this file from top to bottom: first the neuron's arithmetic (a
 * weighted sum and a step), then how it learns.
 */
#include "neuron.h"

// [weighted sum]
double nn_neuron_sum(const nn_neuron *neuron, const double *x)
{
    double z = neuron->bias;
    for (size_t i = 0; i < neuron->n_inputs; i++)
        z += neuron->weights[i] * x[i];
    return z;
}
// [end weighted sum]

// [step]
double nn_step(double z)
{
    /* Written as a comparison that NaN fails, so a broken input gives 0, not 1. */
    return z >= 0.0 ? 1.0 : 0.0;
}
// [end step]

double nn_neuron_predict(const nn_neuron *neuron, const double *x)
{
    return nn_step(nn_neuron_sum(neuron, x));
}

// [perceptron rule]
double nn_neuron_learn(nn_neuron *neuron, const double *x, double target, double eta)
{
    double error = target - nn_neuron_predict(neuron, x); /* -1, 0 or +1 */
    if (error != 0.0) {
        /* Move the boundary towards the misclassified point: each weight changes in
         * proportion to the input it multiplies, the bias as if its input were 1. */
        for (size_t i = 0; i < neuron->n_inputs; i++)
            neuron->weights[i] += eta * error * x[i];
        neuron->bias += eta * error;
    }
    return error;
}
// [end perceptron rule]

size_t nn_neuron_epoch(nn_neuron *neuron, const double *X, const double *targets, size_t n,
                       double eta)
{
    size_t mistakes = 0;
    for (size_t i = 0; i < n; i++)
        if (nn_neuron_learn(neuron, X + i * neuron->n_inputs, targets[i], eta) != 0.0)
            mistakes++;
    return mistakes;
}
