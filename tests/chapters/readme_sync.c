/* Tests of tools/readme-sync.sh, which keeps the code and output quoted in the chapter
 * READMEs equal to the real sources and programs (`make test` runs its --check).
 *
 * Each test works on a copy of lib/ and chapter 1 in a directory under build/tmp, and
 * runs the chapter program from the build. The copy as it is must pass the check. After
 * an edit inside a quoted region of lib/neuron.c, or to the output the README shows, the
 * check must fail and name the README, the line and the quote; and after the tool
 * rewrites the README, the check passes again and the README shows the edit.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chapters/run.h"

TestSuite(readme_sync, .timeout = 60);

#define README "chapters/01-neuron/README.md"

/* A fresh directory under build/tmp holding lib/ and chapters/01-neuron/ (with its
 * README), which passes the check. */
static void make_copy(char *dir)
{
    char command[1024], out[1 << 16];
    mkdir("build", 0777);
    mkdir(RUN_TMP_DIR, 0777);
    cr_assert_not_null(mkdtemp(dir), "cannot make %s", dir);
    snprintf(command, sizeof command,
             "mkdir -p %s/chapters && cp -r lib %s/ && cp -r chapters/01-neuron %s/chapters/",
             dir, dir, dir);
    cr_assert_eq(run_shell(command, out, sizeof out), 0, "%s: %s", command, out);
}

/* tools/readme-sync.sh on the copy's README: "--check" or "" (rewrite). */
static int sync_copy(const char *dir, const char *mode, char *out, size_t size)
{
    char command[1024];
    snprintf(command, sizeof command, "tools/readme-sync.sh %s --bin %s --root %s %s", mode,
             NN_BIN_DIR, dir, README);
    return run_shell(command, out, size);
}

/* Replaces the line `from` by `to` in the copy's file, which must hold it once. */
static void edit(const char *dir, const char *file, const char *from, const char *to)
{
    char path[512], command[2048], out[1 << 12];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    snprintf(command, sizeof command, "grep -cxF '%s' %s", from, path);
    cr_assert_eq(run_shell(command, out, sizeof out), 0, "%s has no line '%s'", path, from);
    cr_assert_str_eq(out, "1\n", "%s holds the line '%s' more than once", path, from);
    snprintf(command, sizeof command, "sed -i 's|^%s$|%s|' %s && grep -qxF '%s' %s", from,
             to, path, to, path);
    cr_assert_eq(run_shell(command, out, sizeof out), 0, "%s: %s", command, out);
}

static void remove_copy(const char *dir)
{
    char command[1024], out[256];
    snprintf(command, sizeof command, "rm -rf %s", dir);
    run_shell(command, out, sizeof out);
}

Test(readme_sync, an_edited_region_makes_the_readme_stale_until_it_is_rewritten)
{
    char dir[] = RUN_TMP_DIR "/readme-sync-XXXXXX", out[1 << 16];
    make_copy(dir);
    cr_assert_eq(sync_copy(dir, "--check", out, sizeof out), 0,
                 "the README as committed must pass:\n%s", out);

    /* A line inside `// [weighted sum]` ... `// [end weighted sum]`. */
    edit(dir, "lib/neuron.c", "    double z = neuron->bias;",
         "    double z = neuron->bias; /* edited */");
    cr_assert_eq(sync_copy(dir, "--check", out, sizeof out), 1,
                 "an edited region must fail the check:\n%s", out);
    cr_assert(strstr(out, README ":") && strstr(out, "region=\"weighted sum\"") &&
                  strstr(out, "out of date"),
              "the message names the README, the line and the quote:\n%s", out);
    cr_assert(strstr(out, "region=\"step\"") == NULL,
              "only the edited quote is out of date:\n%s", out);

    cr_assert_eq(sync_copy(dir, "", out, sizeof out), 0, "the rewrite must succeed:\n%s", out);
    cr_assert_eq(sync_copy(dir, "--check", out, sizeof out), 0,
                 "after the rewrite the check passes:\n%s", out);
    char command[1024];
    snprintf(command, sizeof command, "grep -c 'double z = neuron->bias; /\\* edited \\*/' %s/%s",
             dir, README);
    cr_assert_eq(run_shell(command, out, sizeof out), 0, "the README shows the edited line");
    remove_copy(dir);
}

Test(readme_sync, output_that_differs_from_the_program_fails_the_check)
{
    char dir[] = RUN_TMP_DIR "/readme-sync-XXXXXX", out[1 << 16];
    make_copy(dir);
    edit(dir, README, "AND: w = (1, 1), b = -1.5", "AND: w = (1, 1), b = -1.4");
    cr_assert_eq(sync_copy(dir, "--check", out, sizeof out), 1,
                 "a README whose output the program does not print must fail:\n%s", out);
    cr_assert(strstr(out, README ":") && strstr(out, "run=\"01-neuron --seed 1\"") &&
                  strstr(out, "b = -1.4"),
              "the message names the README, the quote and the line that differs:\n%s", out);
    remove_copy(dir);
}
