/* bench.c - the C side of `make bench`: nn_mlp doing the work bench_sklearn.py does.
 *
 *     build/bench/bench WORKLOAD DIGITS_CSV [--dump FILE] [--repeat N]
 *
 * WORKLOAD is one of
 *   heart         data/heart_scale (270 x 13), hidden (14, 14), adam, 200 epochs
 *   digits-adam   scikit-learn's digits (1797 x 64, scaled to [0, 1]), hidden (100,),
 *                 adam, 200 epochs
 *   digits-sgd    the same with sgd
 *   digits-lbfgs  the same with lbfgs, 200 iterations
 *   wide          20,000 x 100 standard normal features, 4 classes (drawn below with
 *                 nn_rng, as numpy's RandomState draws them), hidden (256, 128), adam,
 *                 10 epochs
 *   predict       predict_proba on the digits, PREDICT_REPEATS times, with the network
 *                 of a 20-epoch adam fit
 * Every fit uses random_state 0, tol 0 and n_iter_no_change above max_iter, so every
 * epoch runs on both sides. The program times only the fit (for predict: only the
 * predictions) with CLOCK_MONOTONIC, then prints one line of key=value pairs:
 *
 *   side=c workload=heart seconds=0.004512 loss=0x1.1c0c375606620p-2 n_iter=200
 *       maxrss_kb=2345 threads=2
 *
 * The loss is printed as an exact hexadecimal float, so that bench/run.sh can check
 * that both sides ended where they should. --dump FILE writes the loss curve and every
 * parameter as hexadecimal floats, one per line: two builds of the library train
 * identically when their dumps are identical. --repeat N fits N times in a row and
 * times them all (for a profiler: the fit, not the loading, fills the samples).
 *
 *     build/bench/bench kernels [--openblas LIBRARY] [--sizes 16,32,...]
 *
 * measures the matrix-product kernels of lib/gemm.c (and OpenBLAS's dgemm, when given
 * the library's path) in GFLOP/s on square matrices, one line per size and kernel.
 *
 *     build/bench/bench products DIGITS_CSV [--openblas LIBRARY] [WORKLOAD...]
 *
 * replays only the matrix products of each workload named (default: all; lbfgs never),
 * with nn_gemm and with OpenBLAS, and prints the best time of each, one line per
 * workload:
 *
 *   products workload=heart count=3200 flop=1.07e+08 nn_gemm_seconds=0.0048
 *       openblas_seconds=0.0045
 */
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "gemm.h"
#include "nn.h"

#define PREDICT_REPEATS 200 /* bench_sklearn.py: PREDICT_REPEATS */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* CPU time of the whole process (every thread): less disturbed by other programs
 * than the wall clock, printed beside it for the curious. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int fail(const char *what, const nn_error *err)
{
    fprintf(stderr, "bench: %s: %s\n", what, err->message);
    return 1;
}

/* ---- The data ---------------------------------------------------------------------- */

typedef struct data {
    nn_matrix *X;
    nn_matrix y; /* n x 1 labels */
    nn_dataset *ds;
    double *labels;
} data;

static void data_free(data *d)
{
    if (d->ds)
        nn_dataset_free(d->ds);
    else
        nn_matrix_free(d->X);
    free(d->labels);
}

static int load_heart(data *d, nn_error *err)
{
    d->ds = nn_data_load_libsvm("data/heart_scale", NULL, err);
    if (!d->ds)
        return fail("data/heart_scale", err);
    d->X = d->ds->X;
    d->y = (nn_matrix){d->X->rows, 1, d->ds->y};
    return 0;
}

/* digits.csv: 64 pixel values in 0..16, then the digit; no header. X = pixels / 16. */
static int load_digits(data *d, const char *path, nn_error *err)
{
    nn_csv_options opt = nn_csv_defaults();
    opt.header = 0;
    d->ds = nn_data_load_csv(path, &opt, err);
    if (!d->ds)
        return fail(path, err);
    d->X = d->ds->X;
    for (size_t i = 0; i < d->X->rows * d->X->cols; i++)
        d->X->data[i] /= 16.0;
    d->y = (nn_matrix){d->X->rows, 1, d->ds->y};
    return 0;
}

