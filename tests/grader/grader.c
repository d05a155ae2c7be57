/* tests/grader/grader.c - the grader grades broken code for what it is, and teaches.
 *
 * tests/grader/broken/ holds a copy of chapter 1's exercises broken on purpose: one does
 * not compile, one segfaults, one loops forever, one calls exit(0), one gives wrong
 * answers. tests/grader/leaky/ holds a correct answer that leaks memory.
 * tests/grader/tutor/ holds the mistakes a learner makes: an uninitialised pointer (01-1), a write one past the end of an array
 * that does not crash (01-4), a write through a null pointer (05-3). tests/grader/hints/
 * holds a hint and a stub that give the answer away. Each must be reported as what it
 * is, with its line, and the others must still be graded. A copy of the course's
 * committed exercises (git archive) stands for a learner who has not started. The
 * grader runs with the environment that `make test` gives this binary (compiler, flags,
 * Criterion's flags).
 */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

TestSuite(grader, .timeout = 300);

typedef struct graded {
    char text[1 << 17];
    int status;
    double seconds;
} graded;

/* Runs a shell command (printf-style) with its output captured; the command can use
 * $D, this test's own directory build/tmp/grader-TEST, and $G, the grader with its
 * test settings (no colour, 1 s per test, its output in $D). */
static graded *run(const char *fmt, ...)
{
    static graded g;
    char body[2048], command[3072];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    snprintf(command, sizeof command,
             "export D=build/tmp/grader-%s G=tools/grade.sh; mkdir -p $D; export NO_COLOR=1 GRADE_TEST_LIMIT=1 "
             "GRADE_BIN_LIMIT=30 GRADE_OUT=$D/out HINT_LEVELS=$D/hint-levels; "
             "{ %s; } 2>&1",
             criterion_current_test->name, body);
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

#define grade(args) run("$G %s", (args))

/* Under `make test SANITIZE=1` the build's own flags carry the sanitizers, so even
 * --plain grading runs sanitized: a crash then has its line, and an overflow that does
 * not crash is caught. The expectations below say which they get. */
static bool sanitized_build(void)
{
    const char *flags = getenv("CFLAGS");
    return flags && strstr(flags, "-fsanitize=") != NULL;
}

/* How a plain run reports 01-2's null read, and how a sanitized one does. */
#define STEP_CRASH (sanitized_build() ? "2-step.c:9: reads through a null pointer" \
                                      : "the test process crashed")

#define EXPECT_HAS(g, needle) \
    cr_expect(strstr((g)->text, (needle)) != NULL, "expected the grader to print\n  %s\nbut it printed:\n%s", (needle), (g)->text)
#define EXPECT_NOT(g, needle) \
    cr_expect(strstr((g)->text, (needle)) == NULL, "the grader should not print\n  %s\nbut it printed:\n%s", (needle), (g)->text)

/* A copy of the course's committed exercises in $D/course/exercises, as a learner who
 * has not started has them. Skips the test outside a git checkout. */
static void pristine_copy(void)
{
    if (system("git rev-parse --is-inside-work-tree >/dev/null 2>&1") != 0)
        cr_skip_test("not a git checkout: no committed stubs to compare with");
    graded *g = run("rm -rf $D/course && mkdir -p $D/course && "
                    "git archive HEAD exercises | tar -x -C $D/course");
    cr_assert_eq(g->status, 0, "%s", g->text);
}

Test(grader, each_broken_exercise_is_reported_as_what_it_is)
{
    graded *g = grade("--tree tests/grader/broken --chapter 01 --plain");
    cr_expect_eq(g->status, 1, "the grader must fail on broken code, exit status %d", g->status);
    EXPECT_HAS(g, "✘ no build  01-1 your file does not compile:\n"
                  "      tests/grader/broken/01-neuron/1-weighted-sum.c:7: expected");
    char crash[160];
    snprintf(crash, sizeof crash, "✘ crashed   step::positive_fires\n      %s", STEP_CRASH);
    EXPECT_HAS(g, crash);
    EXPECT_HAS(g, "⧗ timed out nand::truth_table\n      no result within 1s");
    EXPECT_HAS(g, "✘ exit()    perceptron_update::wrong_one_moves_up\n"
                  "      the code under test called exit() before the test finished");
    EXPECT_HAS(g, "✘ failed    boundary_crossings::and_gate_by_hand\n"
                  "      cross[0], where w1 x1 + w2 x2 + b = 0 meets the x1 axis");
    EXPECT_NOT(g, "✔ passed");
    EXPECT_HAS(g, "progress [..............................] 0/5 exercises done (0%)");
    EXPECT_HAS(g, "next: tests/grader/broken/01-neuron/1-weighted-sum.c");
    EXPECT_HAS(g, "\n0 passed, 19 failed\n");
    cr_expect_lt(g->seconds, 60.0, "grading took %.1f s: the time limits do not bound it", g->seconds);
}

