/* data.h - loading a data set from a file: the LIBSVM/svmlight format and CSV.
 *
 * Chapter 8 trains on real patients, read from data/heart_scale, and invites the
 * learner to bring a file of their own. A loader is where a program first meets input
 * that nobody checked, so these never crash, never guess and never half-succeed: a
 * file either loads completely or the call returns an error whose message starts with
 * "file:line:column: " and says what was expected and what was found,
 *
 *     data/my.csv:14:9: expected a number in column 'chol', found 'n/a'
 *
 * (lines and columns count from 1; a column is a byte position in the line).
 *
 *     nn_error err;
 *     nn_dataset *ds = nn_data_load_libsvm("data/heart_scale", NULL, &err);
 *     if (!ds) { fprintf(stderr, "%s\n", err.message); return 1; }
 *     ... ds->X is 270 x 13, ds->y holds 270 labels +1/-1 ...
 *     nn_dataset_free(ds);
 *
 * Numbers are read with a strict grammar, [+-]digits[.digits][(e|E)[+-]digits] (".5"
 * and "5." too), then converted by strtod in the C locale, whatever the program's locale
 * (a C program runs in the C locale until it calls setlocale; we switch to it for the
 * call with uselocale, so a German locale's decimal comma cannot change a digit). NaN,
 * infinity, hexadecimal floats and numbers that overflow a double (1e999) are errors;
 * numbers too small for a double (1e-400) become 0 or a subnormal, as in Python.
 *
 * Every call either returns a complete data set or NULL with err filled:
 * NN_ERR_IO (the file cannot be read), NN_ERR_PARSE (the text is malformed; the message
 * has file:line:column), NN_ERR_ARG (bad options) or NN_ERR_NOMEM.
 */
#ifndef NN_DATA_H
#define NN_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "matrix.h"

/* Limits that keep a hostile or mistaken file from exhausting memory. */
#define NN_DATA_MAX_LINE 1048576u         /* bytes in one line (1 MiB), newline excluded */
#define NN_DATA_MAX_FEATURES 100000u      /* largest LIBSVM feature index */
#define NN_DATA_MAX_FILE 1073741824u      /* a file must be smaller than this (1 GiB) */

/* A loaded data set: n samples (X->rows) with X->cols features each, and a target per
 * sample. */
typedef struct nn_dataset {
    nn_matrix *X;          /* n x n_features, dense, row-major */
    double *y;             /* n targets (class labels or values); NULL for features only */
    char **feature_names;  /* X->cols names from a CSV header, or NULL when unknown */
    char *target_name;     /* the target column's name from a CSV header, or NULL */
    int64_t *qid;          /* LIBSVM: the qid of each sample, or NULL if the file has none */
    size_t n_imputed;      /* CSV: how many missing values were replaced by column means */
} nn_dataset;

/* Releases ds and everything it owns; NULL is a no-op. */
void nn_dataset_free(nn_dataset *ds);

/* ---- LIBSVM / svmlight ---------------------------------------------------------------
 *
 * One sample per line: a label, an optional qid:N, then index:value pairs with 1-based
 * indices in strictly increasing order, separated by spaces or tabs:
 *
 *     +1 qid:3 1:0.708333 2:1 4:-0.320755   # a comment runs to the end of the line
 *
 * The format is sparse: features left out are 0. Blank lines, comment-only lines, CRLF
 * line ends, a UTF-8 byte order mark and a missing final newline are accepted. Errors:
 * a missing or non-numeric label, index 0 (the format is 1-based; we never guess that a
 * file is 0-based), a negative, repeated or decreasing index, an index above
 * NN_DATA_MAX_FEATURES or above the caller's n_features, a value that is not a finite
 * number, qid on some lines but not others, a NUL byte, a line longer than
 * NN_DATA_MAX_LINE, and a file with no samples. */
typedef struct nn_libsvm_options {
    size_t n_features; /* 0: the largest index in the file; else exactly this many, and a
                        * larger index is an error (to load a test file like its train
                        * file, or new data like the model's n_features_in) */
    int features_only; /* nonzero: the lines have no label, only [qid:N] index:value
                        * pairs (new data to predict); y is then NULL */
} nn_libsvm_options;

