/* mlp_file.c - the nn_mlp text format, version 2, and loading it (mlp_save.c writes
 * it). Chapter 7 introduces it, with the model; chapter 8 adds the pipeline file.
 *
 * The format is plain text so that a person can read it and diff it, but every number
 * in it is exact: doubles are C99 hexadecimal floats ("%a", read back by strtod), so a
 * loaded model predicts bit for bit what the saved one did. Example (abridged):
 *
 *     nn_mlp 2
 *     kind classifier
 *     hidden_layer_sizes 2 5 2            count, then the sizes
 *     activation relu
 *     ...                                 every parameter, in nn_mlp_params order
 *     layer_units 4 2 5 2 1               count, then the units of every layer
 *     out_activation logistic
 *     label_type binary                   or multiclass, multilabel-indicator, none
 *     classes 2 0x0p+0 0x1p+0             count, then the sorted classes
 *     n_iter 15
 *     ...                                 the training record
 *     loss_curve 3 0x1.2p-1 ...           count (or "none"), then the values
 *     coefs 0 2 5                         layer, rows, cols, then the values row by row
 *     ...
 *     intercepts 0 5                      layer, size, then the values
 *     ...
 *     feature_names 2 age chol            then the training state: the names (%HH-escaped),
 *     ...                                 best weights, optimiser, generator ("none" or a count)
 *     end
 *     checksum 8c4a0e3f5d2b1a70           FNV-1a 64 of every byte before this line
 *
 * Loading checks, in order: the magic word, the version, the checksum (so any flipped
 * or missing byte is caught before a single field is trusted), then every field's key,
 * type and range, and finally that the fields agree with each other (shapes, classes,
 * output layer). Every failure names the file and line.
 *
 * Version 1 ended after the intercepts, without the training state. Such a file still
 * loads; nn_mlp_load warns that further training starts a new optimiser.
 *
 * A pipeline file (nn_mlp_save_pipeline) is a version 2 model file with one more
 * section before "end": the StandardScaler that the network's inputs go through first,
 *
 *     scaler standard 13                  the kind of scaler and its number of features
 *     n_samples_seen 202
 *     mean 13 ...                         then var and scale: 13 values each
 *
 * under the same checksum. nn_mlp_load refuses it (its network alone would be fed
 * unscaled data) and nn_mlp_load_pipeline needs it.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "mlp_internal.h"

#define FORMAT_MAGIC NN_MLP_FORMAT_MAGIC
#define FORMAT_VERSION NN_MLP_FORMAT_VERSION
#define OLDEST_VERSION 1
#define MAX_FILE_BYTES ((size_t)1 << 30)

/* ---- Reading ------------------------------------------------------------------------- */

typedef struct reader {
    const char *path;
    const char *p, *end; /* the unread text (the checksum line is cut off) */
    size_t line;
    size_t bytes;        /* the file's size, to bound counts */
    nn_error *err;
    long version;        /* the file's format version */
} reader;

static nn_status parse_error(reader *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static nn_status parse_error(reader *r, const char *fmt, ...)
{
    char msg[NN_ERROR_MESSAGE_MAX / 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return nn_error_at(r->err, NN_ERR_PARSE, r->path, r->line, 0, "%s", msg);
}

/* The next whitespace-separated token, copied into buf (cut to fit); "" at the end of
 * the text. Returns the token's whole length. */
static size_t token(reader *r, char *buf, size_t size)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\t' || *r->p == '\r')) {
        if (*r->p == '\n')
            r->line++;
        r->p++;
    }
    size_t n = 0;
    while (r->p < r->end && *r->p != ' ' && *r->p != '\n' && *r->p != '\t' && *r->p != '\r') {
        if (n + 1 < size)
            buf[n] = *r->p;
        n++;
        r->p++;
    }
    buf[n < size ? n : size - 1] = '\0';
    return n;
}

static nn_status expect(reader *r, const char *key)
{
    char tok[64];
    token(r, tok, sizeof tok);
    if (strcmp(tok, key) != 0)
        return tok[0] ? parse_error(r, "expected '%s', found '%s'", key, tok)
                      : parse_error(r, "expected '%s', found the end of the file", key);
    return NN_OK;
}

static nn_status read_long(reader *r, const char *what, long lo, long hi, long *out)
{
    char tok[64], *end;
    token(r, tok, sizeof tok);
    errno = 0;
    long v = strtol(tok, &end, 10);
    if (!tok[0] || *end || errno || v < lo || v > hi)
        return parse_error(r, "%s: expected a whole number in [%ld, %ld], found '%s'", what,
                           lo, hi, tok);
    *out = v;
    return NN_OK;
}

