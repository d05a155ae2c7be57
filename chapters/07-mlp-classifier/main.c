/* 07-mlp-classifier - scikit-learn's MLPClassifier in C, through the library's nn_mlp.
 *
 * Part 1 replays the example of scikit-learn's user guide: a network with two hidden
 * layers, of 5 and 2 neurons, trained by L-BFGS on two points. It prints what the
 * Python session prints: the predictions, the shapes of the weight matrices and the
 * predicted probabilities. Part 2 draws two interleaving half circles with
 * nn_make_moons (scikit-learn's make_moons), trains one network per solver (lbfgs,
 * sgd, adam) on three quarters of the points, and compares how many iterations each
 * took, the loss it ended with, its accuracy on the points it trained on and on the
 * quarter it never saw, and why it stopped. The figures: the loss of each solver
 * during training, and each trained network's probability of class 1 over the plane.
 * The flags change part 2; part 1 is always the documentation's example.
 *
 *     build/bin/07-mlp-classifier [--part both|1|2] [--solver all|lbfgs|sgd|adam] [--hidden 10,10]
 *                      [--activation relu|tanh|logistic|identity] [--alpha A]
 *                      [--learning-rate R] [--max-iter N] [--seed N] [--samples N]
 *                      [--noise S] [--plot MODE] [--out DIR]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

static const char *PROGRAM = "07-mlp-classifier";
static const char *SUMMARY = "scikit-learn's MLPClassifier in C: its documentation example, "
                             "then lbfgs, sgd and adam on two moons.";

/* ------------------------------------------------------------------------------------
 * Small helpers: printing numbers the way Python does, and catching warnings. */

/* repr() of a Python float: the fewest digits that read back as x, positional from 1e-4
 * up to 1e16, with ".0" on whole numbers ("1e-05", "0.0001", "0.2", "10.0"). */
static void py_float(double x, char *out, size_t size)
{
    int precision = 1;
    for (; precision < 17; precision++) {
        snprintf(out, size, "%.*g", precision, x);
        if (strtod(out, NULL) == x)
            break;
    }
    double ax = fabs(x);
    if (strchr(out, 'e') && ax >= 1e-4 && ax < 1e16) {
        int exp10 = (int)floor(log10(ax));
        int decimals = precision - 1 - exp10;
        snprintf(out, size, "%.*f", decimals > 0 ? decimals : 0, x);
    }
    if (!strpbrk(out, ".e") && strlen(out) + 3 <= size)
        strcat(out, ".0");
}

/* hidden_layer_sizes as Python writes the tuple: "(100,)", "(5, 2)". */
static void py_tuple(const nn_mlp_params *p, char *out, size_t size)
{
    size_t used = (size_t)snprintf(out, size, "(");
    for (size_t i = 0; i < p->n_hidden && used < size; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%zu", i ? ", " : "",
                                 p->hidden_layer_sizes[i]);
    if (used < size)
        snprintf(out + used, size - used, p->n_hidden == 1 ? ",)" : ")");
}

/* The library reports a fit that stopped before converging through nn_warn (by default
 * a line on stderr). The program collects the last warning of each fit instead, and
 * prints it where it belongs in the report. */
typedef struct warning_box {
    char text[NN_ERROR_MESSAGE_MAX];
} warning_box;

static void keep_warning(const char *message, void *context)
{
    warning_box *box = context;
    snprintf(box->text, sizeof box->text, "%s", message);
}

/* A column of labels as numpy prints an integer array: "array([1, 0])". */
static void print_labels(const double *labels, size_t n)
{
    printf("array([");
    for (size_t i = 0; i < n; i++)
        printf(i ? ", %.0f" : "%.0f", labels[i]);
    printf("])\n");
}

/* Every library call returns a status; TRY sends a failure to the function's cleanup. */
#define TRY(call)                                                                          \
    do {                                                                                   \
        if ((status = (call)) != NN_OK)                                                    \
            goto done;                                                                     \
    } while (0)

/* ------------------------------------------------------------------------------------
 * Part 1: the documentation's example. */

