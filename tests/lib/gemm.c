/* tests/lib/gemm.c - unit tests for the matrix-product kernels (lib/gemm.h).
 *
 * The promise of lib/gemm is that the fast product gives the reference triple loop's
 * doubles bit for bit: for every vector kernel the processor has, for ragged shapes
 * (1 x 1, empty, sizes that are not multiples of the tile or the KC block), for
 * transposed operands, with and without accumulation, and whatever the number of
 * threads. The data mixes magnitudes from 1e-8 to 1e8, signs and exact zeros, so that
 * adding the same terms in another order changes the result (one test checks that it
 * does, so the comparisons below can fail). Last, a whole fit and its predictions are
 * repeated on one to four threads and must agree bit for bit.
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "gemm.h"
#include "mlp.h"
#include "random.h"
#include "support.h"

TestSuite(gemm, .timeout = 60);

static const char *const KERNEL_NAMES[] = {"avx512", "avx2", "sse2", "generic"};

/* Values whose sums depend on their order: sign, magnitude 10^[-8, 8], some zeros. */
static double *random_values(nn_rng *rng, size_t n)
{
    double *v = malloc((n ? n : 1) * sizeof *v);
    cr_assert_not_null(v);
    for (size_t i = 0; i < n; i++) {
        double u = nn_rng_random(rng);
        double magnitude = pow(10.0, nn_rng_uniform(rng, -8, 8));
        v[i] = u < 0.05 ? 0.0 : nn_rng_uniform(rng, -1, 1) * magnitude;
    }
    return v;
}

typedef struct shape {
    size_t m, n, k;
} shape;

/* 1 x 1, empty, one row, one column, ragged, and k beyond one KC block (256). */
static const shape SHAPES[] = {
    {1, 1, 1},   {0, 5, 3},    {4, 0, 3},    {3, 4, 0},    {1, 17, 9},  {13, 1, 14},
    {6, 16, 8},  {7, 15, 13},  {5, 9, 300},  {12, 32, 1},  {25, 3, 40}, {61, 47, 29},
    {200, 14, 13}, {14, 14, 200}, {33, 100, 64}, {18, 37, 513}, {4, 20, 30},
    {10, 17, 31}, {3, 33, 7},  {2, 16, 5},   {11, 8, 3},
};
/* (Every remainder of m modulo the 6-row tile, 0 to 5, is there: the kernels for the
 * rows left below the last full tile are tested too.) */

/* Compares nn_gemm with nn_gemm_reference on one shape, both operands plain or
 * transposed, C with a padded row (ldc = n + 3) whose padding must stay untouched. */
static void check_shape(shape s, bool ta, bool tb, bool accumulate, bool threaded,
                        const char *kernel)
{
    nn_rng rng;
    nn_rng_seed(&rng, (uint32_t)(s.m * 10007 + s.n * 101 + s.k));
    double *a = random_values(&rng, s.m * s.k), *b = random_values(&rng, s.k * s.n);
    size_t ldc = s.n + 3;
    double *c0 = random_values(&rng, s.m * ldc);
    double *want = malloc((s.m * ldc + 1) * sizeof *want);
    double *got = malloc((s.m * ldc + 1) * sizeof *got);
    cr_assert(want && got);
    memcpy(want, c0, s.m * ldc * sizeof *c0);
    memcpy(got, c0, s.m * ldc * sizeof *c0);
    /* A is m x k (row-major) or stored as its transpose k x m; B likewise. */
    size_t a_rs = ta ? 1 : s.k, a_cs = ta ? s.m : 1;
    size_t b_rs = tb ? 1 : s.n, b_cs = tb ? s.k : 1;
    nn_gemm_reference(s.m, s.n, s.k, a, a_rs, a_cs, b, b_rs, b_cs, want, ldc, accumulate);
    nn_gemm(s.m, s.n, s.k, a, a_rs, a_cs, b, b_rs, b_cs, got, ldc, accumulate, threaded);
    for (size_t i = 0; i < s.m; i++)
        for (size_t j = 0; j < ldc; j++) {
            size_t at = i * ldc + j;
            cr_assert(memcmp(&want[at], &got[at], sizeof(double)) == 0,
                      "%s kernel, %zu x %zu x %zu (ta %d, tb %d, accumulate %d, "
                      "threaded %d): "
                      "C[%zu, %zu] is %a, the reference gives %a%s",
                      kernel, s.m, s.n, s.k, ta, tb, accumulate, threaded, i, j, got[at],
                      want[at], j >= s.n ? " (a padding column was written)" : "");
        }
    free(a);
    free(b);
    free(c0);
    free(want);
    free(got);
}

