/* cli.h - command-line flags for the chapter programs.
 *
 * Chapter 1 introduces it; every chapter program reads its flags with it.
 *
 * Every chapter program describes its flags in a table and hands argv to
 * nn_flags_parse, which fills the variables the table points at. Bad input never
 * crashes or is guessed at: an unknown flag, a missing value, a non-number or a value
 * out of range is an NN_ERR_ARG error naming the flag and what was expected.
 *
 *     double rate = 0.1;
 *     nn_flag flags[] = {
 *         NN_FLAG_REAL("learning-rate", &rate, "step size eta", 0.0, 100.0),
 *     };
 *
 * Accepted spellings: `--name value`, `--name=value`, and `--name` alone for a switch.
 * `--help` and `-h` are always understood.
 */
#ifndef NN_CLI_H
#define NN_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

typedef enum nn_flag_type {
    NN_SWITCH_FLAG,  /* bool: present or not */
    NN_INT_FLAG,     /* long, within [min, max] */
    NN_SEED_FLAG,    /* uint32_t, any value 0 .. 4294967295 */
    NN_REAL_FLAG,    /* double, finite, within [min, max] */
    NN_TEXT_FLAG,    /* const char *, pointing into argv */
    NN_CHOICE_FLAG   /* int, the index of the value in a "a|b|c" list */
} nn_flag_type;

typedef struct nn_flag {
    const char *name;     /* without the leading "--" */
    nn_flag_type type;
    void *value;          /* where the parsed value goes (type as above) */
    const char *help;     /* one line for --help */
    double min, max;      /* inclusive range for INT and REAL */
    const char *choices;  /* "auto|none|dumb" for CHOICE */
    bool given;           /* set by nn_flags_parse when the flag appears */
} nn_flag;

#define NN_FLAG_SWITCH(n, p, h) {(n), NN_SWITCH_FLAG, (p), (h), 0, 0, NULL, false}
#define NN_FLAG_INT(n, p, h, lo, hi) {(n), NN_INT_FLAG, (p), (h), (lo), (hi), NULL, false}
#define NN_FLAG_SEED(n, p, h) {(n), NN_SEED_FLAG, (p), (h), 0, 4294967295.0, NULL, false}
#define NN_FLAG_REAL(n, p, h, lo, hi) {(n), NN_REAL_FLAG, (p), (h), (lo), (hi), NULL, false}
#define NN_FLAG_TEXT(n, p, h) {(n), NN_TEXT_FLAG, (p), (h), 0, 0, NULL, false}
#define NN_FLAG_CHOICE(n, p, h, c) {(n), NN_CHOICE_FLAG, (p), (h), 0, 0, (c), false}

/* Parses argv[1..argc-1] into the table. Sets *help when --help or -h appears (and
 * stops there). Returns NN_OK or NN_ERR_ARG with a message naming the flag. */
nn_status nn_flags_parse(int argc, char **argv, nn_flag *flags, size_t count, bool *help,
                         nn_error *err);

/* A program's flag handling in one call: parses argv; on --help writes the usage to out
 * and returns 0; on a refused command line writes "program: message" and the usage to
 * errs and returns 2 (the exit statuses); otherwise returns -1: carry on. */
int nn_flags_main(int argc, char **argv, nn_flag *flags, size_t count, const char *program,
                  const char *summary, FILE *out, FILE *errs);

/* Writes a usage text: "usage: PROGRAM [flags]", the summary, then one line per flag
 * with its help and its current (default) value. */
void nn_flags_usage(FILE *f, const char *program, const char *summary, const nn_flag *flags,
                    size_t count);

/* The flag called name, or NULL. */
const nn_flag *nn_flags_find(const nn_flag *flags, size_t count, const char *name);

#endif
