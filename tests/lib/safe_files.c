/* tests/lib/safe_files.c - a save that dies half-way never damages the file it replaces.
 *
 * nn_mlp_save and the plot module write to a temporary file beside the target and
 * rename it into place only when it is complete. These tests kill the writer in the
 * middle and check that the old file is still there, byte for byte, and still loads;
 * what a kill can leave is a temporary file under another name (NAME.tmpPID-N for a
 * model, NAME.tmpPID for a figure), which nothing reads.
 *
 * Three ways to die in the middle of a model:
 *   - the file-size limit (RLIMIT_FSIZE) kills the writer with SIGXFSZ at a byte count
 *     well inside the file: a crash at a known point, every time;
 *   - the same limit with SIGXFSZ ignored: the write fails (EFBIG, as on a full disk),
 *     and nn_mlp_save must say so and clean up;
 *   - SIGKILL from outside, as soon as the temporary file has data in it.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nn.h"
#include "support.h"

TestSuite(safe_files, .timeout = 120);

/* ---- helpers ----------------------------------------------------------------------- */

/* Does path hold exactly these bytes? */
static int same_bytes(const char *path, const char *bytes, size_t n)
{
    size_t size;
    char *now = read_all(path, &size);
    int same = now && size == n && memcmp(now, bytes, n) == 0;
    free(now);
    return same;
}

/* The names in dir other than keep, "." and ".."; returns how many, names in out. */
static int others_in(const char *dir, const char *keep, char out[][256], int max)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            strcmp(e->d_name, keep) == 0)
            continue;
        if (n < max)
            snprintf(out[n], 256, "%s", e->d_name);
        n++;
    }
    closedir(d);
    return n;
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[600];
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    closedir(d);
    rmdir(dir);
}

/* A fitted classifier with features x hidden weights: about 20 bytes each in the file. */
static nn_mlp *fitted_model(size_t features, size_t hidden, uint32_t seed)
{
    enum { n = 8 };
    double *x = malloc(n * features * sizeof *x), y[n];
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    for (size_t k = 0; k < n * features; k++)
        x[k] = nn_rng_uniform(&rng, -1.0, 1.0);
    for (size_t i = 0; i < n; i++)
        y[i] = (double)(i % 2);
    nn_mlp_params p = nn_mlp_defaults();
    p.hidden_layer_sizes[0] = hidden;
    p.max_iter = 1;
    p.random_state = seed;
    p.progress = false;
    nn_error err = {NN_OK, ""};
    nn_mlp *m = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_not_null(m, "%s", err.message);
    nn_set_warning_handler(ignore_warning, NULL);
    cr_assert_eq(nn_mlp_fit(m, &(nn_matrix){n, features, x}, &(nn_matrix){n, 1, y}, &err),
                 NN_OK, "%s", err.message);
    nn_set_warning_handler(NULL, NULL);
    free(x);
    return m;
}

/* The old model file that every test tries to damage: saved, then read back as bytes. */
typedef struct old_file {
    char dir[256], path[300];
    char *bytes;
    size_t size;
} old_file;

static void old_model(old_file *o)
{
    make_temp_dir(o->dir, sizeof o->dir, "kill");
    snprintf(o->path, sizeof o->path, "%s/model.nnmlp", o->dir);
    nn_mlp *m = fitted_model(2, 3, 1);
    nn_error err = {NN_OK, ""};
    cr_assert_eq(nn_mlp_save(m, o->path, &err), NN_OK, "%s", err.message);
    nn_mlp_free(m);
    o->bytes = read_all(o->path, &o->size);
    cr_assert_not_null(o->bytes);
}

/* The old file is still there, unchanged, and loads. */
static void expect_old_file_intact(const old_file *o, const char *how)
{
    cr_assert(same_bytes(o->path, o->bytes, o->size), "%s: %s was changed", how, o->path);
    nn_error err = {NN_OK, ""};
    nn_mlp *m = nn_mlp_load(o->path, &err);
    cr_assert_not_null(m, "%s: the old model no longer loads: %s", how, err.message);
    nn_mlp_free(m);
}

/* ---- a model save that crashes ----------------------------------------------------- */