static void check_all_shapes(const char *kernel, bool threaded)
{
    for (size_t i = 0; i < sizeof SHAPES / sizeof SHAPES[0]; i++)
        for (int variant = 0; variant < 8; variant++)
            check_shape(SHAPES[i], variant & 1, variant & 2, variant & 4, threaded, kernel);
}

Test(gemm, reference_is_the_textbook_product)
{
    /* [[1, 2, 3], [4, 5, 6]] . [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]] */
    const double a[] = {1, 2, 3, 4, 5, 6}, b[] = {7, 8, 9, 10, 11, 12};
    double c[4] = {100, 100, 100, 100};
    nn_gemm_reference(2, 2, 3, a, 3, 1, b, 2, 1, c, 2, false);
    cr_assert(c[0] == 58 && c[1] == 64 && c[2] == 139 && c[3] == 154,
              "got [[%g, %g], [%g, %g]], expected [[58, 64], [139, 154]]", c[0], c[1], c[2],
              c[3]);
    nn_gemm_reference(2, 2, 3, a, 3, 1, b, 2, 1, c, 2, true); /* accumulate: twice */
    cr_assert(c[0] == 116 && c[3] == 308, "accumulate: got %g and %g, expected 116 and 308",
              c[0], c[3]);
}

Test(gemm, the_data_tells_summation_orders_apart)
{
    /* If adding the terms backwards gave the same bits, the comparisons below could
     * not catch a kernel that reorders its sums. */
    nn_rng rng;
    nn_rng_seed(&rng, 5);
    size_t k = 300, differ = 0;
    for (int trial = 0; trial < 20; trial++) {
        double *x = random_values(&rng, k), *y = random_values(&rng, k);
        double forward = 0.0, backward = 0.0;
        for (size_t l = 0; l < k; l++)
            forward += x[l] * y[l];
        for (size_t l = k; l-- > 0;)
            backward += x[l] * y[l];
        differ += forward != backward;
        free(x);
        free(y);
    }
    cr_assert_gt(differ, 10, "only %zu of 20 sums depend on their order", differ);
}

Test(gemm, every_kernel_gives_the_reference_bits)
{
    const char *before = nn_gemm_kernel();
    size_t tested = 0;
    for (size_t i = 0; i < sizeof KERNEL_NAMES / sizeof KERNEL_NAMES[0]; i++) {
        if (!nn_gemm_use_kernel(KERNEL_NAMES[i]))
            continue; /* not on this processor or build */
        cr_assert_str_eq(nn_gemm_kernel(), KERNEL_NAMES[i]);
        check_all_shapes(KERNEL_NAMES[i], false);
        tested++;
    }
    cr_assert(nn_gemm_use_kernel(before), "could not go back to the %s kernel", before);
    cr_assert_geq(tested, 1, "no kernel could be selected");
}

Test(gemm, threads_change_nothing)
{
    /* Products big enough to be shared out (several million multiply-adds), with 1 to
     * 7 threads: always the reference's bits. */
    static const shape BIG[] = {{200, 256, 100}, {256, 128, 200}, {1797, 100, 64},
                                {37, 300, 301}, {300, 1, 4000}};
    for (size_t threads = 1; threads <= 7; threads++) {
        nn_gemm_set_threads(threads);
        cr_assert_eq(nn_gemm_threads(), threads);
        for (size_t i = 0; i < sizeof BIG / sizeof BIG[0]; i++)
            for (int variant = 0; variant < 8; variant += 3)
                check_shape(BIG[i], variant & 1, variant & 2, variant & 4, true,
                            nn_gemm_kernel());
    }
    nn_gemm_set_threads(0);
    check_all_shapes(nn_gemm_kernel(), true); /* small products on the default */
}

Test(gemm, threads_work_in_a_forked_child)
{
    /* The pool's workers do not survive fork(): a child that shares a product must
     * start its own instead of waiting for threads that are not there. */
    static const shape BIG = {200, 256, 100};
    nn_gemm_set_threads(2);
    check_shape(BIG, false, false, false, true, nn_gemm_kernel()); /* workers started */
    pid_t child = fork();
    cr_assert_neq(child, -1, "fork failed");
    if (child == 0) {
        alarm(20); /* a hang ends the child with SIGALRM */
        check_shape(BIG, false, true, false, true, nn_gemm_kernel());
        _exit(0);
    }
    int status = 0;
    cr_assert_eq(waitpid(child, &status, 0), child);
    nn_gemm_set_threads(0);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
              "the child's threaded product did not finish (status %d)", status);
}

