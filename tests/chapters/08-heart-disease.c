/* Tests for the chapter 8 program, build/bin/08-heart-disease.
 *
 * The program promises scikit-learn's numbers: every score it prints must be what
 * tests/fixtures/heart_disease.h (made by tools/fixtures/heart_disease.py, which runs
 * train_test_split, StandardScaler, MLPClassifier, the metrics and cross_val_score
 * with the same flags) says, to the digits printed, and the classification report must
 * be scikit-learn's text exactly. The tests also check that the printed numbers agree
 * with each other (precision from the printed confusion matrix, and so on), that the
 * default settings reach the course's target (a mean held-out accuracy of at least 0.80
 * over 10 random splits), that the same data read from a CSV file gives the same
 * results, and that bad files and bad flags are refused with clear messages.
 *
 * The experiments (--overfitting, --scaling) and the recipe's variants (--early-stopping,
 * --solver lbfgs) are checked against tests/fixtures/heart_experiments.h (made by
 * tools/fixtures/heart_experiments.py): the printed numbers to their digits, and the
 * library's loss_curve_ and validation_scores_ for the same fits, epoch by epoch.
 *
 * The saved pipeline (--save-model, and data/heart-pipeline.nnmlp, which must be what it
 * writes) applied to data/new-patients.csv (--predict) must give the predictions and
 * probabilities of tests/fixtures/heart_predict.h (made by tools/fixtures/heart_predict.py:
 * scikit-learn's pipeline after a pickle round trip), to the bit; and every new file in
 * tests/data/bad/ named *_heart_new_* must be refused with its expected message.
 */
#include <dirent.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chapters/run.h"
#include "nn.h"
#include "fixtures/heart_disease.h"
#include "fixtures/heart_experiments.h"
#include "fixtures/heart_predict.h"

TestSuite(ch08_heart_disease, .timeout = 300);

