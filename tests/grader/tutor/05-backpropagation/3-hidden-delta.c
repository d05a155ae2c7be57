/* Broken on purpose: writes each delta through a row pointer that is still NULL. */
#include <stddef.h>

#include "exercises.h"

void bp_hidden_delta(const double *D2, const double *W2, const double *A1, size_t n,
                     size_t h, size_t k, double *D1)
{
    for (size_t i = 0; i < n; i++) {
        double *row = NULL; /* meant to be D1 + i * h */
        for (size_t j = 0; j < h; j++) {
            double back = 0.0;
            for (size_t c = 0; c < k; c++)
                back += D2[i * k + c] * W2[j * k + c];
            double a = A1[i * h + j];
            row[j] = back * a * (1.0 - a);
        }
    }
    (void)D1;
}