/* numpy: rs = RandomState(0); X = rs.standard_normal((20000, 100));
 * e = rs.standard_normal((20000, 2)); class = 2 (x0 + x2/2 + e0/2 > 0) +
 * (x1 - x3/2 + e1/2 > 0). */
static int make_wide(data *d, nn_error *err)
{
    size_t n = 20000, f = 100;
    nn_rng rng;
    nn_rng_seed(&rng, 0);
    d->X = nn_matrix_new(n, f, err);
    double *e = malloc(2 * n * sizeof *e);
    d->labels = malloc(n * sizeof *d->labels);
    if (!d->X || !e || !d->labels) {
        free(e);
        return fail("wide", err);
    }
    for (size_t i = 0; i < n * f; i++)
        d->X->data[i] = nn_rng_standard_normal(&rng);
    for (size_t i = 0; i < 2 * n; i++)
        e[i] = nn_rng_standard_normal(&rng);
    for (size_t i = 0; i < n; i++) {
        const double *x = d->X->data + i * f;
        bool a = (x[0] + 0.5 * x[2]) + 0.5 * e[2 * i] > 0;
        bool b = (x[1] - 0.5 * x[3]) + 0.5 * e[2 * i + 1] > 0;
        d->labels[i] = 2.0 * a + 1.0 * b;
    }
    free(e);
    d->y = (nn_matrix){n, 1, d->labels};
    return 0;
}

/* ---- The workloads ----------------------------------------------------------------- */

typedef struct workload {
    const char *name, *data;
    size_t hidden[2], n_hidden;
    nn_mlp_solver solver;
    long iterations;
} workload;

static const workload WORKLOADS[] = {
    {"heart", "heart", {14, 14}, 2, NN_MLP_ADAM, 200},
    {"digits-adam", "digits", {100, 0}, 1, NN_MLP_ADAM, 200},
    {"digits-sgd", "digits", {100, 0}, 1, NN_MLP_SGD, 200},
    {"digits-lbfgs", "digits", {100, 0}, 1, NN_MLP_LBFGS, 200},
    {"wide", "wide", {256, 128}, 2, NN_MLP_ADAM, 10},
    {"predict", "digits", {100, 0}, 1, NN_MLP_ADAM, 20},
};
#define N_WORKLOADS (sizeof WORKLOADS / sizeof WORKLOADS[0])

/* The data set of a workload (its `data` field). */
static int load_data(const workload *w, const char *digits_csv, data *d, nn_error *err)
{
    return strcmp(w->data, "heart") == 0  ? load_heart(d, err)
           : strcmp(w->data, "wide") == 0 ? make_wide(d, err)
                                          : load_digits(d, digits_csv, err);
}

static void quiet_warning(const char *message, void *context)
{
    (void)message;
    (void)context;
}

static int dump(const char *path, const nn_mlp *clf)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t n;
    const double *curve = nn_mlp_loss_curve(clf, &n);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "loss %a\n", curve[i]);
    fprintf(f, "final %a\n", nn_mlp_loss(clf));
    const double *theta = nn_mlp_packed(clf, &n);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%a\n", theta[i]);
    return fclose(f) != 0;
}