/* A fresh directory under build/tmp. */
static void temp_dir(char *dir, size_t size)
{
    mkdir("build", 0777);
    mkdir("build/tmp", 0777);
    snprintf(dir, size, "build/tmp/ch08-XXXXXX");
    cr_assert_not_null(mkdtemp(dir), "cannot make %s", dir);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

/* The token (up to the next space or line end) after the first `label` in text, in
 * buf; "" when the label is missing. */
static const char *token_after(const char *text, const char *label, char *buf, size_t size)
{
    const char *s = strstr(text, label);
    buf[0] = '\0';
    if (!s)
        return buf;
    s += strlen(label);
    while (*s == ' ')
        s++;
    size_t n = strcspn(s, " \n");
    if (n >= size)
        n = size - 1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return buf;
}

/* Expects `label` to be followed by want printed with %.3f. */
static void expect_score(const run_result *r, const char *command, const char *label,
                         double want)
{
    char got[64], expected[64];
    snprintf(expected, sizeof expected, "%.3f", want);
    token_after(r->text, label, got, sizeof got);
    cr_expect_str_eq(got, expected, "`%s`: %s printed as '%s', scikit-learn's is %s (%.17g)",
                     command, label, got, expected, want);
}

/* Expects the line to appear in the output, built with printf. */
#define EXPECT_LINE(r, command, ...)                                                       \
    do {                                                                                   \
        char line_[512];                                                                   \
        snprintf(line_, sizeof line_, __VA_ARGS__);                                        \
        cr_expect(strstr((r).text, line_) != NULL,                                         \
                  "`%s`: expected the output to contain\n%s\nbut it was:\n%s", (command),  \
                  line_, (r).text);                                                        \
    } while (0)

/* Writes the first `lines` lines of data/heart_scale to path. */
static void write_heart_head(const char *path, size_t lines)
{
    FILE *in = fopen("data/heart_scale", "r"), *out = fopen(path, "w");
    cr_assert(in && out, "cannot copy data/heart_scale to %s", path);
    char line[4096];
    for (size_t k = 0; k < lines && fgets(line, sizeof line, in); k++)
        fputs(line, out);
    fclose(in);
    fclose(out);
}

/* ---- the numbers ------------------------------------------------------------------- */

static void check_case(const heart_fx_case *fx, const char *subset_path)
{
    char command[512];
    if (fx->subset)
        snprintf(command, sizeof command, "08-heart-disease --plot=none %s --data %s",
                 fx->args, subset_path);
    else
        snprintf(command, sizeof command, "08-heart-disease --plot=none %s", fx->args);
    run_result r = run_program(command);
    cr_assert_eq(r.status, 0, "`%s`: exit status %d, output:\n%s", command, r.status, r.text);
    const char *unit = fx->subset ? "samples" : "patients";

    EXPECT_LINE(r, command, "Split: %zu %s to train, %zu held out to test", fx->n_train, unit,
                fx->n_test);
    EXPECT_LINE(r, command, "Trained: %ld epochs, final training loss %.4f, training "
                "accuracy %.3f\n", fx->n_iter, fx->loss, fx->train_accuracy);
    expect_score(&r, command, "  accuracy ", fx->accuracy);
    expect_score(&r, command, "  precision ", fx->precision);
    expect_score(&r, command, "  recall (sensitivity) ", fx->recall);
    expect_score(&r, command, "  specificity ", fx->specificity);
    expect_score(&r, command, "  F1 ", fx->f1);
    expect_score(&r, command, "  ROC-AUC ", fx->auc);
    EXPECT_LINE(r, command, "%zu of %zu right\n", fx->tp + fx->tn, fx->n_test);
    EXPECT_LINE(r, command, "%zu of %zu positive predictions right\n", fx->tp, fx->tp + fx->fp);
    EXPECT_LINE(r, command, "%zu of %zu positives found\n", fx->tp, fx->tp + fx->fn);
    EXPECT_LINE(r, command, "%zu of %zu negatives cleared\n", fx->tn, fx->tn + fx->fp);
    EXPECT_LINE(r, command, "%13zu (TN) %13zu (FP)\n", fx->tn, fx->fp);
    EXPECT_LINE(r, command, "%13zu (FN) %13zu (TP)\n", fx->fn, fx->tp);
    EXPECT_LINE(r, command, "Classification report:\n\n%s\n", fx->report);

    /* The threshold table: counts and scores at t = 0.1 ... 0.9, and at t = 0.5 the very
     * numbers of predict() above. */
    size_t positives = fx->tp + fx->fn, negatives = fx->tn + fx->fp;
    for (size_t k = 0; k < 9; k++) {
        size_t tp = fx->cut_tp[k], fp = fx->cut_fp[k];
        char precision[16] = "        -";
        if (tp + fp)
            snprintf(precision, sizeof precision, "%9.3f", (double)tp / (double)(tp + fp));
        char cost[32] = "";
        if (!fx->subset) /* the heart data's cost matrix: a missed disease costs 5 */
            snprintf(cost, sizeof cost, "   %15zu", 5 * (positives - tp) + fp);
        EXPECT_LINE(r, command, "   %.1f   %6.3f   %11.3f   %s   %6zu   %12zu%s\n",
                    (double)(k + 1) / 10.0, (double)tp / (double)positives,
                    (double)(negatives - fp) / (double)negatives, precision, positives - tp,
                    fp, cost);
    }
    cr_expect(fx->cut_tp[4] == fx->tp && fx->cut_fp[4] == fx->fp,
              "fixture: predict() is not the threshold 0.5");

    /* Cross-validation: every fold's accuracy, then the mean and std. */
    char *folds = strstr(r.text, "fold accuracies:");
    cr_assert_not_null(folds, "`%s`: no fold accuracies in\n%s", command, r.text);
    folds += strlen("fold accuracies:");
    for (size_t k = 0; k < fx->folds; k++) {
        char *end;
        double got = strtod(folds, &end);
        cr_assert(end != folds, "`%s`: only %zu fold accuracies, expected %zu", command, k,
                  fx->folds);
        char a[32], b[32];
        snprintf(a, sizeof a, "%.3f", got);
        snprintf(b, sizeof b, "%.3f", fx->cv[k]);
        cr_expect_str_eq(a, b, "`%s`: fold %zu accuracy %s, scikit-learn's %s", command, k + 1,
                         a, b);
        folds = end;
    }
    EXPECT_LINE(r, command, "%zu-fold cross-validation on all %zu %s", fx->folds,
                fx->n_train + fx->n_test, unit);
    EXPECT_LINE(r, command, "  accuracy %.3f ± %.3f (mean ± standard deviation over the %zu "
                "folds)", fx->cv_mean, fx->cv_std, fx->folds);
    free(r.text);
}

Test(ch08_heart_disease, prints_scikit_learns_numbers_for_every_case)
{
    char dir[64], subset[96];
    temp_dir(dir, sizeof dir);
    snprintf(subset, sizeof subset, "%s/subset.libsvm", dir);
    write_heart_head(subset, HEART_FX_SUBSET_LINES);
    for (size_t c = 0; c < COUNT_OF(heart_fx_cases); c++)
        check_case(&heart_fx_cases[c], subset);
}

Test(ch08_heart_disease, the_default_run_is_the_first_case_and_compares_with_the_tutorial)
{
    run_result a = run_program("08-heart-disease --plot=none");
    run_result b = run_program("08-heart-disease --plot=none --seed 1 --hidden 14 --solver sgd "
                               "--alpha 0.0001 --max-iter 1000 --test-size 0.25 --folds 10");
    cr_assert_eq(a.status, 0, "%s", a.text);
    cr_expect_str_eq(a.text, b.text, "the defaults are not the documented settings");
    EXPECT_OUTPUT_HAS(a, "Data: the Statlog (Heart) data set, data/heart_scale: 270 patients, "
                         "13 attributes\n");
    EXPECT_OUTPUT_HAS(a, "Classes: -1 (no disease): 150 patients, +1 (disease): 120 patients");
    EXPECT_OUTPUT_HAS(a, "Network: MLPClassifier(hidden_layer_sizes=(14,), solver='sgd', "
                         "alpha=0.0001, max_iter=1000)\n");
    EXPECT_OUTPUT_HAS(a, "stratified, random_state=1)\n");
    EXPECT_OUTPUT_HAS(a, "this network   the tutorial\n");
    char buf[64];
    cr_expect_str_eq(token_after(a.text, "  accuracy ", buf, sizeof buf), "0.897");
    EXPECT_OUTPUT_HAS(a, "0.897           0.76   61 of 68 right");
    EXPECT_OUTPUT_HAS(a, "0.871           0.73   27 of 31 positive predictions right");
    cr_expect(strstr(a.text, "warning") == NULL, "the default run warns:\n%s", a.text);
    free(a.text);
    free(b.text);
}

/* Numbers printed by one run, read back. */
typedef struct printed {
    double accuracy, precision, recall, specificity, f1;
    unsigned long tn, fp, fn, tp;
} printed;

static printed read_printed(const char *text)
{
    printed p;
    char buf[64];
    p.accuracy = strtod(token_after(text, "  accuracy ", buf, sizeof buf), NULL);
    p.precision = strtod(token_after(text, "  precision ", buf, sizeof buf), NULL);
    p.recall = strtod(token_after(text, "  recall (sensitivity) ", buf, sizeof buf), NULL);
    p.specificity = strtod(token_after(text, "  specificity ", buf, sizeof buf), NULL);
    p.f1 = strtod(token_after(text, "  F1 ", buf, sizeof buf), NULL);
    const char *tn = strstr(text, " (TN) "), *fn = strstr(text, " (FN) ");
    cr_assert(tn && fn, "no confusion matrix in\n%s", text);
    while (tn > text && tn[-1] != ' ')
        tn--;
    while (fn > text && fn[-1] != ' ')
        fn--;
    cr_assert_eq(sscanf(tn, "%lu (TN) %lu (FP)", &p.tn, &p.fp), 2);
    cr_assert_eq(sscanf(fn, "%lu (FN) %lu (TP)", &p.fn, &p.tp), 2);
    return p;
}

Test(ch08_heart_disease, the_scores_follow_from_the_printed_confusion_matrix)
{
    /* Whatever the settings: accuracy, precision, recall, specificity and F1 are
     * fractions of the four counts, and the counts add up to the test set. */
    const char *commands[] = {"08-heart-disease --plot=none --seed 5 --folds 2",
                              "08-heart-disease --plot=none --seed 9 --hidden 3 --folds 2",
                              ("08-heart-disease --plot=none --seed 11 --test-size 0.5 "
                               "--solver adam --max-iter 50 --folds 2")};
    for (size_t c = 0; c < COUNT_OF(commands); c++) {
        run_result r = run_program(commands[c]);
        cr_assert_eq(r.status, 0, "`%s`: %s", commands[c], r.text);
        printed p = read_printed(r.text);
        double tn = p.tn, fp = p.fp, fn = p.fn, tp = p.tp, n = tn + fp + fn + tp;
        unsigned long n_test = 0;
        const char *held = strstr(r.text, "held out to test");
        cr_assert_not_null(held);
        while (held > r.text && held[-1] == ' ')
            held--;
        while (held > r.text && held[-1] >= '0' && held[-1] <= '9')
            held--;
        n_test = strtoul(held, NULL, 10);
        cr_expect_eq((unsigned long)n, n_test, "`%s`: the counts add up to %g, not %lu",
                     commands[c], n, n_test);
        double prec = tp + fp > 0 ? tp / (tp + fp) : 0, rec = tp / (tp + fn);
        double f1 = prec + rec > 0 ? 2 * prec * rec / (prec + rec) : 0;
        cr_expect(fabs(p.accuracy - (tp + tn) / n) <= 5e-4, "`%s`: accuracy", commands[c]);
        cr_expect(fabs(p.precision - prec) <= 5e-4, "`%s`: precision", commands[c]);
        cr_expect(fabs(p.recall - rec) <= 5e-4, "`%s`: recall", commands[c]);
        cr_expect(fabs(p.specificity - tn / (tn + fp)) <= 5e-4, "`%s`: specificity",
                  commands[c]);
        cr_expect(fabs(p.f1 - f1) <= 5e-4, "`%s`: F1", commands[c]);
        free(r.text);
    }
}

/* ---- the course's target ------------------------------------------------------------ */

Test(ch08_heart_disease, reaches_080_mean_accuracy_over_10_splits)
{
    const char *command = "08-heart-disease --plot=none --seed 1 --splits 10";
    run_result r = run_program(command);
    cr_assert_eq(r.status, 0, "%s", r.text);
    EXPECT_OUTPUT_HAS(r, "10 random splits (random_state=1 to 10), each with its own scaler "
                         "and network:\n");
    for (size_t s = 0; s < COUNT_OF(heart_fx_splits); s++) {
        const heart_fx_split *fx = &heart_fx_splits[s];
        EXPECT_LINE(r, command, "  %12u   %8.3f   %9.3f   %6.3f\n", fx->seed, fx->accuracy,
                    fx->precision, fx->recall);
    }
    EXPECT_LINE(r, command, "  mean held-out accuracy %.3f ± %.3f over 10 splits\n",
                heart_fx_splits_mean, heart_fx_splits_std);
    char buf[64];
    double mean = strtod(token_after(r.text, "mean held-out accuracy", buf, sizeof buf), NULL);
    cr_expect(mean >= 0.80, "the default settings reach a mean held-out accuracy of %.3f over "
              "10 splits; the course promises at least 0.80", mean);
    /* The first split is the one the report above it describes. */
    char first[64];
    snprintf(first, sizeof first, "%.3f", heart_fx_splits[0].accuracy);
    cr_expect_str_eq(token_after(r.text, "  accuracy ", buf, sizeof buf), first);
    free(r.text);
}

/* ---- data of your own --------------------------------------------------------------- */

/* data/heart_scale as CSV: a header row, the target in column 5 (0-based) named
 * "disease", every value written so that it reads back as the same double. */
static void write_heart_csv(const char *path)
{
    nn_error err;
    nn_dataset *ds = nn_data_load_libsvm("data/heart_scale", NULL, &err);
    cr_assert_not_null(ds, "%s", err.message);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    static const char *names[] = {"age", "sex", "chest pain", "blood pressure", "cholesterol",
                                  "sugar", "ecg", "max heart rate", "angina", "oldpeak",
                                  "slope", "vessels", "thal"};
    for (size_t j = 0; j < 13; j++)
        fprintf(f, "%s%s%s", j ? "," : "", j == 5 ? "disease," : "", names[j]);
    fputs("\r\n", f);
    for (size_t i = 0; i < ds->X->rows; i++) {
        for (size_t j = 0; j < 13; j++) {
            if (j == 5)
                fprintf(f, ",%.17g", ds->y[i]);
            fprintf(f, "%s%.17g", j ? "," : "", ds->X->data[i * 13 + j]);
        }
        fputs("\r\n", f);
    }
    fclose(f);
    nn_dataset_free(ds);
}

Test(ch08_heart_disease, reads_the_same_patients_from_a_csv_file)
{
    char dir[64], csv[96], txt[96], command[256];
    temp_dir(dir, sizeof dir);
    snprintf(csv, sizeof csv, "%s/heart.csv", dir);
    snprintf(txt, sizeof txt, "%s/heart.txt", dir);
    write_heart_csv(csv);
    write_heart_csv(txt);
    const heart_fx_case *fx = &heart_fx_cases[0]; /* --seed 1 */
    cr_assert_str_eq(fx->args, "--seed 1");

    const char *forms[] = {"--data %s --target disease", "--data %s --target 5",
                           "--data %s --target=-9"};
    for (size_t k = 0; k < COUNT_OF(forms); k++) {
        char flags[160];
        snprintf(flags, sizeof flags, forms[k], csv);
        snprintf(command, sizeof command, "08-heart-disease --plot=none --seed 1 %s", flags);
        run_result r = run_program(command);
        cr_assert_eq(r.status, 0, "`%s`: %s", command, r.text);
        EXPECT_LINE(r, command, "Data: %s (CSV, target 'disease'): 270 samples, 13 features\n",
                    csv);
        EXPECT_OUTPUT_HAS(r, "Classes: -1: 150 samples, 1: 120 samples (the positive class)");
        expect_score(&r, command, "  accuracy ", fx->accuracy);
        expect_score(&r, command, "  precision ", fx->precision);
        expect_score(&r, command, "  ROC-AUC ", fx->auc);
        EXPECT_LINE(r, command, "%13zu (FN) %13zu (TP)\n", fx->fn, fx->tp);
        EXPECT_LINE(r, command, "  accuracy %.3f ± %.3f", fx->cv_mean, fx->cv_std);
        /* Without class names, the report names the labels as Python prints them. */
        EXPECT_OUTPUT_HAS(r, "        -1.0       0.");
        EXPECT_OUTPUT_HAS(r, "         1.0       0.");
        free(r.text);
    }

    /* Another name: --format says how to read it. Without it, .txt is LIBSVM. */
    snprintf(command, sizeof command, "08-heart-disease --plot=none --data %s --format csv "
             "--target disease", txt);
    run_result r = run_program(command);
    cr_expect_eq(r.status, 0, "`%s`: %s", command, r.text);
    expect_score(&r, command, "  accuracy ", fx->accuracy);
    free(r.text);
    snprintf(command, sizeof command, "08-heart-disease --plot=none --data %s", txt);
    r = run_program(command);
    cr_expect_eq(r.status, 1, "`%s`: exit status %d", command, r.status);
    EXPECT_LINE(r, command, "%s:1:1: ", txt);
    free(r.text);
}

Test(ch08_heart_disease, fills_missing_values_only_when_asked)
{
    char dir[64], path[96], command[256];
    temp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/gaps.csv", dir);
    /* 30 rows of two classes; three values missing: "?" twice and one empty field. */
    char text[2048] = "age,chol,sick\n";
    for (int i = 0; i < 30; i++) {
        char age[16], chol[16], row[64];
        snprintf(age, sizeof age, "%d", 30 + i);
        snprintf(chol, sizeof chol, "%d", 180 + 7 * (i % 11));
        snprintf(row, sizeof row, "%s,%s,%d\n", i == 17 ? "?" : age,
                 i == 3 ? "?" : i == 10 ? "" : chol, i % 3 == 0);
        strcat(text, row);
    }
    write_file(path, text);

    snprintf(command, sizeof command, "08-heart-disease --plot=none --folds 3 --data %s", path);
    run_result r = run_program(command);
    cr_expect_eq(r.status, 1, "`%s`: missing values were accepted without --fill-missing",
                 command);
    EXPECT_LINE(r, command, "%s:5:4: missing value", path);
    EXPECT_OUTPUT_HAS(r, "(--fill-missing fills missing values with column means)");
    free(r.text);

    snprintf(command, sizeof command, "08-heart-disease --plot=none --folds 3 --data %s "
             "--fill-missing", path);
    r = run_program(command);
    cr_expect_eq(r.status, 0, "`%s`: %s", command, r.text);
    EXPECT_OUTPUT_HAS(r, "Missing: 3 values filled with their column's mean over the whole "
                         "file\n");
    EXPECT_OUTPUT_HAS(r, "Classes: 0: 20 samples, 1: 10 samples (the positive class)");
    free(r.text);
}

Test(ch08_heart_disease, reads_a_libsvm_file_of_your_own)
{
    char dir[64], path[96], command[256];
    temp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/first-120.svm", dir);
    write_heart_head(path, HEART_FX_SUBSET_LINES);
    snprintf(command, sizeof command, "08-heart-disease --plot=none --data %s --folds 3", path);
    run_result r = run_program(command);
    cr_assert_eq(r.status, 0, "%s", r.text);
    EXPECT_LINE(r, command, "Data: %s (LIBSVM): 120 samples, 13 features\n", path);
    EXPECT_OUTPUT_HAS(r, "Classes: -1: 66 samples, 1: 54 samples (the positive class)\n");
    EXPECT_OUTPUT_HAS(r, "Split: 90 samples to train, 30 held out to test");
    EXPECT_OUTPUT_HAS(r, "3-fold cross-validation on all 120 samples");
    cr_expect(strstr(r.text, "the tutorial") == NULL,
              "the tutorial's heart numbers beside another data set:\n%s", r.text);
    free(r.text);
}

/* ---- refusals ----------------------------------------------------------------------- */

Test(ch08_heart_disease, a_malformed_file_gives_file_line_column_and_exit_1)
{
    char dir[64];
    temp_dir(dir, sizeof dir);
    static const struct {
        const char *name, *content, *extra, *where, *message;
    } cases[] = {
        {"bad.csv", "a,b,y\n1,2,0\n3,n/a,1\n5,6,0\n", "", ":3:3: ",
         "expected a number for column 'b', found 'n/a'"},
        {"short.csv", "a,b,y\n1,2,0\n3,1\n", "", ":3:4: ", "this row has 2 fields"},
        {"zero.libsvm", "+1 1:0.5\n-1 0:1.5 2:1\n", "", ":2:4: ", "feature index 0"},
        {"label.libsvm", "+1 1:0.5\nyes 1:1.5\n", "", ":2:1: ", "label"},
        {"three.csv", "a,y\n1,0\n2,1\n3,2\n4,0\n", "", ": the target has more than two classes",
         "exactly two"},
        {"one.csv", "a,y\n1,1\n2,1\n3,1\n", "", ": the target has only one class", "--target"},
        {"real.csv", "a,y\n1,0\n2,0.5\n", "", ": the target of sample 2 is 0.5", "class"},
        {"names.csv", "a,y\n1,0\n2,1\n", "--target z", ":1:", "'z'"},
    };
    for (size_t c = 0; c < COUNT_OF(cases); c++) {
        char path[128], command[320], where[160];
        snprintf(path, sizeof path, "%s/%s", dir, cases[c].name);
        write_file(path, cases[c].content);
        snprintf(command, sizeof command, "08-heart-disease --plot=none --data %s %s", path,
                 cases[c].extra);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 1, "`%s`: expected exit status 1, got %d:\n%s", command,
                     r.status, r.text);
        snprintf(where, sizeof where, "08-heart-disease: %s%s", path, cases[c].where);
        EXPECT_LINE(r, command, "%s", where);
        EXPECT_OUTPUT_HAS(r, cases[c].message);
        cr_expect(strstr(r.text, "accuracy") == NULL, "`%s` reported scores for a bad file",
                  command);
        free(r.text);
    }
    run_result r = run_program("08-heart-disease --plot=none --data no/such/file.csv");
    cr_expect_eq(r.status, 1);
    EXPECT_OUTPUT_HAS(r, "08-heart-disease: no/such/file.csv");
    free(r.text);
}

