/* Tests for the chapter 4 program, build/bin/04-gradient-descent.
 *
 * Part 1 and 2 are checked against the closed form of the parabola (the offset w - 3 is
 * multiplied by 1 - 2 eta at every step); part 3 against numpy's least squares for the
 * same points (tests/fixtures/gradient_descent.h, from tools/fixtures/gradient_descent.py);
 * part 4 against scikit-learn's own optimisers walking the same bowl
 * (tests/fixtures/bowl_optimizers.h, from tools/fixtures/bowl_optimizers.py).
 */
#include <math.h>

#include "chapters/run.h"
#include "fixtures/bowl_optimizers.h"
#include "fixtures/gradient_descent.h"

TestSuite(ch04_gradient_descent, .timeout = 60);

/* Divergence is an error with a message, never a number that is not one. */
static void expect_no_nan(const run_result *r, const char *command)
{
    static const char *bad[] = {"nan", "NaN", "NAN", " inf", "-inf", "(inf"};
    for (size_t i = 0; i < COUNT_OF(bad); i++)
        cr_expect(strstr(r->text, bad[i]) == NULL, "`%s` printed '%s':\n%s", command, bad[i],
                  r->text);
}

Test(ch04_gradient_descent, parabola_converges_in_72_steps_with_the_default_rate)
{
    run_result r = run_ok("04-gradient-descent --plot=none");
    EXPECT_OUTPUT_HAS(r, "Part 1: gradient descent on E(w) = (w - 3)^2, from w = -1\n"
                         "learning rate 0.1, tolerance 1e-06 on |dE/dw|, at most 1000 "
                         "iterations\n");
    /* w_t = 3 - 4 * 0.8^t: -1, -0.2, 0.44, 0.952 */
    EXPECT_OUTPUT_HAS(r, "      0   -1.00000000  1.600000e+01 -8.000000e+00\n"
                         "      1   -0.20000000  1.024000e+01 -6.400000e+00\n"
                         "      2    0.44000000  6.553600e+00 -5.120000e+00\n"
                         "      3    0.95200000  4.194304e+00 -4.096000e+00\n");
    EXPECT_OUTPUT_HAS(r, "converged after 72 iterations: w = 2.99999958, |dE/dw| = 8.42e-07 "
                         "<= 1e-06\n");
    free(r.text);
}

Test(ch04_gradient_descent, learning_rate_table_shows_the_four_regimes)
{
    run_result r = run_ok("04-gradient-descent --plot=none");
    static const char *rows[] = {
        "            eta       r  how w moves  steps             w  outcome\n",
        "          0.001   0.998  creeps        1000    2.45974191  limit, |dE/dw| = 1.08\n",
        "            0.1     0.8  slides          72    2.99999958  converged\n",
        "            0.4     0.2  rushes          10    2.99999959  converged\n",
        "            0.5       0  lands at once    1    3.00000000  converged\n",
        "            0.9    -0.8  zigzags in      72    2.99999958  converged\n",
        "              1      -1  bounces       1000   -1.00000000  limit, |dE/dw| = 8\n",
        "            1.1    -1.2  swings out      10  -21.76694569  error:\n"
        "      diverged at iteration 10: the loss rose 10 times in a row, from 16 at the\n"
        "      start to 613.402; try a smaller learning rate (it was 1.1)\n",
        "  1.1/sqrt(t+1)  varies  swings, calms   10    2.99999964  converged\n",
    };
    for (size_t i = 0; i < COUNT_OF(rows); i++)
        EXPECT_OUTPUT_HAS(r, rows[i]);
    expect_no_nan(&r, "04-gradient-descent");
    free(r.text);
}