static nn_status read_seed(reader *r, int64_t *out)
{
    char tok[64], *end;
    token(r, tok, sizeof tok);
    errno = 0;
    long long v = strtoll(tok, &end, 10);
    if (!tok[0] || *end || errno || v < -1 || v > 4294967295LL)
        return parse_error(r, "random_state: expected -1 (None) or a seed in [0, 4294967295], "
                              "found '%s'", tok);
    *out = (int64_t)v;
    return NN_OK;
}

static nn_status read_size(reader *r, const char *what, size_t hi, size_t *out)
{
    long v = 0;
    nn_status st = read_long(r, what, 0, hi > (size_t)0x7fffffff ? 0x7fffffffL : (long)hi, &v);
    if (st == NN_OK)
        *out = (size_t)v;
    return st;
}

static nn_status read_double(reader *r, const char *what, double *out)
{
    char tok[64], *end;
    token(r, tok, sizeof tok);
    double v = strtod(tok, &end);
    if (!tok[0] || *end)
        return parse_error(r, "%s: expected a number, found '%s'", what, tok);
    *out = v;
    return NN_OK;
}

/* A weight: a finite number (a model with a NaN or infinite weight cannot predict). */
static nn_status read_weight(reader *r, const char *what, size_t layer, size_t k, double *out)
{
    nn_status st = read_double(r, what, out);
    if (st == NN_OK && !isfinite(*out))
        return parse_error(r, "%s %zu: weight %zu is %g, not a finite number", what, layer, k,
                           *out);
    return st;
}

static nn_status read_word(reader *r, char *buf, size_t size, const char *what)
{
    token(r, buf, size);
    if (!buf[0])
        return parse_error(r, "%s: expected a word, found the end of the file", what);
    return NN_OK;
}

static nn_status key_double(reader *r, const char *key, double *out)
{
    nn_status st = expect(r, key);
    return st ? st : read_double(r, key, out);
}

static nn_status key_long(reader *r, const char *key, long lo, long hi, long *out)
{
    nn_status st = expect(r, key);
    return st ? st : read_long(r, key, lo, hi, out);
}

static nn_status key_bool(reader *r, const char *key, bool *out)
{
    long v = 0;
    nn_status st = key_long(r, key, 0, 1, &v);
    if (st == NN_OK)
        *out = v != 0;
    return st;
}

/* "name count v1 v2 ...": a count no larger than the file could hold, then the values,
 * into a new array (NULL when count is 0). */
static nn_status read_values(reader *r, const char *what, size_t count, double **out)
{
    *out = NULL;
    if (count > r->bytes / 2)
        return parse_error(r, "%s: %zu values cannot fit in a file of %zu bytes", what,
                           count, r->bytes);
    if (count == 0)
        return NN_OK;
    double *v = nn_alloc(count, sizeof(double), what, r->err);
    if (!v)
        return NN_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        nn_status st = read_double(r, what, &v[i]);
        if (st != NN_OK) {
            nn_alloc_free(v);
            return st;
        }
    }
    *out = v;
    return NN_OK;
}

/* Reads the whole file (at most MAX_FILE_BYTES) into a new NUL-terminated buffer. */
static char *slurp(const char *path, size_t *size, nn_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        nn_error_at(err, NN_ERR_IO, path, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = nn_alloc(cap + 1, 1, "model file", err);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        if (cap >= MAX_FILE_BYTES) {
            nn_error_at(err, NN_ERR_PARSE, path, 0, 0, "larger than %zu bytes: not an "
                        "nn_mlp model file", MAX_FILE_BYTES);
            nn_alloc_free(buf);
            buf = NULL;
            break;
        }
        char *bigger = nn_alloc(2 * cap + 1, 1, "model file", err);
        if (bigger)
            memcpy(bigger, buf, n);
        nn_alloc_free(buf);
        buf = bigger;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        nn_error_at(err, NN_ERR_IO, path, 0, 0, "read error: %s", strerror(errno));
        nn_alloc_free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *size = n;
    }
    return buf;
}

/* The magic line, the version and the checksum, before anything else is believed.
 * On success r covers the text before the checksum line. */