static nn_status part1(nn_error *err)
{
    nn_status status = NN_OK;
    nn_mlp *clf = NULL;
    printf("Part 1: scikit-learn's documentation example\n");
    printf(">>> X = [[0., 0.], [1., 1.]]\n"
           ">>> y = [0, 1]\n"
           ">>> clf = MLPClassifier(solver='lbfgs', alpha=1e-5,\n"
           "...                     hidden_layer_sizes=(5, 2), random_state=1)\n"
           ">>> clf.fit(X, y)\n");

    // [doc example]
    /* X = [[0., 0.], [1., 1.]]; y = [0, 1]: two samples, two features each */
    double x_data[] = {0, 0, 1, 1}, y_data[] = {0, 1};
    nn_matrix X = {2, 2, x_data}, y = {2, 1, y_data};

    /* clf = MLPClassifier(solver='lbfgs', alpha=1e-5, hidden_layer_sizes=(5, 2),
     *                     random_state=1): every other parameter keeps its default */
    nn_mlp_params p = nn_mlp_defaults();
    p.solver = NN_MLP_LBFGS;
    p.alpha = 1e-5;
    p.n_hidden = 2; /* two hidden layers ... */
    p.hidden_layer_sizes[0] = 5; /* ... the first of 5 neurons, */
    p.hidden_layer_sizes[1] = 2; /* the second of 2 */
    p.random_state = 1;
    clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, err);
    if (!clf)
        return err->code;

    /* clf.fit(X, y) */
    TRY(nn_mlp_fit(clf, &X, &y, err));

    /* clf.predict([[2., 2.], [-1., -2.]]) */
    double new_data[] = {2, 2, -1, -2}, labels[2];
    nn_matrix X_new = {2, 2, new_data}, predicted = {2, 1, labels};
    TRY(nn_mlp_predict(clf, &X_new, &predicted, err));
    // [end doc example]
    printf(">>> clf.predict([[2., 2.], [-1., -2.]])\n");
    print_labels(labels, 2);

    // [shapes]
    /* [coef.shape for coef in clf.coefs_]: one weight matrix between each pair of
     * neighbouring layers, (units in, units out) */
    printf(">>> [coef.shape for coef in clf.coefs_]\n[");
    for (size_t l = 0; l + 1 < nn_mlp_n_layers(clf); l++) {
        const nn_matrix *W = nn_mlp_coefs(clf, l);
        printf(l ? ", (%zu, %zu)" : "(%zu, %zu)", W->rows, W->cols);
    }
    printf("]\n");
    // [end shapes]

    /* clf.predict_proba: one column per class, P(y = 0) then P(y = 1) */
    double docs_data[] = {2, 2, 1, 2}, proba_data[4] = {0};
    nn_matrix docs_points = {2, 2, docs_data}, proba = {2, 2, proba_data};
    printf(">>> clf.predict_proba([[2., 2.], [1., 2.]])\n");
    TRY(nn_mlp_predict_proba(clf, &docs_points, &proba, err));
    nn_matrix_print(stdout, &proba);
    printf(">>> clf.predict_proba([[2., 2.], [-1., -2.]])\n");
    TRY(nn_mlp_predict_proba(clf, &X_new, &proba, err));
    nn_matrix_print(stdout, &proba);

    printf(">>> clf.n_layers_, clf.n_outputs_, clf.out_activation_\n(%zu, %zu, '%s')\n",
           nn_mlp_n_layers(clf), nn_mlp_n_outputs(clf),
           nn_activation_name(nn_mlp_out_activation(clf)));
    printf(">>> clf.n_iter_, clf.loss_\n(%ld, %.15g)\n\n", nn_mlp_n_iter(clf),
           nn_mlp_loss(clf));
done:
    nn_mlp_free(clf);
    return status;
}

/* ------------------------------------------------------------------------------------
 * Part 2: three solvers on two moons. */

/* What the flags choose for part 2. */
typedef struct config {
    nn_mlp_params params;  /* everything but the solver */
    size_t n_samples, n_test;
    double noise;
} config;

/* The data: make_moons's points, the first n_train to train on, the rest to test. */
typedef struct moons {
    double *x, *y;
    nn_matrix X, Y, X_train, y_train, X_test, y_test;
} moons;

// [moons]
/* X, y = make_moons(n_samples, noise=noise, random_state=seed). make_moons shuffles
 * the points, so its last rows are as random a test set as any. */
