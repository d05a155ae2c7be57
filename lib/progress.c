/* progress.c - the status line of progress.h: a clock, a terminal test, \r and erase.
 *
 * Chapter 7 introduces it, for fits that take a while.
 */
#include "progress.h"

#include <time.h>
#include <unistd.h>

#define FIRST_AFTER 0.5  /* seconds of silence before the first drawing */
#define EVERY 0.1        /* seconds between drawings */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void nn_progress_begin(nn_progress *p, FILE *out)
{
    p->out = out && isatty(fileno(out)) ? out : NULL;
    p->start = p->out ? now() : 0.0;
    p->last = p->start;
    p->shown = 0;
}

void nn_progress_update(nn_progress *p, const char *label, long step, long total,
                        double loss)
{
    if (!p->out)
        return;
    double t = now();
    if (t - p->start < FIRST_AFTER || (p->shown && t - p->last < EVERY))
        return;
    /* \r goes back to the start of the line and ESC[K clears what a longer line left. */
    if (total > 0)
        fprintf(p->out, "\r%s  epoch %ld/%ld  loss %.7g  %.1f s\033[K", label, step, total,
                loss, t - p->start);
    else
        fprintf(p->out, "\r%s  iteration %ld  loss %.7g  %.1f s\033[K", label, step, loss,
                t - p->start);
    fflush(p->out);
    p->last = t;
    p->shown = 1;
}

void nn_progress_end(nn_progress *p)
{
    if (p->out && p->shown) {
        fputs("\r\033[K", p->out);
        fflush(p->out);
    }
    p->shown = 0;
}