static nn_status check_envelope(reader *r, const char *text, size_t size)
{
    size_t magic = strlen(FORMAT_MAGIC);
    if (size < magic + 1 || memcmp(text, FORMAT_MAGIC, magic) != 0 || text[magic] != ' ')
        return parse_error(r, "not an nn_mlp model file (it does not start with '%s')",
                           FORMAT_MAGIC);
    char *end;
    long version = strtol(text + magic + 1, &end, 10);
    if (end != text + magic + 1 && *end == '\r')
        return parse_error(r, "the file has Windows (CRLF) line ends, and model files have "
                              "LF line ends only: was it converted by an editor or by git?");
    if (end == text + magic + 1 || *end != '\n')
        return parse_error(r, "malformed header line: expected '%s %d'", FORMAT_MAGIC,
                           FORMAT_VERSION);
    if (version < OLDEST_VERSION || version > FORMAT_VERSION)
        return parse_error(r, "unsupported nn_mlp format version %ld (this library reads "
                              "versions %d to %d)", version, OLDEST_VERSION, FORMAT_VERSION);
    r->version = version;
    /* The last line must be "checksum <16 hex digits>\n"; messages about it name it. */
    r->line = 1;
    for (size_t i = 0; i + 1 < size; i++)
        r->line += text[i] == '\n';
    static const char key[] = "checksum ";
    size_t tail = sizeof key - 1 + 16 + 1;
    if (size < tail || text[size - 1] != '\n' ||
        memcmp(text + size - tail, key, sizeof key - 1) != 0 ||
        (size > tail && text[size - tail - 1] != '\n'))
        return parse_error(r, "truncated or damaged file: its last line is not "
                              "'checksum <16 hex digits>'");
    uint64_t stored = 0;
    for (size_t i = size - 17; i < size - 1; i++) {
        char c = text[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) {
            char shown[8];
            snprintf(shown, sizeof shown, c > 0x20 && c < 0x7f ? "%c" : "\\x%02x",
                     c > 0x20 && c < 0x7f ? c : (unsigned char)c);
            return parse_error(r, "malformed checksum: expected 16 hex digits (0-9, a-f), "
                                  "found '%s'", shown);
        }
        stored = stored << 4 | (uint64_t)d;
    }
    uint64_t actual = nn_mlp_internal_fnv1a(NN_MLP_FNV_OFFSET, text, size - tail);
    if (stored != actual)
        return parse_error(r, "checksum mismatch (stored %016" PRIx64 ", computed %016" PRIx64
                              "): the file is corrupt or was edited", stored, actual);
    r->p = text;
    r->end = text + size - tail;
    r->line = 1;
    return NN_OK;
}

static nn_status read_params(reader *r, nn_mlp_kind *kind, nn_mlp_params *p)
{
    char word[64];
    long v = 0;
    nn_status st;
    nn_error *err = r->err;
    *p = nn_mlp_defaults();
    if ((st = expect(r, FORMAT_MAGIC)) || (st = read_long(r, "version", OLDEST_VERSION, FORMAT_VERSION, &v)) ||
        (st = expect(r, "kind")) || (st = read_word(r, word, sizeof word, "kind")))
        return st;
    if (strcmp(word, "classifier") == 0)
        *kind = NN_MLP_CLASSIFIER;
    else if (strcmp(word, "regressor") == 0)
        *kind = NN_MLP_REGRESSOR;
    else
        return parse_error(r, "kind: expected classifier or regressor, found '%s'", word);
    if ((st = expect(r, "hidden_layer_sizes")) ||
        (st = read_size(r, "hidden_layer_sizes", NN_MLP_MAX_HIDDEN, &p->n_hidden)))
        return st;
    for (size_t i = 0; i < p->n_hidden; i++)
        if ((st = read_size(r, "hidden_layer_sizes", 100000000, &p->hidden_layer_sizes[i])))
            return st;
    if ((st = expect(r, "activation")) || (st = read_word(r, word, sizeof word, "activation")))
        return st;
    if (nn_activation_parse(word, &p->activation, err) != NN_OK)
        return parse_error(r, "activation: %s", err->message);
    if ((st = expect(r, "solver")) || (st = read_word(r, word, sizeof word, "solver")))
        return st;
    if (nn_mlp_solver_parse(word, &p->solver, err) != NN_OK)
        return parse_error(r, "solver: %s", err->message);
    if ((st = key_double(r, "alpha", &p->alpha)) || (st = expect(r, "batch_size")) ||
        (st = read_size(r, "batch_size", 0x7fffffff, &p->batch_size)) ||
        (st = expect(r, "learning_rate")) ||
        (st = read_word(r, word, sizeof word, "learning_rate")))
        return st;
    if (nn_learning_rate_parse(word, &p->learning_rate, err) != NN_OK)
        return parse_error(r, "learning_rate: %s", err->message);
    long verbose;
    if ((st = key_double(r, "learning_rate_init", &p->learning_rate_init)) ||
        (st = key_double(r, "power_t", &p->power_t)) ||
        (st = key_long(r, "max_iter", 1, 0x7fffffff, &p->max_iter)) ||
        (st = key_bool(r, "shuffle", &p->shuffle)) ||
        (st = expect(r, "random_state")) || (st = read_seed(r, &p->random_state)) ||
        (st = key_double(r, "tol", &p->tol)) ||
        (st = key_long(r, "verbose", 0, 1000, &verbose)) ||
        (st = key_bool(r, "warm_start", &p->warm_start)) ||
        (st = key_double(r, "momentum", &p->momentum)) ||
        (st = key_bool(r, "nesterovs_momentum", &p->nesterovs_momentum)) ||
        (st = key_bool(r, "early_stopping", &p->early_stopping)) ||
        (st = key_double(r, "validation_fraction", &p->validation_fraction)) ||
        (st = key_double(r, "beta_1", &p->beta_1)) || (st = key_double(r, "beta_2", &p->beta_2)) ||
        (st = key_double(r, "epsilon", &p->epsilon)) ||
        (st = key_double(r, "n_iter_no_change", &p->n_iter_no_change)) ||
        (st = key_long(r, "max_fun", 1, 0x7fffffff, &p->max_fun)) ||
        (st = key_bool(r, "progress", &p->progress)))
        return st;
    p->verbose = (int)verbose;
    if (nn_mlp_params_validate(p, *kind, err) != NN_OK)
        return parse_error(r, "%s", err->message);
    return NN_OK;
}

