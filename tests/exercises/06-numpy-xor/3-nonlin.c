/* Tests for exercise 06-3, np_nonlin, against numpy's nonlin on the same matrix. */
#include "grade.h"
#include "exercises.h"
#include "fixtures/numpy_xor.h"

GRADE_SUITE(np_nonlin);

#define ROWS NUMPY_XOR_FX_NONLIN_ROWS
#define COLS NUMPY_XOR_FX_NONLIN_COLS
#define N (ROWS * COLS)

/* Runs np_nonlin on a copy of in (ROWS x COLS) and checks every element against want:
 * within tol (relative, or absolute below 1) or, with tol = 0, bit for bit. */
static void check(const double *in, bool deriv, const double *want, double tol, bool in_place)
{
    double x_data[N], out_data[N];
    for (size_t k = 0; k < N; k++) {
        x_data[k] = in[k];
        out_data[k] = NAN;
    }
    nn_matrix x = {ROWS, COLS, x_data}, out = {ROWS, COLS, out_data};
    nn_matrix *target = in_place ? &x : &out;
    nn_status status = np_nonlin(target, &x, deriv);
    cr_expect_eq(status, NN_OK, "np_nonlin(%s, x, %s) on a (%d, %d): expected NN_OK, got %d",
                 in_place ? "x" : "out", deriv ? "true" : "false", ROWS, COLS, status);
    for (size_t k = 0; k < N; k++) {
        double got = target->data[k];
        int ok = tol == 0.0 ? (got == want[k] && signbit(got) == signbit(want[k]))
                            : grade_near(got, want[k], tol);
        if (!ok) {
            cr_expect_fail("np_nonlin(%s, x, %s): at x = %.17g expected numpy's %.17g, got "
                           "%.17g%s", in_place ? "x" : "out", deriv ? "true" : "false", in[k],
                           want[k], got,
                           tol == 0.0 ? " (close is not enough here: use exactly the "
                                        "tutorial's formula)" : "");
            return;
        }
    }
}

Test(np_nonlin, sigmoid_values)
{
    /* sigma(0) = 0.5, sigma(1) = 0.7310585786300049, sigma(-5) = 0.0066928509242848554 */
    check(numpy_xor_fx_nonlin_z, false, numpy_xor_fx_nonlin_s, 1e-14, false);
}

Test(np_nonlin, sigmoid_equals_numpy_bit_for_bit)
{
    check(numpy_xor_fx_nonlin_z, false, numpy_xor_fx_nonlin_s, 0.0, false);
}

Test(np_nonlin, overflow_gives_0_and_1_not_nan)
{
    double x_data[] = {-800.0, 800.0, -INFINITY, INFINITY}, out_data[4] = {NAN, NAN, NAN, NAN};
    nn_matrix x = {1, 4, x_data}, out = {1, 4, out_data};
    np_nonlin(&out, &x, false);
    static const double want[] = {0.0, 1.0, 0.0, 1.0};
    for (size_t k = 0; k < 4; k++)
        expect_near(out_data[k], want[k], 0.0, "nonlin(%g): exp(%g) is inf or 0, and so", x_data[k],
                    -x_data[k]);
}

Test(np_nonlin, slope_from_the_output)
{
    /* nonlin(s, True) for s = nonlin(z): s * (1 - s), at most 0.25 (at s = 0.5). */
    check(numpy_xor_fx_nonlin_s, true, numpy_xor_fx_nonlin_ds, 0.0, false);
}

Test(np_nonlin, slope_formula_on_any_input)
{
    /* It does not check that x is a sigmoid output: x*(1-x), whatever x is. */
    check(numpy_xor_fx_nonlin_z, true, numpy_xor_fx_nonlin_dz, 0.0, false);
}

Test(np_nonlin, works_in_place)
{
    check(numpy_xor_fx_nonlin_z, false, numpy_xor_fx_nonlin_s, 1e-14, true);
    check(numpy_xor_fx_nonlin_s, true, numpy_xor_fx_nonlin_ds, 1e-14, true);
}

Test(np_nonlin, a_wrong_output_shape_is_refused_untouched)
{
    double x_data[6] = {0, 1, 2, 3, 4, 5}, out_data[6] = {-1, -1, -1, -1, -1, -1};
    nn_matrix x = {2, 3, x_data};
    static const size_t shapes[][2] = {{3, 2}, {1, 6}, {2, 2}};
    for (size_t s = 0; s < 3; s++) {
        nn_matrix out = {shapes[s][0], shapes[s][1], out_data};
        for (int deriv = 0; deriv <= 1; deriv++) {
            nn_status status = np_nonlin(&out, &x, deriv);
            cr_expect_eq(status, NN_ERR_SHAPE, "np_nonlin(out (%zu, %zu), x (2, 3), %s): expected "
                         "NN_ERR_SHAPE (%d), got %d", shapes[s][0], shapes[s][1],
                         deriv ? "true" : "false", NN_ERR_SHAPE, status);
        }
    }
    for (size_t k = 0; k < 6; k++)
        expect_near(out_data[k], -1.0, 0.0, "out->data[%zu] after refused shapes (must stay %s)",
                    k, "untouched");
}
