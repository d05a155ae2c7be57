/* scaling.c - chapter 8's --scaling: the Statlog (Heart) table as it was measured
 * (data/heart.dat: years, mm Hg, mg/dl, beats per minute, 0/1 flags), split as the
 * recipe splits it, then trained on three times: unscaled, min-max scaled to [-1, 1],
 * and standardised, each scaler fitted on the training patients only. For each it
 * prints the condition number of chapter 4's bowl for these inputs, the epochs, the
 * loss and the accuracies; figures.c draws the three loss curves. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "experiments.h"

static const char *const SCALINGS[N_SCALINGS] = {"none", "minmax", "standard"};

/* Cyclic Jacobi: plane rotations, each zeroing one off-diagonal entry, until the
 * off-diagonal part is negligible; the diagonal of the symmetric m x m matrix A
 * (overwritten) then holds its eigenvalues. */
static void jacobi_eigenvalues(double *A, size_t m)
{
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0.0, diag = 0.0;
        for (size_t p = 0; p < m; p++) {
            diag += A[p * m + p] * A[p * m + p];
            for (size_t q = p + 1; q < m; q++)
                off += A[p * m + q] * A[p * m + q];
        }
        if (off <= 1e-32 * diag)
            return;
        for (size_t p = 0; p + 1 < m; p++)
            for (size_t q = p + 1; q < m; q++) {
                double apq = A[p * m + q];
                if (apq == 0.0)
                    continue;
                /* the rotation angle that makes A'[p][q] = 0: t = tan(angle) */
                double theta = (A[q * m + q] - A[p * m + p]) / (2.0 * apq);
                double t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1));
                double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (size_t k = 0; k < m; k++) { /* A = A J */
                    double akp = A[k * m + p], akq = A[k * m + q];
                    A[k * m + p] = c * akp - s * akq;
                    A[k * m + q] = s * akp + c * akq;
                }
                for (size_t k = 0; k < m; k++) { /* A = J^T A */
                    double apk = A[p * m + k], aqk = A[q * m + k];
                    A[p * m + k] = c * apk - s * aqk;
                    A[q * m + k] = s * apk + c * aqk;
                }
            }
    }
}

// [condition number]
/* Chapter 4's bowl for these inputs: a linear model y = w.x + b fitted by mean squared
 * error has the Hessian H = (2/n) A^T A with A = [X 1] (n x (d+1)), the same for every
 * w. Its condition number lambda_max / lambda_min (the 2 cancels) says how much steeper
 * the bowl's steepest direction is than its flattest. */
static nn_status condition_number(const nn_matrix *X, double *kappa, nn_error *err)
{
    size_t n = X->rows, d = X->cols, m = d + 1;
    double *H;
    NN_TRY(nn_made(H = nn_alloc(m * m, sizeof *H, "Hessian", err), err));
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double sum = 0.0;
            for (size_t i = 0; i < n; i++)
                sum += (a < d ? X->data[i * d + a] : 1.0) * (b < d ? X->data[i * d + b] : 1.0);
            H[a * m + b] = sum / (double)n;
        }
    jacobi_eigenvalues(H, m);
    double lo = INFINITY, hi = 0.0;
    for (size_t a = 0; a < m; a++) {
        lo = fmin(lo, H[a * m + a]);
        hi = fmax(hi, H[a * m + a]);
    }
    *kappa = hi / lo;
    nn_alloc_free(H);
    return NN_OK;
}
// [end condition number]

// [scalings]
/* Scaling k of both parts, fitted on the training rows: none, MinMaxScaler(
 * feature_range=(-1, 1)) (what svm-scale did to data/heart_scale, there with all 270
 * patients' minimum and maximum), or StandardScaler(). */
static nn_status apply_scaling(size_t k, nn_matrix *X_train, nn_matrix *X_test,
                               nn_error *err)
{
    nn_status status = NN_OK;
    if (k == 1) {
        nn_minmax_scaler mm = {.range_min = -1.0, .range_max = 1.0};
        NN_TRY_CLEANUP(nn_minmax_scaler_fit(&mm, X_train, err));
        NN_TRY_CLEANUP(nn_minmax_scaler_transform(&mm, X_train, X_train, err));
        NN_TRY_CLEANUP(nn_minmax_scaler_transform(&mm, X_test, X_test, err));
    cleanup:
        nn_minmax_scaler_free(&mm);
    } else if (k == 2) {
        nn_standard_scaler st = {0};
        status = nn_standard_scaler_fit(&st, X_train, err);
        if (status == NN_OK)
            status = nn_standard_scaler_transform(&st, X_train, X_train, err);
        if (status == NN_OK)
            status = nn_standard_scaler_transform(&st, X_test, X_test, err);
        nn_standard_scaler_free(&st);
    }
    return status;
}
// [end scalings]

