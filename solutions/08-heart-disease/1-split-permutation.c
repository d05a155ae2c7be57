/* Exercise 08-1: a train/test split, from a permutation.
 * Graded by tests/exercises/08-heart-disease/1-split-permutation.c: make grade EX=08-1
 *
 * A model is judged on samples it never saw during training. train_test_split picks
 * them at random: it shuffles the sample numbers 0 .. n-1 (a permutation, which
 * nn_rng_permutation draws exactly as numpy's permutation does) and cuts the shuffled
 * list in two. scikit-learn puts the FIRST n_test numbers in the test set:
 *
 *     n_test  = ceil(test_size * n)        (computed in double, then rounded up)
 *     n_train = n - n_test
 *     test    = perm[0], perm[1], ..., perm[n_test - 1]
 *     train   = perm[n_test], ..., perm[n - 1]
 *
 * For the 270 patients and test_size = 0.25: ceil(67.5) = 68 test, 202 train.
 *
 * Requirements (the tests check each one):
 *   - fill test[0 .. n_test) and train[0 .. n_train) in the order of perm, and set
 *     *n_test and *n_train; return NN_OK;
 *   - return NN_ERR_ARG, and write nothing, when test_size is not strictly between 0
 *     and 1, or when either part would be empty (n = 1, or a test_size so large that
 *     no sample is left to train on);
 *   - round exactly as scikit-learn does: ceil of the product as a double. (Careful:
 *     0.07 * 100 is 7.000000000000001 in double, so scikit-learn holds out 8 of 100
 *     samples for test_size=0.07, not 7.)
 * Do not call nn_train_test_split: this is it.
 */
#include <math.h>

#include "exercises.h"

nn_status split_from_permutation(const size_t *perm, size_t n, double test_size,
                                 size_t *train, size_t *n_train, size_t *test,
                                 size_t *n_test)
{
    if (!(test_size > 0.0 && test_size < 1.0))
        return NN_ERR_ARG;
    size_t tests = (size_t)ceil(test_size * (double)n);
    if (tests == 0 || tests >= n)
        return NN_ERR_ARG;
    for (size_t k = 0; k < tests; k++)
        test[k] = perm[k];
    for (size_t k = tests; k < n; k++)
        train[k - tests] = perm[k];
    *n_test = tests;
    *n_train = n - tests;
    return NN_OK;
}
