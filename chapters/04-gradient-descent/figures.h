/* figures.h - the four figures of chapter 4 (figures.c), and the records of the
 * descents main.c runs, which they draw. */
#ifndef CH04_FIGURES_H
#define CH04_FIGURES_H

#include "nn.h"
#include "report.h"

/* Part 2: one descent of the parabola at one of the fixed rates of main.c's table. */
typedef struct case_run {
    double eta;          /* the learning rate (the first, for a schedule) */
    trace tr;            /* its first rows (t, w, E(w), |dE/dw|) */
    nn_optim_result res; /* how it ended */
    nn_status status;    /* NN_OK, or the error that stopped it */
    double w;            /* where it stopped */
} case_run;

/* The runs the figures draw, by their row in main.c's table of rates. */
enum { CASE_SLOW = 1, CASE_GOOD = 2, CASE_ZIGZAG = 4, CASE_BOUNCE = 5, CASE_DIVERGE = 6 };

/* Part 3: N_POINTS noisy points around the line y = TRUE_A x + TRUE_B. */
#define N_POINTS 30
#define TRUE_A 2.0
#define TRUE_B 1.0

typedef struct points {
    double x[N_POINTS], y[N_POINTS];
    size_t m;
} points;

/* Part 3: the line fitted to the points, by gradient descent and in closed form. */
typedef struct line_run {
    points d;
    trace tr;            /* every row of the descent (t, a, b, MSE, |gradient|) */
    nn_optim_result res;
    nn_status status;
    double w[2];       /* (a, b) found by gradient descent */
    double a_ls, b_ls; /* and by the closed form */
    double mse_ls;
    double lambda_min, lambda_max; /* the curvatures of the MSE */
} line_run;

/* --live: part 1's descent on the parabola, drawn step by step while it runs. */
#define LIVE_STEPS 1000 /* the path keeps this many steps */
typedef struct live_descent {
    nn_plot *p;                          /* the live figure, NULL without one */
    size_t n;                            /* steps in the path so far */
    double w[LIVE_STEPS], e[LIVE_STEPS]; /* the path: w_t and E(w_t) */
} live_descent;

/* Opens the live figure when live is set and mode can show one (a window or a
 * terminal); without one, live->p stays NULL and the descent runs as usual. */
nn_status live_open(live_descent *live, nn_plot_mode mode, bool on, nn_error *err);

/* Draws "parabola-paths" from the runs of part 2, "loss-curves" from those runs and the
 * line of part 3 (fitted with rate eta), "line-fit" from that line, and "bowl-paths"
 * from the walks of part 4 on the bowl, made with those settings. */
nn_status draw_figures(nn_plot_mode mode, const char *out, const case_run *runs,
                       const line_run *line, double eta, const bowl_run *walks,
                       const bowl_settings *bowl, nn_error *err);

#endif
