/* Exercise 08-5: ROC-AUC, by what it means.
 * Graded by tests/exercises/08-heart-disease/5-roc-auc.c: make grade EX=08-5
 *
 * A classifier that outputs a score (the network's probability of disease) can be
 * turned into a yes/no test with any threshold. The ROC curve draws every threshold at
 * once, and the area under it, ROC-AUC, has a plain meaning: pick one positive sample
 * and one negative sample at random; AUC is the probability that the positive one gets
 * the higher score. 1 is a perfect ranking, 0.5 is a coin toss.
 *
 * So count, over every pair (a, b) with y_true[a] == pos_label and y_true[b] !=
 * pos_label:
 *
 *     1    when score[a] > score[b]
 *     1/2  when score[a] == score[b]     (a tie: the ranking cannot tell them apart)
 *     0    when score[a] < score[b]
 *
 * and divide by the number of pairs, n_pos * n_neg. This takes n_pos * n_neg steps,
 * which is fine for 68 patients; lib/metrics computes the same number from the sorted
 * scores (the trapezoids under the ROC curve).
 *
 * Requirements (the tests check each one, against scikit-learn's roc_auc_score):
 *   - return the AUC as described;
 *   - return NAN (from <math.h>) when there is no positive or no negative sample: the
 *     question has no answer then.
 * Do not call nn_metrics_roc_*: this is it.
 */
#include <math.h>

#include "exercises.h"

double roc_auc_pairs(const double *y_true, const double *score, size_t n, double pos_label)
{
    /* TODO: two nested loops over the samples; count wins and ties of positives. */
    return 0.5;
}
