/* 04-gradient-descent - walking downhill on an error, with lib/optim.
 *
 * Part 1 minimises the parabola E(w) = (w - 3)^2 from w = -1 with the learning rate of
 * --learning-rate and prints the descent. Part 2 repeats it with a row of fixed rates,
 * from too small to diverging, to show what the rate does. Part 3 fits a line
 * y = a x + b to noisy points (drawn with nn_rng from --seed) by gradient descent on the
 * mean squared error, and checks the result against the closed-form least squares.
 * Part 4 walks a narrow bowl with the optimisers of lib/solver (scikit-learn's): plain
 * descent, momentum, Nesterov's momentum and adam. The figures: the descent paths on the
 * parabola, the loss against the iteration (log scale), the fitted line over the
 * points, and the four walks on the bowl. Beside this file, figures.c draws them, and
 * report.c prints: the observer that prints each descent's table and keeps its rows
 * for the figures, and the lines that say how a descent ended.
 *
 *     build/bin/04-gradient-descent [--learning-rate X] [--iterations N] [--tol X]
 *         [--seed N] [--condition X] [--descent-rate X] [--momentum-rate X] [--momentum X]
 *         [--adam-rate X] [--steps N] [--hex] [--plot MODE] [--out DIR] [--live]
 *
 * A run whose learning rate (from the flag) makes the descent diverge prints the error
 * and ends with exit status 1; the fixed rates of part 2 are reported in the table, and
 * so is an optimiser of part 4 that overflows.
 */
#include <math.h>
#include <stdio.h>

#include "figures.h"
#include "nn.h"
#include "report.h"

static const char *PROGRAM = "04-gradient-descent";
static const char *SUMMARY = "Gradient descent: a parabola, the learning rate, a line "
                             "fitted to noisy points, and momentum and adam on a narrow bowl.";

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
 * Part 1: the parabola with the learning rate from the flags. */

typedef struct settings {
    double eta, tol;
    long iterations;
    uint32_t seed;
    bowl_settings bowl; /* part 4 (report.h) */
    bool hex, live;   /* --hex; --live: draw part 1 as it descends */
    nn_plot_mode plot;
} settings;

/* Returns 1 when the descent failed (the error is printed), 0 otherwise. */
static int part1(const settings *s)
{
    printf("Part 1: gradient descent on E(w) = (w - %g)^2, from w = %g\n", W_STAR, W_START);
    printf("learning rate %g, tolerance %g on |dE/dw|, at most %ld iterations\n\n", s->eta,
           s->tol, s->iterations);
    // [descend the parabola]
    double w = W_START;
    nn_error err;
    nn_optim_options opt = nn_optim_defaults();
    opt.rate.eta0 = s->eta;
    opt.tol = s->tol;
    opt.max_iter = s->iterations;
    trace tr = {.n = 1, .print = true, .printed = -1, .last = -1};
    live_descent live; /* figures.h: with --live, each step is drawn as it comes */
    if (live_open(&live, s->plot, s->live, &err) == NN_OK)
        tr.live = &live;
    opt.observe = observe;
    opt.observe_context = &tr;
    nn_optim_result res;
    print_header(1);
    nn_status status = nn_optim_minimize(parabola, NULL, &w, 1, &opt, &res, &err);
    // [end descend the parabola]
    nn_plot_close(live.p, NULL);
    print_last_row(&tr);
    trace_free(&tr);
    if (status != NN_OK) {
        fflush(stdout);
        fprintf(stderr, "%s: parabola: %s\n", PROGRAM, err.message);
    }
    report_parabola(status, &res, w, s->tol);
    return status != NN_OK;
}

/* ------------------------------------------------------------------------------------
 * Part 2: a row of learning rates on the same parabola. */

typedef struct rate_case {
    nn_schedule rate;
    const char *what; /* what the offset w - w* does at each step */
} rate_case;

/* The factor r = 1 - 2 eta that multiplies the offset w - w* at every step decides it.
 * (figures.h names the rows the figures draw: keep their order.) */
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
#define N_CASES NN_COUNT(CASES)

