/* Tests for the chapter 6 program, build/bin/06-numpy-xor.
 *
 * The program promises the tutorial's numbers: every expected text below is what numpy
 * printed for the same seed, run length and hidden-layer size, through
 * tests/fixtures/numpy_xor.h (made by tools/fixtures/numpy_xor.py, which runs the
 * tutorial's own Python). The arrays must match numpy's print-out exactly. The Error
 * lines (17 significant digits) must match, digit for digit, numpy run with the C
 * library's exp, and numpy as it runs here (its own AVX-512 exp) to 13 digits.
 */
#include <math.h>

#include "chapters/run.h"
#include "fixtures/numpy_xor.h"

TestSuite(ch06_numpy_xor, .timeout = 120);

/* The command line that reproduces fixture case fx. */
static void case_command(char *command, size_t size, const numpy_xor_fx_run *fx,
                         const char *extra)
{
    char hidden[32] = "";
    if (fx->part == 2)
        snprintf(hidden, sizeof hidden, " --hidden %ld", fx->hidden);
    snprintf(command, size, "06-numpy-xor --plot=none --part %d --seed %lu --iterations %ld%s%s",
             fx->part, (unsigned long)fx->seed, fx->iterations, hidden, extra);
}

/* caption, newline, text, newline: how the program shows an array. */
static void expect_shown(run_result r, const char *command, const char *caption,
                         const char *repr)
{
    size_t size = strlen(caption) + strlen(repr) + 3;
    char *want = malloc(size);
    cr_assert_not_null(want);
    snprintf(want, size, "%s\n%s\n", caption, repr);
    cr_expect(strstr(r.text, want) != NULL, "`%s`: expected numpy's\n%s\nbut the output was:\n%s",
              command, want, r.text);
    free(want);
}

Test(ch06_numpy_xor, prints_the_tutorials_numbers_by_default)
{
    run_result r = run_ok("06-numpy-xor --plot=none");
    /* Part 1, as the issue and the tutorial quote them. */
    EXPECT_OUTPUT_HAS(r, "np.random.seed(1); 10000 iterations;");
    EXPECT_OUTPUT_HAS(r, "Output After Training:\n"
                         "array([[0.00966449],\n"
                         "       [0.00786506],\n"
                         "       [0.99358898],\n"
                         "       [0.99211957]])\n");
    /* Part 2: the numbers numpy printed for the tutorial's run (the first 3-4-1 case). */
    const numpy_xor_fx_run *fx = &numpy_xor_fx_runs[8];
    cr_assert(fx->part == 2 && fx->seed == 1 && fx->iterations == 60000 && fx->hidden == 4);
    EXPECT_OUTPUT_HAS(r, "np.random.seed(1); 60000 iterations;");
    EXPECT_OUTPUT_HAS(r, fx->errors_libm);
    expect_shown(r, "06-numpy-xor", "Output After Training:", fx->output);
    EXPECT_OUTPUT_HAS(r, "rounded at 0.5: [0, 1, 1, 0]; XOR: [0, 1, 1, 0]; 4 of 4 right\n");
    /* Part 1 comes first, and each part is printed once. */
    char *one = strstr(r.text, "Part 1:"), *two = strstr(r.text, "Part 2:");
    cr_expect(one && two && one < two, "expected Part 1 before Part 2:\n%s", r.text);
    cr_expect(two && !strstr(two + 1, "Part 2:"), "Part 2 printed twice");
    free(r.text);
}

Test(ch06_numpy_xor, prints_numpys_arrays_for_every_seed_and_length)
{
    for (size_t c = 0; c < COUNT_OF(numpy_xor_fx_runs); c++) {
        const numpy_xor_fx_run *fx = &numpy_xor_fx_runs[c];
        char command[256];
        case_command(command, sizeof command, fx, "");
        run_result r = run_program(command);
        cr_expect_eq(r.status, 0, "`%s`: exit status %d", command, r.status);
        char caption[96];
        if (fx->part == 1) {
            expect_shown(r, command, "syn0 = 2*np.random.random((3,1)) - 1", fx->syn0_start);
        } else {
            snprintf(caption, sizeof caption, "syn0 = 2*np.random.random((3,%ld)) - 1",
                     fx->hidden);
            expect_shown(r, command, caption, fx->syn0_start);
            snprintf(caption, sizeof caption, "syn1 = 2*np.random.random((%ld,1)) - 1",
                     fx->hidden);
            expect_shown(r, command, caption, fx->syn1_start);
            expect_shown(r, command,
                         "hidden layer l1, last iteration (rows: inputs, columns: neurons):",
                         fx->hidden_layer);
            expect_shown(r, command, "syn1 after training:", fx->syn1);
        }
        expect_shown(r, command, "Output After Training:", fx->output);
        expect_shown(r, command, "syn0 after training:", fx->syn0);
        free(r.text);
    }
}

