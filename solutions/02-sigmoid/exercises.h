/* Chapter 2 exercises: the sigmoid and its relatives. Each function lives in its own file. */
#ifndef EXERCISES_02_H
#define EXERCISES_02_H

#include <stddef.h>

/* 02-1: sigma(x) = 1 / (1 + e^-x) without overflow; 0 at -inf, 1 at +inf, NaN for NaN */
double stable_sigmoid(double x);

/* 02-2: sigma'(x) = y (1 - y), from the output y = sigma(x) */
double sigmoid_slope_from_output(double y);

/* 02-2: tanh'(x) = 1 - y^2, from the output y = tanh(x) */
double tanh_slope_from_output(double y);

/* 02-3: classes[i] = 1 if p[i] > threshold, else 0 (also for NaN); returns the number of 1s */
size_t classify_by_threshold(const double *p, size_t n, double threshold, int *classes);

/* 02-4: relu(x) = max(x, 0), with relu(-0.0) = +0.0 and relu(NaN) = NaN */
double relu(double x);

/* 02-4: relu'(x) from the output y = relu(x): 1 if y > 0, 0 if y == 0, NaN for NaN */
double relu_slope_from_output(double y);

/* 02-5: x[0..n-1] = softmax(x) in place, without overflow */
void softmax_in_place(double *x, size_t n);

#endif
