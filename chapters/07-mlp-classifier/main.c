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
 * Part 3 (digits.c) reads handwritten digits, ten classes, with a softmax output; part
 * 4 (alpha.c) shows that the same alpha regularises sgd and adam more strongly than
 * lbfgs, the more so the smaller the batches. Both have fixed settings; they run with
 * --part 3, --part 4 or --part all (`both` is parts 1 and 2).
 *
 *     build/bin/07-mlp-classifier [--part both|1|2|3|4|all] [--solver all|lbfgs|sgd|adam]
 *                      [--hidden 10,10] [--activation relu|tanh|logistic|identity]
 *                      [--alpha A] [--learning-rate R] [--max-iter N] [--seed N]
 *                      [--samples N] [--noise S] [--plot MODE] [--out DIR] [--live]
 *
 * This file is the lesson: part 1, part 2, parts 3 and 4 in short, then the flags and
 * main. Beside it, digits.c and alpha.c hold parts 3 and 4, report.c prints the report
 * as a Python session would show it (and reads back what each fit printed as it
 * trained), figures.c draws the figures, and part2.h holds the types part 2's files
 * share.
 */
#include <stdio.h>
#include <string.h>

#include "alpha.h"
#include "digits.h"
#include "figures.h"
#include "live.h"
#include "nn.h"
#include "report.h"

static const char *PROGRAM = "07-mlp-classifier";
static const char *SUMMARY = "scikit-learn's MLPClassifier in C: its documentation example, "
                             "then lbfgs, sgd and adam on two moons (and with --part: "
                             "handwritten digits, alpha per solver).";

/* ------------------------------------------------------------------------------------
 * Part 1: the documentation's example. */

/* What the session asks next of the fitted network: the shapes of its weight matrices,
 * its probabilities for two pairs of points and a few fitted attributes. */
static nn_status show_fitted(const nn_mlp *clf, const nn_matrix *X_new, nn_error *err)
{
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
    NN_TRY(nn_mlp_predict_proba(clf, &docs_points, &proba, err));
    nn_matrix_print(stdout, &proba);
    printf(">>> clf.predict_proba([[2., 2.], [-1., -2.]])\n");
    NN_TRY(nn_mlp_predict_proba(clf, X_new, &proba, err));
    nn_matrix_print(stdout, &proba);

    printf(">>> clf.n_layers_, clf.n_outputs_, clf.out_activation_\n(%zu, %zu, '%s')\n",
           nn_mlp_n_layers(clf), nn_mlp_n_outputs(clf),
           nn_activation_name(nn_mlp_out_activation(clf)));
    printf(">>> clf.n_iter_, clf.loss_\n(%ld, %.15g)\n\n", nn_mlp_n_iter(clf),
           nn_mlp_loss(clf));
    return NN_OK;
}

/* The user guide's session: a classifier fitted on two points, then its predictions. */
static nn_status part1(nn_error *err)
{
    nn_status status = NN_OK;
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
    nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, err);
    if (!clf)
        return err->code;

    /* clf.fit(X, y) */
    NN_TRY_CLEANUP(nn_mlp_fit(clf, &X, &y, err));

    /* clf.predict([[2., 2.], [-1., -2.]]) */
    double new_data[] = {2, 2, -1, -2}, labels[2];
    nn_matrix X_new = {2, 2, new_data}, predicted = {2, 1, labels};
    NN_TRY_CLEANUP(nn_mlp_predict(clf, &X_new, &predicted, err));
    // [end doc example]
    printf(">>> clf.predict([[2., 2.], [-1., -2.]])\n");
    print_labels(labels, 2);
    status = show_fitted(clf, &X_new, err);
cleanup:
    nn_mlp_free(clf);
    return status;
}

/* ------------------------------------------------------------------------------------
 * Part 2: three solvers on two moons. */

/* The data: make_moons's points, the first n_train to train on, the rest to test. */
typedef struct moons {
    nn_matrix_group *group; /* owns X and y */
    nn_matrix *X, *y;       /* n x 2 points, n x 1 labels (0 or 1) */
    nn_matrix X_train, y_train; /* their first n_train rows */
    nn_matrix X_test, y_test;   /* the other n_test */
} moons;

// [moons]
/* X, y = make_moons(n_samples, noise=noise, random_state=seed). make_moons shuffles
 * the points, so its last rows are as random a test set as any. */