static int run_workload(const workload *w, const char *digits_csv, const char *dump_path,
                        long repeat)
{
    nn_error err = {0};
    data d = {0};
    int status = load_data(w, digits_csv, &d, &err);
    if (status)
        return status;
    nn_mlp_params p = nn_mlp_defaults();
    p.n_hidden = w->n_hidden;
    for (size_t i = 0; i < w->n_hidden; i++)
        p.hidden_layer_sizes[i] = w->hidden[i];
    p.solver = w->solver;
    p.max_iter = w->iterations;
    p.tol = 0.0;
    p.n_iter_no_change = (double)(w->iterations + 1);
    p.random_state = 0;
    p.progress = false;
    nn_mlp *clf = nn_mlp_new(NN_MLP_CLASSIFIER, &p, &err);
    if (!clf)
        return fail("nn_mlp_new", &err);
    nn_set_warning_handler(quiet_warning, NULL); /* the ConvergenceWarning */

    double start = now(), cpu_start = cpu_now();
    nn_status st = NN_OK;
    for (long r = 0; r < repeat && st == NN_OK; r++)
        st = nn_mlp_fit(clf, d.X, &d.y, &err);
    double seconds = now() - start, cpu = cpu_now() - cpu_start;
    char extra[128] = "";
    if (st == NN_OK && strcmp(w->name, "predict") == 0) {
        size_t n = d.X->rows, k = nn_mlp_proba_cols(clf);
        nn_matrix *proba = nn_matrix_new(n, k, &err);
        if (!proba)
            return fail("predict", &err);
        start = now();
        cpu_start = cpu_now();
        for (int r = 0; r < PREDICT_REPEATS && st == NN_OK; r++)
            st = nn_mlp_predict_proba(clf, d.X, proba, &err);
        seconds = now() - start;
        cpu = cpu_now() - cpu_start;
        double sum = 0.0;
        for (size_t i = 0; i < n * k; i++)
            sum += proba->data[i];
        snprintf(extra, sizeof extra, " samples=%zu checksum=%a",
                 (size_t)PREDICT_REPEATS * n, sum);
        nn_matrix_free(proba);
    }
    if (st != NN_OK)
        return fail(w->name, &err);
    printf("side=c workload=%s seconds=%.6f loss=%a n_iter=%ld maxrss_kb=%ld "
           "cpu_seconds=%.6f threads=%zu kernel=%s%s\n",
           w->name, seconds, nn_mlp_loss(clf), nn_mlp_n_iter(clf), maxrss_kb(), cpu,
           nn_gemm_threads(), nn_gemm_kernel(), extra);
    if (dump_path && dump(dump_path, clf))
        status = 1;
    nn_mlp_free(clf);
    data_free(&d);
    return status;
}

/* ---- The kernels ------------------------------------------------------------------- */

typedef void (*cblas_dgemm_fn)(int order, int ta, int tb, int m, int n, int k,
                               double alpha, const double *a, int lda, const double *b,
                               int ldb, double beta, double *c, int ldc);

/* OpenBLAS's cblas_dgemm from the library at path, or NULL (and a message). */
static cblas_dgemm_fn load_dgemm(const char *path)
{
    cblas_dgemm_fn dgemm = NULL;
    void *lib = dlopen(path, RTLD_NOW);
    if (lib)
        *(void **)(&dgemm) = dlsym(lib, "cblas_dgemm");
    if (!dgemm)
        fprintf(stderr, "bench: %s: no cblas_dgemm (%s)\n", path, dlerror());
    return dgemm;
}

/* Seconds per call of one kernel on n x n matrices: the best of a few timed batches
 * of calls, each batch long enough (about 0.1 s) to be timed well. */
static double time_kernel(int kernel, cblas_dgemm_fn dgemm, size_t n, const double *a,
                          const double *b, double *c)
{
    double best = INFINITY;
    long calls = 1;
    for (int batch = 0; batch < 4; batch++) {
        double start = now();
        for (long r = 0; r < calls; r++) {
            if (kernel == 0)
                nn_gemm_reference(n, n, n, a, n, 1, b, n, 1, c, n, false);
            else if (kernel == 3)
                dgemm(101, 111, 111, (int)n, (int)n, (int)n, 1.0, a, (int)n, b, (int)n, 0.0,
                      c, (int)n);
            else
                nn_gemm(n, n, n, a, n, 1, b, n, 1, c, n, false, kernel == 2);
        }
        double t = (now() - start) / (double)calls;
        if (t < best)
            best = t;
        if (t * (double)calls < 0.05 && batch == 0) { /* too short: calibrate, again */
            calls = (long)(0.1 / (t > 1e-9 ? t : 1e-9)) + 1;
            batch = -1;
            best = INFINITY;
        }
    }
    return best;
}