Test(safe_files, a_model_save_killed_mid_write_leaves_the_old_file)
{
    old_file o;
    old_model(&o);
    nn_mlp *big = fitted_model(40, 200, 2); /* about 8000 weights, 180 kB of text */

    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        /* The kernel kills this process with SIGXFSZ when a write would take any file
         * past 64 kB: in the middle of the weights. */
        struct rlimit fsize = {1 << 16, 1 << 16}, core = {0, 0};
        setrlimit(RLIMIT_CORE, &core);
        setrlimit(RLIMIT_FSIZE, &fsize);
        signal(SIGXFSZ, SIG_DFL);
        nn_mlp_save(big, o.path, NULL);
        _exit(0); /* not reached when the limit works */
    }
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ,
              "the save was expected to die of SIGXFSZ in the middle of the file (status %d)",
              status);
    expect_old_file_intact(&o, "after a crash mid-write");

    /* What the crash left: one temporary file, cut short, that is not a model. */
    char left[4][256];
    int n = others_in(o.dir, "model.nnmlp", left, 4);
    cr_assert_eq(n, 1, "expected one leftover temporary file, found %d", n);
    cr_expect(strncmp(left[0], "model.nnmlp.tmp", 15) == 0, "leftover named %s", left[0]);
    char leftover[600];
    snprintf(leftover, sizeof leftover, "%s/%s", o.dir, left[0]);
    struct stat st;
    cr_assert_eq(stat(leftover, &st), 0);
    cr_expect_eq(st.st_size, 1 << 16, "the crash came at the 64 kB limit, file has %lld bytes",
                 (long long)st.st_size);
    nn_error err = {NN_OK, ""};
    cr_expect_null(nn_mlp_load(leftover, &err), "a cut-short file must not load");
    cr_expect(strstr(err.message, "truncated") != NULL, "%s", err.message);

    /* The next save of the same name works and replaces the old file. */
    cr_assert_eq(nn_mlp_save(big, o.path, &err), NN_OK, "%s", err.message);
    nn_mlp *back = nn_mlp_load(o.path, &err);
    cr_assert_not_null(back, "%s", err.message);
    size_t n1, n2;
    const double *w1 = nn_mlp_packed(big, &n1), *w2 = nn_mlp_packed(back, &n2);
    cr_assert(n1 == n2 && memcmp(w1, w2, n1 * sizeof *w1) == 0, "the new model came back");
    nn_mlp_free(back);
    nn_mlp_free(big);
    free(o.bytes);
    remove_dir(o.dir);
}

Test(safe_files, a_model_save_that_cannot_write_reports_it_and_cleans_up)
{
    old_file o;
    old_model(&o);
    nn_mlp *big = fitted_model(40, 200, 2);
    int pipefd[2];
    cr_assert_eq(pipe(pipefd), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        /* With SIGXFSZ ignored, a write past the limit fails with EFBIG, as a write to a
         * full disk fails with ENOSPC: the save must fail cleanly. */
        struct rlimit fsize = {1 << 16, 1 << 16};
        signal(SIGXFSZ, SIG_IGN);
        setrlimit(RLIMIT_FSIZE, &fsize);
        nn_error err = {NN_OK, ""};
        nn_status st = nn_mlp_save(big, o.path, &err);
        char line[NN_ERROR_MESSAGE_MAX + 32];
        int len = snprintf(line, sizeof line, "%d %s", (int)st, err.message);
        if (write(pipefd[1], line, (size_t)len) != len)
            _exit(3);
        _exit(0);
    }
    close(pipefd[1]);
    char got[NN_ERROR_MESSAGE_MAX + 32] = {0};
    ssize_t n = read(pipefd[0], got, sizeof got - 1);
    close(pipefd[0]);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child died (status %d)",
              status);
    cr_assert_gt(n, 0);
    char expected[400];
    snprintf(expected, sizeof expected, "%d %s: cannot write the model: File too large",
             (int)NN_ERR_IO, o.path);
    cr_expect_str_eq(got, expected);
    expect_old_file_intact(&o, "after a failed write");
    char left[4][256];
    cr_expect_eq(others_in(o.dir, "model.nnmlp", left, 4), 0,
                 "a failed save left %s behind", left[0]);
    nn_mlp_free(big);
    free(o.bytes);
    remove_dir(o.dir);
}

Test(safe_files, a_model_save_killed_from_outside_leaves_a_whole_file)
{
    old_file o;
    old_model(&o);
    nn_mlp *big = fitted_model(100, 1000, 3); /* about 100000 weights, 2 MB of text */
    char new_path[320];
    snprintf(new_path, sizeof new_path, "%s/new.nnmlp", o.dir);
    nn_error err = {NN_OK, ""};
    cr_assert_eq(nn_mlp_save(big, new_path, &err), NN_OK, "%s", err.message);
    size_t new_size;
    char *new_bytes = read_all(new_path, &new_size);
    unlink(new_path);

    /* Kill the writer as soon as its temporary file has data. If it got to the rename
     * first, the file must be the whole new model; either way never a mix. A kill must
     * land in the middle at least once in five tries. */
    int mid_write = 0;
    for (int attempt = 0; attempt < 5 && !mid_write; attempt++) {
        pid_t pid = fork();
        cr_assert_geq(pid, 0);
        if (pid == 0) {
            nn_mlp_save(big, o.path, NULL);
            _exit(0);
        }
        /* this child's temporary file: model.nnmlp.tmpPID-0 */
        char tmp[400];
        snprintf(tmp, sizeof tmp, "%s.tmp%ld-0", o.path, (long)pid);
        struct timespec pause = {0, 200000}; /* 0.2 ms */
        struct stat st;
        for (int poll = 0; poll < 50000; poll++) {
            if (stat(tmp, &st) == 0 && st.st_size > 0)
                break;
            nanosleep(&pause, NULL);
        }
        kill(pid, SIGKILL);
        int status;
        cr_assert_eq(waitpid(pid, &status, 0), pid);
        int killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
        if (same_bytes(o.path, o.bytes, o.size)) {
            cr_assert(killed, "the save finished without replacing the file");
            mid_write = 1;
            expect_old_file_intact(&o, "after SIGKILL mid-write");
        } else {
            cr_assert(same_bytes(o.path, new_bytes, new_size),
                      "after SIGKILL the file is neither the old model nor the new one");
            /* the new model got there first: put the old one back and try again */
            write_all(o.path, o.bytes, o.size);
        }
        /* what is left besides the model is this child's temporary file, if anything */
        char left[8][256];
        int n = others_in(o.dir, "model.nnmlp", left, 8);
        cr_expect_leq(n, 1, "%d files left besides the model", n);
        if (n == 1)
            cr_expect_str_eq(left[0], strrchr(tmp, '/') + 1, "unexpected file %s", left[0]);
        unlink(tmp);
    }
    cr_expect(mid_write, "no kill landed in the middle of the write in five tries");
    free(new_bytes);
    nn_mlp_free(big);
    free(o.bytes);
    remove_dir(o.dir);
}

