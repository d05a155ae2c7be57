/* tests/lib/error.c - error values, locations in messages, warnings and the allocator. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

TestSuite(error, .timeout = 10);

Test(error, messages_carry_file_line_and_column)
{
    nn_error err;
    cr_assert_eq(nn_error_at(&err, NN_ERR_PARSE, "data.csv", 3, 14, "expected a number, got '%s'", "abc"),
                 NN_ERR_PARSE);
    cr_assert_eq(err.code, NN_ERR_PARSE);
    cr_assert_str_eq(err.message, "data.csv:3:14: expected a number, got 'abc'");
    nn_error_at(&err, NN_ERR_IO, "model.nn", 0, 0, "truncated");
    cr_assert_str_eq(err.message, "model.nn: truncated");
    nn_error_at(&err, NN_ERR_PARSE, "x.svm", 9, 0, "bad label");
    cr_assert_str_eq(err.message, "x.svm:9: bad label");
    nn_error_clear(&err);
    cr_assert_eq(err.code, NN_OK);
    cr_assert_str_eq(err.message, "");
}

Test(error, null_error_is_allowed_and_long_messages_are_cut)
{
    cr_assert_eq(nn_error_set(NULL, NN_ERR_ARG, "ignored"), NN_ERR_ARG);
    nn_error err;
    char long_text[3000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    nn_error_set(&err, NN_ERR_ARG, "%s", long_text);
    cr_assert_eq(strlen(err.message), NN_ERROR_MESSAGE_MAX - 1);
}

Test(error, every_status_has_a_name)
{
    for (int c = NN_OK; c <= NN_ERR_STATE; c++)
        cr_assert(strlen(nn_status_name((nn_status)c)) > 0);
    cr_assert_str_eq(nn_status_name(NN_ERR_SHAPE), "shape mismatch");
}

static char last_warning[256];
static void capture(const char *message, void *context)
{
    (void)context;
    snprintf(last_warning, sizeof last_warning, "%s", message);
}

Test(error, warnings_go_to_the_handler)
{
    nn_set_warning_handler(capture, NULL);
    nn_warn("did not converge after %d iterations", 200);
    cr_assert_str_eq(last_warning, "did not converge after 200 iterations");
    nn_set_warning_handler(NULL, NULL);
}

Test(error, alloc_checks_overflow_and_can_fail_on_purpose)
{
    nn_error err;
    long live = nn_alloc_live();
    cr_assert_null(nn_alloc(SIZE_MAX / 2, 4, "huge", &err));
    cr_assert_eq(err.code, NN_ERR_NOMEM);
    cr_assert(strstr(err.message, "huge") != NULL, "%s", err.message);

    nn_alloc_fail_after(1);
    double *a = nn_alloc(4, sizeof *a, "first", &err);
    cr_assert_not_null(a, "the first allocation should succeed");
    cr_assert_null(nn_alloc(4, sizeof *a, "second", &err), "the second should fail");
    cr_assert(strstr(err.message, "second") != NULL, "%s", err.message);
    double *c = nn_alloc(4, sizeof *c, "third", &err);
    cr_assert_not_null(c, "after the injected failure allocations work again");
    cr_assert_eq(a[0], 0.0, "nn_alloc zeroes memory");
    nn_alloc_free(a);
    nn_alloc_free(c);
    nn_alloc_free(NULL);
    cr_assert_eq(nn_alloc_live(), live, "every block was freed");
}

/* ---- NN_TRY and NN_TRY_CLEANUP ----------------------------------------------------------- */

static int steps;
static nn_status step(nn_status result)
{
    steps++;
    return result;
}

static nn_status tries(nn_status first, nn_status second)
{
    NN_TRY(step(first));
    NN_TRY(step(second));
    return NN_OK;
}

static int freed;
static nn_status tries_with_cleanup(nn_status first, nn_status second)
{
    nn_status status = NN_OK;
    NN_TRY_CLEANUP(step(first));
    NN_TRY_CLEANUP(step(second));
cleanup:
    freed++;
    return status;
}

Test(error, try_returns_the_first_failure_and_runs_nothing_after_it)
{
    steps = 0;
    cr_assert_eq(tries(NN_OK, NN_OK), NN_OK);
    cr_assert_eq(steps, 2);
    steps = 0;
    cr_assert_eq(tries(NN_ERR_SHAPE, NN_OK), NN_ERR_SHAPE);
    cr_assert_eq(steps, 1, "the call after a failure must not run");
    steps = 0;
    cr_assert_eq(tries(NN_OK, NN_ERR_IO), NN_ERR_IO);
    cr_assert_eq(steps, 2);
}

Test(error, try_cleanup_always_reaches_the_cleanup)
{
    steps = freed = 0;
    cr_assert_eq(tries_with_cleanup(NN_OK, NN_OK), NN_OK);
    cr_assert(steps == 2 && freed == 1);
    steps = freed = 0;
    cr_assert_eq(tries_with_cleanup(NN_ERR_NOMEM, NN_OK), NN_ERR_NOMEM);
    cr_assert(steps == 1 && freed == 1);
    steps = freed = 0;
    cr_assert_eq(tries_with_cleanup(NN_OK, NN_ERR_ARG), NN_ERR_ARG);
    cr_assert(steps == 2 && freed == 1);
}

Test(error, made_turns_a_constructor_result_into_a_status)
{
    nn_error err;
    int object;
    cr_assert_eq(nn_made(&object, NULL), NN_OK);
    nn_error_set(&err, NN_ERR_ARG, "bad size");
    cr_assert_eq(nn_made(NULL, &err), NN_ERR_ARG);
    cr_assert_eq(nn_made(NULL, NULL), NN_ERR_NOMEM);
}
