/* Tests for the chapter 2 program, build/bin/02-sigmoid. */
#include "chapters/run.h"

TestSuite(ch02_sigmoid, .timeout = 30);

Test(ch02_sigmoid, default_table_of_sigma_slope_and_class)
{
    /* scipy.special.expit(-6) = 0.0024726231566347743, and so on; 0.5 is class 0. */
    run_result r = run_ok("02-sigmoid --plot=none");
    EXPECT_OUTPUT_HAS(r, "Part 1: the sigmoid from -6 to 6 in steps of 1\n");
    EXPECT_OUTPUT_HAS(r, "         x    sigma(x)   sigma'(x)  class\n"
                         "        -6  0.00247262  0.00246651      0\n"
                         "        -5  0.00669285  0.00664806      0\n");
    EXPECT_OUTPUT_HAS(r, "        -1  0.26894142  0.19661193      0\n"
                         "         0  0.50000000  0.25000000      0\n"
                         "         1  0.73105858  0.19661193      1\n");
    EXPECT_OUTPUT_HAS(r, "         6  0.99752738  0.00246651      1\n\nPart 2");
    free(r.text);
}

Test(ch02_sigmoid, range_and_step_flags)
{
    run_result r = run_ok("02-sigmoid --plot=none --from -0.6 --to 0.6 --step 0.1");
    EXPECT_OUTPUT_HAS(r, "      -0.6  0.35434369  0.22878424      0\n");
    /* -0.6 + 6 * 0.1 is 5.6e-17 in doubles: the row must say 0. */
    EXPECT_OUTPUT_HAS(r, "      -0.1  0.47502081  0.24937604      0\n"
                         "         0  0.50000000  0.25000000      0\n"
                         "       0.1  0.52497919  0.24937604      1\n");
    EXPECT_OUTPUT_HAS(r, "       0.6  0.64565631  0.22878424      1\n\nPart 2");
    free(r.text);

    /* --to is the last x at most: 0, 0.75, 1.5 (2.25 would pass 2). */
    r = run_ok("02-sigmoid --plot=none --from=0 --to=2 --step=0.75");
    EXPECT_OUTPUT_HAS(r, "      0.75  0.67917870  0.21789499      1\n"
                         "       1.5  0.81757448  0.14914645      1\n\nPart 2");
    free(r.text);
}

Test(ch02_sigmoid, threshold_flag_moves_the_class_boundary)
{
    run_result r = run_ok("02-sigmoid --plot=none --threshold 0.9");
    EXPECT_OUTPUT_HAS(r, "class 1 when sigma(x) > 0.9\n");
    EXPECT_OUTPUT_HAS(r, "         2  0.88079708  0.10499359      0\n"
                         "         3  0.95257413  0.04517666      1\n");
    free(r.text);
}

Test(ch02_sigmoid, extreme_rows_have_no_nan_or_overflow)
{
    run_result r = run_ok("02-sigmoid --plot=none --from -1000 --to 1000 --step 250");
    EXPECT_OUTPUT_HAS(r, "     -1000  0.00000000  0.00000000      0\n");
    EXPECT_OUTPUT_HAS(r, "      -500 7.1246e-218 7.1246e-218      0\n");
    EXPECT_OUTPUT_HAS(r, "       250  1.00000000  0.00000000      1\n");
    EXPECT_OUTPUT_HAS(r, "      1000  1.00000000  0.00000000      1\n");
    char *part2 = strstr(r.text, "Part 2");
    cr_assert_not_null(part2);
    *part2 = '\0';
    cr_expect(strstr(r.text, "nan") == NULL && strstr(r.text, "inf") == NULL,
              "the table has a nan or inf:\n%s", r.text);
    free(r.text);
}

Test(ch02_sigmoid, part_2_shows_both_tails)
{
    run_result r = run_ok("02-sigmoid --plot=none");
    /* Left: exp(-x) overflows and the textbook formula gives 0; e^-740 is a subnormal. */
    EXPECT_OUTPUT_HAS(r, "       x       exp(-x)        textbook      nn_sigmoid\n"
                         "    -inf           inf               0               0\n"
                         "   -1000           inf               0               0\n");
    EXPECT_OUTPUT_HAS(r, "    -740           inf               0    4.19956e-322\n");
    EXPECT_OUTPUT_HAS(r, "    -709  8.21841e+307    1.21678e-308    1.21678e-308\n");
    EXPECT_OUTPUT_HAS(r, "     nan           nan             nan             nan\n");
    /* Right: sigma(40) rounds to 1; 1 - y and y (1 - y) are 0; sigma(-40) = 4.2e-18. */
    EXPECT_OUTPUT_HAS(r, "    x        y = sigma(x)      1 - y  sigma(-x)  y (1 - y) "
                         "sigma(x)sigma(-x)\n"
                         "   10 0.99995460213129761 4.5398e-05 4.5398e-05 4.5396e-05        "
                         "4.5396e-05\n");
    EXPECT_OUTPUT_HAS(r, "   36 0.99999999999999978 2.2204e-16 2.3195e-16 2.2204e-16        "
                         "2.3195e-16\n");
    EXPECT_OUTPUT_HAS(r, "   40 1.00000000000000000          0 4.2484e-18          0        "
                         "4.2484e-18\n");
    EXPECT_OUTPUT_HAS(r, "  inf 1.00000000000000000          0          0          0        "
                         "         0\n");
    free(r.text);
}

Test(ch02_sigmoid, bad_flags_are_rejected_with_a_message)
{
    static const bad_flag_case cases[] = {
        {"--form -3", "unknown flag '--form' (did you mean '--from'?)"},
        {"--from", "--from needs a value"},
        {"--from abc", "--from expects a number, got 'abc'"},
        {"--to inf", "--to expects a finite number, got 'inf'"},
        {"--from 5 --to 1", "--from (5) must not be greater than --to (1)"},
        {"--step 0", "--step must be between 1e-06 and 1e+06, got 0"},
        {"--step -1", "--step must be between 1e-06 and 1e+06, got -1"},
        {"--step 0.0001", "--step 0.0001 gives 120001 rows from -6 to 6; at most 10001"},
        {"--threshold 1.5", "--threshold must be between 0 and 1, got 1.5"},
        {"--plot=pdf", "--plot expects one of " NN_PLOT_CHOICES ", got 'pdf'"},
        {"sigmoid", "unexpected argument 'sigmoid'"},
    };
    expect_bad_flags("02-sigmoid", "--plot=none", cases, COUNT_OF(cases), "Part 1");
}

Test(ch02_sigmoid, help_lists_every_flag)
{
    static const char *const flags[] = {"--from X", "--to X", "--step X", "--threshold X",
                                        ("--plot " NN_PLOT_CHOICES), "--out TEXT",
                                        "--help"};
    expect_help_lists("02-sigmoid", flags, COUNT_OF(flags), "Part 1");
}

static const char *const figures[] = {"activations", "sigmoid-classes", "sigmoid-tail"};

Test(ch02_sigmoid, draws_three_figures)
{
    expect_svg_figures("02-sigmoid", "", figures, COUNT_OF(figures));
}

Test(ch02_sigmoid, carries_on_without_gnuplot)
{
    expect_runs_without_gnuplot("02-sigmoid", "", "         0  0.50000000  0.25000000      0",
                                figures, COUNT_OF(figures));
}
