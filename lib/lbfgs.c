/* lbfgs.c - L-BFGS with the Moré-Thuente line search, scikit-learn's default solver
 * (chapter 7).
 *
 * The file reads in three parts: the line search (how far to go along a direction),
 * the two-loop recursion (which direction), and the driver that alternates them and
 * decides when to stop, with scipy L-BFGS-B's rules (see lbfgs.h).
 *
 * References: J. Nocedal and S. Wright, Numerical Optimization (2006), algorithms 7.4
 * and 7.5; J. J. Moré and D. J. Thuente, "Line search algorithms with guaranteed
 * sufficient decrease", ACM TOMS 20 (1994), whose dcsrch/dcstep (MINPACK-2) L-BFGS-B
 * calls; R. H. Byrd, P. Lu, J. Nocedal and C. Zhu, "A limited memory algorithm for
 * bound constrained optimization" (1995), for the stopping rules and the first step.
 */
#include "lbfgs.h"

#include <float.h>
#include <math.h>

#include "alloc.h"

/* ---- The line search ----------------------------------------------------------------
 *
 * We look for a step a > 0 along a descent direction d with phi(a) = f(x + a d),
 * phi'(a) = g(x + a d).d, such that
 *     phi(a) <= phi(0) + FTOL a phi'(0)      (sufficient decrease)
 *     |phi'(a)| <= GTOL |phi'(0)|            (curvature: we got past the steep part)
 * Moré-Thuente keeps an interval [stx, sty] known to hold such a step once it is
 * "bracketed", and picks each trial from cubic and quadratic fits to the function
 * values and slopes at the ends (dcstep), with safeguards that shrink the interval. */

#define LS_FTOL 1e-3   /* L-BFGS-B's choices */
#define LS_GTOL 0.9
#define LS_XTOL 0.1
#define LS_STPMAX 1e10 /* L-BFGS-B's "big" */
#define XTRAPL 1.1     /* extrapolation limits before the minimum is bracketed */
#define XTRAPU 4.0

typedef enum ls_task { LS_FG, LS_CONVERGED, LS_WARNING, LS_ERROR } ls_task;

typedef struct line_search {
    int brackt, stage;
    double ginit, gtest, gx, gy, finit, fx, fy;
    double stx, sty, stmin, stmax, width, width1;
} line_search;

static double max3(double a, double b, double c)
{
    double m = a > b ? a : b;
    return m > c ? m : c;
}

/* dcstep: the safeguarded trial step. (stx, fx, dx) is the best step so far, (sty, fy,
 * dy) the other end of the interval, (stp, fp, dp) the step just tried: a step, the
 * function value there and the slope. Four cases, by what the new point says about where
 * the minimum lies; each returns the next trial. The cubic fits use theta and gamma, from
 * the function values and slopes at two points, to find the cubic's minimiser. */

/* 1. Higher function value: the minimum is bracketed between stx and stp. Take the cubic
 * step if it is closer to stx than the quadratic one, else halfway. */
static double step_higher(double stx, double fx, double dx, double stp, double fp, double dp)
{
    double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
    double s = max3(fabs(theta), fabs(dx), fabs(dp));
    double gamma = s * sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp < stx)
        gamma = -gamma;
    double p = (gamma - dx) + theta;
    double q = ((gamma - dx) + gamma) + dp;
    double r = p / q;
    double stpc = stx + r * (stp - stx);
    double stpq = stx + ((dx / ((fx - fp) / (stp - stx) + dx)) / 2.0) * (stp - stx);
    if (fabs(stpc - stx) < fabs(stpq - stx))
        return stpc;
    return stpc + (stpq - stpc) / 2.0;
}

/* 2. Lower value, slopes of opposite signs: bracketed. Take the step farther from stp of
 * the cubic and the secant steps. */
static double step_slopes_differ(double stx, double fx, double dx, double stp, double fp,
                                 double dp)
{
    double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
    double s = max3(fabs(theta), fabs(dx), fabs(dp));
    double gamma = s * sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp > stx)
        gamma = -gamma;
    double p = (gamma - dp) + theta;
    double q = ((gamma - dp) + gamma) + dx;
    double r = p / q;
    double stpc = stp + r * (stx - stp);
    double stpq = stp + (dp / (dp - dx)) * (stx - stp);
    return fabs(stpc - stp) > fabs(stpq - stp) ? stpc : stpq;
}