static int run_kernels(int argc, char **argv)
{
    const char *openblas = NULL, *sizes = "8,16,24,32,48,64,96,128,192,256,384,512,768,1024";
    for (int i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--openblas") == 0)
            openblas = argv[i + 1];
        else if (strcmp(argv[i], "--sizes") == 0)
            sizes = argv[i + 1];
    }
    cblas_dgemm_fn dgemm = openblas && *openblas ? load_dgemm(openblas) : NULL;
    static const char *const NAMES[] = {"naive", "blocked", "threaded", "openblas"};
    printf("# size kernel gflops (threads=%zu)\n", nn_gemm_threads());
    for (const char *s = sizes; *s;) {
        char *end;
        size_t n = strtoul(s, &end, 10);
        s = *end ? end + 1 : end;
        double *a = malloc(n * n * sizeof *a), *b = malloc(n * n * sizeof *b);
        double *c = malloc(n * n * sizeof *c);
        if (!a || !b || !c)
            return 1;
        nn_rng rng;
        nn_rng_seed(&rng, 1);
        for (size_t i = 0; i < n * n; i++) {
            a[i] = nn_rng_uniform(&rng, -1, 1);
            b[i] = nn_rng_uniform(&rng, -1, 1);
        }
        for (int k = 0; k < 4; k++) {
            if (k == 3 && !dgemm)
                continue;
            if (k == 0 && n > 512) /* the triple loop: slow and flat by then */
                continue;
            double t = time_kernel(k, dgemm, n, a, b, c);
            double flops = 2.0 * (double)n * (double)n * (double)n;
            printf("%zu %s %.3f\n", n, NAMES[k], flops / t / 1e9);
            fflush(stdout);
        }
        free(a);
        free(b);
        free(c);
    }
    return 0;
}


/* ---- The products alone ------------------------------------------------------------ */

/* One matrix product of a fit: C (m x n) = A (m x k) . B (k x n), where A or B may be
 * read transposed, as the training step reads them:
 *   FORWARD   activations (B x u_l) . weights (u_l x u_l+1)
 *   GRADIENT  activations^T (u_l x B) . deltas (B x u_l+1)
 *   BACKWARD  deltas (B x u_l+1) . weights^T (u_l+1 x u_l) */
typedef enum { FORWARD, GRADIENT, BACKWARD } product_kind;

typedef struct product {
    product_kind kind;
    size_t m, n, k;
} product;

/* The products of one training step on a batch of B rows for layer widths u[0..L). */
static size_t step_products(product *out, const size_t *u, size_t L, size_t B)
{
    size_t count = 0;
    for (size_t l = 0; l + 1 < L; l++)
        out[count++] = (product){FORWARD, B, u[l + 1], u[l]};
    for (size_t l = L - 1; l-- > 0;) {
        out[count++] = (product){GRADIENT, u[l], u[l + 1], B};
        if (l > 0)
            out[count++] = (product){BACKWARD, B, u[l], u[l + 1]};
    }
    return count;
}

/* Every product of one fit of w on n samples of `features` features with `outputs`
 * network outputs (sgd, adam: epochs of batches of batch_size 'auto', min(200, n)), or
 * of the predictions (forward products on the whole data set), in order. */
