/* Tests for the chapter 5 program, build/bin/05-backpropagation.
 *
 * The program's numbers are checked against numpy: tools/fixtures/backprop.py trains the
 * same network the numpy way and records the starting gradient, the printed losses and
 * the final predictions (tests/fixtures/backprop.h). The gradient-check table must agree
 * with itself (every relative error below 1e-7 for the chapter's settings), and the
 * usual program duties are checked too: bad flags, --help, the figures.
 *
 * --part vanishing, each layer's gradient norm in a deep network, is checked against
 * scikit-learn's own _initialize and _backprop, bit for bit
 * (tools/fixtures/vanishing.py, tests/fixtures/vanishing.h).
 */
#include <math.h>

#include "chapters/run.h"
#include "fixtures/backprop.h"
#include "fixtures/vanishing.h"

TestSuite(ch05_backpropagation, .timeout = 60);

/* One row of the gradient-check table. */
typedef struct check_row {
    char name[32];
    double analytic, numeric, rel;
} check_row;

#define MAX_ROWS 300

/* The rows of the table: from the line after the header (which ends in "relative
 * error") to the first blank line. Returns how many. */
static size_t parse_check_table(const char *text, check_row *rows)
{
    const char *line = strstr(text, "relative error\n");
    cr_assert_not_null(line, "no gradient-check table in the output:\n%s", text);
    line = strchr(line, '\n') + 1;
    size_t count = 0;
    while (*line && *line != '\n' && count < MAX_ROWS) {
        check_row *r = &rows[count];
        int got =
            sscanf(line, " %31s %lf %lf %lf", r->name, &r->analytic, &r->numeric, &r->rel);
        cr_assert_eq(got, 4, "cannot read a table row: %.80s", line);
        count++;
        line = strchr(line, '\n');
        if (!line)
            break;
        line++;
    }
    return count;
}

/* The (epoch, loss) rows printed during training. Returns how many. */
static size_t parse_losses(const char *text, long *epochs, double *losses, size_t max)
{
    const char *line = strstr(text, "  epoch          loss\n");
    cr_assert_not_null(line, "no loss table in the output:\n%s", text);
    line = strchr(line, '\n') + 1;
    size_t count = 0;
    while (count < max && sscanf(line, " %ld %lf", &epochs[count], &losses[count]) == 2) {
        count++;
        line = strchr(line, '\n');
        if (!line)
            break;
        line++;
    }
    return count;
}

static run_result run_fixture(const backprop_fixture *fx)
{
    char command[256];
    snprintf(command, sizeof command,
             "05-backpropagation --plot=none --seed %lu --hidden %ld --learning-rate %.17g "
             "--epochs %ld", fx->seed, fx->hidden, fx->eta, fx->epochs);
    run_result r = run_ok(command);
    return r;
}

Test(ch05_backpropagation, gradients_match_numpy)
{
    for (size_t f = 0; f < BACKPROP_FIXTURE_COUNT; f++) {
        const backprop_fixture *fx = &BACKPROP_FIXTURES[f];
        run_result r = run_fixture(fx);
        check_row rows[MAX_ROWS];
        size_t n = parse_check_table(r.text, rows);
        cr_expect_eq(n, fx->n_params,
                     "seed %lu, H = %ld: expected %zu table rows (4H + 1), "
                     "got %zu",
                     fx->seed, fx->hidden, fx->n_params, n);
        for (size_t i = 0; i < n && i < fx->n_params; i++) {
            double want = fx->gradient[i];
            cr_expect(
                fabs(rows[i].analytic - want) <= 1e-9 * fabs(want) + 1e-20,
                "seed %lu, H = %ld, %s: backpropagation printed %.10e, numpy's gradient "
                "is %.10e",
                fx->seed, fx->hidden, rows[i].name, rows[i].analytic, want);
        }
        free(r.text);
    }
}

