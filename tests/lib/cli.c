/* tests/lib/cli.c - the chapter programs' flag parser: strict, and clear when it refuses. */
#include <criterion/criterion.h>
#include <string.h>

#include "cli.h"

TestSuite(cli, .timeout = 10);

typedef struct options {
    double rate;
    long epochs;
    uint32_t seed;
    int plot;
    const char *out;
    bool verbose;
} options;

static nn_status parse(options *o, nn_error *err, bool *help, int argc, char **argv)
{
    nn_flag flags[] = {
        NN_FLAG_REAL("learning-rate", &o->rate, "step", 0.0, 10.0),
        NN_FLAG_INT("epochs", &o->epochs, "passes", 1, 1000),
        NN_FLAG_SEED("seed", &o->seed, "seed"),
        NN_FLAG_CHOICE("plot", &o->plot, "plots", "auto|none|dumb|svg|png"),
        NN_FLAG_TEXT("out", &o->out, "dir"),
        NN_FLAG_SWITCH("verbose", &o->verbose, "talk"),
    };
    return nn_flags_parse(argc, argv, flags, sizeof flags / sizeof flags[0], help, err);
}

#define ARGV(...) ((char *[]){"prog", __VA_ARGS__, NULL})
#define ARGC(...) ((int)(sizeof((char *[]){"prog", __VA_ARGS__}) / sizeof(char *)))
#define PARSE(o, err, help, ...) parse((o), (err), (help), ARGC(__VA_ARGS__), ARGV(__VA_ARGS__))

Test(cli, both_spellings_and_every_type)
{
    options o = {0.1, 10, 1, 0, "figures", false};
    nn_error err;
    bool help;
    cr_assert_eq(PARSE(&o, &err, &help, "--learning-rate", "0.5", "--epochs=300", "--seed",
                       "4294967295", "--plot=svg", "--out", "x/y", "--verbose"),
                 NN_OK, "%s", err.message);
    cr_assert_eq(o.rate, 0.5);
    cr_assert_eq(o.epochs, 300);
    cr_assert_eq(o.seed, 4294967295u);
    cr_assert_eq(o.plot, 3);
    cr_assert_str_eq(o.out, "x/y");
    cr_assert(o.verbose);
    cr_assert_not(help);
}

Test(cli, help_stops_parsing)
{
    options o = {0.1, 10, 1, 0, "figures", false};
    nn_error err;
    bool help;
    cr_assert_eq(PARSE(&o, &err, &help, "--help", "--nonsense"), NN_OK);
    cr_assert(help);
    cr_assert_eq(PARSE(&o, &err, &help, "-h"), NN_OK);
    cr_assert(help);
}

