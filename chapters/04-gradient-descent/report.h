/* report.h - what the program prints about its descents (report.c): the observer that
 * prints a descent's table row by row and keeps the rows for the figures, and the lines
 * that say how a descent ended. main.c hands `observe` to nn_optim_minimize. */
#ifndef CH04_REPORT_H
#define CH04_REPORT_H

#include "nn.h"

struct live_descent; /* the live figure of part 1 (figures.h) */

/* A descent has at most this many parameters here: w, or (a, b). */
#define MAX_PARAMS 2

/* What the observer saw at each iteration. Row t holds (t, w_0 .. w_{n-1}, E(w_t),
 * ||g_t||): n + 3 numbers. */
typedef struct trace {
    size_t n;          /* parameters per row, at most MAX_PARAMS */
    size_t count, cap; /* rows recorded, rows allocated */
    bool record;       /* keep rows at all */
    size_t keep;       /* keep at most this many rows (0: no limit) */
    double *rows;
    bool print;        /* print a table row at the iterations worth showing */
    long printed;      /* the last iteration printed, -1 for none */
    long last;         /* the last iteration seen, -1 for none; its numbers follow */
    double last_w[MAX_PARAMS], last_grad[MAX_PARAMS], last_loss, last_norm;
    struct live_descent *live; /* with --live: draw each step as it happens, or NULL */
} trace;

/* Called by nn_optim_minimize at w_0 and after every step, with the trace as context:
 * prints the table row when the trace prints and the iteration is one worth showing
 * (0 to 5, then 10, 20, ..., 100, 200, ...), and records the row when it records. */
nn_status observe(const nn_optim_progress *p, void *context, nn_error *err);

/* One frame of the live figure (figures.c), called by observe at every step. */
void draw_live_step(struct live_descent *live, const nn_optim_progress *p);

/* The table's header for n parameters: (w, E, dE/dw) or (a, b, MSE, |gradient|). */
void print_header(size_t n);

/* Prints the last row when the table skipped it, so every table ends where the run
 * did. */
void print_last_row(const trace *tr);

/* Row t of the recorded rows (t < tr->count). */
const double *trace_row(const trace *tr, size_t t);

/* Frees the recorded rows. */
void trace_free(trace *tr);

/* Part 1's last line: where w stopped, and whether |dE/dw| got down to tol. */
void report_parabola(nn_status status, const nn_optim_result *res, double w, double tol);

/* Part 2's row for one rate: eta, the factor r = 1 - 2 eta (for a constant rate), what
 * w does, the steps, where w stopped, and the outcome (with the error's message). */
void print_rate_row(const nn_schedule *rate, const char *what, nn_status status,
                    const nn_optim_result *res, double w, const char *message);

/* Part 3 (its record, struct line_run, is in figures.h). The opening lines: the points
 * (drawn from seed, with noise of that standard deviation), what the curvature of their
 * MSE says about the learning rate, and the descent's settings. */
struct line_run;
void describe_points(const struct line_run *run, uint32_t seed, double noise, double eta,
                     double tol, long iterations);

/* Part 3's last lines: the descent's line beside the closed form's. When the descent
 * failed, the error goes to stderr after "program: line fit: ", and 1 is returned;
 * 0 otherwise. */
int report_fit(const char *program, const struct line_run *run, const nn_error *err);

/* Part 4: the four optimisers, in the order main.c makes them and report.c and the
 * figures show them. */
enum { OPT_PLAIN, OPT_MOMENTUM, OPT_NESTEROV, OPT_ADAM, N_OPTIMISERS };

/* Part 4: the bowl E(w) = (w_1^2 / condition + w_2^2) / 2, and the optimisers' settings. */
typedef struct bowl_settings {
    double condition;     /* lambda_max / lambda_min */
    double descent_rate;  /* eta of plain descent */
    double momentum_rate; /* eta of momentum and Nesterov */
    double momentum;      /* their mu */
    double adam_rate;     /* eta of adam */
    long steps;           /* steps per optimiser */
} bowl_settings;

/* Part 4: one optimiser's walk on the bowl. */
typedef struct bowl_run {
    trace tr;        /* every point: (t, w_1, w_2, E(w_t), |gradient|) */
    bool overflowed; /* stopped early: E grew beyond the largest double */
} bowl_run;

/* Part 4's opening lines: the bowl, where the walks start (w0, two values), and the
 * settings of the four optimisers. */
void describe_bowl(const bowl_settings *b, const double *w0);

/* Part 4's tables: each walk's first three steps, E(w_t) at the iterations worth
 * showing, and the step from which E stays at or below 1e-6; with hex, each walk's last
 * point as exact hexadecimal doubles. */
void report_bowl(const bowl_run *walks, bool hex);

#endif
