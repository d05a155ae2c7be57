/* 04-gradient-descent - walking downhill on an error, with lib/optim.
 *
 * Part 1 minimises the parabola E(w) = (w - 3)^2 from w = -1 with the learning rate of
 * --learning-rate and prints the descent. Part 2 repeats it with a row of fixed rates,
 * from too small to diverging, to show what the rate does. Part 3 fits a line
 * y = a x + b to noisy points (drawn with nn_rng from --seed) by gradient descent on the
 * mean squared error, and checks the result against the closed-form least squares.
 * The figures: the descent paths on the parabola, the loss against the iteration (log
 * scale), and the fitted line over the points.
 *
 *     build/bin/04-gradient-descent [--learning-rate X] [--iterations N] [--tol X]
 *                                   [--seed N] [--plot MODE] [--out DIR]
 *
 * A run whose learning rate (from the flag) makes the descent diverge prints the error
 * and ends with exit status 1; the fixed rates of part 2 are reported in the table.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nn.h"

static const char *PROGRAM = "04-gradient-descent";
static const char *SUMMARY = "Gradient descent: a parabola, the learning rate, and a line "
                             "fitted to noisy points.";

/* ------------------------------------------------------------------------------------
 * The parabola: the simplest error with a minimum. */

#define W_STAR 3.0   /* where the minimum is */
#define W_START (-1.0) /* where the descent starts */

// [parabola]
/* E(w) = (w - w*)^2 and dE/dw = 2 (w - w*), shaped as nn_optim_minimize wants. */
static nn_status parabola(const double *w, size_t n, double *loss, double *grad,
                          void *context, nn_error *err)
{
    (void)n, (void)context, (void)err; /* one parameter, no data, cannot fail */
    double e = w[0] - W_STAR;
    *loss = e * e;
    grad[0] = 2.0 * e;
    return NN_OK;
}
// [end parabola]

/* ------------------------------------------------------------------------------------
 * A trace: what the observer saw at each iteration, for the printed tables and the
 * figures. Row t holds (t, w_0 .. w_{n-1}, E(w_t), ||g_t||). */

#define MAX_PARAMS 2

typedef struct trace {
    size_t n;          /* parameters per row, at most MAX_PARAMS */
    size_t count, cap; /* rows recorded, rows allocated */
    bool record;       /* keep rows at all */
    size_t keep;       /* keep at most this many rows (0: no limit) */
    double *rows;
    bool print;        /* print a table row at the iterations `shown` picks */
    long printed;      /* the last iteration printed, -1 for none */
    long last;         /* the last iteration seen, -1 for none; its numbers follow */
    double last_w[MAX_PARAMS], last_grad[MAX_PARAMS], last_loss, last_norm;
} trace;

static size_t trace_width(const trace *tr)
{
    return tr->n + 3;
}

static const double *trace_row(const trace *tr, size_t t)
{
    return tr->rows + t * trace_width(tr);
}

static void trace_free(trace *tr)
{
    nn_alloc_free(tr->rows);
    tr->rows = NULL;
    tr->count = tr->cap = 0;
}

/* The rows worth printing: the first few, then 10, 20, ..., 90, 100, 200, ... */
static bool shown(long t)
{
    if (t <= 5)
        return true;
    long scale = 10;
    while (t / scale >= 10)
        scale *= 10;
    return t % scale == 0;
}

static void print_header(size_t n)
{
    if (n == 1)
        printf("      t             w          E(w)         dE/dw\n");
    else
        printf("      t             a             b           MSE  |gradient|\n");
}

static void print_row(const nn_optim_progress *p)
{
    printf("  %5ld", p->iteration);
    for (size_t i = 0; i < p->n; i++)
        printf(" %13.8f", p->w[i]);
    if (p->n == 1)
        printf(" %13.6e %13.6e\n", p->loss, p->grad[0]);
    else
        printf(" %13.8f %11.3e\n", p->loss, p->grad_norm);
}