/* 3. Lower value, same slope sign, the slope shrinks: the cubic may still point beyond
 * stp; extrapolate carefully, never past 0.66 of the way to sty once bracketed, and
 * within [stpmin, stpmax] before. */
static double step_slope_shrinks(double stx, double fx, double dx, double sty, double stp,
                                 double fp, double dp, int brackt, double stpmin,
                                 double stpmax)
{
    double theta = 3.0 * (fx - fp) / (stp - stx) + dx + dp;
    double s = max3(fabs(theta), fabs(dx), fabs(dp));
    double disc = (theta / s) * (theta / s) - (dx / s) * (dp / s);
    double gamma = s * sqrt(disc > 0.0 ? disc : 0.0);
    if (stp > stx)
        gamma = -gamma;
    double p = (gamma - dp) + theta;
    double q = (gamma + (dx - dp)) + gamma;
    double r = p / q;
    double stpc;
    if (r < 0.0 && gamma != 0.0)
        stpc = stp + r * (stx - stp);
    else if (stp > stx)
        stpc = stpmax;
    else
        stpc = stpmin;
    double stpq = stp + (dp / (dp - dx)) * (stx - stp);
    double stpf;
    if (brackt) {
        stpf = fabs(stpc - stp) < fabs(stpq - stp) ? stpc : stpq;
        if (stp > stx)
            stpf = fmin(stp + 0.66 * (sty - stp), stpf);
        else
            stpf = fmax(stp + 0.66 * (sty - stp), stpf);
    } else {
        stpf = fabs(stpc - stp) > fabs(stpq - stp) ? stpc : stpq;
        stpf = fmin(stpmax, stpf);
        stpf = fmax(stpmin, stpf);
    }
    return stpf;
}

/* 4. Lower value, same slope sign, the slope does not shrink: go to the far end (the
 * cubic fit with sty if bracketed, else the limit). */
static double step_far_end(double stx, double sty, double fy, double dy, double stp,
                           double fp, double dp, int brackt, double stpmin, double stpmax)
{
    if (!brackt)
        return stp > stx ? stpmax : stpmin;
    double theta = 3.0 * (fp - fy) / (sty - stp) + dy + dp;
    double s = max3(fabs(theta), fabs(dy), fabs(dp));
    double gamma = s * sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
    if (stp > sty)
        gamma = -gamma;
    double p = (gamma - dp) + theta;
    double q = ((gamma - dp) + gamma) + dy;
    double r = p / q;
    return stp + r * (sty - stp);
}

/* Picks the case, then updates the interval and returns the next trial in *stp. */
static void dcstep(double *stx, double *fx, double *dx, double *sty, double *fy, double *dy,
                   double *stp, double fp, double dp, int *brackt, double stpmin,
                   double stpmax)
{
    double sgnd = dp * (*dx / fabs(*dx));
    double stpf;
    if (fp > *fx) {
        stpf = step_higher(*stx, *fx, *dx, *stp, fp, dp);
        *brackt = 1;
    } else if (sgnd < 0.0) {
        stpf = step_slopes_differ(*stx, *fx, *dx, *stp, fp, dp);
        *brackt = 1;
    } else if (fabs(dp) < fabs(*dx)) {
        stpf = step_slope_shrinks(*stx, *fx, *dx, *sty, *stp, fp, dp, *brackt, stpmin,
                                  stpmax);
    } else {
        stpf = step_far_end(*stx, *sty, *fy, *dy, *stp, fp, dp, *brackt, stpmin, stpmax);
    }

    /* The new interval: stp replaces the end it belongs to. */
    if (fp > *fx) {
        *sty = *stp;
        *fy = fp;
        *dy = dp;
    } else {
        if (sgnd < 0.0) {
            *sty = *stx;
            *fy = *fx;
            *dy = *dx;
        }
        *stx = *stp;
        *fx = fp;
        *dx = dp;
    }
    *stp = stpf;
}

/* dcsrch, first call: phi(0) = f, phi'(0) = g < 0, first trial *stp. */
static ls_task ls_start(line_search *ls, double f, double g, double stp, double stpmax)
{
    if (stp < 0.0 || stp > stpmax || g >= 0.0)
        return LS_ERROR;
    ls->brackt = 0;
    ls->stage = 1;
    ls->finit = f;
    ls->ginit = g;
    ls->gtest = LS_FTOL * g;
    ls->width = stpmax;
    ls->width1 = ls->width / 0.5;
    ls->stx = 0.0;
    ls->fx = f;
    ls->gx = g;
    ls->sty = 0.0;
    ls->fy = f;
    ls->gy = g;
    ls->stmin = 0.0;
    ls->stmax = stp + XTRAPU * stp;
    return LS_FG;
}

