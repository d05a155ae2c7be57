/* mlp_save.c - writing an nn_mlp, alone or as a pipeline (a StandardScaler, then the
 * network), in the nn_mlp text format that mlp_file.c describes and reads back.
 * Chapter 7 introduces it, with the model; chapter 8 saves a pipeline.
 *
 * Writing is the easy half of the format: every field in a fixed order, every double a
 * C99 hexadecimal float, a running FNV-1a hash of every byte written, and that hash as
 * the last line. The file is written under a temporary name and renamed into place.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "mlp_internal.h"

/* ---- The checksum: FNV-1a, 64 bits ---------------------------------------------------
 * Not cryptographic: it catches corruption and truncation, not tampering. */

uint64_t nn_mlp_internal_fnv1a(uint64_t h, const char *data, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)data[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* ---- Writing ------------------------------------------------------------------------- */

typedef struct writer {
    FILE *f;
    uint64_t hash;
    int failed;
} writer;

static void emit(writer *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void emit(writer *w, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf) {
        w->failed = 1;
        return;
    }
    w->hash = nn_mlp_internal_fnv1a(w->hash, buf, (size_t)n);
    if (fwrite(buf, 1, (size_t)n, w->f) != (size_t)n)
        w->failed = 1;
}

/* Values, four to a line after the header line. "%a" is exact; inf and nan are
 * written as such and read back by strtod. */
static void emit_values(writer *w, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        emit(w, "%s%a", i % 4 == 0 ? "\n " : " ", v[i]);
    emit(w, "\n");
}

/* "key count" and the values, or "key none". */
static void emit_optional(writer *w, const char *key, bool has, const double *v, size_t n)
{
    if (!has) {
        emit(w, "%s none\n", key);
        return;
    }
    emit(w, "%s %zu", key, n);
    emit_values(w, v, n);
}

static const char *label_type_name(const nn_mlp *m)
{
    return m->kind == NN_MLP_REGRESSOR ? "none" : nn_labels_type_name(m->labels.type);
}

/* A name as one token: bytes that are blank, unprintable or '%' become %HH. */
static void emit_name(writer *w, const char *name)
{
    char buf[3 * NN_MLP_MAX_NAME + 1];
    size_t n = 0;
    for (const unsigned char *c = (const unsigned char *)name; *c && n + 4 < sizeof buf; c++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, *c > 0x20 && *c < 0x7f && *c != '%'
                                                           ? "%c" : "%%%02X", *c);
    buf[n] = '\0';
    emit(w, "\n %s", buf);
}

/* What training needs to go on exactly where it stopped (version 2): the feature
 * names, early stopping's best weights, the optimiser's memory and the generator. */
static void write_training_state(writer *w, const nn_mlp *m)
{
    if (m->feature_names) {
        emit(w, "feature_names %zu", m->n_features_in);
        for (size_t j = 0; j < m->n_features_in; j++)
            emit_name(w, m->feature_names[j]);
        emit(w, "\n");
    } else {
        emit(w, "feature_names none\n");
    }
    emit_optional(w, "best_weights", m->has_best_theta, m->best_theta, m->n_params);
    const nn_solver *s = &m->solver;
    if (!m->has_solver) {
        emit(w, "solver_state none\n");
    } else if (s->kind == NN_SOLVER_SGD) { /* velocities */
        emit(w, "solver_state %zu sgd %s %d %a %a %a %a", s->n,
             nn_learning_rate_name(s->schedule), s->nesterov ? 1 : 0, s->learning_rate_init,
             s->learning_rate, s->momentum, s->power_t);
        emit_values(w, s->velocity, s->n);
    } else { /* adam: step count, then the first and second moments */
        emit(w, "solver_state %zu adam %ld %a %a %a %a %a", s->n, s->t,
             s->learning_rate_init, s->learning_rate, s->beta_1, s->beta_2, s->epsilon);
        emit_values(w, s->m, s->n);
        emit_values(w, s->v, s->n);
    }
    if (m->rng_ready) { /* the Mersenne Twister's words, its position, the spare normal */
        emit(w, "rng %d %d %d %a", NN_RNG_STATE_LEN, m->rng.pos, m->rng.has_gauss,
             m->rng.gauss);
        for (size_t i = 0; i < NN_RNG_STATE_LEN; i++)
            emit(w, "%s%08" PRIx32, i % 8 == 0 ? "\n " : " ", m->rng.key[i]);
        emit(w, "\n");
    } else {
        emit(w, "rng none\n");
    }
}

/* A pipeline's scaler, StandardScaler's fitted attributes, one value per feature. */
static void write_scaler(writer *w, const nn_standard_scaler *s)
{
    emit(w, "scaler standard %zu\n", s->n_features);
    emit(w, "n_samples_seen %zu\n", s->n_samples_seen);
    emit(w, "mean %zu", s->n_features);
    emit_values(w, s->mean, s->n_features);
    emit(w, "var %zu", s->n_features);
    emit_values(w, s->var, s->n_features);
    emit(w, "scale %zu", s->n_features);
    emit_values(w, s->scale, s->n_features);
}

/* The whole file but its checksum line; a pipeline's scaler (or NULL) comes last. */
static void write_model(writer *w, const nn_mlp *m, const nn_standard_scaler *scaler)
{
    const nn_mlp_params *p = &m->params;
    emit(w, "%s %d\n", NN_MLP_FORMAT_MAGIC, NN_MLP_FORMAT_VERSION);
    emit(w, "kind %s\n", m->kind == NN_MLP_REGRESSOR ? "regressor" : "classifier");
    emit(w, "hidden_layer_sizes %zu", p->n_hidden);
    for (size_t i = 0; i < p->n_hidden; i++)
        emit(w, " %zu", p->hidden_layer_sizes[i]);
    emit(w, "\nactivation %s\n", nn_activation_name(p->activation));
    emit(w, "solver %s\n", nn_mlp_solver_name(p->solver));
    emit(w, "alpha %a\n", p->alpha);
    emit(w, "batch_size %zu\n", p->batch_size);
    emit(w, "learning_rate %s\n", nn_learning_rate_name(p->learning_rate));
    emit(w, "learning_rate_init %a\n", p->learning_rate_init);
    emit(w, "power_t %a\n", p->power_t);
    emit(w, "max_iter %ld\n", p->max_iter);
    emit(w, "shuffle %d\n", p->shuffle ? 1 : 0);
    emit(w, "random_state %" PRId64 "\n", p->random_state);
    emit(w, "tol %a\n", p->tol);
    emit(w, "verbose %d\n", p->verbose);
    emit(w, "warm_start %d\n", p->warm_start ? 1 : 0);
    emit(w, "momentum %a\n", p->momentum);
    emit(w, "nesterovs_momentum %d\n", p->nesterovs_momentum ? 1 : 0);
    emit(w, "early_stopping %d\n", p->early_stopping ? 1 : 0);
    emit(w, "validation_fraction %a\n", p->validation_fraction);
    emit(w, "beta_1 %a\n", p->beta_1);
    emit(w, "beta_2 %a\n", p->beta_2);
    emit(w, "epsilon %a\n", p->epsilon);
    emit(w, "n_iter_no_change %a\n", p->n_iter_no_change);
    emit(w, "max_fun %ld\n", p->max_fun);
    emit(w, "progress %d\n", p->progress ? 1 : 0);

    emit(w, "layer_units %zu", m->n_layers);
    for (size_t l = 0; l < m->n_layers; l++)
        emit(w, " %zu", m->units[l]);
    emit(w, "\nout_activation %s\n", nn_activation_name(m->out_activation));
    emit(w, "label_type %s\n", label_type_name(m));
    size_t n_classes = m->kind == NN_MLP_CLASSIFIER ? m->labels.n_classes : 0;
    emit(w, "classes %zu", n_classes);
    emit_values(w, m->labels.classes, n_classes);

    emit(w, "n_iter %ld\n", m->n_iter);
    emit(w, "t %ld\n", m->t);
    emit(w, "loss %a\n", m->loss);
    emit(w, "best_loss %a\n", m->best_loss);
    emit(w, "best_validation_score %a\n", m->best_validation_score);
    emit(w, "no_improvement_count %ld\n", m->no_improvement_count);
    emit(w, "loss_curve %zu", m->n_loss_curve);
    emit_values(w, m->loss_curve, m->n_loss_curve);
    emit_optional(w, "validation_scores", m->has_validation_scores, m->validation_scores,
                  m->n_validation_scores);
    for (size_t l = 0; l + 1 < m->n_layers; l++) {
        emit(w, "coefs %zu %zu %zu", l, m->coefs[l].rows, m->coefs[l].cols);
        emit_values(w, m->coefs[l].data, m->coefs[l].rows * m->coefs[l].cols);
    }
    for (size_t l = 0; l + 1 < m->n_layers; l++) {
        emit(w, "intercepts %zu %zu", l, m->intercepts[l].cols);
        emit_values(w, m->intercepts[l].data, m->intercepts[l].cols);
    }
    write_training_state(w, m);
    if (scaler)
        write_scaler(w, scaler);
    emit(w, "end\n");
}

/* Writes m, and the scaler if not NULL, to path (both checked by the callers). */
static nn_status save(const nn_mlp *m, const nn_standard_scaler *scaler, const char *path,
                      nn_error *err)
{
    /* Write to "path.tmpPID-N" beside the target, then rename: a crash, a kill or a
     * full disk never leaves a half-written model under the real name (at worst a
     * leftover temporary file, which nothing reads). The file is created like any other
     * (mode 0666 less the umask; mkstemp would make it 0600), and O_EXCL makes sure it
     * is a new file of our own. */
    size_t size = strlen(path) + 48;
    char *tmp = nn_alloc(size, 1, "temporary file name", err);
    if (!tmp)
        return NN_ERR_NOMEM;
    int fd = -1;
    for (unsigned attempt = 0; fd < 0 && attempt < 100; attempt++) {
        snprintf(tmp, size, "%s.tmp%ld-%u", path, (long)getpid(), attempt);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        nn_status st = nn_error_at(err, NN_ERR_IO, path, 0, 0, "cannot create a temporary "
                                   "file beside it: %s", strerror(errno));
        nn_alloc_free(tmp);
        return st;
    }
    writer w = {fdopen(fd, "w"), NN_MLP_FNV_OFFSET, 0};
    if (!w.f) {
        close(fd);
        w.failed = 1;
    } else {
        write_model(&w, m, scaler);
        uint64_t h = w.hash;
        if (fprintf(w.f, "checksum %016" PRIx64 "\n", h) < 0)
            w.failed = 1;
        if (fflush(w.f) != 0 || fsync(fileno(w.f)) != 0)
            w.failed = 1;
        if (fclose(w.f) != 0)
            w.failed = 1;
    }
    if (w.failed || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        nn_alloc_free(tmp);
        return nn_error_at(err, NN_ERR_IO, path, 0, 0, "cannot write the model: %s",
                           e ? strerror(e) : "write failed");
    }
    nn_alloc_free(tmp);
    return NN_OK;
}


nn_status nn_mlp_save(const nn_mlp *m, const char *path, nn_error *err)
{
    if (!m || !path)
        return nn_error_set(err, NN_ERR_ARG, "nn_mlp_save: NULL model or path");
    if (!m->fitted)
        return nn_error_set(err, NN_ERR_STATE, "nn_mlp_save: the model is not fitted");
    return save(m, NULL, path, err);
}

nn_status nn_mlp_save_pipeline(const nn_mlp *m, const nn_standard_scaler *scaler,
                               const char *path, nn_error *err)
{
    if (!m || !scaler || !path)
        return nn_error_set(err, NN_ERR_ARG, "nn_mlp_save_pipeline: NULL model, scaler or "
                                             "path");
    if (!m->fitted)
        return nn_error_set(err, NN_ERR_STATE, "nn_mlp_save_pipeline: the model is not "
                                               "fitted");
    if (!scaler->n_features || !scaler->mean || !scaler->var || !scaler->scale)
        return nn_error_set(err, NN_ERR_STATE, "nn_mlp_save_pipeline: the scaler is not "
                                               "fitted");
    if (scaler->n_features != m->n_features_in)
        return nn_error_set(err, NN_ERR_ARG, "nn_mlp_save_pipeline: the scaler has %zu "
                            "features, but the network has %zu inputs", scaler->n_features,
                            m->n_features_in);
    return save(m, scaler, path, err);
}