Test(grader, an_uninitialised_pointer_shows_the_compilers_warning_first)
{
    graded *g = grade("--tree tests/grader/tutor --exercise 01-1");
    cr_expect_eq(g->status, 1);
    const char *warning = strstr(g->text, "tests/grader/tutor/01-neuron/1-weighted-sum.c:9: ‘q’");
    const char *first_test = strstr(g->text, "weighted_sum::");
    cr_expect(warning != NULL, "the warning about q with its line, expected in:\n%s", g->text);
    cr_expect(warning && first_test && warning < first_test,
              "the warning must come before the test results:\n%s", g->text);
    EXPECT_HAS(g, "uninitialized [-W");
    EXPECT_HAS(g, "a variable is read before anything was stored in it");
}

Test(grader, a_null_pointer_write_shows_the_learners_file_and_line)
{
    graded *g = grade("--tree tests/grader/tutor --exercise 05-3");
    cr_expect_eq(g->status, 1);
    EXPECT_HAS(g, "✘ crashed   bp_hidden_delta::one_sample_one_output_by_hand\n"
                  "      3-hidden-delta.c:16: writes through a null pointer\n"
                  "      in bp_hidden_delta() at tests/grader/tutor/05-backpropagation/3-hidden-delta.c:16\n");
    /* only the learner's frames: not the test's, not Criterion's */
    EXPECT_NOT(g, "tests/exercises/05-backpropagation/3-hidden-delta.c:");
    EXPECT_HAS(g, "(the same as above)");
}

Test(grader, an_off_by_one_write_that_does_not_crash_is_reported_with_its_line)
{
    /* Without the sanitizers the write one past w goes unseen: the learning test passes
     * (not to be seen when the build itself is sanitized). */
    if (!sanitized_build()) {
        graded *plain = grade("--tree tests/grader/tutor --exercise 01-4 --plain");
        EXPECT_HAS(plain, "✔ passed    perceptron_update::wrong_one_moves_up");
    }
    graded *g = grade("--tree tests/grader/tutor --exercise 01-4");
    cr_expect_eq(g->status, 1);
    EXPECT_HAS(g, "✘ crashed   perceptron_update::wrong_one_moves_up\n"
                  "      4-perceptron-update.c:13: reads past the end of an array (stack-buffer-overflow)\n"
                  "      in perceptron_update() at tests/grader/tutor/01-neuron/4-perceptron-update.c:13\n");
}

Test(grader, a_hanging_exercise_costs_one_timeout)
{
    graded *g = grade("--tree tests/grader/broken --exercise 01-3 --plain");
    cr_expect_eq(g->status, 1);
    EXPECT_HAS(g, "⧗ timed out nand::truth_table\n      no result within 1s: is there a loop that "
                  "never ends? The remaining tests of 01-3 were not run.\n"
                  "  · not run   nand::margin_from_threshold\n"
                  "      an earlier test of this exercise timed out\n");
    /* two tests, each would wait 1 s (and Criterion's backstop 2 s): one wait only */
    cr_expect_lt(g->seconds, 2.9, "grading 01-3 took %.1f s: more than one time limit", g->seconds);
}

Test(grader, the_sanitizer_finds_a_leak_that_the_tests_miss)
{
    graded *plain = grade("--tree tests/grader/leaky --exercise 01-1");
    cr_expect_eq(plain->status, 0, "without leak checks the leaky answer passes:\n%s", plain->text);
    graded *g = grade("--tree tests/grader/leaky --exercise 01-1 --sanitize");
    cr_expect_eq(g->status, 1, "with the sanitizer the leak must fail, got:\n%s", g->text);
    EXPECT_HAS(g, "✘ sanitizer 01-1 ERROR: LeakSanitizer: detected memory leaks");
    EXPECT_HAS(g, "in weighted_sum tests/grader/leaky/01-neuron/1-weighted-sum.c:");
    EXPECT_HAS(g, "5 passed, 1 failed");
}

Test(grader, an_untouched_stub_says_not_started)
{
    pristine_copy();
    graded *g = grade("--tree $D/course/exercises --exercise 01-2");
    cr_expect_eq(g->status, 1);
    EXPECT_HAS(g, "01-2 2-step  not started: open build/tmp/grader-an_untouched_stub_says_not_started/"
                  "course/exercises/01-neuron/2-step.c\n");
    EXPECT_NOT(g, "✘");
    /* the course's own stubs, graded as such, fail (tools/check-exercises.sh relies on it) */
    g = grade("--tree $D/course/exercises --exercise 01-2 --run-untouched --plain");
    EXPECT_HAS(g, "✘ failed");
}

