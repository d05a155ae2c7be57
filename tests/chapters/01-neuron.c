/* Tests for the chapter 1 program, build/bin/01-neuron. */
#include "chapters/run.h"

TestSuite(ch01_neuron, .timeout = 30);

Test(ch01_neuron, hand_picked_gates_have_the_right_truth_tables)
{
    run_result r = run_ok("01-neuron --plot=none");
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
    run_result r = run_ok("01-neuron --plot=none --seed 1");
    EXPECT_OUTPUT_HAS(r, "AND\n  epoch  mistakes        w1        w2         b\n"
                         "      0         -   -0.1660    0.4406   -0.9998\n");
    free(r.text);
}

Test(ch01_neuron, learns_and_and_or_but_not_xor)
{
    run_result r = run_ok("01-neuron --plot=none --seed 1");
    EXPECT_OUTPUT_HAS(r, "learned AND in 5 epochs");
    EXPECT_OUTPUT_HAS(r, "learned OR in 6 epochs");
    EXPECT_OUTPUT_HAS(r, "XOR not learned: 4 mistakes in epoch 20");
    free(r.text);
}

Test(ch01_neuron, same_seed_same_run_other_seed_other_run)
{
    expect_same_seed_same_run("01-neuron", "--plot=none --seed 7", "--plot=none --seed=7",
                              "--plot=none --seed 8");
}

Test(ch01_neuron, bad_flags_are_rejected_with_a_message)
{
    static const bad_flag_case cases[] = {
        {"--epoch 5", "unknown flag '--epoch' (did you mean '--epochs'?)"},
        {"--epochs", "--epochs needs a value"},
        {"--epochs ten", "--epochs expects an integer, got 'ten'"},
        {"--epochs 0", "--epochs must be between 1 and 100000, got 0"},
        {"--learning-rate -1", "--learning-rate must be between 1e-06 and 100, got -1"},
        {"--learning-rate nan", "--learning-rate expects a finite number, got 'nan'"},
        {"--seed 4294967296", "--seed must be between 0 and 4294967295, got 4294967296"},
        {"--plot=pdf", "--plot expects one of " NN_PLOT_CHOICES ", got 'pdf'"},
        {"stray", "unexpected argument 'stray'"},
    };
    expect_bad_flags("01-neuron", "--plot=none", cases, COUNT_OF(cases), "Part 1");
}

Test(ch01_neuron, help_lists_every_flag)
{
    static const char *const flags[] = {"--learning-rate X", "--epochs N", "--seed N",
                                        ("--plot " NN_PLOT_CHOICES), "--out TEXT",
                                        "--help"};
    expect_help_lists("01-neuron", flags, COUNT_OF(flags), "Part 1");
}

static const char *const figures[] = {"decision-boundaries", "boundary-epochs"};

Test(ch01_neuron, draws_the_boundary_figures)
{
    expect_svg_figures("01-neuron", "", figures, COUNT_OF(figures));
}

Test(ch01_neuron, carries_on_without_gnuplot)
{
    /* With gnuplot missing the program warns once and still prints its tables. */
    expect_runs_without_gnuplot("01-neuron", "", "learned AND", figures, COUNT_OF(figures));
}