/* dcsrch, later calls: f = phi(*stp), g = phi'(*stp). Returns LS_CONVERGED when *stp
 * satisfies both conditions, LS_WARNING when no better step can be found (the caller
 * takes *stp as it is), or LS_FG with the next trial in *stp. */
static ls_task ls_next(line_search *ls, double f, double g, double *stp, double stpmax)
{
    const double stpmin = 0.0;
    double ftest = ls->finit + *stp * ls->gtest;
    if (ls->stage == 1 && f <= ftest && g >= 0.0)
        ls->stage = 2;

    if (ls->brackt && (*stp <= ls->stmin || *stp >= ls->stmax))
        return LS_WARNING; /* rounding errors prevent progress */
    if (ls->brackt && ls->stmax - ls->stmin <= LS_XTOL * ls->stmax)
        return LS_WARNING; /* the interval is too small */
    if (*stp == stpmax && f <= ftest && g <= ls->gtest)
        return LS_WARNING; /* stp = stpmax */
    if (*stp == stpmin && (f > ftest || g >= ls->gtest))
        return LS_WARNING; /* stp = stpmin */
    if (f <= ftest && fabs(g) <= LS_GTOL * (-ls->ginit))
        return LS_CONVERGED;

    if (ls->stage == 1 && f <= ls->fx && f > ftest) {
        /* In the first stage, with a lower value that is not low enough, work with the
         * modified function psi(a) = phi(a) - phi(0) - FTOL a phi'(0). */
        double fm = f - *stp * ls->gtest;
        double fxm = ls->fx - ls->stx * ls->gtest;
        double fym = ls->fy - ls->sty * ls->gtest;
        double gm = g - ls->gtest;
        double gxm = ls->gx - ls->gtest;
        double gym = ls->gy - ls->gtest;
        dcstep(&ls->stx, &fxm, &gxm, &ls->sty, &fym, &gym, stp, fm, gm, &ls->brackt,
               ls->stmin, ls->stmax);
        ls->fx = fxm + ls->stx * ls->gtest;
        ls->fy = fym + ls->sty * ls->gtest;
        ls->gx = gxm + ls->gtest;
        ls->gy = gym + ls->gtest;
    } else {
        dcstep(&ls->stx, &ls->fx, &ls->gx, &ls->sty, &ls->fy, &ls->gy, stp, f, g,
               &ls->brackt, ls->stmin, ls->stmax);
    }

    /* Force the interval to shrink: bisect when two trials did not halve it. */
    if (ls->brackt) {
        if (fabs(ls->sty - ls->stx) >= 0.66 * ls->width1)
            *stp = ls->stx + 0.5 * (ls->sty - ls->stx);
        ls->width1 = ls->width;
        ls->width = fabs(ls->sty - ls->stx);
        ls->stmin = fmin(ls->stx, ls->sty);
        ls->stmax = fmax(ls->stx, ls->sty);
    } else {
        ls->stmin = *stp + XTRAPL * (*stp - ls->stx);
        ls->stmax = *stp + XTRAPU * (*stp - ls->stx);
    }
    *stp = fmax(*stp, stpmin);
    *stp = fmin(*stp, stpmax);
    /* If no further progress is possible, let stp be the best point so far. */
    if ((ls->brackt && (*stp <= ls->stmin || *stp >= ls->stmax)) ||
        (ls->brackt && ls->stmax - ls->stmin <= LS_XTOL * ls->stmax))
        *stp = ls->stx;
    return LS_FG;
}

/* ---- The direction: the two-loop recursion ------------------------------------------
 *
 * H approximates the inverse Hessian from the stored pairs (s_i, y_i), oldest to
 * newest, starting from H0 = gamma I with gamma = s.y / y.y of the newest pair (the
 * scale of the curvature along the last step). d = -H g costs 4 m n operations. */

static double dot(const double *a, const double *b, size_t n)
{
    double s = 0.0;
    for (size_t i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

static double max_abs(const double *a, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++)
        if (fabs(a[i]) > m || isnan(a[i]))
            m = fabs(a[i]);
    return m;
}

static int all_finite(const double *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(a[i]))
            return 0;
    return 1;
}