/* Called by nn_optim_minimize at w_0 and after every step. */
static nn_status observe(const nn_optim_progress *p, void *context, nn_error *err)
{
    trace *tr = context;
    if (tr->print && shown(p->iteration)) {
        print_row(p);
        tr->printed = p->iteration;
    }
    tr->last = p->iteration;
    memcpy(tr->last_w, p->w, p->n * sizeof *p->w);
    memcpy(tr->last_grad, p->grad, p->n * sizeof *p->grad);
    tr->last_loss = p->loss;
    tr->last_norm = p->grad_norm;
    if (!tr->record || (tr->keep && tr->count >= tr->keep))
        return NN_OK;
    if (tr->count == tr->cap) { /* grow by doubling, through the library's allocator */
        size_t cap = tr->cap ? 2 * tr->cap : 64;
        double *rows = nn_alloc(cap * trace_width(tr), sizeof *rows, "trace", err);
        if (!rows)
            return NN_ERR_NOMEM;
        if (tr->count)
            memcpy(rows, tr->rows, tr->count * trace_width(tr) * sizeof *rows);
        nn_alloc_free(tr->rows);
        tr->rows = rows;
        tr->cap = cap;
    }
    double *row = tr->rows + tr->count++ * trace_width(tr);
    row[0] = (double)p->iteration;
    memcpy(row + 1, p->w, p->n * sizeof *row);
    row[p->n + 1] = p->loss;
    row[p->n + 2] = p->grad_norm;
    return NN_OK;
}

/* Prints the last row when `shown` skipped it, so every table ends where the run did. */
static void print_last_row(const trace *tr)
{
    if (!tr->print || tr->last < 0 || tr->last == tr->printed)
        return;
    if (tr->last > tr->printed + 1)
        printf("    ...\n");
    nn_optim_progress p = {tr->last, tr->last_w, tr->last_grad, tr->n, tr->last_loss,
                           tr->last_norm, 0.0};
    print_row(&p);
}

/* ------------------------------------------------------------------------------------
 * Part 1: the parabola with the learning rate from the flags. */

typedef struct settings {
    double eta, tol;
    long iterations;
    uint32_t seed;
} settings;

/* Returns 1 when the descent failed (the error is printed), 0 otherwise. */
static int part1(const settings *s)
{
    printf("Part 1: gradient descent on E(w) = (w - %g)^2, from w = %g\n", W_STAR, W_START);
    printf("learning rate %g, tolerance %g on |dE/dw|, at most %ld iterations\n\n", s->eta,
           s->tol, s->iterations);
    // [descend the parabola]
    double w = W_START;
    nn_optim_options opt = nn_optim_defaults();
    opt.rate.eta0 = s->eta;
    opt.tol = s->tol;
    opt.max_iter = s->iterations;
    trace tr = {.n = 1, .print = true, .printed = -1, .last = -1};
    opt.observe = observe;
    opt.observe_context = &tr;
    nn_optim_result res;
    nn_error err;
    print_header(1);
    nn_status status = nn_optim_minimize(parabola, NULL, &w, 1, &opt, &res, &err);
    // [end descend the parabola]
    print_last_row(&tr);
    trace_free(&tr);
    int failed = 0;
    if (status != NN_OK) {
        fflush(stdout);
        fprintf(stderr, "%s: parabola: %s\n", PROGRAM, err.message);
        printf("w was left at %g, the last point the descent evaluated\n", w);
        failed = 1;
    } else if (res.converged) {
        printf("converged after %ld iterations: w = %.8f, |dE/dw| = %.3g <= %g\n",
               res.iterations, w, res.grad_norm, s->tol);
    } else {
        printf("stopped at the limit of %ld iterations: w = %.8f, |dE/dw| = %.3g > %g\n",
               res.iterations, w, res.grad_norm, s->tol);
    }
    printf("\n");
    return failed;
}

/* ------------------------------------------------------------------------------------
 * Part 2: a row of learning rates on the same parabola. */

typedef struct rate_case {
    nn_schedule rate;
    const char *what; /* what the error w - w* does at each step */
} rate_case;

