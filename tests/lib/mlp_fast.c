/* tests/lib/mlp_fast.c - the fast passes of lib/mlp_fast.c against the plain ones of
 * lib/mlp_backprop.c.
 *
 * Training runs nn_mlp_fast_backprop and prediction nn_mlp_fast_outputs; the book
 * teaches nn_mlp_backprop and nn_mlp_forward. The promise is that they compute the same
 * doubles, bit for bit: the loss, every element of the gradient and every output. The
 * networks below take each path the fast code has: one output and several (logistic,
 * softmax, identity), layers of 1 unit (numpy's pairwise column sum), below 32 units
 * (the intercepts added in groups of rows, odd widths from 17 to 31 included) and at
 * or above 32 (the widest vectors), every hidden activation, an L2 penalty large enough
 * to show in the loss's last bits, batches of one row and batches large enough to go
 * forward on several threads (PARALLEL_FORWARD_ROWS, 512), with each matrix kernel the
 * processor has and with one and four threads. The data mixes magnitudes and signs, so
 * that adding the same terms in another order changes the result (one test checks that
 * it does, so the comparisons below can fail).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gemm.h"
#include "mlp_internal.h"

TestSuite(mlp_fast, .timeout = 120);

static const char *const KERNELS[] = {"avx512", "avx2", "sse2", "generic"};
static const nn_activation HIDDEN[] = {NN_LOGISTIC, NN_TANH, NN_RELU, NN_IDENTITY};

typedef struct shape {
    nn_mlp_kind kind;
    nn_activation out;   /* the output activation */
    size_t outputs;
    size_t n_hidden, hidden[3];
    size_t features, rows; /* the batch: rows x features */
    double alpha;
} shape;

static const shape SHAPES[] = {
    /* one logistic output (two classes) */
    {NN_MLP_CLASSIFIER, NN_LOGISTIC, 1, 1, {5}, 4, 7, 1e-4},
    {NN_MLP_CLASSIFIER, NN_LOGISTIC, 1, 2, {14, 14}, 13, 270, 1e-4}, /* heart's */
    /* softmax over several classes */
    {NN_MLP_CLASSIFIER, NN_SOFTMAX, 10, 1, {100}, 64, 200, 1e-4},    /* digits' batch */
    {NN_MLP_CLASSIFIER, NN_SOFTMAX, 3, 2, {32, 31}, 6, 600, 0.5},    /* threaded forward */
    {NN_MLP_CLASSIFIER, NN_SOFTMAX, 4, 3, {40, 1, 33}, 20, 513, 1e-2}, /* 1 unit */
    /* several logistic outputs (multilabel), one row */
    {NN_MLP_CLASSIFIER, NN_LOGISTIC, 4, 1, {3}, 5, 1, 1e-3},
    /* regression: identity outputs */
    {NN_MLP_REGRESSOR, NN_IDENTITY, 1, 1, {33}, 3, 600, 1e-4},
    {NN_MLP_REGRESSOR, NN_IDENTITY, 2, 2, {8, 64}, 10, 100, 0.0},
    {NN_MLP_REGRESSOR, NN_IDENTITY, 17, 1, {17}, 2, 50, 1e-3},
    {NN_MLP_CLASSIFIER, NN_SOFTMAX, 40, 1, {7}, 3, 90, 1e-4}, /* a wide output layer */
    /* a large alpha over layers of one size: the L2 penalty weighs in the loss */
    {NN_MLP_REGRESSOR, NN_IDENTITY, 9, 3, {9, 9, 9}, 9, 20, 10.0},
};

/* A number whose sums depend on their order: either sign, magnitude 10^[lo, hi), and
 * now and then an exact zero. */
static double spread(nn_rng *rng, double lo, double hi)
{
    if (nn_rng_random(rng) < 0.03)
        return 0.0;
    return nn_rng_uniform(rng, -1, 1) * pow(10.0, nn_rng_uniform(rng, lo, hi));
}

/* A model with s's layout and random weights (no fit needed), and a batch for it. */
typedef struct problem {
    nn_mlp *m;
    double *x, *y; /* rows x features, rows x outputs */
} problem;