/* Part 3's numbers for one seed, formatted as the program prints them from numpy's. */
static void expect_numpys_line(const gd_fx_line *fx)
{
    char command[128], text[512];
    snprintf(command, sizeof command, "04-gradient-descent --plot=none --seed %lu",
             (unsigned long)fx->seed);
    run_result r = run_ok(command);
    snprintf(text, sizeof text, "the first three points: x = %10.6f %10.6f %10.6f\n"
             "                        y = %10.6f %10.6f %10.6f\n", fx->x[0], fx->x[1],
             fx->x[2], fx->y[0], fx->y[1], fx->y[2]);
    EXPECT_OUTPUT_HAS(r, text);
    snprintf(text, sizeof text, "curvature of the MSE: lambda_min = %.6f, lambda_max = %.6f\n"
             "largest stable learning rate: 2 / lambda_max = %.6f\n", fx->lambda_min,
             fx->lambda_max, fx->max_rate);
    EXPECT_OUTPUT_HAS(r, text);
    snprintf(text, sizeof text, "least squares, closed form:   a = %.6f, b = %.6f, MSE = %.6f\n",
             fx->a, fx->b, fx->mse);
    EXPECT_OUTPUT_HAS(r, text);

    /* Gradient descent stops when |g| <= 1e-6, within 1e-6 / lambda_min of numpy's line. */
    const char *line = strstr(r.text, "converged after ");
    cr_assert_not_null(line = line ? strstr(line + 1, "converged after ") : NULL,
                       "`%s`: the line fit did not converge:\n%s", command, r.text);
    long steps;
    double a, b;
    cr_assert_eq(sscanf(line, "converged after %ld iterations: a = %lf, b = %lf", &steps, &a,
                        &b), 3, "`%s`: cannot read %.80s", command, line);
    double bound = 1e-6 / fx->lambda_min + 1e-6; /* + rounding to 6 decimals */
    cr_expect(fabs(a - fx->a) <= bound && fabs(b - fx->b) <= bound,
              "`%s`: gradient descent found a = %g, b = %g; numpy's least squares is "
              "a = %.8f, b = %.8f", command, a, b, fx->a, fx->b);
    free(r.text);
}

Test(ch04_gradient_descent, line_fit_matches_numpys_least_squares)
{
    for (size_t k = 0; k < COUNT_OF(gd_fx_lines); k++)
        expect_numpys_line(&gd_fx_lines[k]);
}

Test(ch04_gradient_descent, seed_1_line_fit_in_194_steps)
{
    run_result r = run_ok("04-gradient-descent --plot=none --seed 1");
    EXPECT_OUTPUT_HAS(r, "      t             a             b           MSE  |gradient|\n"
                         "      0    0.00000000    0.00000000    1.84742551   1.815e+00\n");
    EXPECT_OUTPUT_HAS(r, "converged after 194 iterations: a = 1.823013, b = 0.942779, "
                         "MSE = 0.144060\n");
    EXPECT_OUTPUT_HAS(r, "distance between the two: 1.3e-06 (at most |gradient| / lambda_min "
                         "= 1.3e-06)\n");
    free(r.text);
}

Test(ch04_gradient_descent, diverging_rate_is_an_error_with_exit_status_1)
{
    run_result r = run_program("04-gradient-descent --plot=none --learning-rate 1.5");
    cr_expect_eq(r.status, 1, "a diverging --learning-rate must exit with 1, got %d", r.status);
    EXPECT_OUTPUT_HAS(r, "04-gradient-descent: parabola: diverged at iteration 10: the loss "
                         "rose 10 times in a row, from 16 at the start to 1.67772e+07; try a "
                         "smaller learning rate (it was 1.5)\n");
    EXPECT_OUTPUT_HAS(r, "w was left at -4093, the last point the descent evaluated\n");
    EXPECT_OUTPUT_HAS(r, "04-gradient-descent: line fit: diverged at iteration 11: ");
    expect_no_nan(&r, "--learning-rate 1.5");
    free(r.text);
}

Test(ch04_gradient_descent, no_rate_prints_a_nan)
{
    static const char *rates[] = {"0.99", "0.98", "1", "1.01", "3", "100"};
    for (size_t i = 0; i < COUNT_OF(rates); i++) {
        char command[128];
        snprintf(command, sizeof command, "04-gradient-descent --plot=none --learning-rate %s",
                 rates[i]);
        run_result r = run_program(command);
        cr_expect(r.status == 0 || r.status == 1, "`%s`: exit status %d", command, r.status);
        cr_expect(r.status == 0 || strstr(r.text, "try a smaller learning rate") != NULL,
                  "`%s` failed without saying why:\n%s", command, r.text);
        expect_no_nan(&r, command);
        free(r.text);
    }
}

