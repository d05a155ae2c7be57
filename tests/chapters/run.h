/* run.h - run a chapter program and check what it prints, for the program tests.
 *
 * run_program("01-neuron --plot=none") runs build/bin/01-neuron through the shell with
 * stderr merged into stdout, and returns the text and the exit status; run_ok does the
 * same and asserts exit status 0.
 *
 * Every chapter program has the same duties besides its own work, and the helpers below
 * check them the same way for every chapter:
 *
 *   expect_bad_flags            a bad flag exits with 2, a message and the usage line
 *   expect_help_lists           --help lists every flag and does nothing else
 *   expect_same_seed_same_run   the same seed repeats a run, another seed changes it
 *   expect_svg_figures          --plot=svg --out DIR writes the named SVG figures
 *   expect_runs_without_gnuplot without gnuplot: one warning, the text, no figures
 *
 * and run_drawing, expect_figure and expect_no_figure are the pieces of the last two,
 * for figure tests of another shape. A failed check names the command line and shows
 * what the program printed.
 *
 * Everything here is static inline: the chapter test files are built into one binary.
 */
#ifndef RUN_H
#define RUN_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plot.h" /* NN_PLOT_CHOICES, the --plot flag's choices as --help lists them */
#include "support.h"

#ifndef NN_BIN_DIR
#define NN_BIN_DIR "build/bin"
#endif

#ifndef COUNT_OF
#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))
#endif

/* Where the figure tests make their directories, relative to the project's top. */
#define RUN_TMP_DIR "build/tmp"

/* The environment that hides gnuplot from lib/plot. */
#define RUN_NO_GNUPLOT "NN_GNUPLOT=/nonexistent/gnuplot"

typedef struct run_result {
    char *text;  /* stdout and stderr, NUL-terminated */
    int status;  /* exit status, or -1 when killed by a signal */
} run_result;

/* Runs command (any shell command, from the project's top) through the shell, with its
 * stdout and stderr into out (NUL-terminated, cut at size - 1 bytes); returns its exit
 * status, or -1 when a signal killed it. */
static inline int run_shell(const char *command, char *out, size_t size)
{
    char line[8192];
    snprintf(line, sizeof line, "%s 2>&1", command);
    FILE *pipe = popen(line, "r");
    cr_assert_not_null(pipe, "cannot run %s", command);
    size_t n = fread(out, 1, size - 1, pipe);
    out[n] = '\0';
    int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Runs "env NN_BIN_DIR/command_line" (env: NAME=VALUE settings for this run, or NULL). */
static inline run_result run_program_with_env(const char *env, const char *command_line)
{
    char command[4096];
    int length = snprintf(command, sizeof command, "%s%s%s/%s 2>&1", env ? env : "",
                          env ? " " : "", NN_BIN_DIR, command_line);
    cr_assert(length > 0 && (size_t)length < sizeof command, "command too long: %s",
              command_line);
    FILE *pipe = popen(command, "r");
    cr_assert_not_null(pipe, "cannot run %s", command);
    size_t len;
    char *text = read_stream(pipe, &len);
    int raw = pclose(pipe);
    run_result r = {text, WIFEXITED(raw) ? WEXITSTATUS(raw) : -1};
    return r;
}

static inline run_result run_program(const char *command_line)
{
    return run_program_with_env(NULL, command_line);
}

/* Runs command_line as run_program does and asserts exit status 0, showing the command
 * and the output when the status is another. */
static inline run_result run_ok(const char *command_line)
{
    run_result r = run_program(command_line);
    cr_assert_eq(r.status, 0, "`%s`: exit status %d, output:\n%s", command_line, r.status,
                 r.text);
    return r;
}

/* Asserts that the output contains needle, showing the output when it does not. */
#define EXPECT_OUTPUT_HAS(r, needle)                                                       \
    cr_expect(strstr((r).text, (needle)) != NULL, "expected the output to contain\n  %s\n" \
              "but it was:\n%s", (needle), (r).text)

/* The same, naming the command that printed r. */
static inline void expect_output_has(const run_result *r, const char *command,
                                     const char *needle)
{
    cr_expect(strstr(r->text, needle) != NULL,
              "`%s`: expected the output to contain\n  %s\nbut it was:\n%s", command, needle,
              r->text);
}

/* Expects the output not to contain needle; why says what that would mean. */
static inline void expect_output_lacks(const run_result *r, const char *command,
                                       const char *needle, const char *why)
{
    cr_expect(strstr(r->text, needle) == NULL, "`%s` %s: it printed '%s' in\n%s", command, why,
              needle, r->text);
}

/* "program args", checked for room. */
static inline void run_command_line(char *line, size_t size, const char *program,
                                    const char *args)
{
    int length = snprintf(line, size, "%s %s", program, args);
    cr_assert(length > 0 && (size_t)length < size, "command line too long: %s %s", program,
              args);
}

/* ---------------------------------------------------------------------------------------
 * Flags. */

/* A bad command line and (part of) the message it must give. */
typedef struct bad_flag_case {
    const char *args, *message;
} bad_flag_case;

/* For each case, runs "program base_args case.args" and expects what a bad flag gives:
 * exit status 2, the case's message, the line "usage: program [flags]", and, unless
 * must_not_print is NULL, no trace of the program's work: must_not_print is a text that
 * only the work prints (a heading such as "Part 1"), never the usage or the help. */
static inline void expect_bad_flags(const char *program, const char *base_args,
                                    const bad_flag_case *cases, size_t n,
                                    const char *must_not_print)
{
    char usage[256];
    snprintf(usage, sizeof usage, "usage: %s [flags]", program);
    for (size_t i = 0; i < n; i++) {
        char args[1024], command[1280];
        snprintf(args, sizeof args, "%s %s", base_args, cases[i].args);
        run_command_line(command, sizeof command, program, args);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 2, "`%s`: expected exit status 2, got %d; output:\n%s", command,
                     r.status, r.text);
        expect_output_has(&r, command, cases[i].message);
        expect_output_has(&r, command, usage);
        if (must_not_print)
            expect_output_lacks(&r, command, must_not_print, "ran anyway despite the bad flag");
        free(r.text);
    }
}

