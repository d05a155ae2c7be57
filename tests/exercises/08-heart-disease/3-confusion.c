/* Tests for exercise 08-3, confusion_matrix. */
#include <stdbool.h>

#include "grade.h"
#include "exercises.h"
#include "metrics.h"
#include "random.h"

GRADE_SUITE(confusion_matrix);

#define UNTOUCHED ((size_t)-1)

Test(confusion_matrix, six_patients_by_hand)
{
    /* truth:      -1 -1 +1 +1 +1 -1
     * prediction: -1 +1 +1 -1 +1 -1   ->  TN 2, FP 1, FN 1, TP 2 */
    const double y_true[] = {-1, -1, 1, 1, 1, -1}, y_pred[] = {-1, 1, 1, -1, 1, -1};
    double labels[4] = {NAN, NAN, NAN, NAN};
    size_t counts[16];
    size_t k = confusion_matrix(y_true, y_pred, 6, labels, counts, 4);
    expect_eq_size(k, 2, "number of labels in {-1, +1}%s", "");
    if (k != 2)
        return;
    expect_near(labels[0], -1.0, 0.0, "labels[0] (sorted: -1 first)%s", "");
    expect_near(labels[1], 1.0, 0.0, "labels[1]%s", "");
    const size_t want[] = {2, 1, 1, 2};
    const char *cell[] = {"TN (true -1, predicted -1)", "FP (true -1, predicted +1)",
                          "FN (true +1, predicted -1)", "TP (true +1, predicted +1)"};
    for (size_t c = 0; c < 4; c++)
        expect_eq_size(counts[c], want[c], "counts[%zu], %s", c, cell[c]);
}

Test(confusion_matrix, rows_are_the_truth_and_columns_the_prediction)
{
    /* Three true 0s all predicted 1: row 0, column 1. */
    const double y_true[] = {0, 0, 0, 1}, y_pred[] = {1, 1, 1, 1};
    double labels[2];
    size_t counts[4];
    size_t k = confusion_matrix(y_true, y_pred, 4, labels, counts, 2);
    expect_eq_size(k, 2, "labels in {0, 1}%s", "");
    if (k != 2)
        return;
    expect_eq_size(counts[0 * 2 + 1], 3, "counts[0 * 2 + 1]: true 0, predicted 1%s", "");
    expect_eq_size(counts[1 * 2 + 0], 0, "counts[1 * 2 + 0]: true 1, predicted 0%s", "");
    expect_eq_size(counts[1 * 2 + 1], 1, "counts[1 * 2 + 1]: true 1, predicted 1%s", "");
    expect_eq_size(counts[0], 0, "counts[0]: true 0, predicted 0%s", "");
}

Test(confusion_matrix, a_label_only_predicted_gets_a_row_and_a_column)
{
    const double y_true[] = {3, 1, 3, 1}, y_pred[] = {3, 7, 1, 1};
    double labels[5];
    size_t counts[25];
    size_t k = confusion_matrix(y_true, y_pred, 4, labels, counts, 5);
    expect_eq_size(k, 3, "labels in y_true {3, 1} and y_pred {3, 7, 1}%s", "");
    if (k != 3)
        return;
    const double want_labels[] = {1, 3, 7};
    for (size_t i = 0; i < 3; i++)
        expect_near(labels[i], want_labels[i], 0.0, "labels[%zu] (sorted)", i);
    const size_t want[] = {1, 0, 1,   /* true 1: predicted 1 once, 7 once */
                           1, 1, 0,   /* true 3: predicted 1 once, 3 once */
                           0, 0, 0};  /* 7 is never true */
    for (size_t c = 0; c < 9; c++)
        expect_eq_size(counts[c], want[c], "counts[%zu] (true %g, predicted %g)", c,
                       want_labels[c / 3], want_labels[c % 3]);
}

Test(confusion_matrix, agrees_with_scikit_learns_on_random_labels)
{
    nn_rng rng;
    nn_rng_seed(&rng, 8);
    for (size_t trial = 0; trial < 20; trial++) {
        size_t n = 1 + (size_t)nn_rng_interval(&rng, 150), classes = 1 + trial % 6;
        double y_true[151], y_pred[151];
        for (size_t s = 0; s < n; s++) {
            y_true[s] = (double)nn_rng_interval(&rng, classes - 1) - 2.0;
            y_pred[s] = (double)nn_rng_interval(&rng, classes) - 2.0;
        }
        nn_confusion want;
        cr_assert_eq(nn_metrics_confusion_matrix(y_true, y_pred, n, &want, NULL), NN_OK);
        double labels[8];
        size_t counts[64];
        size_t k = confusion_matrix(y_true, y_pred, n, labels, counts, 8);
        expect_eq_size(k, want.n_labels, "trial %zu (n = %zu): number of labels", trial, n);
        bool same = k == want.n_labels;
        for (size_t i = 0; same && i < k; i++) {
            expect_near(labels[i], want.labels[i], 0.0, "trial %zu: labels[%zu]", trial, i);
            same = labels[i] == want.labels[i];
        }
        for (size_t c = 0; same && c < k * k; c++) {
            expect_eq_size(counts[c], want.counts[c], "trial %zu: counts[%zu]", trial, c);
            same = counts[c] == want.counts[c];
        }
        nn_confusion_free(&want);
        if (!same)
            break; /* one failing trial says enough */
    }
}

Test(confusion_matrix, too_many_labels_or_none_writes_nothing)
{
    const double y_true[] = {0, 1, 2}, y_pred[] = {0, 1, 1};
    double labels[3] = {-7, -7, -7};
    size_t counts[9];
    for (size_t c = 0; c < 9; c++)
        counts[c] = UNTOUCHED;
    expect_eq_size(confusion_matrix(y_true, y_pred, 3, labels, counts, 2), 0,
                   "3 labels with max_labels = %d", 2);
    expect_eq_size(confusion_matrix(y_true, y_pred, 0, labels, counts, 3), 0,
                   "n = %d samples", 0);
    for (size_t i = 0; i < 3; i++)
        expect_near(labels[i], -7.0, 0.0, "labels[%zu] after a refusal (must be untouched)", i);
    for (size_t c = 0; c < 9; c++)
        cr_expect(counts[c] == UNTOUCHED, "counts[%zu] was written although the call "
                  "returned 0", c);
}