/* The Error: lines of text, as numbers. */
static size_t error_values(const char *text, double *values, size_t max)
{
    size_t n = 0;
    for (const char *s = strstr(text, "Error:"); s && n < max; s = strstr(s + 1, "Error:"))
        values[n++] = strtod(s + 6, NULL);
    return n;
}

Test(ch06_numpy_xor, prints_the_error_every_10000_iterations_like_numpy)
{
    for (size_t c = 0; c < COUNT_OF(numpy_xor_fx_runs); c++) {
        const numpy_xor_fx_run *fx = &numpy_xor_fx_runs[c];
        char command[256];
        case_command(command, sizeof command, fx, "");
        run_result r = run_program(command);
        cr_expect_eq(r.status, 0, "`%s`: exit status %d", command, r.status);
        /* Digit for digit what numpy prints when its exp is the C library's. */
        if (fx->part == 2)
            EXPECT_OUTPUT_HAS(r, fx->errors_libm);
        /* One line for j = 0, 10000, 20000, ... below the iteration count. */
        double got[16], want[16];
        size_t n_got = error_values(r.text, got, 16), n_want = error_values(fx->errors, want, 16);
        size_t lines = fx->part == 2 ? (size_t)((fx->iterations - 1) / 10000 + 1) : 0;
        cr_expect_eq(n_want, lines, "fixture has %zu Error lines for %ld iterations", n_want,
                     fx->iterations);
        cr_expect_eq(n_got, n_want, "`%s`: %zu Error lines, numpy printed %zu", command, n_got,
                     n_want);
        /* And numpy as it runs on the machine that made the fixture, to 13 digits. */
        for (size_t i = 0; i < n_got && i < n_want; i++)
            cr_expect(fabs(got[i] - want[i]) <= 1e-13 * fabs(want[i]),
                      "`%s`: Error line %zu is %.17g, numpy printed %.17g", command, i + 1,
                      got[i], want[i]);
        free(r.text);
    }
}

Test(ch06_numpy_xor, matches_numpy_bit_for_bit_with_the_same_exp)
{
    /* --hex prints every double of the last output and of the trained weights; numpy
     * with the C library's exp computed the very same bits, over up to 60000 steps. */
    for (size_t c = 0; c < COUNT_OF(numpy_xor_fx_runs); c++) {
        const numpy_xor_fx_run *fx = &numpy_xor_fx_runs[c];
        char command[256];
        case_command(command, sizeof command, fx, " --hex");
        run_result r = run_program(command);
        cr_expect_eq(r.status, 0, "`%s`: exit status %d", command, r.status);
        expect_shown(r, command, "the same as float.hex() (--hex):", fx->hex);
        free(r.text);
    }
}

Test(ch06_numpy_xor, without_hex_prints_no_hex)
{
    run_result r = run_ok("06-numpy-xor --plot=none --iterations 10");
    cr_expect(strstr(r.text, "0x") == NULL, "hexadecimal output without --hex:\n%s", r.text);
    free(r.text);
}

