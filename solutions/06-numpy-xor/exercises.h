/* Chapter 6 exercises: the tutorial's numpy network in C. Each function lives in its own
 * file. nn_matrix and its functions come from the course library (lib/matrix.h): an
 * exercise may use any of them except the one it asks you to write. Shapes are written
 * (rows, cols), as numpy does. */
#ifndef EXERCISES_06_H
#define EXERCISES_06_H

#include <stdbool.h>
#include <stdint.h>

#include "matrix.h"

/* 06-1: out = a.T, out[j, i] = a[i, j]. out must have shape (a->cols, a->rows), else
 * NN_ERR_SHAPE with out untouched. */
nn_status np_transpose(nn_matrix *out, const nn_matrix *a);

/* 06-2: out = np.dot(a, b), out[i, j] = sum_k a[i, k] * b[k, j], added from 0.0 in
 * increasing k. a (n, p), b (p, m), out (n, m), else NN_ERR_SHAPE with out untouched. */
nn_status np_dot(nn_matrix *out, const nn_matrix *a, const nn_matrix *b);

/* 06-3: out = nonlin(x, deriv) element-wise: 1/(1+exp(-x)), or x*(1-x) when deriv.
 * out has x's shape (else NN_ERR_SHAPE) and may be x itself. */
nn_status np_nonlin(nn_matrix *out, const nn_matrix *x, bool deriv);

/* 06-4: one iteration of the tutorial's hidden-layer loop on X (n, d) and y (n, 1):
 * updates syn0 (d, h) and syn1 (h, 1) in place and returns np.mean(np.abs(l2_error)),
 * measured before the update; NAN (nothing updated) if memory runs out. */
double np_train_step(const nn_matrix *X, const nn_matrix *y, nn_matrix *syn0,
                     nn_matrix *syn1);

/* 06-5: the tutorial's part 1, whole: np.random.seed(seed), syn0 = 2*random((3,1)) - 1,
 * then `iterations` iterations on its X and y = [0,0,1,1]. Fills l1 (4, 1) with the last
 * output and syn0 (3, 1) with the trained weights. NN_ERR_SHAPE for other shapes,
 * NN_ERR_ARG for iterations < 1. */
nn_status np_single_layer(uint32_t seed, long iterations, nn_matrix *l1, nn_matrix *syn0);

#endif