/* layer_units: their count must fit hidden_layer_sizes, and the network must fit in the
 * file; then the weights' room (nn_mlp_internal_layout). units gets the sizes. */
static nn_status read_layout(reader *r, nn_mlp *m, size_t *units, size_t *n_layers)
{
    nn_status st;
    size_t L = 0;
    if ((st = expect(r, "layer_units")) ||
        (st = read_size(r, "layer_units", NN_MLP_MAX_HIDDEN + 2, &L)))
        return st;
    if (L < 2 || L != m->params.n_hidden + 2)
        return parse_error(r, "layer_units: %zu layers, but hidden_layer_sizes has %zu "
                              "(expected %zu)", L, m->params.n_hidden, m->params.n_hidden + 2);
    for (size_t l = 0; l < L; l++) {
        if ((st = read_size(r, "layer_units", 100000000, &units[l])))
            return st;
        if (units[l] == 0)
            return parse_error(r, "layer_units: a layer of 0 units");
        if (l > 0 && l + 1 < L && units[l] != m->params.hidden_layer_sizes[l - 1])
            return parse_error(r, "layer_units: layer %zu has %zu units, but "
                                  "hidden_layer_sizes says %zu", l, units[l],
                               m->params.hidden_layer_sizes[l - 1]);
    }
    /* Every weight is a number in the file, and a number takes at least two bytes (a
     * digit and a separator), so a file of B bytes holds at most B / 2 weights. A
     * network larger than that is a damaged file: refuse it before allocating room for
     * it (a few bytes could otherwise ask for gigabytes). Counted without overflow. */
    size_t room = r->bytes / 2;
    for (size_t l = 0; l + 1 < L; l++) {
        size_t fan_in = units[l] + 1, fan_out = units[l + 1]; /* weights and biases */
        if (fan_in > room / fan_out)
            return parse_error(r, "layer_units: a network of these sizes has more weights "
                                  "than a file of %zu bytes can hold", r->bytes);
        room -= fan_in * fan_out;
    }
    if ((st = nn_mlp_internal_layout(m, units, L, r->err)))
        return st;
    *n_layers = L;
    return NN_OK;
}

/* out_activation, label_type and classes, and whether they agree with each other, with
 * the task and with the output layer (of `outputs` units). */