Test(grader, the_full_report_ends_with_the_table_and_details_only_the_first_unfinished)
{
    pristine_copy();
    /* 01-1 solved, 01-2 a crash, 02-1 started (still failing), everything else untouched */
    graded *g = run("cp solutions/01-neuron/1-weighted-sum.c $D/course/exercises/01-neuron/ && "
                    "cp tests/grader/broken/01-neuron/2-step.c $D/course/exercises/01-neuron/ && "
                    "echo '/* started */' >> $D/course/exercises/02-sigmoid/1-stable-sigmoid.c && "
                    "$G --tree $D/course/exercises --plain");
    cr_expect_eq(g->status, 1);
    EXPECT_HAS(g, "✘ crashed   step::positive_fires");        /* 01-2: the first unfinished */
    EXPECT_NOT(g, "stable_sigmoid::");                        /* 02-1: in the table only */
    EXPECT_NOT(g, "weighted_sum::two_inputs");                /* a pass needs no details */
    EXPECT_HAS(g, "\n01-neuron              01-1  weighted-sum           ✔ passed\n"
                  "                       01-2  step                   ✘ crashed (0/4 tests pass)\n"
                  "                       01-3  nand                   · not started\n");
    EXPECT_HAS(g, "\n02-sigmoid             02-1  stable-sigmoid         ✘ failing (");
    EXPECT_HAS(g, "                       08-6  minmax                 · not started\n"
                  "\nprogress [..............................] 1/");
    EXPECT_HAS(g, "next: build/tmp/grader-the_full_report_ends_with_the_table_and_details_only_the_first_unfinished/"
                  "course/exercises/01-neuron/2-step.c\n");
    /* VERBOSE=1 shows every graded exercise */
    g = grade("--tree $D/course/exercises --plain --verbose");
    EXPECT_HAS(g, "stable_sigmoid::");
    EXPECT_HAS(g, "weighted_sum::two_inputs");
}

Test(grader, tests_run_in_the_order_they_are_written)
{
    graded *g = grade("--tree solutions --exercise 07-2 --plain");
    cr_expect_eq(g->status, 0, "%s", g->text);
    EXPECT_HAS(g, "✔ passed    sk_softmax::three_scores_by_hand\n"
                  "  ✔ passed    sk_softmax::equals_scikit_learn_for_every_row_length\n"
                  "  ✔ passed    sk_softmax::huge_and_infinite_scores\n"
                  "  ✔ passed    sk_softmax::rows_add_up_to_one\n"
                  "  ✔ passed    sk_softmax::works_in_place\n");
    EXPECT_NOT(g, "t01_");
}

Test(grader, colour_on_a_terminal_and_never_with_no_color)
{
    /* script(1) gives the grader a terminal */
    graded *g = run("unset NO_COLOR; script -qec '$G --tree tests/grader/tutor --exercise 01-1' /dev/null");
    EXPECT_HAS(g, "\033[31m⚠ \033[1mtests/grader/tutor/01-neuron/1-weighted-sum.c:9:");
    g = run("script -qec 'NO_COLOR=1 $G --tree tests/grader/tutor --exercise 01-1' /dev/null");
    EXPECT_NOT(g, "\033[");
}

Test(grader, solutions_reach_100_percent)
{
    graded *g = grade("--tree solutions --chapter 01 --plain");
    cr_expect_eq(g->status, 0, "%s", g->text);
    EXPECT_HAS(g, "progress [##############################] 5/5 exercises done (100%)");
    EXPECT_NOT(g, "next:");
    EXPECT_NOT(g, "make hint");
}

Test(grader, a_failing_exercise_points_to_the_hint_which_opens_one_level_at_a_time)
{
    graded *g = grade("--tree tests/grader/broken --exercise 01-2 --plain");
    EXPECT_HAS(g, "stuck? make hint EX=01-2 shows a first hint");
    EXPECT_NOT(g, "Hint 1");
    g = run("rm -f $D/hint-levels; tools/exercise.sh hint 01-2");
    EXPECT_HAS(g, "Hint 1 of 3 (a nudge):\n");
    EXPECT_NOT(g, "Hint 2");
    EXPECT_HAS(g, "'make hint EX=01-2' again shows hint 2 of 3");
    g = run("tools/exercise.sh hint 01-2");
    EXPECT_HAS(g, "Hint 1 of 3 (a nudge):\n");
    EXPECT_HAS(g, "\nHint 2 of 3 (the idea):\n");
    EXPECT_NOT(g, "Hint 3");
    g = run("tools/exercise.sh hint 01-2; tools/exercise.sh hint 01-2");
    EXPECT_HAS(g, "\nHint 3 of 3 (in C):\n");
    EXPECT_HAS(g, "That was the last hint.");
}

