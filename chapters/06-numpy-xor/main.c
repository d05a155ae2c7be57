/* 06-numpy-xor - the tutorial's "simple ANN in numpy", line for line in C.
 *
 * Part 1 trains the tutorial's first network: three inputs wired straight to one
 * sigmoid output, on a target that copies the first input. Part 2 trains its second:
 * a hidden layer of four sigmoids between the inputs and the output, on XOR, the gate
 * that chapter 1's single neuron could not learn. Both are written with nn_matrix the
 * way the Python is written with numpy arrays, each Python line in a comment above its
 * C, and both print what the Python prints, digit for digit: the starting weights
 * (lib/random), the order of every addition (lib/matrix) and the formula of every
 * element-wise operation are numpy's.
 *
 * Beside this file, figures.c draws the figures (the mean absolute error against the
 * iteration for both networks, and the trained XOR network's output over the plane)
 * and report.c shows arrays as numpy and Python print them.
 *
 *     build/bin/06-numpy-xor [--part both|1|2] [--seed N] [--iterations N] [--hidden N]
 *                            [--hex] [--plot MODE] [--out DIR] [--live]
 */
#include <math.h>
#include <stdio.h>

#include "nn.h"
#include "figures.h"
#include "report.h"

static const char *PROGRAM = "06-numpy-xor";
static const char *SUMMARY = "The tutorial's numpy network in C: one layer, then a hidden "
                             "layer that learns XOR.";

#define PART1_ITERATIONS 10000 /* the tutorial's run lengths */
#define PART2_ITERATIONS 60000
#define PRINT_EVERY 10000      /* part 2 prints its error every this many iterations */

/* The program's settings, from its flags. */
typedef struct settings {
    int part; /* index in "both|1|2" */
    uint32_t seed;
    long iterations, hidden;
    bool hex, live;  /* live: --live, part 2's error drawn as it falls (lib/live_curve) */
    int plot;        /* an nn_plot_mode: where the figures go */
    const char *out; /* their directory */
} settings;

/* ------------------------------------------------------------------------------------
 * The data and the activation, as the tutorial writes them. */

// [data]
/* X = np.array([[0,0,1], [0,1,1], [1,0,1], [1,1,1]]): four samples, one
 * per row, of three inputs. The third input is always 1, so its weight acts
 * as a bias. */
static const double X_DATA[4 * 3] = {
    0, 0, 1,
    0, 1, 1,
    1, 0, 1,
    1, 1, 1,
};
/* Part 1's y = np.array([[0,0,1,1]]).T is the first input copied; part 2's
 * is XOR of the first two. Both are 4 x 1 columns, one target per sample. */
static const double Y_COPY[4] = {0, 0, 1, 1};
static const double Y_XOR[4] = {0, 1, 1, 0};
// [end data]

// [nonlin]
/* nonlin(x) = 1/(1+np.exp(-x)): the sigmoid, exactly as the tutorial writes
 * it. Each element is one negation, one exp, one addition and one division, in
 * that order, as numpy evaluates the expression; a rearranged formula would
 * round differently. */
static double nonlin(double x)
{
    return 1.0 / (1.0 + exp(-x));
}

/* nonlin(x, deriv=True) = x*(1-x): the sigmoid's slope, given its OUTPUT x,
 * since sigma'(z) = sigma(z) (1 - sigma(z)). The tutorial always passes it a
 * layer's output. */
static double nonlin_deriv(double x)
{
    return x * (1.0 - x);
}
// [end nonlin]

/* ------------------------------------------------------------------------------------
 * Two more numpy expressions of the tutorial, as C functions. */

// [random weights]
/* 2*np.random.random(w.shape) - 1: every element of w uniform on [-1, 1), drawn in
 * memory order (row by row), as numpy fills an array. */
static void random_weights(nn_matrix *w, nn_rng *rng)
{
    for (size_t k = 0; k < w->rows * w->cols; k++)
        w->data[k] = 2 * nn_rng_random(rng) - 1;
}
// [end random weights]