Test(ch05_backpropagation, losses_and_predictions_match_numpy)
{
    for (size_t f = 0; f < BACKPROP_FIXTURE_COUNT; f++) {
        const backprop_fixture *fx = &BACKPROP_FIXTURES[f];
        run_result r = run_fixture(fx);
        long epochs[64];
        double losses[64];
        size_t n = parse_losses(r.text, epochs, losses, 64);
        cr_expect_eq(n, fx->n_printed, "seed %lu: expected %zu loss rows, got %zu",
                     fx->seed, fx->n_printed, n);
        for (size_t i = 0; i < n && i < fx->n_printed; i++) {
            cr_expect_eq(epochs[i], fx->epoch[i],
                         "seed %lu: loss row %zu: expected epoch %ld, "
                         "got %ld",
                         fx->seed, i, fx->epoch[i], epochs[i]);
            /* printed with 10 decimals: 5e-11 of rounding, plus a little arithmetic */
            cr_expect(fabs(losses[i] - fx->loss[i]) <= 1e-10,
                      "seed %lu, epoch %ld: loss printed %.10f, numpy says %.12f", fx->seed,
                      epochs[i], losses[i], fx->loss[i]);
        }
        EXPECT_OUTPUT_HAS(r, fx->final_repr);
        free(r.text);
    }
}

Test(ch05_backpropagation, gradient_check_is_below_1e_7)
{
    /* The chapter's default, a few chosen shapes, and the first 30 seeds of every width
     * from 1 to 6: Richardson's extrapolation keeps them all below 1e-7. */
    static const char *runs[] = {"", "--seed 2", "--seed 42 --hidden 8",
                                 "--seed 3 --hidden 1", "--seed 7 --hidden 3"};
    size_t n_named = sizeof runs / sizeof runs[0];
    for (size_t k = 0; k < n_named + 30 * 6; k++) {
        char command[128];
        if (k < n_named)
            snprintf(command, sizeof command, "05-backpropagation --plot=none --epochs 0 %s",
                     runs[k]);
        else
            snprintf(command, sizeof command,
                     "05-backpropagation --plot=none --epochs 0 --seed %zu --hidden %zu",
                     (k - n_named) % 30, 1 + (k - n_named) / 30);
        run_result r = run_ok(command);
        check_row rows[MAX_ROWS];
        size_t n = parse_check_table(r.text, rows);
        double worst = 0.0;
        for (size_t i = 0; i < n; i++) {
            cr_expect(rows[i].rel < 1e-7,
                      "`%s`, %s: relative error %.1e (backpropagation "
                      "%.10e, finite differences %.10e)",
                      command, rows[i].name, rows[i].rel, rows[i].analytic,
                      rows[i].numeric);
            /* The printed error must be the one of the printed numbers (to print rounding).
             */
            double scale = fmax(fabs(rows[i].analytic), fabs(rows[i].numeric));
            cr_expect(fabs(rows[i].analytic - rows[i].numeric) <= 1e-7 * scale,
                      "`%s`, %s: the two gradients differ by %.3g", command, rows[i].name,
                      fabs(rows[i].analytic - rows[i].numeric));
            worst = fmax(worst, rows[i].rel);
        }
        double reported;
        const char *line = strstr(r.text, "worst relative error: ");
        cr_assert_not_null(line, "`%s`: no 'worst relative error' line", command);
        cr_expect_eq(sscanf(line, "worst relative error: %lf", &reported), 1);
        cr_expect_eq(reported, worst,
                     "`%s`: worst reported %.1e, but the table's largest is "
                     "%.1e",
                     command, reported, worst);
        EXPECT_OUTPUT_HAS(r, "below 1e-07: backpropagation agrees with finite differences");
        free(r.text);
    }
}

