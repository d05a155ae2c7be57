/* csv.c - fuzzing the CSV loader (nn_data_parse_csv).
 *
 * The first byte chooses the options, the rest is the text:
 *   bits 0-2  the delimiter: , ; tab space | , , ,
 *   bit 3     no header row
 *   bit 4     missing values filled with column means
 *   bits 5-7  the target: the last column, the first, the second, -2, or (with a header)
 *             the column named "y" or "b"
 * Promises: a data set comes back complete (rows > 0, every feature and target finite,
 * as many names as columns) or NULL with a message that starts with the input's name
 * (or an NN_ERR_ARG/NN_ERR_NOMEM one that needs no place); nothing leaks.
 */
#include <math.h>

#include "data.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char delimiters[8] = {',', ';', '\t', ' ', '|', ',', ',', ','};
    unsigned char mode = data[0];
    nn_csv_options opt = nn_csv_defaults();
    opt.delimiter = delimiters[mode & 7];
    opt.header = !(mode & 8);
    opt.missing = mode & 16 ? NN_CSV_MISSING_MEAN : NN_CSV_MISSING_ERROR;
    switch (mode >> 5) {
    case 1: opt.target_column = 0; break;
    case 2: opt.target_column = 1; break;
    case 3: opt.target_column = -2; break;
    case 4: opt.target = opt.header ? "y" : NULL; break;
    case 5: opt.target = opt.header ? "b" : NULL; break;
    default: break; /* the last column */
    }

    long live = nn_alloc_live();
    nn_error err = {NN_OK, ""};
    nn_dataset *ds = nn_data_parse_csv("fuzz.csv", (const char *)data + 1, size - 1, &opt, &err);
    if (ds) {
        size_t n = ds->X->rows, m = ds->X->cols;
        FUZZ_CHECK(n > 0 && m > 0, "an empty data set (%zu x %zu) came back", n, m);
        for (size_t k = 0; k < n * m; k++)
            FUZZ_CHECK(isfinite(ds->X->data[k]), "X holds a non-finite value");
        for (size_t i = 0; i < n; i++)
            FUZZ_CHECK(isfinite(ds->y[i]), "y holds a non-finite value");
        FUZZ_CHECK(!ds->feature_names == !opt.header, "names without a header, or none with");
        if (ds->feature_names) {
            for (size_t j = 0; j < m; j++)
                FUZZ_CHECK(ds->feature_names[j] != NULL, "feature name %zu is missing", j);
            FUZZ_CHECK(ds->target_name != NULL, "the target's name is missing");
        }
        FUZZ_CHECK(opt.missing == NN_CSV_MISSING_MEAN || ds->n_imputed == 0,
                   "values were imputed although missing values are errors");
    } else {
        FUZZ_CHECK(err.code != NN_OK && err.message[0], "NULL without an error");
        FUZZ_CHECK(err.code == NN_ERR_NOMEM || fuzz_names(err.message, "fuzz.csv"),
                   "the message does not name the input: %s", err.message);
    }
    nn_dataset_free(ds);
    FUZZ_NO_LEAKS(live);
    return 0;
}