static problem make_problem(const shape *s, nn_activation hidden, uint32_t seed)
{
    nn_error err;
    nn_mlp_params p = nn_mlp_defaults();
    p.n_hidden = s->n_hidden;
    for (size_t i = 0; i < s->n_hidden; i++)
        p.hidden_layer_sizes[i] = s->hidden[i];
    p.activation = hidden;
    p.alpha = s->alpha;
    problem pr = {nn_mlp_new(s->kind, &p, &err), NULL, NULL};
    cr_assert_not_null(pr.m, "%s", err.message);

    size_t units[NN_MLP_MAX_HIDDEN + 2], L = s->n_hidden + 2;
    units[0] = s->features;
    for (size_t i = 0; i < s->n_hidden; i++)
        units[i + 1] = s->hidden[i];
    units[L - 1] = s->outputs;
    cr_assert_eq(nn_mlp_internal_layout(pr.m, units, L, &err), NN_OK, "%s", err.message);
    pr.m->out_activation = s->out;
    pr.m->fitted = true;

    nn_rng rng;
    nn_rng_seed(&rng, seed);
    for (size_t k = 0; k < pr.m->n_params; k++)
        pr.m->theta[k] = spread(&rng, -2, 0.3);
    pr.x = malloc(s->rows * s->features * sizeof(double));
    pr.y = calloc(s->rows * s->outputs, sizeof(double));
    cr_assert(pr.x && pr.y);
    for (size_t k = 0; k < s->rows * s->features; k++)
        pr.x[k] = spread(&rng, -2, 1);
    for (size_t i = 0; i < s->rows; i++) {
        double *row = pr.y + i * s->outputs;
        if (s->kind == NN_MLP_REGRESSOR)
            for (size_t j = 0; j < s->outputs; j++)
                row[j] = spread(&rng, -1, 1);
        else if (s->out == NN_SOFTMAX) /* one-hot */
            row[(size_t)(nn_rng_random(&rng) * (double)s->outputs)] = 1.0;
        else /* 0/1 labels */
            for (size_t j = 0; j < s->outputs; j++)
                row[j] = nn_rng_random(&rng) < 0.5 ? 0.0 : 1.0;
    }
    return pr;
}

static void free_problem(problem *pr)
{
    nn_mlp_free(pr->m);
    free(pr->x);
    free(pr->y);
}

/* The same double: the same bits (so 0.0 and -0.0 differ), or NaN both. */
static bool same_bits(double a, double b)
{
    uint64_t ua, ub;
    memcpy(&ua, &a, sizeof a);
    memcpy(&ub, &b, sizeof b);
    return ua == ub || (isnan(a) && isnan(b));
}

static void assert_same(const double *fast, const double *plain, size_t n, const char *what,
                        const char *context)
{
    for (size_t k = 0; k < n; k++)
        cr_assert(same_bits(fast[k], plain[k]), "%s: %s[%zu] is %a fast, %a plain", context,
                  what, k, fast[k], plain[k]);
}

/* What the plain passes compute for a problem, to compare the fast ones with. */
typedef struct result {
    double loss;
    double *grad, *out;
} result;

static result plain_result(const problem *pr, size_t rows)
{
    const nn_mlp *m = pr->m;
    nn_mlp_workspace ws;
    nn_error err;
    cr_assert_eq(nn_mlp_workspace_alloc(&ws, m, rows, true, &err), NN_OK);
    result r = {nn_mlp_backprop(m, pr->x, pr->y, rows, &ws),
                malloc(m->n_params * sizeof(double)),
                malloc(rows * m->n_outputs * sizeof(double))};
    cr_assert(r.grad && r.out);
    memcpy(r.grad, ws.grad, m->n_params * sizeof(double));
    memcpy(r.out, ws.act[m->n_layers - 1], rows * m->n_outputs * sizeof(double));
    nn_mlp_workspace_free(&ws);
    return r;
}

/* The fast passes on one problem, with the current kernel and threads: the training
 * step's loss and gradient, the forward pass on its own, and a prediction. */
