/* Tests of the figures drawn as text (--plot=dumb) and in the terminal (--plot=sixel).
 *
 * tools/text-figures.sh --check, which `make test` runs on every chapter's text figures
 * (`make text-figures`), must reject the layouts that could not be read, kept in
 * tests/data/text-figures/, and name the rule each breaks. The colour of text figures
 * follows the terminal: ANSI colours on a terminal that has them (run under script(1),
 * which gives the program a terminal), none when NO_COLOR is set, when TERM is dumb or
 * when stdout is a pipe. These tests need gnuplot, as the figure tests of each chapter do.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "chapters/run.h"

TestSuite(text_figures, .timeout = 120);

Test(text_figures, the_check_rejects_labels_written_over_each_other)
{
    char out[1 << 14];
    int status = run_shell("tools/text-figures.sh --check "
                           "tests/data/text-figures/surfaces-before.txt", out, sizeof out);
    cr_assert_eq(status, 1, "expected the check to fail (1), got %d:\n%s", status, out);
    cr_expect(strstr(out, "run together: \"-1.--0.\" is not one tick label"),
              "expected the x labels -1.5 and -0.5 written over each other to be named:\n%s",
              out);
    cr_expect(strstr(out, "run together: \"1.\""), "and 1.5 cut short:\n%s", out);
    cr_expect(strstr(out, "one row: two tick labels on one row: \" -0 0 |\""),
              "expected -0.5 and 0 on one row to be named:\n%s", out);
    cr_expect(strstr(out, "surfaces-before.txt:11: run together"), "expected the line number:\n%s", out);
}

Test(text_figures, the_check_rejects_a_key_over_the_data)
{
    char out[1 << 14];
    int status = run_shell("tools/text-figures.sh --check "
                           "tests/data/text-figures/key-before.txt", out, sizeof out);
    cr_assert_eq(status, 1, "expected the check to fail (1), got %d:\n%s", status, out);
    cr_expect(strstr(out, "key-before.txt:6: key on data"), "expected line 6 named:\n%s", out);
    cr_expect(strstr(out, "run together") == NULL, "no other rule applies:\n%s", out);
}

Test(text_figures, chapter_7_draws_surfaces_a_learner_can_read)
{
    run_result r = run_ok("07-mlp-classifier --plot=dumb --part 2 --max-iter 200");
    cr_expect(strstr(r.text, "training points: o class 0, x class 1; dots: predicted class 1"),
              "expected the surfaces' legend line:\n%s", r.text);
    cr_expect(strstr(r.text, "ooo") && strstr(r.text, "xxx"), "class markers o and x:\n%s",
              r.text);
    cr_expect(strstr(r.text, "-1.--0.") == NULL && strstr(r.text, " -0 0 |") == NULL,
              "tick labels must not collide:\n%s", r.text);
    cr_expect(strstr(r.text, "GGGG") == NULL, "every point was G before:\n%s", r.text);
    free(r.text);
}

/* Runs command under script(1), which gives it a terminal, with env in front; the
 * terminal's text (escape sequences and all) goes into out. */
static void run_on_terminal(const char *env, const char *command, char *out, size_t size)
{
    char line[1024];
    snprintf(line, sizeof line, "%s script -qec '%s/%s' /dev/null < /dev/null", env,
             NN_BIN_DIR, command);
    int status = run_shell(line, out, size);
    cr_assert_eq(status, 0, "%s failed (%d):\n%s", line, status, out);
}

Test(text_figures, colour_follows_the_terminal)
{
    static char out[1 << 17];
    const char *fig = "02-sigmoid --plot=dumb";
    run_on_terminal("env -u NO_COLOR -u COLORTERM TERM=xterm-256color", fig, out, sizeof out);
    cr_expect(strstr(out, "\033[38;5;"), "a 256-colour terminal gets 256 colours:\n%.2000s",
              out);
    run_on_terminal("env -u NO_COLOR COLORTERM=truecolor TERM=xterm-256color", fig, out,
                    sizeof out);
    cr_expect(strstr(out, "\033[38;2;"), "COLORTERM=truecolor gets 24-bit colour:\n%.2000s",
                     out);
    run_on_terminal("env NO_COLOR=1 COLORTERM=truecolor TERM=xterm-256color", fig, out,
                    sizeof out);
    cr_expect(strchr(out, '\033') == NULL, "NO_COLOR=1: no escape sequences:\n%.2000s", out);
    run_on_terminal("env -u NO_COLOR TERM=dumb", fig, out, sizeof out);
    cr_expect(strchr(out, '\033') == NULL, "TERM=dumb: no escape sequences:\n%.2000s", out);
    /* Through a pipe, stdout is not a terminal. */
    int status = run_shell("env -u NO_COLOR COLORTERM=truecolor TERM=xterm-256color "
                           NN_BIN_DIR "/02-sigmoid --plot=dumb | cat", out, sizeof out);
    cr_assert_eq(status, 0, "%s", out);
    cr_expect(strstr(out, "+-----") && strchr(out, '\033') == NULL,
              "a pipe gets the figures without escape sequences:\n%.2000s", out);
}

Test(text_figures, sixel_draws_an_image_on_stdout)
{
    static char out[1 << 20];
    int status = run_shell(NN_BIN_DIR "/02-sigmoid --plot=sixel", out, sizeof out);
    cr_assert_eq(status, 0, "%.2000s", out);
    char *start = strstr(out, "\033P"); /* a sixel image: DCS ... q, data, then ST */
    cr_expect(start && strchr(start, 'q') && strstr(start, "\033\\"),
              "expected a sixel image (ESC P ... q ... ESC \\):\n%.300s", out);
    cr_expect(strstr(out, "The right tail"), "the tables are printed as well");
}