/* One descent from w = -1 at the rate of c, keeping its first 201 rows for the figures. */
static void descend_at(const rate_case *c, const settings *s, case_run *run, nn_error *err)
{
    nn_optim_options opt = nn_optim_defaults();
    opt.rate = c->rate;
    opt.tol = s->tol;
    opt.max_iter = s->iterations;
    run->tr = (trace){.n = 1, .record = true, .keep = 201, .printed = -1, .last = -1};
    opt.observe = observe;
    opt.observe_context = &run->tr;
    run->eta = c->rate.eta0;
    run->w = W_START;
    run->status = nn_optim_minimize(parabola, NULL, &run->w, 1, &opt, &run->res, err);
}

static void part2(const settings *s, case_run *runs)
{
    printf("Part 2: other learning rates (tolerance %g, at most %ld iterations)\n", s->tol,
           s->iterations);
    printf("Each step multiplies the offset w - 3 by r = 1 - 2 eta.\n\n");
    printf("            eta       r  how w moves  steps             w  outcome\n");
    for (size_t k = 0; k < N_CASES; k++) {
        nn_error err;
        descend_at(&CASES[k], s, &runs[k], &err);
        print_rate_row(&CASES[k].rate, CASES[k].what, runs[k].status, &runs[k].res,
                       runs[k].w, err.message);
    }
    printf("\n");
}

/* ------------------------------------------------------------------------------------
 * Part 3: a line through noisy points (N_POINTS of them around y = TRUE_A x + TRUE_B,
 * with the type `points`, in figures.h, which the figures share). */

#define NOISE 0.5 /* the noise's standard deviation */

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
 * shrinks its offset w - w* by |1 - eta lambda_min| per step. */
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

static double mse_of(const points *d, double a, double b)
{
    double w[2] = {a, b}, loss, grad[2];
    line_mse(w, 2, &loss, grad, (void *)d, NULL);
    return loss;
}

/* Returns 1 when the descent failed (the error is printed), 0 otherwise. */
static int part3(const settings *s, line_run *run)
{
    draw_points(&run->d, s->seed);
    curvature(&run->d, &run->lambda_min, &run->lambda_max);
    describe_points(run, s->seed, NOISE, s->eta, s->tol, s->iterations);

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
    return report_fit(PROGRAM, run, &err);
}

/* ------------------------------------------------------------------------------------
 * Part 4: a narrow bowl, and four ways down it: the optimisers of lib/solver
 * (scikit-learn's SGDOptimizer and AdamOptimizer), in report.h's order OPT_PLAIN .. */

#define BOWL_START -10.0, 1.0 /* w_0 of every walk */

// [bowl]
/* E(w) = (lambda_1 w_1^2 + lambda_2 w_2^2) / 2 and dE/dw_i = lambda_i w_i: a bowl whose
 * axes are the coordinate axes, curved by lambda_i along axis i. */
static double bowl(const double lambda[2], const double w[2], double grad[2])
{
    grad[0] = lambda[0] * w[0];
    grad[1] = lambda[1] * w[1];
    return 0.5 * (lambda[0] * w[0] * w[0] + lambda[1] * w[1] * w[1]);
}
// [end bowl]

// [four optimisers]
/* Plain descent is sgd without momentum: v = 0 v - eta g, then w + v, chapter 4's step. */
static nn_status make_optimiser(int k, const bowl_settings *b, nn_solver *opt,
                                nn_error *err)
{
    if (k == OPT_PLAIN)
        return nn_solver_init_sgd(opt, 2, b->descent_rate, NN_LR_CONSTANT, 0.0, false, 0.5,
                                  err);
    if (k == OPT_MOMENTUM || k == OPT_NESTEROV)
        return nn_solver_init_sgd(opt, 2, b->momentum_rate, NN_LR_CONSTANT, b->momentum,
                                  k == OPT_NESTEROV, 0.5, err);
    return nn_solver_init_adam(opt, 2, b->adam_rate, 0.9, 0.999, 1e-8, err);
}
// [end four optimisers]

// [walk the bowl]
/* b->steps steps of optimiser k from BOWL_START, every point kept in walk->tr (by
 * report.c's observe). A walk whose E overflows stops there, marked. */
