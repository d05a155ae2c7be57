/* tests/lib/metrics.c - every metric against scikit-learn 1.2.1, warnings included.
 *
 * fixtures/metrics.h holds scikit-learn's results for 18 pairs of label vectors under
 * the three zero_division settings (accuracy, confusion matrix, per-label scores, four
 * averages of precision/recall/F1, the classification report's text and every warning
 * each call raised), 13 ROC cases (curves with and without drop_intermediate, AUC) and
 * 9 log-loss cases.
 *
 * Comparisons are exact (==) everywhere: the counts are integers, the ratios are one
 * division each, and the sums (means, trapezoids, log-loss) are added in numpy's
 * pairwise order by nn_matrix_sum. Warnings are compared as the exact text, in order.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "metrics.h" /* before the fixtures, which use its enums */
#include "fixtures/metrics.h"

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

TestSuite(metrics, .timeout = 20);

/* ---- helpers ---------------------------------------------------------------------- */

/* Every warning sent while a test runs, joined by newlines like the fixtures. */
static char warnings_seen[8192];

static void collect_warning(const char *message, void *context)
{
    (void)context;
    size_t used = strlen(warnings_seen);
    snprintf(warnings_seen + used, sizeof warnings_seen - used, "%s%s", used ? "\n" : "",
             message);
}

static void watch_warnings(void)
{
    warnings_seen[0] = '\0';
    nn_set_warning_handler(collect_warning, NULL);
}

static void expect_warnings(const char *expected, const char *what)
{
    nn_set_warning_handler(NULL, NULL);
    cr_expect_str_eq(warnings_seen, expected, "%s: warnings\n expected: \"%s\"\n      got: \"%s\"",
                     what, expected, warnings_seen);
}

static void expect_same(double got, double expected, const char *what, const char *name)
{
    cr_expect(got == expected || (isnan(got) && isnan(expected)),
              "%s: %s = %a (%.17g), scikit-learn has %a (%.17g)", what, name, got, got,
              expected, expected);
}

static const char *zd_name(nn_zero_division zd)
{
    return zd == NN_ZERO_DIVISION_WARN ? "warn" : zd == NN_ZERO_DIVISION_0 ? "0" : "1";
}

static const char *average_name(nn_average a)
{
    static const char *names[] = {"binary", "micro", "macro", "weighted"};
    return names[a];
}

/* ---- accuracy and confusion matrix ---------------------------------------------------- */

