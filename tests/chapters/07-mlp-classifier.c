/* Tests for the chapter 7 program, build/bin/07-mlp-classifier.
 *
 * The program promises what scikit-learn prints. The expected texts and numbers come
 * from tests/fixtures/mlp_moons.h, made by tools/fixtures/mlp_moons.py, which runs the
 * same Python session (part 1: the user guide's example) and the same fits on
 * make_moons (part 2) with scikit-learn itself. sgd and adam train exactly as
 * scikit-learn does, so their rows of the table must be the ones Python's numbers give,
 * digit for digit. lbfgs is the library's own L-BFGS: it is checked against scipy's
 * result only on the data set where the two paths agree (seed 1), and elsewhere only
 * for being a sensible fit.
 */
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chapters/run.h"
#include "fixtures/mlp_moons.h"

TestSuite(ch07_mlp, .timeout = 120);

/* The row the program prints for one fit (its format, fed with the given numbers). */
static void table_row(char *out, size_t size, const char *solver, long n_iter, double loss,
                      double train, double test)
{
    snprintf(out, size, "\n%-6s %8ld %10.6f %13.3f %12.3f\n", solver, n_iter, loss, train,
             test);
}

/* The numbers of the row starting with solver, or false when there is none. */
static bool parse_row(const char *text, const char *solver, long *n_iter, double *loss,
                      double *train, double *test)
{
    const char *table = strstr(text, "solver  n_iter_");
    char start[16];
    snprintf(start, sizeof start, "\n%s ", solver);
    const char *row = table ? strstr(table, start) : NULL;
    if (!row)
        return false;
    return sscanf(row + strlen(start), "%ld %lf %lf %lf", n_iter, loss, train, test) == 4;
}

/* text with the program's line breaks inside an entry of "Why each one stopped" (a
 * newline and 7 spaces) and inside the estimator line (a newline, "..." and 21 spaces)
 * turned back into single spaces. */
static char *unwrapped(const char *text)
{
    static const char continued[] = "\n...                     ";
    char *out = malloc(strlen(text) + 1), *o = out;
    cr_assert_not_null(out);
    for (const char *t = text; *t;) {
        if (strncmp(t, continued, strlen(continued)) == 0) {
            *o++ = ' ';
            t += strlen(continued);
        } else if (strncmp(t, "\n       ", 8) == 0) {
            *o++ = ' ';
            t += 8;
        } else {
            *o++ = *t++;
        }
    }
    *o = '\0';
    return out;
}

/* caption, newline, text, newline: how the program shows one result of part 1. */
static void expect_shown(run_result r, const char *caption, const char *text)
{
    char want[1024];
    snprintf(want, sizeof want, "%s\n%s\n", caption, text);
    cr_expect(strstr(r.text, want) != NULL, "expected scikit-learn's\n%s\nbut the output was:\n%s",
              want, r.text);
}

Test(ch07_mlp, prints_the_documentation_examples_results)
{
    run_result r = run_program("07-mlp-classifier --plot=none --part 1");
    cr_assert_eq(r.status, 0, "exit status %d, output:\n%s", r.status, r.text);
    expect_shown(r, ">>> clf.predict([[2., 2.], [-1., -2.]])", mlp_moons_fx_docs_predict);
    expect_shown(r, ">>> [coef.shape for coef in clf.coefs_]", mlp_moons_fx_docs_shapes);
    expect_shown(r, ">>> clf.predict_proba([[2., 2.], [1., 2.]])", mlp_moons_fx_docs_proba_docs);
    expect_shown(r, ">>> clf.predict_proba([[2., 2.], [-1., -2.]])", mlp_moons_fx_docs_proba);
    expect_shown(r, ">>> clf.n_layers_, clf.n_outputs_, clf.out_activation_",
                 mlp_moons_fx_docs_layers);
    /* The words: predictions 1 and 0, and these shapes. */
    EXPECT_OUTPUT_HAS(r, "array([1, 0])\n");
    EXPECT_OUTPUT_HAS(r, "[(2, 5), (5, 2), (2, 1)]\n");

    /* n_iter_ exactly; loss_ to 12 significant digits (lbfgs is not scipy's, bit for
     * bit, but on this problem both reach the same minimum). */
    const char *s = strstr(r.text, ">>> clf.n_iter_, clf.loss_\n(");
    cr_assert_not_null(s, "no n_iter_ and loss_ line:\n%s", r.text);
    long n_iter;
    double loss;
    cr_assert_eq(sscanf(strchr(s, '(') + 1, "%ld, %lf)", &n_iter, &loss), 2, "%s", s);
    cr_expect_eq(n_iter, mlp_moons_fx_docs_n_iter, "n_iter_ %ld, scikit-learn %ld", n_iter,
                 mlp_moons_fx_docs_n_iter);
    cr_expect(fabs(loss - mlp_moons_fx_docs_loss) <= 1e-12 * mlp_moons_fx_docs_loss,
              "loss_ %.17g, scikit-learn %.17g", loss, mlp_moons_fx_docs_loss);
    cr_expect(strstr(r.text, "Part 2") == NULL, "--part 1 also ran part 2:\n%s", r.text);
    free(r.text);
}