static void check_fast(const problem *pr, size_t rows, const result *plain,
                       const char *context)
{
    const nn_mlp *m = pr->m;
    size_t L = m->n_layers, k = m->n_outputs;
    nn_mlp_workspace ws;
    nn_error err;
    cr_assert_eq(nn_mlp_workspace_alloc(&ws, m, rows, true, &err), NN_OK);
    /* Garbage in the buffers first: the fast passes must overwrite all they use. */
    memset(ws.block, 0x7f, (ws.yb + rows * k - ws.block) * sizeof(double));
    double loss = nn_mlp_fast_backprop(m, pr->x, pr->y, rows, &ws);
    cr_assert(same_bits(loss, plain->loss), "%s: the loss is %a fast, %a plain", context,
              loss, plain->loss);
    assert_same(ws.grad, plain->grad, m->n_params, "gradient", context);
    assert_same(ws.act[L - 1], plain->out, rows * k, "output", context);

    memset(ws.act[L - 1], 0x7f, rows * k * sizeof(double));
    nn_mlp_fast_forward(m, pr->x, rows, &ws);
    assert_same(ws.act[L - 1], plain->out, rows * k, "forward output", context);
    nn_mlp_workspace_free(&ws);

    double *pred = nn_mlp_fast_outputs(m, pr->x, rows, &err);
    cr_assert_not_null(pred, "%s", err.message);
    assert_same(pred, plain->out, rows * k, "prediction", context);
    free(pred);
}

Test(mlp_fast, fast_passes_give_the_plain_passes_bits)
{
    const char *kernel_before = nn_gemm_kernel();
    size_t checked = 0, threaded = 0;
    for (size_t i = 0; i < sizeof SHAPES / sizeof SHAPES[0]; i++)
        for (size_t h = 0; h < sizeof HIDDEN / sizeof HIDDEN[0]; h++) {
            const shape *s = &SHAPES[i];
            problem pr = make_problem(s, HIDDEN[h], (uint32_t)(100 * i + h));
            result plain = plain_result(&pr, s->rows);
            cr_assert(isfinite(plain.loss), "shape %zu: the loss is %g", i, plain.loss);
            for (size_t kern = 0; kern < sizeof KERNELS / sizeof KERNELS[0]; kern++) {
                if (!nn_gemm_use_kernel(KERNELS[kern]))
                    continue; /* not on this processor or build */
                for (size_t threads = 1; threads <= 4; threads += 3) {
                    nn_gemm_set_threads(threads);
                    char context[160];
                    snprintf(context, sizeof context,
                             "shape %zu (%zu rows), hidden %s, kernel %s, %zu thread(s)", i,
                             s->rows, nn_activation_name(HIDDEN[h]), KERNELS[kern], threads);
                    check_fast(&pr, s->rows, &plain, context);
                    checked++;
                    threaded += threads > 1 && s->rows >= 512;
                }
            }
            free(plain.grad);
            free(plain.out);
            free_problem(&pr);
        }
    nn_gemm_set_threads(0);
    cr_assert(nn_gemm_use_kernel(kernel_before), "could not go back to %s", kernel_before);
    cr_assert_geq(checked, 2 * 4 * (sizeof SHAPES / sizeof SHAPES[0]));
    cr_assert_gt(threaded, 0, "no batch went forward on several threads");
}

Test(mlp_fast, the_comparison_can_fail)
{
    /* The same batch with its rows in reverse order has the same gradient in exact
     * arithmetic, but its sums over the samples are added in another order: some of
     * its doubles must differ, or the test above could not tell two orders apart. */
    const shape *s = &SHAPES[3];
    problem pr = make_problem(s, NN_TANH, 7);
    result plain = plain_result(&pr, s->rows);
    size_t f = s->features, k = s->outputs;
    for (size_t i = 0, j = s->rows - 1; i < j; i++, j--) {
        for (size_t c = 0; c < f; c++) {
            double t = pr.x[i * f + c];
            pr.x[i * f + c] = pr.x[j * f + c];
            pr.x[j * f + c] = t;
        }
        for (size_t c = 0; c < k; c++) {
            double t = pr.y[i * k + c];
            pr.y[i * k + c] = pr.y[j * k + c];
            pr.y[j * k + c] = t;
        }
    }
    result reversed = plain_result(&pr, s->rows);
    cr_assert_float_eq(plain.loss, reversed.loss, 1e-12 * plain.loss, "a sum of the same "
                       "positive terms: %a and %a", plain.loss, reversed.loss);
    size_t differ = 0;
    for (size_t p = 0; p < pr.m->n_params; p++)
        differ += !same_bits(plain.grad[p], reversed.grad[p]);
    cr_assert_gt(differ, pr.m->n_params / 10, "only %zu of %zu gradient elements depend on "
                 "the order of the samples", differ, pr.m->n_params);
    free(plain.grad);
    free(plain.out);
    free(reversed.grad);
    free(reversed.out);
    free_problem(&pr);
}