Test(grader, hints_have_three_levels_and_never_the_solutions_code)
{
    graded *g = run("tools/check-exercises.sh --hints-only exercises solutions");
    cr_expect_eq(g->status, 0, "the course's hints and stubs:\n%s", g->text);
    g = run("tools/check-exercises.sh --hints-only tests/grader/hints solutions");
    cr_expect_eq(g->status, 1, "%s", g->text);
    EXPECT_HAS(g, "tests/grader/hints/01-neuron/1-weighted-sum.hint: a hint has three non-empty "
                  "levels (a nudge, the idea, how it maps onto C) separated by lines holding only "
                  "---; this one has 2 level(s)");
    EXPECT_HAS(g, "tests/grader/hints/01-neuron/1-weighted-sum.hint gives away a statement of "
                  "solutions/01-neuron/1-weighted-sum.c: z+=w[i]*x[i]");
    EXPECT_HAS(g, "tests/grader/hints/01-neuron/1-weighted-sum.c: a comment gives away a statement "
                  "of solutions/01-neuron/1-weighted-sum.c: z+=w[i]*x[i]");
}

Test(grader, watch_moves_on_after_a_pass)
{
    pristine_copy();
    /* make watch under a pseudo-terminal (script), on the copy; the learner's "save" is a
     * copy of the solution, repeated until the watcher reacts (inotify starts a moment
     * after the first grading). */
    graded *g = run(
        "rm -f $D/watch.log $D/watch.pid; " /* a log left by an earlier run says 'watching' at once */
        "( timeout 60 script -qfec 'tools/exercise.sh watch 01-1 --tree $D/course/exercises' "
        "/dev/null >$D/watch.log 2>&1 & echo $! >$D/watch.pid ); "
        "for i in $(seq 150); do grep -q 'watching' $D/watch.log && break; sleep 0.2; done; "
        "for i in $(seq 40); do cp solutions/01-neuron/1-weighted-sum.c $D/course/exercises/01-neuron/; "
        "  sleep 1; grep -q 'Moving on' $D/watch.log && break; done; "
        "sleep 1; kill $(cat $D/watch.pid); cat $D/watch.log");
    EXPECT_HAS(g, "not started: open build/tmp/grader-watch_moves_on_after_a_pass/course/exercises/01-neuron/1-weighted-sum.c");
    EXPECT_HAS(g, "✔ 01-1 passes.");
    EXPECT_HAS(g, "Moving on to 01-2.");
    EXPECT_HAS(g, "watching build/tmp/grader-watch_moves_on_after_a_pass/course/exercises/ for changes to grade 01-2 again");
}

Test(grader, writes_tap_and_xml_reports_for_teachers)
{
    graded *g = grade("--tree tests/grader/broken --exercise 01-2 --report tap --plain");
    EXPECT_HAS(g, "report: build/tmp/grader-writes_tap_and_xml_reports_for_teachers/out/report.tap");
    g = run("cat $D/out/report.tap");
    cr_expect(strncmp(g->text, "TAP version 13\n1..4\n", 20) == 0, "TAP header:\n%s", g->text);
    EXPECT_HAS(g, "# exercise 01-2 crashed (0/4 tests) tests/grader/broken/01-neuron/2-step.c");
    char line[200];
    snprintf(line, sizeof line, "not ok 1 - 01-2 step::positive_fires # crashed: %s", STEP_CRASH);
    EXPECT_HAS(g, line);

    /* warnings, crash locations and statuses, from the sanitized build */
    g = grade("--tree tests/grader/tutor --chapter 01 --report xml");
    g = run("cat $D/out/report.xml");
    EXPECT_HAS(g, "<testsuites name=\"exercises\" tests=\"13\" failures=\"12\">");
    EXPECT_HAS(g, "<testsuite name=\"01-1\" file=\"tests/grader/tutor/01-neuron/1-weighted-sum.c\" "
                  "status=\"crashed\" passed=\"1/5\">");
    EXPECT_HAS(g, "<warning file=\"tests/grader/tutor/01-neuron/1-weighted-sum.c\" line=\"9\" message=\"‘q’");
    EXPECT_HAS(g, "<failure type=\"crashed\" message=\"4-perceptron-update.c:13: reads past the end of "
                  "an array (stack-buffer-overflow); in perceptron_update() at "
                  "tests/grader/tutor/01-neuron/4-perceptron-update.c:13\"/>");
    EXPECT_HAS(g, "<testsuite name=\"01-2\" file=\"tests/grader/tutor/01-neuron/2-step.c\" "
                  "status=\"does not compile\"");
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
