/* Exercise 06-5: the tutorial's first network, from seed to trained output.
 * Graded by tests/exercises/06-numpy-xor/5-single-layer.c: make grade EX=06-5
 *
 * The whole of the tutorial's part 1, in C:
 *
 *     X = np.array([[0,0,1],[0,1,1],[1,0,1],[1,1,1]])
 *     y = np.array([[0,0,1,1]]).T
 *     np.random.seed(seed)
 *     syn0 = 2*np.random.random((3,1)) - 1
 *     for iter in range(iterations):
 *         l0 = X
 *         l1 = nonlin(np.dot(l0,syn0))
 *         l1_error = y - l1
 *         l1_delta = l1_error * nonlin(l1,True)
 *         syn0 += np.dot(l0.T,l1_delta)
 *
 * with nonlin(x) = 1/(1+exp(-x)) and nonlin(x, True) = x*(1-x). The random numbers come
 * from the library's nn_rng (lib/random.h), which is numpy's generator bit for bit:
 * nn_rng_seed, given a generator and the seed, is np.random.seed(seed), and each
 * nn_rng_random is one np.random.random() draw. When the loop ends, copy the last l1 (computed before the
 * last update, so it is the output the network gave in its last iteration) into l1,
 * and the trained syn0 into syn0.
 *
 * With seed 1 and 10000 iterations, nn_matrix_print(stdout, l1) must show the
 * tutorial's
 *
 *     array([[0.00966449],
 *            [0.00786506],
 *            [0.99358898],
 *            [0.99211957]])
 *
 * Requirements (the tests check each one):
 *   - l1 must have shape (4, 1) and syn0 (3, 1), else NN_ERR_SHAPE; iterations < 1 is
 *     NN_ERR_ARG (the Python would have no l1 to show). Nothing is written then;
 *   - otherwise return NN_OK with l1 and syn0 equal to numpy's, bit for bit, for any
 *     seed and any number of iterations;
 *   - the same seed always gives the same result (seed inside the function).
 * Any function of the library may help (nn_matrix_matmul, nn_matrix_apply, ...), or
 * plain loops over arrays of 4 and 3 doubles.
 */
#include <math.h>

#include "exercises.h"
#include "random.h"

nn_status np_single_layer(uint32_t seed, long iterations, nn_matrix *l1, nn_matrix *syn0)
{
    /* TODO: check the arguments, seed an nn_rng, draw syn0, and run the loop. */
    return NN_OK;
}