static nn_status make_data(const config *c, moons *d, nn_error *err)
{
    size_t n = c->n_samples, n_train = n - c->n_test;
    d->x = nn_alloc(2 * n, sizeof(double), "moons X", err);
    d->y = d->x ? nn_alloc(n, sizeof(double), "moons y", err) : NULL;
    if (!d->y)
        return NN_ERR_NOMEM;
    d->X = (nn_matrix){n, 2, d->x};
    d->Y = (nn_matrix){n, 1, d->y};
    d->X_train = (nn_matrix){n_train, 2, d->x};
    d->y_train = (nn_matrix){n_train, 1, d->y};
    d->X_test = (nn_matrix){c->n_test, 2, d->x + 2 * n_train};
    d->y_test = (nn_matrix){c->n_test, 1, d->y + n_train};
    nn_rng rng;
    nn_rng_seed(&rng, (uint32_t)c->params.random_state);
    return nn_make_moons(n, true, c->noise, &rng, &d->X, &d->Y, err);
}
// [end moons]

/* The surface figure's lattice: GRID x GRID points over the data's box, widened by
 * half a unit on every side (as scikit-learn's plotting examples do). */
#define GRID 101

typedef struct box {
    double x_low, x_high, y_low, y_high;
} box;

static box data_box(const moons *d)
{
    box b = {INFINITY, -INFINITY, INFINITY, -INFINITY};
    for (size_t i = 0; i < d->X.rows; i++) {
        b.x_low = fmin(b.x_low, d->x[2 * i] - 0.5);
        b.x_high = fmax(b.x_high, d->x[2 * i] + 0.5);
        b.y_low = fmin(b.y_low, d->x[2 * i + 1] - 0.5);
        b.y_high = fmax(b.y_high, d->x[2 * i + 1] + 0.5);
    }
    return b;
}

static double lattice(double low, double high, size_t k)
{
    return low + (high - low) * (double)k / (GRID - 1);
}

/* What one fit produced. */
typedef struct fit_result {
    nn_mlp_solver solver;
    long n_iter;
    double loss, train_score, test_score;
    char stopped[NN_ERROR_MESSAGE_MAX + 32]; /* why it stopped, in scikit-learn's words */
    double *curve;                          /* the loss after each iteration or epoch */
    size_t n_curve;
    double *surface;                        /* P(class 1) on the lattice, or NULL */
} fit_result;

/* verbose output, read back: lbfgs prints "Iteration N, loss = X" after every L-BFGS
 * iteration (scikit-learn keeps no loss_curve_ for lbfgs) and a last line saying why it
 * stopped; sgd and adam print one such line per epoch and, when the loss stalls,
 * scikit-learn's message. */
static nn_status read_log(FILE *log, fit_result *r, size_t max_lines, nn_error *err)
{
    rewind(log);
    char line[NN_ERROR_MESSAGE_MAX];
    bool lbfgs = r->solver == NN_MLP_LBFGS;
    if (lbfgs) {
        r->curve = nn_alloc(max_lines + 1, sizeof(double), "loss curve", err);
        if (!r->curve)
            return NN_ERR_NOMEM;
    }
    while (fgets(line, sizeof line, log)) {
        line[strcspn(line, "\n")] = '\0';
        long iteration;
        double loss;
        if (sscanf(line, "Iteration %ld, loss = %lf", &iteration, &loss) == 2) {
            if (lbfgs && r->n_curve < max_lines)
                r->curve[r->n_curve++] = loss;
        } else if (strncmp(line, "L-BFGS: ", 8) == 0) {
            snprintf(r->stopped, sizeof r->stopped, "%s", line + 8);
        } else if (strstr(line, "Stopping.")) {
            snprintf(r->stopped, sizeof r->stopped, "%s", line);
        }
    }
    return NN_OK;
}

// [fit one solver]
/* clf = MLPClassifier(solver=..., <the flags>).fit(X_train, y_train), then its scores
 * on both halves of the data and, for the figure, P(class 1) over the lattice. */
