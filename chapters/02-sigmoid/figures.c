/* figures.c - the three figures of chapter 2: the four activations with their slopes,
 * the sigmoid as a classifier over the table's points, and the sigmoid's left tail on
 * a log scale. main.c calls draw_figures after its tables. */
#include <math.h>
#include <stdio.h>

#include "figures.h"

/* The figures sample this many points of each curve. */
#define CURVE_POINTS 481

/* The four element-wise activations of scikit-learn, in the panels' order. */
static const nn_activation CURVES[] = {NN_IDENTITY, NN_LOGISTIC, NN_TANH, NN_RELU};
#define N_CURVES NN_COUNT(CURVES)

/* Each activation f and its slope f' over [from, to], one panel each. */
static nn_status draw_activations(nn_plot_mode mode, const char *out, double from, double to,
                                  nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "activations", 2, 2, err));
    if (!p)
        return NN_OK;
    double x[CURVE_POINTS], y[CURVE_POINTS], slope[CURVE_POINTS];
    nn_plot_data_begin(p, "curves");
    for (size_t c = 0; c < N_CURVES; c++) {
        activation_curve(CURVES[c], from, to, x, y, slope, CURVE_POINTS);
        for (int i = 0; i < CURVE_POINTS; i++)
            nn_plot_data_row(p, 3, (double[]){x[i], y[i], slope[i]});
        nn_plot_data_break(p);
        nn_plot_data_break(p);
    }
    nn_plot_data_end(p);

    nn_plot_command(p, "set multiplot layout 2,2");
    nn_plot_command(p, "set grid; set xrange [%g:%g]", from, to);
    nn_plot_key(p, "top left box opaque");
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

/* Sends the sigmoid over [from, to] as "curve", and the table's rows, at most about a
 * hundred of them so the points stay apart, with their classes as "points". */
static void send_classes(nn_plot *p, double from, double to, double step, double threshold,
                         long rows)
{
    nn_plot_data_begin(p, "curve");
    for (int i = 0; i < CURVE_POINTS; i++) {
        double x = from + (to - from) * i / (CURVE_POINTS - 1);
        nn_plot_data_row(p, 2, (double[]){x, nn_sigmoid(x)});
    }
    nn_plot_data_end(p);
    long every = rows > 101 ? (rows + 100) / 101 : 1;
    nn_plot_data_begin(p, "points");
    for (long i = 0; i < rows; i += every) {
        double x = grid_x(from, step, i), y = nn_sigmoid(x);
        nn_plot_data_row(p, 3, (double[]){x, y, nn_threshold_class(y, threshold)});
    }
    nn_plot_data_end(p);
}

/* The sigmoid as a classifier: the curve, the threshold, and the table's points. */
static nn_status draw_classes(nn_plot_mode mode, const char *out, double from, double to,
                              double step, double threshold, long rows, nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "sigmoid-classes", 1, 1, err));
    if (!p)
        return NN_OK;
    send_classes(p, from, to, step, threshold, rows);

    char title[128];
    snprintf(title, sizeof title, "class 1 when σ(x) > %g, that is when x > %g", threshold,
             log(threshold / (1.0 - threshold)));
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "x");
    nn_plot_set_text(p, "ylabel", "σ(x)");
    nn_plot_command(p, "set grid; set xrange [%g:%g]", from, to);
    nn_plot_key(p, "top left box opaque");
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

/* The left tail, where the textbook formula drops to zero too early. */
static nn_status draw_tail(nn_plot_mode mode, const char *out, nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "sigmoid-tail", 1, 1, err));
    if (!p)
        return NN_OK;
    /* log10 of each value, computed here: gnuplot's own log scale cannot reach the
     * subnormal numbers below 1e-308. A zero has no logarithm and is left out (NaN). */
    nn_plot_data_begin(p, "tail");
    for (int i = 0; i <= 320; i++) {
        double x = -760.0 + 0.25 * i; /* -760 to -680 in exact steps of 1/4 */
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
    nn_plot_command(p, "set grid");
    nn_plot_key(p, "bottom right box opaque");
    nn_plot_command(p, "set xrange [-760:-680]; set yrange [-335:-290]");
    nn_plot_command(p, "set arrow from -709.78, graph 0 to -709.78, graph 1 nohead dt 2 "
                       "lc rgb '#555555'");
    /* In characters a label would start on its line's column: one character right. */
    const char *beside = nn_plot_is_text(p) ? " offset 1,0" : "";
    nn_plot_command(p, "set label 'exp(-x) overflows' at -709, graph 0.93 left%s", beside);
    nn_plot_command(p, "set arrow from -744.44, graph 0 to -744.44, graph 1 nohead dt 3 "
                       "lc rgb '#555555'");
    nn_plot_command(p, "set label 'below the smallest double' at -743.5, graph 0.93 left%s",
                    beside);
    nn_plot_command(p, "plot $tail using 1:3 with lines lw 6 lc rgb '#9ecae1' "
                       "title 'nn_sigmoid', "
                       "'' using 1:2 with lines lw 2 lc rgb '#c0392b' "
                       "title 'textbook 1 / (1 + exp(-x))'");
    return nn_plot_close(p, err);
}

nn_status draw_figures(nn_plot_mode mode, const char *out, double from, double to,
                       double step, double threshold, long rows, nn_error *err)
{
    /* The curves need some width: a table of one row still gets a figure around it. */
    double lo = from, hi = to;
    if (hi - lo < 2.0)
        lo = (lo + hi) / 2 - 1.0, hi = lo + 2.0;
    NN_TRY(draw_activations(mode, out, lo, hi, err));
    NN_TRY(draw_classes(mode, out, lo, hi, step, threshold, rows, err));
    return draw_tail(mode, out, err);
}