typedef struct memory {
    size_t m, n;    /* capacity (pairs) and dimension */
    size_t count;   /* pairs stored, <= m */
    size_t newest;  /* slot of the newest pair */
    double *s, *y;  /* m x n each, slot k at s + k n */
    double *rho;    /* 1 / (s.y) per slot */
    double *alpha;  /* scratch for the first loop */
    double gamma;   /* H0 = gamma I */
} memory;

// [two-loop recursion]
static void direction(const memory *mem, const double *g, double *d)
{
    size_t n = mem->n;
    for (size_t i = 0; i < n; i++)
        d[i] = g[i];
    /* newest to oldest: alpha_i = rho_i s_i.q;  q -= alpha_i y_i */
    for (size_t j = 0; j < mem->count; j++) {
        size_t k = (mem->newest + mem->m - j) % mem->m;
        const double *s = mem->s + k * n, *y = mem->y + k * n;
        double a = mem->rho[k] * dot(s, d, n);
        mem->alpha[k] = a;
        for (size_t i = 0; i < n; i++)
            d[i] -= a * y[i];
    }
    /* r = H0 q */
    for (size_t i = 0; i < n; i++)
        d[i] *= mem->gamma;
    /* oldest to newest: beta = rho_i y_i.r;  r += (alpha_i - beta) s_i */
    for (size_t j = mem->count; j-- > 0;) {
        size_t k = (mem->newest + mem->m - j) % mem->m;
        const double *s = mem->s + k * n, *y = mem->y + k * n;
        double b = mem->rho[k] * dot(y, d, n);
        for (size_t i = 0; i < n; i++)
            d[i] += (mem->alpha[k] - b) * s[i];
    }
    for (size_t i = 0; i < n; i++)
        d[i] = -d[i];
}
// [end two-loop recursion]

/* Stores the pair (s, y) = (x - x_old, g - g_old) unless its curvature s.y is not
 * clearly positive compared with the slope -g_old.s at the start of the step (BFGS would
 * then lose positive definiteness; L-BFGS-B skips such pairs with the same test). */
static void remember(memory *mem, const double *x, const double *x_old, const double *g,
                     const double *g_old)
{
    size_t n = mem->n;
    size_t k = mem->count == 0 ? 0 : (mem->newest + 1) % mem->m;
    double *s = mem->s + k * n, *y = mem->y + k * n;
    for (size_t i = 0; i < n; i++) {
        s[i] = x[i] - x_old[i];
        y[i] = g[i] - g_old[i];
    }
    double sy = dot(s, y, n), yy = dot(y, y, n), gs = dot(g_old, s, n);
    if (!(sy > DBL_EPSILON * -gs) || !(yy > 0.0))
        return; /* skipped: the slot is reused next time */
    mem->rho[k] = 1.0 / sy;
    mem->gamma = sy / yy;
    mem->newest = k;
    if (mem->count < mem->m)
        mem->count++;
}

static void forget(memory *mem)
{
    mem->count = 0;
    mem->newest = 0;
    mem->gamma = 1.0;
}

/* ---- The driver ---------------------------------------------------------------------- */

static const char MSG_ITER[] = "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT";
static const char MSG_FUN[] = "STOP: TOTAL NO. of f AND g EVALUATIONS EXCEEDS LIMIT";
static const char MSG_PGTOL[] = "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL";
static const char MSG_FTOL[] = "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH";
static const char MSG_ABNORMAL[] = "ABNORMAL_TERMINATION_IN_LNSRCH";

nn_lbfgs_options nn_lbfgs_defaults(void)
{
    nn_lbfgs_options o = {10, 15000, 15000, 1e-5, 2.220446049250313e-09, 20, NULL, NULL};
    return o;
}

/* The options are usable: at least one of everything, tolerances not negative. */
static nn_status check_options(const nn_lbfgs_options *o, nn_error *err)
{
    if (o->m < 1 || o->max_iter < 1 || o->max_fun < 1 || o->max_ls < 1 || !(o->gtol >= 0.0) ||
        !(o->ftol >= 0.0))
        return nn_error_set(err, NN_ERR_ARG,
                            "lbfgs: options out of range (m, max_iter, max_fun, max_ls >= 1; "
                            "gtol, ftol >= 0)");
    return NN_OK;
}

