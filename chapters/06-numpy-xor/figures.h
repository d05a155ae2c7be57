/* figures.h - chapter 6's two figures (figures.c): the mean absolute error of both
 * networks against the iteration, and the trained XOR network's output over the plane.
 * main.c records the curves while it trains and computes the output on a grid.
 */
#ifndef CH06_FIGURES_H
#define CH06_FIGURES_H

#include "nn.h"

/* The error curve: the mean absolute error at iterations 1, 2, 3, ... thinned to about
 * 40 points per decade, since the figure's axes are logarithmic. (Iteration j's error
 * is measured after j updates; iteration 0 has no place on a log axis.) */
#define CURVE_MAX 512

typedef struct curve {
    size_t n;
    long next; /* the next iteration to keep */
    double iteration[CURVE_MAX], error[CURVE_MAX];
} curve;

/* Keeps iteration j's error if the thinning asks for it; last, the final iteration, is
 * always kept. */
void curve_add(curve *c, long j, double error, long last);

/* The trained network's output at the points of a GRID x GRID lattice over
 * [SURFACE_LOW, SURFACE_HIGH]^2, row by row in x2. */
#define GRID 81
#define SURFACE_LOW (-0.5)
#define SURFACE_HIGH 1.5

typedef struct surface {
    bool ready;
    double out[GRID * GRID];
} surface;

/* Fills grid (GRID^2 x 3) with the lattice's points, one row (x1, x2, 1) per point. */
void surface_inputs(nn_matrix *grid);

/* Everything the figures show. */
typedef struct figure_data {
    uint32_t seed;          /* np.random.seed, for the titles */
    size_t hidden;          /* part 2's hidden neurons */
    const curve *one, *two; /* the error curves of parts 1 and 2; NULL: not run */
    const surface *surf;    /* part 2's output over the plane, when ready */
    const double *X, *y;    /* 4 x 3, 4 x 1   the samples and their XOR targets */
} figure_data;

/* Draws the error curves and the XOR surface into out, as mode says. */
nn_status draw_figures(nn_plot_mode mode, const char *out, const figure_data *d,
                       nn_error *err);

#endif