Test(ch04_gradient_descent, rate_above_the_line_limit_diverges_on_the_line_only)
{
    /* 0.98 > 2 / lambda_max = 0.97489 for seed 1, but < 1 for the parabola. */
    run_result r = run_program("04-gradient-descent --plot=none --learning-rate 0.98");
    cr_expect_eq(r.status, 1);
    EXPECT_OUTPUT_HAS(r, "converged after 390 iterations: w = 2.99999951");
    EXPECT_OUTPUT_HAS(r, "04-gradient-descent: line fit: diverged at iteration 79: the loss "
                         "rose 76 times in a row");
    free(r.text);
}

Test(ch04_gradient_descent, tolerance_and_iteration_flags)
{
    run_result r = run_ok("04-gradient-descent --plot=none --tol 1e-3");
    /* 8 * 0.8^t <= 1e-3 first at t = 41 */
    EXPECT_OUTPUT_HAS(r, "converged after 41 iterations: w = 2.99957465, |dE/dw| = 0.000851 "
                         "<= 0.001\n");
    free(r.text);
    r = run_ok("04-gradient-descent --plot=none --iterations 5");
    EXPECT_OUTPUT_HAS(r, "stopped at the limit of 5 iterations: w = 1.68928000, |dE/dw| = 2.62 "
                         "> 1e-06\n");
    EXPECT_OUTPUT_HAS(r, "stopped at the limit of 5 iterations: a = 0.516864, b = 0.498477, "
                         "MSE = 0.837564\n");
    free(r.text);
}

/* ---- Part 4 ---------------------------------------------------------------------------- */

static const char *const BOWL_NAMES[BOWL_FX_OPTIMISERS] = {"plain descent", "momentum",
                                                          "Nesterov", "adam"};

/* The rows of part 4's table of E: t = 0 to 5, then 10, 20, ..., 100, 200, ... */
static bool bowl_row_shown(long t)
{
    long scale = 10;
    while (t / scale >= 10)
        scale *= 10;
    return t <= 5 || t % scale == 0;
}

/* The first step from which scikit-learn's E stays at or below 1e-6 (-1: never). */
static long bowl_stays_below(const bowl_fx_case *fx, int k)
{
    long from = -1;
    for (long t = fx->steps; t >= 0 && fx->losses[k][t] <= 1e-6; t--)
        from = t;
    return from;
}

/* Part 4 of `04-gradient-descent flags --hex` prints scikit-learn's walks: the first
 * three points of each, E at every row of its table (6 significant digits), the step
 * from which E stays at or below 1e-6, and each walk's last point and E exactly. */
static void expect_sklearns_walks(const bowl_fx_case *fx, const char *flags)
{
    char command[256], text[512];
    snprintf(command, sizeof command, "04-gradient-descent --plot=none --hex %s", flags);
    run_result r = run_ok(command);
    const char *part4 = strstr(r.text, "Part 4:");
    cr_assert_not_null(part4, "`%s` printed no part 4:\n%s", command, r.text);
    for (int k = 0; k < BOWL_FX_OPTIMISERS; k++) {
        const double *w = fx->points[k];
        snprintf(text, sizeof text, "%-17s (%8.4f,%8.4f) (%8.4f,%8.4f) (%8.4f,%8.4f)\n",
                 BOWL_NAMES[k], w[2], w[3], w[4], w[5], w[6], w[7]);
        cr_expect(strstr(part4, text), "`%s`: expected scikit-learn's first steps\n%s"
                  "in\n%s", command, text, part4);
        long last = fx->steps;
        snprintf(text, sizeof text, "%-15s t = %ld: w = (%a, %a), E = %a\n", BOWL_NAMES[k],
                 last, w[2 * last], w[2 * last + 1], fx->losses[k][last]);
        cr_expect(strstr(part4, text), "`%s`: expected scikit-learn's last point, exactly,"
                  "\n%sin\n%s", command, text, part4);
    }
    for (long t = 0; t <= fx->steps; t++) {
        if (!bowl_row_shown(t) && t != fx->steps)
            continue;
        int used = snprintf(text, sizeof text, "  %5ld", t);
        for (int k = 0; k < BOWL_FX_OPTIMISERS; k++)
            used += snprintf(text + used, sizeof text - (size_t)used, " %14.6e",
                             fx->losses[k][t]);
        snprintf(text + used, sizeof text - (size_t)used, "\n");
        cr_expect(strstr(part4, text), "`%s`: expected scikit-learn's E row\n%sin\n%s",
                  command, text, part4);
    }
    int used = snprintf(text, sizeof text, "E stays at or below 1e-6 from step\n       ");
    for (int k = 0; k < BOWL_FX_OPTIMISERS; k++) {
        long from = bowl_stays_below(fx, k);
        if (from >= 0)
            used += snprintf(text + used, sizeof text - (size_t)used, " %14ld", from);
        else
            used += snprintf(text + used, sizeof text - (size_t)used, " %14s", "not reached");
    }
    cr_expect(strstr(part4, text), "`%s`: expected\n%s\nin\n%s", command, text, part4);
    free(r.text);
}

