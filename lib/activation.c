/* activation.c - the activation functions of chapter 2 and their derivatives.
 *
 * The file follows the chapter: the logistic sigmoid and why its textbook formula needs
 * care at the extremes; its derivative, written in terms of its output; the threshold
 * that turns a probability into a class; tanh and relu beside it; softmax for many
 * classes; and finally the in-place array versions a network layer calls, with
 * scikit-learn's names.
 *
 * Wherever scikit-learn computes the same thing, the arithmetic here is done in the
 * same order, so that the results are the same doubles and not just close ones.
 */
#include "activation.h"
#include "activation_slopes.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* ---- The logistic sigmoid -------------------------------------------------------- */

/* Below this input the textbook formula is no longer safe: e^-x > e^708 is close to
 * DBL_MAX (about e^709.78), and past that it overflows to inf. */
#define SIGMOID_NAIVE_MIN (-708.0)

// [sigmoid]
double nn_sigmoid(double x)
{
    /* For x >= -708, e^-x <= e^708 < DBL_MAX: the textbook formula cannot
     * overflow, it is accurate to about 2 ulps, and it is exactly what scipy's
     * expit (scikit-learn's "logistic") computes: the same bits as Python. */
    if (x >= SIGMOID_NAIVE_MIN)
        return 1.0 / (1.0 + exp(-x));
    /* Below -708, e^-x would overflow to inf: the formula would return 0 and
     * raise the overflow flag, though the true value (about e^x) is a double
     * down to -745. Multiplying top and bottom by e^x gives a form whose
     * exponential can only underflow. NaN lands here too (comparisons with NaN
     * are false), and exp(NaN) is NaN: NaN in, NaN out. */
    double e = exp(x);
    return e / (1.0 + e);
}
// [end sigmoid]

// [sigmoid derivative]
double nn_sigmoid_derivative_from_output(double y)
{
    /* Backpropagation has y = sigma(x) from the forward pass: no exp.
     * (+ 0.0 only turns a -0.0, from y = -0.0, into +0.0.) */
    return y * (1.0 - y) + 0.0;
}

double nn_sigmoid_derivative(double x)
{
    /* 1 - sigma(x) = sigma(-x). For x > 36.7, sigma(x) rounds to 1 and
     * 1 - sigma(x) to 0, losing the whole answer; sigma(-x) keeps it. */
    return nn_sigmoid(x) * nn_sigmoid(-x);
}
// [end sigmoid derivative]

// [threshold]
int nn_threshold_class(double p, double threshold)
{
    /* Strictly greater, as scikit-learn's LabelBinarizer decides a binary
     * class: p = 0.5 is class 0. NaN fails the comparison: class 0 too. */
    return p > threshold ? 1 : 0;
}
// [end threshold]

/* ---- tanh and relu --------------------------------------------------------------- */

// [tanh and relu]
double nn_tanh_derivative_from_output(double y)
{
    /* 1 - y^2 as (1 - y)(1 + y): for |y| near 1, y * y rounds first and the
     * subtraction magnifies that rounding (hundreds of ulps); here 1 - y is
     * exact for y >= 0.5 and the result is good to about 1 ulp. Never -0.0. */
    return (1.0 - y) * (1.0 + y);
}

double nn_relu(double x)
{
    /* -0.0 and every negative give +0.0 (fmax(-0.0, 0.0) may return either
     * zero), and NaN stays NaN instead of silently becoming 0. */
    if (x > 0.0)
        return x;
    return isnan(x) ? x : 0.0;
}

double nn_relu_derivative_from_output(double y)
{
    /* relu has no slope at its corner 0; scikit-learn takes 0 there. */
    if (isnan(y))
        return y;
    return y > 0.0 ? 1.0 : 0.0;
}
// [end tanh and relu]

/* ---- Softmax ------------------------------------------------------------------- */

/* numpy adds up X.sum(axis=1) by pairwise summation: fewer than 8 numbers one by one,
 * up to 128 in 8 interleaved partial sums, more by splitting in two halves (each a
 * multiple of 8 long). Adding in the same order gives the same rounding, so our
 * softmax divides by the same sum as scikit-learn's. */
static double pairwise_sum(const double *a, size_t n)
{
    if (n < 8) {
        double s = 0.0;
        for (size_t i = 0; i < n; i++)
            s += a[i];
        return s;
    }
    if (n <= 128) {
        double r[8];
        size_t i;
        for (i = 0; i < 8; i++)
            r[i] = a[i];
        for (i = 8; i < n - n % 8; i += 8)
            for (size_t k = 0; k < 8; k++)
                r[k] += a[i + k];
        double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            s += a[i];
        return s;
    }
    size_t half = n / 2;
    half -= half % 8;
    return pairwise_sum(a, half) + pairwise_sum(a + half, n - half);
}