/* The factor r = 1 - 2 eta that multiplies the error w - w* at every step decides it. */
static const rate_case CASES[] = {
    {{NN_SCHEDULE_CONSTANT, 0.001, 0}, "creeps"},
    {{NN_SCHEDULE_CONSTANT, 0.1, 0}, "slides"},
    {{NN_SCHEDULE_CONSTANT, 0.4, 0}, "rushes"},
    {{NN_SCHEDULE_CONSTANT, 0.5, 0}, "lands at once"},
    {{NN_SCHEDULE_CONSTANT, 0.9, 0}, "zigzags in"},
    {{NN_SCHEDULE_CONSTANT, 1.0, 0}, "bounces"},
    {{NN_SCHEDULE_CONSTANT, 1.1, 0}, "swings out"},
    {{NN_SCHEDULE_INVSCALING, 1.1, 0.5}, "swings, calms"},
};
#define N_CASES (sizeof CASES / sizeof CASES[0])

/* The runs the figures draw, by index into CASES. */
enum { CASE_SLOW = 1, CASE_GOOD = 2, CASE_HALF = 3, CASE_ZIGZAG = 4, CASE_BOUNCE = 5,
       CASE_DIVERGE = 6 };

typedef struct case_run {
    trace tr;
    nn_optim_result res;
    nn_status status;
    double w;
    char message[NN_ERROR_MESSAGE_MAX];
} case_run;

/* Prints text at column indent, wrapped to fit within width columns. */
static void print_wrapped(int indent, int width, const char *text)
{
    int column = printf("%*s", indent, "");
    while (*text) {
        size_t word = strcspn(text, " ");
        if (column + 1 + (int)word > width && column > indent)
            column = printf("\n%*s", indent, "") - 1;
        else if (column > indent)
            column += printf(" ");
        column += printf("%.*s", (int)word, text);
        text += word;
        text += strspn(text, " ");
    }
    putchar('\n');
}

static void part2(const settings *s, case_run *runs)
{
    printf("Part 2: other learning rates (tolerance %g, at most %ld iterations)\n", s->tol,
           s->iterations);
    printf("Each step multiplies the error w - 3 by r = 1 - 2 eta.\n\n");
    printf("            eta       r  how w moves  steps             w  outcome\n");
    for (size_t k = 0; k < N_CASES; k++) {
        case_run *run = &runs[k];
        nn_optim_options opt = nn_optim_defaults();
        opt.rate = CASES[k].rate;
        opt.tol = s->tol;
        opt.max_iter = s->iterations;
        run->tr = (trace){.n = 1, .record = true, .keep = 201, .printed = -1, .last = -1};
        opt.observe = observe;
        opt.observe_context = &run->tr;
        run->w = W_START;
        nn_error err;
        run->status = nn_optim_minimize(parabola, NULL, &run->w, 1, &opt, &run->res, &err);
        snprintf(run->message, sizeof run->message, "%s", run->status ? err.message : "");

        double eta = CASES[k].rate.eta0;
        if (CASES[k].rate.kind == NN_SCHEDULE_CONSTANT)
            printf("  %13g  %6g", eta, 1.0 - 2.0 * eta);
        else
            printf("  %3g/sqrt(t+1)  %6s", eta, "varies");
        const nn_optim_result *r = &run->res;
        printf("  %-13s %4ld  %12.8f  ", CASES[k].what, r->iterations, run->w);
        if (run->status != NN_OK) {
            printf("error:\n");
            print_wrapped(6, 80, run->message);
        } else if (r->converged) {
            printf("converged\n");
        } else {
            printf("limit, |dE/dw| = %.3g\n", r->grad_norm);
        }
    }
    printf("\n");
}

/* ------------------------------------------------------------------------------------
 * Part 3: a line through noisy points. */

#define N_POINTS 30
#define TRUE_A 2.0 /* the line the points come from: y = 2 x + 1, plus noise */
#define TRUE_B 1.0
#define NOISE 0.5 /* the noise's standard deviation */

typedef struct points {
    double x[N_POINTS], y[N_POINTS];
    size_t m;
} points;

// [points]
/* numpy: rng = np.random.RandomState(seed); x = rng.uniform(-1, 1, 30)
 *        y = 2 * x + 1 + 0.5 * rng.standard_normal(30)                         */
static void draw_points(points *d, uint32_t seed)
{
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    d->m = N_POINTS;
    for (size_t i = 0; i < d->m; i++)
        d->x[i] = nn_rng_uniform(&rng, -1.0, 1.0);
    for (size_t i = 0; i < d->m; i++) {
        double noise = NOISE * nn_rng_standard_normal(&rng);
        d->y[i] = TRUE_A * d->x[i] + TRUE_B + noise;
    }
}
// [end points]

