/* cli.c - parsing the chapter programs' flags. See cli.h for the contract.
 *
 * Chapter 1 introduces it; every chapter program reads its flags with it.
 *
 * The rules are strict on purpose: a learner who types `--epoch 50` or `--seed -1`
 * should hear about it at once, not train for the default number of epochs.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const nn_flag *nn_flags_find(const nn_flag *flags, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(flags[i].name, name) == 0)
            return &flags[i];
    return NULL;
}

/* Edit distance between two short strings, to suggest "did you mean --epochs?". */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 64;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

static nn_status unknown_flag(const nn_flag *flags, size_t count, const char *name,
                              nn_error *err)
{
    const char *closest = NULL;
    size_t best = 3; /* suggest only near misses */
    for (size_t i = 0; i < count; i++) {
        size_t d = distance(name, flags[i].name);
        if (d < best) {
            best = d;
            closest = flags[i].name;
        }
    }
    if (closest)
        return nn_error_set(err, NN_ERR_ARG, "unknown flag '--%s' (did you mean '--%s'?)", name,
                            closest);
    return nn_error_set(err, NN_ERR_ARG, "unknown flag '--%s' (see --help)", name);
}

/* An argument that is not a flag: "42", "--", or a flag with one dash or none ("-seed",
 * "seed"), which gets a suggestion. */
static nn_status unexpected_argument(const nn_flag *flags, size_t count, const char *arg,
                                     nn_error *err)
{
    if (strcmp(arg, "--") == 0)
        return nn_error_set(err, NN_ERR_ARG,
                            "unexpected argument '--' (a flag needs a name after the --)");
    const char *name = arg + (arg[0] == '-');
    size_t len = strcspn(name, "=");
    for (size_t i = 0; i < count; i++)
        if (strlen(flags[i].name) == len && strncmp(flags[i].name, name, len) == 0)
            return nn_error_set(err, NN_ERR_ARG,
                                "unexpected argument '%s' (flags start with --: did you mean "
                                "'--%s'?)", arg, name);
    return nn_error_set(err, NN_ERR_ARG, "unexpected argument '%s' (flags start with --)",
                        arg);
}

/* A decimal comma ("0,5") where a number was expected: the same with a point, if that
 * reads as a number, for the message. */
static bool decimal_comma(const char *text, char *fixed, size_t size)
{
    const char *comma = strchr(text, ',');
    if (!comma || strchr(comma + 1, ',') || strlen(text) >= size)
        return false;
    snprintf(fixed, size, "%s", text);
    fixed[comma - text] = '.';
    char *end;
    strtod(fixed, &end);
    return end != fixed && *end == '\0';
}

/* Finds text in a "a|b|c" list; returns its index or -1. */
static int choice_index(const char *choices, const char *text)
{
    size_t len = strlen(text);
    int index = 0;
    for (const char *p = choices; *p; index++) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && strncmp(p, text, n) == 0)
            return index;
        if (!bar)
            break;
        p = bar + 1;
    }
    return -1;
}

/* Checks text against the flag's type and range, and stores it when store is true. */
static nn_status set_value(nn_flag *flag, const char *text, bool store, nn_error *err)
{
    char *end = NULL;
    switch (flag->type) {
    case NN_SWITCH_FLAG:
        if (store)
            *(bool *)flag->value = true;
        return NN_OK;
    case NN_TEXT_FLAG:
        if (!*text)
            return nn_error_set(err, NN_ERR_ARG, "--%s expects a non-empty value", flag->name);
        if (store)
            *(const char **)flag->value = text;
        return NN_OK;
    case NN_CHOICE_FLAG: {
        int index = choice_index(flag->choices, text);
        if (index < 0)
            return nn_error_set(err, NN_ERR_ARG, "--%s expects one of %s, got '%s'", flag->name,
                                flag->choices, text);
        if (store)
            *(int *)flag->value = index;
        return NN_OK;
    }
    case NN_INT_FLAG:
    case NN_SEED_FLAG: {
        errno = 0;
        long long v = strtoll(text, &end, 10);
        if (end == text || *end != '\0')
            return nn_error_set(err, NN_ERR_ARG, "--%s expects an integer, got '%s'", flag->name,
                                text);
        if (errno == ERANGE || (double)v < flag->min || (double)v > flag->max)
            return nn_error_set(err, NN_ERR_ARG, "--%s must be between %.0f and %.0f, got %s",
                                flag->name, flag->min, flag->max, text);
        if (store && flag->type == NN_SEED_FLAG)
            *(uint32_t *)flag->value = (uint32_t)v;
        else if (store)
            *(long *)flag->value = (long)v;
        return NN_OK;
    }
    case NN_REAL_FLAG: {
        errno = 0;
        double v = strtod(text, &end);
        char fixed[64];
        if ((end == text || *end != '\0') && decimal_comma(text, fixed, sizeof fixed))
            return nn_error_set(err, NN_ERR_ARG, "--%s expects a number, got '%s' (write a "
                                "decimal point: %s)", flag->name, text, fixed);
        if (end == text || *end != '\0')
            return nn_error_set(err, NN_ERR_ARG, "--%s expects a number, got '%s'", flag->name,
                                text);
        if (!isfinite(v) || errno == ERANGE)
            return nn_error_set(err, NN_ERR_ARG, "--%s expects a finite number, got '%s'",
                                flag->name, text);
        if (v < flag->min || v > flag->max)
            return nn_error_set(err, NN_ERR_ARG, "--%s must be between %g and %g, got %s",
                                flag->name, flag->min, flag->max, text);
        if (store)
            *(double *)flag->value = v;
        return NN_OK;
    }
    }
    return nn_error_set(err, NN_ERR_ARG, "--%s has an unknown flag type", flag->name);
}

