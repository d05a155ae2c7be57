/* neuron.h - one artificial neuron: a weighted sum, a bias and a step (chapter 1).
 *
 * A neuron with n inputs holds n weights w_i and a bias b. Given inputs x it computes
 *
 *     z = w_1 x_1 + ... + w_n x_n + b          (the weighted sum, or pre-activation)
 *     y = step(z) = 1 if z >= 0, else 0        (the threshold activation)
 *
 * and learns from labelled examples with the perceptron rule (Rosenblatt, 1958).
 * The weights live in an array the caller owns; the neuron only points at it.
 */
#ifndef NN_NEURON_H
#define NN_NEURON_H

#include <stddef.h>

// [neuron]
typedef struct nn_neuron {
    size_t n_inputs;
    double *weights; /* n_inputs values, owned by the caller */
    double bias;
} nn_neuron;

/* z = sum_i w_i x_i + b */
double nn_neuron_sum(const nn_neuron *neuron, const double *x);

/* step(z) = 1 if z >= 0, else 0 (so step(0) = 1, and step(NaN) = 0). */
double nn_step(double z);

/* y = step(sum(x)): the neuron's 0/1 answer for input x. */
double nn_neuron_predict(const nn_neuron *neuron, const double *x);
// [end neuron]

/* The perceptron rule for one example (x, target):
 *     y = predict(x);  e = target - y;  w_i += eta * e * x_i;  b += eta * e
 * Returns e (0 when the neuron was already right, and nothing changes). */
double nn_neuron_learn(nn_neuron *neuron, const double *x, double target, double eta);

/* One epoch: nn_neuron_learn on each of the n examples in order (row i of X is
 * X[i*n_inputs ...]). Returns how many examples the neuron got wrong on the way. */
size_t nn_neuron_epoch(nn_neuron *neuron, const double *X, const double *targets, size_t n,
                       double eta);

#endif