Test(metrics, accuracy_and_confusion_matrix_match_scikit_learn)
{
    for (size_t c = 0; c < COUNT_OF(metrics_fx_label_cases); c++) {
        const metrics_fx_labels *fx = &metrics_fx_label_cases[c];
        nn_error err = {NN_OK, ""};
        double acc = -1;
        cr_assert_eq(nn_metrics_accuracy(fx->y_true, fx->y_pred, fx->n, &acc, &err), NN_OK,
                     "%s: %s", fx->name, err.message);
        expect_same(acc, fx->accuracy, fx->name, "accuracy");

        nn_confusion cm;
        cr_assert_eq(nn_metrics_confusion_matrix(fx->y_true, fx->y_pred, fx->n, &cm, &err),
                     NN_OK, "%s: %s", fx->name, err.message);
        cr_assert_eq(cm.n_labels, fx->n_labels, "%s: %zu labels, scikit-learn has %zu",
                     fx->name, cm.n_labels, fx->n_labels);
        for (size_t j = 0; j < cm.n_labels; j++)
            expect_same(cm.labels[j], fx->labels[j], fx->name, "label");
        for (size_t k = 0; k < cm.n_labels * cm.n_labels; k++)
            cr_expect_eq(cm.counts[k], fx->confusion[k],
                         "%s: confusion[%zu][%zu] = %zu, scikit-learn has %zu", fx->name,
                         k / cm.n_labels, k % cm.n_labels, cm.counts[k], fx->confusion[k]);
        nn_confusion_free(&cm);
    }
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(metrics, confusion_matrix_rows_are_truth_and_columns_predictions)
{
    /* -1/+1: two sick patients missed (true +1, predicted -1), one false alarm. */
    const double truth[] = {1, 1, 1, -1, -1, 1, -1};
    const double pred[] = {-1, 1, -1, -1, 1, 1, -1};
    nn_confusion cm;
    cr_assert_eq(nn_metrics_confusion_matrix(truth, pred, 7, &cm, NULL), NN_OK);
    cr_assert_eq(cm.n_labels, 2);
    cr_expect(cm.labels[0] == -1.0 && cm.labels[1] == 1.0, "labels sorted: -1 then +1");
    const size_t expected[] = {2, 1, 2, 2}; /* tn fp / fn tp */
    for (size_t k = 0; k < 4; k++)
        cr_expect_eq(cm.counts[k], expected[k], "cell %zu: expected %zu, got %zu", k,
                     expected[k], cm.counts[k]);
    nn_confusion_free(&cm);
}

/* ---- precision, recall, F1 ----------------------------------------------------------- */

Test(metrics, per_label_scores_and_warnings_match_scikit_learn)
{
    for (size_t c = 0; c < COUNT_OF(metrics_fx_label_cases); c++) {
        const metrics_fx_labels *fx = &metrics_fx_label_cases[c];
        for (size_t z = 0; z < 3; z++) {
            const metrics_fx_zd *zd = &fx->zd[z];
            char what[160];
            snprintf(what, sizeof what, "%s, zero_division=%s", fx->name,
                     zd_name(zd->zero_division));
            nn_prf prf;
            nn_error err = {NN_OK, ""};
            watch_warnings();
            nn_status status = nn_metrics_per_label(fx->y_true, fx->y_pred, fx->n,
                                                    zd->zero_division, &prf, &err);
            expect_warnings(zd->per_label_warnings, what);
            cr_assert_eq(status, NN_OK, "%s: %s", what, err.message);
            cr_assert_eq(prf.n_labels, fx->n_labels);
            for (size_t j = 0; j < prf.n_labels; j++) {
                expect_same(prf.labels[j], fx->labels[j], what, "label");
                expect_same(prf.precision[j], zd->precision[j], what, "precision");
                expect_same(prf.recall[j], zd->recall[j], what, "recall");
                expect_same(prf.f1[j], zd->f1[j], what, "f1");
                cr_expect_eq(prf.support[j], zd->support[j], "%s: support %zu vs %zu", what,
                             prf.support[j], zd->support[j]);
            }
            nn_prf_free(&prf);
        }
    }
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(metrics, averaged_scores_and_warnings_match_scikit_learn)
{
    size_t checked = 0, refused = 0, warned = 0;
    for (size_t c = 0; c < COUNT_OF(metrics_fx_label_cases); c++) {
        const metrics_fx_labels *fx = &metrics_fx_label_cases[c];
        for (size_t z = 0; z < 3; z++) {
            const metrics_fx_zd *zd = &fx->zd[z];
            for (size_t a = 0; a < 4; a++) {
                const metrics_fx_average *av = &zd->averages[a];
                char what[200];
                snprintf(what, sizeof what, "%s, average=%s, pos_label=%g, zero_division=%s",
                         fx->name, average_name(av->average), fx->pos_label,
                         zd_name(zd->zero_division));
                nn_prf_options opt = {av->average, fx->pos_label, zd->zero_division};
                nn_status (*const fns[3])(const double *, const double *, size_t,
                                          const nn_prf_options *, double *, nn_error *) = {
                    nn_metrics_precision, nn_metrics_recall, nn_metrics_f1};
                const char *names[3] = {"precision", "recall", "f1"};
                const double expected[3] = {av->precision, av->recall, av->f1};
                const char *expected_warnings[3] = {av->precision_warnings,
                                                    av->recall_warnings, av->f1_warnings};
                for (size_t m = 0; m < 3; m++) {
                    char which[240];
                    snprintf(which, sizeof which, "%s: %s", what, names[m]);
                    double got = -1;
                    nn_error err = {NN_OK, ""};
                    watch_warnings();
                    nn_status status = fns[m](fx->y_true, fx->y_pred, fx->n, &opt, &got, &err);
                    nn_set_warning_handler(NULL, NULL);
                    if (!av->ok) {
                        cr_expect_eq(status, NN_ERR_ARG, "%s: scikit-learn refuses it, got %s",
                                     which, nn_status_name(status));
                        refused++;
                        continue;
                    }
                    cr_assert_eq(status, NN_OK, "%s: %s", which, err.message);
                    expect_same(got, expected[m], which, "score");
                    expect_warnings(expected_warnings[m], which);
                    warned += expected_warnings[m][0] != '\0';
                    checked++;
                }
            }
        }
    }
    cr_assert_gt(checked, 500, "only %zu scores checked", checked);
    cr_assert_gt(refused, 20, "only %zu refusals checked", refused);
    cr_assert_gt(warned, 20, "only %zu warnings checked", warned);
}

Test(metrics, null_options_mean_binary_pos_label_1_warn)
{
    const double truth[] = {0, 1, 1, 0, 1}, pred[] = {0, 1, 0, 0, 0};
    nn_prf_options defaults = nn_prf_defaults();
    cr_expect(defaults.average == NN_AVERAGE_BINARY && defaults.pos_label == 1.0 &&
              defaults.zero_division == NN_ZERO_DIVISION_WARN);
    double p, r, f;
    cr_assert_eq(nn_metrics_precision(truth, pred, 5, NULL, &p, NULL), NN_OK);
    cr_assert_eq(nn_metrics_recall(truth, pred, 5, NULL, &r, NULL), NN_OK);
    cr_assert_eq(nn_metrics_f1(truth, pred, 5, NULL, &f, NULL), NN_OK);
    cr_expect(p == 1.0, "precision of class 1: 1/1, got %g", p);
    cr_expect(r == 1.0 / 3.0, "recall of class 1: 1/3, got %.17g", r);
    cr_expect(f == 0.5, "F1 = 2 * 1 * (1/3) / (4/3) = 0.5, got %.17g", f);
}

Test(metrics, fractional_or_nonfinite_labels_are_refused_with_the_position)
{
    const double truth[] = {0, 1, 1}, probs[] = {0.2, 0.9, 0.51};
    double acc;
    nn_error err = {NN_OK, ""};
    cr_expect_eq(nn_metrics_accuracy(truth, probs, 3, &acc, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "y_pred[0] = 0.20000000000000001") != NULL, "%s",
              err.message);
    const double nan_truth[] = {0, NAN, 1};
    cr_expect_eq(nn_metrics_accuracy(nan_truth, truth, 3, &acc, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "y_true[1]") != NULL, "%s", err.message);
    cr_expect_eq(nn_metrics_accuracy(truth, truth, 0, &acc, &err), NN_ERR_ARG,
                 "no samples is an error, not NaN");
}

/* ---- classification report --------------------------------------------------------- */

Test(metrics, classification_report_matches_scikit_learn_character_for_character)
{
    for (size_t c = 0; c < COUNT_OF(metrics_fx_label_cases); c++) {
        const metrics_fx_labels *fx = &metrics_fx_label_cases[c];
        for (size_t z = 0; z < 3; z++) {
            const metrics_fx_zd *zd = &fx->zd[z];
            char what[160];
            snprintf(what, sizeof what, "%s, digits=%d, zero_division=%s", fx->name, fx->digits,
                     zd_name(zd->zero_division));
            nn_error err = {NN_OK, ""};
            watch_warnings();
            char *report = nn_metrics_classification_report(
                fx->y_true, fx->y_pred, fx->n, fx->target_names, fx->digits,
                zd->zero_division, &err);
            expect_warnings(zd->report_warnings, what);
            cr_assert_not_null(report, "%s: %s", what, err.message);
            cr_expect_str_eq(report, zd->report, "%s:\n--- expected ---\n%s--- got ---\n%s", what,
                             zd->report, report);
            nn_alloc_free(report);
        }
    }
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(metrics, every_allocation_failure_is_reported_without_leaks)
{
    const double truth[] = {0, 1, 2, 1, 0, 2, 1}, pred[] = {0, 2, 2, 1, 0, 1, 1};
    const double score[] = {0.1, 0.8, 0.4, 0.7, 0.2, 0.9, 0.3};
    const double binary[] = {0, 1, 0, 1, 0, 1, 1};
    for (int which = 0; which < 5; which++) {
        int finished = 0;
        for (long fail = 0; fail < 60 && !finished; fail++) {
            nn_error err = {NN_OK, ""};
            nn_status status = NN_OK;
            nn_alloc_fail_after(fail);
            if (which == 0) {
                char *r = nn_metrics_classification_report(truth, pred, 7, NULL, 2,
                                                           NN_ZERO_DIVISION_0, &err);
                status = r ? NN_OK : err.code;
                nn_alloc_free(r);
            } else if (which == 1) {
                nn_prf prf;
                status = nn_metrics_per_label(truth, pred, 7, NN_ZERO_DIVISION_0, &prf, &err);
                nn_prf_free(&prf);
            } else if (which == 2) {
                nn_confusion cm;
                status = nn_metrics_confusion_matrix(truth, pred, 7, &cm, &err);
                nn_confusion_free(&cm);
            } else if (which == 3) {
                double auc;
                status = nn_metrics_roc_auc(binary, score, 7, &auc, &err);
            } else {
                double loss;
                status = nn_metrics_log_loss(binary, score, 7, &loss, &err);
            }
            nn_alloc_fail_after(-1);
            finished = status == NN_OK;
            if (!finished)
                cr_expect_eq(status, NN_ERR_NOMEM, "call %d, failure #%ld: got %s (%s)", which,
                             fail, nn_status_name(status), err.message);
            cr_expect_eq(nn_alloc_live(), 0, "call %d, failure #%ld: %ld blocks leaked", which,
                         fail, nn_alloc_live());
        }
        cr_expect(finished, "call %d never succeeded", which);
    }
}

/* ---- ROC ------------------------------------------------------------------------------- */

Test(metrics, roc_curve_and_auc_match_scikit_learn)
{
    for (size_t c = 0; c < COUNT_OF(metrics_fx_roc_cases); c++) {
        const metrics_fx_roc *fx = &metrics_fx_roc_cases[c];
        for (int drop = 1; drop >= 0; drop--) {
            const metrics_fx_curve *curve = &fx->curve[drop ? 0 : 1];
            char what[160];
            snprintf(what, sizeof what, "%s, pos_label=%g, drop_intermediate=%d", fx->name,
                     fx->pos_label, drop);
            nn_roc roc;
            nn_error err = {NN_OK, ""};
            watch_warnings();
            nn_status status = nn_metrics_roc_curve(fx->y_true, fx->y_score, fx->n,
                                                    fx->pos_label, drop, &roc, &err);
            expect_warnings(curve->warnings, what);
            cr_assert_eq(status, NN_OK, "%s: %s", what, err.message);
            cr_assert_eq(roc.n, curve->n, "%s: %zu points, scikit-learn has %zu", what, roc.n,
                         curve->n);
            for (size_t i = 0; i < roc.n; i++) {
                expect_same(roc.fpr[i], curve->fpr[i], what, "fpr");
                expect_same(roc.tpr[i], curve->tpr[i], what, "tpr");
                expect_same(roc.thresholds[i], curve->thresholds[i], what, "threshold");
            }
            nn_roc_free(&roc);
        }
        double auc = -1;
        nn_error err = {NN_OK, ""};
        nn_status status = nn_metrics_roc_auc(fx->y_true, fx->y_score, fx->n, &auc, &err);
        if (fx->auc_ok) {
            cr_assert_eq(status, NN_OK, "%s: roc_auc: %s", fx->name, err.message);
            expect_same(auc, fx->auc, fx->name, "roc_auc");
        } else {
            cr_expect_eq(status, NN_ERR_ARG, "%s: scikit-learn refuses roc_auc, got %s", fx->name,
                         nn_status_name(status));
            cr_expect(strstr(err.message, "only one class") != NULL, "%s", err.message);
        }
    }
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(metrics, roc_auc_is_the_chance_a_positive_outscores_a_negative)
{
    /* positives 0.9, 0.4; negatives 0.5, 0.1: of the 4 pairs, 3 are ordered right. */
    const double truth[] = {1, 0, 1, 0}, score[] = {0.9, 0.5, 0.4, 0.1};
    double auc;
    cr_assert_eq(nn_metrics_roc_auc(truth, score, 4, &auc, NULL), NN_OK);
    cr_expect(auc == 0.75, "expected 3/4, got %.17g", auc);
    const double inf_score[] = {0.9, INFINITY, 0.4, 0.1};
    nn_error err = {NN_OK, ""};
    cr_expect_eq(nn_metrics_roc_auc(truth, inf_score, 4, &auc, &err), NN_ERR_NUMERIC);
    const double three[] = {0, 1, 2, 1};
    cr_expect_eq(nn_metrics_roc_auc(three, score, 4, &auc, &err), NN_ERR_ARG);
    cr_expect(strstr(err.message, "3 classes") != NULL, "%s", err.message);
}

/* ---- log-loss -------------------------------------------------------------------------- */

Test(metrics, log_loss_matches_scikit_learn)
{
    for (size_t c = 0; c < COUNT_OF(metrics_fx_log_loss_cases); c++) {
        const metrics_fx_log_loss *fx = &metrics_fx_log_loss_cases[c];
        double loss = -1;
        nn_error err = {NN_OK, ""};
        nn_status status;
        if (fx->one_dimensional) {
            status = nn_metrics_log_loss(fx->y_true, fx->proba, fx->n, &loss, &err);
        } else {
            nn_matrix proba = {fx->n, fx->n_columns, (double *)fx->proba};
            status = nn_metrics_log_loss_proba(fx->y_true, &proba, &loss, &err);
        }
        if (!fx->ok) {
            cr_expect_neq(status, NN_OK, "%s: scikit-learn refuses it", fx->name);
            cr_expect(err.message[0] != '\0', "%s: refused without a message", fx->name);
            continue;
        }
        cr_assert_eq(status, NN_OK, "%s: %s", fx->name, err.message);
        expect_same(loss, fx->loss, fx->name, "log_loss");
    }
    cr_assert_eq(nn_alloc_live(), 0, "%ld blocks leaked", nn_alloc_live());
}

Test(metrics, a_confident_wrong_answer_costs_about_36_not_infinity)
{
    /* p = 0 for a true 1 is clipped to eps = 2^-52, costing -ln(2^-52) = 52 ln 2 = 36.04;
     * the right answer (true 0, p = 0) costs -ln(1 - eps), about 2e-16. Mean: 18.02. */
    const double truth[] = {1, 0}, proba[] = {0.0, 0.0};
    double loss;
    cr_assert_eq(nn_metrics_log_loss(truth, proba, 2, &loss, NULL), NN_OK);
    double expected = 52.0 * log(2.0) / 2.0;
    cr_expect(fabs(loss - expected) < 1e-12, "expected about %.6f, got %.17g", expected, loss);
}
