/* report.c - what the program prints about its descents. nn_optim_minimize calls
 * `observe` at the starting point and after every step; it prints the rows of the table
 * a part shows and keeps the rows the figures draw. Then a line or a row says how the
 * descent ended. */
#include <stdio.h>
#include <string.h>

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