static nn_status make_data(const config *c, moons *d, nn_error *err)
{
    size_t n = c->n_samples, n_train = n - c->n_test;
    const nn_matrix_spec specs[] = {{&d->X, n, 2, NULL}, {&d->y, n, 1, NULL}};
    d->group = nn_matrix_group_new(specs, NN_COUNT(specs), err);
    NN_TRY(nn_made(d->group, err));
    d->X_train = (nn_matrix){n_train, 2, d->X->data};
    d->y_train = (nn_matrix){n_train, 1, d->y->data};
    d->X_test = (nn_matrix){c->n_test, 2, d->X->data + 2 * n_train};
    d->y_test = (nn_matrix){c->n_test, 1, d->y->data + n_train};
    nn_rng rng;
    nn_rng_seed(&rng, (uint32_t)c->params.random_state);
    return nn_make_moons(n, true, c->noise, &rng, d->X, d->y, err);
}
// [end moons]

// [fit one solver]
/* clf = MLPClassifier(solver=..., <the flags>).fit(X_train, y_train), then its scores
 * on both halves of the data and, for the figure (when b is not NULL), P(class 1) over
 * the plane. */
static nn_status fit_solver(const config *c, nn_mlp_solver solver, const moons *d,
                            const surface_box *b, live_fit *live, fit_result *r,
                            nn_error *err)
{
    memset(r, 0, sizeof *r);
    r->solver = solver;
    fit_log log; /* what the fit prints and warns as it trains, kept for the report */
    NN_TRY(fit_log_open(&log, err));

    nn_status status = NN_OK;
    nn_mlp_params p = c->params;
    p.solver = solver;
    p.verbose = 1; /* a line per iteration or epoch: the loss curve, read back */
    p.verbose_out = log.file;
    live_watch(live, &p, solver); /* --live: live.c draws every epoch as it ends */
    nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, err);
    NN_TRY_CLEANUP(nn_made(clf, err));
    NN_TRY_CLEANUP(nn_mlp_fit(clf, &d->X_train, &d->y_train, err));
    NN_TRY_CLEANUP(nn_mlp_score(clf, &d->X_train, &d->y_train, &r->train_score, err));
    NN_TRY_CLEANUP(nn_mlp_score(clf, &d->X_test, &d->y_test, &r->test_score, err));
    r->n_iter = nn_mlp_n_iter(clf);
    r->loss = nn_mlp_loss(clf);
    NN_TRY_CLEANUP(fit_log_read(&log, clf, (size_t)p.max_iter, r, err));
    if (b)
        NN_TRY_CLEANUP(surface_probabilities(clf, b, &r->surface, err));
cleanup:
    nn_mlp_free(clf);
    fit_log_close(&log);
    return status;
}
// [end fit one solver]

/* One fit per solver that --solver chose (which: 0 for all, else 1 + the solver), then
 * the report and the figures. */
static nn_status part2(const config *c, int which, nn_plot_mode mode, const char *out,
                       bool watch, nn_error *err)
{
    live_fit live = {0};
    nn_status status = NN_OK;
    moons d = {0};
    fit_result results[3];
    size_t n_results = 0;
    NN_TRY_CLEANUP(make_data(c, &d, err));
    surface_box b = surface_box_around(d.X);
    NN_TRY_CLEANUP(live_open(&live, watch, mode, &d.X_train, &d.y_train, &b, err));
    for (int s = NN_MLP_LBFGS; s <= NN_MLP_ADAM; s++) {
        if (which != 0 && which - 1 != s) /* --solver all, or just this one */
            continue;
        fit_result *r = &results[n_results++]; /* even a failed fit may hold memory */
        NN_TRY_CLEANUP(fit_solver(c, (nn_mlp_solver)s, &d, mode == NN_PLOT_NONE ? NULL : &b,
                                  &live, r, err));
    }
    live_close(&live);
    print_report(c, d.X_train.rows, results, n_results);
    fflush(stdout); /* the report first, then any text-terminal figures */
    NN_TRY_CLEANUP(draw_losses(mode, out, results, n_results, err));
    NN_TRY_CLEANUP(draw_surfaces(mode, out, &d.X_train, &d.y_train, &b, results, n_results,
                                 err));
cleanup:
    live_close(&live);
    for (size_t k = 0; k < n_results; k++) {
        nn_alloc_free(results[k].curve);
        nn_alloc_free(results[k].surface);
    }
    nn_matrix_group_free(d.group);
    return status;
}