static nn_status fit_solver(const config *c, nn_mlp_solver solver, const moons *d,
                            const box *b, warning_box *warning, fit_result *r, nn_error *err)
{
    nn_status status = NN_OK;
    nn_mlp *clf = NULL;
    double *grid = NULL, *proba = NULL;
    memset(r, 0, sizeof *r);
    r->solver = solver;
    FILE *log = tmpfile(); /* verbose lines go here, and are read back */
    if (!log)
        return nn_error_set(err, NN_ERR_IO, "cannot create a temporary file for the "
                                            "training log");

    nn_mlp_params p = c->params;
    p.solver = solver;
    p.verbose = 1;
    p.verbose_out = log;
    clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, err);
    if (!clf) {
        status = err->code;
        goto done;
    }
    warning->text[0] = '\0';
    TRY(nn_mlp_fit(clf, &d->X_train, &d->y_train, err));
    TRY(nn_mlp_score(clf, &d->X_train, &d->y_train, &r->train_score, err));
    TRY(nn_mlp_score(clf, &d->X_test, &d->y_test, &r->test_score, err));
    r->n_iter = nn_mlp_n_iter(clf);
    r->loss = nn_mlp_loss(clf);
    TRY(read_log(log, r, (size_t)p.max_iter, err));
    if (warning->text[0]) /* a ConvergenceWarning says it best */
        snprintf(r->stopped, sizeof r->stopped, "ConvergenceWarning: %s", warning->text);
    if (solver != NN_MLP_LBFGS) { /* sgd and adam keep loss_curve_ */
        const double *curve = nn_mlp_loss_curve(clf, &r->n_curve);
        r->curve = nn_alloc(r->n_curve + 1, sizeof(double), "loss curve", err);
        if (!r->curve) {
            status = NN_ERR_NOMEM;
            goto done;
        }
        memcpy(r->curve, curve, r->n_curve * sizeof(double));
    }
    // [end fit one solver]

    /* The surface: predict_proba on every lattice point at once, one row per point. */
    if (b) {
        grid = nn_alloc(GRID * GRID * 2, sizeof(double), "lattice", err);
        proba = grid ? nn_alloc(GRID * GRID * 2, sizeof(double), "probabilities", err) : NULL;
        r->surface = proba ? nn_alloc(GRID * GRID, sizeof(double), "surface", err) : NULL;
        if (!r->surface) {
            status = NN_ERR_NOMEM;
            goto done;
        }
        for (size_t row = 0; row < GRID; row++)
            for (size_t col = 0; col < GRID; col++) {
                grid[2 * (row * GRID + col)] = lattice(b->x_low, b->x_high, col);
                grid[2 * (row * GRID + col) + 1] = lattice(b->y_low, b->y_high, row);
            }
        nn_matrix G = {GRID * GRID, 2, grid}, P = {GRID * GRID, 2, proba};
        TRY(nn_mlp_predict_proba(clf, &G, &P, err));
        for (size_t k = 0; k < GRID * GRID; k++)
            r->surface[k] = proba[2 * k + 1];
    }
done:
    nn_alloc_free(proba);
    nn_alloc_free(grid);
    nn_mlp_free(clf);
    fclose(log);
    return status;
}

/* "name   text", the text broken between words so that no line passes column 79, and
 * the lines after the first indented under its start. */
#define WRAP_INDENT 7
#define WRAP_WIDTH 79

static void print_wrapped(const char *name, const char *text)
{
    printf("%-*s", WRAP_INDENT, name);
    size_t column = WRAP_INDENT;
    while (*text) {
        size_t word = strcspn(text, " ");
        if (column > WRAP_INDENT && column + 1 + word > WRAP_WIDTH) {
            printf("\n%*s", WRAP_INDENT, "");
            column = WRAP_INDENT;
        } else if (column > WRAP_INDENT) {
            putchar(' ');
            column++;
        }
        printf("%.*s", (int)word, text);
        column += word;
        text += word;
        while (*text == ' ')
            text++;
    }
    putchar('\n');
}

/* The Python line that makes the estimator: the parameters that differ from
 * scikit-learn's defaults, as its repr would list them, broken before column 80 the way
 * an interactive session continues a line. */
