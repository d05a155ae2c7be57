/* plot.c - driving gnuplot through popen. See plot.h for the contract.
 *
 * Chapter 1 introduces it, for its decision-boundary figure; every chapter draws with it.
 *
 * Three things can go wrong with a pipe to another program, and each has its guard:
 * gnuplot may be missing (popen still "succeeds" and the first write kills us with
 * SIGPIPE), so we look for it on PATH first; gnuplot may die half-way, so SIGPIPE is
 * ignored while a plot is open and write errors are remembered; and the program may be
 * interrupted, so the figure is drawn to a temporary file that is renamed at the end.
 *
 * gnuplot runs with -d, its built-in defaults, so a reader's ~/.gnuplot cannot change a
 * figure: the committed SVGs beside each chapter are byte for byte what `make` draws.
 */
#include "plot.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"

struct nn_plot {
    FILE *pipe;
    nn_plot_mode mode;
    const char *colour;   /* the dumb terminal's colour option: mono, ansi256 or ansirgb */
    char path[1024];      /* final file, empty for dumb */
    char tmp_path[1040];  /* where gnuplot draws it first */
    struct sigaction old_sigpipe;
};

nn_plot_mode nn_plot_resolve(nn_plot_mode mode)
{
    if (mode != NN_PLOT_AUTO)
        return mode;
    return isatty(STDOUT_FILENO) ? NN_PLOT_DUMB : NN_PLOT_NONE;
}

/* The gnuplot command: $NN_GNUPLOT if set, otherwise "gnuplot". */
static const char *gnuplot_program(void)
{
    const char *env = getenv("NN_GNUPLOT");
    return env && *env ? env : "gnuplot";
}

bool nn_plot_available(void)
{
    const char *prog = gnuplot_program();
    if (strchr(prog, '/'))
        return access(prog, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path)
        return false;
    while (*path) {
        size_t n = strcspn(path, ":");
        char candidate[1024];
        if (n > 0 && n + strlen(prog) + 2 <= sizeof candidate) {
            snprintf(candidate, sizeof candidate, "%.*s/%s", (int)n, path, prog);
            if (access(candidate, X_OK) == 0)
                return true;
        }
        path += n;
        if (*path == ':')
            path++;
    }
    return false;
}

/* mkdir -p: creates dir and its missing parents. */
static nn_status make_dirs(const char *dir, nn_error *err)
{
    char buf[1024];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return nn_error_set(err, NN_ERR_ARG, "output directory name too long: %s", dir);
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return nn_error_set(err, NN_ERR_IO, "cannot create directory %s: %s", buf,
                                    strerror(errno));
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    return NN_OK;
}

/* Shell-quotes s into buf as '...'; returns false if it does not fit. */
static bool shell_quote(char *buf, size_t size, const char *s)
{
    size_t j = 0;
    if (size < 3)
        return false;
    buf[j++] = '\'';
    for (; *s; s++) {
        if (*s == '\'') {
            if (j + 4 >= size)
                return false;
            memcpy(buf + j, "'\\''", 4);
            j += 4;
        } else {
            if (j + 1 >= size)
                return false;
            buf[j++] = *s;
        }
    }
    if (j + 2 > size)
        return false;
    buf[j++] = '\'';
    buf[j] = '\0';
    return true;
}

/* How text figures are coloured (plot.h): not at all when NO_COLOR is set to anything
 * (no-color.org), when stdout is a file or a pipe, or when TERM is unset or "dumb";
 * 24-bit colour when COLORTERM says the terminal has it; otherwise the 256 colours that
 * nearly every terminal has (gnuplot picks the nearest of them for each colour). */
static const char *text_colour(void)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    const char *colorterm = getenv("COLORTERM");
    if ((no_color && *no_color) || !isatty(STDOUT_FILENO) || !term || !*term ||
        strcmp(term, "dumb") == 0)
        return "mono";
    if (colorterm && (strcmp(colorterm, "truecolor") == 0 || strcmp(colorterm, "24bit") == 0))
        return "ansirgb";
    return "ansi256";
}

