/* Tests for the chapter 3 program, build/bin/03-seeding.
 *
 * The program promises numpy's digits: every expected text below comes from numpy
 * itself, through tests/fixtures/seeding.h (tools/fixtures/seeding.py).
 */
#include "chapters/run.h"
#include "fixtures/seeding.h"

TestSuite(ch03_seeding, .timeout = 60);

Test(ch03_seeding, prints_numpys_seed_1_weights)
{
    /* The chapter's key output: np.random.seed(1); 2*np.random.random((3,1)) - 1 */
    run_result r = run_ok("03-seeding --plot=none --seed 1");
    EXPECT_OUTPUT_HAS(r, "seed: 1 (from --seed)\n");
    EXPECT_OUTPUT_HAS(r, ">>> np.random.seed(1); 2*np.random.random((3,1)) - 1\n"
                         "array([[-0.16595599],\n"
                         "       [ 0.44064899],\n"
                         "       [-0.99977125]])\n");
    free(r.text);
}

Test(ch03_seeding, prints_numpys_weights_for_any_seed_and_count)
{
    /* Seeds from 0 to 2^32 - 1; counts 0 (empty), 1, 3, 10 and 1001 (summarised). */
    for (size_t c = 0; c < COUNT_OF(seeding_fx_weights_cases); c++) {
        const seeding_fx_weights *fx = &seeding_fx_weights_cases[c];
        char command[256], expected[2048];
        snprintf(command, sizeof command,
                 "03-seeding --plot=none --samples 10 --seed %lu --count %zu",
                 (unsigned long)fx->seed, fx->count);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 0, "`%s`: exit status %d", command, r.status);
        snprintf(expected, sizeof expected,
                 ">>> np.random.seed(%lu); 2*np.random.random((%zu,1)) - 1\n%s\n",
                 (unsigned long)fx->seed, fx->count, fx->repr);
        EXPECT_OUTPUT_HAS(r, expected);
        free(r.text);
    }
}

Test(ch03_seeding, same_seed_same_output_other_seed_other_output)
{
    expect_same_seed_same_run("03-seeding", "--plot=none --seed 7 --count 10",
                              "--plot=none --seed=7 --count=10",
                              "--plot=none --seed 8 --count 10");
    run_result r = run_program("03-seeding --plot=none --seed 7 --count 10");
    EXPECT_OUTPUT_HAS(r, "seed 7 again: the same weights, bit for bit\n");
    free(r.text);
}

Test(ch03_seeding, without_a_seed_it_prints_one_that_repeats_the_run)
{
    run_result a = run_ok("03-seeding --plot=none --samples 100");
    unsigned long seed = 0;
    cr_assert_eq(sscanf(a.text, "seed: %lu (from the operating system;", &seed),
                 1, "the first line does not report the seed:\n%s", a.text);
    char line[160];
    snprintf(line, sizeof line,
             "seed: %lu (from the operating system; pass --seed %lu to repeat this run)\n\n",
             seed, seed);
    cr_assert(strncmp(a.text, line, strlen(line)) == 0, "expected the first line\n  %s"
              "but the output was:\n%s", line, a.text);

    /* Passing that seed replays the run: everything after the seed line is the same. */
    char command[128];
    snprintf(command, sizeof command, "03-seeding --plot=none --samples 100 --seed %lu", seed);
    run_result b = run_ok(command);
    const char *rest_a = strchr(a.text, '\n'), *rest_b = strchr(b.text, '\n');
    cr_assert(rest_a && rest_b);
    cr_expect_str_eq(rest_b, rest_a, "--seed %lu did not repeat the run it was printed by", seed);
    snprintf(line, sizeof line, "seed: %lu (from --seed)\n", seed);
    EXPECT_OUTPUT_HAS(b, line);

    /* Two unseeded runs differ (they share a seed with probability 2^-32). */
    run_result c = run_program("03-seeding --plot=none --samples 100");
    cr_expect_str_neq(a.text, c.text, "two runs without --seed printed the same thing");
    free(a.text);
    free(b.text);
    free(c.text);
}

Test(ch03_seeding, tabulates_the_first_weights_of_three_seeds)
{
    for (size_t c = 0; c < COUNT_OF(seeding_fx_tables); c++) {
        char command[128];
        snprintf(command, sizeof command,
                 "03-seeding --plot=none --samples 10 --seed %lu --count 5",
                 (unsigned long)seeding_fx_tables[c].seed);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 0);
        EXPECT_OUTPUT_HAS(r, "first weights by seed, 2*np.random.random(5) - 1 after "
                             "np.random.seed(s):\n"
                             "                          w1          w2          w3"
                             "          w4          w5\n");
        EXPECT_OUTPUT_HAS(r, seeding_fx_tables[c].rows);
        free(r.text);
    }
    /* With --count 2 the table has two columns; with --count 0 there is none. */
    run_result r = run_program("03-seeding --plot=none --samples 10 --seed 1 --count 2");
    EXPECT_OUTPUT_HAS(r, "                          w1          w2\n"
                         "         seed 1: -0.16595599  0.44064899\n"
                         "         seed 2: -0.12801020 -0.94814754\n"
                         "         seed 3:  0.10159581  0.41629565\n");
    free(r.text);
    r = run_program("03-seeding --plot=none --samples 10 --seed 1 --count 0");
    cr_expect_eq(r.status, 0);
    EXPECT_OUTPUT_HAS(r, "(--count 0: no weights to compare between seeds)\n");
    free(r.text);
}

