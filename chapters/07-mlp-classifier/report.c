/* report.c - how the program shows what it did, in the words of a Python session: the
 * labels part 1 predicts, part 2's report (the lines that make the data and the
 * estimator, the table of fits, why each one stopped), part 3's (the digits: accuracy,
 * confusion matrix, the digits it got wrong) and part 4's table (alpha per solver). The fits' loss curves and their
 * reasons for stopping come from what each fit printed and warned while it trained,
 * caught and read back here. None of it changes a number. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

/* ---- Part 1 ----------------------------------------------------------------------------- */

void print_labels(const double *labels, size_t n)
{
    printf("array([");
    for (size_t i = 0; i < n; i++)
        printf(i ? ", %.0f" : "%.0f", labels[i]);
    printf("])\n");
}

/* ---- What a fit says as it trains ------------------------------------------------------ */

/* The warning handler: keeps the last warning in the log instead of printing it. */
static void keep_warning(const char *message, void *context)
{
    fit_log *log = context;
    snprintf(log->warning, sizeof log->warning, "%s", message);
}

nn_status fit_log_open(fit_log *log, nn_error *err)
{
    log->warning[0] = '\0';
    log->file = tmpfile();
    if (!log->file)
        return nn_error_set(err, NN_ERR_IO, "cannot create a temporary file for the "
                                            "training log");
    nn_set_warning_handler(keep_warning, log);
    return NN_OK;
}

void fit_log_close(fit_log *log)
{
    nn_set_warning_handler(NULL, NULL);
    fclose(log->file);
}

/* The verbose lines, read back: lbfgs prints "Iteration N, loss = X" after every L-BFGS
 * iteration (scikit-learn keeps no loss_curve_ for lbfgs) and a last line saying why it
 * stopped; sgd and adam print one such line per epoch and, when the loss stalls,
 * scikit-learn's message. */
