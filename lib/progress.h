/* progress.h - one self-updating status line for long computations on a terminal.
 *
 * Chapter 7 introduces it, for fits that take a while.
 *
 * A fit that takes more than a moment should show that it is alive. On a terminal the
 * line below is redrawn in place (carriage return, no newline) at most ten times a
 * second, and only once the work has lasted half a second, so quick fits print
 * nothing; when the stream is not a terminal (a pipe, a file, a test) nothing is ever
 * written. nn_progress_end erases the line, leaving the terminal as it was.
 *
 *     nn_progress p;
 *     nn_progress_begin(&p, stderr);
 *     for (epoch = 1; ...; epoch++) nn_progress_update(&p, "adam", epoch, max, loss);
 *     nn_progress_end(&p);
 *
 *     adam  epoch 37/200  loss 0.1234567  2.4 s
 */
#ifndef NN_PROGRESS_H
#define NN_PROGRESS_H

#include <stdio.h>

typedef struct nn_progress {
    FILE *out;       /* NULL when inactive (not a terminal) */
    double start;    /* monotonic seconds at nn_progress_begin */
    double last;     /* when the line was last drawn */
    int shown;       /* the line is on the screen */
} nn_progress;

/* Starts timing; the line will go to out only if out is a terminal (out may be NULL). */
void nn_progress_begin(nn_progress *p, FILE *out);

/* Redraws "label  epoch step/total  loss L  T s" if active, at least 0.5 s after the
 * start and 0.1 s after the last drawing. total <= 0 leaves out "/total". */
void nn_progress_update(nn_progress *p, const char *label, long step, long total,
                        double loss);

/* Erases the line if it was drawn. */
void nn_progress_end(nn_progress *p);

#endif
