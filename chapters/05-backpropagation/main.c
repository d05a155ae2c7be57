/* 05-backpropagation - a 2-H-1 sigmoid network learns XOR, by backpropagation.
 *
 * The network is written with lib/matrix, one matrix product per layer, in the order
 * the chapter explains it: the parameters and their shapes, forward propagation, the
 * loss, the backward pass (output delta, hidden delta, the gradient of every weight and
 * bias) and the gradient-descent update. Before training, the program checks the
 * backward pass against central finite differences (lib/gradcheck) and prints one row
 * per parameter. Then it trains on the four XOR samples, printing the loss every tenth
 * of the run, and shows what the trained network answers.
 *
 * Figures: the loss curve; the decision surface (the network's output over [0, 1]^2)
 * with the four points; and what each hidden neuron computes on its own.
 *
 *     build/bin/05-backpropagation [--seed N] [--epochs N] [--learning-rate X]
 *                                  [--hidden N] [--plot MODE] [--out DIR]
 *
 * Shapes in the comments: N samples (4 for XOR, one per row), 2 inputs, H hidden
 * neurons (--hidden), 1 output.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nn.h"
#include "activation.h" /* until nn.h includes them */
#include "gradcheck.h"
#include "optim.h"

static const char *PROGRAM = "05-backpropagation";
static const char *SUMMARY = "A 2-H-1 sigmoid network learns XOR by backpropagation, "
                             "checked against finite differences.";

/* Stop the function at the first failing call, passing its status on. */
#define TRY(call)                                                                          \
    do {                                                                                   \
        nn_status try_status_ = (call);                                                    \
        if (try_status_ != NN_OK)                                                          \
            return try_status_;                                                            \
    } while (0)

/* ------------------------------------------------------------------------------------
 * The data: XOR's truth table, one sample per row. */

// [data]
/* X: N x 2, one sample per row.  Y: N x 1, the target of each sample. */
static const double XOR_X[4 * 2] = {0, 0,
                                    0, 1,
                                    1, 0,
                                    1, 1};
static const double XOR_Y[4 * 1] = {0, 1, 1, 0};
// [end data]

/* ------------------------------------------------------------------------------------
 * The network, what a pass computes, and the gradient. */

// [network]
/* The parameters: H hidden neurons and one output neuron. */
typedef struct network {
    nn_matrix *W1; /* 2 x H   W1[i, j]: input i to hidden neuron j */
    nn_matrix *b1; /* 1 x H   b1[0, j]: bias of hidden neuron j */
    nn_matrix *W2; /* H x 1   W2[j, 0]: hidden neuron j to the output */
    nn_matrix *b2; /* 1 x 1   the output neuron's bias */
} network;

/* What one pass over N samples computes, kept for the backward pass. */
typedef struct pass {
    nn_matrix *Z1, *A1; /* N x H   hidden weighted sums, their sigmoids */
    nn_matrix *Z2, *A2; /* N x 1   output weighted sum, the prediction */
    nn_matrix *D2, *S2; /* N x 1   output delta dL/dZ2, sigma'(Z2) */
    nn_matrix *D1, *S1; /* N x H   hidden delta dL/dZ1, sigma'(Z1) */
} pass;

/* dL/dp for every parameter p, each in the shape of its parameter. */
typedef struct gradient {
    nn_matrix *dW1; /* 2 x H */
    nn_matrix *db1; /* 1 x H */
    nn_matrix *dW2; /* H x 1 */
    nn_matrix *db2; /* 1 x 1 */
} gradient;
// [end network]

/* Frees the count matrices of a struct made only of nn_matrix pointers, NULLs too. */
static void free_all(nn_matrix **matrices, size_t count)
{
    for (size_t k = 0; k < count; k++) {
        nn_matrix_free(matrices[k]);
        matrices[k] = NULL;
    }
}

