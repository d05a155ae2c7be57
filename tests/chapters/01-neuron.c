/* Tests for the chapter 1 program, build/bin/01-neuron. */
#include <sys/stat.h>
#include <unistd.h>

#include "chapters/run.h"

TestSuite(ch01_neuron, .timeout = 30);

Test(ch01_neuron, hand_picked_gates_have_the_right_truth_tables)
{
    run_result r = run_program("01-neuron --plot=none");
    cr_assert_eq(r.status, 0, "exit status %d, output:\n%s", r.status, r.text);
    EXPECT_OUTPUT_HAS(r, "AND: w = (1, 1), b = -1.5\n  x1 x2 |    z | y\n"
                         "   0  0 | -1.5 | 0\n   0  1 | -0.5 | 0\n   1  0 | -0.5 | 0\n"
                         "   1  1 |  0.5 | 1\n");
    EXPECT_OUTPUT_HAS(r, "   0  0 | -0.5 | 0\n   0  1 |  0.5 | 1\n   1  0 |  0.5 | 1\n"
                         "   1  1 |  1.5 | 1\n");
    EXPECT_OUTPUT_HAS(r, "NOT: w = (-1), b = 0.5\n   x |    z | y\n   0 |  0.5 | 1\n"
                         "   1 | -0.5 | 0\n");
    free(r.text);
}

Test(ch01_neuron, starts_from_numpys_seed_1_weights)
{
    /* np.random.seed(1); np.random.uniform(-1, 1, 3) -> [-0.16595599, 0.44064899, -0.99977125] */
    run_result r = run_program("01-neuron --plot=none --seed 1");
    cr_assert_eq(r.status, 0);
    EXPECT_OUTPUT_HAS(r, "AND\n  epoch  mistakes        w1        w2         b\n"
                         "      0         -   -0.1660    0.4406   -0.9998\n");
    free(r.text);
}

Test(ch01_neuron, learns_and_and_or_but_not_xor)
{
    run_result r = run_program("01-neuron --plot=none --seed 1");
    cr_assert_eq(r.status, 0);
    EXPECT_OUTPUT_HAS(r, "learned AND in 5 epochs");
    EXPECT_OUTPUT_HAS(r, "learned OR in 6 epochs");
    EXPECT_OUTPUT_HAS(r, "XOR not learned: 4 mistakes in epoch 20");
    free(r.text);
}

Test(ch01_neuron, same_seed_same_run_other_seed_other_run)
{
    run_result a = run_program("01-neuron --plot=none --seed 7");
    run_result b = run_program("01-neuron --plot=none --seed=7");
    run_result c = run_program("01-neuron --plot=none --seed 8");
    cr_expect_str_eq(a.text, b.text, "two runs with --seed 7 differ");
    cr_expect_str_neq(a.text, c.text, "--seed 7 and --seed 8 printed the same run");
    free(a.text);
    free(b.text);
    free(c.text);
}

Test(ch01_neuron, bad_flags_are_rejected_with_a_message)
{
    static const struct { const char *args, *message; } cases[] = {
        {"--epoch 5", "unknown flag '--epoch' (did you mean '--epochs'?)"},
        {"--epochs", "--epochs needs a value"},
        {"--epochs ten", "--epochs expects an integer, got 'ten'"},
        {"--epochs 0", "--epochs must be between 1 and 100000, got 0"},
        {"--learning-rate -1", "--learning-rate must be between 1e-06 and 100, got -1"},
        {"--learning-rate nan", "--learning-rate expects a finite number, got 'nan'"},
        {"--seed 4294967296", "--seed must be between 0 and 4294967295, got 4294967296"},
        {"--plot=pdf", "--plot expects one of auto|none|dumb|svg|png, got 'pdf'"},
        {"stray", "unexpected argument 'stray'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char command[256];
        snprintf(command, sizeof command, "01-neuron --plot=none %s", cases[i].args);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 2, "`%s`: expected exit status 2, got %d", command, r.status);
        EXPECT_OUTPUT_HAS(r, cases[i].message);
        EXPECT_OUTPUT_HAS(r, "usage: 01-neuron [flags]");
        free(r.text);
    }
}

Test(ch01_neuron, help_lists_every_flag)
{
    run_result r = run_program("01-neuron --help");
    cr_assert_eq(r.status, 0);
    const char *flags[] = {"--learning-rate X", "--epochs N", "--seed N", "--plot auto|none|dumb|svg|png",
                           "--out TEXT", "--help"};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        EXPECT_OUTPUT_HAS(r, flags[i]);
    free(r.text);
}

Test(ch01_neuron, draws_the_decision_boundary_figure)
{
    char dir[] = "build/tmp/ch01-XXXXXX";
    mkdir("build/tmp", 0777);
    cr_assert_not_null(mkdtemp(dir));
    char command[256];
    snprintf(command, sizeof command, "01-neuron --plot=svg --out %s", dir);
    run_result r = run_program(command);
    cr_assert_eq(r.status, 0, "%s", r.text);
    char svg[300];
    snprintf(svg, sizeof svg, "%s/decision-boundaries.svg", dir);
    FILE *f = fopen(svg, "r");
    cr_assert_not_null(f, "no figure at %s", svg);
    char head[4096] = {0};
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    cr_expect(n > 0 && strstr(head, "<svg") != NULL, "%s is not an SVG file", svg);
    free(r.text);
}

Test(ch01_neuron, carries_on_without_gnuplot)
{
    /* With gnuplot missing the program warns once and still prints its tables. */
    char command[] = "NN_GNUPLOT=/nonexistent/gnuplot " NN_BIN_DIR "/01-neuron --plot=svg --out build/tmp/missing 2>&1";
    FILE *p = popen(command, "r");
    cr_assert_not_null(p);
    char text[1 << 15];
    size_t n = fread(text, 1, sizeof text - 1, p);
    text[n] = '\0';
    int status = pclose(p);
    cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d without gnuplot", status);
    cr_expect(strstr(text, "warning: gnuplot not found") != NULL, "no warning about gnuplot:\n%s", text);
    cr_expect(strstr(text, "learned AND") != NULL, "the tables are missing without gnuplot");
    cr_expect(access("build/tmp/missing/decision-boundaries.svg", F_OK) != 0, "a figure appeared without gnuplot");
}
