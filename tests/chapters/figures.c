/* Tests of tools/figures.sh, which `make test` runs to keep the committed figures
 * (chapters/NN-slug/figures/) equal to the ones the programs draw.
 *
 * The check runs on copies of chapter 2's committed figures, one copy standing for the
 * fresh drawing: equal copies pass; a changed byte, a missing figure or one no longer
 * drawn fail and name the file; --update makes them equal again. No gnuplot is needed.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chapters/run.h"

TestSuite(figures, .timeout = 60);

/* Runs a shell command that must succeed. */
static void must_run(const char *command)
{
    char out[4096];
    cr_assert_eq(run_shell(command, out, sizeof out), 0, "%s: %s", command, out);
}

Test(figures, a_stale_committed_figure_fails_the_check)
{
    char dir[64], command[1024], out[1 << 14];
    make_temp_dir(dir, sizeof dir, "figures");
    snprintf(command, sizeof command,
             "cp -r chapters/02-sigmoid/figures %s/drawn && cp -r chapters/02-sigmoid/figures %s/committed",
             dir, dir);
    must_run(command);
    char check[512], update[512];
    snprintf(check, sizeof check, "tools/figures.sh --check %s/drawn=%s/committed", dir, dir);
    snprintf(update, sizeof update, "tools/figures.sh --update %s/drawn=%s/committed", dir, dir);
    cr_assert_eq(run_shell(check, out, sizeof out), 0, "equal figures must pass:\n%s", out);

    /* One changed byte in a drawn figure: the committed copy is stale. */
    snprintf(command, sizeof command, "sed -i 's/<svg/<svg /' %s/drawn/activations.svg", dir);
    must_run(command);
    cr_assert_eq(run_shell(check, out, sizeof out), 1, "a changed figure must fail:\n%s", out);
    cr_assert(strstr(out, "committed/activations.svg differs"), "it names the file:\n%s", out);

    /* A figure drawn but not committed, and one committed but no longer drawn. */
    snprintf(command, sizeof command, "cp %s/drawn/activations.svg %s/drawn/new.svg && "
             "cp %s/committed/sigmoid-tail.svg %s/committed/old.svg", dir, dir, dir, dir);
    must_run(command);
    cr_assert_eq(run_shell(check, out, sizeof out), 1, "%s", out);
    cr_assert(strstr(out, "committed/new.svg is missing"), "names the missing one:\n%s", out);
    cr_assert(strstr(out, "committed/old.svg is no longer drawn"), "and the old one:\n%s", out);

    /* --update copies what changed, removes what is gone, and then the check passes. */
    cr_assert_eq(run_shell(update, out, sizeof out), 0, "%s", out);
    cr_assert(strstr(out, "wrote") && strstr(out, "removed"), "it says what it did:\n%s", out);
    cr_assert_eq(run_shell(check, out, sizeof out), 0, "after --update:\n%s", out);

    /* Another gnuplot version draws other bytes: reported, not compared. */
    snprintf(command, sizeof command,
             "sed -i 's/patchlevel [0-9]*/patchlevel 99/; s/<svg/<svg /' %s/drawn/*.svg", dir);
    must_run(command);
    cr_assert_eq(run_shell(check, out, sizeof out), 0, "%s", out);
    cr_assert(strstr(out, "skipped") && strstr(out, "patchlevel 99"), "%s", out);

    snprintf(command, sizeof command, "rm -rf %s", dir);
    run_shell(command, out, sizeof out);
}