// [line objective]
/* The mean squared error of the line y = a x + b over the points, w = (a, b):
 *     r_i = a x_i + b - y_i          (the residual: prediction minus truth)
 *     E = (1/m) sum r_i^2,  dE/da = (2/m) sum r_i x_i,  dE/db = (2/m) sum r_i */
static nn_status line_mse(const double *w, size_t n, double *loss, double *grad,
                          void *context, nn_error *err)
{
    (void)n, (void)err;
    const points *d = context;
    double a = w[0], b = w[1], sum = 0.0, sum_x = 0.0, sum_1 = 0.0;
    for (size_t i = 0; i < d->m; i++) {
        double r = a * d->x[i] + b - d->y[i];
        sum += r * r;
        sum_x += r * d->x[i];
        sum_1 += r;
    }
    *loss = sum / (double)d->m;
    grad[0] = 2.0 * sum_x / (double)d->m;
    grad[1] = 2.0 * sum_1 / (double)d->m;
    return NN_OK;
}
// [end line objective]

// [closed form]
/* The same minimum without iterating: set both derivatives to zero and solve.
 *     a = sum (x_i - mean x)(y_i - mean y) / sum (x_i - mean x)^2
 *     b = mean y - a mean x                                                    */
static void least_squares(const points *d, double *a, double *b)
{
    double mx = 0.0, my = 0.0, sxy = 0.0, sxx = 0.0;
    for (size_t i = 0; i < d->m; i++) {
        mx += d->x[i];
        my += d->y[i];
    }
    mx /= (double)d->m;
    my /= (double)d->m;
    for (size_t i = 0; i < d->m; i++) {
        sxy += (d->x[i] - mx) * (d->y[i] - my);
        sxx += (d->x[i] - mx) * (d->x[i] - mx);
    }
    *a = sxy / sxx;
    *b = my - *a * mx;
}
// [end closed form]

// [curvature]
/* How curved the MSE bowl is. The MSE is a quadratic in (a, b), and its second
 * derivatives (the Hessian) are constants:
 *     H = 2 [[mean x^2, mean x], [mean x, 1]]
 * Its eigenvalues lambda_min <= lambda_max are the curvatures along the bowl's
 * two axes. Gradient descent converges when eta < 2 / lambda_max; the slow axis
 * shrinks its error by |1 - eta lambda_min| per step. */
static void curvature(const points *d, double *lambda_min, double *lambda_max)
{
    double m1 = 0.0, m2 = 0.0;
    for (size_t i = 0; i < d->m; i++) {
        m1 += d->x[i];
        m2 += d->x[i] * d->x[i];
    }
    m1 /= (double)d->m;
    m2 /= (double)d->m;
    /* eigenvalues of 2 [[p, q], [q, r]]: (p + r) -+ sqrt((p - r)^2 + 4 q^2) */
    double root = sqrt((m2 - 1.0) * (m2 - 1.0) + 4.0 * m1 * m1);
    *lambda_min = (m2 + 1.0) - root;
    *lambda_max = (m2 + 1.0) + root;
}
// [end curvature]

typedef struct line_run {
    points d;
    trace tr;
    nn_optim_result res;
    nn_status status;
    double w[2];       /* (a, b) found by gradient descent */
    double a_ls, b_ls; /* and by the closed form */
    double mse_ls;
    double lambda_min, lambda_max; /* the curvatures of the MSE */
} line_run;

static double mse_of(const points *d, double a, double b)
{
    double w[2] = {a, b}, loss, grad[2];
    line_mse(w, 2, &loss, grad, (void *)d, NULL);
    return loss;
}