Test(ch05_backpropagation, tiny_gradients_are_explained_not_hidden)
{
    /* Seed 72 with 3 hidden neurons starts with gradients near 1e-7 for the first hidden
     * neuron: their relative errors exceed 1e-7 through rounding alone, and the program
     * must say so rather than claim a pass or cry bug. */
    run_result r = run_ok("05-backpropagation --plot=none --epochs 0 --seed 72 --hidden 3");
    check_row rows[MAX_ROWS];
    size_t n = parse_check_table(r.text, rows);
    cr_assert_eq(n, 13);
    for (size_t i = 0; i < n; i++)
        cr_expect(fabs(rows[i].analytic - rows[i].numeric) < 1e-13,
                  "%s: the gradients differ "
                  "by %.3g, more than rounding explains",
                  rows[i].name, fabs(rows[i].analytic - rows[i].numeric));
    EXPECT_OUTPUT_HAS(r, "worst relative error: 1.9e-07 at W1[0,0]\nabove 1e-07, but there "
                         "|dL/dp| is only 8.3e-08: the difference 1.6e-14 is within\n"
                         "the rounding error of the finite differences");
    free(r.text);
}

Test(ch05_backpropagation, table_lists_every_parameter_in_order)
{
    run_result r = run_ok("05-backpropagation --plot=none --epochs 0 --hidden 2");
    static const char *names[] = {"W1[0,0]", "W1[0,1]", "W1[1,0]", "W1[1,1]", "b1[0,0]",
                                  "b1[0,1]", "W2[0,0]", "W2[1,0]", "b2[0,0]"};
    check_row rows[MAX_ROWS];
    size_t n = parse_check_table(r.text, rows);
    cr_assert_eq(n, 9, "H = 2: expected 9 parameters (2x2 + 1x2 + 2x1 + 1x1), got %zu", n);
    for (size_t i = 0; i < n; i++)
        cr_expect_str_eq(rows[i].name, names[i], "row %zu: expected %s, got %s", i,
                         names[i], rows[i].name);
    free(r.text);
}

Test(ch05_backpropagation, learns_xor_with_the_defaults)
{
    run_result r = run_ok("05-backpropagation --plot=none");
    EXPECT_OUTPUT_HAS(r, "A 2-4-1 sigmoid network learns XOR (seed 1)");
    EXPECT_OUTPUT_HAS(r, "W1 (2 x 4) = array([[-0.16595599,  0.44064899, -0.99977125, "
                         "-0.39533485],\n       [-0.70648822, -0.81532281, -0.62747958, "
                         "-0.30887855]])\n");
    EXPECT_OUTPUT_HAS(r, "Training: 5000 epochs of gradient descent on all 4 samples, "
                         "learning rate 2\n");
    EXPECT_OUTPUT_HAS(r, "4 of 4 right");
    long epochs[64];
    double losses[64];
    size_t n = parse_losses(r.text, epochs, losses, 64);
    cr_assert_eq(n, 11);
    for (size_t i = 1; i < n; i++)
        cr_expect(losses[i] < losses[i - 1],
                  "the loss rose from %.10f to %.10f at epoch %ld", losses[i - 1],
                  losses[i], epochs[i]);
    free(r.text);
}

Test(ch05_backpropagation, same_seed_same_run_other_seed_other_run)
{
    expect_same_seed_same_run("05-backpropagation", "--plot=none --epochs 100 --seed 5",
                              "--plot=none --epochs=100 --seed=5",
                              "--plot=none --epochs 100 --seed 6");
}

Test(ch05_backpropagation, epochs_zero_prints_only_the_start)
{
    run_result r = run_ok("05-backpropagation --plot=none --epochs 0");
    long epochs[4];
    double losses[4];
    size_t n = parse_losses(r.text, epochs, losses, 4);
    cr_expect_eq(n, 1, "--epochs 0: expected one loss row, got %zu", n);
    cr_expect_eq(epochs[0], 0);
    cr_expect(fabs(losses[0] - BACKPROP_FIXTURES[0].loss[0]) <= 1e-10);
    free(r.text);
}