/* Runs "program --help" and expects exit status 0, the usage line, every one of flags
 * (as the help shows it: "--seed N", ("--plot " NN_PLOT_CHOICES)), and, unless
 * must_not_print is NULL, no trace of the program's work (see expect_bad_flags). */
static inline void expect_help_lists(const char *program, const char *const *flags, size_t n,
                                     const char *must_not_print)
{
    char command[512], usage[256];
    run_command_line(command, sizeof command, program, "--help");
    snprintf(usage, sizeof usage, "usage: %s [flags]", program);
    run_result r = run_program(command);
    cr_assert_eq(r.status, 0, "`%s`: exit status %d, output:\n%s", command, r.status, r.text);
    expect_output_has(&r, command, usage);
    for (size_t i = 0; i < n; i++)
        expect_output_has(&r, command, flags[i]);
    if (must_not_print)
        expect_output_lacks(&r, command, must_not_print, "ran the program besides the help");
    free(r.text);
}

/* text without its lines that name the seed ("seed", "random_state"), so that two runs
 * compare by what the seed did, not by how it is printed. The caller frees it. */
static inline char *without_seed_lines(const char *text)
{
    char *out = malloc(strlen(text) + 1), *o = out;
    cr_assert_not_null(out);
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) + 1 : strlen(line);
        char copy[4096];
        snprintf(copy, sizeof copy, "%.*s", (int)(length < sizeof copy ? length : sizeof copy - 1),
                 line);
        if (!strstr(copy, "seed") && !strstr(copy, "Seed") && !strstr(copy, "random_state")) {
            memcpy(o, line, length);
            o += length;
        }
        line += length;
    }
    *o = '\0';
    return out;
}

/* Runs program with three argument lists: same_a and same_b ask for the same run (the
 * same seed, written two ways: "--seed 7" and "--seed=7"), other for another seed.
 * Expects exit status 0 from all three, the same output from same_a and same_b, and
 * another from other: other even once every line naming the seed is left out, so that
 * a program that printed its seed but ignored it would fail. */
static inline void expect_same_seed_same_run(const char *program, const char *same_a,
                                             const char *same_b, const char *other)
{
    const char *args[3] = {same_a, same_b, other};
    char command[3][1024];
    run_result r[3];
    for (size_t i = 0; i < 3; i++) {
        run_command_line(command[i], sizeof command[i], program, args[i]);
        r[i] = run_program(command[i]);
        cr_expect_eq(r[i].status, 0, "`%s`: exit status %d, output:\n%s", command[i],
                     r[i].status, r[i].text);
    }
    cr_expect_str_eq(r[0].text, r[1].text, "`%s` and `%s` printed different runs:\n%s\n"
                     "and\n%s", command[0], command[1], r[0].text, r[1].text);
    char *work_a = without_seed_lines(r[0].text), *work_other = without_seed_lines(r[2].text);
    cr_expect_str_neq(work_a, work_other, "`%s` and `%s` printed the same run (apart from "
                      "the lines naming the seed):\n%s", command[0], command[2], r[0].text);
    free(work_a);
    free(work_other);
    for (size_t i = 0; i < 3; i++)
        free(r[i].text);
}

