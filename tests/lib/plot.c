/* tests/lib/plot.c - the gnuplot pipe: what it sends, and how it fails safely.
 *
 * A fake gnuplot (a shell script named by NN_GNUPLOT) records the commands it receives,
 * so the tests can read exactly what the library sent.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live_curve.h"
#include "plot.h"

TestSuite(plot, .timeout = 20);

static char dir[64];

/* A fresh folder, and a fake gnuplot inside it that copies stdin to dir/commands.gp
 * and exits with the given status. */
static void fake_gnuplot(int status)
{
    mkdir("build", 0777);
    mkdir("build/tmp", 0777);
    snprintf(dir, sizeof dir, "build/tmp/plot-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    char script[128];
    snprintf(script, sizeof script, "%s/gnuplot", dir);
    FILE *f = fopen(script, "w");
    cr_assert_not_null(f);
    fprintf(f, "#!/bin/sh\ncat > '%s/commands.gp'\nexit %d\n", dir, status);
    fclose(f);
    chmod(script, 0755);
    setenv("NN_GNUPLOT", script, 1);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

Test(plot, sends_terminal_output_datablocks_and_escaped_text)
{
    fake_gnuplot(0);
    nn_plot *p;
    nn_error err;
    cr_assert_eq(nn_plot_open(&p, NN_PLOT_SVG, dir, "fig", 1, 1, &err), NN_OK, "%s", err.message);
    cr_assert_not_null(p);
    nn_plot_set_text(p, "title", "say \"hi\" \\ to\nall");
    nn_plot_data_begin(p, "d");
    nn_plot_data_row(p, 3, (double[]){0.1, -2.0, NAN});
    nn_plot_data_end(p);
    nn_plot_command(p, "plot $d using 1:2");
    /* The fake gnuplot draws nothing, so renaming the (missing) file fails: an error. */
    nn_status st = nn_plot_close(p, &err);
    char path[128];
    snprintf(path, sizeof path, "%s/commands.gp", dir);
    const char *sent = read_all(path);
    cr_assert_not_null(sent);
    cr_expect(strstr(sent, "set terminal svg size 720,450") == sent, "terminal first:\n%s", sent);
    char output[160];
    snprintf(output, sizeof output, "set output \"%s/fig.svg.tmp", dir);
    cr_expect(strstr(sent, output) != NULL, "the output is a temporary file:\n%s", sent);
    cr_expect(strstr(sent, "set title \"say \\\"hi\\\" \\\\ to all\"\n") != NULL,
              "title escaped:\n%s", sent);
    cr_expect(strstr(sent, "$d << EOD\n0.10000000000000001 -2 NaN\nEOD\n") != NULL,
              "datablock:\n%s", sent);
    cr_expect(strstr(sent, "plot $d using 1:2\n") != NULL, "%s", sent);
    cr_expect_eq(st, NN_ERR_IO, "no figure was drawn, so close must report it");
}

Test(plot, a_failing_gnuplot_leaves_no_file)
{
    fake_gnuplot(1);
    nn_plot *p;
    nn_error err;
    cr_assert_eq(nn_plot_open(&p, NN_PLOT_SVG, dir, "broken", 1, 1, &err), NN_OK);
    nn_plot_command(p, "plot x");
    cr_assert_eq(nn_plot_close(p, &err), NN_ERR_IO);
    cr_expect(strstr(err.message, "gnuplot failed") != NULL, "%s", err.message);
    char path[128];
    snprintf(path, sizeof path, "%s/broken.svg", dir);
    cr_expect(access(path, F_OK) != 0, "%s exists after a failure", path);
}

static int warnings;
static void count_warning(const char *message, void *context)
{
    (void)context;
    (void)message;
    warnings++;
}

Test(plot, missing_gnuplot_warns_once_and_draws_nothing)
{
    setenv("NN_GNUPLOT", "/nonexistent/gnuplot", 1);
    nn_set_warning_handler(count_warning, NULL);
    cr_assert_not(nn_plot_available());
    for (int i = 0; i < 3; i++) {
        nn_plot *p = (nn_plot *)&warnings; /* must be overwritten with NULL */
        nn_error err;
        cr_assert_eq(nn_plot_open(&p, NN_PLOT_SVG, "build/tmp/none", "x", 1, 1, &err), NN_OK);
        cr_assert_null(p);
        nn_plot_command(p, "plot x"); /* no-ops on NULL */
        cr_assert_eq(nn_plot_close(p, &err), NN_OK);
    }
    cr_expect_eq(warnings, 1, "expected exactly one warning, got %d", warnings);
    nn_set_warning_handler(NULL, NULL);
}

Test(plot, mode_none_opens_nothing)
{
    nn_plot *p = (nn_plot *)&warnings;
    nn_error err;
    cr_assert_eq(nn_plot_open(&p, NN_PLOT_NONE, "build/tmp/none", "x", 1, 1, &err), NN_OK);
    cr_assert_null(p);
    cr_assert_eq(nn_plot_resolve(NN_PLOT_SVG), NN_PLOT_SVG);
}

/* A live figure shows only in a window or a terminal: the file modes, none, and a
 * missing gnuplot give NULL, and every live call is a no-op on NULL. (Frames drawn in
 * a terminal and a window are tested by tests/live/live-check.sh, in tmux and Xvfb.) */
Test(plot, live_figures_open_only_where_they_can_be_seen)
{
    const nn_plot_mode modes[] = {NN_PLOT_NONE, NN_PLOT_SVG, NN_PLOT_PNG};
    for (size_t k = 0; k < 3; k++) {
        nn_plot *p = (nn_plot *)&warnings; /* must be overwritten with NULL */
        nn_error err;
        cr_assert_eq(nn_plot_open_live(&p, modes[k], "live", 1, 1, &err), NN_OK);
        cr_assert_null(p, "mode %d opened a live figure", (int)modes[k]);
    }
    setenv("NN_GNUPLOT", "/nonexistent/gnuplot", 1);
    nn_plot *p = (nn_plot *)&warnings;
    cr_assert_eq(nn_plot_open_live(&p, NN_PLOT_DUMB, "live", 1, 1, NULL), NN_OK);
    cr_assert_null(p, "a live figure without gnuplot");
    unsetenv("NN_GNUPLOT");
    cr_assert_not(nn_plot_frame_begin(NULL), "a frame on no figure");
    nn_plot_frame_end(NULL);
    cr_assert_eq(nn_plot_close(NULL, NULL), NN_OK);
    cr_assert(strstr(NN_PLOT_CHOICES, "|window") != NULL, "--plot lists no window");
}

/* A live curve (lib/live_curve) that cannot be shown is set up all the same and ignores
 * every step: a training loop calls it unconditionally. Its schedule: at most
 * NN_LIVE_CURVE_FRAMES frames and NN_LIVE_CURVE_POINTS points whatever the run's length. */
Test(plot, a_live_curve_without_a_figure_ignores_its_steps)
{
    const struct { bool on; nn_plot_mode mode; } cases[] = {
        {false, NN_PLOT_DUMB}, {true, NN_PLOT_SVG}, {true, NN_PLOT_NONE}};
    for (size_t k = 0; k < 3; k++) {
        nn_live_curve c;
        cr_assert_eq(nn_live_curve_open(&c, cases[k].on, cases[k].mode, 6000, "loss", NULL),
                     NN_OK);
        cr_assert_null(c.p, "case %zu opened a figure", k);
        cr_assert_eq(c.every, 6000 / NN_LIVE_CURVE_FRAMES + 1);
        cr_assert_eq(c.stride, 6000 / NN_LIVE_CURVE_POINTS + 1);
        cr_assert_leq(6000 / c.every + 1, NN_LIVE_CURVE_FRAMES + 1, "too many frames");
        cr_assert_leq(6000 / c.stride + 1, NN_LIVE_CURVE_POINTS, "too many points");
        for (long t = 0; t <= 6000; t++)
            nn_live_curve_step(&c, t, 1.0 / (double)(t + 1));
        cr_assert_eq(c.n, 0, "a curve without a figure kept %zu points", c.n);
        nn_live_curve_close(&c);
    }
}

Test(plot, real_gnuplot_writes_the_file_in_place)
{
    unsetenv("NN_GNUPLOT");
    cr_assert(nn_plot_available(), "gnuplot must be installed for the test suite");
    fake_gnuplot(0);
    unsetenv("NN_GNUPLOT");
    nn_plot *p;
    nn_error err;
    cr_assert_eq(nn_plot_open(&p, NN_PLOT_SVG, dir, "line", 1, 1, &err), NN_OK);
    nn_plot_set_text(p, "title", "a \"quoted\" title");
    nn_plot_data_begin(p, "xy");
    for (int i = 0; i < 5; i++)
        nn_plot_data_row(p, 2, (double[]){i, i * i});
    nn_plot_data_end(p);
    nn_plot_command(p, "plot $xy with lines");
    cr_assert_eq(nn_plot_close(p, &err), NN_OK, "%s", err.message);
    char path[128];
    snprintf(path, sizeof path, "%s/line.svg", dir);
    const char *svg = read_all(path);
    cr_assert_not_null(svg, "%s was not written", path);
    cr_expect(strstr(svg, "<svg") != NULL);
    cr_expect(strstr(svg, "a &quot;quoted&quot; title") != NULL || strstr(svg, "a \"quoted\" title") != NULL,
              "the title is drawn literally");
}