static void print_estimator(const config *c)
{
    const nn_mlp_params *p = &c->params;
    nn_mlp_params def = nn_mlp_defaults();
    char args[8][64], number[32];
    size_t n = 0;
    snprintf(args[n++], sizeof args[0], "solver=solver");
    py_tuple(p, number, sizeof number);
    snprintf(args[n++], sizeof args[0], "hidden_layer_sizes=%s", number);
    if (p->activation != def.activation)
        snprintf(args[n++], sizeof args[0], "activation='%s'", nn_activation_name(p->activation));
    if (p->alpha != def.alpha) {
        py_float(p->alpha, number, sizeof number);
        snprintf(args[n++], sizeof args[0], "alpha=%s", number);
    }
    if (p->learning_rate_init != def.learning_rate_init) {
        py_float(p->learning_rate_init, number, sizeof number);
        snprintf(args[n++], sizeof args[0], "learning_rate_init=%s", number);
    }
    if (p->max_iter != def.max_iter)
        snprintf(args[n++], sizeof args[0], "max_iter=%ld", p->max_iter);
    snprintf(args[n++], sizeof args[0], "random_state=%lld", (long long)p->random_state);

    const char *head = ">>> clf = MLPClassifier(";
    size_t column = (size_t)printf("%s", head);
    for (size_t i = 0; i < n; i++) {
        const char *end = i + 1 < n ? "," : ")";
        size_t width = strlen(args[i]) + strlen(end);
        if (i > 0 && column + 1 + width > WRAP_WIDTH)
            column = (size_t)printf("\n...%*s", (int)(strlen(head) - 3), "") - 1;
        else if (i > 0)
            column += (size_t)printf(" ");
        column += (size_t)printf("%s%s", args[i], end);
    }
    printf("\n");
}

static void print_report(const config *c, const moons *d, const fit_result *results,
                         size_t n_results)
{
    char noise[32] = "None"; /* noise 0 draws nothing, as scikit-learn's None */
    if (c->noise > 0.0)
        py_float(c->noise, noise, sizeof noise);
    size_t n_train = d->X_train.rows;
    printf("Part 2: two moons, three solvers\n");
    printf(">>> X, y = make_moons(n_samples=%zu, noise=%s, random_state=%lld)\n",
           c->n_samples, noise, (long long)c->params.random_state);
    printf(">>> X_train, y_train, X_test, y_test = X[:%zu], y[:%zu], X[%zu:], y[%zu:]\n",
           n_train, n_train, n_train, n_train);
    print_estimator(c);
    printf(">>> clf.fit(X_train, y_train)\n\n");
    // [table]
    printf("solver  n_iter_      loss_  score(train)  score(test)\n");
    for (size_t k = 0; k < n_results; k++) {
        const fit_result *r = &results[k];
        printf("%-6s %8ld %10.6f %13.3f %12.3f\n", nn_mlp_solver_name(r->solver), r->n_iter,
               r->loss, r->train_score, r->test_score);
    }
    // [end table]
    printf("\nWhy each one stopped:\n");
    for (size_t k = 0; k < n_results; k++)
        print_wrapped(nn_mlp_solver_name(results[k].solver), results[k].stopped);
    printf("\n");
}

/* ------------------------------------------------------------------------------------
 * The figures. */

static const char *const SOLVER_COLOURS[] = {"#1f4e79", "#c0392b", "#27ae60"};

/* The training loss of every solver against the iteration (lbfgs) or epoch (sgd, adam),
 * both axes logarithmic. */
static nn_status draw_losses(nn_plot_mode mode, const char *out, const fit_result *results,
                             size_t n_results, nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "loss-curves", 1, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    for (size_t k = 0; k < n_results; k++) {
        nn_plot_data_begin(p, nn_mlp_solver_name(results[k].solver));
        for (size_t i = 0; i < results[k].n_curve; i++)
            nn_plot_data_row(p, 2, (double[]){(double)(i + 1), results[k].curve[i]});
        nn_plot_data_end(p);
    }
    nn_plot_set_text(p, "title", "Training loss of MLPClassifier on two moons");
    nn_plot_set_text(p, "xlabel", "iteration (lbfgs) or epoch (sgd, adam), log scale");
    nn_plot_set_text(p, "ylabel", "loss_ (log scale)");
    nn_plot_command(p, "set logscale xy; set format x '%%.0f'; set format y '%%g'");
    nn_plot_command(p, "set grid xtics ytics mxtics mytics lc rgb '#dddddd'");
    nn_plot_command(p, "set key bottom left opaque box samplen 3");
    char plot[512] = "plot ";
    for (size_t k = 0; k < n_results; k++) {
        const char *name = nn_mlp_solver_name(results[k].solver);
        size_t used = strlen(plot);
        snprintf(plot + used, sizeof plot - used,
                 "%s$%s using 1:2 with lines lw 2.5 lc rgb '%s' title '%s: %ld %s'",
                 k ? ", " : "", name, SOLVER_COLOURS[results[k].solver], name,
                 results[k].n_iter, results[k].solver == NN_MLP_LBFGS ? "iterations" : "epochs");
    }
    nn_plot_command(p, "%s", plot);
    return nn_plot_close(p, err);
}

