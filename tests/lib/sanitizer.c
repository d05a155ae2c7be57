/* tests/lib/sanitizer.c - LeakSanitizer and the Criterion runner.
 *
 * Under `make test SANITIZE=1` every process of this binary is leak-checked when it
 * exits. Criterion runs each test in a worker process: those run our code, and a leak
 * there fails the run. The runner process that starts the workers runs none of our
 * code, and Criterion 2.4 leaves a few of its own 48-byte records unfreed in it. Report
 * hooks run in the runner only, so the first one tells LeakSanitizer to ignore what the
 * runner allocates from then on; the workers are checked as before.
 */
#include <criterion/criterion.h>
#include <criterion/hooks.h>

#if defined(__SANITIZE_ADDRESS__)
#define NN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NN_ASAN 1
#endif
#endif

#ifdef NN_ASAN
#include <sanitizer/lsan_interface.h>

ReportHook(PRE_ALL)(struct criterion_test_set *tests)
{
    (void)tests;
    __lsan_disable();
}
#endif
