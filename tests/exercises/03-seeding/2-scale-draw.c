/* Tests for exercise 03-2, scale_draw, against numpy's uniform() bit for bit. */
#include "grade.h"
#include "exercises.h"
#include "fixtures/seeding.h"

GRADE_SUITE(scale_draw);

Test(scale_draw, weights_in_minus_one_one)
{
    /* The tutorial's range: 2u - 1 is the same as scaling to [-1, 1). */
    expect_near(scale_draw(0.417022004702574, -1.0, 1.0), -0.165955990594852, 1e-15,
                "scale_draw(%.15g, -1, 1)", 0.417022004702574);
    expect_near(scale_draw(0.5, -1.0, 1.0), 0.0, 0.0, "scale_draw(%g, -1, 1)", 0.5);
    expect_near(scale_draw(0.75, 10.0, 20.0), 17.5, 0.0, "scale_draw(%g, 10, 20)", 0.75);
}

Test(scale_draw, zero_gives_low_exactly)
{
    expect_near(scale_draw(0.0, -3.5, 8.0), -3.5, 0.0, "scale_draw(%g, -3.5, 8)", 0.0);
    expect_near(scale_draw(0.0, 1e-3, 1e3), 1e-3, 0.0, "scale_draw(%g, 0.001, 1000)", 0.0);
}

Test(scale_draw, empty_interval_gives_low)
{
    expect_near(scale_draw(0.3, 2.5, 2.5), 2.5, 0.0, "scale_draw(%g, 2.5, 2.5)", 0.3);
}

Test(scale_draw, stays_below_high)
{
    double largest = 1.0 - 0x1p-53; /* the largest u that random() can return */
    double v = scale_draw(largest, 0.0, 1.0);
    cr_expect(v < 1.0, "scale_draw(1 - 2^-53, 0, 1): expected a value below 1, got %.17g", v);
    v = scale_draw(largest, -1.0, 1.0);
    cr_expect(v < 1.0, "scale_draw(1 - 2^-53, -1, 1): expected a value below 1, got %.17g", v);
}

Test(scale_draw, reversed_interval)
{
    expect_near(scale_draw(0.25, 5.0, -5.0), 2.5, 0.0, "scale_draw(%g, 5, -5)", 0.25);
}

Test(scale_draw, equals_numpys_uniform_to_the_last_bit)
{
    /* np.random.seed(s); u = random(12) and np.random.seed(s); v = uniform(low, high, 12) */
    for (size_t c = 0; c < sizeof seeding_fx_uniforms / sizeof seeding_fx_uniforms[0]; c++) {
        const seeding_fx_uniform *fx = &seeding_fx_uniforms[c];
        for (size_t i = 0; i < SEEDING_FX_UNIFORM_N; i++) {
            double got = scale_draw(fx->u[i], fx->low, fx->high);
            cr_expect(got == fx->v[i],
                      "scale_draw(%.17g, %g, %g): expected numpy's %.17g, got %.17g%s",
                      fx->u[i], fx->low, fx->high, fx->v[i], got,
                      grade_near(got, fx->v[i], 1e-12)
                          ? " (close, but not the same bits: round in numpy's order)"
                          : "");
            if (got != fx->v[i])
                return; /* one message per run is enough */
        }
    }
}
