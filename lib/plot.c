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
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"

struct nn_plot {
    FILE *pipe;
    nn_plot_mode mode;
    const char *colour;   /* the dumb terminal's colour option: mono, ansi256 or ansirgb */
    char path[1024];      /* final file, empty for dumb */
    char tmp_path[1040];  /* where gnuplot draws it first */
    struct sigaction old_sigpipe;
    /* a live figure only (plot_live below): */
    pid_t pid;            /* gnuplot, which leads its own process group; 0: popen's */
    FILE *from;           /* gnuplot's stdout, where a terminal frame comes back */
    int tty;              /* the terminal a frame is drawn on, or -1 */
    int errs;             /* gnuplot's stderr, read between frames */
    int rows, height;     /* the terminal's rows, and the frame's */
    long frames;          /* frames drawn */
    struct timespec last; /* when the last frame began */
    bool dead;            /* gnuplot has gone: draw nothing more */
};

static const char *gnuplot_program(void);
static const char *window_terminal(void);

nn_plot_mode nn_plot_resolve(nn_plot_mode mode)
{
    if (mode != NN_PLOT_AUTO)
        return mode;
    const char *x11 = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
    if (((x11 && *x11) || (wayland && *wayland)) && window_terminal())
        return NN_PLOT_WINDOW;
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

/* The best window terminal this gnuplot has, "qt", "x11" or "wxt", or NULL: asked once,
 * by printing gnuplot's list of terminals. */
static const char *window_terminal(void)
{
    static const char *answer;
    static bool asked = false;
    if (asked)
        return answer;
    asked = true;
    if (!nn_plot_available())
        return NULL;
    char command[1100];
    if (snprintf(command, sizeof command,
                 "'%s' -d -e 'set print \"-\"; print GPVAL_TERMINALS' 2>/dev/null",
                 gnuplot_program()) >= (int)sizeof command || strchr(gnuplot_program(), '\''))
        return NULL;
    FILE *f = popen(command, "r"); // NOLINT(cert-env33-c): asking gnuplot is the point
    if (!f)
        return NULL;
    char list[4096] = "";
    size_t n = fread(list, 1, sizeof list - 1, f);
    list[n] = '\0';
    pclose(f);
    static const char *windows[] = {" qt ", " x11 ", " wxt "};
    char padded[4100];
    snprintf(padded, sizeof padded, " %s ", strtok(list, "\n") ? list : "");
    for (size_t k = 0; k < 3; k++)
        if (strstr(padded, windows[k])) {
            static char name[8];
            snprintf(name, sizeof name, "%.*s", (int)strlen(windows[k]) - 2, windows[k] + 1);
            return answer = name;
        }
    return NULL;
}

/* line_by_line: with a window terminal, gnuplot reading its standard input as a
 * console reads it between the window's events, and may cut a command in two (a pipe's
 * buffer flushed in the middle of a line, or a long multiplot). So for a window gnuplot
 * reads the pipe as a script, `gnuplot -d /dev/stdin`, line by line, and the pipe is
 * line buffered besides. */

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
static const char *text_colour(int fd)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    const char *colorterm = getenv("COLORTERM");
    if ((no_color && *no_color) || fd < 0 || !isatty(fd) || !term || !*term ||
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
    case NN_PLOT_WINDOW: {
        /* persist: the window stays when gnuplot ends, until its reader closes it */
        const char *term = window_terminal();
        nn_plot_command(p, "set terminal %s size %d,%d noenhanced font 'Sans,11'%s",
                        term ? term : "x11", width, height,
                        p->pid ? " persist noraise" : " persist");
        break;
    }
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
    if (mode == NN_PLOT_WINDOW && nn_plot_available() && !window_terminal()) {
        static bool warned_window = false;
        if (!warned_window)
            nn_warn("this gnuplot has no window terminal: carrying on without figures "
                    "(install gnuplot-qt or gnuplot-x11, or run with --plot=dumb)");
        warned_window = true;
        return NN_OK;
    }
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
    p->colour = text_colour(STDOUT_FILENO);
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
    strcat(command, mode == NN_PLOT_WINDOW ? " -d /dev/stdin" : " -d"); /* line_by_line */
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

    if (mode == NN_PLOT_WINDOW) /* see line_by_line */
        setvbuf(p->pipe, NULL, _IOLBF, BUFSIZ);
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

static nn_status close_live(nn_plot *p, nn_error *err);

nn_status nn_plot_close(nn_plot *p, nn_error *err)
{
    if (!p)
        return NN_OK;
    if (p->pid)
        return close_live(p, err);
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

/* ==== Live figures ==================================================================
 *
 * A live figure needs two things popen cannot give: gnuplot's process id, so that
 * Ctrl-C can end gnuplot (and its window) before the program goes, and, in a terminal,
 * gnuplot's output, so that each frame is put at the top of the screen by this process,
 * between two lines of the program's own text, never in the middle of one. So gnuplot
 * is started by fork and exec, in a process group of its own (the terminal's Ctrl-C
 * reaches only us, and we end the whole group, window included). */

static struct {
    volatile pid_t pid; /* the live gnuplot's process group, or 0 */
    volatile int tty;   /* the terminal its frames go to, or -1 */
    struct sigaction old_int, old_term;
} live = {.pid = 0, .tty = -1};

/* Leaves the terminal as it was: scrolling over the whole screen, the cursor shown,
 * on the last row. Only write(2), so a signal handler may call it. */
static void restore_terminal(int tty, int rows)
{
    char buf[48];
    int n = snprintf(buf, sizeof buf, "\033[r\033[%d;1H\033[?25h", rows);
    if (tty >= 0 && n > 0)
        (void)!write(tty, buf, (size_t)n);
}

/* Ctrl-C or SIGTERM while a live figure is open: end gnuplot's group, restore the
 * terminal, then let the signal do what it would have done. */
static void on_signal(int sig)
{
    if (live.pid > 0)
        kill(-live.pid, SIGTERM);
    if (live.tty >= 0)
        restore_terminal(live.tty, 999); /* 999: the cursor stops at the last row */
    sigaction(SIGINT, &live.old_int, NULL);
    sigaction(SIGTERM, &live.old_term, NULL);
    raise(sig);
}

/* Starts gnuplot -d reading from *to; with want_output its stdout comes back in *from;
 * its stderr always comes back on *errs (non-blocking). Returns the process id, or -1
 * with errno set. */
static pid_t spawn_gnuplot(FILE **to, FILE **from, int *errs, bool want_output,
                           bool window)
{
    int fd[3][2] = {{-1, -1}, {-1, -1}, {-1, -1}}; /* gnuplot's stdin, stdout, stderr */
    for (int k = 0; k < 3; k++)
        if ((k != 1 || want_output) && pipe(fd[k]) != 0) {
            for (int j = 0; j < 6; j++)
                if (fd[j / 2][j % 2] >= 0)
                    close(fd[j / 2][j % 2]);
            return -1;
        }
    fflush(NULL); /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        for (int k = 0; k < 3; k++)
            if (fd[k][0] >= 0) {
                dup2(fd[k][k == 0 ? 0 : 1], k);
                close(fd[k][0]), close(fd[k][1]);
            }
        execlp(gnuplot_program(), gnuplot_program(), "-d", window ? "/dev/stdin" : (char *)NULL,
               (char *)NULL); /* /dev/stdin: see line_by_line */
        _exit(127);
    }
    for (int k = 0; k < 3; k++) /* our ends: the write end of stdin, read ends of others */
        if (fd[k][0] >= 0) {
            close(fd[k][k == 0 ? 0 : 1]);
            fcntl(fd[k][k == 0 ? 1 : 0], F_SETFD, FD_CLOEXEC);
        }
    if (pid < 0) {
        for (int k = 0; k < 3; k++)
            if (fd[k][0] >= 0)
                close(fd[k][k == 0 ? 1 : 0]);
        return -1;
    }
    setpgid(pid, pid); /* also here, so that it holds before the first signal */
    *to = fdopen(fd[0][1], "w");
    *from = want_output ? fdopen(fd[1][0], "r") : NULL;
    if (*from) /* unbuffered: what poll says is waiting is all that is waiting */
        setvbuf(*from, NULL, _IONBF, 0);
    *errs = fd[2][0];
    fcntl(*errs, F_SETFL, O_NONBLOCK);
    return pid;
}

/* What gnuplot said on stderr since the last look. Its warnings are let through; any
 * other line (an error, or "X connection ... broken" when the window was killed) means
 * the figure cannot go on: gnuplot's group is ended, the program is told once, and
 * carries on without the figure. */
static void check_gnuplot(nn_plot *p)
{
    char buf[2048];
    ssize_t n;
    while (!p->dead && (n = read(p->errs, buf, sizeof buf - 1)) > 0) {
        buf[n] = '\0';
        for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
            if (strspn(line, " \t\r^") == strlen(line) || strstr(line, "warning:") ||
                strstr(line, "Warning:"))
                continue;
            p->dead = true;
            kill(-p->pid, SIGTERM);
            nn_warn("the live figure stopped (gnuplot: %s); carrying on without it",
                    line + strspn(line, " "));
            break;
        }
    }
}

/* The terminal a live text figure is drawn on, its size, and the frame's height (24
 * rows, fewer on a small screen, none on a tiny one). Returns false when there is none. */
static bool open_terminal(nn_plot *p, int *cols)
{
    p->tty = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
    struct winsize ws;
    if (p->tty < 0 || ioctl(p->tty, TIOCGWINSZ, &ws) != 0 || ws.ws_row < 20 ||
        ws.ws_col < 40) {
        if (p->tty >= 0)
            close(p->tty);
        p->tty = -1;
        return false;
    }
    p->rows = ws.ws_row;
    p->height = ws.ws_row >= 32 ? 24 : ws.ws_row - 8;
    *cols = ws.ws_col > 80 ? 79 : ws.ws_col - 1;
    return true;
}

nn_status nn_plot_open_live(nn_plot **out, nn_plot_mode mode, const char *name, int cols,
                            int rows, nn_error *err)
{
    *out = NULL;
    mode = nn_plot_resolve(mode);
    if ((mode != NN_PLOT_WINDOW && mode != NN_PLOT_DUMB) || live.pid ||
        !nn_plot_available() || (mode == NN_PLOT_WINDOW && !window_terminal()))
        return NN_OK;
    nn_plot *p = nn_alloc(1, sizeof *p, "plot", err);
    if (!p)
        return NN_ERR_NOMEM;
    p->mode = mode;
    p->tty = -1;
    int width = 79;
    if (mode == NN_PLOT_DUMB && !open_terminal(p, &width)) {
        nn_alloc_free(p);
        return NN_OK; /* no terminal to draw on */
    }
    p->colour = text_colour(p->tty); /* a live text figure is drawn on the terminal */
    struct sigaction ignore = {0}, catcher = {0};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &ignore, &p->old_sigpipe);
    p->pid = spawn_gnuplot(&p->pipe, &p->from, &p->errs, mode == NN_PLOT_DUMB,
                           mode == NN_PLOT_WINDOW);
    if (p->pid < 0 || !p->pipe) {
        int e = errno;
        sigaction(SIGPIPE, &p->old_sigpipe, NULL);
        if (p->tty >= 0)
            close(p->tty);
        nn_alloc_free(p);
        return nn_error_set(err, NN_ERR_IO, "cannot start gnuplot: %s", strerror(e));
    }
    if (mode == NN_PLOT_WINDOW) /* see line_by_line */
        setvbuf(p->pipe, NULL, _IOLBF, BUFSIZ);
    live.pid = p->pid;
    live.tty = p->tty;
    catcher.sa_handler = on_signal;
    sigaction(SIGINT, &catcher, &live.old_int);
    sigaction(SIGTERM, &catcher, &live.old_term);

    if (mode == NN_PLOT_DUMB) {
        nn_plot_command(p, "set terminal dumb size %d,%d noenhanced %s", width, p->height,
                        p->colour);
        nn_plot_command(p, "set output; set print '-'; set encoding utf8");
    } else {
        set_terminal(p, cols, rows);
        fprintf(p->pipe, "set terminal %s title ", window_terminal()); /* the title bar */
        nn_plot_string(p, name);
        fputs("\n", p->pipe);
    }
    *out = p;
    return NN_OK;
}

