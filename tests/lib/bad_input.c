/* tests/lib/bad_input.c - the rest of the malformed-input corpus: model files and
 * command lines (tests/data/bad/; the CSV and LIBSVM inputs are read by tests/lib/data.c).
 *
 *   model_NAME.nnmlp  a damaged or inconsistent model file; nn_mlp_load must refuse it
 *                     with NN_ERR_PARSE and exactly the message in model_NAME.expected
 *                     ("path:line: what was wrong and what was expected");
 *   flags_NAME.args   a command line, one argument per line, the first line naming a
 *                     chapter program; the program must exit with status 2, print
 *                     nothing on stdout, and start stderr with the line in
 *                     flags_NAME.expected ("program: what was wrong"), then the usage.
 * Tests run from the repository root.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nn.h"

#ifndef NN_BIN_DIR
#define NN_BIN_DIR "build/bin"
#endif
#define BAD_DIR "tests/data/bad"

TestSuite(bad_input, .timeout = 60);

static int by_name(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The names in BAD_DIR ending in ext, sorted; returns how many (at most max). */
static size_t list(const char *ext, char names[][128], size_t max)
{
    DIR *dir = opendir(BAD_DIR);
    cr_assert_not_null(dir, "cannot open %s (tests run from the repository root)", BAD_DIR);
    size_t n = 0, len = strlen(ext);
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l > len && strcmp(e->d_name + l - len, ext) == 0) {
            cr_assert_lt(n, max, "too many %s files", ext);
            snprintf(names[n++], 128, "%s", e->d_name);
        }
    }
    closedir(dir);
    qsort(names, n, sizeof names[0], by_name);
    return n;
}

/* The first line of BAD_DIR/base.expected, without its newline. */
static void expected_line(const char *base, char *out, size_t size)
{
    char path[300];
    snprintf(path, sizeof path, "%s/%s.expected", BAD_DIR, base);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s is missing: every input states the message it must produce",
                       path);
    cr_assert_not_null(fgets(out, (int)size, f), "%s is empty", path);
    out[strcspn(out, "\n")] = '\0';
    fclose(f);
}

static void strip(char *name, const char *ext)
{
    name[strlen(name) - strlen(ext)] = '\0';
}

Test(bad_input, every_damaged_model_file_fails_with_its_expected_message)
{
    static char names[128][128];
    size_t n = list(".nnmlp", names, 128);
    cr_assert_geq(n, 25, "the model corpus has only %zu files", n);
    long live = nn_alloc_live();
    for (size_t k = 0; k < n; k++) {
        char path[300], base[128], expected[NN_ERROR_MESSAGE_MAX];
        snprintf(path, sizeof path, "%s/%s", BAD_DIR, names[k]);
        snprintf(base, sizeof base, "%s", names[k]);
        strip(base, ".nnmlp");
        expected_line(base, expected, sizeof expected);
        nn_error err = {NN_OK, ""};
        nn_mlp *m = nn_mlp_load(path, &err);
        cr_expect_null(m, "%s: loaded, but it is damaged", path);
        nn_mlp_free(m);
        cr_expect_eq(err.code, NN_ERR_PARSE, "%s: status %s, expected %s", path,
                     nn_status_name(err.code), nn_status_name(NN_ERR_PARSE));
        cr_expect_str_eq(err.message, expected, "%s:\n expected: %s\n      got: %s", path,
                         expected, err.message);
    }
    cr_assert_eq(nn_alloc_live(), live, "failed loads leaked %ld blocks", nn_alloc_live() - live);
}

/* Runs argv[0] from NN_BIN_DIR with argv[1..]; captures stdout and stderr. */
typedef struct ran {
    int status; /* exit status, -1 if killed */
    char out[8192], err[8192];
} ran;

/* Reads fd to its end; keeps the first size - 1 bytes. */
static void drain(int fd, char *buf, size_t size)
{
    size_t n = 0;
    char chunk[4096];
    ssize_t got;
    while ((got = read(fd, chunk, sizeof chunk)) > 0) {
        size_t keep = (size_t)got < size - 1 - n ? (size_t)got : size - 1 - n;
        memcpy(buf + n, chunk, keep);
        n += keep;
    }
    buf[n] = '\0';
    close(fd);
}

static void run(char **argv, ran *r)
{
    char program[300];
    snprintf(program, sizeof program, "%s/%s", NN_BIN_DIR, argv[0]);
    int out[2], err[2];
    cr_assert(pipe(out) == 0 && pipe(err) == 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(err[1], 2);
        close(out[0]);
        close(err[0]);
        execv(program, argv);
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    /* the outputs are short: stdout first, then stderr, cannot fill a pipe */
    drain(out[0], r->out, sizeof r->out);
    drain(err[0], r->err, sizeof r->err);
    int raw;
    cr_assert_eq(waitpid(pid, &raw, 0), pid);
    r->status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

Test(bad_input, every_bad_command_line_is_refused_with_its_expected_message)
{
    static char names[128][128];
    size_t n = list(".args", names, 128);
    cr_assert_geq(n, 20, "the command-line corpus has only %zu files", n);
    for (size_t k = 0; k < n; k++) {
        char path[300], base[128], expected[512];
        snprintf(path, sizeof path, "%s/%s", BAD_DIR, names[k]);
        snprintf(base, sizeof base, "%s", names[k]);
        strip(base, ".args");
        expected_line(base, expected, sizeof expected);

        /* one argument per line; an empty line is an empty argument */
        static char lines[32][256];
        char *argv[33];
        int argc = 0;
        FILE *f = fopen(path, "r");
        cr_assert_not_null(f);
        while (argc < 32 && fgets(lines[argc], sizeof lines[argc], f)) {
            lines[argc][strcspn(lines[argc], "\n")] = '\0';
            argv[argc] = lines[argc];
            argc++;
        }
        fclose(f);
        argv[argc] = NULL;
        cr_assert_geq(argc, 1, "%s: the first line names the program", path);

        static ran r;
        run(argv, &r);
        cr_expect_eq(r.status, 2, "%s: %s exited with %d, expected 2 (a refused command line)",
                     path, argv[0], r.status);
        cr_expect_str_eq(r.out, "", "%s: printed on stdout:\n%s", path, r.out);
        char first[512];
        snprintf(first, sizeof first, "%.*s", (int)strcspn(r.err, "\n"), r.err);
        cr_expect_str_eq(first, expected, "%s:\n expected: %s\n      got: %s", path, expected,
                         first);
        cr_expect(strstr(r.err, "\nusage: ") != NULL, "%s: no usage after the message:\n%s",
                  path, r.err);
    }
}