/* ---- a figure that is killed while gnuplot draws it ------------------------------ */

Test(safe_files, a_figure_killed_mid_draw_leaves_the_old_figure)
{
    char dir[256];
    make_temp_dir(dir, sizeof dir, "kill");
    char figure[300], script[300];
    snprintf(figure, sizeof figure, "%s/fig.svg", dir);
    const char old[] = "<svg>the old figure</svg>\n";
    write_all(figure, old, sizeof old - 1);

    /* A stand-in for gnuplot: it writes half a figure to the file named by "set output"
     * at once, and the rest only when its input ends (as gnuplot finishes a plot). */
    snprintf(script, sizeof script, "%s/gnuplot", dir);
    FILE *f = fopen(script, "w");
    cr_assert_not_null(f);
    fputs("#!/bin/sh\n"
          "out=\n"
          "while IFS= read -r line; do\n"
          "  case $line in\n"
          "    'set output \"'*) out=${line#set output \\\"}; out=${out%\\\"};"
          " printf '<svg>half' > \"$out\" ;;\n"
          "  esac\n"
          "done\n"
          "[ -n \"$out\" ] && printf ' and the rest</svg>\\n' >> \"$out\"\n"
          "exit 0\n",
          f);
    fclose(f);
    chmod(script, 0755);
    setenv("NN_GNUPLOT", script, 1);

    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        nn_plot *p = NULL;
        if (nn_plot_open(&p, NN_PLOT_SVG, dir, "fig", 1, 1, NULL) != NN_OK || !p)
            _exit(3);
        nn_plot_command(p, "plot x");
        fflush(NULL);
        pause(); /* drawing; killed here, before nn_plot_close */
        _exit(4);
    }
    /* Wait for the half-drawn temporary figure, then kill the program. */
    char tmp[320];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", figure, (long)pid);
    struct timespec pause_time = {0, 1000000};
    struct stat st;
    for (int poll = 0; poll < 10000 && !(stat(tmp, &st) == 0 && st.st_size > 0); poll++)
        nanosleep(&pause_time, NULL);
    cr_assert_eq(stat(tmp, &st), 0, "the stand-in gnuplot never started drawing %s", tmp);
    kill(pid, SIGKILL);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    /* gnuplot sees its input end and finishes the temporary file, but nobody renames it:
     * fig.svg is the old figure, and the leftover is not named *.svg. */
    for (int poll = 0; poll < 2000; poll++) {
        size_t size;
        char *text = read_all(tmp, &size);
        int done = text && strstr(text, "the rest") != NULL;
        free(text);
        if (done)
            break;
        nanosleep(&pause_time, NULL);
    }
    cr_assert(same_bytes(figure, old, sizeof old - 1), "the old figure was changed");
    size_t len = strlen(tmp);
    cr_expect(!(len > 4 && strcmp(tmp + len - 4, ".svg") == 0),
              "a leftover named *.svg would be taken for a figure: %s", tmp);

    /* Drawing again replaces the figure as a whole. */
    nn_plot *p = NULL;
    nn_error err = {NN_OK, ""};
    cr_assert_eq(nn_plot_open(&p, NN_PLOT_SVG, dir, "fig", 1, 1, &err), NN_OK, "%s",
                 err.message);
    nn_plot_command(p, "plot x");
    cr_assert_eq(nn_plot_close(p, &err), NN_OK, "%s", err.message);
    cr_assert(same_bytes(figure, "<svg>half and the rest</svg>\n", 29), "the new figure");
    unsetenv("NN_GNUPLOT");
    remove_dir(dir);
}