static nn_status read_verbose(FILE *file, fit_result *r, size_t max_lines, nn_error *err)
{
    rewind(file);
    char line[NN_ERROR_MESSAGE_MAX];
    bool lbfgs = r->solver == NN_MLP_LBFGS;
    if (lbfgs) {
        r->curve = nn_alloc(max_lines + 1, sizeof(double), "loss curve", err);
        if (!r->curve)
            return NN_ERR_NOMEM;
    }
    while (fgets(line, sizeof line, file)) {
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

nn_status fit_log_read(fit_log *log, const nn_mlp *clf, size_t max_iter, fit_result *r,
                       nn_error *err)
{
    NN_TRY(read_verbose(log->file, r, max_iter, err));
    if (log->warning[0]) /* a ConvergenceWarning says it best */
        snprintf(r->stopped, sizeof r->stopped, "ConvergenceWarning: %s", log->warning);
    if (r->solver != NN_MLP_LBFGS) { /* sgd and adam keep loss_curve_ */
        const double *curve = nn_mlp_loss_curve(clf, &r->n_curve);
        r->curve = nn_alloc(r->n_curve + 1, sizeof(double), "loss curve", err);
        if (!r->curve)
            return NN_ERR_NOMEM;
        memcpy(r->curve, curve, r->n_curve * sizeof(double));
    }
    return NN_OK;
}

/* ---- Part 2's report -------------------------------------------------------------------- */

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

/* The estimator's arguments as its repr would list them: solver and hidden_layer_sizes,
 * then those that differ from scikit-learn's defaults. Returns how many. */
static size_t estimator_args(const nn_mlp_params *p, char args[8][64])
{
    nn_mlp_params def = nn_mlp_defaults();
    char number[NN_PYTHON_FLOAT_MAX];
    size_t n = 0;
    snprintf(args[n++], 64, "solver=solver");
    py_tuple(p, number, sizeof number);
    snprintf(args[n++], 64, "hidden_layer_sizes=%s", number);
    if (p->activation != def.activation)
        snprintf(args[n++], 64, "activation='%s'", nn_activation_name(p->activation));
    if (p->alpha != def.alpha) {
        nn_python_float_str(p->alpha, number);
        snprintf(args[n++], 64, "alpha=%s", number);
    }
    if (p->learning_rate_init != def.learning_rate_init) {
        nn_python_float_str(p->learning_rate_init, number);
        snprintf(args[n++], 64, "learning_rate_init=%s", number);
    }
    if (p->max_iter != def.max_iter)
        snprintf(args[n++], 64, "max_iter=%ld", p->max_iter);
    snprintf(args[n++], 64, "random_state=%lld", (long long)p->random_state);
    return n;
}

/* The Python line that makes the estimator, broken before column 80 the way an
 * interactive session continues a line. */
static void print_estimator(const nn_mlp_params *p)
{
    char args[8][64];
    size_t n = estimator_args(p, args);
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

void print_report(const config *c, size_t n_train, const fit_result *results,
                  size_t n_results)
{
    char noise[NN_PYTHON_FLOAT_MAX] = "None"; /* noise 0 draws nothing, as scikit-learn's None */
    if (c->noise > 0.0)
        nn_python_float_str(c->noise, noise);
    printf("Part 2: two moons, three solvers\n");
    printf(">>> X, y = make_moons(n_samples=%zu, noise=%s, random_state=%lld)\n",
           c->n_samples, noise, (long long)c->params.random_state);
    printf(">>> X_train, y_train, X_test, y_test = X[:%zu], y[:%zu], X[%zu:], y[%zu:]\n",
           n_train, n_train, n_train, n_train);
    print_estimator(&c->params);
    printf(">>> clf.fit(X_train, y_train)\n\n");
    printf("solver  n_iter_      loss_  score(train)  score(test)\n");
    for (size_t k = 0; k < n_results; k++) {
        const fit_result *r = &results[k];
        printf("%-6s %8ld %10.6f %13.3f %12.3f\n", nn_mlp_solver_name(r->solver), r->n_iter,
               r->loss, r->train_score, r->test_score);
    }
    printf("\nWhy each one stopped:\n");
    for (size_t k = 0; k < n_results; k++)
        print_wrapped(nn_mlp_solver_name(results[k].solver), results[k].stopped);
    printf("\n");
}

/* ---- Part 3's report -------------------------------------------------------------------- */

/* n whole numbers as numpy shows an integer array: every entry right-aligned to the
 * widest, ", " between entries, rows of a matrix (cols > 0) on lines of their own under
 * "array([[", and a long row broken before column 75 (numpy's linewidth). */
static void print_int_array(const double *v, size_t rows, size_t cols, bool matrix)
{
    if (rows * cols == 0) { /* numpy names the type of an empty array */
        printf("array([], dtype=int64)\n");
        return;
    }
    int width = 1;
    for (size_t k = 0; k < rows * cols; k++)
        width = (int)fmax(width, snprintf(NULL, 0, "%.0f", v[k]));
    printf(matrix ? "array([[" : "array([");
    size_t indent = matrix ? 8 : 7;
    for (size_t i = 0; i < rows; i++) {
        size_t column = indent;
        if (i > 0)
            printf(",\n%*s[", (int)indent - 1, "");
        for (size_t j = 0; j < cols; j++) {
            bool last = j + 1 == cols;
            /* the entry, its comma and the brackets that may follow it must fit */
            size_t need = (size_t)width + (last ? (matrix ? 2 + (i + 1 == rows) : 2) : 1);
            if (j > 0 && column + 1 + need > 75) {
                printf(",\n%*s", (int)indent, "");
                column = indent;
            } else if (j > 0) {
                printf(", ");
                column += 2;
            }
            printf("%*.0f", width, v[i * cols + j]);
            column += (size_t)width;
        }
        printf("]");
    }
    printf(matrix ? "])\n" : ")\n");
}

void print_digits(const digits_result *r)
{
    char number[NN_PYTHON_FLOAT_MAX];
    printf("Part 3: handwritten digits, ten classes\n");
    printf(">>> X, y = load_digits(return_X_y=True)  # %zu images of 8 x 8 pixels, 0..16\n",
           r->data->X->rows);
    printf(">>> X = X / 16\n");
    printf(">>> X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=%d)\n",
           DIGITS_SEED);
    nn_python_float_str(DIGITS_LEARNING_RATE, number);
    printf(">>> clf = MLPClassifier(hidden_layer_sizes=(%d,), learning_rate_init=%s,\n"
           "...                     random_state=%d).fit(X_train, y_train)\n",
           DIGITS_HIDDEN, number, DIGITS_SEED);
    printf(">>> clf.n_layers_, clf.n_outputs_, clf.out_activation_\n(%zu, %zu, '%s')\n",
           r->n_layers, r->n_outputs, nn_activation_name(r->out_activation));
    nn_python_float_str(r->loss, number);
    printf(">>> clf.n_iter_, clf.loss_\n(%ld, %s)\n", r->n_iter, number);
    printf(">>> y_pred = clf.predict(X_test)\n");
    nn_python_float_str(r->score, number);
    printf(">>> accuracy_score(y_test, y_pred)\n%s\n", number);

    size_t k = r->confusion.n_labels, n_test = r->split.n_test;
    double counts[100];
    for (size_t i = 0; i < k * k && i < 100; i++)
        counts[i] = (double)r->confusion.counts[i];
    printf(">>> confusion_matrix(y_test, y_pred)\n");
    print_int_array(counts, k, k, true);

    /* wrong = np.flatnonzero(y_pred != y_test), and what each of them is and was called */
    double wrong[3][64];
    size_t n_wrong = 0;
    for (size_t i = 0; i < n_test && n_wrong < 64; i++)
        if (r->y_pred[i] != r->y_test[i]) {
            wrong[0][n_wrong] = (double)i;
            wrong[1][n_wrong] = r->y_test[i];
            wrong[2][n_wrong++] = r->y_pred[i];
        }
    printf(">>> wrong = np.flatnonzero(y_pred != y_test); wrong\n");
    print_int_array(wrong[0], 1, n_wrong, false);
    printf(">>> y_test[wrong]\n");
    print_int_array(wrong[1], 1, n_wrong, false);
    printf(">>> y_pred[wrong]\n");
    print_int_array(wrong[2], 1, n_wrong, false);
    printf("\n");
}

/* ---- Part 4's report -------------------------------------------------------------------- */

void print_alpha(const alpha_result *r)
{
    char alpha[NN_PYTHON_FLOAT_MAX], rate[NN_PYTHON_FLOAT_MAX];
    nn_python_float_str(ALPHA_STRENGTH, alpha);
    nn_python_float_str(ALPHA_LEARNING_RATE, rate);
    printf("Part 4: one alpha, several batch sizes\n");
    printf(">>> X, y = make_moons(n_samples=400, noise=0.2, random_state=%d)\n", ALPHA_SEED);
    printf(">>> X_train, y_train = X[:%zu], y[:%zu]\n", r->n_train, r->n_train);
    printf(">>> for B in (");
    for (size_t i = 0; i < ALPHA_N_SIZES; i++)
        printf(i ? ", %zu" : "%zu", r->batch[i]);
    printf("):\n");
    printf("...     for solver in ('sgd', 'adam'):\n"
           "...         MLPClassifier(solver=solver, alpha=%s, batch_size=B,\n"
           "...                       hidden_layer_sizes=(10, 10), learning_rate_init=%s,\n"
           "...                       max_iter=%d, random_state=%d).fit(X_train, y_train)\n",
           alpha, rate, ALPHA_MAX_ITER, ALPHA_SEED);
    printf("...     MLPClassifier(solver='lbfgs', alpha=%s * %zu / B,\n"
           "...                   hidden_layer_sizes=(10, 10), max_iter=%d,\n"
           "...                   random_state=%d).fit(X_train, y_train)\n\n",
           alpha, r->n_train, ALPHA_MAX_ITER, ALPHA_SEED);
    printf("The sum of the squared weights, then loss_ in brackets:\n");
    printf("%3s %4s %10s  %-17s  %-17s  %s\n", "B", "N/B", "alpha*N/B", "sgd, alpha",
           "adam, alpha", "lbfgs, alpha*N/B");
    for (size_t i = 0; i < ALPHA_N_SIZES; i++) {
        const alpha_fit *f = r->fits[i];
        printf("%3zu %4.0f %10.1f", r->batch[i], (double)r->n_train / (double)r->batch[i],
               ALPHA_STRENGTH * (double)r->n_train / (double)r->batch[i]);
        for (int s = NN_MLP_SGD; s <= NN_MLP_ADAM; s++)
            printf("  %7.3f (%.5f)", f[s].squared_weights, f[s].loss);
        printf("  %7.3f (%.5f)\n", f[NN_MLP_LBFGS].squared_weights, f[NN_MLP_LBFGS].loss);
    }
    printf("\n");
}