/* The driver's arrays, in one allocation: the memory's m pairs (s and y, m x n each),
 * then the gradient g, the direction d and the last iterate x_old, g_old (n each), then
 * the memory's rho and alpha (m each). */
typedef struct workspace {
    memory mem;
    double *g, *d, *x_old, *g_old;
} workspace;

static nn_status workspace_new(workspace *w, size_t m, size_t n, nn_error *err)
{
    *w = (workspace){{m, n, 0, 0, NULL, NULL, NULL, NULL, 1.0}, NULL, NULL, NULL, NULL};
    size_t mn = m * n;
    if (mn / n != m)
        return nn_error_set(err, NN_ERR_NOMEM, "lbfgs: %zu x %zu memory overflows", m, n);
    double *block = nn_alloc(2 * mn + 4 * n + 2 * m, sizeof(double), "lbfgs memory", err);
    if (!block)
        return NN_ERR_NOMEM;
    w->mem.s = block;
    w->mem.y = w->mem.s + mn;
    w->g = w->mem.y + mn;
    w->d = w->g + n;
    w->x_old = w->d + n;
    w->g_old = w->x_old + n;
    w->mem.rho = w->g_old + n;
    w->mem.alpha = w->mem.rho + m;
    return NN_OK;
}

static void workspace_free(workspace *w)
{
    nn_alloc_free(w->mem.s); /* the start of the block */
}

/* The starting point: f and g at x, which must be finite. */
static nn_status evaluate_start(nn_lbfgs_objective fn, void *ctx, double *x, size_t n,
                                double *f, double *g, nn_lbfgs_result *res, nn_error *err)
{
    nn_status st = fn(x, n, f, g, ctx, err);
    res->nfev = 1;
    if (st != NN_OK)
        return st;
    if (!isfinite(*f) || !all_finite(g, n))
        return nn_error_set(err, NN_ERR_NUMERIC,
                            "lbfgs: the objective or its gradient is not finite at the "
                            "starting point (f = %g)", *f);
    res->f = *f;
    res->gnorm = max_abs(g, n);
    return NN_OK;
}

/* The direction d and its first trial step: the first iteration has no curvature pairs,
 * so it goes down the gradient with a step of length 1 (1 / ||d||); later iterations
 * trust the quasi-Newton step, length 1. Returns the slope g.d along d. */
static double choose_direction(memory *mem, const double *g, double *d, int first,
                               double *stp)
{
    size_t n = mem->n;
    direction(mem, g, d);
    double gd = dot(g, d, n);
    if (!(gd < 0.0) && mem->count > 0) {
        forget(mem); /* the memory gives no descent direction: start afresh */
        direction(mem, g, d);
        gd = dot(g, d, n);
    }
    *stp = 1.0;
    if (first)
        *stp = fmin(1.0 / sqrt(dot(d, d, n)), LS_STPMAX);
    return gd;
}

/* One line search along d from (x_old, f_old, g_old), writing the accepted point into
 * (x, *f, g). Returns NN_OK and sets *found; *found = 0 means no acceptable step was
 * found within max_ls evaluations (x, f, g are then restored by the caller). */
static nn_status search(nn_lbfgs_objective fn, void *ctx, double *x, size_t n, double *f,
                        double *g, const double *x_old, double f_old, const double *d,
                        double gd_old, double stp, const nn_lbfgs_options *opt, long *nfev,
                        int *found, nn_error *err)
{
    line_search ls;
    *found = 0;
    if (ls_start(&ls, f_old, gd_old, stp, LS_STPMAX) != LS_FG)
        return NN_OK;
    for (int evals = 0; evals < opt->max_ls; evals++) {
        for (size_t i = 0; i < n; i++)
            x[i] = stp * d[i] + x_old[i];
        nn_status st = fn(x, n, f, g, ctx, err);
        ++*nfev;
        if (st != NN_OK)
            return st;
        if (!isfinite(*f) || !all_finite(g, n)) {
            /* Too far: the function overflowed. Take the bad step as the far end of the
             * interval and try halfway back towards the best step so far. */
            double bad = stp;
            stp = ls.stx + 0.5 * (bad - ls.stx);
            ls.brackt = 1;
            ls.sty = bad;
            ls.fy = INFINITY;
            ls.gy = INFINITY;
            ls.stmin = fmin(ls.stx, bad);
            ls.stmax = fmax(ls.stx, bad);
            continue;
        }
        ls_task task = ls_next(&ls, *f, dot(g, d, n), &stp, LS_STPMAX);
        if (task == LS_CONVERGED || task == LS_WARNING) {
            *found = 1;
            return NN_OK;
        }
        if (task == LS_ERROR)
            return NN_OK;
    }
    return NN_OK;
}

