/* 02-sigmoid - the logistic sigmoid: a step with a slope.
 *
 * Part 1 prints a table of x, the sigmoid sigma(x), its slope sigma'(x) written in
 * terms of the output y = sigma(x) (as backpropagation computes it), and the class the
 * threshold gives (1 when sigma(x) > 0.5), for x from --from to --to in steps of --step.
 * Part 2 pushes the textbook formula to the extremes: its exponential overflows on the
 * far left, and on the far right 1 - sigma(x) and the slope y (1 - y) round to zero.
 *
 * Figures: the four element-wise activations with their derivatives; the sigmoid as a
 * classifier, with the table's points coloured by class; and the left tail of the
 * sigmoid on a log scale, where the textbook formula drops to zero too early.
 *
 *     build/bin/02-sigmoid [--from X] [--to X] [--step X] [--threshold P]
 *                          [--plot MODE] [--out DIR]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "nn.h"

#define PROGRAM "02-sigmoid"
#define SUMMARY "The sigmoid: a table of sigma(x), its slope and the class it gives."

/* The table has at most this many rows; the figures sample this many points. */
#define MAX_ROWS 10001
#define CURVE_POINTS 481

/* Part 1: the row for the i-th x of the range. */
static double grid_x(double from, double step, long i)
{
    double x = from + (double)i * step; /* no running sum: no creeping rounding error */
    return fabs(x) < 1e-9 * step ? 0.0 : x; /* -0.6 + 6 * 0.1 is 5.6e-17: call it 0 */
}

/* A probability in 11 columns: fixed point when that shows its digits, else e-format. */
static void print_probability(double p)
{
    if (p == 0.0 || fabs(p) >= 1e-4)
        printf(" %11.8f", p);
    else
        printf(" %11.4e", p);
}

static void print_table(double from, double to, double step, double threshold, long rows)
{
    printf("Part 1: the sigmoid from %g to %g in steps of %g\n", from, to, step);
    printf("sigma'(x) = y (1 - y) with y = sigma(x); class 1 when sigma(x) > %g\n\n",
           threshold);
    printf("%10s %11s %11s  %s\n", "x", "sigma(x)", "sigma'(x)", "class");
    for (long i = 0; i < rows; i++) {
        // [table row]
        double x = grid_x(from, step, i);
        double y = nn_sigmoid(x);                       /* a probability */
        double slope = nn_sigmoid_derivative_from_output(y); /* y (1 - y) */
        int class = nn_threshold_class(y, threshold);   /* 1 if y > 0.5 */
        // [end table row]
        printf("%10g", x);
        print_probability(y);
        print_probability(slope);
        printf("  %5d\n", class);
    }
    printf("\n");
}

// [textbook sigmoid]
static double textbook_sigmoid(double x)
{
    return 1.0 / (1.0 + exp(-x)); /* exp(-x) is inf for x < -709.78 */
}
// [end textbook sigmoid]

/* printf shows the sign bit of a NaN ("-nan" for exp(-NaN)); a NaN is a NaN. */
static double plain(double v)
{
    return isnan(v) ? NAN : v;
}

static void print_extremes(void)
{
    static const double left[] = {-INFINITY, -1000, -746, -745, -740, -720, -710,
                                  -709, -700, -40, NAN};
    static const double right[] = {10, 20, 30, 36, 37, 38, 40, 100, 1000, INFINITY};

    printf("Part 2: the extremes\n\n");
    printf("The left tail: the textbook formula 1 / (1 + exp(-x)) beside nn_sigmoid(x)\n\n");
    printf("%8s %13s %15s %15s\n", "x", "exp(-x)", "textbook", "nn_sigmoid");
    for (size_t i = 0; i < sizeof left / sizeof left[0]; i++) {
        volatile double x = left[i]; /* computed at run time, not folded by the compiler */
        printf("%8g %13.6g %15.6g %15.6g\n", x, plain(exp(-x)), plain(textbook_sigmoid(x)),
               plain(nn_sigmoid(x)));
    }
    printf("\nThe right tail: y = sigma(x) rounds to 1, and 1 - y and the slope y (1 - y)\n"
           "lose everything; sigma(-x) and the slope sigma(x) sigma(-x) keep it\n\n");
    printf("%5s %19s %10s %10s %10s %17s\n", "x", "y = sigma(x)", "1 - y", "sigma(-x)",
           "y (1 - y)", "sigma(x)sigma(-x)");
    for (size_t i = 0; i < sizeof right / sizeof right[0]; i++) {
        volatile double x = right[i];
        double y = nn_sigmoid(x);
        printf("%5g %19.17f %10.5g %10.5g %10.5g %17.5g\n", x, y, 1.0 - y, nn_sigmoid(-x),
               nn_sigmoid_derivative_from_output(y), nn_sigmoid_derivative(x));
    }
}

