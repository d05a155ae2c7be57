/* grade.h - what every exercise test shares.
 *
 * GRADE_SUITE(name) declares a Criterion suite with a time limit, so an endless loop
 * is a timeout rather than a hang (Criterion's --timeout can only lower a limit that
 * a suite already has). It also catches a test that ends because the code under test
 * called exit(): Criterion would count that as a pass. The suite's .init registers an
 * atexit check, its .fini (run after every test body, passed or failed) marks the test
 * as finished; if the process exits before .fini, the check prints a marker that
 * tools/grade.sh reads, and aborts so the test cannot pass.
 *
 * For tools/grade.sh the .init also prints a start marker (so a sanitizer report on
 * stderr can be tied to its test) and arms an alarm at the time limit: a test that
 * runs over it prints a timeout marker, leaves the file named by $GRADE_STOP_FILE and
 * aborts, and every later test of the run sees that file and skips itself, so an
 * endless loop costs one time limit per exercise, not one per test. Criterion's own
 * .timeout, a second later, remains the backstop.
 *
 * expect_near and expect_eq_size state what was expected and what came back.
 */
#ifndef GRADE_H
#define GRADE_H

#include <criterion/criterion.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#ifndef GRADE_TIMEOUT
#define GRADE_TIMEOUT 5.0 /* seconds per test */
#endif

static int grade_finished_;

static void grade_exit_check_(void)
{
    if (!grade_finished_) {
        fprintf(stderr, "@@nn-grade-exit %s::%s\n", criterion_current_suite->name,
                criterion_current_test->name);
        fflush(stderr);
        abort();
    }
}

/* SIGALRM: only async-signal-safe calls (write, open, close, abort). */
static void grade_timeout_(int sig)
{
    (void)sig;
    static const char marker[] = "@@nn-grade-timeout\n";
    ssize_t ignored = write(STDERR_FILENO, marker, sizeof marker - 1);
    (void)ignored;
    const char *stop = getenv("GRADE_STOP_FILE");
    if (stop) {
        int fd = open(stop, O_WRONLY | O_CREAT, 0644);
        if (fd >= 0)
            close(fd);
    }
    abort();
}

static void grade_init_(void)
{
    fprintf(stderr, "@@nn-grade-start %s::%s\n", criterion_current_suite->name,
            criterion_current_test->name);
    fflush(stderr);
    const char *stop = getenv("GRADE_STOP_FILE");
    if (stop && stop[0] && access(stop, F_OK) == 0)
        cr_skip_test("not run: an earlier test of this exercise timed out");
    grade_finished_ = 0;
    atexit(grade_exit_check_);
    signal(SIGALRM, grade_timeout_);
    alarm((unsigned)ceil(GRADE_TIMEOUT));
}

static void grade_fini_(void)
{
    alarm(0);
    grade_finished_ = 1;
}

#define GRADE_SUITE(name)                                        \
    TestSuite(name, .init = grade_init_, .fini = grade_fini_,    \
              .timeout = (GRADE_TIMEOUT) + 1.0)

/* |got - want| <= tol * max(1, |want|), and NaN only equals NaN. */
static inline int grade_near(double got, double want, double tol)
{
    if (isnan(want) || isnan(got))
        return isnan(want) && isnan(got);
    if (isinf(want) || isinf(got))
        return got == want;
    double scale = fabs(want) > 1.0 ? fabs(want) : 1.0;
    return fabs(got - want) <= tol * scale;
}

/* what: a printf format describing the call, e.g. "step(%g)", then its arguments. */
#define expect_near(got, want, tol, what, ...)                                              \
    do {                                                                                   \
        double got_ = (got), want_ = (want);                                               \
        cr_expect(grade_near(got_, want_, (tol)), what ": expected %.10g, got %.10g",      \
                  __VA_ARGS__, want_, got_);                                               \
    } while (0)

#define expect_eq_size(got, want, what, ...)                                                \
    do {                                                                                   \
        size_t got_ = (got), want_ = (want);                                               \
        cr_expect(got_ == want_, what ": expected %zu, got %zu", __VA_ARGS__, want_, got_); \
    } while (0)

#endif