/* scipy checks its limits when L-BFGS-B reports a new point, before L-BFGS-B tests for
 * convergence: a run that converges on its last allowed iteration still reports the
 * limit. Sets the message (and status) and returns 1 when the run is over. */
static int should_stop(nn_lbfgs_result *res, const nn_lbfgs_options *o, double f_old,
                       double f)
{
    if (res->nit >= o->max_iter) {
        res->status = 1;
        res->message = MSG_ITER;
        return 1;
    }
    if (res->nfev > o->max_fun) {
        res->status = 1;
        res->message = MSG_FUN;
        return 1;
    }
    if (res->gnorm <= o->gtol) {
        res->message = MSG_PGTOL;
        return 1;
    }
    if (f_old - f <= o->ftol * max3(fabs(f_old), fabs(f), 1.0)) {
        res->message = MSG_FTOL;
        return 1;
    }
    return 0;
}

/* The iterations, from the starting point (x, f, w->g) until a stopping rule holds: a
 * direction, a line search along it, then the new pair into the memory. */
static nn_status iterate(nn_lbfgs_objective fn, void *ctx, double *x, size_t n, double f,
                         workspace *w, const nn_lbfgs_options *o, nn_lbfgs_result *res,
                         nn_error *err)
{
    memory *mem = &w->mem;
    double *g = w->g, *d = w->d, *x_old = w->x_old, *g_old = w->g_old;
    for (;;) {
        double stp, gd = choose_direction(mem, g, d, res->nit == 0, &stp);
        for (size_t i = 0; i < n; i++) {
            x_old[i] = x[i];
            g_old[i] = g[i];
        }
        double f_old = f;
        int found = 0;
        if (gd < 0.0) {
            nn_status st = search(fn, ctx, x, n, &f, g, x_old, f_old, d, gd, stp, o,
                                  &res->nfev, &found, err);
            if (st != NN_OK) {
                for (size_t i = 0; i < n; i++)
                    x[i] = x_old[i];
                return st;
            }
        }
        if (!found) {
            /* Restore the last iterate. With curvature pairs in memory, forget them and
             * retry down the gradient; without, nothing better can be done. */
            for (size_t i = 0; i < n; i++) {
                x[i] = x_old[i];
                g[i] = g_old[i];
            }
            f = f_old;
            if (mem->count == 0) {
                res->status = 2;
                res->message = MSG_ABNORMAL;
                return NN_OK;
            }
            forget(mem);
            continue;
        }

        res->nit++;
        res->f = f;
        res->gnorm = max_abs(g, n);
        if (o->observe)
            o->observe(res->nit, f, o->observe_context);
        if (should_stop(res, o, f_old, f))
            return NN_OK;
        remember(mem, x, x_old, g, g_old);
    }
}

nn_status nn_lbfgs_minimize(nn_lbfgs_objective fn, void *ctx, double *x, size_t n,
                            const nn_lbfgs_options *opt, nn_lbfgs_result *result,
                            nn_error *err)
{
    nn_lbfgs_options o = opt ? *opt : nn_lbfgs_defaults();
    nn_lbfgs_result res = {0, "", 0, 0, NAN, NAN};
    if (!fn || (!x && n > 0))
        return nn_error_set(err, NN_ERR_ARG, "lbfgs: NULL objective or x");
    nn_status st = check_options(&o, err);
    if (st != NN_OK)
        return st;
    if (n == 0) {
        /* Nothing to move: f is what it is. */
        st = fn(x, 0, &res.f, NULL, ctx, err);
        res.nfev = 1;
        res.gnorm = 0.0;
        res.message = MSG_PGTOL;
    } else {
        workspace w;
        if ((st = workspace_new(&w, o.m, n, err)) != NN_OK)
            return st;
        double f;
        st = evaluate_start(fn, ctx, x, n, &f, w.g, &res, err);
        if (st == NN_OK && res.gnorm <= o.gtol)
            res.message = MSG_PGTOL; /* already at a minimum */
        else if (st == NN_OK)
            st = iterate(fn, ctx, x, n, f, &w, &o, &res, err);
        workspace_free(&w);
    }
    if (result)
        *result = res;
    return st;
}