static int part3(const settings *s, line_run *run)
{
    draw_points(&run->d, s->seed);
    printf("Part 3: a line y = a x + b through %d noisy points, by gradient descent\n",
           N_POINTS);
    printf("points (seed %lu): x uniform in [-1, 1), y = %g x + %g + noise, "
           "noise ~ N(0, %g^2)\n", (unsigned long)s->seed, TRUE_A, TRUE_B, NOISE);
    printf("the first three points: x = %10.6f %10.6f %10.6f\n", run->d.x[0], run->d.x[1],
           run->d.x[2]);
    printf("                        y = %10.6f %10.6f %10.6f\n", run->d.y[0], run->d.y[1],
           run->d.y[2]);
    curvature(&run->d, &run->lambda_min, &run->lambda_max);
    printf("curvature of the MSE: lambda_min = %.6f, lambda_max = %.6f\n", run->lambda_min,
           run->lambda_max);
    printf("largest stable learning rate: 2 / lambda_max = %.6f\n", 2.0 / run->lambda_max);
    printf("learning rate %g, tolerance %g on |gradient|, at most %ld iterations\n",
           s->eta, s->tol, s->iterations);
    printf("start: a = 0, b = 0 (the flat line y = 0)\n\n");

    // [fit the line]
    nn_optim_options opt = nn_optim_defaults();
    opt.rate.eta0 = s->eta;
    opt.tol = s->tol;
    opt.max_iter = s->iterations;
    run->tr = (trace){.n = 2, .record = true, .print = true, .printed = -1,
                      .last = -1};
    opt.observe = observe;
    opt.observe_context = &run->tr;
    run->w[0] = run->w[1] = 0.0; /* a = 0, b = 0: the flat line y = 0 */
    nn_error err;
    print_header(2);
    run->status = nn_optim_minimize(line_mse, &run->d, run->w, 2, &opt, &run->res,
                                    &err);
    // [end fit the line]
    print_last_row(&run->tr);

    least_squares(&run->d, &run->a_ls, &run->b_ls);
    run->mse_ls = mse_of(&run->d, run->a_ls, run->b_ls);
    int failed = 0;
    if (run->status != NN_OK) {
        fflush(stdout);
        fprintf(stderr, "%s: line fit: %s\n", PROGRAM, err.message);
        printf("(a, b) was left at (%g, %g), the last point the descent evaluated\n",
               run->w[0], run->w[1]);
        failed = 1;
    } else {
        printf("%s %ld iterations: a = %.6f, b = %.6f, MSE = %.6f\n",
               run->res.converged ? "converged after" : "stopped at the limit of",
               run->res.iterations, run->w[0], run->w[1], run->res.loss);
    }
    printf("least squares, closed form:   a = %.6f, b = %.6f, MSE = %.6f\n", run->a_ls,
           run->b_ls, run->mse_ls);
    if (run->status == NN_OK)
        printf("distance between the two: %.2g (at most |gradient| / lambda_min = %.2g)\n",
               hypot(run->w[0] - run->a_ls, run->w[1] - run->b_ls),
               run->res.grad_norm / run->lambda_min);
    return failed;
}

/* ------------------------------------------------------------------------------------
 * The figures. */

static const char *COLOURS[] = {"#1f4e79", "#2e8b57", "#c0392b", "#8e44ad", "#d68910"};

/* The descent on the parabola for four rates: too small, good, too large, diverging. */
static nn_status draw_paths(nn_plot_mode mode, const char *out, const case_run *runs,
                            nn_error *err)
{
    static const int shown_cases[] = {CASE_SLOW, CASE_GOOD, CASE_ZIGZAG, CASE_DIVERGE};
    static const char *labels[] = {"too small: slow", "good: fast", "too large: zigzags",
                                   "far too large: diverges"};
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "parabola-paths", 2, 2, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "paths");
    for (size_t k = 0; k < 4; k++) {
        const trace *tr = &runs[shown_cases[k]].tr;
        for (size_t t = 0; t < tr->count && t <= 40; t++) /* 40 steps show the shape */
            nn_plot_data_row(p, 3, (double[]){trace_row(tr, t)[0], trace_row(tr, t)[1],
                                              trace_row(tr, t)[2]});
        nn_plot_data_break(p);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);

    nn_plot_command(p, "set multiplot layout 2,2");
    nn_plot_command(p, "set key off; set grid; set samples 400");
    nn_plot_set_text(p, "xlabel", "weight w");
    nn_plot_set_text(p, "ylabel", "error E(w) = (w − 3)²");
    for (size_t k = 0; k < 4; k++) {
        const case_run *run = &runs[shown_cases[k]];
        char title[160];
        int used = snprintf(title, sizeof title, "η = %g, %s (",
                            CASES[shown_cases[k]].rate.eta0, labels[k]);
        if (run->status != NN_OK)
            snprintf(title + used, sizeof title - (size_t)used, "error at step %ld)",
                     run->tr.count ? (long)trace_row(&run->tr, run->tr.count - 1)[0] : 0L);
        else
            snprintf(title + used, sizeof title - (size_t)used, "%ld steps)",
                     run->res.iterations);
        nn_plot_set_text(p, "title", title);
        if (k < 3)
            nn_plot_command(p, "set xrange [-2:8]; set yrange [0:25]");
        else
            nn_plot_command(p, "set xrange [-25:31]; set yrange [0:800]");
        nn_plot_command(p,
                        "plot (x - 3)**2 with lines lw 1.5 lc rgb '#999999', "
                        "$paths index %zu using 2:3 with linespoints lw 1.5 pt 7 ps 0.6 "
                        "lc rgb '%s', "
                        "$paths index %zu every ::0::0 using 2:3 with points pt 6 ps 2 "
                        "lc rgb '#000000'",
                        k, COLOURS[k], k);
    }
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