Test(ch08_heart_disease, bad_flags_are_rejected_with_a_message)
{
    static const bad_flag_case cases[] = {
        {"--hiden 5", "unknown flag '--hiden' (did you mean '--hidden'?)"},
        {"--hidden 0", "--hidden: "},
        {"--hidden 5,x", "--hidden: "},
        {"--solver newton", "--solver expects one of adam|sgd|lbfgs, got 'newton'"},
        {"--alpha -1", "--alpha must be between 0 and 1e+06, got -1"},
        {"--test-size 1.5", "--test-size must be between 0.01 and 0.99, got 1.5"},
        {"--test-size 0", "--test-size must be between 0.01 and 0.99, got 0"},
        {"--folds 1", "--folds must be between 2 and 50, got 1"},
        {"--splits 0", "--splits must be between 1 and 100, got 0"},
        {"--validation-fraction 0", "--validation-fraction must be between 0.01 and 0.99, got 0"},
        {"--n-iter-no-change 0", "--n-iter-no-change must be between 1 and 100000, got 0"},
        {"--format xml", "--format expects one of auto|csv|libsvm, got 'xml'"},
        {"--target 3", "--target: a LIBSVM file has its target first on every line"},
        {"--seed x", "--seed expects"},
        {"--plot=pdf", "--plot expects one of " NN_PLOT_CHOICES ", got 'pdf'"},
        {"stray", "unexpected argument 'stray'"},
    };
    expect_bad_flags("08-heart-disease", "--plot=none", cases, COUNT_OF(cases), "Split:");
}

