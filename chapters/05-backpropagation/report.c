/* report.c - the text chapter 5's program prints around its numbers: the data and the
 * starting parameters, the gradient check's table and verdict, and the trained
 * network's answers. main.c computes every number; this file only lays them out.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>

#include "report.h"

static const char *PARAMETER_NAMES[4] = {"W1", "b1", "W2", "b2"};

/* "W1[0,3]": element i of parameter k, which has cols columns. */
static void element_name(char name[64], size_t k, size_t i, size_t cols)
{
    snprintf(name, 64, "%s[%zu,%zu]", PARAMETER_NAMES[k], i / cols, i % cols);
}

/* W1, b1, W2 and b2 as numpy prints them, with their shapes. */
static void print_parameters(const nn_matrix *const params[4])
{
    for (size_t k = 0; k < 4; k++) {
        printf("%s (%zu x %zu) = ", PARAMETER_NAMES[k], params[k]->rows, params[k]->cols);
        nn_matrix_print(stdout, params[k]);
    }
}

void print_start(long hidden, uint32_t seed, const nn_matrix *X, const nn_matrix *Y,
                 const nn_matrix *const params[4])
{
    printf("A 2-%ld-1 sigmoid network learns XOR (seed %lu)\n\n", hidden,
           (unsigned long)seed);
    printf("The data: N = 4 samples, one per row\n");
    printf("  X (4 x 2)   Y (4 x 1)\n");
    for (size_t n = 0; n < X->rows; n++)
        printf("    %.0f  %.0f        %.0f\n", nn_matrix_get(X, n, 0), nn_matrix_get(X, n, 1),
               nn_matrix_get(Y, n, 0));
    printf("\nThe starting parameters, uniform on [-1, 1) from seed %lu:\n",
           (unsigned long)seed);
    print_parameters(params);
    printf("\n");
}

void print_check_header(double L, double h)
{
    printf("Gradient check at the starting parameters, L = %.10g\n", L);
    printf("every dL/dp from backpropagation against finite differences: the central\n"
           "difference D(h) = (L(p + h) - L(p - h)) / 2h, extrapolated to\n"
           "D(h) + (D(h) - D(2h)) / 3, with h = %g max(1, |p|)\n\n", h);
    printf("  %-9s %17s %20s %16s\n", "parameter", "backpropagation", "finite differences",
           "relative error");
}

void print_check_row(size_t k, size_t i, size_t cols, double analytic, double numeric,
                     double rel)
{
    char name[64]; /* room for two 20-digit indices */
    element_name(name, k, i, cols);
    printf("  %-9s %17.10e %20.10e %16.1e\n", name, analytic, numeric, rel);
}

void print_check_verdict(size_t k, size_t cols, const nn_gradcheck_result *worst,
                         double L, double h, double tolerance)
{
    char where[64];
    element_name(where, k, worst->worst, cols);
    /* Rounding alone makes each loss uncertain by a few eps |L|, and the difference
     * quotient divides that by about 2h: a floor below which no check can see. */
    double difference = fabs(worst->worst_analytic - worst->worst_numeric);
    double noise = DBL_EPSILON * fabs(L) / h;
    printf("\nworst relative error: %.1e at %s\n", worst->worst_error, where);
    if (worst->worst_error <= tolerance)
        printf("below %g: backpropagation agrees with finite differences\n\n", tolerance);
    else if (difference <= 100.0 * noise)
        printf("above %g, but there |dL/dp| is only %.1e: the difference %.1e is within\n"
               "the rounding error of the finite differences (eps |L| / h = %.1e)\n\n",
               tolerance, fabs(worst->worst_analytic), difference, noise);
    else
        printf("above %g: the difference %.1e is far above the rounding error of the\n"
               "finite differences (eps |L| / h = %.1e); look for a bug in the backward "
               "pass\n\n", tolerance, difference, noise);
}

void print_answers(const nn_matrix *X, const nn_matrix *Y, const nn_matrix *A2,
                   const nn_matrix *const params[4])
{
    printf("After training, the predictions A2 (%zu x 1):\n", A2->rows);
    nn_matrix_print(stdout, A2);
    printf("\n  x1 x2 | target | output | class (output > 0.5)\n");
    size_t right = 0;
    for (size_t n = 0; n < X->rows; n++) {
        double a = nn_matrix_get(A2, n, 0), y = nn_matrix_get(Y, n, 0);
        int cls = nn_threshold_class(a, 0.5);
        right += cls == (int)y;
        printf("   %.0f  %.0f |    %.0f   | %.4f | %d%s\n", nn_matrix_get(X, n, 0),
               nn_matrix_get(X, n, 1), y, a, cls, cls == (int)y ? "" : "  (wrong)");
    }
    printf("%zu of %zu right\n", right, X->rows);
    printf("\nThe trained parameters:\n");
    print_parameters(params);
}

/* ---- The vanishing-gradient experiment (vanishing.c) ------------------------------ */

/* The table of norms, a row per weight layer and a column per activation. */
static void print_norm_table(const vanishing_result *r)
{
    size_t K = (size_t)r->s->depth + 1;
    printf("  layer ");
    for (size_t a = 0; a < N_ACTIVATIONS; a++)
        printf("%13s", nn_activation_name(VANISHING_ACTIVATIONS[a]));
    printf("\n");
    for (size_t l = 0; l < K; l++) {
        char name[32];
        snprintf(name, sizeof name, "W_%zu", l);
        printf("  %-6s", name);
        for (size_t a = 0; a < N_ACTIVATIONS; a++)
            printf("%13.3e", r->norm[a][l]);
        printf("%s\n", l == 0       ? "   (next to the input)"
                       : l + 1 == K ? "   (the output)"
                                    : "");
    }
}

void print_vanishing(const vanishing_result *r)
{
    const vanishing_settings *s = r->s;
    size_t K = (size_t)s->depth + 1;
    printf("Vanishing gradients: 2 inputs, %ld hidden layers of %ld neurons, 1 logistic "
           "output\n", s->depth, s->width);
    printf("each network started as scikit-learn's MLPClassifier starts it (seed %lu):\n"
           "every weight and bias uniform on [-r, r), r = sqrt(factor / (fan_in + "
           "fan_out)),\nfactor 2 for logistic units, 6 for tanh and relu\n\n",
           (unsigned long)s->seed);
    printf("||dL/dW_l||, the size of each layer's weight gradient at the start (the "
           "log-loss\non the 4 XOR samples), from the first layer W_0 to the last "
           "W_%zu:\n\n", K - 1);
    print_norm_table(r);
    printf("\nfrom W_%zu back to W_0 the norm changes by a factor of\n        ", K - 1);
    for (size_t a = 0; a < N_ACTIVATIONS; a++)
        printf("%13.1e", r->norm[a][0] / r->norm[a][K - 1]);
    printf("\nthat is, on average, per layer\n        ");
    for (size_t a = 0; a < N_ACTIVATIONS; a++)
        printf("%13.3f", pow(r->norm[a][0] / r->norm[a][K - 1], 1.0 / (double)(K - 1)));
    printf("\n");
    if (!s->hex)
        return;
    printf("\nthe same as float.hex() (--hex):\n");
    for (size_t a = 0; a < N_ACTIVATIONS; a++)
        for (size_t l = 0; l < K; l++)
            printf("%-9s W_%-3zu %.13a\n", nn_activation_name(VANISHING_ACTIVATIONS[a]), l,
                   r->norm[a][l]);
}
