/* Exercise 05-6: the product of slopes along a chain.
 * Graded by tests/exercises/05-backpropagation/6-chain-slope.c: make grade EX=05-6
 *
 * The thinnest deep network: n layers of one sigmoid neuron each, every neuron feeding
 * the next. The input x goes in at the bottom; neuron k has the weight w[k] and the
 * bias b[k]:
 *
 *     a_0 = x,   z_k = w[k] a_k + b[k],   a_{k+1} = sigma(z_k)   for k = 0, ..., n-1
 *
 * Return d a_n / d x, how much the top output moves per unit of the input. By the chain
 * rule it is one factor per layer, the weight times the neuron's slope:
 *
 *     d a_n / d x = w[n-1] sigma'(z_{n-1}) ... w[1] sigma'(z_1) w[0] sigma'(z_0)
 *
 * where sigma'(z) = sigma(z) (1 - sigma(z)), which is never above 1/4. With no layers
 * (n = 0) the output is x itself, and the derivative is 1. Also write each layer's slope
 * sigma'(z_k) into slope[k], for k = 0, ..., n-1.
 *
 * The chapter's deep network fades the same way: with the weights no larger than 1 in
 * size, ten layers leave a derivative below 4^-10, less than a millionth. You may use
 * nn_sigmoid from lib/activation.h (#include "activation.h"), or the formula.
 */
#include "exercises.h"

double bp_chain_derivative(const double *w, const double *b, size_t n, double x,
                           double *slope)
{
    /* TODO: go up the chain, keep each slope, and return the product of the factors. */
    return 0.0;
}
