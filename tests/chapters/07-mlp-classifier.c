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
 *
 * Part 3 (the digits) is checked against tests/fixtures/mlp_digits.h, made by
 * tools/fixtures/mlp_digits.py: what the session prints, character for character, and
 * the whole loss curve, bit for bit. Part 4 (alpha per solver) and the penalty per
 * batch are checked against the part of mlp_moons.h that mlp_moons.py adds for them.
 */
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chapters/run.h"
#include "fixtures/mlp_digits.h"
#include "fixtures/mlp_moons.h"
#include "nn.h"
#include "support.h"

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
        {"--part 5", "07-mlp-classifier: --part expects one of both|1|2|3|4|all, got '5'"},
        {"--plot=pdf",
         "07-mlp-classifier: --plot expects one of " NN_PLOT_CHOICES ", got 'pdf'"},
        {"--max-iters 5",
         "07-mlp-classifier: unknown flag '--max-iters' (did you mean '--max-iter'?)"},
        {"stray", "07-mlp-classifier: unexpected argument 'stray'"},
    };
    expect_bad_flags("07-mlp-classifier", "--plot=none", cases, COUNT_OF(cases), "Part 1");
}

Test(ch07_mlp, help_lists_every_flag)
{
    static const char *const flags[] = {
        "--part both|1|2|3|4|all", "--solver all|lbfgs|sgd|adam", "--hidden TEXT",
        "--activation relu|tanh|logistic|identity", "--alpha X", "--learning-rate X",
        "--max-iter N", "--seed N", "--samples N", "--noise X",
        ("--plot " NN_PLOT_CHOICES), "--out TEXT", "--help"};
    expect_help_lists("07-mlp-classifier", flags, COUNT_OF(flags), "Part 1");
}

static const char *const figures[] = {"loss-curves", "decision-surfaces"};
static const char *const all_figures[] = {"loss-curves", "decision-surfaces", "misread-digits",
                                          "alpha-per-solver"};

Test(ch07_mlp, draws_the_loss_curves_and_the_decision_surfaces)
{
    expect_svg_figures("07-mlp-classifier", "--seed 1", figures, COUNT_OF(figures));
    expect_svg_figures("07-mlp-classifier", "--seed 1 --part all", all_figures,
                       COUNT_OF(all_figures));

    /* Part 1 alone trains no solvers to compare: no figures. */
    figure_run f = run_drawing(NULL, "07-mlp-classifier", "--part 1");
    cr_assert_eq(f.r.status, 0, "`%s`: exit status %d, output:\n%s", f.command, f.r.status,
                 f.r.text);
    for (size_t i = 0; i < COUNT_OF(all_figures); i++)
        expect_no_figure(&f, all_figures[i]);
    free_figure_run(&f);
    /* Part 3 alone draws only its misread digits. */
    f = run_drawing(NULL, "07-mlp-classifier", "--part 3");
    cr_assert_eq(f.r.status, 0, "`%s`: exit status %d, output:\n%s", f.command, f.r.status,
                 f.r.text);
    expect_figure(&f, "misread-digits");
    for (size_t i = 0; i < COUNT_OF(figures); i++)
        expect_no_figure(&f, figures[i]);
    expect_no_figure(&f, "alpha-per-solver");
    free_figure_run(&f);
}

Test(ch07_mlp, carries_on_without_gnuplot)
{
    expect_runs_without_gnuplot("07-mlp-classifier", "", "Why each one stopped:", figures,
                                COUNT_OF(figures));
}

/* ---- Part 3: handwritten digits --------------------------------------------------------- */