/* ---- Figures ---------------------------------------------------------------------- */

/* The four element-wise activations of scikit-learn, in the panels' order. */
static const nn_activation CURVES[] = {NN_IDENTITY, NN_LOGISTIC, NN_TANH, NN_RELU};
#define N_CURVES (sizeof CURVES / sizeof CURVES[0])

static nn_status draw_activations(nn_plot_mode mode, const char *out, double from, double to,
                                  nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "activations", 2, 2, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    double x[CURVE_POINTS], y[CURVE_POINTS], slope[CURVE_POINTS];
    nn_plot_data_begin(p, "curves");
    for (size_t c = 0; c < N_CURVES; c++) {
        // [derivative curves]
        for (int i = 0; i < CURVE_POINTS; i++) {
            x[i] = from + (to - from) * i / (CURVE_POINTS - 1);
            y[i] = x[i];
            slope[i] = 1.0; /* delta = 1, so delta * f'(x) is f'(x) itself */
        }
        /* A layer's view: f in place, then f' from the outputs alone. */
        nn_activation_apply(CURVES[c], y, CURVE_POINTS, 1, NULL);
        nn_activation_derivative(CURVES[c], y, slope, CURVE_POINTS, 1, NULL);
        // [end derivative curves]
        for (int i = 0; i < CURVE_POINTS; i++)
            nn_plot_data_row(p, 3, (double[]){x[i], y[i], slope[i]});
        nn_plot_data_break(p);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);

    nn_plot_command(p, "set multiplot layout 2,2");
    nn_plot_command(p, "set grid; set key top left box opaque; set xrange [%g:%g]", from, to);
    nn_plot_command(p, "set xzeroaxis lt -1 lw 0.5; set yzeroaxis lt -1 lw 0.5");
    nn_plot_set_text(p, "xlabel", "x");
    static const char *const titles[] = {"identity: f(x) = x", "logistic: f(x) = σ(x)",
                                         "tanh: f(x) = tanh x", "relu: f(x) = max(x, 0)"};
    for (size_t c = 0; c < N_CURVES; c++) {
        nn_plot_set_text(p, "title", titles[c]);
        if (CURVES[c] == NN_LOGISTIC || CURVES[c] == NN_TANH)
            nn_plot_command(p, "set yrange [-1.25:1.25]");
        else /* identity and relu grow with x: show them up to 3, and their slopes */
            nn_plot_command(p, "set yrange [%g:3.25]", CURVES[c] == NN_RELU ? -0.75 : -3.25);
        nn_plot_command(p, "plot $curves index %zu using 1:2 with lines lw 2.5 lc rgb '#1f4e79' "
                           "title 'f(x)', '' index %zu using 1:3 with lines lw 2 dt 2 "
                           "lc rgb '#c0392b' title \"f'(x)\"", c, c);
    }
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

static nn_status draw_classes(nn_plot_mode mode, const char *out, double from, double to,
                              double step, double threshold, long rows, nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "sigmoid-classes", 1, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "curve");
    for (int i = 0; i < CURVE_POINTS; i++) {
        double x = from + (to - from) * i / (CURVE_POINTS - 1);
        nn_plot_data_row(p, 2, (double[]){x, nn_sigmoid(x)});
    }
    nn_plot_data_end(p);
    /* The table's rows, at most about a hundred of them so the points stay apart. */
    long every = rows > 101 ? (rows + 100) / 101 : 1;
    nn_plot_data_begin(p, "points");
    for (long i = 0; i < rows; i += every) {
        double x = grid_x(from, step, i), y = nn_sigmoid(x);
        nn_plot_data_row(p, 3, (double[]){x, y, nn_threshold_class(y, threshold)});
    }
    nn_plot_data_end(p);

    char title[128];
    snprintf(title, sizeof title, "class 1 when σ(x) > %g, that is when x > %g", threshold,
             log(threshold / (1.0 - threshold)));
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "x");
    nn_plot_set_text(p, "ylabel", "σ(x)");
    nn_plot_command(p, "set grid; set key top left box opaque; set xrange [%g:%g]", from, to);
    nn_plot_command(p, "set yrange [-0.05:1.05]");
    nn_plot_command(p, "set arrow from graph 0, first %.17g to graph 1, first %.17g nohead "
                       "dt 2 lc rgb '#555555'", threshold, threshold);
    nn_plot_command(p, "set label 'threshold %g' at graph 0.98, first %.17g right offset 0,0.7",
                    threshold, threshold);
    nn_plot_command(p, "plot $curve using 1:2 with lines lw 2 lc rgb '#1f4e79' title 'σ(x)', "
                       "$points using 1:($3 > 0 ? $2 : 1/0) with points pt 7 ps 1.2 "
                       "lc rgb '#c0392b' title 'class 1', "
                       "$points using 1:($3 > 0 ? 1/0 : $2) with points pt 6 ps 1.2 "
                       "lc rgb '#1f4e79' title 'class 0'");
    return nn_plot_close(p, err);
}

