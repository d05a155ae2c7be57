/* 06-numpy-xor - the tutorial's "simple ANN in numpy", line for line in C.
 *
 * Part 1 trains the tutorial's first network: three inputs wired straight to one
 * sigmoid output, on a target that copies the first input. Part 2 trains its second:
 * a hidden layer of four sigmoids between the inputs and the output, on XOR, the gate
 * that chapter 1's single neuron could not learn. Both are written with nn_matrix the
 * way the Python is written with numpy arrays, a few C lines per Python line, and both
 * print what the Python prints. The starting weights (lib/random), the order of every
 * addition (lib/matrix) and the formula of every element-wise operation are numpy's,
 * so the printed arrays are numpy's, digit for digit, for any seed and run length.
 * The figures: the mean absolute error against the iteration for both networks
 * (log-log), and the trained XOR network's output over the whole input plane.
 *
 *     build/bin/06-numpy-xor [--part both|1|2] [--seed N] [--iterations N] [--hidden N]
 *                            [--hex] [--plot MODE] [--out DIR]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

static const char *PROGRAM = "06-numpy-xor";
static const char *SUMMARY = "The tutorial's numpy network in C: one layer, then a hidden "
                             "layer that learns XOR.";

#define PART1_ITERATIONS 10000 /* the tutorial's run lengths */
#define PART2_ITERATIONS 60000
#define PRINT_EVERY 10000      /* part 2 prints its error every this many iterations */

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
 * Small helpers: failure handling and numpy's mean. */

/* Every nn_matrix call returns a status. The shapes below are fixed and right, so in
 * practice only an allocation can fail. TRY, NEW and FROM send any failure to the
 * function's cleanup at `done`, with `status` and `err` telling what went wrong. */
#define TRY(call)                                                                          \
    do {                                                                                   \
        if ((status = (call)) != NN_OK)                                                    \
            goto done;                                                                     \
    } while (0)
#define NEW(m, rows, cols)                                                                 \
    do {                                                                                   \
        if (!((m) = nn_matrix_new((rows), (cols), err))) {                                 \
            status = NN_ERR_NOMEM;                                                         \
            goto done;                                                                     \
        }                                                                                  \
    } while (0)
#define FROM(m, rows, cols, values)                                                        \
    do {                                                                                   \
        if (!((m) = nn_matrix_from_array((rows), (cols), (values), err))) {                \
            status = NN_ERR_NOMEM;                                                         \
            goto done;                                                                     \
        }                                                                                  \
    } while (0)

/* np.mean(np.abs(e)): |e| element-wise into scratch, summed in numpy's order by
 * nn_matrix_sum (e is a column, so axis 0 sums all of it), divided by the count. */
static nn_status mean_abs(const nn_matrix *e, nn_matrix *scratch, double *mean, nn_error *err)
{
    nn_matrix total = {1, 1, (double[1]){0.0}};
    nn_status status = nn_matrix_apply(scratch, e, fabs, err);
    if (status == NN_OK)
        status = nn_matrix_sum(&total, scratch, 0, err);
    if (status == NN_OK)
        *mean = total.data[0] / (double)e->rows;
    return status;
}

/* Prints a matrix as numpy's repr() under a caption line. */
static nn_status show(const char *caption, const nn_matrix *m, nn_error *err)
{
    if (caption)
        printf("%s\n", caption);
    if (nn_matrix_print(stdout, m) != NN_OK)
        return nn_error_set(err, NN_ERR_IO, "cannot write to standard output");
    return NN_OK;
}

/* --hex: every element in memory order, one per line, as Python's float.hex()
 * writes it ("%.13a": always 13 hexadecimal digits after the point), with a
 * space in place of a plus sign so that the digits line up. */
static void show_hex(const char *name, const nn_matrix *m)
{
    for (size_t k = 0; k < m->rows * m->cols; k++)
        printf("%-4s %c % .13a\n", k ? "" : name, k ? ' ' : '=', m->data[k]);
}

