/* Tests for exercise 03-3, seeded_weights, against numpy's own arrays. */
#include <inttypes.h>

#include "grade.h"
#include "exercises.h"
#include "fixtures/seeding.h"

GRADE_SUITE(seeded_weights);

Test(seeded_weights, the_tutorials_seed_1_weights)
{
    /* np.random.seed(1); 2*np.random.random((3,1)) - 1 */
    double w[3] = {NAN, NAN, NAN};
    seeded_weights(w, 3, 1, 1u);
    static const double want[3] = {-0.16595599, 0.44064899, -0.99977125};
    for (int i = 0; i < 3; i++)
        expect_near(w[i], want[i], 5e-9, "seeded_weights(w, 3, 1, seed 1): w[%d]", i);
}

Test(seeded_weights, equals_numpy_bit_for_bit_row_by_row)
{
    for (size_t c = 0; c < sizeof seeding_fx_matrices / sizeof seeding_fx_matrices[0]; c++) {
        const seeding_fx_matrix *fx = &seeding_fx_matrices[c];
        double w[64];
        size_t n = fx->rows * fx->cols;
        for (size_t k = 0; k < n; k++)
            w[k] = NAN;
        seeded_weights(w, fx->rows, fx->cols, fx->seed);
        for (size_t k = 0; k < n; k++) {
            if (w[k] != fx->values[k]) {
                cr_expect_fail("seeded_weights(w, %zu, %zu, seed %" PRIu32 "): row %zu, column "
                               "%zu (w[%zu]): expected numpy's %.17g, got %.17g",
                               fx->rows, fx->cols, fx->seed, k / fx->cols, k % fx->cols, k,
                               fx->values[k], w[k]);
                break;
            }
        }
    }
}

Test(seeded_weights, same_seed_same_weights)
{
    double a[6], b[6];
    seeded_weights(a, 2, 3, 2024u);
    seeded_weights(b, 2, 3, 2024u);
    for (int k = 0; k < 6; k++)
        cr_expect(a[k] == b[k], "two calls with seed 2024: w[%d] is %.17g, then %.17g "
                  "(seed inside the function)", k, a[k], b[k]);
}

Test(seeded_weights, weights_lie_in_minus_one_one)
{
    double w[500];
    for (int k = 0; k < 500; k++)
        w[k] = 42.0; /* a value no draw gives: shows an entry left unwritten */
    seeded_weights(w, 100, 5, 7u);
    double lo = 1.0, hi = -1.0;
    int unwritten = 0;
    for (int k = 0; k < 500; k++) {
        unwritten += w[k] == 42.0;
        lo = w[k] < lo ? w[k] : lo;
        hi = w[k] > hi ? w[k] : hi;
    }
    cr_expect(unwritten == 0, "seeded_weights(w, 100, 5, seed 7): %d of the 500 weights were "
              "never written", unwritten);
    cr_expect(unwritten > 0 || (lo >= -1.0 && hi < 1.0 && lo < -0.9 && hi > 0.9),
              "seeded_weights(w, 100, 5, seed 7): expected 500 values spread over [-1, 1), "
              "got min %.17g, max %.17g", lo, hi);
}

Test(seeded_weights, writes_exactly_rows_times_cols)
{
    double w[8];
    for (int k = 0; k < 8; k++)
        w[k] = 42.0;
    seeded_weights(w, 2, 3, 1u);
    expect_near(w[6], 42.0, 0.0, "w[6] after seeded_weights(w, 2, 3, seed 1) (%s)",
                "only 6 values may be written");
    expect_near(w[7], 42.0, 0.0, "w[7] after seeded_weights(w, 2, 3, seed 1) (%s)",
                "only 6 values may be written");
    seeded_weights(NULL, 0, 4, 1u); /* nothing to write, and nothing to write into */
    w[0] = 42.0;
    seeded_weights(w, 0, 0, 1u);
    expect_near(w[0], 42.0, 0.0, "w[0] after seeded_weights(w, 0, 0, seed 1) (%s)",
                "a 0 x 0 matrix writes nothing");
}
