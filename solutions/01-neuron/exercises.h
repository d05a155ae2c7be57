/* Chapter 1 exercises: one neuron. Each function lives in its own file. */
#ifndef EXERCISES_01_H
#define EXERCISES_01_H

#include <stddef.h>

/* 01-1: z = w[0]*x[0] + ... + w[n-1]*x[n-1] + b */
double weighted_sum(const double *w, const double *x, size_t n, double b);

/* 01-2: 1.0 if z >= 0 (so step(0) = step(-0.0) = 1), else 0.0; NaN gives 0.0 */
double step(double z);

/* 01-3: weights and bias that make a two-input step neuron compute NAND */
void nand_weights(double w[2], double *b);

/* 01-4: one perceptron update; returns the error target - y */
double perceptron_update(double *w, double *b, const double *x, size_t n, double target,
                         double eta);

/* 01-5: where w1 x1 + w2 x2 + b = 0 meets the x1 axis (cross[0]) and the x2 axis
 * (cross[1]), NAN where it is parallel to one; returns 1 if the origin fires, else 0 */
int boundary_crossings(double w1, double w2, double b, double cross[2]);

#endif
