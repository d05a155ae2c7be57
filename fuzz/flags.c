/* flags.c - fuzzing the command-line parser (nn_flags_parse, nn_flags_main).
 *
 * The input is split at NUL bytes into arguments (at most 16), as a shell would hand
 * them over, and parsed against a table with a flag of every type. Promises: a refused
 * command line is NN_ERR_ARG with a message and leaves every variable at its default;
 * an accepted one stores only values of the right type inside their ranges; the usage
 * text can always be written; nn_flags_main returns -1, 0 or 2.
 */
#include <math.h>

#include "cli.h"
#include "fuzz.h"

#define MAX_ARGS 16

typedef struct values {
    double rate;
    long epochs;
    uint32_t seed;
    int plot;
    const char *out;
    bool verbose;
} values;

static const values defaults = {0.5, 100, 7, 0, "figures", false};

static bool unchanged(const values *v)
{
    return v->rate == defaults.rate && v->epochs == defaults.epochs &&
           v->seed == defaults.seed && v->plot == defaults.plot && v->out == defaults.out &&
           v->verbose == defaults.verbose;
}

static size_t table(values *v, nn_flag *flags)
{
    nn_flag t[] = {
        NN_FLAG_REAL("learning-rate", &v->rate, "step size", 0.0, 10.0),
        NN_FLAG_INT("epochs", &v->epochs, "passes", 1, 100000),
        NN_FLAG_SEED("seed", &v->seed, "seed"),
        NN_FLAG_CHOICE("plot", &v->plot, "figures", "auto|none|dumb|svg|png"),
        NN_FLAG_TEXT("out", &v->out, "where figures go"),
        NN_FLAG_SWITCH("verbose", &v->verbose, "say more"),
    };
    memcpy(flags, t, sizeof t);
    return sizeof t / sizeof t[0];
}

static FILE *sink(void)
{
    static FILE *f;
    if (!f)
        f = fopen("/dev/null", "w");
    FUZZ_CHECK(f != NULL, "cannot open /dev/null");
    return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy with a NUL after every argument (and after the last). */
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *argv[MAX_ARGS + 2] = {"prog"};
    int argc = 1;
    for (size_t i = 0; i < size && argc <= MAX_ARGS; i += strlen(text + i) + 1)
        argv[argc++] = text + i;
    argv[argc] = NULL;

    values v = defaults;
    nn_flag flags[8];
    size_t count = table(&v, flags);
    bool help = false;
    nn_error err = {NN_OK, ""};
    nn_status st = nn_flags_parse(argc, argv, flags, count, &help, &err);
    if (st != NN_OK) {
        FUZZ_CHECK(st == NN_ERR_ARG && err.message[0], "refused without a message");
        FUZZ_CHECK(unchanged(&v), "a refused command line stored a value");
    } else if (!help) {
        FUZZ_CHECK(isfinite(v.rate) && v.rate >= 0.0 && v.rate <= 10.0, "rate %g", v.rate);
        FUZZ_CHECK(v.epochs >= 1 && v.epochs <= 100000, "epochs %ld", v.epochs);
        FUZZ_CHECK(v.plot >= 0 && v.plot <= 4, "plot %d", v.plot);
        FUZZ_CHECK(v.out != NULL && v.out[0] != '\0', "an empty --out was stored");
    }
    nn_flags_usage(sink(), "prog", "Fuzzing.", flags, count);

    values w = defaults;
    count = table(&w, flags);
    int rc = nn_flags_main(argc, argv, flags, count, "prog", "Fuzzing.", sink(), sink());
    FUZZ_CHECK(rc == -1 || rc == 0 || rc == 2, "nn_flags_main returned %d", rc);
    FUZZ_CHECK(rc == (st != NN_OK ? 2 : help ? 0 : -1), "nn_flags_main disagrees with parse");
    free(text);
    return 0;
}