/* Loss against iteration on a log scale: the parabola for several rates, and the line. */
static nn_status draw_losses(nn_plot_mode mode, const char *out, const case_run *runs,
                             const line_run *line, double eta, nn_error *err)
{
    static const int loss_cases[] = {CASE_SLOW, CASE_GOOD, CASE_ZIGZAG, CASE_BOUNCE,
                                     CASE_DIVERGE};
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "loss-curves", 2, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "parabola");
    for (size_t k = 0; k < 5; k++) {
        const trace *tr = &runs[loss_cases[k]].tr;
        for (size_t t = 0; t < tr->count && t <= 80; t++)
            nn_plot_data_row(p, 2, (double[]){trace_row(tr, t)[0], trace_row(tr, t)[2]});
        nn_plot_data_break(p);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);

    /* The line: the MSE, and its excess over the least-squares minimum, which shrinks
     * by a constant factor per step (a straight line on a log scale). At most ~2000
     * rows are sent; a long run is thinned. */
    const trace *tr = &line->tr;
    size_t stride = tr->count / 2000 + 1;
    nn_plot_data_begin(p, "line");
    for (size_t t = 0; t < tr->count; t += stride) {
        const double *row = trace_row(tr, t);
        double excess = row[3] - line->mse_ls;
        nn_plot_data_row(p, 3, (double[]){row[0], row[3], excess > 0.0 ? excess : NAN});
    }
    nn_plot_data_end(p);

    nn_plot_command(p, "set multiplot layout 1,2");
    nn_plot_command(p, "set logscale y; set format y '1e%%T'; set grid");
    nn_plot_set_text(p, "xlabel", "iteration t");
    nn_plot_set_text(p, "ylabel", "error E(w_t) (log scale)");
    nn_plot_set_text(p, "title", "Parabola, from w = -1");
    nn_plot_command(p, "set xrange [0:80]; set yrange [1e-14:1e10]");
    nn_plot_command(p, "set key top right opaque box samplen 3");
    nn_plot_command(p,
                    "plot $parabola index 0 with lines lw 2 lc rgb '%s' title 'η = 0.1', "
                    "$parabola index 1 with lines lw 2 lc rgb '%s' title 'η = 0.4', "
                    "$parabola index 2 with points pt 6 ps 0.8 lc rgb '%s' "
                    "title 'η = 0.9', "
                    "$parabola index 3 with lines lw 2 dt 2 lc rgb '%s' title 'η = 1', "
                    "$parabola index 4 with linespoints pt 7 ps 0.5 lc rgb '%s' "
                    "title 'η = 1.1'",
                    COLOURS[0], COLOURS[1], COLOURS[2], COLOURS[3], COLOURS[4]);
    char title[96];
    snprintf(title, sizeof title, "Line fit, η = %g", eta);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "ylabel", "mean squared error (log scale)");
    /* Room above the curves (which start near 1.8) for the key. */
    nn_plot_command(p, "set autoscale x; set yrange [*:1e4]; set key top right opaque box");
    nn_plot_command(p,
                    "plot $line using 1:2 with lines lw 2 lc rgb '%s' title 'MSE', "
                    "$line using 1:3 with lines lw 2 dt 2 lc rgb '%s' "
                    "title 'MSE minus its minimum'",
                    COLOURS[0], COLOURS[2]);
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

