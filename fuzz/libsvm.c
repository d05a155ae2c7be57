/* libsvm.c - fuzzing the LIBSVM loader (nn_data_parse_libsvm).
 *
 * The first byte chooses n_features (0, the default: as many as the largest index, for
 * half of the values; otherwise 1 to 127), the rest is the text. Promises: a data set
 * comes back complete (rows > 0, every value finite, the width asked for, qids for every
 * sample or none) or NULL with a message that starts with the input's name; nothing
 * leaks.
 */
#include <math.h>

#include "data.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    nn_libsvm_options opt = {.n_features = data[0] < 128 ? 0 : (size_t)(data[0] - 127)};
    long live = nn_alloc_live();
    nn_error err = {NN_OK, ""};
    nn_dataset *ds =
        nn_data_parse_libsvm("fuzz.libsvm", (const char *)data + 1, size - 1, &opt, &err);
    if (ds) {
        size_t n = ds->X->rows, m = ds->X->cols;
        FUZZ_CHECK(n > 0, "a data set without samples came back");
        FUZZ_CHECK(opt.n_features == 0 || m == opt.n_features, "%zu columns, %zu asked for", m,
                   opt.n_features);
        for (size_t k = 0; k < n * m; k++)
            FUZZ_CHECK(isfinite(ds->X->data[k]), "X holds a non-finite value");
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(isfinite(ds->y[i]), "y holds a non-finite value");
        FUZZ_CHECK(ds->feature_names == NULL && ds->target_name == NULL,
                   "LIBSVM files have no names");
    } else {
        FUZZ_CHECK(err.code != NN_OK && err.message[0], "NULL without an error");
        FUZZ_CHECK(err.code == NN_ERR_NOMEM || fuzz_names(err.message, "fuzz.libsvm"),
                   "the message does not name the input: %s", err.message);
    }
    nn_dataset_free(ds);
    FUZZ_NO_LEAKS(live);
    return 0;
}
