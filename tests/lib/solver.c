/* tests/lib/solver.c - sgd with momentum and Nesterov, the schedules, and adam.
 *
 * Each fixture (tests/fixtures/mlp.h, made by tools/fixtures/mlp.py) runs one of
 * scikit-learn's SGDOptimizer/AdamOptimizer configurations for six updates on the same
 * 8 parameters and gradients, calling iteration_ends((i + 1) * 10) after each, and
 * records the parameters and learning rate. The formulas are evaluated in numpy's
 * order, so the parameters must be the same doubles. The same holds for hundreds of
 * steps on chapter 4's bowl (tests/fixtures/bowl_optimizers.h).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "fixtures/bowl_optimizers.h"
#include "fixtures/mlp.h"
#include "solver.h"

TestSuite(solver, .timeout = 10);

static void run(const char *name, nn_solver *s)
{
    const mlp_fx_solver *fx = NULL;
    for (size_t i = 0; i < sizeof mlp_fx_solvers / sizeof mlp_fx_solvers[0]; i++)
        if (strcmp(mlp_fx_solvers[i].name, name) == 0)
            fx = &mlp_fx_solvers[i];
    cr_assert_not_null(fx, "no fixture %s", name);
    double w[MLP_FX_SOLVER_N];
    memcpy(w, mlp_fx_solver_start, sizeof w);
    for (int step = 0; step < MLP_FX_SOLVER_STEPS; step++) {
        nn_solver_update(s, w, mlp_fx_solver_grads + step * MLP_FX_SOLVER_N);
        nn_solver_iteration_ends(s, (long)(step + 1) * 10);
        for (int i = 0; i < MLP_FX_SOLVER_N; i++) {
            double want = fx->steps[step * MLP_FX_SOLVER_N + i];
            cr_assert(w[i] == want, "%s, after update %d: w[%d] expected %a, got %a", name,
                      step + 1, i, want, w[i]);
        }
        cr_assert(s->learning_rate == fx->rates[step],
                  "%s, after update %d: learning_rate expected %a, got %a", name, step + 1,
                  fx->rates[step], s->learning_rate);
    }
    nn_solver_free(s);
}

Test(solver, sgd_with_nesterov_momentum_matches_scikit_learn)
{
    nn_solver s;
    cr_assert_eq(nn_solver_init_sgd(&s, MLP_FX_SOLVER_N, 0.1, NN_LR_CONSTANT, 0.9, true, 0.5,
                                    NULL), NN_OK);
    run("sgd_nesterov", &s);
}

Test(solver, sgd_with_momentum_and_invscaling_matches_scikit_learn)
{
    nn_solver s;
    cr_assert_eq(nn_solver_init_sgd(&s, MLP_FX_SOLVER_N, 0.3, NN_LR_INVSCALING, 0.7, false,
                                    0.25, NULL), NN_OK);
    run("sgd_momentum_invscaling", &s);
}

Test(solver, plain_sgd_matches_scikit_learn)
{
    nn_solver s;
    cr_assert_eq(nn_solver_init_sgd(&s, MLP_FX_SOLVER_N, 0.05, NN_LR_CONSTANT, 0.0, false, 0.5,
                                    NULL), NN_OK);
    run("sgd_plain", &s);
}

Test(solver, adam_matches_scikit_learn)
{
    nn_solver s;
    cr_assert_eq(nn_solver_init_adam(&s, MLP_FX_SOLVER_N, 0.01, 0.9, 0.999, 1e-8, NULL), NN_OK);
    run("adam", &s);
    cr_assert_eq(nn_solver_init_adam(&s, MLP_FX_SOLVER_N, 0.2, 0.5, 0.75, 1e-3, NULL), NN_OK);
    run("adam_betas", &s);
}

Test(solver, adaptive_divides_by_five_until_the_rate_is_tiny)
{
    nn_solver s;
    cr_assert_eq(nn_solver_init_sgd(&s, 1, 1e-5, NN_LR_ADAPTIVE, 0.9, true, 0.5, NULL), NN_OK);
    cr_assert_eq(nn_solver_trigger_stopping(&s), NN_SOLVER_CONTINUE);
    cr_assert_float_eq(s.learning_rate, 2e-6, 1e-20);
    cr_assert_eq(nn_solver_trigger_stopping(&s), NN_SOLVER_CONTINUE);
    cr_assert_float_eq(s.learning_rate, 4e-7, 1e-20);
    cr_assert_eq(nn_solver_trigger_stopping(&s), NN_SOLVER_STOP_LR_TINY,
                 "at 4e-7 <= 1e-6 adaptive sgd must stop");
    nn_solver_iteration_ends(&s, 1000);
    cr_assert_float_eq(s.learning_rate, 4e-7, 1e-20, "adaptive ignores the time step");
    nn_solver_free(&s);

    cr_assert_eq(nn_solver_init_sgd(&s, 1, 0.1, NN_LR_CONSTANT, 0.9, true, 0.5, NULL), NN_OK);
    cr_assert_eq(nn_solver_trigger_stopping(&s), NN_SOLVER_STOP, "constant sgd stops");
    nn_solver_free(&s);
    cr_assert_eq(nn_solver_init_adam(&s, 1, 0.1, 0.9, 0.999, 1e-8, NULL), NN_OK);
    cr_assert_eq(nn_solver_trigger_stopping(&s), NN_SOLVER_STOP, "adam stops");
    nn_solver_free(&s);
}

Test(solver, allocation_failure_is_reported_and_leaks_nothing)
{
    long live = nn_alloc_live();
    nn_solver s;
    nn_error err;
    nn_alloc_fail_after(1); /* adam's second moment vector */
    cr_assert_eq(nn_solver_init_adam(&s, 10, 0.1, 0.9, 0.999, 1e-8, &err), NN_ERR_NOMEM);
    nn_alloc_fail_after(-1);
    cr_assert_eq(nn_alloc_live(), live, "the first moment vector leaked");
    nn_solver_free(&s); /* safe after a failed init */
}

