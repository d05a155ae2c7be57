/* model.c - fuzzing the model loaders (nn_mlp_load, and nn_mlp_load_pipeline for a
 * pipeline file, a model with a StandardScaler before its end).
 *
 * A model file ends with a checksum of everything before it, so random bytes almost
 * never get past the first check. Each input is therefore loaded twice: as it is, and
 * as a body (the input without a last "checksum ..." line, if it has one) followed by
 * its correct checksum line, which lets the fuzzer reach every field's checks.
 *
 * Promises: a load either fails with a message that starts with the file's path, or
 * gives a fitted model that predicts (finite probabilities for a classifier) and that
 * saves and loads back with exactly the same weights; a pipeline's scaler has one finite
 * mean, variance (>= 0) and scale (> 0) per input and comes back unchanged from a save
 * and a load; nothing leaks.
 */
#include <inttypes.h>
#include <math.h>
#include <unistd.h>

#include "fuzz.h"
#include "mlp.h"

static char dir[256], in_path[300], out_path[300];

static void remove_files(void)
{
    unlink(in_path);
    unlink(out_path);
    rmdir(dir);
}

/* Warnings (a version 1 file loads with one) are expected: keep them quiet. */
static void ignore_warning(const char *message, void *context)
{
    (void)message;
    (void)context;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    nn_set_warning_handler(ignore_warning, NULL);
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/nn-fuzz-model-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    snprintf(in_path, sizeof in_path, "%s/in.nnmlp", dir);
    snprintf(out_path, sizeof out_path, "%s/out.nnmlp", dir);
    atexit(remove_files);
    return 0;
}

static void write_file(const char *path, const uint8_t *a, size_t na, const char *b, size_t nb)
{
    FILE *f = fopen(path, "wb");
    FUZZ_CHECK(f != NULL, "cannot write %s", path);
    FUZZ_CHECK(fwrite(a, 1, na, f) == na && fwrite(b, 1, nb, f) == nb, "short write");
    FUZZ_CHECK(fclose(f) == 0, "cannot close %s", path);
}

/* What a loaded model must do: predict, and survive a save and a load unchanged. */
static void exercise(nn_mlp *m)
{
    nn_error err = {NN_OK, ""};
    FUZZ_CHECK(nn_mlp_is_fitted(m), "a loaded model is not fitted");
    size_t features = nn_mlp_n_features_in(m);
    nn_matrix *X = nn_matrix_new(3, features, &err);
    FUZZ_CHECK(X != NULL, "%s", err.message);
    for (size_t k = 0; k < 3 * features; k++)
        X->data[k] = (double)(k % 7) - 3.0;
    nn_matrix *out = nn_matrix_new(3, nn_mlp_predict_cols(m), &err);
    FUZZ_CHECK(out != NULL, "%s", err.message);
    FUZZ_CHECK(nn_mlp_predict(m, X, out, &err) == NN_OK, "predict: %s", err.message);
    nn_matrix_free(out);
    if (nn_mlp_proba_cols(m) > 0) {
        nn_matrix *p = nn_matrix_new(3, nn_mlp_proba_cols(m), &err);
        FUZZ_CHECK(p != NULL, "%s", err.message);
        FUZZ_CHECK(nn_mlp_predict_proba(m, X, p, &err) == NN_OK, "proba: %s", err.message);
        for (size_t k = 0; k < p->rows * p->cols; k++)
            FUZZ_CHECK(p->data[k] >= 0.0 && p->data[k] <= 1.0, "probability %g", p->data[k]);
        nn_matrix_free(p);
    }
    nn_matrix_free(X);

    FUZZ_CHECK(nn_mlp_save(m, out_path, &err) == NN_OK, "save: %s", err.message);
    nn_mlp *back = nn_mlp_load(out_path, &err);
    FUZZ_CHECK(back != NULL, "a saved model does not load: %s", err.message);
    size_t n1, n2;
    const double *w1 = nn_mlp_packed(m, &n1), *w2 = nn_mlp_packed(back, &n2);
    FUZZ_CHECK(n1 == n2 && memcmp(w1, w2, n1 * sizeof *w1) == 0, "the weights changed");
    nn_mlp_free(back);
}

/* What a loaded pipeline's scaler must be, and that it survives a save and a load. */
static void exercise_scaler(const nn_mlp *m, const nn_standard_scaler *s)
{
    size_t d = s->n_features;
    FUZZ_CHECK(d == nn_mlp_n_features_in(m) && s->n_samples_seen > 0, "scaler of %zu", d);
    for (size_t j = 0; j < d; j++)
        FUZZ_CHECK(isfinite(s->mean[j]) && isfinite(s->var[j]) && s->var[j] >= 0.0 &&
                   isfinite(s->scale[j]) && s->scale[j] > 0.0, "scaler feature %zu", j);
    nn_error err = {NN_OK, ""};
    FUZZ_CHECK(nn_mlp_save_pipeline(m, s, out_path, &err) == NN_OK, "save: %s", err.message);
    nn_standard_scaler back;
    nn_mlp *again = nn_mlp_load_pipeline(out_path, &back, &err);
    FUZZ_CHECK(again != NULL, "a saved pipeline does not load: %s", err.message);
    FUZZ_CHECK(back.n_features == d && memcmp(back.mean, s->mean, d * sizeof(double)) == 0 &&
               memcmp(back.var, s->var, d * sizeof(double)) == 0 &&
               memcmp(back.scale, s->scale, d * sizeof(double)) == 0, "the scaler changed");
    nn_standard_scaler_free(&back);
    nn_mlp_free(again);
}

static void load(const uint8_t *a, size_t na, const char *b, size_t nb)
{
    write_file(in_path, a, na, b, nb);
    nn_error err = {NN_OK, ""};
    nn_mlp *m = nn_mlp_load(in_path, &err);
    if (m)
        exercise(m);
    else
        FUZZ_CHECK(err.code == NN_ERR_NOMEM || fuzz_names(err.message, in_path),
                   "the message does not name the file: %s", err.message);
    nn_mlp_free(m);
    nn_standard_scaler s;
    m = nn_mlp_load_pipeline(in_path, &s, &err);
    if (m) {
        exercise_scaler(m, &s);
        exercise(m);
    } else {
        FUZZ_CHECK(err.code == NN_ERR_NOMEM || fuzz_names(err.message, in_path),
                   "the message does not name the file: %s", err.message);
    }
    nn_standard_scaler_free(&s);
    nn_mlp_free(m);
}

/* FNV-1a 64, the checksum the format uses (written out again here on purpose: the
 * test must not trust the code under test). */
static uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long live = nn_alloc_live();
    load(data, size, "", 0);

    /* The body: drop a last line that starts with "checksum ". */
    size_t body = size;
    if (body > 0 && data[body - 1] == '\n')
        body--;
    while (body > 0 && data[body - 1] != '\n')
        body--;
    if (!(size - body >= 9 && memcmp(data + body, "checksum ", 9) == 0))
        body = size;
    char line[64];
    int n = snprintf(line, sizeof line, "checksum %016" PRIx64 "\n", fnv1a(data, body));
    load(data, body, line, (size_t)n);
    FUZZ_NO_LEAKS(live);
    return 0;
}
