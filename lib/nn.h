/* nn.h - the course library in one header.
 *
 *     #include "nn.h"        compile with -Ilib, link build/libnn.a -lm -pthread
 *
 * Each module belongs to the chapter that introduces it (chapter 1 to chapter 8):
 *   error, alloc   ch1 on: how failures are reported; the one door to the heap
 *   cli, plot      ch1 on: flags and gnuplot figures for the chapter programs
 *   neuron         ch1: weighted sum, step, the perceptron rule
 *   activation     ch2: identity, logistic, tanh, relu, softmax and their derivatives
 *   random         ch3: numpy's legacy RandomState, bit for bit
 *   optim          ch4: gradient-descent step, learning-rate schedule, minimisation loop
 *   matrix         ch5: row-major doubles with numpy-like operations
 *   numpy_print    ch5: arrays and numbers printed exactly as numpy and Python print them
 *   gradcheck      ch5: finite-difference gradient checking
 *   loss, labels   ch7: scikit-learn's losses; class labels to indicator columns
 *   solver, lbfgs  ch7: sgd (momentum, Nesterov), adam, and L-BFGS
 *   mlp, progress  ch7: the scikit-learn-exact MLPClassifier / MLPRegressor
 *   data, preprocess, model_selection, metrics
 *                  ch8: CSV and LIBSVM loading, scalers, splits, scores
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
#include "numpy_print.h"
#include "gemm.h"
#include "gradcheck.h"
#include "live_curve.h"
#include "loss.h"
#include "labels.h"
#include "solver.h"
#include "lbfgs.h"
#include "progress.h"
#include "mlp.h"
#include "data.h"
#include "preprocess.h"
#include "model_selection.h"
#include "metrics.h"
#include "datasets.h"

#endif
