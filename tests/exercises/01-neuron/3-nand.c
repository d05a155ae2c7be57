/* Tests for exercise 01-3, nand_weights. */
#include "grade.h"
#include "exercises.h"

GRADE_SUITE(nand);

static const double X[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
static const double NAND[4] = {1, 1, 1, 0};

Test(nand, truth_table)
{
    double w[2] = {NAN, NAN}, b = NAN;
    nand_weights(w, &b);
    for (int k = 0; k < 4; k++) {
        double z = w[0] * X[k][0] + w[1] * X[k][1] + b;
        double y = z >= 0.0 ? 1.0 : 0.0;
        expect_near(y, NAND[k], 0.0, "NAND(%g, %g) with w=(%g, %g), b=%g (z = %g)", X[k][0], X[k][1],
                    w[0], w[1], b, z);
    }
}

Test(nand, margin_from_threshold)
{
    double w[2] = {NAN, NAN}, b = NAN;
    nand_weights(w, &b);
    for (int k = 0; k < 4; k++) {
        double z = w[0] * X[k][0] + w[1] * X[k][1] + b;
        cr_expect(fabs(z) >= 0.25,
                  "NAND(%g, %g): the weighted sum z = %g is closer than 0.25 to the threshold 0",
                  X[k][0], X[k][1], z);
    }
}