static nn_status read_labels(reader *r, nn_mlp *m, size_t outputs)
{
    char word[64];
    nn_status st;
    if ((st = expect(r, "out_activation")) ||
        (st = read_word(r, word, sizeof word, "out_activation")))
        return st;
    if (nn_activation_parse(word, &m->out_activation, r->err) != NN_OK)
        return parse_error(r, "out_activation: %s", r->err->message);
    char type[32];
    if ((st = expect(r, "label_type")) || (st = read_word(r, type, sizeof type, "label_type")))
        return st;
    size_t n_classes = 0;
    double *classes = NULL;
    if ((st = expect(r, "classes")) ||
        (st = read_size(r, "classes", 0x7fffffff, &n_classes)) ||
        (st = read_values(r, "classes", n_classes, &classes)))
        return st;
    m->labels.classes = classes;
    m->labels.n_classes = n_classes;

    /* Do the output layer, the labels and the task agree? */
    nn_activation want;
    if (m->kind == NN_MLP_REGRESSOR) {
        if (strcmp(type, "none") != 0 || n_classes != 0)
            return parse_error(r, "a regressor has no classes (label_type none, classes 0)");
        want = NN_IDENTITY;
    } else {
        if (strcmp(type, "binary") == 0)
            m->labels.type = NN_LABELS_BINARY;
        else if (strcmp(type, "multiclass") == 0)
            m->labels.type = NN_LABELS_MULTICLASS;
        else if (strcmp(type, "multilabel-indicator") == 0)
            m->labels.type = NN_LABELS_MULTILABEL;
        else
            return parse_error(r, "label_type: expected binary, multiclass or "
                                  "multilabel-indicator, found '%s'", type);
        size_t expect_outputs = m->labels.type == NN_LABELS_BINARY ? 1 : n_classes;
        bool counts_ok = m->labels.type == NN_LABELS_BINARY     ? n_classes >= 1 && n_classes <= 2
                         : m->labels.type == NN_LABELS_MULTICLASS ? n_classes >= 3
                                                                  : n_classes >= 1;
        if (!counts_ok)
            return parse_error(r, "classes: %zu classes cannot be label_type %s (expected %s)",
                               n_classes, type,
                               m->labels.type == NN_LABELS_BINARY       ? "1 or 2"
                               : m->labels.type == NN_LABELS_MULTICLASS ? "3 or more"
                                                                        : "1 or more");
        if (outputs != expect_outputs)
            return parse_error(r, "%zu %s classes need an output layer of %zu unit%s, but "
                                  "layer_units ends with %zu", n_classes, type, expect_outputs,
                               expect_outputs == 1 ? "" : "s", outputs);
        for (size_t i = 0; i < n_classes; i++) {
            /* read_values gave n_classes values (the analyzer does not follow it) */
            // NOLINTNEXTLINE(clang-analyzer-core.NullDereference)
            bool ok = isfinite(classes[i]) && classes[i] == floor(classes[i]) &&
                      (i == 0 || classes[i] > classes[i - 1]);
            if (m->labels.type == NN_LABELS_MULTILABEL)
                ok = classes[i] == (double)i;
            if (!ok)
                return parse_error(r, "classes: not sorted distinct whole numbers%s",
                                   m->labels.type == NN_LABELS_MULTILABEL ? " 0..k-1" : "");
        }
        m->has_classes = true;
        want = m->labels.type == NN_LABELS_MULTICLASS ? NN_SOFTMAX : NN_LOGISTIC;
    }
    if (m->out_activation != want)
        return parse_error(r, "out_activation %s does not fit this task (expected %s)",
                           nn_activation_name(m->out_activation), nn_activation_name(want));
    return NN_OK;
}

/* "key none" (*none set), or "key count": a count that must be `want` (any if want is
 * 0) into *n. */
static nn_status key_count(reader *r, const char *key, size_t want, bool *none, size_t *n)
{
    char word[64] = "";
    nn_status st = expect(r, key);
    const char *save_p = r->p;
    size_t save_line = r->line;
    if (st == NN_OK)
        token(r, word, sizeof word);
    if (st != NN_OK || (*none = strcmp(word, "none") == 0))
        return st;
    r->p = save_p;
    r->line = save_line;
    if ((st = read_size(r, key, 0x7fffffff, n)) == NN_OK && want && *n != want)
        return parse_error(r, "%s: %zu entries, but the model has %zu", key, *n, want);
    return st;
}

/* The training record: n_iter, t, the losses and scores, the loss curve and the
 * validation scores ("none" without early stopping). */
static nn_status read_record(reader *r, nn_mlp *m)
{
    nn_status st;
    bool none;
    long count = 0;
    size_t n = 0;
    if ((st = key_long(r, "n_iter", 0, 0x7fffffffL, &m->n_iter)) ||
        (st = key_long(r, "t", 0, LONG_MAX, &m->t)) ||
        (st = key_double(r, "loss", &m->loss)) ||
        (st = key_double(r, "best_loss", &m->best_loss)) ||
        (st = key_double(r, "best_validation_score", &m->best_validation_score)) ||
        (st = key_long(r, "no_improvement_count", 0, 0x7fffffffL, &count)))
        return st;
    m->no_improvement_count = count;
    if ((st = expect(r, "loss_curve")) || (st = read_size(r, "loss_curve", 0x7fffffff, &n)) ||
        (st = read_values(r, "loss_curve", n, &m->loss_curve)))
        return st;
    m->n_loss_curve = m->cap_loss_curve = n;
    if ((st = key_count(r, "validation_scores", 0, &none, &n)) || none ||
        (st = read_values(r, "validation_scores", n, &m->validation_scores)))
        return st;
    m->n_validation_scores = m->cap_validation_scores = n;
    m->has_validation_scores = true;
    return NN_OK;
}