// [softmax]
static void softmax_row(double *x, size_t n)
{
    if (n == 0)
        return;
    /* The largest entry. A NaN makes the whole row NaN, as in numpy. */
    double max = -INFINITY;
    for (size_t j = 0; j < n; j++) {
        if (isnan(x[j])) {
            for (size_t k = 0; k < n; k++)
                x[k] = NAN;
            return;
        }
        if (x[j] > max)
            max = x[j];
    }
    if (isinf(max)) {
        /* +inf somewhere, or every entry -inf: x - max would be inf - inf =
         * NaN. As those entries grow equally, softmax tends to sharing the
         * probability among the entries equal to max, the others getting 0. */
        size_t ties = 0;
        for (size_t j = 0; j < n; j++)
            ties += x[j] == max;
        for (size_t j = 0; j < n; j++)
            x[j] = x[j] == max ? 1.0 / (double)ties : 0.0;
        return;
    }
    /* softmax(x) = softmax(x - c) for any c. With c = max every exponent is
     * <= 0, so e^(x_j - max) lies in [0, 1]: no overflow. The largest term is
     * exactly 1, so the sum is at least 1 and the division is always safe. */
    for (size_t j = 0; j < n; j++)
        x[j] = exp(x[j] - max);
    double sum = pairwise_sum(x, n);
    for (size_t j = 0; j < n; j++)
        x[j] /= sum;
}
// [end softmax]

/* ---- Whole arrays: what a layer of a network calls ------------------------------ */

static nn_status check_size(size_t rows, size_t cols, const void *p, size_t *count,
                            nn_error *err)
{
    if (cols != 0 && rows > SIZE_MAX / cols)
        return nn_error_set(err, NN_ERR_ARG, "activation: %zu x %zu elements overflow size_t",
                            rows, cols);
    *count = rows * cols;
    if (*count > 0 && !p)
        return nn_error_set(err, NN_ERR_ARG, "activation: NULL array for %zu x %zu elements",
                            rows, cols);
    return NN_OK;
}

nn_status nn_activation_apply(nn_activation a, double *x, size_t rows, size_t cols,
                              nn_error *err)
{
    size_t n = 0;
    if (check_size(rows, cols, x, &n, err) != NN_OK)
        return NN_ERR_ARG;
    switch (a) {
    case NN_IDENTITY:
        return NN_OK;
    case NN_LOGISTIC:
        for (size_t i = 0; i < n; i++)
            x[i] = nn_sigmoid(x[i]);
        return NN_OK;
    case NN_TANH:
        for (size_t i = 0; i < n; i++)
            x[i] = tanh(x[i]);
        return NN_OK;
    case NN_RELU:
        /* nn_relu, written without a branch so the compiler can do a vector of
         * elements at once: keep x where x > 0 or x is NaN, else +0.0. */
        for (size_t i = 0; i < n; i++) {
            double v = x[i];
            x[i] = v > 0.0 || v != v ? v : 0.0;
        }
        return NN_OK;
    case NN_SOFTMAX:
        for (size_t r = 0; r < rows; r++)
            softmax_row(x + r * cols, cols);
        return NN_OK;
    }
    return nn_error_set(err, NN_ERR_ARG, "unknown activation %d", (int)a);
}

nn_status nn_activation_derivative(nn_activation a, const double *z, double *delta,
                                   size_t rows, size_t cols, nn_error *err)
{
    size_t n = 0;
    if (check_size(rows, cols, z, &n, err) != NN_OK ||
        check_size(rows, cols, delta, &n, err) != NN_OK)
        return NN_ERR_ARG;
    /* The slopes of activation_slopes.h, element by element. */
    switch (a) {
    case NN_IDENTITY:
        return NN_OK;
    case NN_LOGISTIC:
        for (size_t i = 0; i < n; i++)
            delta[i] = nn_logistic_delta(delta[i], z[i]);
        return NN_OK;
    case NN_TANH:
        for (size_t i = 0; i < n; i++)
            delta[i] = nn_tanh_delta(delta[i], z[i]);
        return NN_OK;
    case NN_RELU:
        for (size_t i = 0; i < n; i++)
            delta[i] = nn_relu_delta(delta[i], z[i]);
        return NN_OK;
    case NN_SOFTMAX:
        return nn_error_set(err, NN_ERR_ARG,
                            "softmax has no element-wise derivative: each output "
                            "depends on the whole row (with the log-loss the "
                            "output error is y_prob - y)");
    }
    return nn_error_set(err, NN_ERR_ARG, "unknown activation %d", (int)a);
}

/* ---- Names ----------------------------------------------------------------------- */

static const char *const NAMES[NN_ACTIVATION_COUNT] = {"identity", "logistic", "tanh",
                                                       "relu", "softmax"};

const char *nn_activation_name(nn_activation a)
{
    return (unsigned)a < NN_ACTIVATION_COUNT ? NAMES[a] : "unknown";
}

nn_status nn_activation_parse(const char *name, nn_activation *out, nn_error *err)
{
    if (name)
        for (int i = 0; i < NN_ACTIVATION_COUNT; i++)
            if (strcmp(name, NAMES[i]) == 0) {
                *out = (nn_activation)i;
                return NN_OK;
            }
    /* "sigmoid" is what most people type; scikit-learn (and we) call it logistic. */
    const char *note = name && strcmp(name, "sigmoid") == 0
                           ? " (the sigmoid is called 'logistic')" : "";
    return nn_error_set(err, NN_ERR_ARG,
                        "unknown activation '%s'%s: expected one of identity, logistic, "
                        "tanh, relu, softmax", name ? name : "(null)", note);
}