Test(solver, names_round_trip)
{
    nn_learning_rate lr;
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(nn_learning_rate_parse(nn_learning_rate_name((nn_learning_rate)i), &lr,
                                            NULL), NN_OK);
        cr_assert_eq((int)lr, i);
    }
    nn_error err;
    cr_assert_eq(nn_learning_rate_parse("fast", &lr, &err), NN_ERR_ARG);
    cr_assert(strstr(err.message, "constant, invscaling, adaptive"), "%s", err.message);
}

/* Chapter 4's part 4: the four optimisers walk the bowl E(w) = (w_1^2 / condition +
 * w_2^2) / 2 (tests/fixtures/bowl_optimizers.h, from tools/fixtures/bowl_optimizers.py,
 * which drives scikit-learn's own SGDOptimizer and AdamOptimizer with numpy's gradient
 * lam * w). Every point of every walk must be the same double, for hundreds of steps. */
static void walk_bowl(const bowl_fx_case *fx, int k, nn_solver *s)
{
    const double lambda[2] = {1.0 / fx->condition, 1.0};
    double w[2] = {-10.0, 1.0}, g[2];
    for (long t = 0; t <= fx->steps; t++) {
        const double *want = fx->points[k] + 2 * t;
        cr_assert(w[0] == want[0] && w[1] == want[1],
                  "%s, optimiser %d, step %ld: w expected (%a, %a), got (%a, %a)", fx->name, k,
                  t, want[0], want[1], w[0], w[1]);
        g[0] = lambda[0] * w[0];
        g[1] = lambda[1] * w[1];
        nn_solver_update(s, w, g);
    }
    nn_solver_free(s);
}

Test(solver, chapter_4_bowl_walks_match_scikit_learn_step_for_step)
{
    for (size_t c = 0; c < sizeof bowl_fx_cases / sizeof bowl_fx_cases[0]; c++) {
        const bowl_fx_case *fx = &bowl_fx_cases[c];
        nn_solver s;
        cr_assert_eq(nn_solver_init_sgd(&s, 2, fx->descent_rate, NN_LR_CONSTANT, 0.0, false,
                                        0.5, NULL), NN_OK);
        walk_bowl(fx, BOWL_FX_PLAIN, &s);
        cr_assert_eq(nn_solver_init_sgd(&s, 2, fx->momentum_rate, NN_LR_CONSTANT,
                                        fx->momentum, false, 0.5, NULL), NN_OK);
        walk_bowl(fx, BOWL_FX_MOMENTUM, &s);
        cr_assert_eq(nn_solver_init_sgd(&s, 2, fx->momentum_rate, NN_LR_CONSTANT,
                                        fx->momentum, true, 0.5, NULL), NN_OK);
        walk_bowl(fx, BOWL_FX_NESTEROV, &s);
        cr_assert_eq(nn_solver_init_adam(&s, 2, fx->adam_rate, 0.9, 0.999, 1e-8, NULL),
                     NN_OK);
        walk_bowl(fx, BOWL_FX_ADAM, &s);
    }
}
