/* vanishing.c - chapter 5's second experiment: why the gradient fades on its way back
 * through a deep sigmoid network, measured layer by layer against tanh and relu.
 *
 * The network is main.c's, made deep: the 2 inputs of XOR, `depth` hidden layers of
 * `width` neurons each, and one logistic output neuron. Backpropagation is main.c's two
 * steps (a layer's weight gradient from its input and its delta, then the delta of the
 * layer below), repeated in a loop from the last layer to the first. The network starts
 * as scikit-learn's MLPClassifier starts (Glorot's uniform initialisation), is not
 * trained, and the program reports how large the gradient of each layer's weights is:
 * its Frobenius norm. tests/fixtures/vanishing.h holds scikit-learn's own numbers.
 *
 *     build/bin/05-backpropagation --part vanishing [--depth N] [--width N] [--seed N]
 *
 * Shapes in the comments: N samples (the 4 of XOR), u_l units in layer l (u_0 = 2
 * inputs, u_1 .. u_depth = width, u_{depth+1} = 1 output), K = depth + 1 weight layers.
 * Weight layer l (0 <= l < K) turns A_l (N x u_l) into A_{l+1} (N x u_{l+1}).
 */
#include <math.h>
#include <stdio.h>

#include "figures.h"
#include "report.h"
#include "vanishing.h"

const nn_activation VANISHING_ACTIVATIONS[N_ACTIVATIONS] = {NN_LOGISTIC, NN_TANH, NN_RELU};

// [deep network]
/* A network of K weight layers, what a pass computes, and the weights' gradient. */
typedef struct deep_network {
    size_t K;                     /* weight layers: hidden layers + 1 */
    nn_activation f;              /* the hidden layers' activation */
    nn_matrix *W[MAX_DEPTH + 1];  /* W_l: u_l x u_{l+1}  the weights of layer l */
    nn_matrix *b[MAX_DEPTH + 1];  /* b_l: 1 x u_{l+1}    its biases */
    nn_matrix *A[MAX_DEPTH + 2];  /* A_l: N x u_l        A_0 = X, A_K the output */
    nn_matrix *D[MAX_DEPTH + 1];  /* D_l: N x u_{l+1}    dL/dZ of layer l's sums */
    nn_matrix *dW[MAX_DEPTH + 1]; /* dW_l: u_l x u_{l+1} dL/dW_l */
} deep_network;
// [end deep network]

// [glorot]
/* scikit-learn's start (Glorot and Bengio's uniform initialisation): layer by layer, the
 * weights and then the biases, uniform on [-r, r) with r = sqrt(factor / (u_l + u_{l+1})).
 * The factor is 6, or 2 for every layer when the hidden activation is logistic: that is
 * scikit-learn's choice. numpy, with rng = np.random.RandomState(seed), for each l:
 *     W_l = rng.uniform(-r, r, (u_l, u_{l+1}));  b_l = rng.uniform(-r, r, u_{l+1})   */
static void deep_init(deep_network *net, uint32_t seed)
{
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    double factor = net->f == NN_LOGISTIC ? 2.0 : 6.0;
    for (size_t l = 0; l < net->K; l++) {
        size_t fan_in = net->W[l]->rows, fan_out = net->W[l]->cols;
        double r = sqrt(factor / (double)(fan_in + fan_out));
        for (size_t i = 0; i < fan_in * fan_out; i++)
            net->W[l]->data[i] = nn_rng_uniform(&rng, -r, r);
        for (size_t j = 0; j < fan_out; j++)
            net->b[l]->data[j] = nn_rng_uniform(&rng, -r, r);
    }
}
// [end glorot]

// [deep forward]
/* Forward: A_{l+1} = f(A_l W_l + b_l) for l = 0, 1, ..., K-1, where f is the hidden
 * activation, and the logistic sigmoid for the output layer. */
static nn_status deep_forward(deep_network *net, nn_error *err)
{
    for (size_t l = 0; l < net->K; l++) {
        nn_matrix *Z = net->A[l + 1]; /* N x u_{l+1}: the sums, then A_{l+1} in place */
        NN_TRY(nn_matrix_matmul(Z, net->A[l], NN_NO_TRANS, net->W[l], NN_NO_TRANS, err));
        NN_TRY(nn_matrix_add_row(Z, Z, net->b[l], err));
        nn_activation f = l + 1 < net->K ? net->f : NN_LOGISTIC;
        NN_TRY(nn_activation_apply(f, Z->data, Z->rows, Z->cols, err));
    }
    return NN_OK;
}
// [end deep forward]

// [deep backward]
/* Backpropagation through all K layers, in scikit-learn's order: the output delta, then
 * from the last layer to the first, the layer's weight gradient and the delta below. */
