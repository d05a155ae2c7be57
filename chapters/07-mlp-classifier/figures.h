/* figures.h - part 2's two figures (figures.c): the loss of each solver during
 * training, and each trained network's probability of class 1 over the plane. */
#ifndef CH07_FIGURES_H
#define CH07_FIGURES_H

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

#endif
