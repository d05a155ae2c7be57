/* 02-sigmoid - the logistic sigmoid: a step with a slope.
 *
 * Part 1 prints a table of x, the sigmoid sigma(x), its slope sigma'(x) written in
 * terms of the output y = sigma(x) (as backpropagation computes it), and the class the
 * threshold gives (1 when sigma(x) > 0.5), for x from --from to --to in steps of --step.
 * Part 2 pushes the textbook formula to the extremes: its exponential overflows on the
 * far left, and on the far right 1 - sigma(x) and the slope y (1 - y) round to zero.
 *
 * The figures, whose code is in figures.c beside this file: the four element-wise
 * activations with their derivatives, computed a whole array at a time as a layer does;
 * the sigmoid as a classifier, with the table's points coloured by class; and the left
 * tail of the sigmoid on a log scale, where the textbook formula drops to zero too early.
 *
 *     build/bin/02-sigmoid [--from X] [--to X] [--step X] [--threshold P]
 *                          [--plot MODE] [--out DIR]
 */
#include <math.h>
#include <stdio.h>

#include "figures.h"
#include "nn.h"

#define PROGRAM "02-sigmoid"
#define SUMMARY "The sigmoid: a table of sigma(x), its slope and the class it gives."

/* The table has at most this many rows. */
#define MAX_ROWS 10001

/* Part 1: the row for the i-th x of the range. */
double grid_x(double from, double step, long i)
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
double textbook_sigmoid(double x)
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
    for (size_t i = 0; i < NN_COUNT(left); i++) {
        volatile double x = left[i]; /* computed at run time, not folded by the compiler */
        printf("%8g %13.6g %15.6g %15.6g\n", x, plain(exp(-x)), plain(textbook_sigmoid(x)),
               plain(nn_sigmoid(x)));
    }
    printf("\nThe right tail: y = sigma(x) rounds to 1, and 1 - y and the slope y (1 - y)\n"
           "lose everything; sigma(-x) and the slope sigma(x) sigma(-x) keep it\n\n");
    printf("%5s %19s %10s %10s %10s %17s\n", "x", "y = sigma(x)", "1 - y", "sigma(-x)",
           "y (1 - y)", "sigma(x)sigma(-x)");
    for (size_t i = 0; i < NN_COUNT(right); i++) {
        volatile double x = right[i];
        double y = nn_sigmoid(x);
        printf("%5g %19.17f %10.5g %10.5g %10.5g %17.5g\n", x, y, 1.0 - y, nn_sigmoid(-x),
               nn_sigmoid_derivative_from_output(y), nn_sigmoid_derivative(x));
    }
}

/* The library's view: an activation applied to a whole array at once, as a layer applies
 * it to its block of outputs. The figure of the four activations draws these curves. */
void activation_curve(nn_activation a, double from, double to, double *x, double *y,
                      double *slope, size_t n)
{
    // [derivative curves]
    for (size_t i = 0; i < n; i++) {
        x[i] = from + (to - from) * i / (n - 1);
        y[i] = x[i];
        slope[i] = 1.0; /* delta = 1, so delta * f'(x) is f'(x) itself */
    }
    /* A layer's view: f in place, then f' from the outputs alone. */
    nn_activation_apply(a, y, n, 1, NULL);
    nn_activation_derivative(a, y, slope, n, 1, NULL);
    // [end derivative curves]
}

/* The flags are fine one by one; now check them together, and count the table's rows. */
static nn_status check_range(double from, double to, double step, double *rows,
                             nn_error *err)
{
    *rows = floor((to - from) / step + 1e-9) + 1.0;
    if (from > to)
        return nn_error_set(err, NN_ERR_ARG, "--from (%g) must not be greater than "
                            "--to (%g)", from, to);
    if (*rows > MAX_ROWS)
        return nn_error_set(err, NN_ERR_ARG, "--step %g gives %.0f rows from %g to %g; "
                            "at most %d", step, *rows, from, to, MAX_ROWS);
    return NN_OK;
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
    size_t n_flags = NN_COUNT(flags);
    bool help;
    nn_error err;
    double rows = 0.0;
    nn_status status = nn_flags_parse(argc, argv, flags, n_flags, &help, &err);
    if (status == NN_OK && !help)
        status = check_range(from, to, step, &rows, &err);
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

    if (draw_figures((nn_plot_mode)plot_mode, out, from, to, step, threshold, (long)rows,
                     &err) != NN_OK) {
        fprintf(stderr, PROGRAM ": %s\n", err.message);
        return 1;
    }
    return 0;
}