/* The outputs rounded at 0.5, beside the targets. */
static void show_rounded(const nn_matrix *out, const double *targets, const char *what)
{
    int right = 0;
    printf("rounded at 0.5: [");
    for (size_t i = 0; i < out->rows; i++) {
        int bit = out->data[i] >= 0.5;
        right += bit == (int)targets[i];
        printf(i ? ", %d" : "%d", bit);
    }
    printf("]; %s: [", what);
    for (size_t i = 0; i < out->rows; i++)
        printf(i ? ", %.0f" : "%.0f", targets[i]);
    printf("]; %d of 4 right\n", right);
}

/* ------------------------------------------------------------------------------------
 * The error curve for the figure: the mean absolute error at iterations 1, 2, 3, ...
 * thinned to about 40 points per decade, since the figure's axes are logarithmic.
 * (Iteration j's error is measured after j updates; iteration 0 has no place on a log
 * axis.) */

#define CURVE_MAX 512

typedef struct curve {
    size_t n;
    long next; /* the next iteration to keep */
    double iteration[CURVE_MAX], error[CURVE_MAX];
} curve;

static void curve_add(curve *c, long j, double error, long last)
{
    if (j == 0 || (j < c->next && j != last) || c->n == CURVE_MAX)
        return;
    c->iteration[c->n] = (double)j;
    c->error[c->n] = error;
    c->n++;
    long next = (long)ceil((double)j * 1.0593); /* 10^(1/40) */
    c->next = next > j ? next : j + 1;
}

/* ------------------------------------------------------------------------------------
 * Part 1: the network without a hidden layer. */

static nn_status part1(uint32_t seed, long iterations, bool hex, curve *errors, nn_error *err)
{
    nn_status status = NN_OK;
    nn_matrix *X = NULL, *l0T = NULL, *y = NULL, *syn0 = NULL, *l1 = NULL, *l1_error = NULL,
              *l1_delta = NULL, *syn0_step = NULL, *scratch = NULL;
    printf("Part 1: one layer, three inputs wired straight to one sigmoid output\n"
           "np.random.seed(%lu); %ld iterations; y = [0, 0, 1, 1] (a copy of x1)\n\n",
           (unsigned long)seed, iterations);

    // [part 1 setup]
    /* X = np.array([[0,0,1], ...]); y = np.array([[0,0,1,1]]).T */
    FROM(X, 4, 3, X_DATA);
    FROM(y, 4, 1, Y_COPY);
    /* np.random.seed(1)
     * syn0 = 2*np.random.random((3,1)) - 1 */
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    NEW(syn0, 3, 1);
    for (size_t k = 0; k < 3; k++)
        syn0->data[k] = 2 * nn_rng_random(&rng) - 1;
    // [end part 1 setup]
    TRY(show("syn0 = 2*np.random.random((3,1)) - 1", syn0, err));

    NEW(l0T, 3, 4);
    NEW(l1, 4, 1);
    NEW(l1_error, 4, 1);
    NEW(l1_delta, 4, 1);
    NEW(syn0_step, 3, 1);
    NEW(scratch, 4, 1);

    // [part 1 loop]
    TRY(nn_matrix_transpose(l0T, X, err)); /* l0.T never changes: once */
    for (long iter = 0; iter < iterations; iter++) {
        /* l0 = X; l1 = nonlin(np.dot(l0,syn0)) */
        TRY(nn_matrix_matmul(l1, X, NN_NO_TRANS, syn0, NN_NO_TRANS, err));
        TRY(nn_matrix_apply(l1, l1, nonlin, err));
        /* l1_error = y - l1 */
        TRY(nn_matrix_sub(l1_error, y, l1, err));
        /* l1_delta = l1_error * nonlin(l1,True) */
        TRY(nn_matrix_apply(l1_delta, l1, nonlin_deriv, err));
        TRY(nn_matrix_mul(l1_delta, l1_error, l1_delta, err));
        /* syn0 += np.dot(l0.T,l1_delta) */
        TRY(nn_matrix_matmul(syn0_step, l0T, NN_NO_TRANS, l1_delta, NN_NO_TRANS,
                             err));
        TRY(nn_matrix_add(syn0, syn0, syn0_step, err));

        /* Not in the tutorial: np.mean(np.abs(l1_error)), for the figure. */
        double mae;
        TRY(mean_abs(l1_error, scratch, &mae, err));
        curve_add(errors, iter, mae, iterations - 1);
    }
    // [end part 1 loop]

    printf("\n");
    TRY(show("Output After Training:", l1, err));
    show_rounded(l1, Y_COPY, "y");
    printf("\n");
    TRY(show("syn0 after training:", syn0, err));
    if (hex) {
        printf("\nthe same as float.hex() (--hex):\n");
        show_hex("l1", l1);
        show_hex("syn0", syn0);
    }
    printf("\n");
done:
    nn_matrix_free(scratch);
    nn_matrix_free(syn0_step);
    nn_matrix_free(l1_delta);
    nn_matrix_free(l1_error);
    nn_matrix_free(l1);
    nn_matrix_free(syn0);
    nn_matrix_free(y);
    nn_matrix_free(l0T);
    nn_matrix_free(X);
    return status;
}