static nn_status draw_tail(nn_plot_mode mode, const char *out, nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "sigmoid-tail", 1, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    /* log10 of each value, computed here: gnuplot's own log scale cannot reach the
     * subnormal numbers below 1e-308. A zero has no logarithm and is left out (NaN). */
    nn_plot_data_begin(p, "tail");
    for (double x = -760.0; x <= -680.0; x += 0.25) {
        volatile double vx = x;
        double textbook = textbook_sigmoid(vx), ours = nn_sigmoid(vx);
        nn_plot_data_row(p, 3, (double[]){x, textbook > 0 ? log10(textbook) : NAN,
                                          ours > 0 ? log10(ours) : NAN});
    }
    nn_plot_data_end(p);
    nn_plot_set_text(p, "title", "The left tail: 1 / (1 + exp(-x)) gives 0 once exp(-x) "
                                 "overflows");
    nn_plot_set_text(p, "xlabel", "x");
    nn_plot_set_text(p, "ylabel", "log10 σ(x)");
    nn_plot_command(p, "set grid; set key bottom right box opaque");
    nn_plot_command(p, "set xrange [-760:-680]; set yrange [-335:-290]");
    nn_plot_command(p, "set arrow from -709.78, graph 0 to -709.78, graph 1 nohead dt 2 "
                       "lc rgb '#555555'");
    nn_plot_command(p, "set label 'exp(-x) overflows' at -709, graph 0.93 left");
    nn_plot_command(p, "set arrow from -744.44, graph 0 to -744.44, graph 1 nohead dt 3 "
                       "lc rgb '#555555'");
    nn_plot_command(p, "set label 'below the smallest double' at -743.5, graph 0.93 left");
    nn_plot_command(p, "plot $tail using 1:3 with lines lw 6 lc rgb '#9ecae1' "
                       "title 'nn_sigmoid', "
                       "'' using 1:2 with lines lw 2 lc rgb '#c0392b' "
                       "title 'textbook 1 / (1 + exp(-x))'");
    return nn_plot_close(p, err);
}

int main(int argc, char **argv)
{
    double from = -6.0, to = 6.0, step = 1.0, threshold = 0.5;
    int plot_mode = NN_PLOT_AUTO;
    const char *out = "figures";
    nn_flag flags[] = {
        NN_FLAG_REAL("from", &from, "first x of the table", -1e6, 1e6),
        NN_FLAG_REAL("to", &to, "last x of the table (at most)", -1e6, 1e6),
        NN_FLAG_REAL("step", &step, "distance between two x of the table", 1e-6, 1e6),
        NN_FLAG_REAL("threshold", &threshold, "class 1 when sigma(x) > this", 0.0, 1.0),
        NN_PLOT_FLAGS(&plot_mode, &out),
    };
    size_t n_flags = sizeof flags / sizeof flags[0];
    bool help;
    nn_error err;
    nn_status status = nn_flags_parse(argc, argv, flags, n_flags, &help, &err);
    double rows = 0.0;
    if (status == NN_OK && !help) {
        /* The flags are fine one by one; now check them together. */
        rows = floor((to - from) / step + 1e-9) + 1.0;
        if (from > to)
            status = nn_error_set(&err, NN_ERR_ARG, "--from (%g) must not be greater than "
                                  "--to (%g)", from, to);
        else if (rows > MAX_ROWS)
            status = nn_error_set(&err, NN_ERR_ARG, "--step %g gives %.0f rows from %g to %g; "
                                  "at most %d", step, rows, from, to, MAX_ROWS);
    }
    if (status != NN_OK) {
        fprintf(stderr, PROGRAM ": %s\n", err.message);
        nn_flags_usage(stderr, PROGRAM, SUMMARY, flags, n_flags);
        return 2;
    }
    if (help) {
        nn_flags_usage(stdout, PROGRAM, SUMMARY, flags, n_flags);
        return 0;
    }

    print_table(from, to, step, threshold, (long)rows);
    print_extremes();

    nn_plot_mode mode = (nn_plot_mode)plot_mode;
    /* The curves need some width: a table of one row still gets a figure around it. */
    double lo = from, hi = to;
    if (hi - lo < 2.0)
        lo = (lo + hi) / 2 - 1.0, hi = lo + 2.0;
    if (draw_activations(mode, out, lo, hi, &err) != NN_OK ||
        draw_classes(mode, out, lo, hi, step, threshold, (long)rows, &err) != NN_OK ||
        draw_tail(mode, out, &err) != NN_OK) {
        fprintf(stderr, PROGRAM ": %s\n", err.message);
        return 1;
    }
    return 0;
}