/* Every layer's coefficients, then every layer's intercepts, then "end". */
static nn_status read_weights(reader *r, nn_mlp *m, const size_t *units, size_t L)
{
    nn_status st;
    for (size_t l = 0; l + 1 < L; l++) {
        size_t layer, rows, cols;
        if ((st = expect(r, "coefs")) || (st = read_size(r, "coefs layer", L, &layer)) ||
            (st = read_size(r, "coefs rows", 100000000, &rows)) ||
            (st = read_size(r, "coefs cols", 100000000, &cols)))
            return st;
        if (layer != l || rows != units[l] || cols != units[l + 1])
            return parse_error(r, "coefs %zu is %zu x %zu; expected coefs %zu, %zu x %zu",
                               layer, rows, cols, l, units[l], units[l + 1]);
        for (size_t k = 0; k < rows * cols; k++)
            if ((st = read_weight(r, "coefs", l, k, &m->coefs[l].data[k])))
                return st;
    }
    for (size_t l = 0; l + 1 < L; l++) {
        size_t layer, size;
        if ((st = expect(r, "intercepts")) || (st = read_size(r, "intercepts layer", L, &layer)) ||
            (st = read_size(r, "intercepts size", 100000000, &size)))
            return st;
        if (layer != l || size != units[l + 1])
            return parse_error(r, "intercepts %zu has %zu values; expected intercepts %zu with "
                                  "%zu", layer, size, l, units[l + 1]);
        for (size_t k = 0; k < size; k++)
            if ((st = read_weight(r, "intercepts", l, k, &m->intercepts[l].data[k])))
                return st;
    }
    return NN_OK;
}

/* "end", and nothing after it. */
static nn_status read_end(reader *r)
{
    char word[64];
    nn_status st = expect(r, "end");
    if (st != NN_OK)
        return st;
    token(r, word, sizeof word);
    if (word[0])
        return parse_error(r, "unexpected '%s' after 'end'", word);
    return NN_OK;
}

/* n finite numbers (a NaN in the optimiser's memory would poison every later step). */
static nn_status read_finite(reader *r, const char *what, double *out, size_t n)
{
    nn_status st = NN_OK;
    for (size_t k = 0; k < n && st == NN_OK; k++)
        if ((st = read_double(r, what, &out[k])) == NN_OK && !isfinite(out[k]))
            return parse_error(r, "%s: value %zu is %g, not a finite number", what, k, out[k]);
    return st;
}

/* feature_names: "none", or n_features_in names, %HH-escaped. */
static nn_status read_names(reader *r, nn_mlp *m)
{
    bool none;
    size_t count;
    nn_status st = key_count(r, "feature_names", m->n_features_in, &none, &count);
    if (st != NN_OK || none)
        return st;
    if (!(m->feature_names = nn_alloc(count, sizeof(char *), "feature names", r->err)))
        return NN_ERR_NOMEM;
    char tok[3 * NN_MLP_MAX_NAME + 2], name[NN_MLP_MAX_NAME + 1];
    for (size_t j = 0; j < m->n_features_in; j++) {
        size_t len = token(r, tok, sizeof tok), n = 0;
        if (len == 0 || len >= sizeof tok)
            return parse_error(r, "feature_names: name %zu is %s", j + 1,
                               len ? "too long" : "missing");
        for (size_t i = 0; i < len; i++) {
            int c = (unsigned char)tok[i];
            if (c == '%') { /* %HH: two hex digits */
                unsigned v = 0;
                bool ok = i + 2 < len && isxdigit((unsigned char)tok[i + 1]) &&
                          isxdigit((unsigned char)tok[i + 2]);
                if (ok)
                    v = (unsigned)strtoul((char[]){tok[i + 1], tok[i + 2], '\0'}, NULL, 16);
                c = ok ? (int)v : 0;
                i += 2;
            }
            if (c == 0 || n == NN_MLP_MAX_NAME)
                return parse_error(r, "feature_names: name %zu %s", j + 1,
                                   c ? "is too long" : "has a bad %HH escape");
            name[n++] = (char)c;
        }
        name[n] = '\0';
        if (!(m->feature_names[j] = nn_alloc(n + 1, 1, "feature name", r->err)))
            return NN_ERR_NOMEM;
        memcpy(m->feature_names[j], name, n + 1);
    }
    return NN_OK;
}