/* Makes matrices[k] of shape rows[k] x cols[k] for each k; on failure frees them all. */
static nn_status new_all(nn_matrix **matrices, const size_t *rows, const size_t *cols,
                         size_t count, nn_error *err)
{
    for (size_t k = 0; k < count; k++)
        matrices[k] = NULL;
    for (size_t k = 0; k < count; k++) {
        matrices[k] = nn_matrix_new(rows[k], cols[k], err);
        if (!matrices[k]) {
            free_all(matrices, count);
            return err->code;
        }
    }
    return NN_OK;
}

static nn_status network_new(network *net, size_t H, nn_error *err)
{
    nn_matrix *all[4];
    TRY(new_all(all, (size_t[]){2, 1, H, 1}, (size_t[]){H, H, 1, 1}, 4, err));
    *net = (network){all[0], all[1], all[2], all[3]};
    return NN_OK;
}

static void network_free(network *net)
{
    nn_matrix *all[4] = {net->W1, net->b1, net->W2, net->b2};
    free_all(all, 4);
    *net = (network){NULL, NULL, NULL, NULL};
}

static nn_status pass_new(pass *p, size_t N, size_t H, nn_error *err)
{
    nn_matrix *all[8];
    TRY(new_all(all, (size_t[]){N, N, N, N, N, N, N, N}, (size_t[]){H, H, 1, 1, 1, 1, H, H},
                8, err));
    *p = (pass){all[0], all[1], all[2], all[3], all[4], all[5], all[6], all[7]};
    return NN_OK;
}

