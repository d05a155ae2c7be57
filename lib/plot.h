/* plot.h - figures through a gnuplot pipe.
 *
 * Chapter 1 introduces it, for its decision-boundary figure; every chapter draws with it.
 *
 * A chapter program draws a figure by opening a plot, sending gnuplot commands and
 * data, and closing it:
 *
 *     nn_plot *p;
 *     if (nn_plot_open(&p, mode, out_dir, "loss", 1, 1, &err) != NN_OK) ...
 *     nn_plot_set_text(p, "title", "Loss per epoch");
 *     nn_plot_data_begin(p, "loss");
 *     for (...) nn_plot_data_row(p, 2, (double[]){epoch, loss});
 *     nn_plot_data_end(p);
 *     nn_plot_command(p, "plot $loss using 1:2 with lines notitle");
 *     nn_plot_close(p, &err);
 *
 * Every open plot sets a terminal and an output: an SVG or PNG file DIR/NAME.svg|png
 * for the book, `dumb` (ASCII art on stdout) for a terminal, a window on the screen
 * (gnuplot's qt, wxt or x11 terminal; the window stays open after the program ends), or
 * `sixelgd` (an image in the terminal, for terminals that show sixel graphics). Data
 * goes into gnuplot datablocks ($name << EOD), so one data set can feed several plot
 * commands.
 *
 * Text figures are coloured (gnuplot's ansi256 or ansirgb) when stdout is a terminal
 * that has colour, and plain when it is not, when TERM is dumb, or when NO_COLOR is set
 * (no-color.org); a live text figure, drawn on the terminal itself, asks the terminal.
 * A figure that reads differently in characters asks nn_plot_is_text.
 *
 * When the mode is none, or gnuplot is not installed, nn_plot_open succeeds with
 * *out = NULL and every other call is a no-op: the program carries on without figures.
 * A missing gnuplot is reported once, through the warning handler (error.h).
 *
 * Files are written to a temporary name and renamed into place by nn_plot_close, so an
 * interrupted program never leaves half a figure behind. While a plot is open, SIGPIPE
 * is ignored (a gnuplot that dies must not kill the program); close restores it.
 */
#ifndef NN_PLOT_H
#define NN_PLOT_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "error.h"

typedef enum nn_plot_mode {
    NN_PLOT_AUTO,  /* window when a display is set and gnuplot has a window terminal,
                    * else dumb when stdout is a terminal, else none */
    NN_PLOT_NONE,  /* no figures */
    NN_PLOT_DUMB,  /* ASCII art on stdout */
    NN_PLOT_SVG,   /* DIR/NAME.svg */
    NN_PLOT_PNG,   /* DIR/NAME.png (gnuplot's pngcairo) */
    NN_PLOT_WINDOW, /* a window (gnuplot's qt, wxt or x11 terminal) */
    NN_PLOT_SIXEL   /* an image on stdout, in sixel graphics (gnuplot's sixelgd) */
} nn_plot_mode;

/* The --plot flag's choices, in the order of nn_plot_mode. */
#define NN_PLOT_CHOICES "auto|none|dumb|svg|png|window|sixel"

/* The two flags of every program that draws, for its nn_flag table: --plot MODE (into
 * an int holding an nn_plot_mode) and --out DIR (into a const char *). */
#define NN_PLOT_FLAGS(mode, dir)                                                           \
    NN_FLAG_CHOICE("plot", (mode), "where figures go", NN_PLOT_CHOICES),                   \
    NN_FLAG_TEXT("out", (dir), "directory for svg/png figures")

typedef struct nn_plot nn_plot;

/* --live, for the programs that can show their training as it happens (see "Live
 * figures" below), into a bool. */
#define NN_PLOT_LIVE_FLAG(live)                                                            \
    NN_FLAG_SWITCH("live", (live), "watch the training: its figure redraws as it goes "\
                   "(window or terminal)")

/* Resolves NN_PLOT_AUTO against the display and stdout; other modes are returned
 * unchanged. The display is DISPLAY or WAYLAND_DISPLAY, and gnuplot is asked once
 * whether it has a window terminal. */
nn_plot_mode nn_plot_resolve(nn_plot_mode mode);

/* True when a gnuplot executable is on PATH (or NN_GNUPLOT names one). */
bool nn_plot_available(void);

/* Starts a figure called name (file DIR/name.svg or .png; dir is created if needed),
 * sized for a grid of cols x rows panels (1, 1 for a single plot; the caller sets up
 * gnuplot's multiplot for more). *out is NULL, with NN_OK, when there is nothing to
 * draw (mode none, or no gnuplot). */
