/* 05-backpropagation - a 2-H-1 sigmoid network learns XOR, by backpropagation.
 *
 * The network is written with lib/matrix, one matrix product per layer, in the order
 * the chapter explains it: the parameters and their shapes, forward propagation, the
 * loss, the backward pass (output delta, hidden delta, the gradient of every weight and
 * bias) and the gradient-descent update. Before training, the program checks the
 * backward pass against central finite differences (lib/gradcheck). Then it trains on
 * the four XOR samples and shows what the trained network answers, for the samples
 * and over the whole square [0, 1]^2.
 *
 * Beside this file: figures.c draws the figures (with --live, lib/live_curve draws the
 * loss as it falls), report.c lays out the text, and vanishing.c runs --part vanishing:
 * the gradient of each layer of a deep network, with sigmoid, tanh and relu units.
 *
 *     build/bin/05-backpropagation [--part xor|vanishing|both] [--seed N] [--epochs N]
 *                                  [--learning-rate X] [--hidden N] [--depth N]
 *                                  [--width N] [--hex] [--plot MODE] [--out DIR] [--live]
 *
 * Shapes in the comments: N samples (4 for XOR, one per row), 2 inputs, H hidden
 * neurons (--hidden), 1 output.
 */
#include <math.h>
#include <stdio.h>

#include "nn.h"
#include "figures.h"
#include "report.h"
#include "vanishing.h"

static const char *PROGRAM = "05-backpropagation";
static const char *SUMMARY = "A 2-H-1 sigmoid network learns XOR by backpropagation, "
                             "checked against finite differences.";

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
    NN_TRY(nn_matrix_matmul(p->Z1, X, NN_NO_TRANS, net->W1, NN_NO_TRANS, err));
    NN_TRY(nn_matrix_add_row(p->Z1, p->Z1, net->b1, err));
    /* A1 = sigma(Z1)    N x H, the hidden layer's outputs */
    NN_TRY(nn_matrix_apply(p->A1, p->Z1, nn_sigmoid, err));
    /* Z2 = A1 W2 + b2   (N x H)(H x 1) = N x 1 */
    NN_TRY(nn_matrix_matmul(p->Z2, p->A1, NN_NO_TRANS, net->W2, NN_NO_TRANS, err));
    NN_TRY(nn_matrix_add_row(p->Z2, p->Z2, net->b2, err));
    /* A2 = sigma(Z2)    N x 1, the predictions */
    NN_TRY(nn_matrix_apply(p->A2, p->Z2, nn_sigmoid, err));
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
    NN_TRY(nn_matrix_sub(p->D2, p->A2, Y, err));
    NN_TRY(nn_matrix_apply(p->S2, p->A2, nn_sigmoid_derivative_from_output, err));
    NN_TRY(nn_matrix_mul(p->D2, p->D2, p->S2, err));
    NN_TRY(nn_matrix_scale(p->D2, p->D2, 1.0 / N, err));
    /* Output layer  dW2 = A1^T D2         (H x N)(N x 1) = H x 1
     *               db2 = column sums of D2                  1 x 1 */
    NN_TRY(nn_matrix_matmul(g->dW2, p->A1, NN_TRANS, p->D2, NN_NO_TRANS, err));
    NN_TRY(nn_matrix_sum(g->db2, p->D2, 0, err));
    /* Hidden delta  D1 = (D2 W2^T) * S1,  S1 = sigma'(Z1) = A1 (1 - A1)
     *               (N x 1)(1 x H) = N x H */
    NN_TRY(nn_matrix_matmul(p->D1, p->D2, NN_NO_TRANS, net->W2, NN_TRANS, err));
    NN_TRY(nn_matrix_apply(p->S1, p->A1, nn_sigmoid_derivative_from_output, err));
    NN_TRY(nn_matrix_mul(p->D1, p->D1, p->S1, err));
    /* Hidden layer  dW1 = X^T D1          (2 x N)(N x H) = 2 x H
     *               db1 = column sums of D1                  1 x H */
    NN_TRY(nn_matrix_matmul(g->dW1, X, NN_TRANS, p->D1, NN_NO_TRANS, err));
    NN_TRY(nn_matrix_sum(g->db1, p->D1, 0, err));
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
    NN_TRY(forward(c->net, c->X, c->p, err));
    *loss = loss_of(c->p->A2, c->Y);
    return NN_OK;
}
// [end loss for the checker]

