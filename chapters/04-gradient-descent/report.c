/* report.c - what the program prints about its descents. nn_optim_minimize calls
 * `observe` at the starting point and after every step (part 4's walks call it
 * themselves); it prints the rows of the table a part shows and keeps the rows the
 * figures draw. Then a line or a row says how the descent ended. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figures.h"
#include "report.h"

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

void print_header(size_t n)
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

static size_t trace_width(const trace *tr)
{
    return tr->n + 3;
}

/* Appends the row (t, w, E, ||g||), growing the rows by doubling through the library's
 * allocator. */
static nn_status record(trace *tr, const nn_optim_progress *p, nn_error *err)
{
    if (tr->count == tr->cap) {
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

nn_status observe(const nn_optim_progress *p, void *context, nn_error *err)
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
    if (tr->live)
        draw_live_step(tr->live, p);
    if (!tr->record || (tr->keep && tr->count >= tr->keep))
        return NN_OK;
    return record(tr, p, err);
}

void print_last_row(const trace *tr)
{
    if (!tr->print || tr->last < 0 || tr->last == tr->printed)
        return;
    if (tr->last > tr->printed + 1)
        printf("    ...\n");
    nn_optim_progress p = {tr->last, tr->last_w, tr->last_grad, tr->n, tr->last_loss,
                           tr->last_norm, 0.0};
    print_row(&p);
}

const double *trace_row(const trace *tr, size_t t)
{
    return tr->rows + t * trace_width(tr);
}

void trace_free(trace *tr)
{
    nn_alloc_free(tr->rows);
    tr->rows = NULL;
    tr->count = tr->cap = 0;
}

/* ---- How a descent ended ----------------------------------------------------------- */

void report_parabola(nn_status status, const nn_optim_result *res, double w, double tol)
{
    if (status != NN_OK)
        printf("w was left at %g, the last point the descent evaluated\n", w);
    else if (res->converged)
        printf("converged after %ld iterations: w = %.8f, |dE/dw| = %.3g <= %g\n",
               res->iterations, w, res->grad_norm, tol);
    else
        printf("stopped at the limit of %ld iterations: w = %.8f, |dE/dw| = %.3g > %g\n",
               res->iterations, w, res->grad_norm, tol);
    printf("\n");
}

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

void print_rate_row(const nn_schedule *rate, const char *what, nn_status status,
                    const nn_optim_result *res, double w, const char *message)
{
    if (rate->kind == NN_SCHEDULE_CONSTANT)
        printf("  %13g  %6g", rate->eta0, 1.0 - 2.0 * rate->eta0);
    else
        printf("  %3g/sqrt(t+1)  %6s", rate->eta0, "varies");
    printf("  %-13s %4ld  %12.8f  ", what, res->iterations, w);
    if (status != NN_OK) {
        printf("error:\n");
        print_wrapped(6, 80, message);
    } else if (res->converged) {
        printf("converged\n");
    } else {
        printf("limit, |dE/dw| = %.3g\n", res->grad_norm);
    }
}

/* ---- Part 3: the points, and the line ---------------------------------------------- */

void describe_points(const line_run *run, uint32_t seed, double noise, double eta,
                     double tol, long iterations)
{
    printf("Part 3: a line y = a x + b through %d noisy points, by gradient descent\n",
           N_POINTS);
    printf("points (seed %lu): x uniform in [-1, 1), y = %g x + %g + noise, "
           "noise ~ N(0, %g^2)\n", (unsigned long)seed, TRUE_A, TRUE_B, noise);
    printf("the first three points: x = %10.6f %10.6f %10.6f\n", run->d.x[0], run->d.x[1],
           run->d.x[2]);
    printf("                        y = %10.6f %10.6f %10.6f\n", run->d.y[0], run->d.y[1],
           run->d.y[2]);
    printf("curvature of the MSE: lambda_min = %.6f, lambda_max = %.6f\n", run->lambda_min,
           run->lambda_max);
    printf("largest stable learning rate: 2 / lambda_max = %.6f\n", 2.0 / run->lambda_max);
    printf("learning rate %g, tolerance %g on |gradient|, at most %ld iterations\n",
           eta, tol, iterations);
    printf("start: a = 0, b = 0 (the flat line y = 0)\n\n");
}

int report_fit(const char *program, const line_run *run, const nn_error *err)
{
    int failed = 0;
    if (run->status != NN_OK) {
        fflush(stdout);
        fprintf(stderr, "%s: line fit: %s\n", program, err->message);
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

/* ---- Part 4: the four optimisers on the bowl ---------------------------------------- */

static const char *const OPTIMISER_NAMES[N_OPTIMISERS] = {"plain descent", "momentum",
                                                          "Nesterov", "adam"};

void describe_bowl(const bowl_settings *b, const double *w0)
{
    double lambda_1 = 1.0 / b->condition;
    printf("\nPart 4: momentum and adam on a narrow bowl\n");
    printf("E(w) = (w1^2 / %g + w2^2) / 2: curvature %g along w1, 1 along w2\n",
           b->condition, lambda_1);
    printf("condition number %g; the minimum is E(0, 0) = 0\n", b->condition);
    printf("start w = (%g, %g), E = %g; each optimiser of lib/solver takes %ld steps\n",
           w0[0], w0[1], 0.5 * (lambda_1 * w0[0] * w0[0] + w0[1] * w0[1]), b->steps);
    printf("  %-15s eta = %g\n", OPTIMISER_NAMES[OPT_PLAIN], b->descent_rate);
    printf("  %-15s eta = %g, mu = %g\n", OPTIMISER_NAMES[OPT_MOMENTUM], b->momentum_rate,
           b->momentum);
    printf("  %-15s eta = %g, mu = %g\n", OPTIMISER_NAMES[OPT_NESTEROV], b->momentum_rate,
           b->momentum);
    printf("  %-15s eta = %g, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-08\n\n",
           OPTIMISER_NAMES[OPT_ADAM], b->adam_rate);
}

/* " (w1, w2)" in 19 columns, in e-notation only when w has run far out. */
static void print_point(const double *w)
{
    bool far = fabs(w[0]) >= 1e3 || fabs(w[1]) >= 1e3;
    printf(far ? " (%8.1e,%8.1e)" : " (%8.4f,%8.4f)", w[0], w[1]);
}

/* The first three steps of each walk, one walk per row. */
static void print_first_steps(const bowl_run *walks)
{
    printf("the first three steps, w = (w1, w2):\n");
    printf("%-17s %-20s%-20s%s\n", "", "t = 1", "t = 2", "t = 3");
    for (int k = 0; k < N_OPTIMISERS; k++) {
        printf("%-17s", OPTIMISER_NAMES[k]);
        for (size_t t = 1; t <= 3 && t < walks[k].tr.count; t++) {
            print_point(trace_row(&walks[k].tr, t) + 1);
        }
        printf("\n");
    }
    printf("\n");
}

/* The first step of walk k from which E stays at or below tol to the end of the walk;
 * -1 when the last E is above it (or the walk overflowed). */
static long stays_below(const bowl_run *walk, double tol)
{
    if (walk->overflowed || walk->tr.count == 0)
        return -1;
    long from = -1;
    for (size_t t = walk->tr.count; t-- > 0 && trace_row(&walk->tr, t)[3] <= tol;)
        from = (long)t;
    return from;
}

void report_bowl(const bowl_run *walks, bool hex)
{
    print_first_steps(walks);
    printf("E(w_t):\n      t");
    for (int k = 0; k < N_OPTIMISERS; k++)
        printf(" %14s", OPTIMISER_NAMES[k]);
    printf("\n");
    size_t longest = 0;
    bool said[N_OPTIMISERS] = {false}; /* "overflowed" printed under walk k */
    for (int k = 0; k < N_OPTIMISERS; k++)
        longest = walks[k].tr.count > longest ? walks[k].tr.count : longest;
    for (size_t t = 0; t < longest; t++) {
        if (!shown((long)t) && t + 1 != longest)
            continue;
        printf("  %5zu", t);
        for (int k = 0; k < N_OPTIMISERS; k++) {
            if (t < walks[k].tr.count) {
                printf(" %14.6e", trace_row(&walks[k].tr, t)[3]);
            } else {
                printf(" %14s", walks[k].overflowed && !said[k] ? "overflowed" : "");
                said[k] = true;
            }
        }
        printf("\n");
    }
    printf("E stays at or below 1e-6 from step\n       ");
    for (int k = 0; k < N_OPTIMISERS; k++) {
        long from = stays_below(&walks[k], 1e-6);
        if (from >= 0)
            printf(" %14ld", from);
        else
            printf(" %14s", walks[k].overflowed ? "overflowed" : "not reached");
    }
    printf("\n");
    if (!hex)
        return;
    printf("\nthe last points, as exact hexadecimal doubles:\n");
    for (int k = 0; k < N_OPTIMISERS; k++) {
        const double *row = trace_row(&walks[k].tr, walks[k].tr.count - 1);
        printf("%-15s t = %.0f: w = (%a, %a), E = %a\n", OPTIMISER_NAMES[k], row[0], row[1],
               row[2], row[3]);
    }
}