Test(ch07_mlp, runs_both_parts_by_default)
{
    run_result r = run_program("07-mlp-classifier --plot=none");
    cr_assert_eq(r.status, 0, "exit status %d, output:\n%s", r.status, r.text);
    char *one = strstr(r.text, "Part 1:"), *two = strstr(r.text, "Part 2:");
    cr_expect(one && two && one < two, "expected Part 1, then Part 2:\n%s", r.text);
    EXPECT_OUTPUT_HAS(r, ">>> X, y = make_moons(n_samples=400, noise=0.2, random_state=1)\n");
    EXPECT_OUTPUT_HAS(r, ">>> X_train, y_train, X_test, y_test = X[:300], y[:300], X[300:], "
                         "y[300:]\n");
    EXPECT_OUTPUT_HAS(r, ">>> clf = MLPClassifier(solver=solver, hidden_layer_sizes=(10, 10),\n"
                         "...                     random_state=1)\n");
    /* The ConvergenceWarnings are part of the report, on stdout, not lost on stderr. */
    run_result quiet = run_program("07-mlp-classifier --plot=none 2>/dev/null");
    cr_expect_str_eq(quiet.text, r.text, "the program wrote to stderr on a normal run");
    free(quiet.text);
    free(r.text);
}

Test(ch07_mlp, sgd_and_adam_print_scikit_learns_numbers)
{
    for (size_t c = 0; c < COUNT_OF(mlp_moons_fx_runs); c++) {
        const mlp_moons_fx_run *fx = &mlp_moons_fx_runs[c];
        char command[512];
        snprintf(command, sizeof command, "07-mlp-classifier --plot=none --part 2 %s", fx->args);
        run_result r = run_program(command);
        cr_assert_eq(r.status, 0, "`%s`: exit status %d\n%s", command, r.status, r.text);
        for (size_t k = 1; k < 3; k++) { /* sgd, adam */
            const mlp_moons_fx_fit *f = &fx->fits[k];
            char want[256];
            table_row(want, sizeof want, f->solver, f->n_iter, f->loss, f->train_score,
                      f->test_score);
            cr_expect(strstr(r.text, want) != NULL,
                      "`%s`: expected scikit-learn's row%sbut the output was:\n%s", command,
                      want, r.text);
            /* Why it stopped, in scikit-learn's words. */
            snprintf(want, sizeof want, "\n%-6s %s\n", f->solver, f->stopped);
            char *flat = unwrapped(r.text);
            cr_expect(strstr(flat, want) != NULL, "`%s`: expected%sin:\n%s", command, want,
                      r.text);
            free(flat);
        }
        free(r.text);
    }
}

