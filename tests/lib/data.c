/* tests/lib/data.c - the LIBSVM and CSV loaders: good files, bad files, and noise.
 *
 * Four kinds of test:
 *   - good LIBSVM files (data/heart_scale and tests/data/good/NAME.libsvm) must give the
 *     numbers scikit-learn's load_svmlight_file gives (fixtures/data.h, exact);
 *   - good CSV files (tests/data/good/NAME.csv) must give the values written out below;
 *   - every malformed file in tests/data/bad/ must fail with exactly the message in its
 *     NAME.expected file (options, if any, in NAME.options; see the corpus test);
 *   - mutated and random inputs must never crash: each one loads or fails with a
 *     message that starts with the input's name.
 * Tests run from the repository root, so paths are relative to it.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "data.h"
#include "fixtures/data.h"
#include "random.h"

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

TestSuite(data, .timeout = 60);

/* ---- helpers ---------------------------------------------------------------------- */

/* The whole file at path (malloc'd, test-side), its length in *len. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open %s (tests run from the repository root)", path);
    size_t cap = 1 << 16, used = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while ((got = fread(buf + used, 1, cap - used, f)) > 0) {
        used += got;
        if (used == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
    }
    fclose(f);
    buf[used] = '\0';
    *len = used;
    return buf;
}

static void expect_row(const nn_dataset *ds, size_t i, const double *expected, double y,
                       const char *what)
{
    for (size_t j = 0; j < ds->X->cols; j++)
        cr_expect(ds->X->data[i * ds->X->cols + j] == expected[j],
                  "%s: X[%zu][%zu] = %.17g, expected %.17g", what, i, j,
                  ds->X->data[i * ds->X->cols + j], expected[j]);
    cr_expect(ds->y[i] == y, "%s: y[%zu] = %.17g, expected %.17g", what, i, ds->y[i], y);
}

static void expect_names(char *const *got, const char *const *expected, size_t n,
                         const char *what)
{
    cr_assert_not_null(got, "%s: feature names missing", what);
    for (size_t j = 0; j < n; j++)
        cr_expect_str_eq(got[j], expected[j], "%s: name %zu: expected \"%s\", got \"%s\"", what,
                         j, expected[j], got[j]);
}

/* ---- LIBSVM: good files ------------------------------------------------------------ */