static nn_status deep_backward(deep_network *net, const nn_matrix *Y, nn_error *err)
{
    size_t K = net->K;
    double N = (double)Y->rows;
    /* Output delta  D_{K-1} = A_K - Y   (N x 1): the log-loss's slope cancels the
     * output sigmoid's (the last section of this chapter), as in scikit-learn */
    NN_TRY(nn_matrix_sub(net->D[K - 1], net->A[K], Y, err));
    for (size_t l = K; l-- > 0;) { /* l = K-1, ..., 1, 0 */
        /* Layer l's weights  dW_l = A_l^T D_l / N   (u_l x N)(N x u_{l+1})
         * (N = 4: times 1/4 is exact, the same bits as scikit-learn's / N) */
        NN_TRY(nn_matrix_matmul(net->dW[l], net->A[l], NN_TRANS, net->D[l], NN_NO_TRANS,
                                err));
        NN_TRY(nn_matrix_scale(net->dW[l], net->dW[l], 1.0 / N, err));
        if (l == 0)
            break; /* the inputs need no delta */
        /* The delta below  D_{l-1} = (D_l W_l^T) * f'   (N x u_{l+1})(u_{l+1} x u_l), with
         * f' the slopes of the units whose outputs are A_l, written with A_l (chapter 2) */
        nn_matrix *below = net->D[l - 1];
        NN_TRY(nn_matrix_matmul(below, net->D[l], NN_NO_TRANS, net->W[l], NN_TRANS, err));
        NN_TRY(nn_activation_derivative(net->f, net->A[l]->data, below->data, below->rows,
                                        below->cols, err));
    }
    return NN_OK;
}
// [end deep backward]

// [gradient norm]
/* ||M|| = sqrt(sum_ij M[i, j]^2), the Frobenius norm: the length of the matrix read as
 * one long vector. The squares are added in memory order (row by row, left to right) in
 * one running sum: the order of np.linalg.norm with the reference BLAS behind Debian's
 * numpy, whose bits it therefore gives. */
static double frobenius_norm(const nn_matrix *M)
{
    double sum = 0.0;
    for (size_t i = 0; i < M->rows * M->cols; i++)
        sum += M->data[i] * M->data[i];
    return sqrt(sum);
}
// [end gradient norm]

/* units u_l of layer l: 2 inputs, width hidden neurons, 1 output */
static size_t units(const vanishing_settings *s, size_t l)
{
    return l == 0 ? 2 : l == (size_t)s->depth + 1 ? 1 : (size_t)s->width;
}

/* Every matrix of a deep network in one group, A_0 a copy of X. NULL on failure. */
static nn_matrix_group *deep_new(deep_network *net, const vanishing_settings *s,
                                 const nn_matrix *X, nn_error *err)
{
    size_t K = (size_t)s->depth + 1, N = X->rows, n = 0;
    nn_matrix_spec specs[5 * (MAX_DEPTH + 1) + 1];
    specs[n++] = (nn_matrix_spec){&net->A[0], N, 2, X->data};
    for (size_t l = 0; l < K; l++) {
        size_t in = units(s, l), out = units(s, l + 1);
        specs[n++] = (nn_matrix_spec){&net->W[l], in, out, NULL};
        specs[n++] = (nn_matrix_spec){&net->b[l], 1, out, NULL};
        specs[n++] = (nn_matrix_spec){&net->A[l + 1], N, out, NULL};
        specs[n++] = (nn_matrix_spec){&net->D[l], N, out, NULL};
        specs[n++] = (nn_matrix_spec){&net->dW[l], in, out, NULL};
    }
    net->K = K;
    return nn_matrix_group_new(specs, n, err);
}

// [measure]
/* For each activation: a new network, started from the same seed, one forward and one
 * backward pass, and the norm of every layer's weight gradient. */
static nn_status measure(const vanishing_settings *s, const nn_matrix *X,
                         const nn_matrix *Y, vanishing_result *res, nn_error *err)
{
    for (size_t a = 0; a < N_ACTIVATIONS; a++) {
        deep_network net = {.f = VANISHING_ACTIVATIONS[a]};
        nn_matrix_group *group = deep_new(&net, s, X, err);
        NN_TRY(nn_made(group, err));
        deep_init(&net, s->seed);
        nn_status status = deep_forward(&net, err);
        if (status == NN_OK)
            status = deep_backward(&net, Y, err);
        for (size_t l = 0; status == NN_OK && l < net.K; l++)
            res->norm[a][l] = frobenius_norm(net.dW[l]);
        nn_matrix_group_free(group);
        NN_TRY(status);
    }
    return NN_OK;
}
// [end measure]

nn_status vanishing(const vanishing_settings *s, const nn_matrix *X, const nn_matrix *Y,
                    nn_error *err)
{
    vanishing_result res = {.s = s};
    NN_TRY(measure(s, X, Y, &res, err));
    print_vanishing(&res);
    fflush(stdout); /* the text first, then a figure drawn on the terminal */
    return draw_vanishing((nn_plot_mode)s->plot, s->out, &res, err);
}