/* Backpropagation's gradient at the starting parameters, against finite differences. */
static nn_status gradient_check(network *net, const nn_matrix *X, const nn_matrix *Y,
                                pass *p, gradient *g, nn_error *err)
{
    NN_TRY(forward(net, X, p, err));
    double L = loss_of(p->A2, Y);
    NN_TRY(backward(net, X, Y, p, g, err));
    nn_gradcheck_options opt = nn_gradcheck_defaults();
    print_check_header(L, opt.h);

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
        NN_TRY(nn_gradcheck(network_loss, &context, params[k]->data, grads[k]->data,
                            count, &opt, numeric, rel, &res, err));
        for (size_t i = 0; i < count; i++) /* one row per parameter */
            print_check_row(k, i, cols, grads[k]->data[i], numeric[i], rel[i]);
        /* the worst of all four arrays; a NaN, once seen, stays the worst */
        if (!isnan(worst.worst_error) && !(res.worst_error <= worst.worst_error)) {
            worst = res;
            worst_k = k;
        }
    }
    // [end check every parameter]

    print_check_verdict(worst_k, params[worst_k]->cols, &worst, L, opt.h, CHECK_TOLERANCE);
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * Training. */

/* The program's settings, from its flags. */
typedef struct settings {
    int part;        /* 0: XOR, 1: the vanishing gradients, 2: both */
    uint32_t seed;
    long epochs;
    double eta;
    long hidden;
    long depth, width; /* the deep network of --part vanishing */
    bool hex, live;  /* live: --live, the loss drawn as it falls (lib/live_curve) */
    int plot;        /* an nn_plot_mode: where the figures go */
    const char *out; /* their directory */
} settings;

/* Gradient descent for s->epochs epochs, keeping the loss before each update and after
 * the last in losses (1 x (epochs + 1)) for the figure. */