static nn_status walk_bowl(int k, const bowl_settings *b, bowl_run *walk, nn_error *err)
{
    const double lambda[2] = {1.0 / b->condition, 1.0};
    nn_solver opt;
    NN_TRY(make_optimiser(k, b, &opt, err));
    nn_status status = NN_OK;
    double w[2] = {BOWL_START}, grad[2];
    for (long t = 0; t <= b->steps; t++) {
        double loss = bowl(lambda, w, grad);
        if ((walk->overflowed = !isfinite(loss)))
            break; /* diverged: w is so far out that E is beyond every double */
        nn_optim_progress here = {t, w, grad, 2, loss, hypot(grad[0], grad[1]), 0.0};
        NN_TRY_CLEANUP(observe(&here, &walk->tr, err));
        if (t < b->steps)
            nn_solver_update(&opt, w, grad); /* w <- w + the optimiser's step */
    }
cleanup:
    nn_solver_free(&opt);
    return status;
}
// [end walk the bowl]

static nn_status part4(const settings *s, bowl_run *walks, nn_error *err)
{
    const double start[2] = {BOWL_START};
    describe_bowl(&s->bowl, start);
    for (int k = 0; k < N_OPTIMISERS; k++) {
        walks[k].tr = (trace){.n = 2, .record = true, .printed = -1, .last = -1};
        NN_TRY(walk_bowl(k, &s->bowl, &walks[k], err));
    }
    report_bowl(walks, s->hex);
    return NN_OK;
}

int main(int argc, char **argv)
{
    settings s = {.eta = 0.1, .tol = 1e-6, .iterations = 1000, .seed = 1,
                  .bowl = {100, 1.8, 1.0, 0.9, 0.2, 500}};
    int plot_mode = NN_PLOT_AUTO;
    const char *out = "figures";
    nn_flag flags[] = {
        NN_FLAG_REAL("learning-rate", &s.eta, "step size eta for parts 1 and 3", 1e-6, 100),
        NN_FLAG_INT("iterations", &s.iterations, "most steps per descent", 0, 1000000),
        NN_FLAG_REAL("tol", &s.tol, "stop when the gradient's length is this or less", 0,
                     1),
        NN_FLAG_SEED("seed", &s.seed, "seed for the noisy points of part 3"),
        NN_FLAG_REAL("condition", &s.bowl.condition, "part 4: lambda_max / lambda_min", 1,
                     1e6),
        NN_FLAG_REAL("descent-rate", &s.bowl.descent_rate, "part 4: eta of plain descent",
                     1e-6, 100),
        NN_FLAG_REAL("momentum-rate", &s.bowl.momentum_rate,
                     "part 4: eta of momentum and Nesterov", 1e-6, 100),
        NN_FLAG_REAL("momentum", &s.bowl.momentum, "part 4: their mu", 0, 1),
        NN_FLAG_REAL("adam-rate", &s.bowl.adam_rate, "part 4: eta of adam", 1e-6, 100),
        NN_FLAG_INT("steps", &s.bowl.steps, "part 4: steps per optimiser", 1, 100000),
        NN_FLAG_SWITCH("hex", &s.hex, "part 4: print the last points in hexadecimal too"),
        NN_PLOT_FLAGS(&plot_mode, &out),
        NN_PLOT_LIVE_FLAG(&s.live),
    };
    int exit_status = nn_flags_main(argc, argv, flags, NN_COUNT(flags), PROGRAM, SUMMARY,
                                    stdout, stderr);
    if (exit_status >= 0)
        return exit_status;

    s.plot = (nn_plot_mode)plot_mode;
    int failed = part1(&s);
    case_run runs[N_CASES] = {0};
    part2(&s, runs);
    line_run line = {0};
    failed |= part3(&s, &line);

    bowl_run walks[N_OPTIMISERS] = {0};
    nn_error err;
    nn_status status = part4(&s, walks, &err);
    if (status == NN_OK)
        status = draw_figures((nn_plot_mode)plot_mode, out, runs, &line, s.eta, walks,
                              &s.bowl, &err);
    for (size_t k = 0; k < N_CASES; k++)
        trace_free(&runs[k].tr);
    trace_free(&line.tr);
    for (size_t k = 0; k < N_OPTIMISERS; k++)
        trace_free(&walks[k].tr);
    if (status != NN_OK) {
        fprintf(stderr, "%s: %s\n", PROGRAM, err.message);
        return 1;
    }
    return failed;
}
