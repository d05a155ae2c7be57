/* Tests for the example program in README.md ("A 24-line example").
 *
 * The README shows a complete C program and, below it, what the program prints. This
 * test takes both from README.md itself: the first ```c block after the heading
 * "### A N-line example" and the first plain ``` block after that. The program must
 * have exactly N lines, so the heading cannot drift from the code. It compiles the
 * program against build/libnn.a (with $CC and $CFLAGS when make passes them, so
 * WERROR=1 applies here too), runs it and requires its output to be exactly the block
 * in the README. An edit to either block, or to the library, that makes them disagree
 * fails here.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chapters/run.h"

TestSuite(readme, .timeout = 120);

#define TITLE "A N-line example"
#define HEADING "\n### A "   /* then the number of lines, then "-line example" */

/* README.md, whole, NUL-terminated. */
static char *read_readme(void)
{
    size_t size;
    char *text = read_all("README.md", &size);
    cr_assert_not_null(text, "cannot open README.md (the tests run from the repository root)");
    return text;
}

/* The text of the fenced block whose opening fence line is exactly `fence` (for
 * example "```c"), the first one after `from`: a new string holding the lines between
 * the fences, each with its newline. *after gets the end of the closing fence. */
static char *fenced_block(const char *from, const char *fence, const char **after)
{
    char open[16];
    snprintf(open, sizeof open, "\n%s\n", fence);
    const char *start = strstr(from, open);
    cr_assert_not_null(start, "README.md: no %s block after the heading \"%s\"", fence,
                       TITLE);
    start += strlen(open);
    const char *end = strstr(start - 1, "\n```\n");
    cr_assert_not_null(end, "README.md: the %s block after \"%s\" is not closed", fence,
                       TITLE);
    size_t len = (size_t)(end + 1 - start);
    char *block = malloc(len + 1);
    cr_assert_not_null(block);
    memcpy(block, start, len);
    block[len] = '\0';
    *after = end + 5;
    return block;
}

Test(readme, the_example_compiles_and_prints_what_the_readme_shows)
{
    char *readme = read_readme();
    const char *heading = strstr(readme, HEADING);
    cr_assert_not_null(heading, "README.md has no heading \"### %s\"", TITLE);
    char *rest;
    long promised = strtol(heading + strlen(HEADING), &rest, 10);
    cr_assert(promised > 0 && strncmp(rest, "-line example\n", 14) == 0,
              "README.md's heading \"### A ...\" is not \"### %s\"", TITLE);
    const char *after;
    char *code = fenced_block(heading, "```c", &after);
    char *shown = fenced_block(after - 1, "```", &after);
    cr_assert(strstr(code, "int main(void)") != NULL, "the README's C block has no main:\n%s",
              code);
    cr_assert(shown[0] != '\0', "the README shows no output for its example");

    /* "A N-line example": the program, blank lines and all, has exactly N lines. */
    long lines = 0;
    for (const char *c = code; *c; c++)
        lines += *c == '\n';
    cr_expect(lines == promised, "the \"%ld-line example\" has %ld lines", promised, lines);

    char dir[32];
    make_temp_dir(dir, sizeof dir, "readme");
    char path[64];
    snprintf(path, sizeof path, "%s/example.c", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(code, f);
    fclose(f);

    const char *cc = getenv("CC"), *cflags = getenv("CFLAGS");
    char command[2048];
    snprintf(command, sizeof command,
             "%s %s -Ibuild/include %s/example.c build/libnn.a -lm -pthread -o %s/example 2>&1",
             cc && *cc ? cc : "cc",
             cflags ? cflags
                    : "-std=c11 -Wall -Wextra -Wpedantic -D_POSIX_C_SOURCE=200809L "
                      "-ffp-contract=off -O2",
             dir, dir);
    FILE *p = popen(command, "r");
    cr_assert_not_null(p);
    char diagnostics[8192];
    size_t n = fread(diagnostics, 1, sizeof diagnostics - 1, p);
    diagnostics[n] = '\0';
    int status = pclose(p);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "the README's example does not compile:\n%s\n%s", command, diagnostics);
    cr_expect(n == 0, "the README's example compiles with warnings:\n%s", diagnostics);

    snprintf(command, sizeof command, "%s/example 2>&1", dir);
    p = popen(command, "r");
    cr_assert_not_null(p);
    char printed[8192];
    n = fread(printed, 1, sizeof printed - 1, p);
    printed[n] = '\0';
    status = pclose(p);
    cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the example exited with %d",
              status);
    cr_expect_str_eq(printed, shown,
                     "the README's example printed\n%s\nbut the README shows\n%s", printed,
                     shown);
    free(code);
    free(shown);
    free(readme);
}
