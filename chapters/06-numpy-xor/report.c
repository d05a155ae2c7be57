/* report.c - how chapter 6's program shows its arrays: as numpy's repr() (what the
 * tutorial prints), as Python's float.hex() (--hex, to compare the bits), and rounded
 * at 0.5 beside the targets.
 */
#include <stdio.h>

#include "report.h"

nn_status show(const char *caption, const nn_matrix *m, nn_error *err)
{
    printf("%s\n", caption);
    if (nn_matrix_print(stdout, m) != NN_OK)
        return nn_error_set(err, NN_ERR_IO, "cannot write to standard output");
    return NN_OK;
}

/* --hex: every element in memory order, one per line, as Python's float.hex() writes
 * it ("%.13a": always 13 hexadecimal digits after the point), with a space in place of
 * a plus sign so that the digits line up. */
static void show_hex(const char *name, const nn_matrix *m)
{
    for (size_t k = 0; k < m->rows * m->cols; k++)
        printf("%-4s %c % .13a\n", k ? "" : name, k ? ' ' : '=', m->data[k]);
}

/* The outputs rounded at 0.5, beside the targets, which are called what. */
static void show_rounded(const nn_matrix *out, const double *targets, const char *what)
{
    int right = 0;
    printf("rounded at 0.5: [");
    for (size_t i = 0; i < out->rows; i++) {
        int bit = out->data[i] >= 0.5;
        right += bit == (int)targets[i];
        printf(i ? ", %d" : "%d", bit);
    }
    printf("]; %s: [", what);
    for (size_t i = 0; i < out->rows; i++)
        printf(i ? ", %.0f" : "%.0f", targets[i]);
    printf("]; %d of 4 right\n", right);
}

nn_status show_part2_start(const nn_matrix *syn0, const nn_matrix *syn1, nn_error *err)
{
    char caption[96];
    snprintf(caption, sizeof caption, "syn0 = 2*np.random.random((3,%zu)) - 1", syn0->cols);
    NN_TRY(show(caption, syn0, err));
    snprintf(caption, sizeof caption, "syn1 = 2*np.random.random((%zu,1)) - 1", syn1->rows);
    NN_TRY(show(caption, syn1, err));
    printf("\n");
    return NN_OK;
}

nn_status show_part1_results(const nn_matrix *l1, const nn_matrix *syn0, const double *y,
                             bool hex, nn_error *err)
{
    printf("\n");
    NN_TRY(show("Output After Training:", l1, err));
    show_rounded(l1, y, "y");
    printf("\n");
    NN_TRY(show("syn0 after training:", syn0, err));
    if (hex) {
        printf("\nthe same as float.hex() (--hex):\n");
        show_hex("l1", l1);
        show_hex("syn0", syn0);
    }
    printf("\n");
    return NN_OK;
}

nn_status show_part2_results(const nn_matrix *l2, const nn_matrix *l1, const nn_matrix *syn0,
                             const nn_matrix *syn1, const double *y, bool hex,
                             nn_error *err)
{
    NN_TRY(show("Output After Training:", l2, err));
    show_rounded(l2, y, "XOR");
    printf("\n");
    NN_TRY(show("hidden layer l1, last iteration (rows: inputs, columns: neurons):", l1,
                err));
    printf("\n");
    NN_TRY(show("syn0 after training:", syn0, err));
    NN_TRY(show("syn1 after training:", syn1, err));
    if (hex) {
        printf("\nthe same as float.hex() (--hex):\n");
        show_hex("l2", l2);
        show_hex("syn0", syn0);
        show_hex("syn1", syn1);
    }
    printf("\n");
    return NN_OK;
}
