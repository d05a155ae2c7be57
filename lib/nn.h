/* nn.h - the course library in one header.
 *
 *     #include "nn.h"        compile with -Ilib, link build/libnn.a -lm
 *
 * Each module belongs to the chapter that introduces it:
 *   error, alloc   how failures are reported; the one door to the heap
 *   cli, plot      flags and gnuplot figures for the chapter programs
 *   neuron         ch1: weighted sum, step, the perceptron rule
 *   activation     ch2: identity, logistic, tanh, relu, softmax and their derivatives
 *   random         ch3: numpy's legacy RandomState, bit for bit
 *   optim          ch4: gradient-descent step, learning-rate schedule, minimisation loop
 *   matrix         ch5: row-major doubles with numpy-like operations and printing
 */
#ifndef NN_H
#define NN_H

#include "error.h"
#include "alloc.h"
#include "cli.h"
#include "plot.h"
#include "neuron.h"
#include "activation.h"
#include "random.h"
#include "optim.h"
#include "matrix.h"

#endif