Test(ch07_mlp, digits_print_scikit_learns_session)
{
    run_result r = run_program("07-mlp-classifier --plot=none --part 3");
    cr_assert_eq(r.status, 0, "exit status %d, output:\n%s", r.status, r.text);
    expect_shown(r, ">>> clf.n_layers_, clf.n_outputs_, clf.out_activation_",
                 mlp_digits_fx_repr_fit);
    expect_shown(r, ">>> clf.n_iter_, clf.loss_", mlp_digits_fx_repr_loss);
    expect_shown(r, ">>> accuracy_score(y_test, y_pred)", mlp_digits_fx_repr_accuracy);
    expect_shown(r, ">>> confusion_matrix(y_test, y_pred)", mlp_digits_fx_repr_confusion);
    /* Which test digits were misread, what they were and what the network called them. */
    expect_shown(r, ">>> wrong = np.flatnonzero(y_pred != y_test); wrong",
                 mlp_digits_fx_repr_wrong);
    expect_shown(r, ">>> y_test[wrong]", mlp_digits_fx_repr_wrong_true);
    expect_shown(r, ">>> y_pred[wrong]", mlp_digits_fx_repr_wrong_pred);
    cr_expect(strstr(r.text, "Part 1") == NULL && strstr(r.text, "Part 2") == NULL,
              "--part 3 also ran parts 1 or 2:\n%s", r.text);
    free(r.text);
}

/* The program's part 3 (digits.c), step by step through the library: the data, the
 * split, the scaling, the fit. Every epoch's loss must be scikit-learn's, bit for bit,
 * and the test digits, their predictions and the confusion matrix its too. */
Test(ch07_mlp, digits_train_as_scikit_learn_does_bit_for_bit)
{
    nn_error err;
    nn_csv_options csv = nn_csv_defaults();
    csv.header = 0;
    nn_dataset *ds = nn_data_load_csv("data/digits.csv", &csv, &err);
    cr_assert_not_null(ds, "data/digits.csv: %s", err.message);
    cr_assert_eq(ds->X->rows, 1797, "data/digits.csv: %zu digits, expected 1797", ds->X->rows);
    cr_assert_eq(ds->X->cols, 64, "data/digits.csv: %zu pixels, expected 64", ds->X->cols);
    for (size_t k = 0; k < 1797 * 64; k++)
        ds->X->data[k] /= 16.0;
    nn_rng rng;
    nn_rng_seed(&rng, (uint32_t)mlp_digits_fx_seed);
    nn_train_test split;
    nn_train_test_options opt = {.test_size = 0.25, .rng = &rng};
    cr_assert_eq(nn_train_test_split(1797, &opt, &split, &err), NN_OK, "%s", err.message);
    cr_assert_eq(split.n_test, mlp_digits_fx_n_test, "%zu test digits, scikit-learn %zu",
                 split.n_test, mlp_digits_fx_n_test);
    nn_matrix *X_train = nn_data_take_rows(ds->X, split.train, split.n_train, &err);
    nn_matrix *X_test = nn_data_take_rows(ds->X, split.test, split.n_test, &err);
    double *y_train = nn_data_take(ds->y, 1797, split.train, split.n_train, &err);
    double *y_test = nn_data_take(ds->y, 1797, split.test, split.n_test, &err);
    cr_assert(X_train && X_test && y_train && y_test, "%s", err.message);

    nn_mlp_params p = nn_mlp_defaults();
    p.hidden_layer_sizes[0] = (size_t)mlp_digits_fx_hidden;
    p.learning_rate_init = mlp_digits_fx_learning_rate;
    p.random_state = mlp_digits_fx_seed;
    nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_not_null(clf, "%s", err.message);
    nn_matrix y = {split.n_train, 1, y_train};
    cr_assert_eq(nn_mlp_fit(clf, X_train, &y, &err), NN_OK, "%s", err.message);
    size_t n_curve;
    const double *curve = nn_mlp_loss_curve(clf, &n_curve);
    cr_expect_eq(n_curve, COUNT_OF(mlp_digits_fx_loss_curve), "%zu epochs, scikit-learn %zu",
                 n_curve, COUNT_OF(mlp_digits_fx_loss_curve));
    for (size_t e = 0; e < n_curve && e < COUNT_OF(mlp_digits_fx_loss_curve); e++)
        cr_expect(curve[e] == mlp_digits_fx_loss_curve[e],
                  "epoch %zu: loss %a, scikit-learn's %a", e + 1, curve[e],
                  mlp_digits_fx_loss_curve[e]);
    cr_expect(nn_mlp_loss(clf) == mlp_digits_fx_loss, "loss_ %a, scikit-learn's %a",
              nn_mlp_loss(clf), mlp_digits_fx_loss);

    double pred[450];
    cr_assert_eq(split.n_test, 450);
    nn_matrix P = {450, 1, pred};
    cr_assert_eq(nn_mlp_predict(clf, X_test, &P, &err), NN_OK, "%s", err.message);
    size_t n_wrong = 0;
    for (size_t i = 0; i < 450; i++) {
        if (pred[i] == y_test[i])
            continue;
        cr_expect(n_wrong < mlp_digits_fx_n_wrong && (long)i == mlp_digits_fx_wrong[n_wrong] &&
                      y_test[i] == (double)mlp_digits_fx_wrong_true[n_wrong] &&
                      pred[i] == (double)mlp_digits_fx_wrong_pred[n_wrong],
                  "test digit %zu (a %.0f) read as %.0f: not scikit-learn's misread digit "
                  "number %zu", i, y_test[i], pred[i], n_wrong + 1);
        n_wrong++;
    }
    cr_expect_eq(n_wrong, mlp_digits_fx_n_wrong, "%zu misread, scikit-learn %zu", n_wrong,
                 mlp_digits_fx_n_wrong);
    nn_confusion cm;
    cr_assert_eq(nn_metrics_confusion_matrix(y_test, pred, 450, &cm, &err), NN_OK, "%s",
                 err.message);
    cr_assert_eq(cm.n_labels, 10);
    for (size_t i = 0; i < 10; i++)
        for (size_t j = 0; j < 10; j++)
            cr_expect_eq((long)cm.counts[i * 10 + j], mlp_digits_fx_confusion[i][j],
                         "confusion[%zu][%zu] = %zu, scikit-learn %ld", i, j,
                         cm.counts[i * 10 + j], mlp_digits_fx_confusion[i][j]);
    nn_confusion_free(&cm);
    nn_mlp_free(clf);
    nn_matrix_free(X_train);
    nn_matrix_free(X_test);
    nn_alloc_free(y_train);
    nn_alloc_free(y_test);
    nn_train_test_free(&split);
    nn_dataset_free(ds);
}