/* Always a terminal and an output, never gnuplot's defaults. A single plot is 720 x 450
 * pixels; a grid of cols x rows gives each panel 380 x 340. Text plots stay 79 wide. */
static void set_terminal(nn_plot *p, int cols, int rows)
{
    cols = cols < 1 ? 1 : cols;
    rows = rows < 1 ? 1 : rows;
    int width = cols == 1 && rows == 1 ? 720 : 380 * cols;
    int height = cols == 1 && rows == 1 ? 450 : 340 * rows;
    switch (p->mode) {
    case NN_PLOT_SVG:
        nn_plot_command(p, "set terminal svg size %d,%d dynamic noenhanced "
                           "font 'Helvetica,13' background rgb 'white'", width, height);
        break;
    case NN_PLOT_PNG:
        nn_plot_command(p, "set terminal pngcairo size %d,%d noenhanced font 'Sans,11'",
                        width * 3 / 2, height * 3 / 2);
        break;
    case NN_PLOT_SIXEL:
        nn_plot_command(p, "set terminal sixelgd size %d,%d truecolor noenhanced font 'Sans,11'",
                        width, height);
        break;
    default:
        nn_plot_command(p, "set terminal dumb size 79,%d noenhanced %s", 24 * rows, p->colour);
        break;
    }
    if (p->path[0]) {
        fputs("set output ", p->pipe);
        nn_plot_string(p, p->tmp_path);
        fputc('\n', p->pipe);
    } else {
        nn_plot_command(p, "set output");
    }
    nn_plot_command(p, "set encoding utf8");
}

nn_status nn_plot_open(nn_plot **out, nn_plot_mode mode, const char *dir, const char *name,
                       int cols, int rows, nn_error *err)
{
    *out = NULL;
    mode = nn_plot_resolve(mode);
    if (mode == NN_PLOT_NONE)
        return NN_OK;
    if (!nn_plot_available()) {
        static bool warned = false;
        if (!warned)
            nn_warn("gnuplot not found: carrying on without figures "
                    "(install gnuplot-nox, or run with --plot=none)");
        warned = true;
        return NN_OK;
    }

    nn_plot *p = nn_alloc(1, sizeof *p, "plot", err);
    if (!p)
        return NN_ERR_NOMEM;
    p->mode = mode;
    p->colour = text_colour();
    if (mode == NN_PLOT_SVG || mode == NN_PLOT_PNG) {
        if (!dir || !*dir)
            dir = ".";
        if (make_dirs(dir, err) != NN_OK) {
            nn_alloc_free(p);
            return err ? err->code : NN_ERR_IO;
        }
        const char *ext = mode == NN_PLOT_SVG ? "svg" : "png";
        if (snprintf(p->path, sizeof p->path, "%s/%s.%s", dir, name, ext) >= (int)sizeof p->path) {
            nn_alloc_free(p);
            return nn_error_set(err, NN_ERR_ARG, "figure path too long: %s/%s", dir, name);
        }
        snprintf(p->tmp_path, sizeof p->tmp_path, "%s.tmp%ld", p->path, (long)getpid());
    }

    /* -d: gnuplot's built-in defaults, whatever ~/.gnuplot says (see the top). */
    char command[1100];
    if (!shell_quote(command, sizeof command - 3, gnuplot_program())) {
        nn_alloc_free(p);
        return nn_error_set(err, NN_ERR_ARG, "gnuplot path too long");
    }
    strcat(command, " -d");
    fflush(stdout); /* dumb plots share our stdout: keep the order of the text */
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, &p->old_sigpipe);
    /* popen runs the command through the shell: gnuplot's path, shell-quoted, and -d. */
    p->pipe = popen(command, "w"); // NOLINT(cert-env33-c): driving gnuplot is the point
    if (!p->pipe) {
        sigaction(SIGPIPE, &p->old_sigpipe, NULL);
        nn_alloc_free(p);
        return nn_error_set(err, NN_ERR_IO, "cannot start gnuplot: %s", strerror(errno));
    }

    set_terminal(p, cols, rows);
    *out = p;
    return NN_OK;
}