/* One pass over argv. The first pass only checks, the second stores: so a refused
 * command line leaves every variable at its default, and the usage text that follows
 * the error shows the real defaults. */
static nn_status parse_pass(int argc, char **argv, nn_flag *flags, size_t count, bool store,
                            bool *help, nn_error *err)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            *help = true;
            return NN_OK;
        }
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
            return unexpected_argument(flags, count, arg, err);

        /* Split "--name=value" without modifying argv. */
        char name[64];
        const char *eq = strchr(arg + 2, '=');
        size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        if (len >= sizeof name)
            return nn_error_set(err, NN_ERR_ARG, "unknown flag '%.40s...'", arg);
        memcpy(name, arg + 2, len);
        name[len] = '\0';

        nn_flag *flag = (nn_flag *)nn_flags_find(flags, count, name);
        if (!flag)
            return unknown_flag(flags, count, name, err);

        const char *value;
        if (flag->type == NN_SWITCH_FLAG) {
            if (eq)
                return nn_error_set(err, NN_ERR_ARG, "--%s is a switch and takes no value",
                                    name);
            value = "";
        } else if (eq) {
            value = eq + 1;
        } else if (i + 1 < argc) {
            value = argv[++i];
        } else {
            return nn_error_set(err, NN_ERR_ARG, "--%s needs a value", name);
        }
        if (set_value(flag, value, store, err) != NN_OK)
            return NN_ERR_ARG;
        if (store)
            flag->given = true;
    }
    return NN_OK;
}

nn_status nn_flags_parse(int argc, char **argv, nn_flag *flags, size_t count, bool *help,
                         nn_error *err)
{
    *help = false;
    nn_status status = parse_pass(argc, argv, flags, count, false, help, err);
    if (status != NN_OK || *help)
        return status;
    return parse_pass(argc, argv, flags, count, true, help, err);
}

int nn_flags_main(int argc, char **argv, nn_flag *flags, size_t count, const char *program,
                  const char *summary, FILE *out, FILE *errs)
{
    bool help;
    nn_error err;
    if (nn_flags_parse(argc, argv, flags, count, &help, &err) != NN_OK) {
        fprintf(errs, "%s: %s\n", program, err.message);
        nn_flags_usage(errs, program, summary, flags, count);
        return 2;
    }
    if (help) {
        nn_flags_usage(out, program, summary, flags, count);
        return 0;
    }
    return -1;
}

/* The default value of a flag, as text for the usage message. */
static void describe_default(const nn_flag *flag, char *buf, size_t size)
{
    buf[0] = '\0';
    switch (flag->type) {
    case NN_SWITCH_FLAG:
        break;
    case NN_INT_FLAG:
        snprintf(buf, size, "%ld", *(const long *)flag->value);
        break;
    case NN_SEED_FLAG:
        snprintf(buf, size, "%lu", (unsigned long)*(const uint32_t *)flag->value);
        break;
    case NN_REAL_FLAG:
        snprintf(buf, size, "%g", *(const double *)flag->value);
        break;
    case NN_TEXT_FLAG: {
        const char *text = *(const char *const *)flag->value;
        snprintf(buf, size, "%s", text ? text : "");
        break;
    }
    case NN_CHOICE_FLAG: {
        int index = *(const int *)flag->value;
        const char *p = flag->choices;
        for (int k = 0; k < index && p; k++) {
            p = strchr(p, '|');
            if (p)
                p++;
        }
        if (p) {
            size_t n = strcspn(p, "|");
            snprintf(buf, size, "%.*s", (int)n, p);
        }
        break;
    }
    }
}

void nn_flags_usage(FILE *f, const char *program, const char *summary, const nn_flag *flags,
                    size_t count)
{
    fprintf(f, "usage: %s [flags]\n%s\n\nflags:\n", program, summary);
    for (size_t i = 0; i < count; i++) {
        const nn_flag *flag = &flags[i];
        char left[96];
        const char *meta = flag->type == NN_SWITCH_FLAG ? ""
                         : flag->type == NN_CHOICE_FLAG ? flag->choices
                         : flag->type == NN_REAL_FLAG   ? "X"
                         : flag->type == NN_TEXT_FLAG   ? "TEXT"
                                                        : "N";
        snprintf(left, sizeof left, "--%s%s%s", flag->name, *meta ? " " : "", meta);
        char def[64];
        describe_default(flag, def, sizeof def);
        fprintf(f, "  %-28s %s", left, flag->help);
        if (def[0])
            fprintf(f, " (default %s)\n", def);
        else
            fputs("\n", f);
    }
    fprintf(f, "  %-28s %s\n", "--help", "show this help and exit");
}
