/* figures.h - the program's figures (figures.c): part 2's loss of each solver during
 * training and each trained network's probability of class 1 over the plane; part 3's
 * misread digits; part 4's weights per batch size. */
#ifndef CH07_FIGURES_H
#define CH07_FIGURES_H

#include "alpha.h"
#include "digits.h"
#include "part2.h"

/* The part of the plane the surface figure shows: the data's box, widened by half a
 * unit on every side (as scikit-learn's plotting examples do). */
typedef struct surface_box {
    double x_low, x_high, y_low, y_high;
} surface_box;

/* The box around the points of X (n x 2). */
surface_box surface_box_around(const nn_matrix *X);

/* P(class 1) at every point of a lattice over b, from the fitted clf. *surface gets a
 * new array to free with nn_alloc_free. */
nn_status surface_probabilities(const nn_mlp *clf, const surface_box *b, double **surface,
                                nn_error *err);

/* The training loss of every result against the iteration or epoch. */
nn_status draw_losses(nn_plot_mode mode, const char *out, const fit_result *results,
                      size_t n_results, nn_error *err);

/* One panel per result: its surface, its decision boundary, the training points. */
nn_status draw_surfaces(nn_plot_mode mode, const char *out, const nn_matrix *X_train,
                        const nn_matrix *y_train, const surface_box *b,
                        const fit_result *results, size_t n_results, nn_error *err);

/* Part 3: every test digit the network got wrong, as an 8 x 8 picture titled with its
 * true class and the predicted one. */
nn_status draw_misread(nn_plot_mode mode, const char *out, const digits_result *r,
                       nn_error *err);

/* Part 4: the sum of the squared weights against the batch size, for sgd and adam with
 * alpha and for lbfgs with alpha * N / B. */
nn_status draw_alpha(nn_plot_mode mode, const char *out, const alpha_result *r,
                     nn_error *err);

#endif