Test(ch04_gradient_descent, bowl_walks_are_scikit_learns_with_the_default_flags)
{
    expect_sklearns_walks(&bowl_fx_cases[0], "");
}

Test(ch04_gradient_descent, bowl_walks_are_scikit_learns_with_other_flags)
{
    const bowl_fx_case *fx = &bowl_fx_cases[1];
    char flags[256];
    snprintf(flags, sizeof flags, "--condition %.17g --descent-rate %.17g --momentum-rate "
             "%.17g --momentum %.17g --adam-rate %.17g --steps %ld", fx->condition,
             fx->descent_rate, fx->momentum_rate, fx->momentum, fx->adam_rate, fx->steps);
    expect_sklearns_walks(fx, flags);
}

Test(ch04_gradient_descent, bowl_states_its_settings)
{
    run_result r = run_ok("04-gradient-descent --plot=none");
    EXPECT_OUTPUT_HAS(r, "Part 4: momentum and adam on a narrow bowl\n"
                         "E(w) = (w1^2 / 100 + w2^2) / 2: curvature 0.01 along w1, 1 along w2\n"
                         "condition number 100; the minimum is E(0, 0) = 0\n"
                         "start w = (-10, 1), E = 1; each optimiser of lib/solver takes 500 "
                         "steps\n"
                         "  plain descent   eta = 1.8\n"
                         "  momentum        eta = 1, mu = 0.9\n"
                         "  Nesterov        eta = 1, mu = 0.9\n"
                         "  adam            eta = 0.2, beta_1 = 0.9, beta_2 = 0.999, "
                         "epsilon = 1e-08\n");
    cr_expect(strstr(r.text, "0x") == NULL, "hexadecimal output without --hex:\n%s", r.text);
    free(r.text);
}

Test(ch04_gradient_descent, the_readmes_table_of_condition_numbers)
{
    /* The README's table: plain descent scales with the condition number, adam does not. */
    static const struct {
        const char *condition, *row;
    } rows[] = {
        {"1", "                    40            170              2            182\n"},
        {"10", "                    39            147             71            141\n"},
        {"100", "                   362            126            116            135\n"},
        {"1000", "                  3003            495            499            128\n"},
        {"10000", "           not reached    not reached    not reached            121\n"},
    };
    for (size_t i = 0; i < COUNT_OF(rows); i++) {
        char command[128], text[256];
        snprintf(command, sizeof command, "04-gradient-descent --plot=none --condition %s "
                 "--steps 4000", rows[i].condition);
        run_result r = run_ok(command);
        snprintf(text, sizeof text, "E stays at or below 1e-6 from step\n%s",
                 rows[i].row);
        cr_expect(strstr(r.text, text), "`%s`: expected\n%sin\n%s", command, text, r.text);
        free(r.text);
    }
}

