/* tests/lib/numpy_print.c - one number as Python's str() writes it.
 * (Whole arrays as numpy's repr() writes them are tested in tests/lib/matrix.c.) */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "numpy_print.h"
#include "fixtures/numpy_print.h"

TestSuite(numpy_print, .timeout = 10);

Test(numpy_print, python_str_of_every_fixture_double)
{
    char text[NN_PYTHON_FLOAT_MAX];
    for (size_t i = 0; i < sizeof PYTHON_STR / sizeof PYTHON_STR[0]; i++) {
        nn_python_float_str(PYTHON_STR[i].x, text);
        cr_assert_str_eq(text, PYTHON_STR[i].str, "str(%a): expected \"%s\", got \"%s\"",
                         PYTHON_STR[i].x, PYTHON_STR[i].str, text);
    }
}

Test(numpy_print, python_str_of_infinities_and_nan)
{
    char text[NN_PYTHON_FLOAT_MAX];
    nn_python_float_str(INFINITY, text);
    cr_assert_str_eq(text, "inf");
    nn_python_float_str(-INFINITY, text);
    cr_assert_str_eq(text, "-inf");
    nn_python_float_str(NAN, text);
    cr_assert_str_eq(text, "nan");
}

/* The longest texts fit: 17 digits, a sign, a point and a three-digit exponent, or the
 * positional form just below 1e16, or the smallest positional magnitude. */
Test(numpy_print, python_str_fits_its_buffer)
{
    const double widest[] = {-1.2345678901234567e-300, -9999999999999998.0,
                             -0.00012345678901234567, -2.2250738585072014e-308};
    char text[NN_PYTHON_FLOAT_MAX + 8];
    memset(text, 'x', sizeof text);
    for (size_t i = 0; i < sizeof widest / sizeof widest[0]; i++) {
        nn_python_float_str(widest[i], text);
        cr_assert_lt(strlen(text), NN_PYTHON_FLOAT_MAX, "\"%s\" overflows", text);
        cr_assert_eq(strtod(text, NULL), widest[i], "\"%s\" does not read back", text);
    }
}
