/* activation_slopes.h - one element of the backward pass through a hidden activation,
 * for the library's own loops (not part of nn.h).
 *
 * Chapter 7 introduces it, for the MLP's backward pass; chapter 2 teaches the slopes.
 *
 * delta times the activation's slope, written with the activation's OUTPUT z, grouped as
 * scikit-learn groups it (delta *= Z; delta *= 1 - Z is (delta Z)(1 - Z)), for the same
 * bits. Adding 0.0 turns a -0.0 (a negative delta times a zero slope) into +0.0 and
 * changes nothing else. nn_activation_derivative (activation.c) applies them to a whole
 * matrix; the training step (mlp_fast.c) applies them in the pass that also sums the
 * deltas. Inline, so that both loops vectorise. */
#ifndef NN_ACTIVATION_SLOPES_H
#define NN_ACTIVATION_SLOPES_H

static inline double nn_logistic_delta(double delta, double z)
{
    return delta * z * (1.0 - z) + 0.0;
}

/* scikit-learn's 1 - Z**2, not the more accurate (1 - z)(1 + z) of
 * nn_tanh_derivative_from_output: here the same bits matter more. */
static inline double nn_tanh_delta(double delta, double z)
{
    return delta * (1.0 - z * z) + 0.0;
}

/* A select, not a branch: whether z is 0 is a coin toss the processor cannot predict,
 * and a select lets the compiler use vectors. */
static inline double nn_relu_delta(double delta, double z)
{
    return z == 0.0 ? 0.0 : delta;
}

#endif