static void pass_free(pass *p)
{
    nn_matrix *all[8] = {p->Z1, p->A1, p->Z2, p->A2, p->D2, p->S2, p->D1, p->S1};
    free_all(all, 8);
    *p = (pass){NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
}

static nn_status gradient_new(gradient *g, size_t H, nn_error *err)
{
    nn_matrix *all[4];
    TRY(new_all(all, (size_t[]){2, 1, H, 1}, (size_t[]){H, H, 1, 1}, 4, err));
    *g = (gradient){all[0], all[1], all[2], all[3]};
    return NN_OK;
}

static void gradient_free(gradient *g)
{
    nn_matrix *all[4] = {g->dW1, g->db1, g->dW2, g->db2};
    free_all(all, 4);
    *g = (gradient){NULL, NULL, NULL, NULL};
}

// [initialise]
/* Every parameter uniform on [-1, 1): W1, b1, W2, b2, each row by row. numpy:
 *     rng = np.random.RandomState(seed)
 *     W1 = rng.uniform(-1, 1, (2, H));  b1 = rng.uniform(-1, 1, (1, H))
 *     W2 = rng.uniform(-1, 1, (H, 1));  b2 = rng.uniform(-1, 1, (1, 1))   */
static void network_init(network *net, uint32_t seed)
{
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_matrix *params[] = {net->W1, net->b1, net->W2, net->b2};
    for (size_t k = 0; k < 4; k++)
        for (size_t i = 0; i < params[k]->rows * params[k]->cols; i++)
            params[k]->data[i] = nn_rng_uniform(&rng, -1.0, 1.0);
}
// [end initialise]

/* ------------------------------------------------------------------------------------
 * Forward propagation, the loss, backpropagation, the update. */

// [forward]
/* Forward propagation of N samples at once; X is N x 2, one sample per row. */
static nn_status forward(const network *net, const nn_matrix *X, pass *p,
                         nn_error *err)
{
    /* Z1 = X W1 + b1    (N x 2)(2 x H) = N x H, b1 added to every row */
    TRY(nn_matrix_matmul(p->Z1, X, NN_NO_TRANS, net->W1, NN_NO_TRANS, err));
    TRY(nn_matrix_add_row(p->Z1, p->Z1, net->b1, err));
    /* A1 = sigma(Z1)    N x H, the hidden layer's outputs */
    TRY(nn_matrix_apply(p->A1, p->Z1, nn_sigmoid, err));
    /* Z2 = A1 W2 + b2   (N x H)(H x 1) = N x 1 */
    TRY(nn_matrix_matmul(p->Z2, p->A1, NN_NO_TRANS, net->W2, NN_NO_TRANS, err));
    TRY(nn_matrix_add_row(p->Z2, p->Z2, net->b2, err));
    /* A2 = sigma(Z2)    N x 1, the predictions */
    TRY(nn_matrix_apply(p->A2, p->Z2, nn_sigmoid, err));
    return NN_OK;
}
// [end forward]

// [loss]
/* L = 1/(2N) sum_n (A2[n] - Y[n])^2: half the mean squared error. */
static double loss_of(const nn_matrix *A2, const nn_matrix *Y)
{
    double sum = 0.0;
    for (size_t n = 0; n < A2->rows; n++) {
        double e = A2->data[n] - Y->data[n];
        sum += e * e;
    }
    return sum / (2.0 * (double)A2->rows);
}
// [end loss]

// [backward]
/* Backpropagation: dL/dp for every parameter, from the forward pass's values. */
static nn_status backward(const network *net, const nn_matrix *X,
                          const nn_matrix *Y, pass *p, gradient *g, nn_error *err)
{
    double N = (double)X->rows;
    /* Output delta  D2 = (A2 - Y) * S2 / N,  S2 = sigma'(Z2) = A2 (1 - A2)
     *               N x 1 */
    TRY(nn_matrix_sub(p->D2, p->A2, Y, err));
    TRY(nn_matrix_apply(p->S2, p->A2, nn_sigmoid_derivative_from_output, err));
    TRY(nn_matrix_mul(p->D2, p->D2, p->S2, err));
    TRY(nn_matrix_scale(p->D2, p->D2, 1.0 / N, err));
    /* Output layer  dW2 = A1^T D2         (H x N)(N x 1) = H x 1
     *               db2 = column sums of D2                  1 x 1 */
    TRY(nn_matrix_matmul(g->dW2, p->A1, NN_TRANS, p->D2, NN_NO_TRANS, err));
    TRY(nn_matrix_sum(g->db2, p->D2, 0, err));
    /* Hidden delta  D1 = (D2 W2^T) * S1,  S1 = sigma'(Z1) = A1 (1 - A1)
     *               (N x 1)(1 x H) = N x H */
    TRY(nn_matrix_matmul(p->D1, p->D2, NN_NO_TRANS, net->W2, NN_TRANS, err));
    TRY(nn_matrix_apply(p->S1, p->A1, nn_sigmoid_derivative_from_output, err));
    TRY(nn_matrix_mul(p->D1, p->D1, p->S1, err));
    /* Hidden layer  dW1 = X^T D1          (2 x N)(N x H) = 2 x H
     *               db1 = column sums of D1                  1 x H */
    TRY(nn_matrix_matmul(g->dW1, X, NN_TRANS, p->D1, NN_NO_TRANS, err));
    TRY(nn_matrix_sum(g->db1, p->D1, 0, err));
    return NN_OK;
}
// [end backward]

// [update]
/* Gradient descent (chapter 4): p <- p - eta dL/dp, for every weight and bias. */
static void update(network *net, const gradient *g, double eta)
{
    nn_matrix *params[] = {net->W1, net->b1, net->W2, net->b2};
    const nn_matrix *grads[] = {g->dW1, g->db1, g->dW2, g->db2};
    for (size_t k = 0; k < 4; k++) {
        size_t count = params[k]->rows * params[k]->cols;
        nn_optim_step(params[k]->data, grads[k]->data, count, eta);
    }
}
// [end update]

/* ------------------------------------------------------------------------------------
 * The gradient check. */

#define MAX_HIDDEN 64        /* the largest --hidden */
#define CHECK_TOLERANCE 1e-7 /* below this, a relative error means "the same number" */

// [loss for the checker]
/* The loss at the network's parameters as they are now, which the checker
 * calls after moving one of them. A whole forward pass: nothing stale is used. */
typedef struct check_context {
    const network *net;
    const nn_matrix *X, *Y;
    pass *p;
} check_context;

static nn_status network_loss(void *context, double *loss, nn_error *err)
{
    check_context *c = context;
    TRY(forward(c->net, c->X, c->p, err));
    *loss = loss_of(c->p->A2, c->Y);
    return NN_OK;
}
// [end loss for the checker]

/* Returns the worst relative error through *worst_out. */
static nn_status gradient_check(network *net, const nn_matrix *X, const nn_matrix *Y,
                                pass *p, gradient *g, double *worst_out, nn_error *err)
{
    static const char *names[] = {"W1", "b1", "W2", "b2"};
    TRY(forward(net, X, p, err));
    double L = loss_of(p->A2, Y);
    TRY(backward(net, X, Y, p, g, err));

    nn_gradcheck_options opt = nn_gradcheck_defaults();
    printf("Gradient check at the starting parameters, L = %.10g\n", L);
    printf("every dL/dp from backpropagation against finite differences: the central\n"
           "difference D(h) = (L(p + h) - L(p - h)) / 2h, extrapolated to\n"
           "D(h) + (D(h) - D(2h)) / 3, with h = %g max(1, |p|)\n\n", opt.h);
    printf("  %-9s %17s %20s %16s\n", "parameter", "backpropagation", "finite differences",
           "relative error");

    // [check every parameter]
    nn_matrix *params[] = {net->W1, net->b1, net->W2, net->b2};
    const nn_matrix *grads[] = {g->dW1, g->db1, g->dW2, g->db2};
    check_context context = {net, X, Y, p};
    nn_gradcheck_result worst = {0, 0, -1.0, 0.0, 0.0};
    size_t worst_k = 0;
    for (size_t k = 0; k < 4; k++) {
        size_t count = params[k]->rows * params[k]->cols, cols = params[k]->cols;
        double numeric[2 * MAX_HIDDEN], rel[2 * MAX_HIDDEN]; /* W1 is largest */
        nn_gradcheck_result res;
        TRY(nn_gradcheck(network_loss, &context, params[k]->data, grads[k]->data,
                         count, &opt, numeric, rel, &res, err));
        for (size_t i = 0; i < count; i++) {
            char name[64]; /* room for two 20-digit indices */
            snprintf(name, sizeof name, "%s[%zu,%zu]", names[k], i / cols, i % cols);
            printf("  %-9s %17.10e %20.10e %16.1e\n", name, grads[k]->data[i],
                   numeric[i], rel[i]);
        }
        /* the worst of all four arrays; a NaN, once seen, stays the worst */
        if (!isnan(worst.worst_error) && !(res.worst_error <= worst.worst_error)) {
            worst = res;
            worst_k = k;
        }
    }
    // [end check every parameter]

    size_t cols = params[worst_k]->cols;
    char where[64];
    snprintf(where, sizeof where, "%s[%zu,%zu]", names[worst_k], worst.worst / cols,
             worst.worst % cols);
    /* Rounding alone makes each loss uncertain by a few eps |L|, and the difference
     * quotient divides that by about 2h: a floor below which no check can see. */
    double difference = fabs(worst.worst_analytic - worst.worst_numeric);
    double noise = DBL_EPSILON * fabs(L) / opt.h;
    printf("\nworst relative error: %.1e at %s\n", worst.worst_error, where);
    if (worst.worst_error <= CHECK_TOLERANCE)
        printf("below %g: backpropagation agrees with finite differences\n\n",
               CHECK_TOLERANCE);
    else if (difference <= 100.0 * noise)
        printf("above %g, but there |dL/dp| is only %.1e: the difference %.1e is within\n"
               "the rounding error of the finite differences (eps |L| / h = %.1e)\n\n",
               CHECK_TOLERANCE, fabs(worst.worst_analytic), difference, noise);
    else
        printf("above %g: the difference %.1e is far above the rounding error of the\n"
               "finite differences (eps |L| / h = %.1e); look for a bug in the backward "
               "pass\n\n", CHECK_TOLERANCE, difference, noise);
    *worst_out = worst.worst_error;
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * Training. */

typedef struct settings {
    uint32_t seed;
    long epochs;
    double eta;
    long hidden;
} settings;

/* The loss after every epoch (epochs + 1 values: before the first update, and after
 * each), for the figure. */
typedef struct history {
    double *loss;
    long count;
} history;

static nn_status train(network *net, const nn_matrix *X, const nn_matrix *Y, pass *p,
                       gradient *g, const settings *s, history *h, nn_error *err)
{
    long every = s->epochs >= 10 ? s->epochs / 10 : 1; /* print about ten rows */
    h->loss = nn_alloc((size_t)s->epochs + 1, sizeof *h->loss, "loss history", err);
    if (!h->loss)
        return err->code;
    h->count = 0;
    printf("Training: %ld epochs of gradient descent on all %zu samples, "
           "learning rate %g\n\n", s->epochs, X->rows, s->eta);
    printf("  epoch          loss\n");
    // [train]
    for (long epoch = 0;; epoch++) {
        TRY(forward(net, X, p, err));        /* A2 with the current parameters */
        double L = loss_of(p->A2, Y);        /* the loss after `epoch` updates */
        h->loss[h->count++] = L;
        if (epoch % every == 0 || epoch == s->epochs)
            printf("  %5ld  %12.10f\n", epoch, L);
        if (!isfinite(L))
            return nn_error_set(err, NN_ERR_NUMERIC, "the loss became %g at epoch "
                                "%ld; try a smaller --learning-rate", L, epoch);
        if (epoch == s->epochs)
            break;
        TRY(backward(net, X, Y, p, g, err)); /* dL/dp for every parameter */
        update(net, g, s->eta);              /* p <- p - eta dL/dp */
    }
    // [end train]
    printf("\n");
    return NN_OK;
}

/* What the trained network answers for the four samples (p holds the last pass). */
static size_t report(const network *net, const nn_matrix *X, const nn_matrix *Y,
                     const pass *p)
{
    printf("After training, the predictions A2 (%zu x 1):\n", p->A2->rows);
    nn_matrix_print(stdout, p->A2);
    printf("\n  x1 x2 | target | output | class (output > 0.5)\n");
    size_t right = 0;
    for (size_t n = 0; n < X->rows; n++) {
        double a = nn_matrix_get(p->A2, n, 0), y = nn_matrix_get(Y, n, 0);
        int cls = nn_threshold_class(a, 0.5);
        right += cls == (int)y;
        printf("   %.0f  %.0f |    %.0f   | %.4f | %d%s\n", nn_matrix_get(X, n, 0),
               nn_matrix_get(X, n, 1), y, a, cls, cls == (int)y ? "" : "  (wrong)");
    }
    printf("%zu of %zu right\n", right, X->rows);
    printf("\nThe trained parameters:\n");
    const char *names[] = {"W1", "b1", "W2", "b2"};
    const nn_matrix *params[] = {net->W1, net->b1, net->W2, net->b2};
    for (size_t k = 0; k < 4; k++) {
        printf("%s (%zu x %zu) = ", names[k], params[k]->rows, params[k]->cols);
        nn_matrix_print(stdout, params[k]);
    }
    return right;
}

/* ------------------------------------------------------------------------------------
 * The figures. */

#define GRID 101 /* points per side of the grid over [0, 1]^2: steps of 0.01 */

static nn_status draw_loss(nn_plot_mode mode, const char *out, const history *h,
                           const settings *s, nn_error *err)
{
    nn_plot *p;
    TRY(nn_plot_open(&p, mode, out, "loss-curve", 1, 1, err));
    if (!p)
        return NN_OK;
    long stride = h->count / 2000 + 1; /* at most about 2000 points */
    nn_plot_data_begin(p, "loss");
    for (long e = 0; e < h->count; e += stride)
        nn_plot_data_row(p, 2, (double[]){(double)e, h->loss[e]});
    if ((h->count - 1) % stride != 0)
        nn_plot_data_row(p, 2, (double[]){(double)(h->count - 1), h->loss[h->count - 1]});
    nn_plot_data_end(p);
    char title[160];
    snprintf(title, sizeof title, "Training a 2-%ld-1 network on XOR (η = %g, seed %lu)",
             s->hidden, s->eta, (unsigned long)s->seed);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "epoch");
    nn_plot_set_text(p, "ylabel", "loss L = (1/2N) Σ (a - y)²  (log scale)");
    nn_plot_command(p, "set logscale y; set format y '%%g'; set grid; set key off");
    nn_plot_command(p, "set xrange [0:%ld]", h->count > 1 ? h->count - 1 : 1);
    if (h->count == 1) /* a single point (--epochs 0): give the log axis some room */
        nn_plot_command(p, "set yrange [%.17g:%.17g]", h->loss[0] / 10, h->loss[0] * 10);
    nn_plot_command(p, "plot $loss using 1:2 with lines lw 2 lc rgb '#1f4e79'");
    return nn_plot_close(p, err);
}

/* The network's answers on a GRID x GRID grid over [0, 1]^2: one forward pass, with the
 * grid's points as the N = GRID^2 samples. */
static nn_status grid_pass(const network *net, size_t H, pass *p, nn_matrix **G,
                           nn_error *err)
{
    *G = nn_matrix_new(GRID * GRID, 2, err);
    if (!*G)
        return err->code;
    for (size_t r = 0; r < GRID; r++)
        for (size_t c = 0; c < GRID; c++) {
            nn_matrix_set(*G, r * GRID + c, 0, (double)c / (GRID - 1));
            nn_matrix_set(*G, r * GRID + c, 1, (double)r / (GRID - 1));
        }
    nn_status status = pass_new(p, GRID * GRID, H, err);
    if (status == NN_OK)
        status = forward(net, *G, p, err);
    return status;
}

/* Sends column j of values (GRID^2 x cols) as a gnuplot grid: x, y, value, with a
 * blank line after each row of the grid. */
static void send_grid(nn_plot *p, const char *name, const nn_matrix *G,
                      const nn_matrix *values, size_t j)
{
    nn_plot_data_begin(p, name);
    for (size_t r = 0; r < GRID; r++) {
        for (size_t c = 0; c < GRID; c++) {
            size_t n = r * GRID + c;
            double row[3] = {nn_matrix_get(G, n, 0), nn_matrix_get(G, n, 1),
                             nn_matrix_get(values, n, j)};
            nn_plot_data_row(p, 3, row);
        }
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
}

static void send_points(nn_plot *p)
{
    nn_plot_data_begin(p, "points");
    for (size_t n = 0; n < 4; n++)
        nn_plot_data_row(p, 3, (double[]){XOR_X[2 * n], XOR_X[2 * n + 1], XOR_Y[n]});
    nn_plot_data_end(p);
}

/* True when column j of values has entries on both sides of 0.5, so that the 0.5
 * contour exists (gnuplot warns about an empty one). */
static bool crosses_half(const nn_matrix *values, size_t j)
{
    bool below = false, above = false;
    for (size_t n = 0; n < values->rows; n++) {
        below |= nn_matrix_get(values, n, j) < 0.5;
        above |= nn_matrix_get(values, n, j) > 0.5;
    }
    return below && above;
}

/* gnuplot draws the 0.5 contour of $name into the datablock $name_half, and the
 * returned text plots it ("" when there is none). */
static const char *contour_half(nn_plot *p, const char *name, const nn_matrix *values,
                                size_t j, const char *style, char *buf, size_t size)
{
    if (!crosses_half(values, j))
        return "";
    snprintf(buf, size, ", $%s_half with lines %s", name, style);
    nn_plot_command(p, "set contour base; set cntrparam levels discrete 0.5");
    nn_plot_command(p, "unset surface");
    nn_plot_command(p, "set table $%s_half", name);
    nn_plot_command(p, "splot $%s using 1:2:3 with lines", name);
    nn_plot_command(p, "unset table; unset contour; set surface");
    return buf;
}

/* Blue for 0, white for 1/2, red for 1. */
static const char *PALETTE =
    "set palette defined (0 '#2166ac', 0.5 '#f7f7f7', 1 '#b2182b')";

static nn_status draw_surface(nn_plot_mode mode, const char *out, const nn_matrix *G,
                              const pass *grid, const settings *s, nn_error *err)
{
    nn_plot *p;
    TRY(nn_plot_open(&p, mode, out, "decision-surface", 1, 1, err));
    if (!p)
        return NN_OK;
    send_grid(p, "surface", G, grid->A2, 0);
    send_points(p);
    char line[128];
    const char *half = contour_half(p, "surface", grid->A2, 0,
                                    "lw 2.5 lc rgb '#000000' title 'a = 0.5'", line,
                                    sizeof line);
    char title[160];
    snprintf(title, sizeof title, "Output of the 2-%ld-1 network after %ld epochs "
             "(seed %lu)", s->hidden, s->epochs, (unsigned long)s->seed);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
    nn_plot_set_text(p, "cblabel", "network output a");
    nn_plot_command(p, "%s; set cbrange [0:1]", PALETTE);
    nn_plot_command(p, "set xrange [-0.005:1.005]; set yrange [-0.005:1.005]");
    nn_plot_command(p, "set size ratio -1");
    nn_plot_command(p, "set xtics 0,0.25,1; set ytics 0,0.25,1; set tics out");
    nn_plot_command(p, "set key outside bottom center horizontal spacing 1.5 width 2");
    nn_plot_command(p,
                    "plot $surface using 1:2:3 with image notitle%s, "
                    "$points using 1:($3 > 0.5 ? $2 : NaN) with points pt 7 ps 2.5 "
                    "lc rgb '#000000' title 'target 1', "
                    "$points using 1:($3 > 0.5 ? NaN : $2) with points pt 6 ps 2.5 lw 2 "
                    "lc rgb '#000000' title 'target 0'", half);
    return nn_plot_close(p, err);
}

/* One panel per hidden neuron (at most 8): its activation over [0, 1]^2 and the line
 * where its weighted sum is 0, with its outgoing weight W2[j] in the title. */
static nn_status draw_hidden(nn_plot_mode mode, const char *out, const network *net,
                             const nn_matrix *G, const pass *grid, nn_error *err)
{
    size_t H = net->W1->cols, shown = H < 8 ? H : 8;
    /* 1, 2 or 4 panels in a square-ish grid; 5 to 8 in two rows of four */
    int cols = shown == 1 ? 1 : shown <= 4 ? 2 : 4;
    int rows = (int)((shown + (size_t)cols - 1) / (size_t)cols);
    nn_plot *p;
    TRY(nn_plot_open(&p, mode, out, "hidden-neurons", cols, rows, err));
    if (!p)
        return NN_OK;
    send_points(p);
    char lines[8][96];
    const char *half[8];
    for (size_t j = 0; j < shown; j++) {
        char name[16];
        snprintf(name, sizeof name, "h%zu", j);
        send_grid(p, name, G, grid->A1, j);
        half[j] = contour_half(p, name, grid->A1, j, "lw 2 lc rgb '#000000'", lines[j],
                               sizeof lines[j]);
    }
    nn_plot_command(p, "%s; set cbrange [0:1]; unset colorbox", PALETTE);
    nn_plot_command(p, "set xrange [-0.005:1.005]; set yrange [-0.005:1.005]");
    nn_plot_command(p, "set size ratio -1");
    nn_plot_command(p, "set xtics 0,0.5,1; set ytics 0,0.5,1; set tics out; set key off");
    nn_plot_command(p, "set multiplot layout %d,%d", rows, cols);
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
    for (size_t j = 0; j < shown; j++) {
        char title[96];
        snprintf(title, sizeof title, "hidden neuron %zu, W2[%zu,0] = %.2f", j, j,
                 nn_matrix_get(net->W2, j, 0));
        nn_plot_set_text(p, "title", title);
        nn_plot_command(p,
                        "plot $h%zu using 1:2:3 with image%s, "
                        "$points using 1:($3 > 0.5 ? $2 : NaN) with points pt 7 ps 1.5 "
                        "lc rgb '#000000', "
                        "$points using 1:($3 > 0.5 ? NaN : $2) with points pt 6 ps 1.5 "
                        "lw 2 lc rgb '#000000'",
                        j, half[j]);
    }
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

static nn_status draw_figures(nn_plot_mode mode, const char *out, const network *net,
                              const history *h, const settings *s, nn_error *err)
{
    if (nn_plot_resolve(mode) == NN_PLOT_NONE)
        return NN_OK;
    TRY(draw_loss(mode, out, h, s, err));
    pass grid = {0};
    nn_matrix *G = NULL;
    nn_status status = grid_pass(net, (size_t)s->hidden, &grid, &G, err);
    if (status == NN_OK)
        status = draw_surface(mode, out, G, &grid, s, err);
    if (status == NN_OK)
        status = draw_hidden(mode, out, net, G, &grid, err);
    pass_free(&grid);
    nn_matrix_free(G);
    return status;
}

/* ------------------------------------------------------------------------------------
 * The program. */

static void print_start(const network *net, const settings *s)
{
    printf("A 2-%ld-1 sigmoid network learns XOR (seed %lu)\n\n", s->hidden,
           (unsigned long)s->seed);
    printf("The data: N = 4 samples, one per row\n");
    printf("  X (4 x 2)   Y (4 x 1)\n");
    for (size_t n = 0; n < 4; n++)
        printf("    %.0f  %.0f        %.0f\n", XOR_X[2 * n], XOR_X[2 * n + 1], XOR_Y[n]);
    printf("\nThe starting parameters, uniform on [-1, 1) from seed %lu:\n",
           (unsigned long)s->seed);
    const char *names[] = {"W1", "b1", "W2", "b2"};
    const nn_matrix *params[] = {net->W1, net->b1, net->W2, net->b2};
    for (size_t k = 0; k < 4; k++) {
        printf("%s (%zu x %zu) = ", names[k], params[k]->rows, params[k]->cols);
        nn_matrix_print(stdout, params[k]);
    }
    printf("\n");
}

static nn_status run(const settings *s, nn_plot_mode mode, const char *out, nn_error *err)
{
    size_t H = (size_t)s->hidden;
    nn_matrix *X = nn_matrix_from_array(4, 2, XOR_X, err);
    nn_matrix *Y = X ? nn_matrix_from_array(4, 1, XOR_Y, err) : NULL;
    network net = {0};
    pass p = {0};
    gradient g = {0};
    history h = {NULL, 0};
    nn_status status = Y ? NN_OK : err->code;
    if (status == NN_OK)
        status = network_new(&net, H, err);
    if (status == NN_OK)
        status = pass_new(&p, 4, H, err);
    if (status == NN_OK)
        status = gradient_new(&g, H, err);
    if (status == NN_OK) {
        network_init(&net, s->seed);
        print_start(&net, s);
        double worst;
        status = gradient_check(&net, X, Y, &p, &g, &worst, err);
    }
    if (status == NN_OK)
        status = train(&net, X, Y, &p, &g, s, &h, err);
    if (status == NN_OK) {
        report(&net, X, Y, &p);
        fflush(stdout);
        status = draw_figures(mode, out, &net, &h, s, err);
    }
    nn_alloc_free(h.loss);
    gradient_free(&g);
    pass_free(&p);
    network_free(&net);
    nn_matrix_free(Y);
    nn_matrix_free(X);
    return status;
}

int main(int argc, char **argv)
{
    settings s = {.seed = 1, .epochs = 5000, .eta = 2.0, .hidden = 4};
    int plot_mode = NN_PLOT_AUTO;
    const char *out = "figures";
    nn_flag flags[] = {
        NN_FLAG_SEED("seed", &s.seed, "seed for the starting weights"),
        NN_FLAG_INT("epochs", &s.epochs, "gradient-descent steps over the four samples", 0,
                    1000000),
        NN_FLAG_REAL("learning-rate", &s.eta, "step size eta", 1e-6, 1000),
        NN_FLAG_INT("hidden", &s.hidden, "neurons in the hidden layer, H", 1, MAX_HIDDEN),
        NN_PLOT_FLAGS(&plot_mode, &out),
    };
    size_t n_flags = sizeof flags / sizeof flags[0];
    int exit_status = nn_flags_main(argc, argv, flags, n_flags, PROGRAM, SUMMARY, stdout, stderr);
    if (exit_status >= 0)
        return exit_status;
    nn_error err;
    if (run(&s, (nn_plot_mode)plot_mode, out, &err) != NN_OK) {
        fflush(stdout);
        fprintf(stderr, "%s: %s\n", PROGRAM, err.message);
        return 1;
    }
    return 0;
}