Test(ch07_mlp, lbfgs_reaches_scipys_minimum_on_the_chapters_data)
{
    /* The chapter's data (seed 1): the library's L-BFGS takes the same number of
     * iterations as scipy's and ends within 1e-7 of its loss. */
    for (size_t c = 0; c < 2; c++) {
        const mlp_moons_fx_run *fx = &mlp_moons_fx_runs[c];
        const mlp_moons_fx_fit *f = &fx->fits[0];
        char command[512];
        snprintf(command, sizeof command, "07-mlp-classifier --plot=none --part 2 %s", fx->args);
        run_result r = run_program(command);
        long n_iter;
        double loss, train, test;
        cr_assert(parse_row(r.text, "lbfgs", &n_iter, &loss, &train, &test),
                  "`%s`: no lbfgs row:\n%s", command, r.text);
        cr_expect_eq(n_iter, f->n_iter, "`%s`: %ld iterations, scipy %ld", command, n_iter,
                     f->n_iter);
        cr_expect(fabs(loss - f->loss) < 1e-6, "`%s`: loss %.6f, scipy %.6f", command, loss,
                  f->loss);
        cr_expect(fabs(train - f->train_score) < 5e-4 && fabs(test - f->test_score) < 5e-4,
                  "`%s`: scores %.3f %.3f, scikit-learn %.3f %.3f", command, train, test,
                  f->train_score, f->test_score);
        EXPECT_OUTPUT_HAS(r, "\nlbfgs  CONVERGENCE: ");
        /* No line of the report is wider than 79 columns. */
        for (const char *line = r.text; *line;) {
            size_t len = strcspn(line, "\n");
            cr_expect(len <= 79, "`%s`: a line of %zu characters:\n%.*s", command, len,
                      (int)len, line);
            line += len + (line[len] == '\n');
        }
        free(r.text);
    }
    /* Elsewhere the paths part, but a converged fit must not be much worse. */
    const mlp_moons_fx_run *fx = &mlp_moons_fx_runs[3];
    char command[512];
    snprintf(command, sizeof command, "07-mlp-classifier --plot=none --part 2 %s", fx->args);
    run_result r = run_program(command);
    long n_iter;
    double loss, train, test;
    cr_assert(parse_row(r.text, "lbfgs", &n_iter, &loss, &train, &test), "%s", r.text);
    cr_expect(loss < fx->fits[0].loss + 1e-3, "`%s`: lbfgs loss %.6f, scipy's %.6f", command,
              loss, fx->fits[0].loss);
    free(r.text);
}

Test(ch07_mlp, solver_flag_picks_one_solver)
{
    static const char *const names[] = {"lbfgs", "sgd", "adam"};
    for (size_t k = 0; k < 3; k++) {
        char command[128];
        snprintf(command, sizeof command, "07-mlp-classifier --plot=none --part 2 --solver %s", names[k]);
        run_result r = run_program(command);
        cr_assert_eq(r.status, 0, "`%s`: %s", command, r.text);
        for (size_t j = 0; j < 3; j++) {
            long n_iter;
            double loss, train, test;
            bool has = parse_row(r.text, names[j], &n_iter, &loss, &train, &test);
            cr_expect(has == (j == k), "`%s`: %s the %s row:\n%s", command,
                      has ? "unexpected" : "missing", names[j], r.text);
        }
        free(r.text);
    }
}

Test(ch07_mlp, the_same_seed_gives_the_same_run)
{
    expect_same_seed_same_run("07-mlp-classifier", "--plot=none --seed 5",
                              "--plot=none --seed=5", "--plot=none --seed 6");
    run_result c = run_ok("07-mlp-classifier --plot=none --seed 6");
    EXPECT_OUTPUT_HAS(c, "make_moons(n_samples=400, noise=0.2, random_state=6)");
    free(c.text);
}

Test(ch07_mlp, flags_shape_the_estimator_line)
{
    run_result r = run_program("07-mlp-classifier --plot=none --part 2 --solver adam --hidden 20 "
                               "--activation tanh --alpha 0.5 --learning-rate 0.01 "
                               "--max-iter 50 --samples 100 --noise 0 --seed 4");
    cr_assert_eq(r.status, 0, "%s", r.text);
    EXPECT_OUTPUT_HAS(r, ">>> X, y = make_moons(n_samples=100, noise=None, random_state=4)\n");
    EXPECT_OUTPUT_HAS(r, "X[:75], y[:75], X[75:], y[75:]\n");
    char *flat = unwrapped(r.text);
    cr_expect(strstr(flat, ">>> clf = MLPClassifier(solver=solver, hidden_layer_sizes=(20,), "
                           "activation='tanh', alpha=0.5, learning_rate_init=0.01, "
                           "max_iter=50, random_state=4)\n") != NULL,
              "the estimator line does not show the flags:\n%s", r.text);
    long n_iter;
    double loss, train, test;
    cr_assert(parse_row(r.text, "adam", &n_iter, &loss, &train, &test), "%s", r.text);
    cr_expect_eq(n_iter, 50, "--max-iter 50 ran %ld epochs", n_iter);
    cr_expect(strstr(flat, "adam   ConvergenceWarning: Stochastic Optimizer: Maximum "
                           "iterations (50) reached") != NULL, "no warning for adam:\n%s",
              r.text);
    free(flat);
    free(r.text);
}

