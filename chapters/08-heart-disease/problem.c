/* problem.c - the data of chapter 8's program. It reads the shipped heart data
 * (data/heart_scale, LIBSVM) or a file of your own (LIBSVM, or CSV with a header row and
 * a target column of your choice), checks that the target holds exactly two classes,
 * and names them for the report. Nothing here is about learning: it is what lets the
 * same recipe run on other data. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "problem.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if ((s[n - k + i] | 0x20) != suffix[i]) /* ASCII letters, any case */
            return false;
    return true;
}

const char *data_check_flags(data_options *opt, nn_error *err)
{
    if (opt->format == FORMAT_AUTO)
        opt->format = ends_with(opt->path, ".csv") ? FORMAT_CSV : FORMAT_LIBSVM;
    if (opt->target && opt->format != FORMAT_CSV) {
        nn_error_set(err, NN_ERR_ARG, "a LIBSVM file has its target first on every "
                                      "line; --target chooses a CSV column");
        return "--target";
    }
    return NULL;
}

const char *data_hint(const data_options *opt, const char *message)
{
    if (strstr(message, "missing value") && !opt->fill_missing)
        return "(--fill-missing fills missing values with column means)";
    return NULL;
}

// [load]
/* Reads the file in the format asked for: LIBSVM (the shipped data/heart_scale) or CSV
 * with a header row and the target in the column named or numbered by target (the
 * last column by default). A malformed file is an error with file:line:column; so is
 * a missing value, unless fill_missing asks for column means. */
static nn_dataset *load(const char *path, data_format format, const char *target,
                        bool fill_missing, nn_error *err)
{
    if (format == FORMAT_LIBSVM)
        return nn_data_load_libsvm(path, NULL, err);
    nn_csv_options csv = nn_csv_defaults();
    if (fill_missing)
        csv.missing = NN_CSV_MISSING_MEAN; /* "?" or empty: the column's mean */
    if (target) {
        char *end;
        long column = strtol(target, &end, 10);
        if (end != target && *end == '\0')
            csv.target_column = column; /* 0 is the first column, -1 the last */
        else
            csv.target = target;        /* a name from the header row */
    }
    return nn_data_load_csv(path, &csv, err);
}
// [end load]

/* The distinct values of the target, up to three (three already means too many). Fails
 * on a value that is not a whole number. */
static nn_status find_classes(const nn_dataset *ds, const char *path, double seen[3],
                              size_t *k, nn_error *err)
{
    *k = 0;
    for (size_t i = 0; i < ds->X->rows && *k < 3; i++) {
        double v = ds->y[i];
        if (v != floor(v))
            return nn_error_set(err, NN_ERR_ARG,
                                "%s: the target of sample %zu is %g, which is not a class "
                                "label (a whole number)",
                                path, i + 1, v);
        bool known = false;
        for (size_t j = 0; j < *k; j++)
            known |= seen[j] == v;
        if (!known)
            seen[(*k)++] = v;
    }
    return NN_OK;
}

nn_status load_problem(problem *pb, const data_options *opt, nn_error *err)
{
    const char *path = opt->path;
    NN_TRY(nn_made(pb->ds = load(path, (data_format)opt->format, opt->target,
                                 opt->fill_missing, err),
                   err));
    pb->opt = opt;
    double seen[3];
    size_t k;
    NN_TRY(find_classes(pb->ds, path, seen, &k, err));
    if (k != 2)
        return nn_error_set(err, NN_ERR_ARG,
                            "%s: the target has %s class%s; this program predicts one of "
                            "exactly two (choose the target column with --target)",
                            path, k < 2 ? "only one" : "more than two", k < 2 ? "" : "es");
    pb->classes[0] = seen[0] < seen[1] ? seen[0] : seen[1];
    pb->classes[1] = seen[0] < seen[1] ? seen[1] : seen[0];
    pb->count[0] = pb->count[1] = 0;
    for (size_t i = 0; i < pb->ds->X->rows; i++)
        pb->count[pb->ds->y[i] == pb->classes[1]]++;
    pb->heart = strcmp(path, DEFAULT_DATA) == 0 && pb->classes[0] == -1 &&
                pb->classes[1] == 1;
    pb->unit = pb->heart ? "patients" : "samples";
    for (int c = 0; c < 2; c++) {
        if (pb->heart)
            snprintf(pb->name[c], sizeof pb->name[c], "%s", c ? "disease" : "no disease");
        else
            snprintf(pb->name[c], sizeof pb->name[c], "%g", pb->classes[c]);
    }
    return NN_OK;
}

void problem_free(problem *pb)
{
    nn_dataset_free(pb->ds);
    pb->ds = NULL;
}

const char *class_text(const problem *pb, int c, char *buf, size_t size)
{
    if (pb->heart)
        snprintf(buf, size, "%+g (%s)", pb->classes[c], pb->name[c]);
    else
        snprintf(buf, size, "%g", pb->classes[c]);
    return buf;
}