Test(ch08_heart_disease, help_lists_every_flag)
{
    static const char *const flags[] = {
        "--data TEXT", "--format auto|csv|libsvm", "--target TEXT", "--fill-missing",
        "--hidden TEXT", "--solver adam|sgd|lbfgs", "--alpha X", "--max-iter N",
        "--batch-size N", "--early-stopping", "--validation-fraction X",
        "--n-iter-no-change N", "--seed N", "--test-size X", "--folds N", "--splits N", "--sweep",
        "--overfitting", "--scaling", "--save-model TEXT", "--predict TEXT", "--model TEXT",
        "--predictions TEXT", ("--plot " NN_PLOT_CHOICES), "--out TEXT", "--help"};
    expect_help_lists("08-heart-disease", flags, COUNT_OF(flags), "Split:");
}

/* ---- figures -------------------------------------------------------------------------- */

static const char *const figures[] = {"loss", "confusion", "roc", "width"};

Test(ch08_heart_disease, draws_its_figures_and_sweeps_the_width)
{
    figure_run f = run_drawing(NULL, "08-heart-disease", "--seed 1 --sweep");
    cr_assert_eq(f.r.status, 0, "`%s`: exit status %d, output:\n%s", f.command, f.r.status,
                 f.r.text);
    expect_no_warning(&f);
    for (size_t k = 0; k < COUNT_OF(figures); k++)
        expect_figure(&f, figures[k]);
    /* The sweep's table: scikit-learn's numbers for one hidden layer of w units. */
    for (size_t k = 0; k < COUNT_OF(heart_fx_sweep); k++) {
        const heart_fx_width *fx = &heart_fx_sweep[k];
        EXPECT_LINE(f.r, f.command, "  %5zu   %13.3f   %.3f ± %.3f\n", fx->width, fx->test,
                    fx->cv_mean, fx->cv_std);
    }
    free_figure_run(&f);

    /* Without --sweep there is no width figure; lbfgs keeps no loss curve to draw. */
    f = run_drawing(NULL, "08-heart-disease", "--solver lbfgs --folds 2");
    cr_assert_eq(f.r.status, 0, "`%s`: exit status %d, output:\n%s", f.command, f.r.status,
                 f.r.text);
    expect_output_has(&f.r, f.command, "L-BFGS iterations");
    expect_figure(&f, "roc");
    expect_figure(&f, "confusion");
    expect_no_figure(&f, "width");
    expect_no_figure(&f, "loss");
    free_figure_run(&f);
}