Test(ch05_backpropagation, bad_flags_are_rejected_with_a_message)
{
    static const bad_flag_case cases[] = {
        {"--hidden 0", "--hidden must be between 1 and 64, got 0"},
        {"--hidden 65", "--hidden must be between 1 and 64, got 65"},
        {"--hidden four", "--hidden expects an integer, got 'four'"},
        {"--epochs -1", "--epochs must be between 0 and 1000000, got -1"},
        {"--learning-rate 0", "--learning-rate must be between 1e-06 and 1000, got 0"},
        {"--learning-rate inf", "--learning-rate expects a finite number, got 'inf'"},
        {"--seed -3", "--seed"},
        {"--epoch 5", "unknown flag '--epoch' (did you mean '--epochs'?)"},
        {"--plot=pdf", "--plot expects one of " NN_PLOT_CHOICES ", got 'pdf'"},
        {"extra", "unexpected argument 'extra'"},
        {"--part deep", "--part expects one of xor|vanishing|both, got 'deep'"},
        {"--part vanishing --depth 0", "--depth must be between 1 and 30, got 0"},
        {"--part vanishing --depth 31", "--depth must be between 1 and 30, got 31"},
        {"--part vanishing --width 0", "--width must be between 1 and 64, got 0"},
        {"--part vanishing --width 65", "--width must be between 1 and 64, got 65"},
    };
    expect_bad_flags("05-backpropagation", "--plot=none", cases, COUNT_OF(cases),
                     "Gradient check");
}

Test(ch05_backpropagation, help_lists_every_flag)
{
    static const char *const flags[] = {"--part xor|vanishing|both", "--seed N",
                                        "--epochs N", "--learning-rate X", "--hidden N",
                                        "--depth N", "--width N", "--hex",
                                        ("--plot " NN_PLOT_CHOICES), "--out TEXT",
                                        "--help"};
    expect_help_lists("05-backpropagation", flags, COUNT_OF(flags), "Gradient check");
}

static const char *const figures[] = {"loss-curve", "decision-surface", "hidden-neurons"};

Test(ch05_backpropagation, draws_its_three_figures)
{
    expect_svg_figures("05-backpropagation", "", figures, COUNT_OF(figures));
}

Test(ch05_backpropagation, carries_on_without_gnuplot)
{
    expect_runs_without_gnuplot("05-backpropagation", "--epochs 10", "of 4 right", figures,
                                COUNT_OF(figures));
}

/* ---- --part vanishing ---------------------------------------------------------------- */

static const char *const ACTIVATION_NAMES[3] = {"logistic", "tanh", "relu"};

/* The --hex lines "NAME W_l 0x..." of activation a: how many were read into norm. */
static size_t parse_hex_norms(const char *text, size_t a, double *norm, size_t max)
{
    const char *line = strstr(text, "the same as float.hex() (--hex):\n");
    cr_assert_not_null(line, "no --hex lines in the output:\n%s", text);
    size_t count = 0;
    while ((line = strchr(line, '\n')) != NULL && *++line) {
        char name[16];
        size_t l;
        double value;
        if (sscanf(line, "%15s W_%zu %lf", name, &l, &value) != 3)
            break;
        if (strcmp(name, ACTIVATION_NAMES[a]) != 0)
            continue;
        cr_assert_eq(l, count, "%s: expected the row W_%zu, got W_%zu", name, count, l);
        if (count < max)
            norm[count] = value;
        count++;
    }
    return count;
}

Test(ch05_backpropagation, vanishing_norms_equal_scikit_learn_bit_for_bit)
{
    for (size_t f = 0; f < VANISHING_FIXTURE_COUNT; f++) {
        const vanishing_fixture *fx = &VANISHING_FIXTURES[f];
        char command[256];
        snprintf(command, sizeof command,
                 "05-backpropagation --part vanishing --plot=none --hex --seed %lu "
                 "--depth %ld --width %ld", fx->seed, fx->depth, fx->width);
        run_result r = run_ok(command);
        for (size_t a = 0; a < 3; a++) {
            double norm[64];
            size_t n = parse_hex_norms(r.text, a, norm, 64);
            cr_expect_eq(n, (size_t)fx->depth + 1, "`%s`, %s: expected %ld layers, got %zu",
                         command, ACTIVATION_NAMES[a], fx->depth + 1, n);
            for (size_t l = 0; l < n && l <= (size_t)fx->depth; l++)
                cr_expect(norm[l] == fx->norm[a][l],
                          "`%s`, %s, ||dL/dW_%zu||: the program says %a (%.17g), "
                          "scikit-learn's coef_grads give %a (%.17g)",
                          command, ACTIVATION_NAMES[a], l, norm[l], norm[l], fx->norm[a][l],
                          fx->norm[a][l]);
        }
        free(r.text);
    }
}