/* Seconds from a to b. */
static double elapsed(struct timespec a, struct timespec b)
{
    return (double)(b.tv_sec - a.tv_sec) + 1e-9 * (double)(b.tv_nsec - a.tv_nsec);
}

// [frame begin]
bool nn_plot_frame_begin(nn_plot *p)
{
    if (p && !p->dead)
        check_gnuplot(p);
    if (!p || p->dead)
        return false;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double wait = p->frames ? 1.0 / NN_PLOT_FPS - elapsed(p->last, now) : 0.0;
    if (wait > 0.0) {
        struct timespec pause = {0, (long)(wait * 1e9)};
        nanosleep(&pause, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
    }
    p->last = now;
    return true;
}
// [end frame begin]

/* Writes n bytes to the terminal, all of them. */
static void tty_write(nn_plot *p, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t k = write(p->tty, s, n);
        if (k <= 0 && errno != EINTR)
            return;
        if (k > 0)
            s += k, n -= (size_t)k;
    }
}

#define FRAME_END "nn-plot: end of frame"

/* A terminal frame: reads what gnuplot drew up to the end marker, and writes it over
 * the top rows of the screen; the rows below scroll. The first frame scrolls what the
 * screen held into the terminal's history and fences the scrolling rows off below the
 * figure. */