/* np.mean(np.abs(e)): |e| element-wise into scratch, summed in numpy's order by
 * nn_matrix_sum (e is a column, so axis 0 sums all of it), divided by the count. */
static nn_status mean_abs(const nn_matrix *e, nn_matrix *scratch, double *mean, nn_error *err)
{
    nn_matrix total = {1, 1, (double[1]){0.0}};
    NN_TRY(nn_matrix_apply(scratch, e, fabs, err));
    NN_TRY(nn_matrix_sum(&total, scratch, 0, err));
    *mean = total.data[0] / (double)e->rows;
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * Part 1: the network without a hidden layer. */

// [part 1 network]
/* The tutorial's first network, and every matrix that one iteration computes: C has no
 * temporaries that appear and vanish inside an expression. */
typedef struct part1_net {
    nn_matrix *X, *y;                    /* 4 x 3, 4 x 1   the data */
    nn_matrix *syn0;                     /* 3 x 1          the weights */
    nn_matrix *l0T;                      /* 3 x 4          l0.T */
    nn_matrix *l1, *l1_error, *l1_delta; /* 4 x 1 */
    nn_matrix *syn0_step;                /* 3 x 1          np.dot(l0.T,l1_delta) */
    nn_matrix *scratch;                  /* 4 x 1          np.abs(l1_error) */
} part1_net;
// [end part 1 network]

/* Trains part 1's network, printing what the tutorial prints, and records the error
 * curve for the figure. */
static nn_status part1_train(part1_net *n, long iterations, bool hex, curve *errors,
                             nn_error *err)
{
    NN_TRY(show("syn0 = 2*np.random.random((3,1)) - 1", n->syn0, err));
    // [part 1 loop]
    NN_TRY(nn_matrix_transpose(n->l0T, n->X, err)); /* l0.T never changes: once */
    for (long iter = 0; iter < iterations; iter++) { /* for iter in range(10000): */
        /* l0 = X; l1 = nonlin(np.dot(l0,syn0)) */
        NN_TRY(nn_matrix_matmul(n->l1, n->X, NN_NO_TRANS, n->syn0, NN_NO_TRANS, err));
        NN_TRY(nn_matrix_apply(n->l1, n->l1, nonlin, err));
        /* l1_error = y - l1 */
        NN_TRY(nn_matrix_sub(n->l1_error, n->y, n->l1, err));
        /* l1_delta = l1_error * nonlin(l1,True) */
        NN_TRY(nn_matrix_apply(n->l1_delta, n->l1, nonlin_deriv, err));
        NN_TRY(nn_matrix_mul(n->l1_delta, n->l1_error, n->l1_delta, err));
        /* syn0 += np.dot(l0.T,l1_delta) */
        NN_TRY(nn_matrix_matmul(n->syn0_step, n->l0T, NN_NO_TRANS, n->l1_delta,
                                NN_NO_TRANS, err));
        NN_TRY(nn_matrix_add(n->syn0, n->syn0, n->syn0_step, err));

        /* Not in the tutorial: np.mean(np.abs(l1_error)), for the figure. */
        double mae;
        NN_TRY(mean_abs(n->l1_error, n->scratch, &mae, err));
        curve_add(errors, iter, mae, iterations - 1);
    }
    // [end part 1 loop]
    return show_part1_results(n->l1, n->syn0, Y_COPY, hex, err);
}

/* Part 1 from the seed to the trained output: the tutorial's setup, then the loop above. */
static nn_status part1(const settings *s, curve *errors, nn_error *err)
{
    long iterations = s->iterations ? s->iterations : PART1_ITERATIONS;
    printf("Part 1: one layer, three inputs wired straight to one sigmoid output\n"
           "np.random.seed(%lu); %ld iterations; y = [0, 0, 1, 1] (a copy of x1)\n\n",
           (unsigned long)s->seed, iterations);
    // [part 1 setup]
    part1_net n;
    const nn_matrix_spec specs[] = {
        {&n.X, 4, 3, X_DATA},  /* X = np.array([[0,0,1], ...]) */
        {&n.y, 4, 1, Y_COPY},  /* y = np.array([[0,0,1,1]]).T */
        {&n.syn0, 3, 1, NULL}, /* drawn below */
        {&n.l0T, 3, 4, NULL},      {&n.l1, 4, 1, NULL},        {&n.l1_error, 4, 1, NULL},
        {&n.l1_delta, 4, 1, NULL}, {&n.syn0_step, 3, 1, NULL}, {&n.scratch, 4, 1, NULL},
    };
    nn_matrix_group *group = nn_matrix_group_new(specs, NN_COUNT(specs), err);
    NN_TRY(nn_made(group, err));
    nn_rng rng;
    nn_rng_seed(&rng, s->seed);   /* np.random.seed(1) */
    random_weights(n.syn0, &rng); /* syn0 = 2*np.random.random((3,1)) - 1 */
    // [end part 1 setup]
    nn_status status = part1_train(&n, iterations, s->hex, errors, err);
    nn_matrix_group_free(group);
    return status;
}

/* ------------------------------------------------------------------------------------
 * Part 2: the network with a hidden layer, on XOR. */

/* The tutorial's second network, with h hidden neurons, and every matrix that one
 * iteration computes. */
typedef struct part2_net {
    nn_matrix *X, *y;                    /* 4 x 3, 4 x 1   the data */
    nn_matrix *syn0, *syn1;              /* 3 x h, h x 1   the weights */
    nn_matrix *l0T;                      /* 3 x 4          l0.T */
    nn_matrix *l1, *l1_error, *l1_delta; /* 4 x h */
    nn_matrix *l2, *l2_error, *l2_delta; /* 4 x 1 */
    nn_matrix *syn0_step, *syn1_step;    /* 3 x h, h x 1   the updates */
    nn_matrix *scratch;                  /* 4 x 1          np.abs(l2_error) */
} part2_net;

// [part 2 step]
/* One iteration of the tutorial's loop: forward, backward, update. */
static nn_status part2_step(part2_net *n, nn_error *err)
{
    /* l0 = X
     * l1 = nonlin(np.dot(l0,syn0)) */
    NN_TRY(nn_matrix_matmul(n->l1, n->X, NN_NO_TRANS, n->syn0, NN_NO_TRANS, err));
    NN_TRY(nn_matrix_apply(n->l1, n->l1, nonlin, err));
    /* l2 = nonlin(np.dot(l1,syn1)) */
    NN_TRY(nn_matrix_matmul(n->l2, n->l1, NN_NO_TRANS, n->syn1, NN_NO_TRANS, err));
    NN_TRY(nn_matrix_apply(n->l2, n->l2, nonlin, err));
    /* l2_error = y - l2 */
    NN_TRY(nn_matrix_sub(n->l2_error, n->y, n->l2, err));
    /* l2_delta = l2_error*nonlin(l2,deriv=True) */
    NN_TRY(nn_matrix_apply(n->l2_delta, n->l2, nonlin_deriv, err));
    NN_TRY(nn_matrix_mul(n->l2_delta, n->l2_error, n->l2_delta, err));
    /* l1_error = l2_delta.dot(syn1.T) */
    NN_TRY(nn_matrix_matmul(n->l1_error, n->l2_delta, NN_NO_TRANS, n->syn1, NN_TRANS, err));
    /* l1_delta = l1_error * nonlin(l1,deriv=True) */
    NN_TRY(nn_matrix_apply(n->l1_delta, n->l1, nonlin_deriv, err));
    NN_TRY(nn_matrix_mul(n->l1_delta, n->l1_error, n->l1_delta, err));
    /* syn1 += l1.T.dot(l2_delta) */
    NN_TRY(nn_matrix_matmul(n->syn1_step, n->l1, NN_TRANS, n->l2_delta, NN_NO_TRANS, err));
    NN_TRY(nn_matrix_add(n->syn1, n->syn1, n->syn1_step, err));
    /* syn0 += l0.T.dot(l1_delta) */
    NN_TRY(nn_matrix_matmul(n->syn0_step, n->l0T, NN_NO_TRANS, n->l1_delta, NN_NO_TRANS,
                            err));
    NN_TRY(nn_matrix_add(n->syn0, n->syn0, n->syn0_step, err));
    return NN_OK;
}
// [end part 2 step]

/* Trains part 2's network, printing what the tutorial prints, and records the error
 * curve for the figure. */
static nn_status part2_train(part2_net *n, long iterations, bool hex, curve *errors,
                             nn_live_curve *live, nn_error *err)
{
    NN_TRY(show_part2_start(n->syn0, n->syn1, err));
    // [part 2 loop]
    NN_TRY(nn_matrix_transpose(n->l0T, n->X, err)); /* l0.T, once */
    for (long j = 0; j < iterations; j++) {         /* for j in range(60000): */
        NN_TRY(part2_step(n, err));
        /* if (j% 10000) == 0:
         *     print("Error:" + str(np.mean(np.abs(l2_error))))
         * (the step has not changed l2_error since it computed it) */
        double mae;
        NN_TRY(mean_abs(n->l2_error, n->scratch, &mae, err));
        if (j % PRINT_EVERY == 0) {
            char text[NN_PYTHON_FLOAT_MAX];
            nn_python_float_str(mae, text); /* str(np.mean(...)) */
            printf("Error:%s\n", text);
        }
        curve_add(errors, j, mae, iterations - 1); /* for the figure */
        nn_live_curve_step(live, j, mae);          /* --live: drawn as it falls */
    }
    // [end part 2 loop]
    return show_part2_results(n->l2, n->l1, n->syn0, n->syn1, Y_XOR, hex, err);
}

/* The trained network on every point of the figure's grid at once, one row (x1, x2, 1)
 * per point, through the same two lines as the forward pass of the training loop. */
static nn_status fill_surface(surface *s, const nn_matrix *syn0, const nn_matrix *syn1,
                              nn_error *err)
{
    nn_matrix out = {GRID * GRID, 1, s->out}; /* GRID^2 x 1, the figure's own array */
    nn_matrix *grid, *l1, *l2 = &out;
    const nn_matrix_spec specs[] = {
        {&grid, GRID * GRID, 3, NULL},        /* GRID^2 x 3 */
        {&l1, GRID * GRID, syn0->cols, NULL}, /* GRID^2 x h */
    };
    nn_status status = NN_OK;
    nn_matrix_group *group = nn_matrix_group_new(specs, NN_COUNT(specs), err);
    NN_TRY(nn_made(group, err));
    surface_inputs(grid);
    // [surface]
    /* l1 = nonlin(np.dot(grid,syn0)); l2 = nonlin(np.dot(l1,syn1)) */
    NN_TRY_CLEANUP(nn_matrix_matmul(l1, grid, NN_NO_TRANS, syn0, NN_NO_TRANS, err));
    NN_TRY_CLEANUP(nn_matrix_apply(l1, l1, nonlin, err));
    NN_TRY_CLEANUP(nn_matrix_matmul(l2, l1, NN_NO_TRANS, syn1, NN_NO_TRANS, err));
    NN_TRY_CLEANUP(nn_matrix_apply(l2, l2, nonlin, err));
    // [end surface]
    s->ready = true;
cleanup:
    nn_matrix_group_free(group);
    return status;
}

/* Part 2 from the seed to the trained output: the tutorial's setup, then the loop above,
 * and the trained network over the plane for the figure (surf, if not NULL). */
static nn_status part2(const settings *s, curve *errors, surface *surf, nn_error *err)
{
    long iterations = s->iterations ? s->iterations : PART2_ITERATIONS;
    size_t h = (size_t)s->hidden;
    printf("Part 2: a hidden layer of %zu sigmoid%s between the inputs and the output\n"
           "np.random.seed(%lu); %ld iterations; y = [0, 1, 1, 0] (XOR of x1 and x2)\n\n",
           h, h == 1 ? "" : "s", (unsigned long)s->seed, iterations);
    // [part 2 setup]
    part2_net n;
    const nn_matrix_spec specs[] = {
        {&n.X, 4, 3, X_DATA},  /* X = np.array([[0,0,1], ...]) */
        {&n.y, 4, 1, Y_XOR},   /* y = np.array([[0],[1],[1],[0]]) */
        {&n.syn0, 3, h, NULL}, /* drawn below */
        {&n.syn1, h, 1, NULL},
        {&n.l0T, 3, 4, NULL},
        {&n.l1, 4, h, NULL},   {&n.l1_error, 4, h, NULL},  {&n.l1_delta, 4, h, NULL},
        {&n.l2, 4, 1, NULL},   {&n.l2_error, 4, 1, NULL},  {&n.l2_delta, 4, 1, NULL},
        {&n.syn0_step, 3, h, NULL}, {&n.syn1_step, h, 1, NULL}, {&n.scratch, 4, 1, NULL},
    };
    nn_matrix_group *group = nn_matrix_group_new(specs, NN_COUNT(specs), err);
    NN_TRY(nn_made(group, err));
    nn_rng rng; /* one generator for both: syn1's draws follow syn0's */
    nn_rng_seed(&rng, s->seed);   /* np.random.seed(1) */
    random_weights(n.syn0, &rng); /* syn0 = 2*np.random.random((3,4)) - 1 */
    random_weights(n.syn1, &rng); /* syn1 = 2*np.random.random((4,1)) - 1 */
    // [end part 2 setup]
    nn_live_curve live;
    nn_status status = nn_live_curve_open(&live, s->live, (nn_plot_mode)s->plot,
                                          iterations - 1, "mean |error|", err);
    if (status == NN_OK)
        status = part2_train(&n, iterations, s->hex, errors, &live, err);
    nn_live_curve_close(&live);
    if (status == NN_OK && surf)
        status = fill_surface(surf, n.syn0, n.syn1, err);
    nn_matrix_group_free(group);
    return status;
}

/* ------------------------------------------------------------------------------------
 * The program. */

static nn_status run(const settings *s, nn_error *err)
{
    nn_plot_mode mode = nn_plot_resolve((nn_plot_mode)s->plot);
    static curve one, two; /* static: a few kilobytes each, zeroed */
    static surface surf;
    if (s->part != 2)
        NN_TRY(part1(s, &one, err));
    if (s->part != 1)
        NN_TRY(part2(s, &two, mode == NN_PLOT_NONE ? NULL : &surf, err));
    fflush(stdout); /* our text first, then any dumb-terminal figures */
    figure_data fig = {s->seed, (size_t)s->hidden, s->part != 2 ? &one : NULL,
                       s->part != 1 ? &two : NULL, &surf, X_DATA, Y_XOR};
    return draw_figures(mode, s->out, &fig, err);
}

int main(int argc, char **argv)
{
    settings s = {.part = 0, .seed = 1, .iterations = 0, .hidden = 4, .hex = false,
                  .plot = NN_PLOT_AUTO, .out = "figures"};
    nn_flag flags[] = {
        NN_FLAG_CHOICE("part", &s.part, "which network to train", "both|1|2"),
        NN_FLAG_SEED("seed", &s.seed, "np.random.seed for the starting weights"),
        NN_FLAG_INT("iterations", &s.iterations,
                    "training iterations; 0: the tutorial's 10000 (part 1), 60000 (part 2)",
                    0, 10000000),
        NN_FLAG_INT("hidden", &s.hidden, "neurons in part 2's hidden layer", 1, 1000),
        NN_FLAG_SWITCH("hex", &s.hex, "also print results as exact hexadecimal doubles"),
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