Test(data, heart_scale_is_the_shipped_file_and_loads_as_scikit_learn_reads_it)
{
    /* The fixture's first entry is data/heart_scale, checked by the generator against
     * the shipped file's SHA-256; here the loader's output is checked against it. */
    nn_error err = {NN_OK, ""};
    nn_dataset *ds = nn_data_load_libsvm("data/heart_scale", NULL, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_assert_eq(ds->X->rows, 270, "270 patients, got %zu", ds->X->rows);
    cr_assert_eq(ds->X->cols, 13, "13 attributes, got %zu", ds->X->cols);
    size_t sick = 0;
    for (size_t i = 0; i < 270; i++) {
        cr_assert(ds->y[i] == 1.0 || ds->y[i] == -1.0, "label %zu is %g", i, ds->y[i]);
        sick += ds->y[i] == 1.0;
    }
    cr_expect_eq(sick, 120, "120 patients with heart disease, got %zu", sick);
    for (size_t k = 0; k < 270 * 13; k++)
        cr_assert(ds->X->data[k] >= -1.0 && ds->X->data[k] <= 1.0,
                  "value %zu = %g is outside [-1, 1]", k, ds->X->data[k]);
    cr_expect_null(ds->feature_names, "LIBSVM files have no names");
    cr_expect_null(ds->qid);
    nn_dataset_free(ds);
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(data, libsvm_files_load_as_scikit_learn_reads_them)
{
    for (size_t f = 0; f < COUNT_OF(data_fx_libsvm_files); f++) {
        const data_fx_libsvm *fx = &data_fx_libsvm_files[f];
        nn_error err = {NN_OK, ""};
        nn_dataset *ds = nn_data_load_libsvm(fx->path, NULL, &err);
        cr_assert_not_null(ds, "%s: %s", fx->path, err.message);
        cr_assert_eq(ds->X->rows, fx->rows, "%s: %zu rows, scikit-learn reads %zu", fx->path,
                     ds->X->rows, fx->rows);
        cr_assert_eq(ds->X->cols, fx->cols, "%s: %zu columns, scikit-learn reads %zu",
                     fx->path, ds->X->cols, fx->cols);
        for (size_t i = 0; i < fx->rows; i++)
            expect_row(ds, i, fx->X + i * fx->cols, fx->y[i], fx->path);
        if (fx->qid) {
            cr_assert_not_null(ds->qid, "%s: qids missing", fx->path);
            for (size_t i = 0; i < fx->rows; i++)
                cr_expect_eq(ds->qid[i], fx->qid[i], "%s: qid[%zu] = %lld, expected %lld",
                             fx->path, i, (long long)ds->qid[i], (long long)fx->qid[i]);
        } else {
            cr_expect_null(ds->qid, "%s: no qid in the file, none in the data set", fx->path);
        }
        nn_dataset_free(ds);
    }
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(data, libsvm_n_features_fixes_the_width)
{
    const char text[] = "+1 1:1 3:2\n-1 2:5\n";
    nn_libsvm_options opt = {.n_features = 13};
    nn_error err = {NN_OK, ""};
    nn_dataset *ds = nn_data_parse_libsvm("test", text, strlen(text), &opt, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_expect_eq(ds->X->cols, 13, "13 columns asked for, got %zu", ds->X->cols);
    cr_expect(ds->X->data[13 + 1] == 5.0 && ds->X->data[12] == 0.0);
    nn_dataset_free(ds);
    opt.n_features = 2;
    cr_expect_null(nn_data_parse_libsvm("test", text, strlen(text), &opt, &err));
    cr_expect_str_eq(err.message,
                     "test:1:8: feature index '3' is larger than the 2 features asked for");
}

/* ---- CSV: good files --------------------------------------------------------------- */

Test(data, csv_basic_file_with_header_and_target_last)
{
    nn_error err = {NN_OK, ""};
    nn_dataset *ds = nn_data_load_csv("tests/data/good/basic.csv", NULL, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_assert_eq(ds->X->rows, 4);
    cr_assert_eq(ds->X->cols, 2);
    expect_row(ds, 0, (const double[]){63, 233}, 1, "basic.csv");
    expect_row(ds, 3, (const double[]){56.5, 236}, 1, "basic.csv");
    expect_names(ds->feature_names, (const char *const[]){"age", "chol"}, 2, "basic.csv");
    cr_expect_str_eq(ds->target_name, "sick");
    cr_expect_eq(ds->n_imputed, 0);
    nn_dataset_free(ds);
}

Test(data, csv_quotes_escapes_crlf_bom_blank_lines_and_no_final_newline)
{
    nn_error err = {NN_OK, ""};
    nn_dataset *ds = nn_data_load_csv("tests/data/good/quoted.csv", NULL, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_assert_eq(ds->X->rows, 3, "3 rows (the blank line is skipped), got %zu", ds->X->rows);
    cr_assert_eq(ds->X->cols, 3);
    expect_row(ds, 0, (const double[]){1.5, 2, 3}, -1, "quoted.csv");
    expect_row(ds, 1, (const double[]){40, 5, -0.5}, 1, "quoted.csv");
    expect_row(ds, 2, (const double[]){7, 8, 9}, 1, "quoted.csv");
    expect_names(ds->feature_names, (const char *const[]){"age", "chol \"mg/dl\"", "max\r\nrate"},
                 3, "quoted.csv");
    cr_expect_str_eq(ds->target_name, "target");
    nn_dataset_free(ds);
}

Test(data, csv_missing_values_are_errors_or_column_means_as_asked)
{
    nn_error err = {NN_OK, ""};
    cr_expect_null(nn_data_load_csv("tests/data/good/missing.csv", NULL, &err));
    cr_expect_str_eq(err.message,
                     "tests/data/good/missing.csv:2:3: missing value ('?') in column 'b'; to "
                     "fill missing values with their column's mean, pass missing = "
                     "NN_CSV_MISSING_MEAN");
    nn_csv_options opt = nn_csv_defaults();
    opt.missing = NN_CSV_MISSING_MEAN;
    nn_dataset *ds = nn_data_load_csv("tests/data/good/missing.csv", &opt, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_expect_eq(ds->n_imputed, 3, "three values filled, got %zu", ds->n_imputed);
    /* a: 1, ?, 7, 4 -> (1 + 7 + 4) / 3 = 4; b: ?, 5, 8, 2 -> 5; c: 3, 6, ?, 1 -> 10/3 */
    expect_row(ds, 0, (const double[]){1, 5, 3}, 0, "missing.csv");
    expect_row(ds, 1, (const double[]){4, 5, 6}, 1, "missing.csv");
    expect_row(ds, 2, (const double[]){7, 8, 10.0 / 3.0}, 0, "missing.csv");
    nn_dataset_free(ds);
}

Test(data, csv_delimiter_and_target_by_name_or_index)
{
    nn_csv_options opt = nn_csv_defaults();
    opt.delimiter = ';';
    opt.target = "label";
    nn_error err = {NN_OK, ""};
    nn_dataset *ds = nn_data_load_csv("tests/data/good/semicolon.csv", &opt, &err);
    cr_assert_not_null(ds, "%s", err.message);
    expect_row(ds, 0, (const double[]){0.5, -1}, 2, "semicolon.csv");
    expect_row(ds, 2, (const double[]){2.5, -3}, 1, "semicolon.csv");
    expect_names(ds->feature_names, (const char *const[]){"x1", "x2"}, 2, "semicolon.csv");
    nn_dataset_free(ds);

    opt.target = NULL;
    opt.target_column = -2; /* counted from the end: "label" again */
    ds = nn_data_load_csv("tests/data/good/semicolon.csv", &opt, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_expect(ds->y[0] == 2.0, "target_column -2 is 'label', got y[0] = %g", ds->y[0]);
    nn_dataset_free(ds);

    nn_csv_options plain = nn_csv_defaults();
    plain.header = 0;
    plain.target_column = 0;
    ds = nn_data_load_csv("tests/data/good/noheader.csv", &plain, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_expect_eq(ds->X->rows, 3, "without a header the first row is data");
    expect_row(ds, 1, (const double[]){0.3, 0.4}, 0, "noheader.csv");
    cr_expect_null(ds->feature_names);
    cr_expect_null(ds->target_name);
    nn_dataset_free(ds);
}

Test(data, csv_options_are_checked_before_reading)
{
    nn_error err = {NN_OK, ""};
    nn_csv_options opt = nn_csv_defaults();
    opt.delimiter = '"';
    cr_expect_null(nn_data_parse_csv("t", "a,b\n1,2\n", 8, &opt, &err));
    cr_expect_eq(err.code, NN_ERR_ARG);
    opt = nn_csv_defaults();
    opt.header = 0;
    opt.target = "y";
    cr_expect_null(nn_data_parse_csv("t", "1,2\n", 4, &opt, &err));
    cr_expect_eq(err.code, NN_ERR_ARG);
    cr_expect(strstr(err.message, "needs a header") != NULL, "%s", err.message);
}

/* ---- malformed files: the corpus ----------------------------------------------------
 *
 * tests/data/bad/NAME.csv or NAME.libsvm is a malformed input; NAME.expected holds the
 * exact message its loader must return (one line, the path as given here); the
 * optional NAME.options holds key=value lines: n_features=N and features_only=1 (both
 * loaders), delimiter=C, header=0, target=NAME, target_column=K, missing=mean and
 * feature_names=A,B,C (CSV), and code=arg when the expected status is NN_ERR_ARG rather
 * than NN_ERR_PARSE. */
#define BAD_DIR "tests/data/bad"

typedef struct corpus_options {
    nn_libsvm_options libsvm;
    nn_csv_options csv;
    char target[128];
    char names_text[256];
    const char *names[16];
    nn_status code;
} corpus_options;

static void read_options(const char *base, corpus_options *o)
{
    memset(o, 0, sizeof *o);
    o->csv = nn_csv_defaults();
    o->code = NN_ERR_PARSE;
    char path[512];
    snprintf(path, sizeof path, "%s/%s.options", BAD_DIR, base);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        cr_assert_not_null(eq, "%s: expected key=value, found \"%s\"", path, line);
        *eq = '\0';
        const char *key = line, *value = eq + 1;
        if (strcmp(key, "n_features") == 0)
            o->libsvm.n_features = o->csv.n_features = (size_t)strtoul(value, NULL, 10);
        else if (strcmp(key, "features_only") == 0)
            o->libsvm.features_only = o->csv.features_only = atoi(value);
        else if (strcmp(key, "feature_names") == 0) {
            snprintf(o->names_text, sizeof o->names_text, "%s", value);
            size_t k = 0;
            for (char *t = strtok(o->names_text, ","); t && k < 16; t = strtok(NULL, ","))
                o->names[k++] = t;
            o->csv.feature_names = o->names;
        }
        else if (strcmp(key, "delimiter") == 0)
            o->csv.delimiter = value[0];
        else if (strcmp(key, "header") == 0)
            o->csv.header = atoi(value);
        else if (strcmp(key, "target") == 0) {
            snprintf(o->target, sizeof o->target, "%s", value);
            o->csv.target = o->target;
        } else if (strcmp(key, "target_column") == 0)
            o->csv.target_column = strtol(value, NULL, 10);
        else if (strcmp(key, "missing") == 0 && strcmp(value, "mean") == 0)
            o->csv.missing = NN_CSV_MISSING_MEAN;
        else if (strcmp(key, "code") == 0 && strcmp(value, "arg") == 0)
            o->code = NN_ERR_ARG;
        else
            cr_assert_fail("%s: unknown option \"%s=%s\"", path, key, value);
    }
    fclose(f);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

Test(data, every_malformed_file_fails_with_its_expected_message)
{
    DIR *dir = opendir(BAD_DIR);
    cr_assert_not_null(dir, "cannot open %s", BAD_DIR);
    char *names[256];
    size_t n = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        const char *dot = strrchr(entry->d_name, '.');
        if (dot && (strcmp(dot, ".csv") == 0 || strcmp(dot, ".libsvm") == 0)) {
            cr_assert_lt(n, COUNT_OF(names), "too many files in %s", BAD_DIR);
            names[n++] = strdup(entry->d_name);
        }
    }
    closedir(dir);
    qsort(names, n, sizeof *names, by_name);
    cr_assert_geq(n, 60, "the corpus has only %zu inputs", n);

    size_t csv = 0, libsvm = 0;
    for (size_t k = 0; k < n; k++) {
        char base[256], path[512], expected_path[512];
        snprintf(base, sizeof base, "%s", names[k]);
        int is_csv = strcmp(strrchr(base, '.'), ".csv") == 0;
        *strrchr(base, '.') = '\0';
        snprintf(path, sizeof path, "%s/%s", BAD_DIR, names[k]);
        snprintf(expected_path, sizeof expected_path, "%s/%s.expected", BAD_DIR, base);
        size_t len;
        char *expected = slurp(expected_path, &len);
        expected[strcspn(expected, "\n")] = '\0';
        corpus_options o;
        read_options(base, &o);

        nn_error err = {NN_OK, ""};
        nn_dataset *ds = is_csv ? nn_data_load_csv(path, &o.csv, &err)
                                : nn_data_load_libsvm(path, &o.libsvm, &err);
        cr_expect_null(ds, "%s: loaded, but it is malformed", path);
        nn_dataset_free(ds);
        cr_expect_eq(err.code, o.code, "%s: status %s, expected %s", path,
                     nn_status_name(err.code), nn_status_name(o.code));
        cr_expect_str_eq(err.message, expected, "%s:\n expected: %s\n      got: %s", path,
                         expected, err.message);
        free(expected);
        free(names[k]);
        csv += is_csv;
        libsvm += !is_csv;
    }
    cr_expect_gt(csv, 20, "only %zu CSV inputs", csv);
    cr_expect_gt(libsvm, 20, "only %zu LIBSVM inputs", libsvm);
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(data, a_line_longer_than_the_limit_is_an_error_in_both_formats)
{
    /* A valid line of exactly NN_DATA_MAX_LINE bytes (padded with blanks) loads; one
     * byte more is refused, at the first byte past the limit. */
    const size_t max = NN_DATA_MAX_LINE;
    char *text = malloc(max + 8);
    memset(text, ' ', max + 8);
    memcpy(text, "1 1:1", 5);
    text[max] = '\n';
    nn_error err = {NN_OK, ""};
    nn_dataset *ds = nn_data_parse_libsvm("long", text, max + 1, NULL, &err);
    cr_expect_not_null(ds, "a line of exactly %zu bytes is allowed: %s", max, err.message);
    nn_dataset_free(ds);
    text[max] = ' ';
    text[max + 1] = '\n';
    cr_expect_null(nn_data_parse_libsvm("long", text, max + 2, NULL, &err));
    cr_expect_str_eq(err.message, "long:1:1048577: line is longer than 1048576 bytes");

    memset(text, ' ', max + 8);
    memcpy(text, "a,b\n1,", 6); /* line 2 starts at offset 4 */
    text[4 + max - 1] = '2';
    text[4 + max] = '\n';
    ds = nn_data_parse_csv("long", text, 4 + max + 1, NULL, &err);
    cr_expect_not_null(ds, "a CSV line of exactly %zu bytes is allowed: %s", max, err.message);
    nn_dataset_free(ds);
    text[4 + max] = '2';
    text[4 + max + 1] = '\n';
    cr_expect_null(nn_data_parse_csv("long", text, 4 + max + 2, NULL, &err));
    cr_expect_str_eq(err.message, "long:2:1048577: line is longer than 1048576 bytes");
    free(text);
}

Test(data, files_that_cannot_be_read_are_io_errors)
{
    nn_error err = {NN_OK, ""};
    cr_expect_null(nn_data_load_libsvm("tests/data/no-such-file", NULL, &err));
    cr_expect_eq(err.code, NN_ERR_IO);
    cr_expect_str_eq(err.message,
                     "tests/data/no-such-file: cannot open: No such file or directory");
    cr_expect_null(nn_data_load_csv("tests/data", NULL, &err));
    cr_expect_eq(err.code, NN_ERR_IO);
    cr_expect_str_eq(err.message, "tests/data: cannot read: Is a directory");
}

/* ---- robustness ---------------------------------------------------------------------- */

/* Parses text both ways; either result is fine, but a failure must be a located message
 * naming the input, and a success must be a consistent data set. */
static void parse_both_ways(const char *text, size_t len, const char *what)
{
    nn_error err = {NN_OK, ""};
    nn_dataset *a = nn_data_parse_libsvm("fuzz", text, len, NULL, &err);
    if (!a)
        cr_assert(strncmp(err.message, "fuzz:", 5) == 0 || err.code == NN_ERR_NOMEM,
                  "%s: LIBSVM error without location: %s", what, err.message);
    else
        cr_assert(a->X->rows > 0 && a->y != NULL, "%s: empty data set returned", what);
    nn_dataset_free(a);
    nn_csv_options opt = nn_csv_defaults();
    opt.missing = NN_CSV_MISSING_MEAN;
    nn_dataset *b = nn_data_parse_csv("fuzz", text, len, &opt, &err);
    if (!b)
        cr_assert(strncmp(err.message, "fuzz:", 5) == 0 || err.code == NN_ERR_NOMEM,
                  "%s: CSV error without location: %s", what, err.message);
    else
        for (size_t k = 0; k < b->X->rows * b->X->cols; k++)
            cr_assert(isfinite(b->X->data[k]), "%s: CSV gave a non-finite value", what);
    nn_dataset_free(b);
}

Test(data, mutated_and_random_inputs_never_crash_and_always_say_where)
{
    const char *seeds[] = {"data/heart_scale", "tests/data/good/quoted.csv",
                           "tests/data/good/qid.libsvm", "tests/data/good/missing.csv",
                           "tests/data/good/sparse.libsvm"};
    const char alphabet[] = "0123456789+-.eE:# ,;\"?\r\n\t\0xqid";
    nn_rng rng;
    nn_rng_seed(&rng, 2024);
    for (size_t s = 0; s < COUNT_OF(seeds); s++) {
        size_t len;
        char *original = slurp(seeds[s], &len);
        if (len > 4000)
            len = 4000; /* a prefix is plenty, and keeps the test fast */
        char *text = malloc(len + 8);
        for (int round = 0; round < 1500; round++) {
            memcpy(text, original, len);
            size_t n = len;
            int edits = 1 + (int)nn_rng_interval(&rng, 7);
            for (int e = 0; e < edits && n > 0; e++) {
                size_t at = (size_t)nn_rng_interval(&rng, n - 1);
                switch (nn_rng_interval(&rng, 3)) {
                case 0: /* replace a byte by one the parsers care about */
                    text[at] = alphabet[nn_rng_interval(&rng, sizeof alphabet - 2)];
                    break;
                case 1: /* replace a byte by any byte */
                    text[at] = (char)nn_rng_interval(&rng, 255);
                    break;
                case 2: /* delete a byte */
                    memmove(text + at, text + at + 1, n - at - 1);
                    n--;
                    break;
                default: /* cut the text short */
                    n = at;
                    break;
                }
            }
            char what[64];
            snprintf(what, sizeof what, "%s, mutation %d", seeds[s], round);
            parse_both_ways(text, n, what);
        }
        free(text);
        free(original);
    }
    char random[256];
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)nn_rng_interval(&rng, sizeof random);
        for (size_t k = 0; k < n; k++)
            random[k] = round % 2 ? alphabet[nn_rng_interval(&rng, sizeof alphabet - 2)]
                                  : (char)nn_rng_interval(&rng, 255);
        parse_both_ways(random, n, "random bytes");
    }
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(data, every_allocation_failure_is_reported_without_leaks)
{
    size_t len;
    char *heart = slurp("data/heart_scale", &len);
    char *quoted = slurp("tests/data/good/quoted.csv", &len);
    size_t quoted_len = len;
    for (int format = 0; format < 2; format++) {
        int finished = 0;
        for (long fail = 0; fail < 400 && !finished; fail++) {
            nn_error err = {NN_OK, ""};
            nn_alloc_fail_after(fail);
            nn_dataset *ds = format == 0
                                 ? nn_data_parse_libsvm("heart", heart, strlen(heart), NULL, &err)
                                 : nn_data_parse_csv("quoted", quoted, quoted_len, NULL, &err);
            nn_alloc_fail_after(-1);
            finished = ds != NULL;
            if (!finished)
                cr_expect_eq(err.code, NN_ERR_NOMEM, "format %d, failure #%ld: got %s (%s)",
                             format, fail, nn_status_name(err.code), err.message);
            nn_dataset_free(ds);
            cr_expect_eq(nn_alloc_live(), 0, "format %d, failure #%ld: %ld blocks leaked", format,
                         fail, nn_alloc_live());
        }
        cr_expect(finished, "format %d never loaded", format);
    }
    free(heart);
    free(quoted);
}

/* Switches the program to a locale whose decimal mark is a comma and returns its name.
 * One installed on the system will do; otherwise de_DE.UTF-8 is compiled once with
 * glibc's localedef into build/locale and found through LOCPATH, which needs no root,
 * only the locale sources (Debian's `locales` package, which tools/deps.sh installs).
 * When neither works the test fails, saying why: it never passes without running. */
static const char *use_comma_locale(void)
{
    const char *installed[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
                               "nl_NL.UTF-8", "ru_RU.UTF-8"};
    for (size_t k = 0; k < COUNT_OF(installed); k++)
        if (setlocale(LC_ALL, installed[k]) && strcmp(localeconv()->decimal_point, ",") == 0)
            return installed[k];

    FILE *probe = fopen("build/locale/de_DE.UTF-8/LC_NUMERIC", "rb");
    if (probe) {
        fclose(probe);
    } else {
        /* Compiled under a temporary name, then renamed into place whole. */
        mkdir("build", 0777);
        mkdir("build/tmp", 0777);
        char dir[] = "build/tmp/locale-XXXXXX";
        cr_assert_not_null(mkdtemp(dir), "cannot make a directory under build/tmp");
        char command[256];
        snprintf(command, sizeof command,
                 "localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 >%s/log 2>&1", dir, dir);
        int status = system(command);
        char log[256];
        snprintf(log, sizeof log, "%s/log", dir);
        remove(log);
        cr_assert_eq(status, 0,
                     "no locale with a decimal comma is installed, and `%s` failed (exit "
                     "status %d): install the locale sources (Debian: apt-get install locales)",
                     command, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        if (rename(dir, "build/locale") != 0) { /* did another run get there first? */
            probe = fopen("build/locale/de_DE.UTF-8/LC_NUMERIC", "rb");
            cr_assert_not_null(probe, "cannot move %s to build/locale", dir);
            fclose(probe);
        }
    }
    char where[4096];
    cr_assert_not_null(getcwd(where, sizeof where - sizeof "/build/locale"));
    strcat(where, "/build/locale"); /* absolute, whatever the directory */
    setenv("LOCPATH", where, 1);
    cr_assert_not_null(setlocale(LC_ALL, "de_DE.UTF-8"),
                       "setlocale(LC_ALL, \"de_DE.UTF-8\") failed with LOCPATH=build/locale");
    cr_assert_str_eq(localeconv()->decimal_point, ",",
                     "de_DE.UTF-8 from build/locale has no decimal comma");
    return "de_DE.UTF-8 (compiled into build/locale)";
}

Test(data, numbers_are_read_in_the_c_locale_whatever_the_programs_locale)
{
    const char *set = use_comma_locale();
    const char text[] = "+1 1:0.5 2:-1.25e1\n";
    nn_error err = {NN_OK, ""};
    nn_dataset *ds = nn_data_parse_libsvm("t", text, strlen(text), NULL, &err);
    cr_assert_not_null(ds, "under %s: %s", set, err.message);
    cr_expect(ds->X->data[0] == 0.5 && ds->X->data[1] == -12.5, "under %s: got %g and %g", set,
              ds->X->data[0], ds->X->data[1]);
    nn_dataset_free(ds);
    cr_expect_str_eq(localeconv()->decimal_point, ",", "the program's locale must be restored");
}

/* ---- taking rows ------------------------------------------------------------------- */

Test(data, take_rows_and_take_gather_in_the_given_order)
{
    const double x[] = {0, 1, 10, 11, 20, 21}, y[] = {5, 6, 7};
    nn_matrix *X = nn_matrix_from_array(3, 2, x, NULL);
    const size_t idx[] = {2, 0, 2};
    nn_error err = {NN_OK, ""};
    nn_matrix *T = nn_data_take_rows(X, idx, 3, &err);
    cr_assert_not_null(T, "%s", err.message);
    const double expected[] = {20, 21, 0, 1, 20, 21};
    for (size_t k = 0; k < 6; k++)
        cr_expect(T->data[k] == expected[k], "element %zu: %g, expected %g", k, T->data[k],
                  expected[k]);
    double *t = nn_data_take(y, 3, idx, 3, &err);
    cr_assert_not_null(t, "%s", err.message);
    cr_expect(t[0] == 7 && t[1] == 5 && t[2] == 7);
    const size_t bad[] = {3};
    cr_expect_null(nn_data_take_rows(X, bad, 1, &err));
    cr_expect_str_eq(err.message, "take_rows: index 3 is out of bounds for axis 0 with size 3");
    cr_expect_null(nn_data_take(y, 3, bad, 1, &err));
    nn_alloc_free(t);
    nn_matrix_free(T);
    nn_matrix_free(X);
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(data, csv_with_tab_delimiter_keeps_empty_fields_and_skips_blank_lines)
{
    /* "\t\t" is a row of three empty fields when tab is the delimiter, not a blank line;
     * a line of spaces is blank. */
    const char text[] = "a\tb\ty\n1\t 2 \t0\n   \n\t\t\n";
    nn_csv_options opt = nn_csv_defaults();
    opt.delimiter = '\t';
    opt.missing = NN_CSV_MISSING_MEAN; /* so the features pass and the target fails */
    nn_error err = {NN_OK, ""};
    cr_expect_null(nn_data_parse_csv("tabs", text, strlen(text), &opt, &err));
    cr_expect_str_eq(err.message, "tabs:4:3: the target (column 'y') is missing, and a label "
                                  "cannot be imputed");
    nn_dataset *ds = nn_data_parse_csv("tabs", text, 16, &opt, &err); /* up to "  " */
    cr_assert_not_null(ds, "%s", err.message);
    expect_row(ds, 0, (const double[]){1, 2}, 0, "tabs");
    nn_dataset_free(ds);
}

/* New data to predict: features alone, checked against what a model expects. */
Test(data, features_only_files_load_for_prediction)
{
    nn_error err;
    const char *names[] = {"age", "sex", "chol"};
    nn_csv_options opt = nn_csv_defaults();
    opt.features_only = 1;
    opt.n_features = 3;
    opt.feature_names = names;
    nn_dataset *ds = nn_data_load_csv("tests/data/good/new.csv", &opt, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_assert(ds->X->rows == 2 && ds->X->cols == 3 && ds->y == NULL && !ds->target_name);
    double want[] = {63, 1, 233, 41, 0, 204};
    for (size_t i = 0; i < 6; i++)
        cr_assert_eq(ds->X->data[i], want[i]);
    for (size_t j = 0; j < 3; j++)
        cr_assert_str_eq(ds->feature_names[j], names[j]);
    nn_dataset_free(ds);

    /* without a header: only the width is checked */
    opt.header = 0;
    ds = nn_data_parse_csv("rows", "5,6,7\n8,9,10\n", 13, &opt, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_assert(ds->X->rows == 2 && ds->X->data[5] == 10 && !ds->feature_names && !ds->y);
    nn_dataset_free(ds);

    /* the same file with its target column, loaded for training, is unchanged */
    ds = nn_data_parse_csv("t", "a,b,y\n1,2,0\n", 12, NULL, &err);
    cr_assert(ds && ds->y && ds->y[0] == 0 && ds->X->cols == 2);
    nn_dataset_free(ds);

    nn_libsvm_options lo = {.n_features = 3, .features_only = 1};
    ds = nn_data_load_libsvm("tests/data/good/new.libsvm", &lo, &err);
    cr_assert_not_null(ds, "%s", err.message);
    cr_assert(ds->X->rows == 2 && ds->X->cols == 3 && ds->y == NULL);
    double sparse[] = {63, 1, 233, 41, 0, 204};
    for (size_t i = 0; i < 6; i++)
        cr_assert_eq(ds->X->data[i], sparse[i]);
    nn_dataset_free(ds);
}