void nn_plot_command(nn_plot *p, const char *fmt, ...)
{
    if (!p)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(p->pipe, fmt, ap);
    va_end(ap);
    fputc('\n', p->pipe);
}

bool nn_plot_is_text(const nn_plot *p)
{
    return p && p->mode == NN_PLOT_DUMB;
}

bool nn_plot_in_colour(const nn_plot *p)
{
    return nn_plot_is_text(p) && strcmp(p->colour, "mono") != 0;
}

void nn_plot_key(nn_plot *p, const char *options)
{
    if (!nn_plot_is_text(p)) {
        nn_plot_command(p, "set key %s", options);
        return;
    }
    /* Back inside first: gnuplot warns of "top" or "bottom" given to a key below. No
     * box (its top and bottom lines would crowd the row) and a gap between entries. */
    nn_plot_command(p, "set key inside; set key %s", options);
    nn_plot_command(p, "set key below noopaque nobox width 2");
}

const char *nn_plot_heat_map(const nn_plot *p, const char *name, char *buf, size_t size)
{
    if (nn_plot_is_text(p) && !nn_plot_in_colour(p))
        snprintf(buf, size, "$%s using 1:2:($3 < 0.1 ? ' ' : $3 < 0.5 ? '.' : $3 < 0.9 ? "
                            "'o' : 'O') with labels title 'blank under 0.1, . under 0.5, "
                            "o from 0.5, O from 0.9'", name);
    else
        snprintf(buf, size, "$%s using 1:2:3 with image notitle", name);
    return buf;
}

void nn_plot_string(nn_plot *p, const char *text)
{
    if (!p)
        return;
    fputc('"', p->pipe);
    for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', p->pipe);
        fputc(*s < 0x20 || *s == 0x7f ? ' ' : *s, p->pipe);
    }
    fputc('"', p->pipe);
}

void nn_plot_set_text(nn_plot *p, const char *what, const char *text)
{
    if (!p)
        return;
    fprintf(p->pipe, "set %s ", what);
    nn_plot_string(p, text);
    fputc('\n', p->pipe);
}

void nn_plot_data_begin(nn_plot *p, const char *name)
{
    if (p)
        fprintf(p->pipe, "$%s << EOD\n", name);
}

void nn_plot_data_row(nn_plot *p, size_t n, const double *values)
{
    if (!p)
        return;
    for (size_t i = 0; i < n; i++) {
        if (isfinite(values[i]))
            fprintf(p->pipe, i ? " %.17g" : "%.17g", values[i]);
        else
            fputs(i ? " NaN" : "NaN", p->pipe);
    }
    fputc('\n', p->pipe);
}

void nn_plot_data_break(nn_plot *p)
{
    if (p)
        fputc('\n', p->pipe);
}

void nn_plot_data_end(nn_plot *p)
{
    if (p)
        fputs("EOD\n", p->pipe);
}

nn_status nn_plot_close(nn_plot *p, nn_error *err)
{
    if (!p)
        return NN_OK;
    nn_plot_command(p, "unset output");
    nn_plot_command(p, "exit");
    bool write_failed = ferror(p->pipe) != 0;
    int status = pclose(p->pipe);
    sigaction(SIGPIPE, &p->old_sigpipe, NULL);

    nn_status result = NN_OK;
    bool ok = !write_failed && status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok) {
        result = nn_error_set(err, NN_ERR_IO, "gnuplot failed while drawing %s",
                              p->path[0] ? p->path : "a terminal plot");
        if (p->path[0])
            remove(p->tmp_path);
    } else if (p->path[0] && rename(p->tmp_path, p->path) != 0) {
        result = nn_error_set(err, NN_ERR_IO, "cannot move %s into place: %s", p->path,
                              strerror(errno));
        remove(p->tmp_path);
    }
    nn_alloc_free(p);
    return result;
}