/* One scaling: scale, measure the bowl, train, score. */
static nn_status scale_and_train(const nn_dataset *ds, const nn_train_test *s,
                                 const nn_mlp_params *params, size_t k, scaling_run *r,
                                 nn_error *err)
{
    nn_status status = NN_OK;
    size_t n = ds->X->rows, n_curve;
    nn_matrix *X_train = NULL, *X_test = NULL;
    double *y_train = NULL, *y_test = NULL;
    nn_mlp *clf = NULL;
    r->name = SCALINGS[k];
    NN_TRY_CLEANUP(nn_made(X_train = nn_data_take_rows(ds->X, s->train, s->n_train, err), err));
    NN_TRY_CLEANUP(nn_made(X_test = nn_data_take_rows(ds->X, s->test, s->n_test, err), err));
    NN_TRY_CLEANUP(nn_made(y_train = nn_data_take(ds->y, n, s->train, s->n_train, err), err));
    NN_TRY_CLEANUP(nn_made(y_test = nn_data_take(ds->y, n, s->test, s->n_test, err), err));
    NN_TRY_CLEANUP(apply_scaling(k, X_train, X_test, err));
    NN_TRY_CLEANUP(condition_number(X_train, &r->condition, err));
    nn_matrix Y_train = {s->n_train, 1, y_train}, Y_test = {s->n_test, 1, y_test};
    NN_TRY_CLEANUP(nn_made(clf = nn_mlp_new(NN_MLP_CLASSIFIER, params, err), err));
    NN_TRY_CLEANUP(nn_mlp_fit(clf, X_train, &Y_train, err));
    NN_TRY_CLEANUP(nn_mlp_score(clf, X_train, &Y_train, &r->train_accuracy, err));
    NN_TRY_CLEANUP(nn_mlp_score(clf, X_test, &Y_test, &r->accuracy, err));
    r->n_iter = nn_mlp_n_iter(clf);
    r->loss = nn_mlp_loss(clf);
    const double *curve = nn_mlp_loss_curve(clf, &n_curve);
    NN_TRY_CLEANUP(nn_made(r->curve = nn_alloc(n_curve ? n_curve : 1, sizeof *curve,
                                               "loss curve", err), err));
    memcpy(r->curve, curve, n_curve * sizeof *curve);
    r->n_curve = n_curve;
cleanup:
    nn_mlp_free(clf);
    nn_alloc_free(y_test);
    nn_alloc_free(y_train);
    nn_matrix_free(X_test);
    nn_matrix_free(X_train);
    return status;
}

static void print_scaling(const scaling *sc)
{
    printf("  scaling    condition number   epochs   first loss   final loss   training   "
           "test\n");
    for (size_t k = 0; k < N_SCALINGS; k++) {
        const scaling_run *r = &sc->run[k];
        printf("  %-8s   %16.4g   %6ld   %10.4f   %10.4f   %8.3f   %.3f\n", r->name,
               r->condition, r->n_iter, r->n_curve ? r->curve[0] : NAN, r->loss,
               r->train_accuracy, r->accuracy);
    }
}

nn_status run_scaling(const nn_mlp_params *params, uint32_t seed, double test_size,
                      scaling *sc, nn_error *err)
{
    nn_csv_options csv = nn_csv_defaults();
    csv.delimiter = ' '; /* heart.dat: 13 attributes and the class (1 or 2), no header */
    csv.header = 0;
    nn_dataset *ds;
    NN_TRY(nn_made(ds = nn_data_load_csv(RAW_DATA, &csv, err), err));
    /* The recipe's split: the same patients as in the held-out test above. */
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    nn_train_test_options split_options = {.test_size = test_size, .stratify = ds->y,
                                           .rng = &rng};
    nn_train_test s = {0};
    nn_mlp_params p = *params;
    p.random_state = seed;
    nn_status status = nn_train_test_split(ds->X->rows, &split_options, &s, err);
    for (size_t k = 0; k < N_SCALINGS && status == NN_OK; k++)
        status = scale_and_train(ds, &s, &p, k, &sc->run[k], err);
    if (status == NN_OK) {
        sc->n_train = s.n_train;
        sc->n_test = s.n_test;
        printf("\nScaling: %s, the table as measured (%zu patients), the same split; the "
               "network above\ntrained on it unscaled, min-max scaled to [-1, 1] and "
               "standardised (each scaler fitted\non the %zu training patients):\n",
               RAW_DATA, ds->X->rows, s.n_train);
        print_scaling(sc);
        sc->done = true;
    }
    nn_train_test_free(&s);
    nn_dataset_free(ds);
    return status;
}

void scaling_free(scaling *sc)
{
    for (size_t k = 0; k < N_SCALINGS; k++)
        nn_alloc_free(sc->run[k].curve);
    memset(sc, 0, sizeof *sc);
}