/* ------------------------------------------------------------------------------------
 * Parts 3 and 4: ten classes (digits.c), and alpha per solver (alpha.c). */

/* Handwritten digits: the fit, the report, the digits it misread. */
static nn_status part3(nn_plot_mode mode, const char *out, nn_error *err)
{
    digits_result r;
    nn_status status = digits_run(&r, err);
    if (status == NN_OK) {
        print_digits(&r);
        fflush(stdout);
        status = draw_misread(mode, out, &r, err);
    }
    digits_free(&r);
    return status;
}

/* One alpha, several batch sizes: the table and the figure. */
static nn_status part4(nn_plot_mode mode, const char *out, nn_error *err)
{
    alpha_result r;
    NN_TRY(alpha_run(&r, err));
    print_alpha(&r);
    fflush(stdout);
    return draw_alpha(mode, out, &r, err);
}

/* ------------------------------------------------------------------------------------
 * The flags, and main. */

/* What the command line asks for. */
typedef struct options {
    int part;   /* 0: parts 1 and 2; 1 to 4: that part; 5: all four */
    int solver; /* 0: every solver; else 1 + the solver */
    nn_plot_mode mode;
    bool live;  /* --live: watch part 2's networks learn */
    const char *out;
    config two_moons; /* part 2's data and estimator */
} options;

static const nn_activation ACTIVATIONS[] = {NN_RELU, NN_TANH, NN_LOGISTIC, NN_IDENTITY};
#define ACTIVATION_CHOICES "relu|tanh|logistic|identity"

/* Reads the flags into o. Returns -1 to go on, or the exit status (0 after --help, 2
 * after a bad flag, with the usage on stderr). */
static int read_flags(int argc, char **argv, options *o)
{
    int activation = 0, plot_mode = NN_PLOT_AUTO;
    const char *hidden = "10,10";
    double alpha = 1e-4, learning_rate = 1e-3, noise = 0.2;
    long max_iter = 200, samples = 400;
    uint32_t seed = 1;
    *o = (options){.out = "figures"};
    nn_flag flags[] = {
        NN_FLAG_CHOICE("part", &o->part, "what to run: the documentation example (1), the "
                       "moons (2), both, the digits (3), alpha per solver (4), or all",
                       "both|1|2|3|4|all"),
        NN_FLAG_CHOICE("solver", &o->solver, "part 2's solvers", "all|lbfgs|sgd|adam"),
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
        NN_PLOT_FLAGS(&plot_mode, &o->out),
        NN_PLOT_LIVE_FLAG(&o->live),
    };
    int exit_status = nn_flags_main(argc, argv, flags, NN_COUNT(flags), PROGRAM, SUMMARY,
                                    stdout, stderr);
    if (exit_status >= 0)
        return exit_status;

    nn_error err;
    config *c = &o->two_moons;
    *c = (config){nn_mlp_defaults(), (size_t)samples, (size_t)samples / 4, noise};
    if (nn_mlp_parse_hidden(hidden, &c->params, &err) != NN_OK) {
        fprintf(stderr, "%s: --hidden: %s\n", PROGRAM, err.message);
        nn_flags_usage(stderr, PROGRAM, SUMMARY, flags, NN_COUNT(flags));
        return 2;
    }
    c->params.activation = ACTIVATIONS[activation];
    c->params.alpha = alpha;
    c->params.learning_rate_init = learning_rate;
    c->params.max_iter = max_iter;
    c->params.random_state = seed;
    o->mode = nn_plot_resolve((nn_plot_mode)plot_mode);
    return -1;
}

int main(int argc, char **argv)
{
    options o;
    int exit_status = read_flags(argc, argv, &o);
    if (exit_status >= 0)
        return exit_status;

    nn_error err;
    nn_status status = NN_OK;
    bool all = o.part == 5, both = o.part == 0 || all;
    if (both || o.part == 1)
        status = part1(&err);
    if (status == NN_OK && (both || o.part == 2))
        status = part2(&o.two_moons, o.solver, o.mode, o.out, o.live, &err);
    if (status == NN_OK && (all || o.part == 3))
        status = part3(o.mode, o.out, &err);
    if (status == NN_OK && (all || o.part == 4))
        status = part4(o.mode, o.out, &err);
    if (status != NN_OK) {
        fprintf(stderr, "%s: %s\n", PROGRAM, err.message);
        return 1;
    }
    return 0;
}