/* ---- Part 4: alpha per solver ----------------------------------------------------------- */

/* The row of the table for batch size B, or false. */
static bool parse_alpha_row(const char *text, size_t B, double sq[3], double loss[3])
{
    const char *table = strstr(text, "  B  N/B  alpha*N/B");
    char start[16];
    snprintf(start, sizeof start, "\n%3zu ", B);
    const char *row = table ? strstr(table, start) : NULL;
    double ratio, alpha;
    /* sgd, adam, lbfgs, as the table's columns go */
    return row && sscanf(row + strlen(start), "%lf %lf %lf (%lf) %lf (%lf) %lf (%lf)", &ratio,
                         &alpha, &sq[1], &loss[1], &sq[2], &loss[2], &sq[0], &loss[0]) == 8;
}

Test(ch07_mlp, alpha_per_solver_prints_scikit_learns_numbers)
{
    run_result r = run_program("07-mlp-classifier --plot=none --part 4");
    cr_assert_eq(r.status, 0, "exit status %d, output:\n%s", r.status, r.text);
    for (size_t i = 0; i < COUNT_OF(mlp_moons_fx_alpha_rows); i++) {
        const mlp_moons_fx_alpha_row *row = &mlp_moons_fx_alpha_rows[i];
        /* sgd and adam train as scikit-learn does: their columns, exactly as printed */
        char want[128];
        const mlp_moons_fx_alpha_fit *f = row->fits;
        snprintf(want, sizeof want, "  %7.3f (%.5f)  %7.3f (%.5f)  ", f[1].squared_weights,
                 f[1].loss, f[2].squared_weights, f[2].loss);
        char start[16];
        snprintf(start, sizeof start, "\n%3zu ", row->batch_size);
        const char *line = strstr(r.text, start);
        cr_expect(line && strstr(line, want) && strstr(line, want) < strchr(line + 1, '\n'),
                  "batch size %zu: expected scikit-learn's sgd and adam columns '%s' in\n%s",
                  row->batch_size, want, r.text);
        /* lbfgs is the library's own: near scipy's minimum for alpha * N / B (a change
         * in the last bit of one gradient moves it by about 1% here: L-BFGS follows its
         * arithmetic's every bit, as part 2's seed 2 shows) */
        double sq[3], loss[3];
        cr_assert(parse_alpha_row(r.text, row->batch_size, sq, loss), "no row for %zu:\n%s",
                  row->batch_size, r.text);
        cr_expect(fabs(sq[0] - f[0].squared_weights) < 0.03 * f[0].squared_weights &&
                      fabs(loss[0] - f[0].loss) < 2e-3,
                  "batch size %zu: lbfgs %.3f (%.5f), scikit-learn %.3f (%.5f)",
                  row->batch_size, sq[0], loss[0], f[0].squared_weights, f[0].loss);
    }
    free(r.text);
}