/* The points, the line they came from, a few lines on the way, and the fitted line. */
static nn_status draw_fit(nn_plot_mode mode, const char *out, const line_run *line,
                          nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "line-fit", 1, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "points");
    for (size_t i = 0; i < line->d.m; i++)
        nn_plot_data_row(p, 2, (double[]){line->d.x[i], line->d.y[i]});
    nn_plot_data_end(p);

    /* Lines as segments over [-1, 1]: the start and steps 2, 5, 20 (grey), then the fit. */
    static const size_t steps[] = {0, 2, 5, 20};
    nn_plot_data_begin(p, "early");
    for (size_t k = 0; k < 4; k++) {
        if (steps[k] >= line->tr.count)
            continue;
        const double *row = trace_row(&line->tr, steps[k]);
        nn_plot_data_row(p, 2, (double[]){-1.0, -row[1] + row[2]});
        nn_plot_data_row(p, 2, (double[]){1.0, row[1] + row[2]});
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);

    char fit[160], truth[96];
    snprintf(truth, sizeof truth, "true line y = %g x + %g", TRUE_A, TRUE_B);
    if (line->status == NN_OK)
        snprintf(fit, sizeof fit, "fitted: y = %.3f x + %.3f (%ld steps)", line->w[0],
                 line->w[1], line->res.iterations);
    else
        snprintf(fit, sizeof fit, "last finite line before the error");
    nn_plot_set_text(p, "title", "Gradient descent fits a line to 30 noisy points");
    nn_plot_set_text(p, "xlabel", "x");
    nn_plot_set_text(p, "ylabel", "y");
    nn_plot_command(p, "set grid; set key bottom right opaque box; set xrange [-1:1]");
    nn_plot_command(p,
                    "plot $early with lines lw 1 lc rgb '#bbbbbb' "
                    "title 'after 0, 2, 5 and 20 steps', "
                    "%.17g * x + %.17g with lines lw 2 dt 2 lc rgb '#2e8b57' title '%s', "
                    "%.17g * x + %.17g with lines lw 2.5 lc rgb '#c0392b' title '%s', "
                    "$points with points pt 7 ps 0.9 lc rgb '#1f4e79' title 'noisy points'",
                    TRUE_A, TRUE_B, truth, line->w[0], line->w[1], fit);
    return nn_plot_close(p, err);
}

int main(int argc, char **argv)
{
    settings s = {.eta = 0.1, .tol = 1e-6, .iterations = 1000, .seed = 1};
    int plot_mode = NN_PLOT_AUTO;
    const char *out = "figures";
    nn_flag flags[] = {
        NN_FLAG_REAL("learning-rate", &s.eta, "step size eta for parts 1 and 3", 1e-6, 100),
        NN_FLAG_INT("iterations", &s.iterations, "most steps per descent", 0, 1000000),
        NN_FLAG_REAL("tol", &s.tol, "stop when the gradient's length is this or less", 0,
                     1),
        NN_FLAG_SEED("seed", &s.seed, "seed for the noisy points of part 3"),
        NN_PLOT_FLAGS(&plot_mode, &out),
    };
    size_t n_flags = sizeof flags / sizeof flags[0];
    int exit_status = nn_flags_main(argc, argv, flags, n_flags, PROGRAM, SUMMARY, stdout, stderr);
    if (exit_status >= 0)
        return exit_status;
    nn_error err;

    int failed = part1(&s);
    case_run runs[N_CASES];
    memset(runs, 0, sizeof runs);
    part2(&s, runs);
    line_run line;
    memset(&line, 0, sizeof line);
    failed |= part3(&s, &line);

    nn_plot_mode mode = (nn_plot_mode)plot_mode;
    nn_status status = draw_paths(mode, out, runs, &err);
    if (status == NN_OK)
        status = draw_losses(mode, out, runs, &line, s.eta, &err);
    if (status == NN_OK)
        status = draw_fit(mode, out, &line, &err);
    for (size_t k = 0; k < N_CASES; k++)
        trace_free(&runs[k].tr);
    trace_free(&line.tr);
    if (status != NN_OK) {
        fprintf(stderr, "%s: %s\n", PROGRAM, err.message);
        return 1;
    }
    return failed;
}