/* One panel per solver: P(class 1) over the plane, the 0.5 contour (the decision
 * boundary), and the training points. */
static nn_status draw_surfaces(nn_plot_mode mode, const char *out, const moons *d,
                               const box *b, const fit_result *results, size_t n_results,
                               nn_error *err)
{
    nn_plot *p;
    if (nn_plot_open(&p, mode, out, "decision-surfaces", (int)n_results, 1, err) != NN_OK)
        return err->code;
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "points");
    for (size_t i = 0; i < d->X_train.rows; i++)
        nn_plot_data_row(p, 3, (double[]){d->x[2 * i], d->x[2 * i + 1], d->y[i]});
    nn_plot_data_end(p);
    for (size_t k = 0; k < n_results; k++) {
        char name[32];
        snprintf(name, sizeof name, "grid%zu", k);
        nn_plot_data_begin(p, name);
        for (size_t row = 0; row < GRID; row++) {
            for (size_t col = 0; col < GRID; col++)
                nn_plot_data_row(p, 3, (double[]){lattice(b->x_low, b->x_high, col),
                                                  lattice(b->y_low, b->y_high, row),
                                                  results[k].surface[row * GRID + col]});
            nn_plot_data_break(p);
        }
        nn_plot_data_end(p);
        /* The 0.5 contour, traced by gnuplot into a datablock of its own. */
        nn_plot_command(p, "set view map; unset surface; set contour base");
        nn_plot_command(p, "set cntrparam levels discrete 0.5");
        nn_plot_command(p, "set table $boundary%zu", k);
        nn_plot_command(p, "splot $grid%zu using 1:2:3 with lines", k);
        nn_plot_command(p, "unset table; unset contour; set surface");
    }
    nn_plot_command(p, "set multiplot layout 1,%zu", n_results);
    nn_plot_command(p, "set xrange [%g:%g]; set yrange [%g:%g]; set size ratio -1", b->x_low,
                    b->x_high, b->y_low, b->y_high);
    nn_plot_command(p, "set cbrange [0:1]; unset colorbox; set key off");
    /* Three panels share the width of one figure: larger type, smaller margins. */
    nn_plot_command(p, "set title font ',17'; set tics font ',13'");
    nn_plot_command(p, "set xlabel font ',15'; set ylabel font ',15'");
    nn_plot_command(p, "set lmargin 8; set rmargin 1; set tmargin 3; set bmargin 3.5");
    nn_plot_command(p, "set palette defined (0 '#9ecae1', 0.5 '#f7f7f7', 1 '#fcbba1')");
    nn_plot_set_text(p, "xlabel", "x1");
    nn_plot_set_text(p, "ylabel", "x2");
    for (size_t k = 0; k < n_results; k++) {
        char title[96];
        snprintf(title, sizeof title, "%s: test score %.2f", nn_mlp_solver_name(results[k].solver),
                 results[k].test_score);
        nn_plot_set_text(p, "title", title);
        nn_plot_command(p,
                        "plot $grid%zu using 1:2:3 with image, "
                        "$boundary%zu using 1:2 with lines lw 2 lc rgb 'black', "
                        "$points using 1:2:($3 > 0.5 ? 0xa50f15 : 0x08519c) with points "
                        "pointtype 7 pointsize 0.45 lc rgb variable",
                        k, k);
    }
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

/* ------------------------------------------------------------------------------------ */

static const nn_activation ACTIVATIONS[] = {NN_RELU, NN_TANH, NN_LOGISTIC, NN_IDENTITY};
#define ACTIVATION_CHOICES "relu|tanh|logistic|identity"