static void draw_terminal_frame(nn_plot *p)
{
    char buf[64], line[8192]; /* a coloured line carries an escape sequence per cell */
    fflush(stdout); /* the program's lines first, whole */
    if (p->frames == 0) { /* the screen so far scrolls away, into the history */
        int n = snprintf(buf, sizeof buf, "\033[%d;1H", p->rows);
        tty_write(p, buf, (size_t)n);
        for (int r = 0; r < p->rows; r++)
            tty_write(p, "\n", 1);
        n = snprintf(buf, sizeof buf, "\033[%d;%dr\033[%d;1H\033[?25l", p->height + 2,
                     p->rows, p->height + 2);
        tty_write(p, buf, (size_t)n);
    }
    tty_write(p, "\0337\033[H", 5); /* save the cursor, go home */
    struct pollfd fd = {fileno(p->from), POLLIN, 0};
    for (;;) {
        if (poll(&fd, 1, 5000) <= 0 || !fgets(line, sizeof line, p->from)) {
            p->dead = true; /* gnuplot hangs or has gone: no more frames */
            kill(-p->pid, SIGTERM);
            break;
        }
        if (strstr(line, FRAME_END)) /* after the frame's last colour reset, if any */
            break;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\f')
            continue;
        tty_write(p, line, strlen(line));
        tty_write(p, "\033[K\r\n", 5);
    }
    tty_write(p, "\0338", 2); /* the cursor back where the program's text goes */
}