static product *workload_products(const workload *w, size_t n, size_t features,
                                  size_t outputs, size_t *count, double *flop)
{
    size_t u[4], L = 0, batch = n < 200 ? n : 200, steps;
    u[L++] = features;
    for (size_t i = 0; i < w->n_hidden; i++)
        u[L++] = w->hidden[i];
    u[L++] = outputs;
    bool predict = strcmp(w->name, "predict") == 0;
    size_t per_step = 3 * L, batches = predict || n == 0 ? 1 : (n + batch - 1) / batch;
    steps = predict ? PREDICT_REPEATS : (size_t)w->iterations * batches;
    product *list = malloc(steps * per_step * sizeof *list);
    if (!list)
        return NULL;
    *count = 0;
    *flop = 0.0;
    for (size_t s = 0; s < steps; s++) {
        size_t first = *count;
        if (predict) {
            for (size_t l = 0; l + 1 < L; l++)
                list[(*count)++] = (product){FORWARD, n, u[l + 1], u[l]};
        } else {
            size_t start = (s % batches) * batch;
            size_t B = n - start < batch ? n - start : batch;
            *count += step_products(list + *count, u, L, B);
        }
        for (size_t i = first; i < *count; i++)
            *flop += 2.0 * (double)list[i].m * (double)list[i].n * (double)list[i].k;
    }
    return list;
}

/* Runs the list once with nn_gemm (threaded, as a fit calls it) or with OpenBLAS's
 * cblas_dgemm (its own threads, fused multiply-adds), on buffers a and b large
 * enough for any operand, into c. */
static void run_products(const product *list, size_t count, cblas_dgemm_fn dgemm,
                         const double *a, const double *b, double *c)
{
    enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112 };
    for (size_t i = 0; i < count; i++) {
        size_t m = list[i].m, n = list[i].n, k = list[i].k;
        int M = (int)m, N = (int)n, K = (int)k;
        switch (list[i].kind) {
        case FORWARD: /* A: m x k, B: k x n */
            if (dgemm)
                dgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, M, N, K, 1.0, a, K, b, N, 0.0, c, N);
            else
                nn_gemm(m, n, k, a, k, 1, b, n, 1, c, n, false, true);
            break;
        case GRADIENT: /* A stored k x m, read transposed; B: k x n */
            if (dgemm)
                dgemm(ROW_MAJOR, TRANS, NO_TRANS, M, N, K, 1.0, a, M, b, N, 0.0, c, N);
            else
                nn_gemm(m, n, k, a, 1, m, b, n, 1, c, n, false, true);
            break;
        case BACKWARD: /* A: m x k; B stored n x k, read transposed */
            if (dgemm)
                dgemm(ROW_MAJOR, NO_TRANS, TRANS, M, N, K, 1.0, a, K, b, K, 0.0, c, N);
            else
                nn_gemm(m, n, k, a, k, 1, b, 1, k, c, n, false, true);
            break;
        }
    }
}

/* bench products DIGITS_CSV [--openblas LIBRARY] [WORKLOAD...]: for each workload, the seconds its matrix
 * products alone take, the best of a few runs, with our kernel and with OpenBLAS. If
 * OpenBLAS needs longer for the products than a target allows for the whole fit, no
 * kernel of ours could meet that target. */
static bool wanted(const char *name, int argc, char **argv, int first)
{
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return true;
    return first >= argc; /* no names: every workload */
}

/* Whether every operand of the list fits in `size` doubles. */
static bool operands_fit(const product *list, size_t count, size_t size)
{
    for (size_t i = 0; i < count; i++) {
        size_t m = list[i].m, n = list[i].n, k = list[i].k;
        if (m * k > size || k * n > size || m * n > size)
            return false;
    }
    return true;
}

/* The products of workload w, from the shapes of its data: NULL (and a message) when
 * the data cannot be loaded or the list allocated. */
static product *products_of(const workload *w, const char *digits_csv, size_t *count,
                            double *flop)
{
    nn_error err = {0};
    data d = {0};
    nn_labels lb = {0};
    product *list = NULL;
    if (load_data(w, digits_csv, &d, &err) == 0) {
        if (nn_labels_fit(&lb, d.y.data, d.y.rows, 1, &err) == NN_OK)
            list = workload_products(w, d.X->rows, d.X->cols, nn_labels_n_outputs(&lb),
                                     count, flop);
        else
            fail(w->name, &err);
        if (!list && err.code == NN_OK)
            fprintf(stderr, "bench products: %s: out of memory\n", w->name);
        nn_labels_free(&lb);
        data_free(&d);
    }
    return list;
}