Test(ch04_gradient_descent, a_walk_that_overflows_is_reported_not_printed_as_inf)
{
    /* Plain descent at eta = 50 multiplies w2 by 1 - 50 = -49 per step: E passes the
     * largest double after 91 steps. The other walks go on. */
    run_result r = run_ok("04-gradient-descent --plot=none --descent-rate 50 --hex");
    EXPECT_OUTPUT_HAS(r, "     90  8.595367e+303 ");
    EXPECT_OUTPUT_HAS(r, "    100     overflowed   ");
    EXPECT_OUTPUT_HAS(r, "E stays at or below 1e-6 from step\n"
                         "            overflowed            126            116            135\n");
    EXPECT_OUTPUT_HAS(r, "plain descent   t = 91: w = (");
    expect_no_nan(&r, "--descent-rate 50");
    free(r.text);
}

Test(ch04_gradient_descent, same_seed_same_run_other_seed_other_points)
{
    expect_same_seed_same_run("04-gradient-descent", "--plot=none --seed 7",
                              "--plot=none --seed=7", "--plot=none --seed 8");
}

Test(ch04_gradient_descent, bad_flags_are_rejected_with_a_message)
{
    static const bad_flag_case cases[] = {
        {"--learning-rate 0", "--learning-rate must be between 1e-06 and 100, got 0"},
        {"--learning-rate -0.1", "--learning-rate must be between 1e-06 and 100, got -0.1"},
        {"--learning-rate fast", "--learning-rate expects a number, got 'fast'"},
        {"--learning-rate inf", "--learning-rate expects a finite number, got 'inf'"},
        {"--iterations -1", "--iterations must be between 0 and 1000000, got -1"},
        {"--iterations 2.5", "--iterations expects an integer, got '2.5'"},
        {"--iterations", "--iterations needs a value"},
        {"--tol -1e-6", "--tol must be between 0 and 1, got -1e-6"},
        {"--tol nan", "--tol expects a finite number, got 'nan'"},
        {"--seed -1", "--seed"},
        {"--condition 0.5", "--condition must be between 1 and 1e+06, got 0.5"},
        {"--descent-rate 0", "--descent-rate must be between 1e-06 and 100, got 0"},
        {"--momentum-rate nan", "--momentum-rate expects a finite number, got 'nan'"},
        {"--momentum 1.5", "--momentum must be between 0 and 1, got 1.5"},
        {"--adam-rate -1", "--adam-rate must be between 1e-06 and 100, got -1"},
        {"--steps 0", "--steps must be between 1 and 100000, got 0"},
        {"--hex 1", "unexpected argument '1'"},
        {"--learning_rate 0.1", "unknown flag '--learning_rate'"},
        {"--plot=pdf", "--plot expects one of " NN_PLOT_CHOICES ", got 'pdf'"},
        {"0.1", "unexpected argument '0.1'"},
    };
    expect_bad_flags("04-gradient-descent", "--plot=none", cases, COUNT_OF(cases), "Part 1");
}

Test(ch04_gradient_descent, help_lists_every_flag)
{
    static const char *const flags[] = {"--learning-rate X", "--iterations N", "--tol X",
                                        "--seed N", "--condition X", "--descent-rate X",
                                        "--momentum-rate X", "--momentum X", "--adam-rate X",
                                        "--steps N", "--hex", ("--plot " NN_PLOT_CHOICES),
                                        "--out TEXT", "--help"};
    expect_help_lists("04-gradient-descent", flags, COUNT_OF(flags), "Part 1");
}

static const char *const figures[] = {"parabola-paths", "loss-curves", "line-fit",
                                      "bowl-paths"};

Test(ch04_gradient_descent, draws_its_four_figures)
{
    expect_svg_figures("04-gradient-descent", "--seed 1", figures, COUNT_OF(figures));
}

Test(ch04_gradient_descent, figures_of_a_diverging_run_are_still_drawn)
{
    figure_run f = run_drawing(NULL, "04-gradient-descent", "--learning-rate 2");
    cr_expect_eq(f.r.status, 1, "`%s`: expected exit status 1, got %d; output:\n%s", f.command,
                 f.r.status, f.r.text);
    for (size_t i = 0; i < COUNT_OF(figures); i++)
        expect_figure(&f, figures[i]);
    free_figure_run(&f);
}

Test(ch04_gradient_descent, carries_on_without_gnuplot)
{
    expect_runs_without_gnuplot("04-gradient-descent", "",
                                "converged after 72 iterations: w = 2.99999958", figures,
                                COUNT_OF(figures));
}
