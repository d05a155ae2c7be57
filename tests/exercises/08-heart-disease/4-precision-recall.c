/* Tests for exercise 08-4, precision_recall_f1. */
#include "grade.h"
#include "exercises.h"
#include "metrics.h"
#include "random.h"

GRADE_SUITE(precision_recall_f1);

Test(precision_recall_f1, six_patients_by_hand)
{
    /* TN 2, FP 1, FN 1, TP 2: precision 2/3, recall 2/3, F1 2/3. */
    const double y_true[] = {-1, -1, 1, 1, 1, -1}, y_pred[] = {-1, 1, 1, -1, 1, -1};
    double p = NAN, r = NAN, f = NAN;
    int undefined = precision_recall_f1(y_true, y_pred, 6, 1.0, &p, &r, &f);
    expect_near(p, 2.0 / 3.0, 1e-15, "precision = TP / (TP + FP) = 2 / (2 + %d)", 1);
    expect_near(r, 2.0 / 3.0, 1e-15, "recall = TP / (TP + FN) = 2 / (2 + %d)", 1);
    expect_near(f, 2.0 / 3.0, 1e-15, "F1 = 2pr / (p + r) with p = r = %s", "2/3");
    cr_expect_eq(undefined, 0, "nothing was 0/0, yet the flags are %d", undefined);
}

Test(precision_recall_f1, precision_and_recall_differ)
{
    /* pos_label 1 on 0/1 labels: 4 true positives, 1 false alarm, 3 missed. */
    const double y_true[] = {1, 1, 1, 1, 1, 1, 1, 0, 0, 0},
                 y_pred[] = {1, 1, 1, 1, 0, 0, 0, 1, 0, 0};
    double p, r, f;
    int undefined = precision_recall_f1(y_true, y_pred, 10, 1.0, &p, &r, &f);
    expect_near(p, 4.0 / 5.0, 1e-15, "precision = 4 / (4 + %d)", 1);
    expect_near(r, 4.0 / 7.0, 1e-15, "recall = 4 / (4 + %d)", 3);
    expect_near(f, 2.0 * 0.8 * (4.0 / 7.0) / (0.8 + 4.0 / 7.0), 1e-15,
                "F1 = 2pr / (p + r) with p = 4/5, r = %s", "4/7");
    cr_expect_eq(undefined, 0);
    /* The other class as the positive one: its precision is 2/5, its recall 2/3. */
    undefined = precision_recall_f1(y_true, y_pred, 10, 0.0, &p, &r, &f);
    expect_near(p, 2.0 / 5.0, 1e-15, "precision of class 0 = 2 / (2 + %d)", 3);
    expect_near(r, 2.0 / 3.0, 1e-15, "recall of class 0 = 2 / (2 + %d)", 1);
}

Test(precision_recall_f1, nothing_predicted_positive_is_0_with_a_flag)
{
    /* A "test" that never says disease: no positive prediction, precision is 0/0. */
    const double y_true[] = {1, -1, 1, -1}, y_pred[] = {-1, -1, -1, -1};
    double p = NAN, r = NAN, f = NAN;
    int undefined = precision_recall_f1(y_true, y_pred, 4, 1.0, &p, &r, &f);
    cr_expect_eq(undefined, PRF_PRECISION_UNDEFINED, "precision is 0/0 here: expected the "
                 "flags %d (PRF_PRECISION_UNDEFINED), got %d", PRF_PRECISION_UNDEFINED,
                 undefined);
    expect_near(p, 0.0, 0.0, "precision when nothing is predicted positive (0/0 -> %d)", 0);
    expect_near(r, 0.0, 0.0, "recall = 0 / (0 + %d)", 2);
    expect_near(f, 0.0, 0.0, "F1 when p + r = %d", 0);
}

Test(precision_recall_f1, no_positive_patient_makes_recall_undefined)
{
    const double y_true[] = {-1, -1, -1}, y_pred[] = {1, -1, -1};
    double p = NAN, r = NAN, f = NAN;
    int undefined = precision_recall_f1(y_true, y_pred, 3, 1.0, &p, &r, &f);
    cr_expect_eq(undefined, PRF_RECALL_UNDEFINED, "recall is 0/0 here: expected the flags "
                 "%d (PRF_RECALL_UNDEFINED), got %d", PRF_RECALL_UNDEFINED, undefined);
    expect_near(p, 0.0, 0.0, "precision = 0 / (0 + %d)", 1);
    expect_near(r, 0.0, 0.0, "recall when no sample is positive (0/0 -> %d)", 0);
    expect_near(f, 0.0, 0.0, "F1 when p + r = %d", 0);

    const double none[] = {-1, -1};
    undefined = precision_recall_f1(none, none, 2, 1.0, &p, &r, &f);
    cr_expect_eq(undefined, PRF_PRECISION_UNDEFINED | PRF_RECALL_UNDEFINED,
                 "no positive anywhere: expected both flags (%d), got %d",
                 PRF_PRECISION_UNDEFINED | PRF_RECALL_UNDEFINED, undefined);
    expect_near(f, 0.0, 0.0, "F1 with no positive anywhere%s", "");
}

Test(precision_recall_f1, agrees_with_scikit_learn_on_random_predictions)
{
    nn_rng rng;
    nn_rng_seed(&rng, 80);
    nn_prf_options opt = {NN_AVERAGE_BINARY, 1.0, NN_ZERO_DIVISION_0};
    for (size_t trial = 0; trial < 30; trial++) {
        size_t n = 2 + (size_t)nn_rng_interval(&rng, 100);
        double y_true[102], y_pred[102];
        for (size_t s = 0; s < n; s++) {
            y_true[s] = nn_rng_random(&rng) < 0.45 ? 1.0 : -1.0;
            /* a classifier that is right about 3 times in 4 */
            y_pred[s] = nn_rng_random(&rng) < 0.75 ? y_true[s] : -y_true[s];
        }
        y_true[0] = 1.0, y_true[1] = -1.0; /* both labels present */
        double p, r, f, want_p, want_r, want_f;
        precision_recall_f1(y_true, y_pred, n, 1.0, &p, &r, &f);
        cr_assert_eq(nn_metrics_precision(y_true, y_pred, n, &opt, &want_p, NULL), NN_OK);
        cr_assert_eq(nn_metrics_recall(y_true, y_pred, n, &opt, &want_r, NULL), NN_OK);
        cr_assert_eq(nn_metrics_f1(y_true, y_pred, n, &opt, &want_f, NULL), NN_OK);
        expect_near(p, want_p, 1e-15, "trial %zu (n = %zu): precision", trial, n);
        expect_near(r, want_r, 1e-15, "trial %zu (n = %zu): recall", trial, n);
        expect_near(f, want_f, 1e-15, "trial %zu (n = %zu): F1", trial, n);
        if (!grade_near(p, want_p, 1e-15) || !grade_near(r, want_r, 1e-15) ||
            !grade_near(f, want_f, 1e-15))
            break; /* one failing trial says enough */
    }
}