Test(cli, every_refusal_names_the_flag_and_what_was_expected)
{
    static const struct { const char *args[2]; const char *message; } cases[] = {
        {{"--epoch", "5"}, "unknown flag '--epoch' (did you mean '--epochs'?)"},
        {{"--colour", "x"}, "unknown flag '--colour' (see --help)"},
        {{"--epochs", "5x"}, "--epochs expects an integer, got '5x'"},
        {{"--epochs", ""}, "--epochs expects an integer, got ''"},
        {{"--epochs", "0"}, "--epochs must be between 1 and 1000, got 0"},
        {{"--epochs", "99999999999999999999"}, "--epochs must be between 1 and 1000, got 99999999999999999999"},
        {{"--seed", "-1"}, "--seed must be between 0 and 4294967295, got -1"},
        {{"--learning-rate", "inf"}, "--learning-rate expects a finite number, got 'inf'"},
        {{"--learning-rate", "1e999"}, "--learning-rate expects a finite number, got '1e999'"},
        {{"--learning-rate", "11"}, "--learning-rate must be between 0 and 10, got 11"},
        {{"--plot", "pdf"}, "--plot expects one of auto|none|dumb|svg|png, got 'pdf'"},
        {{"--out", ""}, "--out expects a non-empty value"},
        {{"--verbose=yes", NULL}, "--verbose is a switch and takes no value"},
        {{"--seed", NULL}, "--seed needs a value"},
        {{"seed", NULL}, "unexpected argument 'seed' (flags start with --: did you mean '--seed'?)"},
        {{"-epochs=3", NULL}, "unexpected argument '-epochs=3' (flags start with --: did you mean '--epochs=3'?)"},
        {{"42", NULL}, "unexpected argument '42' (flags start with --)"},
        {{"--", NULL}, "unexpected argument '--' (a flag needs a name after the --)"},
        {{"--learning-rate", "0,5"}, "--learning-rate expects a number, got '0,5' (write a decimal point: 0.5)"},
        {{"--learning-rate", "1,5,2"}, "--learning-rate expects a number, got '1,5,2'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        options o = {0.1, 10, 1, 0, "figures", false};
        nn_error err;
        bool help;
        char *argv[] = {"prog", (char *)cases[i].args[0], (char *)cases[i].args[1], NULL};
        int argc = cases[i].args[1] ? 3 : 2;
        cr_expect_eq(parse(&o, &err, &help, argc, argv), NN_ERR_ARG, "case %zu: accepted", i);
        cr_expect(strstr(err.message, cases[i].message) != NULL,
                  "case %zu: expected the message\n  %s\ngot\n  %s", i, cases[i].message,
                  err.message);
        cr_expect_eq(o.epochs, 10, "case %zu: a refused value was stored", i);
    }
    /* A good flag before a bad one is not stored either: the usage text after the error
     * must show the real defaults. */
    options o = {0.1, 10, 1, 0, "figures", false};
    nn_error err;
    bool help;
    cr_assert_eq(PARSE(&o, &err, &help, "--epochs", "500", "--seed", "x"), NN_ERR_ARG);
    cr_expect_eq(o.epochs, 10, "--epochs 500 was stored although the command line was refused");
}

Test(cli, usage_shows_flags_and_defaults)
{
    options o = {0.1, 10, 7, 1, "figures", false};
    nn_flag flags[] = {
        NN_FLAG_REAL("learning-rate", &o.rate, "step size", 0.0, 10.0),
        NN_FLAG_SEED("seed", &o.seed, "the seed"),
        NN_FLAG_CHOICE("plot", &o.plot, "plots", "auto|none|dumb"),
    };
    char buf[2048] = {0};
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    cr_assert_not_null(f);
    nn_flags_usage(f, "prog", "Does things.", flags, 3);
    fclose(f);
    cr_expect(strstr(buf, "usage: prog [flags]\nDoes things.\n") != NULL, "%s", buf);
    cr_expect(strstr(buf, "--learning-rate X") && strstr(buf, "step size (default 0.1)"), "%s", buf);
    cr_expect(strstr(buf, "the seed (default 7)") != NULL, "%s", buf);
    cr_expect(strstr(buf, "--plot auto|none|dumb") && strstr(buf, "(default none)"), "%s", buf);
    cr_expect(strstr(buf, "--help") != NULL, "%s", buf);
}

Test(cli, flags_main_gives_the_exit_status_and_the_right_stream)
{
    long epochs = 10;
    nn_flag flags[] = {NN_FLAG_INT("epochs", &epochs, "passes", 1, 100)};
    char out[1024] = {0}, errs[1024] = {0};
    FILE *o = fmemopen(out, sizeof out - 1, "w"), *e = fmemopen(errs, sizeof errs - 1, "w");
    cr_assert(o && e);
    cr_expect_eq(nn_flags_main(ARGC("--epochs", "5"), ARGV("--epochs", "5"), flags, 1, "prog", "S.", o, e), -1);
    cr_expect_eq(epochs, 5);
    cr_expect_eq(nn_flags_main(ARGC("--epochs", "0"), ARGV("--epochs", "0"), flags, 1, "prog", "S.", o, e), 2);
    cr_expect_eq(nn_flags_main(ARGC("--help"), ARGV("--help"), flags, 1, "prog", "S.", o, e), 0);
    fclose(o);
    fclose(e);
    cr_expect(strstr(errs, "prog: --epochs must be between 1 and 100, got 0\nusage: prog [flags]") != NULL, "%s", errs);
    cr_expect(strstr(out, "usage: prog [flags]\nS.\n") != NULL && strstr(out, "(default 5)") != NULL, "%s", out);
}