Test(ch07_mlp, bad_flags_are_rejected_with_a_message)
{
    static const bad_flag_case cases[] = {
        {"--solver newton", "07-mlp-classifier: --solver expects one of all|lbfgs|sgd|adam, got 'newton'"},
        {"--hidden 5,x", "07-mlp-classifier: --hidden: hidden layer sizes '5,x': expected whole numbers"},
        {"--hidden 5,0",
         "07-mlp-classifier: --hidden: hidden layer sizes '5,0': every size must be in [1, 1e8]"},
        {"--hidden ''", "07-mlp-classifier: --hidden expects a non-empty value"},
        {"--activation softmax",
         "07-mlp-classifier: --activation expects one of relu|tanh|logistic|identity"},
        {"--alpha -1", "07-mlp-classifier: --alpha must be between 0 and 1e+06, got -1"},
        {"--learning-rate 0", "07-mlp-classifier: --learning-rate must be between"},
        {"--max-iter 0", "07-mlp-classifier: --max-iter must be between 1 and 100000, got 0"},
        {"--samples 4", "07-mlp-classifier: --samples must be between 8 and 100000, got 4"},
        {"--noise -0.1", "07-mlp-classifier: --noise must be between 0 and 10, got -0.1"},
        {"--seed -1", "07-mlp-classifier: --seed must be between 0 and 4294967295, got -1"},
        {"--part 3", "07-mlp-classifier: --part expects one of both|1|2, got '3'"},
        {"--plot=pdf", "07-mlp-classifier: --plot expects one of auto|none|dumb|svg|png, got 'pdf'"},
        {"--max-iters 5",
         "07-mlp-classifier: unknown flag '--max-iters' (did you mean '--max-iter'?)"},
        {"stray", "07-mlp-classifier: unexpected argument 'stray'"},
    };
    expect_bad_flags("07-mlp-classifier", "--plot=none", cases, COUNT_OF(cases), "Part 1");
}

Test(ch07_mlp, help_lists_every_flag)
{
    static const char *const flags[] = {
        "--part both|1|2", "--solver all|lbfgs|sgd|adam", "--hidden TEXT",
        "--activation relu|tanh|logistic|identity", "--alpha X", "--learning-rate X",
        "--max-iter N", "--seed N", "--samples N", "--noise X",
        "--plot auto|none|dumb|svg|png", "--out TEXT", "--help"};
    expect_help_lists("07-mlp-classifier", flags, COUNT_OF(flags), "Part 1");
}

static const char *const figures[] = {"loss-curves", "decision-surfaces"};

Test(ch07_mlp, draws_the_loss_curves_and_the_decision_surfaces)
{
    expect_svg_figures("07-mlp-classifier", "--seed 1", figures, COUNT_OF(figures));

    /* Part 1 alone trains no solvers to compare: no figures. */
    figure_run f = run_drawing(NULL, "07-mlp-classifier", "--part 1");
    cr_assert_eq(f.r.status, 0, "`%s`: exit status %d, output:\n%s", f.command, f.r.status,
                 f.r.text);
    for (size_t i = 0; i < COUNT_OF(figures); i++)
        expect_no_figure(&f, figures[i]);
    free_figure_run(&f);
}

Test(ch07_mlp, carries_on_without_gnuplot)
{
    expect_runs_without_gnuplot("07-mlp-classifier", "", "Why each one stopped:", figures,
                                COUNT_OF(figures));
}