// [frame end]
void nn_plot_frame_end(nn_plot *p)
{
    if (!p || p->dead)
        return;
    if (p->mode == NN_PLOT_DUMB)
        nn_plot_command(p, "print '" FRAME_END "'");
    if (fflush(p->pipe) != 0 || ferror(p->pipe)) {
        p->dead = true;
        return;
    }
    if (p->mode == NN_PLOT_DUMB)
        draw_terminal_frame(p);
    p->frames++;
}
// [end frame end]

/* nn_plot_close's part for a live figure: ends gnuplot, waits for it, and puts the
 * terminal and the signal handlers back. */
static nn_status close_live(nn_plot *p, nn_error *err)
{
    if (!p->dead) {
        nn_plot_command(p, "exit");
        fflush(p->pipe);
    }
    fclose(p->pipe);
    if (p->from)
        fclose(p->from); /* gnuplot may still write: it gets SIGPIPE or EPIPE */
    close(p->errs);
    int status = 0;
    while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGINT, &live.old_int, NULL);
    sigaction(SIGTERM, &live.old_term, NULL);
    live.pid = 0;
    live.tty = -1;
    sigaction(SIGPIPE, &p->old_sigpipe, NULL);
    if (p->tty >= 0) {
        if (p->frames)
            restore_terminal(p->tty, p->rows);
        close(p->tty);
    }
    bool ok = p->dead || (WIFEXITED(status) && WEXITSTATUS(status) == 0);
    nn_alloc_free(p);
    return ok ? NN_OK : nn_error_set(err, NN_ERR_IO, "gnuplot failed while drawing a live figure");
}