Test(ch08_heart_disease, carries_on_without_gnuplot)
{
    expect_runs_without_gnuplot("08-heart-disease", "--folds 2", "Classification report:",
                                figures, COUNT_OF(figures));
}

/* ---- the experiments ------------------------------------------------------------------ */

/* The recipe's split of data (seed 1, a quarter held out, stratified), through the
 * library: the training and test rows. */
typedef struct fx_split {
    nn_dataset *ds;
    nn_train_test s;
    nn_matrix *X_train, *X_test;
    double *y_train, *y_test;
} fx_split;

static fx_split recipe_split(nn_dataset *ds)
{
    nn_error err;
    fx_split f = {.ds = ds};
    cr_assert_not_null(ds);
    nn_rng rng;
    nn_rng_seed(&rng, 1);
    nn_train_test_options opt = {.test_size = 0.25, .stratify = ds->y, .rng = &rng};
    cr_assert_eq(nn_train_test_split(ds->X->rows, &opt, &f.s, &err), NN_OK, "%s", err.message);
    size_t n = ds->X->rows;
    f.X_train = nn_data_take_rows(ds->X, f.s.train, f.s.n_train, &err);
    f.X_test = nn_data_take_rows(ds->X, f.s.test, f.s.n_test, &err);
    f.y_train = nn_data_take(ds->y, n, f.s.train, f.s.n_train, &err);
    f.y_test = nn_data_take(ds->y, n, f.s.test, f.s.n_test, &err);
    cr_assert(f.X_train && f.X_test && f.y_train && f.y_test);
    return f;
}

static void standardise(fx_split *f)
{
    nn_error err;
    nn_standard_scaler sc = {0};
    cr_assert_eq(nn_standard_scaler_fit(&sc, f->X_train, &err), NN_OK);
    nn_standard_scaler_transform(&sc, f->X_train, f->X_train, &err);
    nn_standard_scaler_transform(&sc, f->X_test, f->X_test, &err);
    nn_standard_scaler_free(&sc);
}

static void free_split(fx_split *f)
{
    nn_matrix_free(f->X_train);
    nn_matrix_free(f->X_test);
    nn_alloc_free(f->y_train);
    nn_alloc_free(f->y_test);
    nn_train_test_free(&f->s);
    nn_dataset_free(f->ds);
}

