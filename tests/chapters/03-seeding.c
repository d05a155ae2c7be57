/* Tests for the chapter 3 program, build/bin/03-seeding.
 *
 * The program promises numpy's digits: every expected text below comes from numpy
 * itself, through tests/fixtures/seeding.h (tools/fixtures/seeding.py).
 */
#include <sys/stat.h>
#include <unistd.h>

#include "chapters/run.h"
#include "fixtures/seeding.h"

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

TestSuite(ch03_seeding, .timeout = 60);

Test(ch03_seeding, prints_numpys_seed_1_weights)
{
    /* The chapter's key output: np.random.seed(1); 2*np.random.random((3,1)) - 1 */
    run_result r = run_program("03-seeding --plot=none --seed 1");
    cr_assert_eq(r.status, 0, "exit status %d, output:\n%s", r.status, r.text);
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
    run_result a = run_program("03-seeding --plot=none --seed 7 --count 10");
    run_result b = run_program("03-seeding --plot=none --seed=7 --count=10");
    run_result c = run_program("03-seeding --plot=none --seed 8 --count 10");
    cr_assert_eq(a.status, 0);
    cr_expect_str_eq(a.text, b.text, "two runs with --seed 7 differ");
    cr_expect_str_neq(a.text, c.text, "--seed 7 and --seed 8 printed the same run");
    EXPECT_OUTPUT_HAS(a, "seed 7 again: the same weights, bit for bit\n");
    free(a.text);
    free(b.text);
    free(c.text);
}

Test(ch03_seeding, without_a_seed_it_prints_one_that_repeats_the_run)
{
    run_result a = run_program("03-seeding --plot=none --samples 100");
    cr_assert_eq(a.status, 0, "exit status %d, output:\n%s", a.status, a.text);
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
    run_result b = run_program(command);
    cr_assert_eq(b.status, 0);
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
    static const struct { const char *args, *message; } cases[] = {
        {"--counts 5", "unknown flag '--counts' (did you mean '--count'?)"},
        {"--count", "--count needs a value"},
        {"--count three", "--count expects an integer, got 'three'"},
        {"--count -1", "--count must be between 0 and 1000000, got -1"},
        {"--count 1000001", "--count must be between 0 and 1000000, got 1000001"},
        {"--samples 0", "--samples must be between 1 and 10000000, got 0"},
        {"--seed -1", "--seed must be between 0 and 4294967295, got -1"},
        {"--seed 4294967296", "--seed must be between 0 and 4294967295, got 4294967296"},
        {"--seed 1.5", "--seed expects an integer, got '1.5'"},
        {"--plot=pdf", "--plot expects one of auto|none|dumb|svg|png, got 'pdf'"},
        {"stray", "unexpected argument 'stray'"},
    };
    for (size_t i = 0; i < COUNT_OF(cases); i++) {
        char command[256];
        snprintf(command, sizeof command, "03-seeding --plot=none %s", cases[i].args);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 2, "`%s`: expected exit status 2, got %d", command, r.status);
        EXPECT_OUTPUT_HAS(r, cases[i].message);
        EXPECT_OUTPUT_HAS(r, "usage: 03-seeding [flags]");
        cr_expect(strstr(r.text, "array(") == NULL, "`%s` printed weights despite the bad flag",
                  command);
        free(r.text);
    }
}

Test(ch03_seeding, help_lists_every_flag)
{
    run_result r = run_program("03-seeding --help");
    cr_assert_eq(r.status, 0);
    const char *flags[] = {"--seed N", "--count N", "--samples N", "--plot auto|none|dumb|svg|png",
                           "--out TEXT", "--help"};
    for (size_t i = 0; i < COUNT_OF(flags); i++)
        EXPECT_OUTPUT_HAS(r, flags[i]);
    cr_expect(strstr(r.text, "array(") == NULL, "--help also ran the program");
    free(r.text);
}

Test(ch03_seeding, draws_its_three_figures)
{
    char dir[] = "build/tmp/ch03-XXXXXX";
    mkdir("build/tmp", 0777);
    cr_assert_not_null(mkdtemp(dir));
    char command[256];
    snprintf(command, sizeof command, "03-seeding --seed 1 --plot=svg --out %s", dir);
    run_result r = run_program(command);
    cr_assert_eq(r.status, 0, "%s", r.text);
    static const char *const names[] = {"uniform-histogram", "normal-histogram", "first-weights"};
    for (size_t i = 0; i < COUNT_OF(names); i++) {
        char svg[300];
        snprintf(svg, sizeof svg, "%s/%s.svg", dir, names[i]);
        FILE *f = fopen(svg, "r");
        cr_expect_not_null(f, "no figure at %s", svg);
        if (!f)
            continue;
        char head[4096] = {0};
        size_t n = fread(head, 1, sizeof head - 1, f);
        fclose(f);
        cr_expect(n > 0 && strstr(head, "<svg") != NULL, "%s is not an SVG file", svg);
    }
    free(r.text);
}

Test(ch03_seeding, carries_on_without_gnuplot)
{
    char command[] = "NN_GNUPLOT=/nonexistent/gnuplot " NN_BIN_DIR
                     "/03-seeding --seed 1 --plot=svg --out build/tmp/ch03-missing 2>&1";
    FILE *p = popen(command, "r");
    cr_assert_not_null(p);
    char text[1 << 15];
    size_t n = fread(text, 1, sizeof text - 1, p);
    text[n] = '\0';
    int status = pclose(p);
    cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit status %d without gnuplot",
              status);
    cr_expect(strstr(text, "warning: gnuplot not found") != NULL, "no warning about gnuplot:\n%s",
              text);
    cr_expect(strstr(text, "[-0.99977125]])") != NULL, "the weights are missing without gnuplot");
    cr_expect(access("build/tmp/ch03-missing/uniform-histogram.svg", F_OK) != 0,
              "a figure appeared without gnuplot");
}