/* Loads a LIBSVM file into a dense data set; opt may be NULL (all defaults). */
nn_dataset *nn_data_load_libsvm(const char *path, const nn_libsvm_options *opt,
                                nn_error *err);

/* The same from len bytes of text in memory (no NUL needed; NULs are errors); name
 * stands for the file in messages. */
nn_dataset *nn_data_parse_libsvm(const char *name, const char *text, size_t len,
                                 const nn_libsvm_options *opt, nn_error *err);

/* ---- CSV -----------------------------------------------------------------------------
 *
 * Rows of fields separated by a delimiter, as RFC 4180 describes them: a field may be
 * double-quoted, and then may hold delimiters, line breaks and "" for a quote. Spaces
 * and tabs around a field are ignored. An optional header row names the columns; one
 * column is the target, the others are the features, in file order. Blank lines, CRLF
 * line ends, a UTF-8 byte order mark and a missing final newline are accepted.
 *
 * A missing value is an empty field or "?" (as in the UCI files). By default it is an
 * error that names its place; with NN_CSV_MISSING_MEAN a missing feature value is
 * replaced by the mean of the values present in its column in this file (summed in
 * file order), and n_imputed counts the replacements. A missing target is always an
 * error. Also errors: a row with more or fewer fields than the first, a field that is
 * not a finite number, a quote inside an unquoted field, a quoted field never closed,
 * a stray carriage return, a NUL byte, a line longer than NN_DATA_MAX_LINE, and a file
 * with no data rows.
 *
 * To predict for new data, load it as the model expects it: features_only (no target
 * column), n_features = the model's n_features_in, and feature_names = the names it was
 * trained with, if it has them. A file that does not fit is then an error at its place:
 * "new.csv:1:1: this row has 12 features, but 13 are expected", "new.csv:1:14: column 3
 * is named 'chol', but the model was trained with 'trestbps' there". Missing values
 * in mean mode are filled with this file's means, not the training data's. */
typedef enum nn_csv_missing {
    NN_CSV_MISSING_ERROR = 0, /* a missing value is an error (the default) */
    NN_CSV_MISSING_MEAN       /* fill it with its column's mean */
} nn_csv_missing;

typedef struct nn_csv_options {
    char delimiter;          /* ',' by default; not '"', CR, LF or NUL */
    int header;              /* nonzero (default): the first row names the columns */
    const char *target;      /* the target column's name (needs a header), or NULL */
    long target_column;      /* if target is NULL: 0-based column index, negative counts
                              * from the end (-1, the default, is the last column) */
    nn_csv_missing missing;  /* NN_CSV_MISSING_ERROR by default */
    /* New data for a fitted model (predicting): */
    int features_only;       /* nonzero: no target column, every column is a feature
                              * (target and target_column are ignored; y is NULL) */
    size_t n_features;       /* nonzero: the rows must have exactly this many features */
    const char *const *feature_names; /* non-NULL (with n_features): the header must
                              * name the features so, in this order; a file without a
                              * header is not checked (nn_mlp_feature_names gives a
                              * saved model's names) */
} nn_csv_options;

/* {',', header, target NULL, target_column -1, NN_CSV_MISSING_ERROR, 0, 0, NULL}. */
nn_csv_options nn_csv_defaults(void);

/* Loads a CSV file; opt may be NULL (nn_csv_defaults()). */
nn_dataset *nn_data_load_csv(const char *path, const nn_csv_options *opt, nn_error *err);

/* The same from len bytes of text in memory; name stands for the file in messages. */
nn_dataset *nn_data_parse_csv(const char *name, const char *text, size_t len,
                              const nn_csv_options *opt, nn_error *err);

/* ---- Selecting samples ---------------------------------------------------------------
 * After a split (model_selection.h), gather the rows of each part, in the given order. */

/* A new n x X->cols matrix whose row k is X's row rows[k] (numpy: X[rows]).
 * NN_ERR_ARG if an index is out of range. */
nn_matrix *nn_data_take_rows(const nn_matrix *X, const size_t *rows, size_t n,
                             nn_error *err);

/* A new array of n values, out[k] = y[idx[k]], where y has len entries (numpy: y[idx]).
 * NN_ERR_ARG if an index is out of range. Free with nn_alloc_free. */
double *nn_data_take(const double *y, size_t len, const size_t *idx, size_t n,
                     nn_error *err);

#endif
