/* Tests for exercise 07-5, sk_adam_update, against scikit-learn's AdamOptimizer
 * (through tests/fixtures/mlp.h, made by tools/fixtures/mlp.py) and by hand. */
#include "grade.h"
#include "exercises.h"
#include "fixtures/mlp.h"

GRADE_SUITE(sk_adam_update);

#define N MLP_FX_SOLVER_N

Test(sk_adam_update, the_first_step_is_learning_rate_init_against_the_gradient)
{
    double params[4] = {1.0, 1.0, 1.0, 1.0}, grads[4] = {2.0, -0.003, 1e3, -50.0};
    double ms[4] = {0}, vs[4] = {0};
    sk_adam a = {4, 0.001, 0.9, 0.999, 1e-8, 0, 0.0, ms, vs};
    sk_adam_update(&a, params, grads);
    cr_expect_eq(a.t, 1, "adam->t after one update: expected 1, got %ld", a.t);
    /* 0.001 * sqrt(1 - 0.999) / (1 - 0.9) */
    expect_near(a.learning_rate, 0.001 * sqrt(0.001) / 0.1, 1e-15,
                "adam->learning_rate after the first update (bias-corrected): %s", "");
    /* The step is -0.001 sign(g) / (1 + 1e-8 / (sqrt(0.001) |g|)): off by a relative
     * 3.2e-7 / |g| only, because of epsilon. */
    for (size_t i = 0; i < 4; i++) {
        double step = params[i] - 1.0, want = grads[i] > 0 ? -0.001 : 0.001;
        cr_expect(fabs(step - want) < 1e-6 * 0.001 / fabs(grads[i]) + 1e-12,
                  "first step with gradient %g: the parameter should move by about %g, it "
                  "moved by %.10g", grads[i], want, step);
    }
}

Test(sk_adam_update, no_gradient_no_move)
{
    double params[2] = {0.5, -0.25}, grads[2] = {0.0, 0.0}, ms[2] = {0}, vs[2] = {0};
    sk_adam a = {2, 0.01, 0.9, 0.999, 1e-8, 0, 0.0, ms, vs};
    for (int k = 0; k < 3; k++)
        sk_adam_update(&a, params, grads);
    cr_expect(params[0] == 0.5 && params[1] == -0.25,
              "parameters with zero gradients moved to %g, %g", params[0], params[1]);
    cr_expect_eq(a.t, 3, "adam->t after three updates: expected 3, got %ld", a.t);
}

/* Six updates with scikit-learn's gradients; compares params and the step size after
 * each with AdamOptimizer's, within tol (0: bit for bit). */
static void replay(const mlp_fx_solver *fx, double lr0, double b1, double b2, double eps,
                   double tol)
{
    double params[N], ms[N] = {0}, vs[N] = {0};
    for (size_t i = 0; i < N; i++)
        params[i] = mlp_fx_solver_start[i];
    sk_adam a = {N, lr0, b1, b2, eps, 0, 0.0, ms, vs};
    for (size_t s = 0; s < MLP_FX_SOLVER_STEPS; s++) {
        sk_adam_update(&a, params, mlp_fx_solver_grads + s * N);
        double want_rate = fx->rates[s];
        bool rate_ok = tol == 0.0 ? a.learning_rate == want_rate
                                  : fabs(a.learning_rate - want_rate) <= tol * want_rate;
        cr_expect(rate_ok, "%s, update %zu: learning_rate should be %.17g, got %.17g",
                  fx->name, s + 1, want_rate, a.learning_rate);
        for (size_t i = 0; i < N; i++) {
            double want = fx->steps[s * N + i];
            bool ok = tol == 0.0 ? params[i] == want : grade_near(params[i], want, tol);
            if (!ok) {
                cr_expect_fail("%s, after update %zu: parameter %zu should be %.17g "
                               "(scikit-learn), got %.17g%s", fx->name, s + 1, i, want,
                               params[i],
                               tol == 0.0 ? " (close is not enough here: keep the order of "
                                            "every expression)" : "");
                return;
            }
        }
    }
}

Test(sk_adam_update, six_steps_like_scikit_learn)
{
    replay(&mlp_fx_solvers[3], 0.01, 0.9, 0.999, 1e-8, 1e-12);  /* "adam" */
    replay(&mlp_fx_solvers[4], 0.2, 0.5, 0.75, 1e-3, 1e-12);    /* "adam_betas" */
}

Test(sk_adam_update, six_steps_bit_for_bit)
{
    replay(&mlp_fx_solvers[3], 0.01, 0.9, 0.999, 1e-8, 0.0);
    replay(&mlp_fx_solvers[4], 0.2, 0.5, 0.75, 1e-3, 0.0);
}