/* The penalty per batch. With a learning rate of 1e-300 the weights never move, so one
 * epoch's loss_ is the mean of the batch losses at the starting weights W, weighted by
 * the batch sizes. Each batch of B adds alpha / (2 B) ||W||^2, so n_batches batches add
 * n_batches * alpha / (2 N) ||W||^2 in all: B = N (lbfgs's one batch) adds alpha / (2N),
 * ten batches of 30 add ten times as much. Checked in scikit-learn's own numbers, and the
 * library's loss_ equal to them bit for bit. */
Test(ch07_mlp, the_penalty_is_alpha_over_2B_per_batch)
{
    double x[800], labels[400];
    nn_matrix X = {400, 2, x}, y = {400, 1, labels};
    nn_rng rng;
    nn_rng_seed(&rng, 1);
    nn_error err;
    cr_assert_eq(nn_make_moons(400, true, 0.2, &rng, &X, &y, &err), NN_OK, "%s", err.message);
    nn_matrix X_train = {300, 2, x}, y_train = {300, 1, labels};
    nn_set_warning_handler(ignore_warning, NULL); /* a one-epoch fit does not converge */
    for (size_t i = 0; i < COUNT_OF(mlp_moons_fx_penalties); i++) {
        const mlp_moons_fx_penalty *fx = &mlp_moons_fx_penalties[i];
        size_t B = fx->batch_size, n_batches = (300 + B - 1) / B;
        double want = (double)n_batches * mlp_moons_fx_alpha / (2.0 * 300) * fx->squared_weights;
        double sklearn = fx->loss_alpha - fx->loss_zero;
        cr_expect(fabs(sklearn - want) <= 1e-13, "B = %zu: scikit-learn's penalty %.17g, "
                  "n_batches alpha / (2N) ||W||^2 = %.17g", B, sklearn, want);
        double loss[2];
        for (int k = 0; k < 2; k++) {
            nn_mlp_params p = nn_mlp_defaults();
            p.solver = NN_MLP_SGD;
            p.alpha = k == 0 ? mlp_moons_fx_alpha : 0.0;
            p.batch_size = B;
            p.learning_rate_init = 1e-300;
            p.shuffle = false;
            p.n_hidden = 2;
            p.hidden_layer_sizes[0] = p.hidden_layer_sizes[1] = 10;
            p.max_iter = 1;
            p.random_state = 1;
            nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
            cr_assert_not_null(clf, "%s", err.message);
            cr_assert_eq(nn_mlp_fit(clf, &X_train, &y_train, &err), NN_OK, "%s", err.message);
            loss[k] = nn_mlp_loss(clf);
            nn_mlp_free(clf);
        }
        cr_expect(loss[0] == fx->loss_alpha && loss[1] == fx->loss_zero,
                  "B = %zu: loss_ %a and %a (alpha 1 and 0), scikit-learn's %a and %a", B,
                  loss[0], loss[1], fx->loss_alpha, fx->loss_zero);
    }
    nn_set_warning_handler(NULL, NULL);
}