static nn_status train(network *net, const nn_matrix *X, const nn_matrix *Y, pass *p,
                       gradient *g, nn_matrix *losses, const settings *s,
                       nn_live_curve *live, nn_error *err)
{
    long every = s->epochs >= 10 ? s->epochs / 10 : 1; /* print about ten rows */
    printf("Training: %ld epochs of gradient descent on all %zu samples, "
           "learning rate %g\n\n", s->epochs, X->rows, s->eta);
    printf("  epoch          loss\n");
    // [train]
    for (long epoch = 0;; epoch++) {
        NN_TRY(forward(net, X, p, err));        /* A2 with the current parameters */
        double L = loss_of(p->A2, Y);           /* the loss after `epoch` updates */
        losses->data[epoch] = L;
        nn_live_curve_step(live, epoch, L);     /* --live: the curve so far, drawn */
        if (epoch % every == 0 || epoch == s->epochs)
            printf("  %5ld  %12.10f\n", epoch, L);
        if (!isfinite(L))
            return nn_error_set(err, NN_ERR_NUMERIC, "the loss became %g at epoch "
                                "%ld; try a smaller --learning-rate", L, epoch);
        if (epoch == s->epochs)
            break;
        NN_TRY(backward(net, X, Y, p, g, err)); /* dL/dp for every parameter */
        update(net, g, s->eta);                 /* p <- p - eta dL/dp */
    }
    // [end train]
    printf("\n");
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * What the trained network computes over the whole square. */

/* The trained network over [0, 1]^2: one forward pass with the GRID x GRID points of a
 * grid as its N = GRID^2 samples. Then the figures of it (figures.c). */
static nn_status show_figures(const network *net, const nn_matrix *X, const nn_matrix *Y,
                              const nn_matrix *losses, const settings *s, nn_error *err)
{
    if (nn_plot_resolve((nn_plot_mode)s->plot) == NN_PLOT_NONE)
        return NN_OK;
    size_t N = GRID * GRID, H = (size_t)s->hidden;
    nn_matrix *G;
    pass grid = {0}; /* the forward pass needs Z1, A1, Z2, A2 only */
    const nn_matrix_spec specs[] = {
        {&G, N, 2, NULL},                               /* N x 2, the points (x1, x2) */
        {&grid.Z1, N, H, NULL}, {&grid.A1, N, H, NULL}, /* N x H */
        {&grid.Z2, N, 1, NULL}, {&grid.A2, N, 1, NULL}, /* N x 1 */
    };
    nn_matrix_group *group = nn_matrix_group_new(specs, NN_COUNT(specs), err);
    NN_TRY(nn_made(group, err));
    for (size_t r = 0; r < GRID; r++)
        for (size_t c = 0; c < GRID; c++) {
            nn_matrix_set(G, r * GRID + c, 0, (double)c / (GRID - 1));
            nn_matrix_set(G, r * GRID + c, 1, (double)r / (GRID - 1));
        }
    nn_status status = forward(net, G, &grid, err);
    figure_data fig = {s->seed, s->hidden, s->epochs, s->eta, losses->data, s->epochs + 1,
                       X, Y, G, grid.A1, grid.A2, net->W2};
    if (status == NN_OK)
        status = draw_figures((nn_plot_mode)s->plot, s->out, &fig, err);
    nn_matrix_group_free(group);
    return status;
}

/* ------------------------------------------------------------------------------------
 * The program. */

/* The chapter in order: the starting network, the gradient check, training, what the
 * trained network answers, and the figures. */
static nn_status learn_xor(network *net, const nn_matrix *X, const nn_matrix *Y, pass *p,
                           gradient *g, nn_matrix *losses, const settings *s, nn_error *err)
{
    network_init(net, s->seed);
    const nn_matrix *params[] = {net->W1, net->b1, net->W2, net->b2};
    print_start(s->hidden, s->seed, X, Y, params);
    NN_TRY(gradient_check(net, X, Y, p, g, err));
    nn_live_curve live;
    NN_TRY(nn_live_curve_open(&live, s->live, (nn_plot_mode)s->plot, s->epochs, "loss",
                              err));
    nn_status status = train(net, X, Y, p, g, losses, s, &live, err);
    nn_live_curve_close(&live);
    NN_TRY(status);
    print_answers(X, Y, p->A2, params); /* p holds the last forward pass */
    fflush(stdout); /* the text first, then any figures drawn on the terminal */
    return show_figures(net, X, Y, losses, s, err);
}

/* Every matrix of the program in one group, each with its shape (rows, columns). */
static nn_status run(const settings *s, nn_error *err)
{
    size_t H = (size_t)s->hidden, E = (size_t)s->epochs + 1;
    nn_matrix *X, *Y, *losses;
    network net;
    gradient g;
    pass p;
    const nn_matrix_spec specs[] = {
        {&X, 4, 2, XOR_X},     {&Y, 4, 1, XOR_Y},     /* the data, N = 4 */
        {&net.W1, 2, H, NULL}, {&net.b1, 1, H, NULL}, /* the parameters */
        {&net.W2, H, 1, NULL}, {&net.b2, 1, 1, NULL},
        {&g.dW1, 2, H, NULL},  {&g.db1, 1, H, NULL},  /* their gradients */
        {&g.dW2, H, 1, NULL},  {&g.db2, 1, 1, NULL},
        {&p.Z1, 4, H, NULL},   {&p.A1, 4, H, NULL},   /* a pass over the data */
        {&p.Z2, 4, 1, NULL},   {&p.A2, 4, 1, NULL},
        {&p.D2, 4, 1, NULL},   {&p.S2, 4, 1, NULL},
        {&p.D1, 4, H, NULL},   {&p.S1, 4, H, NULL},
        {&losses, 1, E, NULL}, /* the loss before each update, and after the last */
    };
    nn_matrix_group *group = nn_matrix_group_new(specs, NN_COUNT(specs), err);
    NN_TRY(nn_made(group, err));
    nn_status status = NN_OK;
    if (s->part != 1)
        status = learn_xor(&net, X, Y, &p, &g, losses, s, err);
    vanishing_settings deep = {s->seed, s->depth, s->width, s->hex, s->plot, s->out};
    if (status == NN_OK && s->part != 0) {
        if (s->part == 2)
            printf("\n");
        status = vanishing(&deep, X, Y, err); /* vanishing.c */
    }
    nn_matrix_group_free(group);
    return status;
}

int main(int argc, char **argv)
{
    settings s = {.part = 0, .seed = 1, .epochs = 5000, .eta = 2.0, .hidden = 4,
                  .depth = 10, .width = 16, .hex = false, .plot = NN_PLOT_AUTO,
                  .out = "figures"};
    nn_flag flags[] = {
        NN_FLAG_CHOICE("part", &s.part,
                       "what to run: XOR, or the gradient of a deep network",
                       "xor|vanishing|both"),
        NN_FLAG_SEED("seed", &s.seed, "seed for the starting weights"),
        NN_FLAG_INT("epochs", &s.epochs, "gradient-descent steps over the four samples", 0,
                    1000000),
        NN_FLAG_REAL("learning-rate", &s.eta, "step size eta", 1e-6, 1000),
        NN_FLAG_INT("hidden", &s.hidden, "neurons in the hidden layer, H", 1, MAX_HIDDEN),
        NN_FLAG_INT("depth", &s.depth, "--part vanishing: hidden layers", 1, MAX_DEPTH),
        NN_FLAG_INT("width", &s.width, "--part vanishing: neurons per hidden layer", 1,
                    MAX_WIDTH),
        NN_FLAG_SWITCH("hex", &s.hex,
                       "--part vanishing: also print the norms in exact hex"),
        NN_PLOT_FLAGS(&s.plot, &s.out),
        NN_PLOT_LIVE_FLAG(&s.live),
    };
    int exit_status =
        nn_flags_main(argc, argv, flags, NN_COUNT(flags), PROGRAM, SUMMARY, stdout, stderr);
    if (exit_status >= 0)
        return exit_status;
    nn_error err;
    if (run(&s, &err) != NN_OK) {
        fflush(stdout);
        fprintf(stderr, "%s: %s\n", PROGRAM, err.message);
        return 1;
    }
    return 0;
}
