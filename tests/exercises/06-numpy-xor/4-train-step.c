/* Tests for exercise 06-4, np_train_step, against numpy running the tutorial's loop. */
#include "grade.h"
#include "exercises.h"
#include "alloc.h"
#include "fixtures/numpy_xor.h"

GRADE_SUITE(np_train_step);

static const double X_DATA[] = {0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1};
static const double XOR[] = {0, 1, 1, 0};

/* Runs fixture case fx's steps from its starting weights. syn0 and syn1 receive the
 * result (3 x hidden and hidden x 1, at most 8 hidden); returns the last error. */
static double run(const numpy_xor_fx_train *fx, double *syn0_data, double *syn1_data)
{
    double x_data[12], y_data[4];
    for (size_t k = 0; k < 12; k++)
        x_data[k] = X_DATA[k];
    for (size_t k = 0; k < 4; k++)
        y_data[k] = XOR[k];
    for (size_t k = 0; k < 3 * fx->hidden; k++)
        syn0_data[k] = fx->start0[k];
    for (size_t k = 0; k < fx->hidden; k++)
        syn1_data[k] = fx->start1[k];
    nn_matrix X = {4, 3, x_data}, y = {4, 1, y_data};
    nn_matrix syn0 = {3, fx->hidden, syn0_data}, syn1 = {fx->hidden, 1, syn1_data};
    double error = NAN;
    for (long s = 0; s < fx->steps; s++)
        error = np_train_step(&X, &y, &syn0, &syn1);
    for (size_t k = 0; k < 12; k++)
        cr_expect(x_data[k] == X_DATA[k], "X changed: X->data[%zu] is now %g", k, x_data[k]);
    for (size_t k = 0; k < 4; k++)
        cr_expect(y_data[k] == XOR[k], "y changed: y->data[%zu] is now %g", k, y_data[k]);
    return error;
}

/* Compares got[0..n) with numpy's want[0..n), within tol (0: bit for bit). */
static void compare(const numpy_xor_fx_train *fx, const char *name, const double *got,
                    const double *want, size_t n, double tol)
{
    for (size_t k = 0; k < n; k++) {
        int ok = tol == 0.0 ? got[k] == want[k] : grade_near(got[k], want[k], tol);
        if (!ok) {
            cr_expect_fail("seed %lu, %zu hidden, %ld call%s of np_train_step: %s->data[%zu] is "
                           "%.17g, numpy's loop gives %.17g%s", (unsigned long)fx->seed,
                           fx->hidden, fx->steps, fx->steps == 1 ? "" : "s", name, k, got[k],
                           want[k],
                           tol == 0.0 && grade_near(got[k], want[k], 1e-9)
                               ? " (close, but not the same bits: follow the Python line by "
                                 "line, in its order)"
                               : "");
            return;
        }
    }
}

static void check_case(size_t c, double tol)
{
    const numpy_xor_fx_train *fx = &numpy_xor_fx_trains[c];
    double syn0[24], syn1[8];
    double error = run(fx, syn0, syn1);
    int ok = tol == 0.0 ? error == fx->error : grade_near(error, fx->error, tol);
    cr_expect(ok, "seed %lu, %zu hidden: call %ld of np_train_step returned %.17g, numpy's "
              "np.mean(np.abs(l2_error)) is %.17g", (unsigned long)fx->seed, fx->hidden,
              fx->steps, error, fx->error);
    compare(fx, "syn1", syn1, fx->syn1, fx->hidden, tol);
    compare(fx, "syn0", syn0, fx->syn0, 3 * fx->hidden, tol);
}

Test(np_train_step, one_step_from_the_tutorials_weights)
{
    check_case(0, 1e-12);
}

Test(np_train_step, the_first_error_is_measured_before_the_update)
{
    /* The tutorial's first printed line: Error:0.4964100319027255 (about 1/2). */
    const numpy_xor_fx_train *fx = &numpy_xor_fx_trains[0];
    double syn0[12], syn1[4];
    double error = run(fx, syn0, syn1);
    expect_near(error, 0.49641003190272537, 1e-12,
                "first call of np_train_step from seed %d's weights (the mean of |y - l2|)", 1);
}

Test(np_train_step, two_steps_and_a_thousand)
{
    check_case(1, 1e-12);
    check_case(2, 1e-10);
}

Test(np_train_step, other_hidden_layer_sizes)
{
    check_case(3, 1e-12); /* 2 hidden, 10 steps */
    check_case(4, 1e-10); /* 7 hidden, 300 steps */
}

Test(np_train_step, equals_numpy_bit_for_bit)
{
    for (size_t c = 0; c < sizeof numpy_xor_fx_trains / sizeof numpy_xor_fx_trains[0]; c++)
        check_case(c, 0.0);
}

Test(np_train_step, no_partial_update_when_memory_runs_out)
{
    /* Make the k-th allocation fail, for k = 0, 1, 2, ...: either the call returns NAN
     * and the weights are as they were, or it returns the right error and updates them.
     * Every allocation is freed either way. */
    const numpy_xor_fx_train *fx = &numpy_xor_fx_trains[0];
    for (long k = 0; k < 40; k++) {
        double x_data[12], y_data[4], syn0_data[12], syn1_data[4];
        for (size_t i = 0; i < 12; i++) {
            x_data[i] = X_DATA[i];
            syn0_data[i] = fx->start0[i];
        }
        for (size_t i = 0; i < 4; i++) {
            y_data[i] = XOR[i];
            syn1_data[i] = fx->start1[i];
        }
        nn_matrix X = {4, 3, x_data}, y = {4, 1, y_data};
        nn_matrix syn0 = {3, 4, syn0_data}, syn1 = {4, 1, syn1_data};
        long live = nn_alloc_live();
        nn_alloc_fail_after(k);
        double error = np_train_step(&X, &y, &syn0, &syn1);
        nn_alloc_fail_after(-1);
        cr_expect_eq(nn_alloc_live(), live, "allocation %ld failed: %ld allocations were not "
                     "freed", k, nn_alloc_live() - live);
        const double *want0 = isnan(error) ? fx->start0 : fx->syn0;
        const double *want1 = isnan(error) ? fx->start1 : fx->syn1;
        int same = 1;
        for (size_t i = 0; i < 12; i++)
            same &= grade_near(syn0_data[i], want0[i], 1e-12);
        for (size_t i = 0; i < 4; i++)
            same &= grade_near(syn1_data[i], want1[i], 1e-12);
        cr_expect(same, "allocation %ld failed and np_train_step returned %.17g, but the "
                  "weights are %s", k, error,
                  isnan(error) ? "not the ones before the call" : "not correctly updated");
        if (!isnan(error)) {
            expect_near(error, fx->error, 1e-12, "np_train_step's error when allocation %ld "
                        "would have failed", k);
            break; /* the k-th allocation was never made: all later k are the same */
        }
    }
}