static int run_product_floor(int argc, char **argv)
{
    int first = 3, status = 0; /* first: the first workload name */
    cblas_dgemm_fn dgemm = NULL;
    const char *digits_csv = argc >= 3 ? argv[2] : "";
    if (argc >= 5 && strcmp(argv[3], "--openblas") == 0) {
        dgemm = load_dgemm(argv[4]);
        first = 5;
    }
    size_t big = 1u << 20; /* doubles: more than any operand (predict's 1797 x 100) */
    double *a = malloc(big * sizeof *a), *b = malloc(big * sizeof *b);
    double *c = malloc(big * sizeof *c);
    nn_rng rng;
    nn_rng_seed(&rng, 1);
    for (size_t i = 0; a && b && i < big; i++) {
        a[i] = nn_rng_uniform(&rng, -1, 1);
        b[i] = nn_rng_uniform(&rng, -1, 1);
    }
    for (size_t w = 0; a && b && c && w < N_WORKLOADS; w++) {
        size_t count;
        double flop;
        /* lbfgs: its count of function evaluations depends on its line search */
        if (WORKLOADS[w].solver == NN_MLP_LBFGS || !wanted(WORKLOADS[w].name, argc, argv, first))
            continue;
        product *list = products_of(&WORKLOADS[w], digits_csv, &count, &flop);
        if (!list) {
            status = 1;
            continue;
        }
        if (!operands_fit(list, count, big)) {
            fprintf(stderr, "bench products: %s has an operand of more than %zu doubles\n",
                    WORKLOADS[w].name, big);
            free(list);
            status = 1;
            continue;
        }
        double best[2] = {INFINITY, INFINITY};
        for (int round = 0; round < 5; round++)
            for (int side = 0; side < 2; side++) {
                if (side == 1 && !dgemm)
                    continue;
                double start = now();
                run_products(list, count, side ? dgemm : NULL, a, b, c);
                double t = now() - start;
                best[side] = t < best[side] ? t : best[side];
            }
        printf("products workload=%s count=%zu flop=%.6g nn_gemm_seconds=%.6f",
               WORKLOADS[w].name, count, flop, best[0]);
        if (dgemm)
            printf(" openblas_seconds=%.6f", best[1]);
        printf("\n");
        fflush(stdout);
        free(list);
    }
    if (!a || !b || !c) {
        fprintf(stderr, "bench products: out of memory\n");
        status = 1;
    }
    free(a);
    free(b);
    free(c);
    return status;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "kernels") == 0)
        return run_kernels(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "products") == 0)
        return run_product_floor(argc, argv);
    const char *dump_path = NULL;
    long repeat = 1;
    for (int i = 3; i < argc; i += 2) {
        if (i + 1 < argc && strcmp(argv[i], "--dump") == 0)
            dump_path = argv[i + 1];
        else if (i + 1 < argc && strcmp(argv[i], "--repeat") == 0 && atol(argv[i + 1]) > 0)
            repeat = atol(argv[i + 1]);
        else
            argc = 0;
    }
    for (size_t i = 0; argc >= 3 && i < N_WORKLOADS; i++)
        if (strcmp(argv[1], WORKLOADS[i].name) == 0)
            return run_workload(&WORKLOADS[i], argv[2], dump_path, repeat);
    fprintf(stderr, "usage: bench WORKLOAD DIGITS_CSV [--dump FILE] [--repeat N]\n"
                    "       bench kernels [--openblas LIBRARY] [--sizes 16,32,...]\n"
                    "       bench products DIGITS_CSV [--openblas LIBRARY] [WORKLOAD...]\n"
                    "workloads: heart digits-adam digits-sgd digits-lbfgs wide predict\n");
    return 2;
}
