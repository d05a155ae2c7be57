/* Tests for exercise 08-5, roc_auc_pairs. */
#include "grade.h"
#include "exercises.h"
#include "metrics.h"
#include "random.h"

GRADE_SUITE(roc_auc_pairs);

Test(roc_auc_pairs, four_patients_by_hand)
{
    /* Positives score 0.9 and 0.4, negatives 0.6 and 0.1. Pairs (pos, neg):
     * (0.9, 0.6) win, (0.9, 0.1) win, (0.4, 0.6) loss, (0.4, 0.1) win: AUC 3/4. */
    const double y[] = {1, -1, 1, -1}, score[] = {0.9, 0.6, 0.4, 0.1};
    expect_near(roc_auc_pairs(y, score, 4, 1.0), 0.75, 1e-15,
                "AUC of positives {0.9, 0.4} against negatives {0.6, %g}", 0.1);
}

Test(roc_auc_pairs, perfect_inverted_and_tied_rankings)
{
    const double y[] = {0, 0, 1, 1, 1};
    const double perfect[] = {0.1, 0.2, 0.7, 0.8, 0.9}, inverted[] = {0.9, 0.8, 0.3, 0.2, 0.1};
    const double tied[] = {0.5, 0.5, 0.5, 0.5, 0.5}, some[] = {0.2, 0.7, 0.7, 0.1, 0.9};
    expect_near(roc_auc_pairs(y, perfect, 5, 1.0), 1.0, 1e-15, "every positive above every "
                "negative%s", "");
    expect_near(roc_auc_pairs(y, inverted, 5, 1.0), 0.0, 1e-15, "every positive below every "
                "negative%s", "");
    expect_near(roc_auc_pairs(y, tied, 5, 1.0), 0.5, 1e-15, "all scores equal (every pair a "
                "tie counts %s)", "1/2");
    /* positives 0.7, 0.1, 0.9 vs negatives 0.2, 0.7: 0.7 -> 1 + 0.5, 0.1 -> 0, 0.9 -> 2 */
    expect_near(roc_auc_pairs(y, some, 5, 1.0), 3.5 / 6.0, 1e-15, "with one tie: 3.5 of %d "
                "pairs", 6);
    /* With 0 as the positive class the ranking reads the other way round. */
    expect_near(roc_auc_pairs(y, perfect, 5, 0.0), 0.0, 1e-15, "pos_label %d on the perfect "
                "ranking", 0);
}

Test(roc_auc_pairs, one_class_only_has_no_auc)
{
    const double all_pos[] = {1, 1, 1}, all_neg[] = {-1, -1, -1}, score[] = {0.2, 0.5, 0.9};
    double a = roc_auc_pairs(all_pos, score, 3, 1.0), b = roc_auc_pairs(all_neg, score, 3, 1.0);
    cr_expect(isnan(a), "no negative sample: expected NAN, got %g", a);
    cr_expect(isnan(b), "no positive sample: expected NAN, got %g", b);
}

Test(roc_auc_pairs, agrees_with_scikit_learn_on_random_scores)
{
    nn_rng rng;
    nn_rng_seed(&rng, 808);
    for (size_t trial = 0; trial < 25; trial++) {
        size_t n = 2 + (size_t)nn_rng_interval(&rng, 120);
        double y[122], score[122];
        for (size_t s = 0; s < n; s++) {
            y[s] = nn_rng_random(&rng) < 0.45 ? 1.0 : -1.0;
            /* scores that lean the right way, rounded to get ties */
            double raw = 0.5 + 0.3 * y[s] * nn_rng_random(&rng) + 0.4 * (nn_rng_random(&rng) - 0.5);
            score[s] = round(raw * 20.0) / 20.0;
        }
        y[0] = 1.0, y[1] = -1.0;
        double want;
        cr_assert_eq(nn_metrics_roc_auc(y, score, n, &want, NULL), NN_OK);
        double got = roc_auc_pairs(y, score, n, 1.0);
        expect_near(got, want, 1e-12,
                    "trial %zu: AUC of %zu samples (scores rounded to 0.05, so with ties)",
                    trial, n);
        if (!grade_near(got, want, 1e-12))
            break; /* one failing trial says enough */
    }
}