static void warning_ignored(const char *message, void *context)
{
    (void)message;
    (void)context;
}

/* Fits params on f's training rows; the caller frees the model. */
static nn_mlp *fit_on(const fx_split *f, const nn_mlp_params *params)
{
    nn_error err;
    nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, params, &err);
    cr_assert_not_null(clf, "%s", err.message);
    nn_matrix Y = {f->s.n_train, 1, f->y_train};
    nn_set_warning_handler(warning_ignored, NULL); /* max_iter reached on purpose */
    nn_status st = nn_mlp_fit(clf, f->X_train, &Y, &err);
    nn_set_warning_handler(NULL, NULL);
    cr_assert_eq(st, NN_OK, "%s", err.message);
    return clf;
}

static void expect_curve(const char *what, const char *name, const double *got, size_t n_got,
                         const double *want, size_t n_want, double rel)
{
    cr_assert_eq(n_got, n_want, "%s: %s has %zu epochs, scikit-learn's %zu", name, what, n_got,
                 n_want);
    for (size_t e = 0; e < n_got; e++) {
        double scale = fabs(want[e]) > 1.0 ? fabs(want[e]) : 1.0;
        cr_assert(fabs(got[e] - want[e]) <= rel * scale,
                  "%s: %s[%zu] = %.17g, scikit-learn's %.17g", name, what, e, got[e], want[e]);
    }
}

static nn_mlp_params overfit_params(double vf, double patience, bool early_stopping)
{
    nn_mlp_params p = nn_mlp_defaults();
    p.hidden_layer_sizes[0] = 56;
    p.alpha = 0.0;
    p.max_iter = 1000;
    p.early_stopping = early_stopping;
    p.validation_fraction = vf;
    p.n_iter_no_change = patience;
    p.random_state = 1;
    p.progress = false;
    return p;
}

Test(ch08_heart_disease, the_overfitting_fits_are_scikit_learns_epoch_by_epoch)
{
    nn_error err;
    fx_split f = recipe_split(nn_data_load_libsvm("data/heart_scale", NULL, &err));
    standardise(&f);
    for (size_t c = 0; c < COUNT_OF(heart_fx_overfitting); c++) {
        const heart_fx_overfit *fx = &heart_fx_overfitting[c];
        char name[64];
        snprintf(name, sizeof name, "validation_fraction=%g", fx->validation_fraction);
        nn_mlp_params p = overfit_params(fx->validation_fraction, INFINITY, true);
        nn_mlp *watch = fit_on(&f, &p);
        size_t n_loss, n_val;
        const double *loss = nn_mlp_loss_curve(watch, &n_loss);
        const double *val = nn_mlp_validation_scores(watch, &n_val);
        expect_curve("loss_curve_", name, loss, n_loss, fx->loss_curve,
                     (size_t)fx->watch_n_iter, 1e-9);
        expect_curve("validation_scores_", name, val, n_val, fx->validation_scores,
                     (size_t)fx->watch_n_iter, 0.0);
        nn_mlp_free(watch);

        p.n_iter_no_change = 10;
        nn_mlp *stopped = fit_on(&f, &p);
        cr_expect_eq(nn_mlp_n_iter(stopped), fx->n_iter, "%s: n_iter_ %ld, scikit-learn's %ld",
                     name, nn_mlp_n_iter(stopped), fx->n_iter);
        cr_expect_eq(nn_mlp_best_validation_score(stopped), fx->best,
                     "%s: best_validation_score_ %.17g, scikit-learn's %.17g", name,
                     nn_mlp_best_validation_score(stopped), fx->best);
        double test;
        nn_matrix Y_test = {f.s.n_test, 1, f.y_test};
        cr_assert_eq(nn_mlp_score(stopped, f.X_test, &Y_test, &test, &err), NN_OK);
        cr_expect_eq(test, fx->test, "%s: test accuracy %.17g, scikit-learn's %.17g", name, test,
                     fx->test);
        nn_mlp_free(stopped);
    }
    free_split(&f);
}

/* The first epoch with the best score among the first n: where the counter starts. */
static size_t best_epoch_of(const double *scores, size_t n)
{
    size_t best = 0;
    for (size_t e = 1; e < n; e++)
        if (scores[e] > scores[best])
            best = e;
    return best + 1;
}

Test(ch08_heart_disease, watches_overfitting_and_stops_early_where_scikit_learn_does)
{
    for (size_t c = 0; c < COUNT_OF(heart_fx_overfitting); c++) {
        const heart_fx_overfit *fx = &heart_fx_overfitting[c];
        char command[160];
        snprintf(command, sizeof command, "08-heart-disease --plot=none --folds 2 --overfitting "
                 "--validation-fraction %g", fx->validation_fraction);
        run_result r = run_program(command);
        cr_assert_eq(r.status, 0, "`%s`: exit status %d:\n%s", command, r.status, r.text);
        size_t stop = (size_t)fx->n_iter, best = best_epoch_of(fx->validation_scores, stop);
        size_t n_train = 202;
        EXPECT_LINE(r, command, "%zu of them held out for validation (stratified), the network "
                    "trained on the other %zu.\n", fx->n_val, n_train - fx->n_val);
        size_t epochs[] = {1, 10, best, stop, 1000};
        for (size_t k = 0; k < COUNT_OF(epochs); k++) {
            size_t e = epochs[k];
            EXPECT_LINE(r, command, "  %5zu   %13.4f   %19.3f", e, fx->loss_curve[e - 1],
                        fx->validation_scores[e - 1]);
        }
        EXPECT_LINE(r, command, "best at epoch %zu, stop after\nepoch %zu, %zu epochs without "
                    "beating it.\n", best, stop, stop - best);
        EXPECT_LINE(r, command, "Trained again with n_iter_no_change=10: stopped after %ld "
                    "epochs\n", fx->n_iter);
        EXPECT_LINE(r, command, "  validation accuracy after the last epoch   %.3f\n", fx->last);
        EXPECT_LINE(r, command, "  best_validation_score_ (epoch %zu)          %.3f\n", best,
                    fx->best);
        EXPECT_LINE(r, command, "  the model returned, on the same patients   %.3f (the best "
                    "epoch's weights)\n", fx->restored);
        EXPECT_LINE(r, command, "On the 68 held-out test patients: %.3f stopped early, %.3f with "
                    "every epoch", fx->test, fx->watch_test);
        EXPECT_LINE(r, command, "without early stopping, on all 202 training patients: %.3f "
                    "after %ld epochs\n", fx->plain_test, fx->plain_n_iter);
        cr_expect(strstr(r.text, "warning") == NULL, "`%s` warns:\n%s", command, r.text);
        free(r.text);
    }
}

