/* Tests for exercise 07-3, sk_log_loss, against scikit-learn's log_loss (through
 * tests/fixtures/mlp.h, made by tools/fixtures/mlp.py) and values worked out by hand. */
#include "grade.h"
#include "exercises.h"
#include "fixtures/mlp.h"

GRADE_SUITE(sk_log_loss);

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* |got - want| <= tol |want|: relative, for losses of any size. */
#define expect_relative(got, want, tol, what, ...)                                          \
    do {                                                                                   \
        double got_ = (got), want_ = (want);                                               \
        cr_expect(fabs(got_ - want_) <= (tol) * fabs(want_),                               \
                  what ": expected %.17g, got %.17g", __VA_ARGS__, want_, got_);           \
    } while (0)

Test(sk_log_loss, one_sample_by_hand)
{
    /* one column, y = 1, p = 0.5: -log 0.5 = log 2 */
    double y1[] = {1}, p1[] = {0.5};
    expect_relative(sk_log_loss(y1, p1, 1, 1), log(2.0), 1e-15, "log_loss([[1]], [[0.5]])%s",
                    "");
    /* one column, y = 0, p = 0.2: the sample is class 0, with probability 1 - 0.2 */
    double y0[] = {0}, p0[] = {0.2};
    expect_relative(sk_log_loss(y0, p0, 1, 1), -log(0.8), 1e-15,
                    "log_loss([[0]], [[0.2]]) (class 0 had probability %g)", 0.8);
    /* three classes, the second is right with 0.7 */
    double y3[] = {0, 1, 0}, p3[] = {0.2, 0.7, 0.1};
    expect_relative(sk_log_loss(y3, p3, 1, 3), -log(0.7), 1e-15,
                    "log_loss([[0, 1, 0]], [[0.2, 0.7, 0.1]])%s", "");
}

Test(sk_log_loss, divides_by_the_number_of_samples)
{
    /* two samples of three classes: (-log 0.7 - log 0.5) / 2 */
    double y[] = {0, 1, 0, 1, 0, 0}, p[] = {0.2, 0.7, 0.1, 0.5, 0.25, 0.25};
    expect_relative(sk_log_loss(y, p, 2, 3), (-log(0.7) - log(0.5)) / 2, 1e-15,
                    "log_loss of 2 samples x 3 classes (divide by %d samples, not 6 entries)",
                    2);
    double yb[] = {1, 0, 1, 1}, pb[] = {0.9, 0.3, 0.6, 0.8};
    double want = -(log(0.9) + log(0.7) + log(0.6) + log(0.8)) / 4;
    expect_relative(sk_log_loss(yb, pb, 4, 1), want, 1e-15,
                    "binary log_loss of 4 samples (one column: both classes count)%s", "");
}

Test(sk_log_loss, clips_probabilities_0_and_1)
{
    /* sure and wrong: -log(eps) = 52 log 2 = 36.04..., not infinity */
    double y[] = {1}, p[] = {0.0};
    double got = sk_log_loss(y, p, 1, 1);
    cr_expect(isfinite(got), "log_loss([[1]], [[0]]) is %g: clip p to [eps, 1 - eps] "
              "before the log", got);
    expect_relative(got, 36.04365338911715, 1e-14, "log_loss([[1]], [[0]])%s", "");
    /* sure and right: -log(1 - eps), about 2.2e-16, not 0 */
    double p1[] = {1.0};
    expect_relative(sk_log_loss(y, p1, 1, 1), 2.2204460492503136e-16, 1e-9,
                    "log_loss([[1]], [[1]]) (clipped to 1 - eps, so a tiny loss%s)", "");
    /* a class with probability 0 that the sample is not in costs nothing, and no NaN */
    double y2[] = {1, 0}, p2[] = {1.0, 0.0};
    got = sk_log_loss(y2, p2, 1, 2);
    cr_expect(!isnan(got), "log_loss([[1, 0]], [[1, 0]]) is NaN: 0 * log(0) must count as 0");
    expect_relative(got, 2.2204460492503136e-16, 1e-9, "log_loss([[1, 0]], [[1, 0]])%s", "");
}

Test(sk_log_loss, equals_scikit_learn_on_many_arrays)
{
    for (size_t c = 0; c < COUNT_OF(mlp_fx_losses); c++) {
        const mlp_fx_loss *fx = &mlp_fx_losses[c];
        /* one column: log_loss(ybin, prob); several: log_loss(onehot, soft) */
        const double *y = fx->k == 1 ? fx->ybin : fx->onehot;
        const double *p = fx->k == 1 ? fx->prob : fx->soft;
        expect_relative(sk_log_loss(y, p, fx->n, fx->k), fx->log, 1e-13,
                        "log_loss on %zu samples x %zu columns (probabilities 0 and 1 "
                        "included)", fx->n, fx->k);
    }
}

Test(sk_log_loss, leaves_the_inputs_alone)
{
    double y[] = {1, 0, 0, 1}, p[] = {0.0, 1.0, 0.25, 0.75};
    sk_log_loss(y, p, 2, 2);
    sk_log_loss(y, p, 4, 1);
    cr_expect(p[0] == 0.0 && p[1] == 1.0 && p[2] == 0.25 && p[3] == 0.75,
              "sk_log_loss changed y_prob (clip a copy, not the caller's array)");
    cr_expect(y[0] == 1 && y[1] == 0 && y[2] == 0 && y[3] == 1, "sk_log_loss changed y_true");
}