/* ---------------------------------------------------------------------------------------
 * Figures. */

/* A program run that draws into a fresh directory. */
typedef struct figure_run {
    char dir[256];       /* RUN_TMP_DIR/program-XXXXXX, made empty for this run */
    char command[1536];  /* the command line with env, for messages */
    run_result r;
} figure_run;

/* Makes a new empty directory and runs "program --plot=svg --out DIR args" in the
 * environment env (NAME=VALUE settings, or NULL). The exit status is the caller's to
 * check; free_figure_run frees the output. The directory is left for a look. */
static inline figure_run run_drawing(const char *env, const char *program, const char *args)
{
    figure_run f;
    make_temp_dir(f.dir, sizeof f.dir, program);
    char all_args[1024], line[1280];
    snprintf(all_args, sizeof all_args, "--plot=svg --out %s%s%s", f.dir, *args ? " " : "",
             args);
    run_command_line(line, sizeof line, program, all_args);
    snprintf(f.command, sizeof f.command, "%s%s%s", env ? env : "", env ? " " : "", line);
    f.r = run_program_with_env(env, line);
    return f;
}

static inline void free_figure_run(figure_run *f)
{
    free(f->r.text);
    f->r.text = NULL;
}

/* Expects DIR/name.svg to exist and to be an SVG file (an <svg element near its start). */
static inline void expect_figure(const figure_run *f, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.svg", f->dir, name);
    FILE *file = fopen(path, "r");
    cr_expect_not_null(file, "`%s`: no figure at %s; output:\n%s", f->command, path,
                       f->r.text);
    if (!file)
        return;
    char head[4096] = {0};
    size_t n = fread(head, 1, sizeof head - 1, file);
    fclose(file);
    cr_expect(n > 0 && strstr(head, "<svg") != NULL, "`%s`: %s is not an SVG file", f->command,
              path);
}

/* Expects no DIR/name.svg. */
static inline void expect_no_figure(const figure_run *f, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s.svg", f->dir, name);
    cr_expect(access(path, F_OK) != 0, "`%s`: there should be no figure %s; output:\n%s",
              f->command, path, f->r.text);
}

/* Expects no warning in the output: neither gnuplot's ("line 3: warning: ...") nor the
 * library's ("warning: ..."). A program's own report of a scikit-learn
 * "ConvergenceWarning: ..." is part of its work, and allowed. */
static inline void expect_no_warning(const figure_run *f)
{
    expect_output_lacks(&f->r, f->command, "warning:", "warned");
}

/* Runs "program --plot=svg --out DIR args" and expects exit status 0, no warning, and
 * each of names as an SVG file DIR/name.svg. */
static inline void expect_svg_figures(const char *program, const char *args,
                                      const char *const *names, size_t n)
{
    figure_run f = run_drawing(NULL, program, args);
    cr_assert_eq(f.r.status, 0, "`%s`: exit status %d, output:\n%s", f.command, f.r.status,
                 f.r.text);
    expect_no_warning(&f);
    for (size_t i = 0; i < n; i++)
        expect_figure(&f, names[i]);
    free_figure_run(&f);
}

/* Runs "program --plot=svg --out DIR args" with gnuplot missing and expects the program
 * to carry on: exit status 0, the warning "gnuplot not found" exactly once, must_print
 * (a text of the program's work) all the same, and none of names in DIR. */
static inline void expect_runs_without_gnuplot(const char *program, const char *args,
                                               const char *must_print,
                                               const char *const *names, size_t n)
{
    figure_run f = run_drawing(RUN_NO_GNUPLOT, program, args);
    cr_expect_eq(f.r.status, 0, "`%s`: exit status %d without gnuplot, output:\n%s",
                 f.command, f.r.status, f.r.text);
    const char *warning = strstr(f.r.text, "warning: gnuplot not found");
    cr_expect(warning != NULL, "`%s`: no warning about gnuplot in\n%s", f.command, f.r.text);
    cr_expect(!warning || !strstr(warning + 1, "warning: gnuplot not found"),
              "`%s`: warned more than once about gnuplot:\n%s", f.command, f.r.text);
    expect_output_has(&f.r, f.command, must_print);
    for (size_t i = 0; i < n; i++)
        expect_no_figure(&f, names[i]);
    free_figure_run(&f);
}

#endif