Test(ch08_heart_disease, the_raw_table_scaled_three_ways_is_scikit_learns)
{
    const char *command = "08-heart-disease --plot=none --folds 2 --scaling";
    run_result r = run_program(command);
    cr_assert_eq(r.status, 0, "`%s`: exit status %d:\n%s", command, r.status, r.text);
    for (size_t k = 0; k < COUNT_OF(heart_fx_scalings); k++) {
        const heart_fx_scaling *fx = &heart_fx_scalings[k];
        EXPECT_LINE(r, command, "  %-8s   %16.4g   %6ld   %10.4f   %10.4f   %8.3f   %.3f\n",
                    fx->name, fx->condition, fx->n_iter, fx->curve[0], fx->loss,
                    fx->train_accuracy, fx->accuracy);
    }
    free(r.text);

    /* The same fits through the library: every epoch's loss. */
    nn_error err;
    nn_csv_options csv = nn_csv_defaults();
    csv.delimiter = ' ';
    csv.header = 0;
    for (size_t k = 0; k < COUNT_OF(heart_fx_scalings); k++) {
        const heart_fx_scaling *fx = &heart_fx_scalings[k];
        fx_split f = recipe_split(nn_data_load_csv("data/heart.dat", &csv, &err));
        cr_assert_eq(f.ds->X->rows, 270);
        if (k == 1) {
            nn_minmax_scaler mm = {.range_min = -1.0, .range_max = 1.0};
            cr_assert_eq(nn_minmax_scaler_fit(&mm, f.X_train, &err), NN_OK);
            nn_minmax_scaler_transform(&mm, f.X_train, f.X_train, &err);
            nn_minmax_scaler_free(&mm);
        } else if (k == 2) {
            standardise(&f);
        }
        nn_mlp_params p = nn_mlp_defaults();
        p.hidden_layer_sizes[0] = 14;
        p.solver = NN_MLP_SGD;
        p.max_iter = 1000;
        p.random_state = 1;
        p.progress = false;
        nn_mlp *clf = fit_on(&f, &p);
        size_t n;
        const double *curve = nn_mlp_loss_curve(clf, &n);
        expect_curve("loss_curve_", fx->name, curve, n, fx->curve, fx->n_curve, 1e-9);
        nn_mlp_free(clf);
        free_split(&f);
    }
}

Test(ch08_heart_disease, early_stopping_and_lbfgs_runs_are_scikit_learns)
{
    for (size_t c = 0; c < COUNT_OF(heart_fx_variants); c++) {
        const heart_fx_variant *fx = &heart_fx_variants[c];
        char command[160];
        snprintf(command, sizeof command, "08-heart-disease --plot=none --folds 2 %s", fx->args);
        run_result r = run_program(command);
        cr_assert_eq(r.status, 0, "`%s`: exit status %d:\n%s", command, r.status, r.text);
        bool lbfgs = isnan(fx->best_validation);
        EXPECT_LINE(r, command, "Trained: %ld %s, final training loss %.4f, training accuracy "
                    "%.3f\n", fx->n_iter, lbfgs ? "L-BFGS iterations" : "epochs", fx->loss,
                    fx->train_accuracy);
        if (!lbfgs)
            EXPECT_LINE(r, command, "Early stopping: validation accuracy %.3f after the last "
                        "epoch, best %.3f (those weights kept)\n", fx->last_validation,
                        fx->best_validation);
        expect_score(&r, command, "  accuracy ", fx->accuracy);
        expect_score(&r, command, "  precision ", fx->precision);
        expect_score(&r, command, "  ROC-AUC ", fx->auc);
        EXPECT_LINE(r, command, "%zu of %zu right\n", fx->tp + fx->tn,
                    fx->tn + fx->fp + fx->fn + fx->tp);
        EXPECT_LINE(r, command, "%13zu (TN) %13zu (FP)\n", fx->tn, fx->fp);
        EXPECT_LINE(r, command, "%13zu (FN) %13zu (TP)\n", fx->fn, fx->tp);
        free(r.text);
    }
}

Test(ch08_heart_disease, draws_the_figures_of_the_experiments)
{
    figure_run f = run_drawing(NULL, "08-heart-disease", "--folds 2 --overfitting --scaling");
    cr_assert_eq(f.r.status, 0, "`%s`: exit status %d, output:\n%s", f.command, f.r.status,
                 f.r.text);
    expect_no_warning(&f);
    expect_figure(&f, "overfitting");
    expect_figure(&f, "scaling");
    free_figure_run(&f);
}

/* ---- the pipeline, saved and applied to new patients ---------------------------------- */

#define PIPELINE "data/heart-pipeline.nnmlp"
#define NEW_PATIENTS "data/new-patients.csv"

/* Expects csv to be what --predict writes for data/new-patients.csv: a header, then
 * scikit-learn's prediction and probabilities for each patient, to the bit. */
static void expect_scikit_learns_answers(const char *csv, const char *command)
{
    static const char header[] = "prediction,probability_-1,probability_1\n";
    cr_assert(strncmp(csv, header, strlen(header)) == 0,
              "`%s`: expected the header %sbut the output was:\n%s", command, header, csv);
    const char *p = csv + strlen(header);
    for (int i = 0; i < HEART_PREDICT_FX_N; i++) {
        char *end;
        double got[3];
        for (int c = 0; c < 3; c++) {
            got[c] = strtod(p, &end);
            cr_assert(end != p && *end == (c < 2 ? ',' : '\n'),
                      "`%s`: row %d, field %d is not a number:\n%s", command, i + 1, c + 1, csv);
            p = end + 1;
        }
        cr_expect_eq(got[0], heart_predict_fx_pred[i], "`%s`: patient %d (line %d of "
                     "heart_scale): predicted %g, scikit-learn %g", command, i + 1,
                     heart_predict_fx_lines[i], got[0], heart_predict_fx_pred[i]);
        for (int c = 0; c < 2; c++)
            cr_expect_eq(got[c + 1], heart_predict_fx_proba[i][c], "`%s`: patient %d, "
                         "P(class %g) = %.17g, scikit-learn's is %.17g", command, i + 1,
                         heart_predict_fx_classes[c], got[c + 1], heart_predict_fx_proba[i][c]);
    }
    cr_expect_str_eq(p, "", "`%s`: more than %d rows:\n%s", command, HEART_PREDICT_FX_N, csv);
}

