/* tests/lib/labels.c - LabelBinarizer: classes, targets and the way back; and the
 * progress line, which must stay silent off a terminal.
 *
 * The expected behaviour is scikit-learn 1.2's sklearn.preprocessing.LabelBinarizer as
 * MLPClassifier uses it (pos_label 1, neg_label 0, threshold 0.5).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "labels.h"
#include "progress.h"

TestSuite(labels, .timeout = 10);

Test(labels, binary_labels_become_one_column)
{
    nn_labels lb = {0};
    double y[] = {1, -1, -1, 1, 1};
    cr_assert_eq(nn_labels_fit(&lb, y, 5, 1, NULL), NN_OK);
    cr_assert_eq(lb.type, NN_LABELS_BINARY);
    cr_assert(lb.n_classes == 2 && lb.classes[0] == -1 && lb.classes[1] == 1);
    cr_assert_eq(nn_labels_n_outputs(&lb), 1);
    double t[5];
    cr_assert_eq(nn_labels_transform(&lb, y, 5, t, NULL), NN_OK);
    double want[] = {1, 0, 0, 1, 1};
    cr_assert_arr_eq(t, want, sizeof want, "targets: 1 for the larger class");
    /* back: strictly greater than 0.5 is the second class */
    double p[] = {0.5, 0.5000001, 0.0, 1.0, NAN}, back[5];
    nn_labels_inverse(&lb, p, 5, back);
    cr_assert(back[0] == -1 && back[1] == 1 && back[2] == -1 && back[3] == 1 && back[4] == -1);
    nn_labels_free(&lb);
}

Test(labels, three_classes_become_one_hot_and_argmax_picks_the_first_best)
{
    nn_labels lb = {0};
    double y[] = {7, 3, 5, 3};
    cr_assert_eq(nn_labels_fit(&lb, y, 4, 1, NULL), NN_OK);
    cr_assert_eq(lb.type, NN_LABELS_MULTICLASS);
    cr_assert(lb.classes[0] == 3 && lb.classes[1] == 5 && lb.classes[2] == 7);
    double t[12];
    cr_assert_eq(nn_labels_transform(&lb, y, 4, t, NULL), NN_OK);
    double want[] = {0, 0, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0};
    cr_assert_arr_eq(t, want, sizeof want);
    double out[] = {0.2, 0.4, 0.4, 0.9, 0.05, 0.05}, back[2];
    nn_labels_inverse(&lb, out, 2, back);
    cr_assert(back[0] == 5 && back[1] == 3, "ties go to the first class: got %g %g", back[0],
              back[1]);
    nn_error err;
    double unknown[] = {4};
    cr_assert_eq(nn_labels_transform(&lb, unknown, 1, t, &err), NN_ERR_ARG);
    cr_assert(strstr(err.message, "y[0] = 4 is not one of the classes"), "%s", err.message);
    nn_labels_free(&lb);
}

Test(labels, a_single_class_is_binary_with_zero_targets)
{
    nn_labels lb = {0};
    double y[] = {4, 4, 4};
    cr_assert_eq(nn_labels_fit(&lb, y, 3, 1, NULL), NN_OK);
    cr_assert(lb.type == NN_LABELS_BINARY && lb.n_classes == 1);
    double t[3], back[3], p[] = {0.9, 0.1, 0.5};
    cr_assert_eq(nn_labels_transform(&lb, y, 3, t, NULL), NN_OK);
    cr_assert(t[0] == 0 && t[1] == 0 && t[2] == 0);
    nn_labels_inverse(&lb, p, 3, back);
    cr_assert(back[0] == 4 && back[1] == 4 && back[2] == 4);
    nn_labels_free(&lb);
}

Test(labels, multilabel_indicator_matrices)
{
    nn_labels lb = {0};
    double y[] = {1, 0, 1, 0, 0, 0};
    cr_assert_eq(nn_labels_fit(&lb, y, 2, 3, NULL), NN_OK);
    cr_assert_eq(lb.type, NN_LABELS_MULTILABEL);
    cr_assert_str_eq(nn_labels_type_name(lb.type), "multilabel-indicator");
    cr_assert(lb.n_classes == 3 && lb.classes[2] == 2);
    cr_assert_eq(nn_labels_label_cols(&lb), 3);
    double p[] = {0.7, 0.2, 0.51, 0.5, 0.0, 1.0}, back[6];
    nn_labels_inverse(&lb, p, 2, back);
    double want[] = {1, 0, 1, 0, 0, 1};
    cr_assert_arr_eq(back, want, sizeof want);
    nn_labels_free(&lb);
}

Test(labels, bad_labels_are_refused)
{
    nn_labels lb = {0};
    nn_error err;
    double half[] = {0, 0.5};
    cr_assert_eq(nn_labels_fit(&lb, half, 2, 1, &err), NN_ERR_ARG);
    cr_assert(strstr(err.message, "Unknown label type: continuous"), "%s", err.message);
    double nan[] = {0, NAN};
    cr_assert_eq(nn_labels_fit(&lb, nan, 2, 1, &err), NN_ERR_NUMERIC);
    double two[] = {0, 2, 1, 1};
    cr_assert_eq(nn_labels_fit(&lb, two, 2, 2, &err), NN_ERR_ARG);
    cr_assert(strstr(err.message, "y[0, 1] = 2"), "%s", err.message);
    double repeat[] = {1, 2, 2};
    cr_assert_eq(nn_labels_set_classes(&lb, repeat, 3, &err), NN_OK,
                 "np.unique squeezes repeats, as scikit-learn does");
    cr_assert_eq(lb.n_classes, 2);
    cr_assert_eq(nn_labels_set_classes(&lb, NULL, 0, &err), NN_ERR_ARG);
    nn_labels_free(&lb);
    cr_assert_eq(nn_alloc_live(), 0, "labels leaked");
}

Test(labels, progress_is_silent_when_not_on_a_terminal)
{
    FILE *f = tmpfile();
    nn_progress p;
    nn_progress_begin(&p, f);
    for (long i = 1; i <= 1000; i++)
        nn_progress_update(&p, "adam", i, 1000, 0.5);
    nn_progress_end(&p);
    cr_assert_eq(ftell(f), 0, "the progress line was written to a file");
    fclose(f);
    nn_progress_begin(&p, NULL); /* no stream at all is fine */
    nn_progress_update(&p, "adam", 1, 0, 0.5);
    nn_progress_end(&p);
}