/* solver_state: "none", or sgd's or adam's settings and memory. */
static nn_status read_solver(reader *r, nn_mlp *m)
{
    char kind[64], schedule[64] = "";
    nn_solver *s = &m->solver;
    size_t n = 0;
    long t = 0, nesterov = 0;
    double set[5]; /* sgd: eta0, eta, momentum, power_t; adam: eta0, eta, b1, b2, eps */
    nn_learning_rate lr = NN_LR_CONSTANT;
    bool none;
    nn_status st = key_count(r, "solver_state", m->n_params, &none, &n);
    if (st || none || (st = read_word(r, kind, sizeof kind, "solver_state")))
        return st;
    bool sgd = strcmp(kind, "sgd") == 0;
    if (!sgd && strcmp(kind, "adam") != 0)
        return parse_error(r, "solver_state: expected sgd or adam, found '%s'", kind);
    if (sgd && ((st = read_word(r, schedule, sizeof schedule, "solver_state")) ||
                (st = read_long(r, "sgd nesterov", 0, 1, &nesterov))))
        return st;
    if (sgd && nn_learning_rate_parse(schedule, &lr, r->err) != NN_OK)
        return parse_error(r, "solver_state: %s", r->err->message);
    if ((!sgd && (st = read_long(r, "adam t", 0, LONG_MAX, &t))) ||
        (st = read_finite(r, "solver_state", set, sgd ? 4 : 5)))
        return st;
    st = sgd ? nn_solver_init_sgd(s, n, set[0], lr, set[2], nesterov != 0, set[3], r->err)
             : nn_solver_init_adam(s, n, set[0], set[2], set[3], set[4], r->err);
    if (st != NN_OK)
        return st;
    m->has_solver = true;
    s->learning_rate = set[1];
    s->t = t;
    if (sgd)
        return read_finite(r, "sgd velocities", s->velocity, n);
    st = read_finite(r, "adam first moments", s->m, n);
    return st ? st : read_finite(r, "adam second moments", s->v, n);
}

/* rng: "none", or the generator's 624 words, position and spare normal deviate. */
static nn_status read_rng(reader *r, nn_mlp *m)
{
    bool none;
    size_t n;
    long pos, has_gauss;
    nn_status st = key_count(r, "rng", NN_RNG_STATE_LEN, &none, &n);
    if (st || none || (st = read_long(r, "rng position", 0, NN_RNG_STATE_LEN, &pos)) ||
        (st = read_long(r, "rng has_gauss", 0, 1, &has_gauss)) ||
        (st = read_finite(r, "rng gauss", &m->rng.gauss, 1)))
        return st;
    for (size_t i = 0; i < NN_RNG_STATE_LEN; i++) {
        char tok[64], *end;
        token(r, tok, sizeof tok);
        unsigned long word = strtoul(tok, &end, 16);
        if (strlen(tok) != 8 || *end || !isxdigit((unsigned char)tok[0]))
            return parse_error(r, "rng: word %zu: expected 8 hex digits, found '%s'", i, tok);
        m->rng.key[i] = (uint32_t)word;
    }
    m->rng.pos = (int)pos;
    m->rng.has_gauss = (int)has_gauss;
    m->rng_ready = true;
    return NN_OK;
}

/* Version 2's training state: the feature names, early stopping's best weights, the
 * optimiser and the generator. */
static nn_status read_training_state(reader *r, nn_mlp *m)
{
    bool none;
    size_t n;
    nn_status st = read_names(r, m);
    if (st == NN_OK && (st = key_count(r, "best_weights", m->n_params, &none, &n)) == NN_OK &&
        !none) {
        st = read_finite(r, "best_weights", m->best_theta, n);
        m->has_best_theta = true;
    }
    if (st == NN_OK)
        st = read_solver(r, m);
    return st == NN_OK ? read_rng(r, m) : st;
}

/* A pipeline's scaler, after "scaler": "standard d" with d the network's inputs,
 * n_samples_seen, then mean, var and scale, d finite values each, with var >= 0 and
 * scale > 0 (a scale of 0 would divide by zero). */
static nn_status read_scaler(reader *r, const nn_mlp *m, nn_standard_scaler *s)
{
    static const char *const keys[3] = {"mean", "var", "scale"};
    double **slots[3] = {&s->mean, &s->var, &s->scale};
    char word[64];
    size_t d = 0, seen = 0, n = 0;
    nn_status st = read_word(r, word, sizeof word, "scaler");
    if (st == NN_OK && strcmp(word, "standard") != 0)
        return parse_error(r, "scaler: expected standard, found '%s'", word);
    if (st || (st = read_size(r, "scaler", 0x7fffffff, &d)))
        return st;
    if (d != m->n_features_in)
        return parse_error(r, "scaler: %zu features, but the network has %zu inputs", d,
                           m->n_features_in);
    if ((st = expect(r, "n_samples_seen")) ||
        (st = read_size(r, "n_samples_seen", 0x7fffffff, &seen)))
        return st;
    if (seen == 0)
        return parse_error(r, "n_samples_seen: a fitted scaler has seen at least 1 sample");
    for (int k = 0; k < 3; k++) {
        if ((st = expect(r, keys[k])) || (st = read_size(r, keys[k], 0x7fffffff, &n)))
            return st;
        if (n != d)
            return parse_error(r, "%s: %zu values, but the scaler has %zu features", keys[k],
                               n, d);
        if (!(*slots[k] = nn_alloc(d, sizeof(double), "scaler statistics", r->err)))
            return NN_ERR_NOMEM;
        if ((st = read_finite(r, keys[k], *slots[k], d)))
            return st;
        for (size_t j = 0; k > 0 && j < d; j++) {
            double v = (*slots[k])[j];
            if (k == 1 ? v < 0 : v <= 0)
                return parse_error(r, "%s: value %zu is %g, but a %s must be %s", keys[k], j,
                                   v, k == 1 ? "variance" : "scale",
                                   k == 1 ? "0 or more" : "positive");
        }
    }
    s->n_features = d;
    s->n_samples_seen = seen;
    return NN_OK;
}