/* ------------------------------------------------------------------------------------
 * Part 2: the network with a hidden layer, on XOR. */

/* What the decision-surface figure needs: the trained network's output at the points of
 * a GRID x GRID lattice over [SURFACE_LOW, SURFACE_HIGH]^2, row by row in x2. */
#define GRID 81
#define SURFACE_LOW (-0.5)
#define SURFACE_HIGH 1.5

typedef struct surface {
    bool ready;
    double out[GRID * GRID];
} surface;

static double grid_coordinate(size_t k)
{
    return SURFACE_LOW + (SURFACE_HIGH - SURFACE_LOW) * (double)k / (GRID - 1);
}

/* The trained network on every grid point at once: one row (x1, x2, 1) per point, through
 * the same two lines as the forward pass of the training loop. */
static nn_status fill_surface(surface *s, const nn_matrix *syn0, const nn_matrix *syn1,
                              nn_error *err)
{
    nn_status status = NN_OK;
    nn_matrix *grid = NULL, *h = NULL, *out = NULL;
    NEW(grid, GRID * GRID, 3);
    NEW(h, GRID * GRID, syn0->cols);
    NEW(out, GRID * GRID, 1);
    for (size_t r = 0; r < GRID; r++)
        for (size_t c = 0; c < GRID; c++) {
            double *row = grid->data + 3 * (r * GRID + c);
            row[0] = grid_coordinate(c);
            row[1] = grid_coordinate(r);
            row[2] = 1.0;
        }
    // [surface]
    /* l1 = nonlin(np.dot(grid,syn0)); l2 = nonlin(np.dot(l1,syn1)) */
    TRY(nn_matrix_matmul(h, grid, NN_NO_TRANS, syn0, NN_NO_TRANS, err));
    TRY(nn_matrix_apply(h, h, nonlin, err));
    TRY(nn_matrix_matmul(out, h, NN_NO_TRANS, syn1, NN_NO_TRANS, err));
    TRY(nn_matrix_apply(out, out, nonlin, err));
    // [end surface]
    memcpy(s->out, out->data, sizeof s->out);
    s->ready = true;
done:
    nn_matrix_free(out);
    nn_matrix_free(h);
    nn_matrix_free(grid);
    return status;
}