Test(ch06_numpy_xor, part_and_iterations_choose_what_runs)
{
    run_result r = run_ok("06-numpy-xor --plot=none --part 1");
    EXPECT_OUTPUT_HAS(r, "Part 1: one layer");
    EXPECT_OUTPUT_HAS(r, "np.random.seed(1); 10000 iterations;");
    cr_expect(strstr(r.text, "Part 2") == NULL && strstr(r.text, "Error:") == NULL,
              "--part 1 also ran part 2:\n%s", r.text);
    free(r.text);

    r = run_ok("06-numpy-xor --plot=none --part=2 --seed 3");
    EXPECT_OUTPUT_HAS(r, "Part 2: a hidden layer of 4 sigmoids");
    EXPECT_OUTPUT_HAS(r, "np.random.seed(3); 60000 iterations;");
    cr_expect(strstr(r.text, "Part 1") == NULL, "--part 2 also ran part 1:\n%s", r.text);
    free(r.text);

    /* --iterations applies to both parts; 0 means the tutorial's lengths. */
    r = run_ok("06-numpy-xor --plot=none --iterations 20000 --hidden 1");
    EXPECT_OUTPUT_HAS(r, "np.random.seed(1); 20000 iterations; y = [0, 0, 1, 1] (a copy of x1)\n");
    EXPECT_OUTPUT_HAS(r, "Part 2: a hidden layer of 1 sigmoid between");
    EXPECT_OUTPUT_HAS(r, "np.random.seed(1); 20000 iterations; y = [0, 1, 1, 0] (XOR of x1 and x2)\n");
    free(r.text);
    run_result a = run_program("06-numpy-xor --plot=none --iterations 0");
    run_result b = run_program("06-numpy-xor --plot=none");
    cr_expect_str_eq(a.text, b.text, "--iterations 0 is not the tutorial's run");
    free(a.text);
    free(b.text);
}

Test(ch06_numpy_xor, one_hidden_neuron_cannot_learn_xor)
{
    /* A single hidden sigmoid is a single line through the plane again (chapter 1). */
    run_result r = run_ok("06-numpy-xor --plot=none --part 2 --hidden 1");
    cr_expect(strstr(r.text, "XOR: [0, 1, 1, 0]; 4 of 4 right") == NULL,
              "one hidden neuron learned XOR:\n%s", r.text);
    free(r.text);
}

Test(ch06_numpy_xor, bad_flags_are_rejected_with_a_message)
{
    static const bad_flag_case cases[] = {
        {"--iteration 5", "unknown flag '--iteration' (did you mean '--iterations'?)"},
        {"--iterations", "--iterations needs a value"},
        {"--iterations many", "--iterations expects an integer, got 'many'"},
        {"--iterations -1", "--iterations must be between 0 and 10000000, got -1"},
        {"--hidden 0", "--hidden must be between 1 and 1000, got 0"},
        {"--hidden 1001", "--hidden must be between 1 and 1000, got 1001"},
        {"--part 3", "--part expects one of both|1|2, got '3'"},
        {"--seed -1", "--seed must be between 0 and 4294967295, got -1"},
        {"--plot=pdf", "--plot expects one of " NN_PLOT_CHOICES ", got 'pdf'"},
        {"stray", "unexpected argument 'stray'"},
    };
    expect_bad_flags("06-numpy-xor", "--plot=none", cases, COUNT_OF(cases), "array(");
}

Test(ch06_numpy_xor, help_lists_every_flag)
{
    static const char *const flags[] = {"--part both|1|2", "--seed N", "--iterations N",
                                        "--hidden N", "--hex", ("--plot " NN_PLOT_CHOICES),
                                        "--out TEXT", "--help"};
    expect_help_lists("06-numpy-xor", flags, COUNT_OF(flags), "array(");
}

static const char *const figures[] = {"error-curves", "xor-surface"};

Test(ch06_numpy_xor, draws_the_error_curves_and_the_xor_surface)
{
    expect_svg_figures("06-numpy-xor", "--seed 1", figures, COUNT_OF(figures));

    /* Part 1 alone has an error curve but no XOR network to draw. */
    figure_run f = run_drawing(NULL, "06-numpy-xor", "--part 1");
    cr_assert_eq(f.r.status, 0, "`%s`: exit status %d, output:\n%s", f.command, f.r.status,
                 f.r.text);
    expect_figure(&f, "error-curves");
    expect_no_figure(&f, "xor-surface");
    free_figure_run(&f);
}

Test(ch06_numpy_xor, carries_on_without_gnuplot)
{
    expect_runs_without_gnuplot("06-numpy-xor", "", "[0.99211957]])", figures,
                                COUNT_OF(figures));
}