static char *read_text(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot read %s", path);
    size_t cap = 1 << 16, n = 0;
    char *text = malloc(cap);
    size_t got;
    while ((got = fread(text + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2)
            text = realloc(text, cap *= 2);
    }
    fclose(f);
    text[n] = '\0';
    *size = n;
    return text;
}

Test(ch08_heart_disease, saves_the_pipeline_that_data_keeps_and_prints_nothing_else_new)
{
    char dir[64], path[128], command[256];
    temp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/heart.nnmlp", dir);
    snprintf(command, sizeof command, "08-heart-disease --plot=none --save-model %s", path);
    run_result saved = run_ok(command), plain = run_ok("08-heart-disease --plot=none");
    char line[300];
    snprintf(line, sizeof line, "Saved the scaler and the network fitted on the 202 training "
             "patients, as one\npipeline, to %s.\n\n", path);
    char *at = strstr(saved.text, line);
    cr_assert_not_null(at, "`%s`: expected\n%s\nin:\n%s", command, line, saved.text);
    memmove(at, at + strlen(line), strlen(at + strlen(line)) + 1);
    cr_expect_str_eq(saved.text, plain.text, "`%s` printed more than the line on saving",
                     command);
    size_t n_made, n_kept;
    char *made = read_text(path, &n_made), *kept = read_text(PIPELINE, &n_kept);
    cr_expect(n_made == n_kept && memcmp(made, kept, n_made) == 0,
              "%s is not what `%s` writes (%zu and %zu bytes): save it again with\n"
              "  build/bin/08-heart-disease --plot=none --save-model %s", PIPELINE, command,
              n_kept, n_made, PIPELINE);
    cr_expect(strstr(made, "\nfeature_names 13\n age\n sex\n cp\n") != NULL,
              "the pipeline keeps the names of the heart attributes");
    /* the pipeline just saved predicts what scikit-learn's does */
    snprintf(command, sizeof command, "08-heart-disease --predict %s --model %s", NEW_PATIENTS,
             path);
    run_result r = run_ok(command);
    expect_scikit_learns_answers(r.text, command);
    free(r.text);
    free(made);
    free(kept);
    free(saved.text);
    free(plain.text);
    unlink(path);
    rmdir(dir);
}

Test(ch08_heart_disease, predicts_scikit_learns_probabilities_for_new_patients)
{
    const char *command = "08-heart-disease --predict " NEW_PATIENTS " --model " PIPELINE;
    run_result r = run_ok(command);
    expect_scikit_learns_answers(r.text, command);

    /* --predictions: the same CSV in a file, and a line saying so */
    char dir[64], path[128], to_file[320];
    temp_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/answers.csv", dir);
    snprintf(to_file, sizeof to_file, "%s --predictions %s", command, path);
    run_result w = run_ok(to_file);
    char said[256];
    snprintf(said, sizeof said, "Wrote the predictions for 5 samples to %s.\n", path);
    cr_expect_str_eq(w.text, said, "`%s` printed:\n%s", to_file, w.text);
    size_t n;
    char *csv = read_text(path, &n);
    cr_expect_str_eq(csv, r.text, "`%s` wrote another CSV than it prints", to_file);
    free(csv);
    free(w.text);
    free(r.text);
    unlink(path);
    rmdir(dir);
}

Test(ch08_heart_disease, new_files_that_do_not_fit_the_pipeline_are_refused_where_they_go_wrong)
{
    DIR *bad = opendir("tests/data/bad");
    cr_assert_not_null(bad, "cannot open tests/data/bad");
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(bad)) != NULL) {
        const char *dot = strrchr(e->d_name, '.');
        if (!strstr(e->d_name, "_heart_new_") || !dot ||
            (strcmp(dot, ".csv") != 0 && strcmp(dot, ".libsvm") != 0))
            continue;
        char base[256], expected[512], command[600], line[700];
        snprintf(base, sizeof base, "tests/data/bad/%.*s", (int)(dot - e->d_name), e->d_name);
        snprintf(command, sizeof command, "%s.expected", base);
        FILE *f = fopen(command, "r");
        cr_assert(f && fgets(expected, sizeof expected, f), "%s is missing", command);
        fclose(f);
        snprintf(command, sizeof command, "08-heart-disease --predict tests/data/bad/%s --model "
                 PIPELINE, e->d_name);
        run_result r = run_program(command);
        cr_expect_eq(r.status, 1, "`%s`: exit status %d, expected 1:\n%s", command, r.status,
                     r.text);
        snprintf(line, sizeof line, "08-heart-disease: %s", expected);
        cr_expect_str_eq(r.text, line, "`%s` printed another message", command);
        free(r.text);
        n++;
    }
    closedir(bad);
    cr_expect_geq(n, 6, "only %zu new files in tests/data/bad", n);

    /* a model without a scaler, and no model at all */
    run_result r = run_program("08-heart-disease --predict " NEW_PATIENTS
                               " --model tests/data/good/model_v1.nnmlp");
    cr_expect_eq(r.status, 1);
    EXPECT_OUTPUT_HAS(r, "08-heart-disease: tests/data/good/model_v1.nnmlp:52: expected "
                         "'scaler', found 'end': this file holds a network alone");
    free(r.text);
    r = run_program("08-heart-disease --predict " NEW_PATIENTS " --model no/such.nnmlp");
    cr_expect_eq(r.status, 1);
    EXPECT_OUTPUT_HAS(r, "08-heart-disease: no/such.nnmlp: cannot open");
    free(r.text);
}
