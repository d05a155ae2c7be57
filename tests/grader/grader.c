/* tests/grader/grader.c - the grader grades broken code for what it is.
 *
 * tests/grader/broken/ holds a copy of chapter 1's exercises broken on purpose: one does
 * not compile, one segfaults, one loops forever, one calls exit(0), one gives wrong
 * answers. tests/grader/leaky/ holds a correct answer that leaks memory. Each must be
 * reported as what it is, and the others must still be graded. The grader runs with the environment that `make
 * test` gives this binary (compiler, flags, Criterion's flags).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

TestSuite(grader, .timeout = 300);

typedef struct graded {
    char text[1 << 16];
    int status;
    double seconds;
} graded;

/* Runs the grader with its output in build/tmp/grader-TEST, so that tests running in
 * parallel never share binaries or reports. */
static graded *grade(const char *args)
{
    static graded g;
    char command[512];
    snprintf(command, sizeof command,
             "NO_COLOR=1 GRADE_TEST_LIMIT=1 GRADE_BIN_LIMIT=30 GRADE_OUT=build/tmp/grader-%s "
             "tools/grade.sh %s 2>&1", criterion_current_test->name, args);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    FILE *p = popen(command, "r");
    cr_assert_not_null(p);
    size_t n = fread(g.text, 1, sizeof g.text - 1, p);
    g.text[n] = '\0';
    int raw = pclose(p);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    g.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    g.seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    return &g;
}

#define EXPECT_HAS(g, needle) \
    cr_expect(strstr((g)->text, (needle)) != NULL, "expected the grader to print\n  %s\nbut it printed:\n%s", (needle), (g)->text)

Test(grader, each_broken_exercise_is_reported_as_what_it_is)
{
    graded *g = grade("--tree tests/grader/broken --chapter 01");
    cr_expect_eq(g->status, 1, "the grader must fail on broken code, exit status %d", g->status);
    EXPECT_HAS(g, "✘ no build  01-1\n      tests/grader/broken/01-neuron/1-weighted-sum.c:7:5: error:");
    EXPECT_HAS(g, "✘ crashed   step::positive_fires\n      the test process crashed");
    EXPECT_HAS(g, "⧗ timed out nand::truth_table\n      no result within 1s");
    EXPECT_HAS(g, "✘ exit()    perceptron_update::wrong_one_moves_up\n"
                  "      the code under test called exit() before the test finished");
    EXPECT_HAS(g, "✘ failed    boundary_crossings::and_gate_by_hand\n"
                  "      cross[0], where w1 x1 + w2 x2 + b = 0 meets the x1 axis");
    cr_expect(strstr(g->text, "✔ passed") == NULL, "a broken exercise passed a test:\n%s", g->text);
    EXPECT_HAS(g, "progress [..............................] 0/5 exercises done (0%)");
    EXPECT_HAS(g, "next: tests/grader/broken/01-neuron/1-weighted-sum.c");
    EXPECT_HAS(g, "\n0 passed, 19 failed\n");
    cr_expect_lt(g->seconds, 60.0, "grading took %.1f s: the time limits do not bound it", g->seconds);
}

Test(grader, the_sanitizer_finds_a_leak_that_the_tests_miss)
{
    graded *plain = grade("--tree tests/grader/leaky --exercise 01-1");
    cr_expect_eq(plain->status, 0, "without the sanitizer the leaky answer passes:\n%s", plain->text);
    graded *g = grade("--tree tests/grader/leaky --exercise 01-1 --sanitize");
    cr_expect_eq(g->status, 1, "with the sanitizer the leak must fail, got:\n%s", g->text);
    EXPECT_HAS(g, "✘ sanitizer 01-1 ERROR: LeakSanitizer: detected memory leaks");
    EXPECT_HAS(g, "in weighted_sum tests/grader/leaky/01-neuron/1-weighted-sum.c:");
    EXPECT_HAS(g, "5 passed, 1 failed");
}

Test(grader, solutions_reach_100_percent_and_stubs_0)
{
    graded *g = grade("--tree solutions --chapter 01");
    cr_expect_eq(g->status, 0, "%s", g->text);
    EXPECT_HAS(g, "progress [##############################] 5/5 exercises done (100%)");
    cr_expect(strstr(g->text, "next:") == NULL, "nothing is next when all pass:\n%s", g->text);
    g = grade("--tree exercises --chapter 01");
    cr_expect_eq(g->status, 1);
    EXPECT_HAS(g, "0/5 exercises done (0%)");
    EXPECT_HAS(g, "next: exercises/01-neuron/1-weighted-sum.c");
    EXPECT_HAS(g, "hint: Start from z = b");
}

Test(grader, writes_tap_and_xml_reports_for_teachers)
{
    graded *g = grade("--tree tests/grader/broken --exercise 01-2 --report tap");
    EXPECT_HAS(g, "report: build/tmp/grader-writes_tap_and_xml_reports_for_teachers/report.tap");
    FILE *f = fopen("build/tmp/grader-writes_tap_and_xml_reports_for_teachers/report.tap", "r");
    cr_assert_not_null(f);
    char tap[4096] = {0};
    cr_assert_gt(fread(tap, 1, sizeof tap - 1, f), 0);
    fclose(f);
    cr_expect(strncmp(tap, "TAP version 13\n1..4\n", 20) == 0, "TAP header:\n%s", tap);
    cr_expect(strstr(tap, "not ok 1 - 01-2 step::") != NULL, "%s", tap);
    cr_expect(strstr(tap, "# crashed: the test process crashed") != NULL, "%s", tap);

    g = grade("--tree tests/grader/broken --exercise 01-4 --report xml");
    f = fopen("build/tmp/grader-writes_tap_and_xml_reports_for_teachers/report.xml", "r");
    cr_assert_not_null(f);
    char xml[8192] = {0};
    cr_assert_gt(fread(xml, 1, sizeof xml - 1, f), 0);
    fclose(f);
    cr_expect(strstr(xml, "<testsuites name=\"exercises\" tests=\"5\" failures=\"5\">") != NULL, "%s", xml);
    cr_expect(strstr(xml, "<failure type=\"exited\" message=\"the code under test called exit() before the test finished\"/>") != NULL, "%s", xml);
}

Test(grader, rejects_bad_arguments)
{
    graded *g = grade("--report json");
    cr_expect_eq(g->status, 2);
    EXPECT_HAS(g, "--report expects tap or xml, got 'json'");
    g = grade("--exercise 42-1");
    cr_expect_eq(g->status, 2);
    EXPECT_HAS(g, "no exercises match exercise 42-1");
    g = grade("--tree no/such/dir");
    cr_expect_eq(g->status, 2);
    EXPECT_HAS(g, "no exercise directory 'no/such/dir'");
}
