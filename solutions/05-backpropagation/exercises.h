/* Chapter 5 exercises: backpropagation, one piece at a time. Each function lives in its
 * own file.
 *
 * Matrices are plain row-major arrays of doubles, as in lib/matrix: element (i, j) of an
 * r x c matrix M is M[i*c + j]. One sample per row: n is the number of samples. */
#ifndef EXERCISES_05_H
#define EXERCISES_05_H

#include <stddef.h>

/* 05-1: a sigmoid layer's forward pass, A = sigma(X W + b):
 * X n x in, W in x out, b 1 x out (added to every row), A n x out */
void bp_layer_forward(const double *X, const double *W, const double *b, size_t n,
                      size_t in, size_t out, double *A);

/* 05-2: the loss and the output delta of a sigmoid output neuron, n samples:
 * returns L = 1/(2n) sum_i (a[i] - y[i])^2, and delta[i] = dL/dz_i =
 * (a[i] - y[i]) a[i] (1 - a[i]) / n */
double bp_output_delta(const double *a, const double *y, size_t n, double *delta);

/* 05-3: a delta backpropagated through the weights W2 into a sigmoid layer:
 * D1 = (D2 W2^T) * A1 * (1 - A1) element by element;
 * D2 n x k, W2 h x k, A1 n x h, D1 n x h */
void bp_hidden_delta(const double *D2, const double *W2, const double *A1, size_t n,
                     size_t h, size_t k, double *D1);

/* 05-4: a layer's gradients and its gradient-descent update:
 * dW = A^T D (in x out), db = the column sums of D (1 x out), then W -= eta dW and
 * b -= eta db; A n x in is the layer's input, D n x out its delta */
void bp_layer_update(double *W, double *b, double *dW, double *db, const double *A,
                     const double *D, size_t n, size_t in, size_t out, double eta);

/* 05-5: a loss of m parameters p[0..m), as the numeric gradient sees it */
typedef double (*bp_loss_fn)(const double *p, size_t m, void *context);

/* 05-5: the numeric gradient by central differences:
 * g[i] = (f(p + h e_i) - f(p - h e_i)) / (2h), each p[i] restored exactly afterwards */
void bp_numeric_gradient(bp_loss_fn f, void *context, double *p, size_t m, double h,
                         double *g);

/* 05-6: a chain of n one-neuron sigmoid layers, a_0 = x, z_k = w[k] a_k + b[k],
 * a_{k+1} = sigma(z_k). Returns d a_n / d x = prod_k w[k] sigma'(z_k) (1 when n = 0),
 * and writes slope[k] = sigma'(z_k) for k < n */
double bp_chain_derivative(const double *w, const double *b, size_t n, double x,
                           double *slope);

#endif
