/* Broken on purpose: never returns. */
#include "exercises.h"

void nand_weights(double w[2], double *b)
{
    volatile int forever = 1;
    while (forever)
        w[0] = w[1] = *b = 0.0;
}