Test(ch05_backpropagation, vanishing_table_shows_the_sigmoid_fading)
{
    /* The chapter's reading of its figure: with the defaults, the sigmoid's norm falls
     * by more than a factor 4 (the sigmoid's largest slope) at every layer back, and by
     * more than 10^8 over the whole network, while tanh and relu lose less than 10^2. */
    const vanishing_fixture *fx = &VANISHING_FIXTURES[0];
    cr_assert(fx->seed == 1 && fx->depth == 10 && fx->width == 16, "fixture 0: defaults");
    for (long l = 0; l < fx->depth; l++)
        cr_expect(fx->norm[0][l] < fx->norm[0][l + 1] / 4,
                  "logistic: ||dW_%ld|| = %g is not below a quarter of ||dW_%ld|| = %g", l,
                  fx->norm[0][l], l + 1, fx->norm[0][l + 1]);
    cr_expect(fx->norm[0][0] < 1e-8 * fx->norm[0][10]);
    for (size_t a = 1; a < 3; a++)
        cr_expect(fx->norm[a][0] > 1e-2 * fx->norm[a][10], "%s", ACTIVATION_NAMES[a]);
    run_result r = run_ok("05-backpropagation --part vanishing --plot=none");
    EXPECT_OUTPUT_HAS(r, "  W_0       1.686e-11    8.466e-03    3.208e-03   (next to the "
                         "input)\n");
    EXPECT_OUTPUT_HAS(r, "  W_10      2.294e-02    8.691e-02    2.463e-02   (the "
                         "output)\n");
    EXPECT_OUTPUT_HAS(r, "that is, on average, per layer\n                0.122        "
                         "0.792        0.816\n");
    cr_expect(strstr(r.text, "0x") == NULL, "hexadecimal output without --hex:\n%s",
              r.text);
    free(r.text);
}

Test(ch05_backpropagation, parts_run_only_when_asked)
{
    run_result r = run_ok("05-backpropagation --plot=none --epochs 10");
    cr_expect(strstr(r.text, "Vanishing") == NULL, "the default run is XOR only:\n%s",
              r.text);
    free(r.text);
    r = run_ok("05-backpropagation --plot=none --part vanishing --depth 2 --width 3");
    cr_expect(strstr(r.text, "Gradient check") == NULL, "--part vanishing ran XOR:\n%s",
              r.text);
    EXPECT_OUTPUT_HAS(r, "Vanishing gradients: 2 inputs, 2 hidden layers of 3 neurons");
    free(r.text);
    r = run_ok("05-backpropagation --plot=none --part both --epochs 10");
    const char *xor = strstr(r.text, "Gradient check"), *deep = strstr(r.text, "Vanishing");
    cr_expect(xor && deep && xor < deep, "--part both: XOR, then the deep network:\n%s",
              r.text);
    free(r.text);
}

static const char *const vanishing_figure[] = {"vanishing"};

Test(ch05_backpropagation, vanishing_draws_its_figure)
{
    expect_svg_figures("05-backpropagation", "--part vanishing", vanishing_figure, 1);
    expect_svg_figures("05-backpropagation", "--part both --epochs 10", figures,
                       COUNT_OF(figures));
    expect_svg_figures("05-backpropagation", "--part both --epochs 10", vanishing_figure,
                       1);
    expect_runs_without_gnuplot("05-backpropagation", "--part vanishing", "(the output)",
                                vanishing_figure, 1);
}
