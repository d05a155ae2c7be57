/* run.h - run a chapter program and capture what it prints, for the program tests.
 *
 * run_program("01-neuron --plot=none", &r) runs build/bin/01-neuron through the shell
 * with stderr merged into stdout, and fills r with the text and the exit status.
 */
#ifndef RUN_H
#define RUN_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#ifndef NN_BIN_DIR
#define NN_BIN_DIR "build/bin"
#endif

typedef struct run_result {
    char *text;  /* stdout and stderr, NUL-terminated */
    int status;  /* exit status, or -1 when killed by a signal */
} run_result;

static inline run_result run_program(const char *command_line)
{
    char command[4096];
    snprintf(command, sizeof command, "%s/%s 2>&1", NN_BIN_DIR, command_line);
    FILE *pipe = popen(command, "r");
    cr_assert_not_null(pipe, "cannot run %s", command);
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    size_t n;
    while ((n = fread(text + len, 1, cap - len - 1, pipe)) > 0) {
        len += n;
        if (cap - len < 2) {
            cap *= 2;
            text = realloc(text, cap);
            cr_assert_not_null(text);
        }
    }
    text[len] = '\0';
    int raw = pclose(pipe);
    run_result r = {text, WIFEXITED(raw) ? WEXITSTATUS(raw) : -1};
    return r;
}

/* Asserts that the output contains needle, showing the output when it does not. */
#define EXPECT_OUTPUT_HAS(r, needle)                                                       \
    cr_expect(strstr((r).text, (needle)) != NULL, "expected the output to contain\n  %s\n" \
              "but it was:\n%s", (needle), (r).text)

#endif
