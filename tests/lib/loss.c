/* tests/lib/loss.c - scikit-learn's three losses and the L2 penalty.
 *
 * The expected values come from sklearn.neural_network._base (squared_loss, log_loss,
 * binary_log_loss) via tests/fixtures/mlp.h (tools/fixtures/mlp.py), on arrays from 1
 * to 600 elements: below 8, up to 128 and above 128 numbers, the three regimes of
 * numpy's pairwise summation, and with probabilities exactly 0 and 1 to exercise the
 * clipping. The sums are added in numpy's order, so the results are compared with ==
 * where only additions and libm's log are involved.
 */
#include <criterion/criterion.h>
#include <math.h>

#include "fixtures/mlp.h"
#include "loss.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

TestSuite(loss, .timeout = 10);

Test(loss, squared_error_matches_scikit_learn_bit_for_bit)
{
    for (size_t c = 0; c < COUNT_OF(mlp_fx_losses); c++) {
        const mlp_fx_loss *fx = &mlp_fx_losses[c];
        double got = nn_loss_squared_error(fx->y_true, fx->y_pred, fx->n, fx->k);
        cr_assert(got == fx->squared, "squared_loss on %zu x %zu: expected %a, got %a", fx->n,
                  fx->k, fx->squared, got);
    }
}

Test(loss, binary_log_loss_matches_scikit_learn_with_clipping)
{
    for (size_t c = 0; c < COUNT_OF(mlp_fx_losses); c++) {
        const mlp_fx_loss *fx = &mlp_fx_losses[c];
        double got = nn_loss_binary_log(fx->ybin, fx->prob, fx->n, fx->k);
        cr_assert(isfinite(got), "binary_log_loss on %zu x %zu is %g: probabilities 0 and 1 "
                  "must be clipped before the log", fx->n, fx->k, got);
        cr_assert(got == fx->binary, "binary_log_loss on %zu x %zu: expected %a, got %a "
                  "(relative difference %.2g)", fx->n, fx->k, fx->binary, got,
                  fabs(got - fx->binary) / fabs(fx->binary));
    }
}

Test(loss, log_loss_matches_scikit_learn_for_one_and_many_columns)
{
    for (size_t c = 0; c < COUNT_OF(mlp_fx_losses); c++) {
        const mlp_fx_loss *fx = &mlp_fx_losses[c];
        double got = nn_loss_log(fx->onehot, fx->soft, fx->n, fx->k);
        cr_assert(got == fx->log, "log_loss on %zu x %zu: expected %a, got %a", fx->n, fx->k,
                  fx->log, got);
        cr_assert(got == nn_loss_value(NN_LOSS_LOG, fx->onehot, fx->soft, fx->n, fx->k),
                  "nn_loss_value(NN_LOSS_LOG) must be nn_loss_log");
    }
}

Test(loss, hand_computed_values)
{
    /* squared: ((1-0)^2 + (2-4)^2) / 2 elements / 2 = 1.25 */
    double y[] = {1, 2}, p[] = {0, 4};
    cr_assert_float_eq(nn_loss_squared_error(y, p, 2, 1), 1.25, 1e-15);
    /* binary: -(log 0.8 + log(1 - 0.4)) / 2 */
    double yb[] = {1, 0}, pb[] = {0.8, 0.4};
    cr_assert_float_eq(nn_loss_binary_log(yb, pb, 2, 1), -(log(0.8) + log(0.6)) / 2, 1e-15);
    /* softmax rows: only the true class counts; a 0 probability of a wrong class adds 0 */
    double yo[] = {0, 1, 0, 1, 0, 0}, po[] = {0.0, 0.5, 0.5, 0.25, 0.75, 0.0};
    cr_assert_float_eq(nn_loss_log(yo, po, 2, 3), -(log(0.5) + log(0.25)) / 2, 1e-15);
    /* a certain wrong answer costs -log(eps), not infinity */
    double yw[] = {1}, pw[] = {0.0};
    cr_assert_float_eq(nn_loss_binary_log(yw, pw, 1, 1), -log(NN_LOSS_EPS), 1e-12);
    cr_assert(isnan(nn_loss_squared_error(y, p, 0, 1)), "the mean of nothing is NaN");
}

Test(loss, names_are_scikit_learns)
{
    cr_assert_str_eq(nn_loss_name(NN_LOSS_SQUARED_ERROR), "squared_error");
    cr_assert_str_eq(nn_loss_name(NN_LOSS_LOG), "log_loss");
    cr_assert_str_eq(nn_loss_name(NN_LOSS_BINARY_LOG), "binary_log_loss");
}

Test(loss, l2_penalty_covers_every_layer_and_divides_by_the_batch)
{
    /* two layers: [1, 2, 3] and [4]; sum of squares 14 + 16 = 30;
     * (0.5 * alpha) * 30 / n with alpha 0.1, n 5 = 0.3 */
    double w[] = {1, 2, 3, 4};
    size_t sizes[] = {3, 1};
    cr_assert_float_eq(nn_loss_l2_penalty(w, sizes, 2, 0.1, 5), 0.3, 1e-15);
    cr_assert(nn_loss_l2_penalty(w, sizes, 1, 0.1, 5) < 0.3, "only the listed layers count");
    cr_assert(nn_loss_l2_penalty(w, sizes, 2, 0.0, 5) == 0.0, "alpha 0: no penalty");
}