Test(ch03_seeding, takes_the_first_weight_apart)
{
    for (size_t c = 0; c < COUNT_OF(seeding_fx_insides); c++) {
        const seeding_fx_inside *fx = &seeding_fx_insides[c];
        char command[128], expected[512];
        snprintf(command, sizeof command, "03-seeding --plot=none --samples 10 --seed %lu",
                 (unsigned long)fx->seed);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 0);
        snprintf(expected, sizeof expected,
                 "first two 32-bit outputs after seeding: %lu and %lu\n"
                 "  a = %lu >> 5 = %lu (its top 27 bits)\n"
                 "  b = %lu >> 6 = %lu (its top 26 bits)\n"
                 "  u = (a * 2^26 + b) / 2^53 = %s\n"
                 "  w = 2u - 1 = %s\n",
                 (unsigned long)fx->first, (unsigned long)fx->second, (unsigned long)fx->first,
                 (unsigned long)fx->a, (unsigned long)fx->second, (unsigned long)fx->b, fx->u,
                 fx->w);
        EXPECT_OUTPUT_HAS(r, expected);
        free(r.text);
    }
}

Test(ch03_seeding, many_draws_have_numpys_statistics)
{
    for (size_t c = 0; c < COUNT_OF(seeding_fx_stats_cases); c++) {
        const seeding_fx_stats *fx = &seeding_fx_stats_cases[c];
        char command[128], expected[512];
        snprintf(command, sizeof command, "03-seeding --plot=none --seed %lu",
                 (unsigned long)fx->seed);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 0);
        snprintf(expected, sizeof expected,
                 ">>> np.random.seed(%lu); u = np.random.random(10000)\n%s",
                 (unsigned long)fx->seed, fx->uniform);
        EXPECT_OUTPUT_HAS(r, expected);
        snprintf(expected, sizeof expected,
                 ">>> np.random.seed(%lu); z = np.random.standard_normal(10000)\n%s",
                 (unsigned long)fx->seed, fx->normal);
        EXPECT_OUTPUT_HAS(r, expected);
        free(r.text);
    }
}

Test(ch03_seeding, shuffles_like_numpys_permutation)
{
    for (size_t c = 0; c < COUNT_OF(seeding_fx_perm_reprs); c++) {
        char command[128], expected[256];
        snprintf(command, sizeof command, "03-seeding --plot=none --samples 10 --seed %lu",
                 (unsigned long)seeding_fx_perm_reprs[c].seed);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 0);
        snprintf(expected, sizeof expected,
                 ">>> np.random.seed(%lu); np.random.permutation(10)\n%s\n",
                 (unsigned long)seeding_fx_perm_reprs[c].seed, seeding_fx_perm_reprs[c].repr);
        EXPECT_OUTPUT_HAS(r, expected);
        free(r.text);
    }
}

Test(ch03_seeding, bad_flags_are_rejected_with_a_message)
{
    static const bad_flag_case cases[] = {
        {"--counts 5", "unknown flag '--counts' (did you mean '--count'?)"},
        {"--count", "--count needs a value"},
        {"--count three", "--count expects an integer, got 'three'"},
        {"--count -1", "--count must be between 0 and 1000000, got -1"},
        {"--count 1000001", "--count must be between 0 and 1000000, got 1000001"},
        {"--samples 0", "--samples must be between 1 and 10000000, got 0"},
        {"--seed -1", "--seed must be between 0 and 4294967295, got -1"},
        {"--seed 4294967296", "--seed must be between 0 and 4294967295, got 4294967296"},
        {"--seed 1.5", "--seed expects an integer, got '1.5'"},
        {"--plot=pdf", "--plot expects one of " NN_PLOT_CHOICES ", got 'pdf'"},
        {"stray", "unexpected argument 'stray'"},
    };
    expect_bad_flags("03-seeding", "--plot=none", cases, COUNT_OF(cases), "array(");
}

Test(ch03_seeding, help_lists_every_flag)
{
    static const char *const flags[] = {"--seed N", "--count N", "--samples N",
                                        ("--plot " NN_PLOT_CHOICES), "--out TEXT",
                                        "--help"};
    expect_help_lists("03-seeding", flags, COUNT_OF(flags), "array(");
}

static const char *const figures[] = {"uniform-histogram", "normal-histogram",
                                      "first-weights"};

Test(ch03_seeding, draws_its_three_figures)
{
    expect_svg_figures("03-seeding", "--seed 1", figures, COUNT_OF(figures));
}

Test(ch03_seeding, carries_on_without_gnuplot)
{
    expect_runs_without_gnuplot("03-seeding", "--seed 1", "[-0.99977125]])", figures,
                                COUNT_OF(figures));
}