nn_status nn_plot_open(nn_plot **out, nn_plot_mode mode, const char *dir, const char *name,
                       int cols, int rows, nn_error *err);

/* Sends one printf-style line of gnuplot commands. */
void nn_plot_command(nn_plot *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* True when p draws characters (the dumb terminal): a figure may then pick marks, tics
 * and places that read in text. False for NULL. */
bool nn_plot_is_text(const nn_plot *p);

/* True when p draws coloured characters (ANSI escape sequences; see the top). */
bool nn_plot_in_colour(const nn_plot *p);

/* Sends `set key <options>`. On a text terminal the key then goes below the plot:
 * characters cannot be opaque, so a key inside would hide the data under it. */
void nn_plot_key(nn_plot *p, const char *options);

/* Writes into buf (size bytes) the plot element that draws datablock $name's columns x,
 * y and v (v from 0 to 1) as a heat map, untitled, and returns buf: `with image` in the
 * palette, on an image or coloured text; on text without colour, v as a character,
 * blank below 0.1, "." below 0.5, "o" from 0.5, "O" from 0.9, titled with that legend. */
const char *nn_plot_heat_map(const nn_plot *p, const char *name, char *buf, size_t size);

/* Sends `set <what> "<text>"` with text escaped, e.g. ("xlabel", "weight w_1"). */
void nn_plot_set_text(nn_plot *p, const char *what, const char *text);

/* Writes text as a gnuplot string literal: quoted, with \ and " escaped and control
 * characters replaced by spaces. Labels are drawn literally (terminals use noenhanced). */
void nn_plot_string(nn_plot *p, const char *text);

/* Starts the datablock $name; rows follow, then nn_plot_data_end. */
void nn_plot_data_begin(nn_plot *p, const char *name);
/* One row of n numbers, written losslessly (%.17g); NaN and inf become "NaN". */
void nn_plot_data_row(nn_plot *p, size_t n, const double *values);
/* A blank line inside a datablock: separates data sets (lines, surfaces). */
void nn_plot_data_break(nn_plot *p);
void nn_plot_data_end(nn_plot *p);

/* Finishes the figure: waits for gnuplot and renames the file into place.
 * NULL is a no-op. Returns NN_ERR_IO when gnuplot failed (no file is left behind). */
nn_status nn_plot_close(nn_plot *p, nn_error *err);

/* ---- Live figures ----------------------------------------------------------------
 *
 * A live figure is drawn again and again while the numbers it shows change, through
 * the same pipe: each frame refreshes the datablocks and sends `replot`.
 *
 *     nn_plot *live;
 *     nn_plot_open_live(&live, mode, "training", 1, 1, &err); // NULL: nowhere to show it
 *     for (each epoch) {
 *         if (!nn_plot_frame_begin(live)) continue;          // waits: <= 10 frames/s
 *         nn_plot_data_begin(live, "loss"); ...rows...; nn_plot_data_end(live);
 *         nn_plot_command(live, first ? "plot $loss with lines" : "replot");
 *         nn_plot_frame_end(live);                           // drawn now, in place
 *     }
 *     nn_plot_close(live, &err);
 *
 * In a window the frame redraws in place, and the last one stays on the screen. In a
 * terminal (mode dumb) the frame is drawn on the terminal itself (/dev/tty), at the top
 * of the screen, and the lines below it scroll as usual: stdout carries exactly what
 * it carries without a live figure. Any other mode, or no terminal, gives *out = NULL.
 * Ctrl-C (or SIGTERM) while a live figure is open ends gnuplot and its window, puts the
 * terminal back (scrolling, cursor) and then stops the program as the signal would.
 * A gnuplot that goes away (its window closed, a crash) only stops the frames: the
 * program carries on. One live figure at a time. */

/* Number of frames a second, at most. */
#define NN_PLOT_FPS 10

/* Starts a live figure called name (its window's title) in mode, sized as nn_plot_open
 * sizes a grid of cols x rows panels (a terminal figure takes the top of the screen). */
nn_status nn_plot_open_live(nn_plot **out, nn_plot_mode mode, const char *name, int cols,
                            int rows, nn_error *err);

/* Begins a frame: waits until 1/NN_PLOT_FPS s have passed since the last one began.
 * False when there is nothing to draw on (p NULL, or gnuplot gone): skip the frame. */
bool nn_plot_frame_begin(nn_plot *p);

/* Ends a frame: gnuplot draws it now (in a terminal, this waits for the drawing and
 * puts it at the top of the screen). */
void nn_plot_frame_end(nn_plot *p);

#endif