static nn_status part2(const config *c, int which, nn_plot_mode mode, const char *out,
                       nn_error *err)
{
    nn_status status = NN_OK;
    moons d = {0};
    fit_result results[3];
    size_t n_results = 0;
    warning_box warning;
    nn_set_warning_handler(keep_warning, &warning);

    TRY(make_data(c, &d, err));
    box b = data_box(&d);
    for (int s = NN_MLP_LBFGS; s <= NN_MLP_ADAM; s++) {
        if (which != 0 && which - 1 != s) /* --solver all, or just this one */
            continue;
        status = fit_solver(c, (nn_mlp_solver)s, &d, mode == NN_PLOT_NONE ? NULL : &b,
                            &warning, &results[n_results], err);
        n_results++; /* even a failed fit may hold memory to free */
        if (status != NN_OK)
            goto done;
    }
    nn_set_warning_handler(NULL, NULL); /* from here on, warnings go to stderr again */
    print_report(c, &d, results, n_results);
    fflush(stdout); /* the report first, then any text-terminal figures */
    TRY(draw_losses(mode, out, results, n_results, err));
    TRY(draw_surfaces(mode, out, &d, &b, results, n_results, err));
done:
    nn_set_warning_handler(NULL, NULL);
    for (size_t k = 0; k < n_results; k++) {
        nn_alloc_free(results[k].curve);
        nn_alloc_free(results[k].surface);
    }
    nn_alloc_free(d.x);
    nn_alloc_free(d.y);
    return status;
}

int main(int argc, char **argv)
{
    int part = 0, solver = 0, activation = 0, plot_mode = NN_PLOT_AUTO;
    const char *hidden = "10,10", *out = "figures";
    double alpha = 1e-4, learning_rate = 1e-3, noise = 0.2;
    long max_iter = 200, samples = 400;
    uint32_t seed = 1;
    nn_flag flags[] = {
        NN_FLAG_CHOICE("part", &part, "what to run: the documentation example (1), the moons "
                       "(2), or both", "both|1|2"),
        NN_FLAG_CHOICE("solver", &solver, "part 2's solvers", "all|lbfgs|sgd|adam"),
        NN_FLAG_TEXT("hidden", &hidden, "hidden_layer_sizes: neurons per hidden layer, "
                     "separated by commas"),
        NN_FLAG_CHOICE("activation", &activation, "the hidden layers' activation",
                       ACTIVATION_CHOICES),
        NN_FLAG_REAL("alpha", &alpha, "alpha: the strength of the L2 penalty", 0.0, 1e6),
        NN_FLAG_REAL("learning-rate", &learning_rate, "learning_rate_init (sgd and adam)",
                     1e-9, 10.0),
        NN_FLAG_INT("max-iter", &max_iter, "max_iter: the most iterations (lbfgs) or epochs "
                    "(sgd, adam)", 1, 100000),
        NN_FLAG_SEED("seed", &seed, "random_state of make_moons and of every network"),
        NN_FLAG_INT("samples", &samples, "make_moons's n_samples; a quarter is kept for "
                    "testing", 8, 100000),
        NN_FLAG_REAL("noise", &noise, "make_moons's noise (0: None)", 0.0, 10.0),
        NN_PLOT_FLAGS(&plot_mode, &out),
    };
    size_t n_flags = sizeof flags / sizeof flags[0];
    int exit_status = nn_flags_main(argc, argv, flags, n_flags, PROGRAM, SUMMARY, stdout, stderr);
    if (exit_status >= 0)
        return exit_status;

    nn_error err;
    config c = {nn_mlp_defaults(), (size_t)samples, (size_t)samples / 4, noise};
    if (nn_mlp_parse_hidden(hidden, &c.params, &err) != NN_OK) {
        fprintf(stderr, "%s: --hidden: %s\n", PROGRAM, err.message);
        nn_flags_usage(stderr, PROGRAM, SUMMARY, flags, n_flags);
        return 2;
    }
    c.params.activation = ACTIVATIONS[activation];
    c.params.alpha = alpha;
    c.params.learning_rate_init = learning_rate;
    c.params.max_iter = max_iter;
    c.params.random_state = seed;

    nn_plot_mode mode = nn_plot_resolve((nn_plot_mode)plot_mode);
    nn_status status = NN_OK;
    if (part != 2)
        status = part1(&err);
    if (status == NN_OK && part != 1)
        status = part2(&c, solver, mode, out, &err);
    if (status != NN_OK) {
        fprintf(stderr, "%s: %s\n", PROGRAM, err.message);
        return 1;
    }
    return 0;
}
