/* problem.h - the data of chapter 8's program: the shipped heart data or a file of your
 * own, with the flags that choose it, and the two classes the program tells apart.
 * problem.c holds the code. */
#ifndef CH08_PROBLEM_H
#define CH08_PROBLEM_H

#include "nn.h"

#define DEFAULT_DATA "data/heart_scale"

/* What the data flags ask for. */
typedef enum data_format { FORMAT_AUTO, FORMAT_CSV, FORMAT_LIBSVM } data_format;

typedef struct data_options {
    const char *path;  /* --data */
    int format;        /* --format: a data_format */
    const char *target; /* --target: a CSV column, by name or number; NULL: the last */
    bool fill_missing; /* --fill-missing */
} data_options;

#define DATA_DEFAULTS {DEFAULT_DATA, FORMAT_AUTO, NULL, false}

/* The four data flags, for the program's nn_flag table (as NN_PLOT_FLAGS). */
#define DATA_FLAGS(opt)                                                                    \
    NN_FLAG_TEXT("data", &(opt)->path, "the data file (LIBSVM or CSV)"),                   \
        NN_FLAG_CHOICE("format", &(opt)->format,                                           \
                       "how to read it; auto: CSV if the name ends in .csv",               \
                       "auto|csv|libsvm"),                                                 \
        NN_FLAG_TEXT("target", &(opt)->target,                                             \
                     "CSV: the target column, by name or number (0 first, -1 last; "       \
                     "default last)"),                                                     \
        NN_FLAG_SWITCH("fill-missing", &(opt)->fill_missing,                               \
                       "CSV: fill missing values (? or empty) with their column's mean")

/* Settles --format auto by the file's name. Returns NULL, or the flag to refuse with its
 * reason in err (--target names a CSV column, so it needs a CSV file). */
const char *data_check_flags(data_options *opt, nn_error *err);

/* A line of advice for a failed run with this message, or NULL. */
const char *data_hint(const data_options *opt, const char *message);

/* The data and its two classes. */
typedef struct problem {
    nn_dataset *ds;
    const data_options *opt; /* where it came from */
    bool heart;            /* the shipped data set: its classes have names */
    const char *unit;      /* "patients" or "samples" */
    double classes[2];     /* sorted; classes[1] is the positive class */
    size_t count[2];       /* how many samples of each */
    char name[2][32];      /* how the report names them */
} problem;

/* Loads the data and checks that its target has exactly two classes, whole numbers
 * (the positive class is the larger one: +1 for heart disease). */
nn_status load_problem(problem *pb, const data_options *opt, nn_error *err);

/* Releases the data; pb may be zeroed or half-loaded. */
void problem_free(problem *pb);

/* Class c (0 or 1) as the report prints it: "+1 (disease)" for the heart data, "1"
 * otherwise. Returns buf. */
const char *class_text(const problem *pb, int c, char *buf, size_t size);

#endif