static nn_status part2(uint32_t seed, long iterations, size_t hidden, bool hex, curve *errors,
                       surface *surf, nn_error *err)
{
    nn_status status = NN_OK;
    nn_matrix *X = NULL, *l0T = NULL, *y = NULL, *syn0 = NULL, *syn1 = NULL, *l1 = NULL,
              *l2 = NULL, *l2_error = NULL, *l2_delta = NULL, *l1_error = NULL,
              *l1_delta = NULL, *syn0_step = NULL, *syn1_step = NULL, *scratch = NULL;
    printf("Part 2: a hidden layer of %zu sigmoid%s between the inputs and the output\n"
           "np.random.seed(%lu); %ld iterations; y = [0, 1, 1, 0] (XOR of x1 and x2)\n\n",
           hidden, hidden == 1 ? "" : "s", (unsigned long)seed, iterations);

    // [part 2 setup]
    /* X = np.array([[0,0,1], ...]); y = np.array([[0],[1],[1],[0]]) */
    FROM(X, 4, 3, X_DATA);
    FROM(y, 4, 1, Y_XOR);
    /* np.random.seed(1)
     * syn0 = 2*np.random.random((3,4)) - 1
     * syn1 = 2*np.random.random((4,1)) - 1    (the draws go on, row by row) */
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    NEW(syn0, 3, hidden);
    NEW(syn1, hidden, 1);
    for (size_t k = 0; k < 3 * hidden; k++)
        syn0->data[k] = 2 * nn_rng_random(&rng) - 1;
    for (size_t k = 0; k < hidden; k++)
        syn1->data[k] = 2 * nn_rng_random(&rng) - 1;
    // [end part 2 setup]
    char caption[96];
    snprintf(caption, sizeof caption, "syn0 = 2*np.random.random((3,%zu)) - 1", hidden);
    TRY(show(caption, syn0, err));
    snprintf(caption, sizeof caption, "syn1 = 2*np.random.random((%zu,1)) - 1", hidden);
    TRY(show(caption, syn1, err));
    printf("\n");

    NEW(l0T, 3, 4);
    NEW(l1, 4, hidden);
    NEW(l2, 4, 1);
    NEW(l2_error, 4, 1);
    NEW(l2_delta, 4, 1);
    NEW(l1_error, 4, hidden);
    NEW(l1_delta, 4, hidden);
    NEW(syn0_step, 3, hidden);
    NEW(syn1_step, hidden, 1);
    NEW(scratch, 4, 1);

    // [part 2 loop]
    TRY(nn_matrix_transpose(l0T, X, err)); /* l0.T, once */
    for (long j = 0; j < iterations; j++) {
        /* l0 = X
         * l1 = nonlin(np.dot(l0,syn0))
         * l2 = nonlin(np.dot(l1,syn1)) */
        TRY(nn_matrix_matmul(l1, X, NN_NO_TRANS, syn0, NN_NO_TRANS, err));
        TRY(nn_matrix_apply(l1, l1, nonlin, err));
        TRY(nn_matrix_matmul(l2, l1, NN_NO_TRANS, syn1, NN_NO_TRANS, err));
        TRY(nn_matrix_apply(l2, l2, nonlin, err));

        /* l2_error = y - l2 */
        TRY(nn_matrix_sub(l2_error, y, l2, err));

        /* if (j% 10000) == 0:
         *     print("Error:" + str(np.mean(np.abs(l2_error)))) */
        double mae;
        TRY(mean_abs(l2_error, scratch, &mae, err));
        if (j % PRINT_EVERY == 0) {
            char text[NN_PYTHON_FLOAT_MAX];
            nn_python_float_str(mae, text); /* str(np.mean(...)) */
            printf("Error:%s\n", text);
        }
        curve_add(errors, j, mae, iterations - 1); /* for the figure */

        /* l2_delta = l2_error*nonlin(l2,deriv=True) */
        TRY(nn_matrix_apply(l2_delta, l2, nonlin_deriv, err));
        TRY(nn_matrix_mul(l2_delta, l2_error, l2_delta, err));

        /* l1_error = l2_delta.dot(syn1.T) */
        TRY(nn_matrix_matmul(l1_error, l2_delta, NN_NO_TRANS, syn1, NN_TRANS,
                             err));

        /* l1_delta = l1_error * nonlin(l1,deriv=True) */
        TRY(nn_matrix_apply(l1_delta, l1, nonlin_deriv, err));
        TRY(nn_matrix_mul(l1_delta, l1_error, l1_delta, err));

        /* syn1 += l1.T.dot(l2_delta)
         * syn0 += l0.T.dot(l1_delta) */
        TRY(nn_matrix_matmul(syn1_step, l1, NN_TRANS, l2_delta, NN_NO_TRANS,
                             err));
        TRY(nn_matrix_add(syn1, syn1, syn1_step, err));
        TRY(nn_matrix_matmul(syn0_step, l0T, NN_NO_TRANS, l1_delta, NN_NO_TRANS,
                             err));
        TRY(nn_matrix_add(syn0, syn0, syn0_step, err));
    }
    // [end part 2 loop]

    TRY(show("Output After Training:", l2, err));
    show_rounded(l2, Y_XOR, "XOR");
    printf("\n");
    TRY(show("hidden layer l1, last iteration (rows: inputs, columns: neurons):", l1,
             err));
    printf("\n");
    TRY(show("syn0 after training:", syn0, err));
    TRY(show("syn1 after training:", syn1, err));
    if (hex) {
        printf("\nthe same as float.hex() (--hex):\n");
        show_hex("l2", l2);
        show_hex("syn0", syn0);
        show_hex("syn1", syn1);
    }
    printf("\n");
    if (surf)
        TRY(fill_surface(surf, syn0, syn1, err));
done:
    nn_matrix_free(scratch);
    nn_matrix_free(syn1_step);
    nn_matrix_free(syn0_step);
    nn_matrix_free(l1_delta);
    nn_matrix_free(l1_error);
    nn_matrix_free(l2_delta);
    nn_matrix_free(l2_error);
    nn_matrix_free(l2);
    nn_matrix_free(l1);
    nn_matrix_free(syn1);
    nn_matrix_free(syn0);
    nn_matrix_free(y);
    nn_matrix_free(l0T);
    nn_matrix_free(X);
    return status;
}

