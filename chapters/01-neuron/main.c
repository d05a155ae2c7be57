/* 01-neuron - one artificial neuron, by hand and by learning.
 *
 * Part 1 wires logic gates from a single neuron with weights chosen by hand.
 * Part 2 lets the perceptron rule find the weights from the truth table, for AND, OR
 * and XOR, and shows that XOR is out of reach: no straight line separates its points.
 * The figures draw each learned boundary over the four input points, and the boundary
 * after every epoch; their code is in figures.c, beside this file.
 *
 *     build/bin/01-neuron [--learning-rate X] [--epochs N] [--seed N] [--plot MODE] [--out DIR]
 */
#include <stdio.h>

#include "figures.h"
#include "nn.h"

/* The four corners of the unit square: every input a two-input gate can see. */
static const double CORNERS[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

typedef struct gate {
    const char *name;
    double targets[4]; /* the truth table, in the order of CORNERS */
} gate;

static const gate GATES[] = {
    {"AND", {0, 0, 0, 1}},
    {"OR", {0, 1, 1, 1}},
    {"XOR", {0, 1, 1, 0}},
};
#define N_GATES NN_COUNT(GATES)

/* Part 1: a truth table of a neuron whose weights we chose. */
static void print_truth_table(const char *name, const nn_neuron *neuron)
{
    printf("%s: w = (", name);
    for (size_t i = 0; i < neuron->n_inputs; i++)
        printf(i ? ", %g" : "%g", neuron->weights[i]);
    printf("), b = %g\n", neuron->bias);
    if (neuron->n_inputs == 1) {
        printf("   x |    z | y\n");
        for (int x = 0; x <= 1; x++) {
            double in = x;
            printf("   %d | %4.1f | %.0f\n", x, nn_neuron_sum(neuron, &in),
                   nn_neuron_predict(neuron, &in));
        }
    } else {
        printf("  x1 x2 |    z | y\n");
        for (int k = 0; k < 4; k++)
            printf("   %.0f  %.0f | %4.1f | %.0f\n", CORNERS[k][0], CORNERS[k][1],
                   nn_neuron_sum(neuron, CORNERS[k]), nn_neuron_predict(neuron, CORNERS[k]));
    }
    printf("\n");
}

static void hand_picked_gates(void)
{
    printf("Part 1: logic gates from one neuron, weights picked by hand\n\n");
    // [hand-picked gates]
    double and_w[] = {1, 1}, or_w[] = {1, 1}, not_w[] = {-1};
    nn_neuron and_gate = {2, and_w, -1.5}; /* fires only when x1 + x2 >= 1.5 */
    nn_neuron or_gate = {2, or_w, -0.5};   /* fires when x1 + x2 >= 0.5 */
    nn_neuron not_gate = {1, not_w, 0.5};  /* fires when -x >= -0.5, i.e. x = 0 */
    // [end hand-picked gates]
    print_truth_table("AND", &and_gate);
    print_truth_table("OR", &or_gate);
    print_truth_table("NOT", &not_gate);
}

/* Part 2: the perceptron rule, epoch by epoch, until an epoch without mistakes.
 * The result (figures.h) keeps the weights, the epochs and the last mistakes. */
static result learn_gate(const gate *g, nn_rng *rng, double eta, long max_epochs)
{
    result r = {.name = g->name, .targets = g->targets};
    // [learn a gate]
    nn_neuron neuron = {2, r.weights, 0.0};
    r.weights[0] = nn_rng_uniform(rng, -1.0, 1.0); /* small random start */
    r.weights[1] = nn_rng_uniform(rng, -1.0, 1.0);
    neuron.bias = nn_rng_uniform(rng, -1.0, 1.0);
    printf("%s\n  epoch  mistakes        w1        w2         b\n", g->name);
    printf("  %5d  %8s %9.4f %9.4f %9.4f\n", 0, "-", r.weights[0], r.weights[1], neuron.bias);
    keep_epoch(&r, neuron.bias); /* the line after each epoch, for the figure */
    r.mistakes = 4;
    for (r.epochs = 0; r.epochs < max_epochs && r.mistakes > 0;) {
        r.mistakes = nn_neuron_epoch(&neuron, &CORNERS[0][0], g->targets, 4, eta);
        r.epochs++;
        printf("  %5ld  %8zu %9.4f %9.4f %9.4f\n", r.epochs, r.mistakes, r.weights[0],
               r.weights[1], neuron.bias);
        keep_epoch(&r, neuron.bias);
    }
    // [end learn a gate]
    r.bias = neuron.bias;
    if (r.mistakes == 0)
        printf("  learned %s in %ld epochs: the last epoch made no mistakes\n\n", g->name,
               r.epochs - 1);
    else
        printf("  %s not learned: %zu mistakes in epoch %ld; no straight line separates "
               "its 1s from its 0s\n\n", g->name, r.mistakes, r.epochs);
    return r;
}

int main(int argc, char **argv)
{
    double eta = 0.1;
    long epochs = 20;
    uint32_t seed = 1;
    int plot_mode = NN_PLOT_AUTO;
    const char *out = "figures";
    nn_flag flags[] = {
        NN_FLAG_REAL("learning-rate", &eta, "perceptron step size eta", 1e-6, 100),
        NN_FLAG_INT("epochs", &epochs, "most passes over the truth table", 1, 100000),
        NN_FLAG_SEED("seed", &seed, "seed for the random starting weights"),
        NN_PLOT_FLAGS(&plot_mode, &out),
    };
    int exit_status = nn_flags_main(argc, argv, flags, NN_COUNT(flags), "01-neuron",
                                    "One neuron: logic gates and the perceptron rule.",
                                    stdout, stderr);
    if (exit_status >= 0)
        return exit_status;

    hand_picked_gates();

    printf("Part 2: the perceptron rule (learning rate %g, seed %lu, at most %ld epochs)\n\n",
           eta, (unsigned long)seed, epochs);
    nn_rng rng;
    nn_rng_seed(&rng, seed);
    result results[N_GATES];
    for (size_t g = 0; g < N_GATES; g++)
        results[g] = learn_gate(&GATES[g], &rng, eta, epochs);

    nn_error err;
    if (draw_figures((nn_plot_mode)plot_mode, out, CORNERS, results, N_GATES, &err) != NN_OK) {
        fprintf(stderr, "01-neuron: %s\n", err.message);
        return 1;
    }
    return 0;
}
