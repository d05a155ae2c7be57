/* Broken on purpose: dereferences a null pointer. */
#include <stddef.h>

#include "exercises.h"

double step(double z)
{
    volatile double *nowhere = NULL;
    return *nowhere + z;
}