/* ------------------------------------------------------------------------------------
 * The figures. */

/* Mean absolute error against the iteration, both axes logarithmic. */
static nn_status draw_errors(nn_plot_mode mode, const char *out, const curve *c1,
                             const curve *c2, size_t hidden, uint32_t seed, nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "error-curves", 1, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    const curve *curves[2] = {c1, c2};
    for (int k = 0; k < 2; k++) {
        if (!curves[k])
            continue;
        nn_plot_data_begin(p, k == 0 ? "one" : "two");
        for (size_t i = 0; i < curves[k]->n; i++)
            nn_plot_data_row(p, 2, (double[]){curves[k]->iteration[i], curves[k]->error[i]});
        nn_plot_data_end(p);
    }
    char title[120];
    snprintf(title, sizeof title, "Mean absolute error while training, np.random.seed(%lu)",
             (unsigned long)seed);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "iteration (log scale)");
    nn_plot_set_text(p, "ylabel", "mean |y - output| (log scale)");
    nn_plot_command(p, "set logscale xy; set format x '%%.0f'; set format y '%%g'");
    nn_plot_command(p, "set grid xtics ytics lc rgb '#cccccc'");
    nn_plot_command(p, "set key bottom left opaque box samplen 3");
    /* The titles hold only our own text and numbers, so they can go inline. */
    nn_plot_command(p, "plot %s%s%s",
                    c1 ? "$one using 1:2 with lines lw 2.5 lc rgb '#1f4e79' "
                         "title 'part 1: no hidden layer, y = first input'"
                       : "",
                    c1 && c2 ? ", " : "",
                    c2 ? "$two using 1:2 with lines lw 2.5 lc rgb '#c0392b' title 'part 2: "
                         "hidden layer, y = XOR'"
                       : "");
    (void)hidden;
    return nn_plot_close(p, err);
}

/* The trained XOR network's output over the input plane (x3 = 1), with the 0.5 contour
 * (its decision boundary) and the four training points. */