Test(gemm, kernel_names)
{
    cr_assert_not(nn_gemm_use_kernel("nonsense"));
    cr_assert_not(nn_gemm_use_kernel(NULL));
    const char *k = nn_gemm_kernel();
    bool known = false;
    for (size_t i = 0; i < sizeof KERNEL_NAMES / sizeof KERNEL_NAMES[0]; i++)
        known = known || strcmp(k, KERNEL_NAMES[i]) == 0;
    cr_assert(known, "unknown kernel name '%s'", k);
    nn_gemm_set_threads(1000);
    cr_assert_eq(nn_gemm_threads(), 64, "the thread count is capped at 64");
    nn_gemm_set_threads(0);
    cr_assert_geq(nn_gemm_threads(), 1);
}

/* ---- The whole network: threads change no bit of a fit or a prediction ------------- */

/* Fits a network whose products are big enough to be shared between threads (200 x 50
 * times 50 x 256 and more), with `threads` threads, and returns the packed weights
 * followed by the loss curve and the predicted probabilities. */
static double *fit_with_threads(size_t threads, nn_mlp_solver solver, size_t *count)
{
    nn_gemm_set_threads(threads);
    size_t n = 1000, f = 50;
    nn_rng rng;
    nn_rng_seed(&rng, 3);
    nn_matrix *X = nn_matrix_new(n, f, NULL);
    double *labels = malloc(n * sizeof *labels);
    cr_assert(X && labels);
    for (size_t i = 0; i < n * f; i++)
        X->data[i] = nn_rng_standard_normal(&rng);
    for (size_t i = 0; i < n; i++)
        labels[i] = (double)((X->data[i * f] > 0) + 2 * (X->data[i * f + 1] > 0.5));
    nn_matrix y = {n, 1, labels};
    nn_mlp_params p = nn_mlp_defaults();
    p.n_hidden = 2;
    p.hidden_layer_sizes[0] = 256;
    p.hidden_layer_sizes[1] = 128;
    p.max_iter = solver == NN_MLP_LBFGS ? 5 : 3; /* lbfgs: the whole data set at once */
    p.solver = solver;
    p.random_state = 7;
    p.progress = false;
    nn_error err = {NN_OK, ""};
    nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    cr_assert_not_null(clf, "%s", err.message);
    nn_set_warning_handler(ignore_warning, NULL); /* the ConvergenceWarning of a 3-epoch fit */
    nn_status st = nn_mlp_fit(clf, X, &y, &err);
    nn_set_warning_handler(NULL, NULL);
    cr_assert_eq(st, NN_OK, "fit: %s", err.message);
    size_t n_theta, n_curve;
    const double *theta = nn_mlp_packed(clf, &n_theta);
    const double *curve = nn_mlp_loss_curve(clf, &n_curve);
    size_t k = nn_mlp_proba_cols(clf);
    *count = n_theta + n_curve + n * k;
    double *all = malloc(*count * sizeof *all);
    cr_assert_not_null(all);
    memcpy(all, theta, n_theta * sizeof *all);
    if (n_curve) /* lbfgs keeps no loss curve: curve is NULL */
        memcpy(all + n_theta, curve, n_curve * sizeof *all);
    nn_matrix proba = {n, k, all + n_theta + n_curve};
    cr_assert_eq(nn_mlp_predict_proba(clf, X, &proba, &err), NN_OK, "%s", err.message);
    nn_mlp_free(clf);
    nn_matrix_free(X);
    free(labels);
    nn_gemm_set_threads(0);
    return all;
}

Test(gemm, a_fit_is_the_same_on_any_number_of_threads)
{
    static const nn_mlp_solver SOLVERS[] = {NN_MLP_ADAM, NN_MLP_LBFGS};
    for (size_t s = 0; s < 2; s++) {
        size_t n1, n;
        double *one = fit_with_threads(1, SOLVERS[s], &n1);
        for (size_t threads = 2; threads <= 4; threads++) {
            double *many = fit_with_threads(threads, SOLVERS[s], &n);
            cr_assert_eq(n, n1);
            for (size_t i = 0; i < n; i++)
                cr_assert(memcmp(&one[i], &many[i], sizeof(double)) == 0,
                          "%s with %zu threads: value %zu of the weights / loss curve / "
                          "probabilities is %a; with one thread %a",
                          nn_mlp_solver_name(SOLVERS[s]), threads, i, many[i], one[i]);
            free(many);
        }
        free(one);
    }
}