/* What follows the network: a pipeline file's scaler, which nn_mlp_load_pipeline
 * (scaler not NULL) needs and nn_mlp_load (scaler NULL) refuses. */
static nn_status read_pipeline(reader *r, const nn_mlp *m, nn_standard_scaler *scaler)
{
    const char *p = r->p;
    size_t line = r->line;
    char word[64];
    token(r, word, sizeof word);
    bool has = strcmp(word, "scaler") == 0;
    if (has && !scaler)
        return parse_error(r, "this file holds a pipeline, a scaler and then the network: "
                              "load it with nn_mlp_load_pipeline, which returns the "
                              "scaler too");
    if (!has && scaler)
        return parse_error(r, "expected 'scaler', found '%s': this file holds a network "
                              "alone, not a pipeline (load it with nn_mlp_load)", word);
    if (has)
        return read_scaler(r, m, scaler);
    r->p = p;
    r->line = line;
    return NN_OK;
}

/* Everything after the parameters, into m (whose params and kind are set), and a
 * pipeline's scaler into scaler (NULL: the file must not have one). */
static nn_status read_state(reader *r, nn_mlp *m, nn_standard_scaler *scaler)
{
    size_t units[NN_MLP_MAX_HIDDEN + 2] = {0}, L = 0;
    nn_status st = read_layout(r, m, units, &L);
    if (st == NN_OK)
        st = read_labels(r, m, units[L - 1]);
    if (st == NN_OK)
        st = read_record(r, m);
    if (st == NN_OK)
        st = read_weights(r, m, units, L);
    if (st == NN_OK && r->version >= 2)
        st = read_training_state(r, m);
    if (st == NN_OK)
        st = read_pipeline(r, m, scaler);
    return st == NN_OK ? read_end(r) : st;
}

/* nn_mlp_load, or with scaler not NULL nn_mlp_load_pipeline. */
static nn_mlp *load(const char *path, nn_standard_scaler *scaler, nn_error *err)
{
    size_t size;
    char *text = slurp(path, &size, err);
    if (!text)
        return NULL;
    reader r = {path, text, text + size, 1, size, err, 0};
    nn_mlp *m = NULL;
    nn_mlp_kind kind = NN_MLP_CLASSIFIER;
    nn_mlp_params params;
    nn_status st = check_envelope(&r, text, size);
    if (st == NN_OK)
        st = read_params(&r, &kind, &params);
    if (st == NN_OK) {
        m = nn_mlp_new(kind, &params, err);
        st = m ? read_state(&r, m, scaler) : NN_ERR_NOMEM;
    }
    nn_alloc_free(text);
    if (st != NN_OK) {
        nn_mlp_free(m);
        nn_standard_scaler_free(scaler);
        return NULL;
    }
    m->fitted = true;
    if (r.version < 2 && m->params.solver != NN_MLP_LBFGS)
        nn_warn("%s: a version %ld model file keeps no optimiser state: partial_fit will start "
                "a new optimiser from the loaded weights (save the model again to keep its "
                "whole training state)", path, r.version);
    return m;
}

nn_mlp *nn_mlp_load(const char *path, nn_error *err)
{
    nn_error local;
    if (!err)
        err = &local;
    if (!path) {
        nn_error_set(err, NN_ERR_ARG, "nn_mlp_load: NULL path");
        return NULL;
    }
    return load(path, NULL, err);
}

nn_mlp *nn_mlp_load_pipeline(const char *path, nn_standard_scaler *scaler, nn_error *err)
{
    nn_error local;
    if (!err)
        err = &local;
    if (!path || !scaler) {
        nn_error_set(err, NN_ERR_ARG, "nn_mlp_load_pipeline: NULL path or scaler");
        return NULL;
    }
    memset(scaler, 0, sizeof *scaler);
    return load(path, scaler, err);
}