static nn_status draw_surface(nn_plot_mode mode, const char *out, const surface *s,
                              size_t hidden, nn_error *err)
{
    nn_plot *p;
    if (!s->ready)
        return NN_OK;
    if (nn_plot_open(&p, mode, out, "xor-surface", 1, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "grid");
    for (size_t r = 0; r < GRID; r++) {
        for (size_t c = 0; c < GRID; c++)
            nn_plot_data_row(p, 3, (double[]){grid_coordinate(c), grid_coordinate(r),
                                              s->out[r * GRID + c]});
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);
    nn_plot_data_begin(p, "points");
    for (size_t i = 0; i < 4; i++)
        nn_plot_data_row(p, 3, (double[]){X_DATA[3 * i], X_DATA[3 * i + 1], Y_XOR[i]});
    nn_plot_data_end(p);

    /* The 0.5 contour, traced by gnuplot into a datablock, then drawn over the image. */
    nn_plot_command(p, "set view map; unset surface; set contour base");
    nn_plot_command(p, "set cntrparam levels discrete 0.5");
    nn_plot_command(p, "set table $boundary");
    nn_plot_command(p, "splot $grid using 1:2:3 with lines");
    nn_plot_command(p, "unset table");
    nn_plot_command(p, "unset contour; set surface");

    char title[120];
    snprintf(title, sizeof title,
             "XOR network after training (%zu hidden): output l2, x3 = 1", hidden);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
    nn_plot_set_text(p, "cblabel", "output l2");
    nn_plot_command(p, "set xrange [%g:%g]; set yrange [%g:%g]; set size ratio -1",
                    SURFACE_LOW, SURFACE_HIGH, SURFACE_LOW, SURFACE_HIGH);
    nn_plot_command(p, "set xtics 0,0.5,1; set ytics 0,0.5,1; set cbrange [0:1]");
    nn_plot_command(p, "set palette defined (0 '#2166ac', 0.5 '#f7f7f7', 1 '#b2182b')");
    nn_plot_command(p, "set key off");
    nn_plot_command(p, "plot $grid using 1:2:3 with image, "
                       "$boundary using 1:2 with lines lw 2 dt 2 lc rgb 'black', "
                       "$points using 1:2:($3 > 0.5 ? 7 : 6) with points pointtype variable "
                       "pointsize 2.5 lc rgb 'black'");
    return nn_plot_close(p, err);
}

/* ------------------------------------------------------------------------------------ */

int main(int argc, char **argv)
{
    int part = 0; /* index in "both|1|2" */
    uint32_t seed = 1;
    long iterations = 0, hidden = 4;
    bool hex = false;
    int plot_mode = NN_PLOT_AUTO;
    const char *out = "figures";
    nn_flag flags[] = {
        NN_FLAG_CHOICE("part", &part, "which network to train", "both|1|2"),
        NN_FLAG_SEED("seed", &seed, "np.random.seed for the starting weights"),
        NN_FLAG_INT("iterations", &iterations,
                    "training iterations; 0: the tutorial's 10000 (part 1), 60000 (part 2)",
                    0, 10000000),
        NN_FLAG_INT("hidden", &hidden, "neurons in part 2's hidden layer", 1, 1000),
        NN_FLAG_SWITCH("hex", &hex, "also print results as exact hexadecimal doubles"),
        NN_PLOT_FLAGS(&plot_mode, &out),
    };
    size_t n_flags = sizeof flags / sizeof flags[0];
    int exit_status = nn_flags_main(argc, argv, flags, n_flags, PROGRAM, SUMMARY, stdout, stderr);
    if (exit_status >= 0)
        return exit_status;
    nn_error err;

    nn_plot_mode mode = nn_plot_resolve((nn_plot_mode)plot_mode);
    static curve c1, c2;   /* static: a few kilobytes each, zeroed */
    static surface surf;
    nn_status status = NN_OK;
    if (part != 2)
        status = part1(seed, iterations ? iterations : PART1_ITERATIONS, hex, &c1, &err);
    if (status == NN_OK && part != 1)
        status = part2(seed, iterations ? iterations : PART2_ITERATIONS, (size_t)hidden, hex,
                       &c2, mode == NN_PLOT_NONE ? NULL : &surf, &err);
    fflush(stdout); /* our text first, then any dumb-terminal figures */
    if (status == NN_OK)
        status = draw_errors(mode, out, part != 2 ? &c1 : NULL, part != 1 ? &c2 : NULL,
                             (size_t)hidden, seed, &err);
    if (status == NN_OK)
        status = draw_surface(mode, out, &surf, (size_t)hidden, &err);
    if (status != NN_OK) {
        fprintf(stderr, "%s: %s\n", PROGRAM, err.message);
        return 1;
    }
    return 0;
}
