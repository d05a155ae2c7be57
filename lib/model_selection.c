/* model_selection.c - train/test splits and k-fold assignments, index for index as in
 * scikit-learn 1.2 (chapter 8).
 *
 * A split is only a choice of indices, so "the same split as scikit-learn" is a
 * precise promise: the same random draws, consumed in the same order, turned into
 * indices by the same arithmetic. The file follows scikit-learn's own path through
 * sklearn/model_selection/_split.py:
 *
 *   1. how many samples go to each side (_validate_shuffle_split);
 *   2. the plain split: a permutation, the test set first (ShuffleSplit);
 *   3. the stratified split: how many of each class go to each side
 *      (_approximate_mode), then a permutation per class (StratifiedShuffleSplit);
 *   4. k-fold: consecutive folds of an optionally shuffled order (KFold);
 *   5. stratified k-fold: folds dealt round-robin per class (StratifiedKFold);
 *   6. turning a fold assignment into one train/test split;
 *   7. cross-validating an nn_mlp (cross_val_score), and the mean and spread of the
 *      scores.
 */
#include "model_selection.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "data.h"
#include "preprocess.h"

void nn_train_test_free(nn_train_test *split)
{
    if (!split)
        return;
    nn_alloc_free(split->train);
    nn_alloc_free(split->test);
    memset(split, 0, sizeof *split);
}

/* ------------------------------------------------------------------------------------
 * 1. How many samples go to each side
 *
 * scikit-learn takes test_size and train_size as either a float fraction in (0, 1) or
 * an int count in [1, n). We carry both kinds in a double (0 = not given) and first
 * sort out which kind each one is, refusing what Python would refuse. A fraction of
 * the test set is rounded up and one of the training set down, so that with
 * test_size=0.25 of 10 samples the test set gets 3, not 2: the held-out set is never
 * smaller than asked for.
 * --------------------------------------------------------------------------------- */
typedef enum { SIZE_NONE, SIZE_FRACTION, SIZE_COUNT } size_kind;

static nn_status classify_size(double v, const char *name, size_t n, size_kind *kind,
                               nn_error *err)
{
    if (v == 0.0) {
        *kind = SIZE_NONE;
    } else if (v > 0.0 && v < 1.0) {
        *kind = SIZE_FRACTION;
    } else if (v >= 1.0 && v == floor(v)) {
        *kind = SIZE_COUNT;
        if (v >= (double)n)
            return nn_error_set(err, NN_ERR_ARG,
                                "%s=%g should be either positive and smaller than the "
                                "number of samples %zu or a float in the (0, 1) range",
                                name, v, n);
    } else {
        return nn_error_set(err, NN_ERR_ARG,
                            "%s=%g should be either a whole number of samples (>= 1) "
                            "smaller than the number of samples %zu or a fraction in the "
                            "(0, 1) range",
                            name, v, n);
    }
    return NN_OK;
}

/* n_train and n_test for n samples, as _validate_shuffle_split computes them. */
static nn_status split_sizes(size_t n, double test_size, double train_size,
                             size_t *n_train, size_t *n_test, nn_error *err)
{
    if (test_size == 0.0 && train_size == 0.0)
        test_size = 0.25; /* scikit-learn's default_test_size for train_test_split */

    size_kind test_kind, train_kind;
    if (classify_size(test_size, "test_size", n, &test_kind, err) != NN_OK ||
        classify_size(train_size, "train_size", n, &train_kind, err) != NN_OK)
        return NN_ERR_ARG;
    if (test_kind == SIZE_FRACTION && train_kind == SIZE_FRACTION &&
        train_size + test_size > 1.0)
        return nn_error_set(err, NN_ERR_ARG,
                            "the sum of test_size and train_size = %g, should be in the "
                            "(0, 1) range; reduce test_size and/or train_size",
                            train_size + test_size);

    /* One rounded product, then ceil or floor, as in Python; a fraction below 1 keeps
     * the result at most n, so it fits in size_t. */
    double test = test_kind == SIZE_FRACTION ? ceil(test_size * (double)n) : test_size;
    double train = train_kind == SIZE_FRACTION ? floor(train_size * (double)n) : train_size;
    if (train_kind == SIZE_NONE)
        train = (double)n - test;
    else if (test_kind == SIZE_NONE)
        test = (double)n - train;

    if (train + test > (double)n)
        return nn_error_set(err, NN_ERR_ARG,
                            "the sum of train_size and test_size = %.0f, should be smaller "
                            "than the number of samples %zu; reduce test_size and/or "
                            "train_size",
                            train + test, n);
    if (train == 0.0)
        return nn_error_set(err, NN_ERR_ARG,
                            "with n_samples=%zu, test_size=%g and train_size=%g, the "
                            "resulting train set will be empty",
                            n, test_size, train_size);
    *n_train = (size_t)train;
    *n_test = (size_t)test;
    return NN_OK;
}

/* Two fresh index arrays for a split of the given sizes. */
static nn_status split_alloc(nn_train_test *out, size_t n_train, size_t n_test, nn_error *err)
{
    memset(out, 0, sizeof *out);
    out->train = nn_alloc(n_train, sizeof *out->train, "train indices", err);
    out->test = out->train ? nn_alloc(n_test, sizeof *out->test, "test indices", err) : NULL;
    if (!out->test) {
        nn_train_test_free(out);
        return NN_ERR_NOMEM;
    }
    out->n_train = n_train;
    out->n_test = n_test;
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * 2. The plain split
 *
 * Shuffle the indices 0 .. n-1 (numpy's permutation: Fisher-Yates), take the first
 * n_test as the test set and the next n_train as the training set. When train_size
 * and test_size do not add up to n, the last samples of the permutation are left out.
 * Without shuffling, the data's own order is kept: training first, then test.
 * --------------------------------------------------------------------------------- */
// [plain split]
static nn_status plain_split(size_t n, size_t n_train, size_t n_test, nn_rng *rng,
                             nn_train_test *out, nn_error *err)
{
    size_t *perm = nn_alloc(n, sizeof *perm, "permutation", err);
    if (!perm)
        return NN_ERR_NOMEM;
    if (split_alloc(out, n_train, n_test, err) != NN_OK) {
        nn_alloc_free(perm);
        return NN_ERR_NOMEM;
    }
    nn_rng_permutation(rng, n, perm);
    memcpy(out->test, perm, n_test * sizeof *perm);
    memcpy(out->train, perm + n_test, n_train * sizeof *perm);
    nn_alloc_free(perm);
    return NN_OK;
}
// [end plain split]

static nn_status unshuffled_split(size_t n_train, size_t n_test, nn_train_test *out,
                                  nn_error *err)
{
    if (split_alloc(out, n_train, n_test, err) != NN_OK)
        return NN_ERR_NOMEM;
    for (size_t i = 0; i < n_train; i++)
        out->train[i] = i;
    for (size_t i = 0; i < n_test; i++)
        out->test[i] = n_train + i;
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * 3. The stratified split
 *
 * With 120 sick and 150 healthy patients, a random test set of 68 might by bad luck hold
 * 20 sick ones instead of about 30. Stratifying keeps each class's share: first decide
 * how many of each class go to training and to test, then draw that many from each
 * class at random.
 *
 * How many: class c "deserves" count_c / n * n_draws samples, usually not a whole
 * number. Everyone gets the floor of their share; the samples still missing go to the
 * classes with the largest fractional parts. Ties between equal fractional parts are
 * broken at random (numpy's choice without replacement: the first few of a
 * permutation), which is why this step consumes random draws even when nothing else is
 * random. scikit-learn calls this _approximate_mode, an approximation of the mode of the
 * multivariate hypergeometric distribution.
 *
 * Classes are the distinct label values in increasing order (numpy's unique).
 * --------------------------------------------------------------------------------- */

/* The distinct labels of y, sorted; class_of[i] = position of y[i] among them. */
typedef struct classes {
    double *labels;  /* n_classes distinct values, increasing */
    size_t n_classes;
    size_t *class_of; /* n entries */
    size_t *count;    /* n_classes entries */
} classes;

static void classes_free(classes *c)
{
    nn_alloc_free(c->labels);
    nn_alloc_free(c->class_of);
    nn_alloc_free(c->count);
    memset(c, 0, sizeof *c);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Index of v in the sorted distinct labels (present by construction). */
static size_t find_label(const double *labels, size_t n_labels, double v)
{
    size_t lo = 0, hi = n_labels;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (labels[mid] <= v)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static nn_status find_classes(const double *y, size_t n, const char *what, classes *c,
                              nn_error *err)
{
    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y[i]))
            return nn_error_set(err, NN_ERR_ARG, "%s[%zu] is %g: class labels must be finite",
                                what, i, y[i]);
    c->labels = nn_alloc(n, sizeof *c->labels, "class labels", err);
    c->class_of = c->labels ? nn_alloc(n, sizeof *c->class_of, "class of sample", err) : NULL;
    if (!c->class_of) {
        classes_free(c);
        return NN_ERR_NOMEM;
    }
    memcpy(c->labels, y, n * sizeof *y);
    qsort(c->labels, n, sizeof *c->labels, compare_doubles);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || c->labels[i] != c->labels[k - 1])
            c->labels[k++] = c->labels[i];
    c->n_classes = k;
    c->count = nn_alloc(k, sizeof *c->count, "class counts", err);
    if (!c->count) {
        classes_free(c);
        return NN_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        c->class_of[i] = find_label(c->labels, k, y[i]);
        c->count[c->class_of[i]]++;
    }
    return NN_OK;
}

/* _approximate_mode(count, n_draws, rng): drawn[c] samples of class c, c < k, adding
 * up to n_draws. */
static nn_status approximate_mode(const size_t *count, size_t k, size_t n_draws, nn_rng *rng,
                                  size_t *drawn, nn_error *err)
{
    double *remainder = nn_alloc(k, sizeof *remainder, "remainders", err);
    double *values = remainder ? nn_alloc(k, sizeof *values, "remainders", err) : NULL;
    size_t *ties = values ? nn_alloc(k, sizeof *ties, "tied classes", err) : NULL;
    size_t *perm = ties ? nn_alloc(k, sizeof *perm, "permutation", err) : NULL;
    if (!perm) {
        nn_alloc_free(remainder);
        nn_alloc_free(values);
        nn_alloc_free(ties);
        return NN_ERR_NOMEM;
    }

    size_t total = 0;
    for (size_t c = 0; c < k; c++)
        total += count[c];

    /* Everyone gets the floor of their share: count / total * n_draws, rounded as numpy
     * rounds it (divide first, then multiply). */
    size_t given = 0;
    for (size_t c = 0; c < k; c++) {
        double share = (double)count[c] / (double)total;
        double continuous = share * (double)n_draws;
        double floored = floor(continuous);
        drawn[c] = (size_t)floored;
        remainder[c] = continuous - floored;
        given += drawn[c];
    }

    /* The rest go by largest remainder, a tie group at a time, ties broken at random. */
    size_t need = n_draws - given;
    if (need > 0) {
        memcpy(values, remainder, k * sizeof *values);
        qsort(values, k, sizeof *values, compare_doubles);
        for (size_t v = k; v-- > 0 && need > 0;) {
            if (v + 1 < k && values[v] == values[v + 1])
                continue; /* each distinct remainder once, largest first */
            size_t n_ties = 0;
            for (size_t c = 0; c < k; c++)
                if (remainder[c] == values[v])
                    ties[n_ties++] = c;
            size_t add_now = n_ties < need ? n_ties : need;
            /* numpy's choice(ties, add_now, replace=False): the first add_now of a
             * permutation of the tied positions (drawn even when all of them win). */
            nn_rng_permutation(rng, n_ties, perm);
            for (size_t j = 0; j < add_now; j++)
                drawn[ties[perm[j]]]++;
            need -= add_now;
        }
    }
    nn_alloc_free(remainder);
    nn_alloc_free(values);
    nn_alloc_free(ties);
    nn_alloc_free(perm);
    return NN_OK;
}

static nn_status stratified_split(const double *y, size_t n, size_t n_train, size_t n_test,
                                  nn_rng *rng, nn_train_test *out, nn_error *err)
{
    classes c;
    nn_status status = find_classes(y, n, "stratify", &c, err);
    if (status != NN_OK)
        return status;
    size_t k = c.n_classes;
    for (size_t j = 0; j < k; j++)
        if (c.count[j] < 2) {
            classes_free(&c);
            return nn_error_set(err, NN_ERR_ARG,
                                "the least populated class in y has only 1 member, which is "
                                "too few: the minimum number of members in any class cannot "
                                "be less than 2");
        }
    if (n_train < k || n_test < k) {
        int train_short = n_train < k;
        classes_free(&c);
        return nn_error_set(err, NN_ERR_ARG,
                            "the %s_size = %zu should be greater or equal to the number of "
                            "classes = %zu",
                            train_short ? "train" : "test", train_short ? n_train : n_test, k);
    }

    /* Each class's members in increasing order of index (a stable sort by class), and
     * where each class starts in that list. */
    size_t *members = nn_alloc(n, sizeof *members, "class members", err);
    size_t *start = members ? nn_alloc(k + 1, sizeof *start, "class offsets", err) : NULL;
    size_t *n_i = start ? nn_alloc(k, sizeof *n_i, "train counts", err) : NULL;
    size_t *t_i = n_i ? nn_alloc(k, sizeof *t_i, "test counts", err) : NULL;
    size_t *left = t_i ? nn_alloc(k, sizeof *left, "class counts", err) : NULL;
    size_t *perm = left ? nn_alloc(n, sizeof *perm, "permutation", err) : NULL;
    status = perm ? split_alloc(out, n_train, n_test, err) : NN_ERR_NOMEM;
    if (status == NN_OK) {
        for (size_t j = 0; j < k; j++)
            start[j + 1] = start[j] + c.count[j];
        for (size_t j = 0; j < k; j++)
            left[j] = start[j]; /* next free slot of class j */
        for (size_t i = 0; i < n; i++)
            members[left[c.class_of[i]]++] = i;

        /* How many of each class to train on, then to test on from what is left. */
        status = approximate_mode(c.count, k, n_train, rng, n_i, err);
        if (status == NN_OK) {
            for (size_t j = 0; j < k; j++)
                left[j] = c.count[j] - n_i[j];
            status = approximate_mode(left, k, n_test, rng, t_i, err);
        }
    }
    if (status == NN_OK) {
        /* Per class, a random order of its members: the first n_i train, the next t_i
         * test. The sums of n_i and t_i are n_train and n_test by construction. */
        size_t tr = 0, te = 0;
        for (size_t j = 0; j < k; j++) {
            const size_t *m = members + start[j];
            nn_rng_permutation(rng, c.count[j], perm);
            for (size_t q = 0; q < n_i[j]; q++)
                out->train[tr++] = m[perm[q]];
            for (size_t q = n_i[j]; q < n_i[j] + t_i[j]; q++)
                out->test[te++] = m[perm[q]];
        }
        /* Then the classes are mixed: rng.permutation(list) shuffles a copy. */
        nn_rng_shuffle(rng, out->train, out->n_train);
        nn_rng_shuffle(rng, out->test, out->n_test);
    } else {
        nn_train_test_free(out);
    }
    nn_alloc_free(members);
    nn_alloc_free(start);
    nn_alloc_free(n_i);
    nn_alloc_free(t_i);
    nn_alloc_free(left);
    nn_alloc_free(perm);
    classes_free(&c);
    return status;
}

nn_status nn_train_test_split(size_t n, const nn_train_test_options *opt, nn_train_test *out,
                              nn_error *err)
{
    if (!opt || !out)
        return nn_error_set(err, NN_ERR_ARG, "train_test_split: options and out are required");
    memset(out, 0, sizeof *out);
    size_t n_train = 0, n_test = 0;
    nn_status status = split_sizes(n, opt->test_size, opt->train_size, &n_train, &n_test, err);
    if (status != NN_OK)
        return status;

    if (opt->no_shuffle) {
        if (opt->stratify)
            return nn_error_set(err, NN_ERR_ARG,
                                "train_test_split: stratify needs shuffling (scikit-learn "
                                "refuses stratify with shuffle=False as well)");
        return unshuffled_split(n_train, n_test, out, err);
    }
    if (!opt->rng)
        return nn_error_set(err, NN_ERR_ARG,
                            "train_test_split: a shuffled split needs a seeded nn_rng "
                            "(options.rng)");
    /* ShuffleSplit validates its integer sizes once more; only an empty test set can
     * get through the first check (a train fraction of nearly 1). */
    if (n_test == 0)
        return nn_error_set(err, NN_ERR_ARG,
                            "test_size=0 should be either positive and smaller than the "
                            "number of samples %zu or a float in the (0, 1) range",
                            n);
    if (opt->stratify)
        return stratified_split(opt->stratify, n, n_train, n_test, opt->rng, out, err);
    return plain_split(n, n_train, n_test, opt->rng, out, err);
}

/* ------------------------------------------------------------------------------------
 * 4. k-fold
 *
 * One held-out set gives one number, and with 68 test patients that number moves by
 * several points from one random split to the next. k-fold cross-validation uses every
 * sample for testing exactly once: cut the data into k folds, and train k times, each
 * time testing on one fold and training on the other k-1. The folds are consecutive
 * runs of the (optionally shuffled) samples; when k does not divide n, the first n % k
 * folds get one sample more.
 * --------------------------------------------------------------------------------- */
/* Both k-folds need at least 2 folds, and no more folds than samples. */
static nn_status check_n_splits(size_t n, size_t n_splits, nn_error *err)
{
    if (n_splits < 2)
        return nn_error_set(err, NN_ERR_ARG,
                            "k-fold cross-validation requires at least one train/test split "
                            "by setting n_splits=2 or more, got n_splits=%zu",
                            n_splits);
    if (n_splits > n)
        return nn_error_set(err, NN_ERR_ARG,
                            "cannot have number of splits n_splits=%zu greater than the "
                            "number of samples: n_samples=%zu",
                            n_splits, n);
    return NN_OK;
}

nn_status nn_kfold(size_t n, size_t n_splits, nn_rng *rng, size_t *fold, nn_error *err)
{
    nn_status status = check_n_splits(n, n_splits, err);
    if (status != NN_OK)
        return status;
    if (!fold)
        return nn_error_set(err, NN_ERR_ARG, "kfold: fold must not be NULL");

    size_t *order = nn_alloc(n, sizeof *order, "sample order", err);
    if (!order)
        return NN_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    if (rng)
        nn_rng_shuffle(rng, order, n);

    size_t position = 0;
    for (size_t k = 0; k < n_splits; k++) {
        size_t size = n / n_splits + (k < n % n_splits ? 1 : 0);
        for (size_t j = 0; j < size; j++)
            fold[order[position++]] = k;
    }
    nn_alloc_free(order);
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * 5. Stratified k-fold
 *
 * The same idea as the stratified split, for folds. Number the classes in the order
 * they first appear in y. Sort the class numbers and deal them out like cards, one to
 * each fold in turn: fold f gets the labels at positions f, f + k, f + 2k, ... of the
 * sorted list, and so a near-equal share of every class. Then, class by class, hand
 * the fold numbers to the class's samples in their order in the data: the fold numbers
 * of class c as a block (0, 0, 0, 1, 1, 1, ...), shuffled first when asked.
 * --------------------------------------------------------------------------------- */
/* Renumbers the k sorted classes by first appearance in y: rank[j] is the new number of
 * class j (0 is y[0]'s class, and so on), and count[rank[j]] its number of samples. */
static void rank_by_first_appearance(const classes *c, size_t n, size_t *rank,
                                     size_t *count)
{
    const size_t unseen = (size_t)-1;
    for (size_t j = 0; j < c->n_classes; j++)
        rank[j] = unseen;
    size_t next_rank = 0;
    for (size_t i = 0; i < n; i++)
        if (rank[c->class_of[i]] == unseen)
            rank[c->class_of[i]] = next_rank++;
    for (size_t j = 0; j < c->n_classes; j++)
        count[rank[j]] = c->count[j];
}

nn_status nn_kfold_stratified(const double *y, size_t n, size_t n_splits, nn_rng *rng,
                              size_t *fold, nn_error *err)
{
    nn_status status = check_n_splits(n, n_splits, err);
    if (status != NN_OK)
        return status;
    if (!y || !fold)
        return nn_error_set(err, NN_ERR_ARG, "stratified_kfold: y and fold must not be NULL");
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y[i]) || y[i] != floor(y[i]))
            return nn_error_set(err, NN_ERR_ARG,
                                "y[%zu] = %.17g is not a class label: supported target "
                                "types are binary and multiclass (whole numbers)",
                                i, y[i]);

    classes c;
    status = find_classes(y, n, "y", &c, err);
    if (status != NN_OK)
        return status;
    size_t k = c.n_classes;

    size_t *rank = nn_alloc(k, sizeof *rank, "class order", err);
    size_t *count = rank ? nn_alloc(k, sizeof *count, "class counts", err) : NULL;
    size_t *alloc = count ? nn_alloc(n_splits * k, sizeof *alloc, "allocation", err) : NULL;
    size_t *block = alloc ? nn_alloc(n, sizeof *block, "fold numbers", err) : NULL;
    if (!block) {
        nn_alloc_free(rank);
        nn_alloc_free(count);
        nn_alloc_free(alloc);
        classes_free(&c);
        return NN_ERR_NOMEM;
    }
    rank_by_first_appearance(&c, n, rank, count);

    size_t min_count = count[0], max_count = count[0];
    for (size_t r = 1; r < k; r++) {
        min_count = count[r] < min_count ? count[r] : min_count;
        max_count = count[r] > max_count ? count[r] : max_count;
    }
    if (n_splits > max_count) {
        status = nn_error_set(err, NN_ERR_ARG,
                              "n_splits=%zu cannot be greater than the number of members in "
                              "each class",
                              n_splits);
    } else {
        if (n_splits > min_count)
            nn_warn("The least populated class in y has only %zu members, which is less "
                    "than n_splits=%zu.",
                    min_count, n_splits);

        /* Deal the sorted class numbers round-robin: the sorted list is count[0] zeros,
         * then count[1] ones, ...; position p goes to fold p % n_splits. */
        size_t p = 0;
        for (size_t r = 0; r < k; r++)
            for (size_t q = 0; q < count[r]; q++, p++)
                alloc[(p % n_splits) * k + r]++;

        /* Per class, its fold numbers as a block, shuffled if asked, handed to its
         * samples in order of index. */
        for (size_t r = 0; r < k; r++) {
            size_t m = 0;
            for (size_t f = 0; f < n_splits; f++)
                for (size_t q = 0; q < alloc[f * k + r]; q++)
                    block[m++] = f;
            if (rng)
                nn_rng_shuffle(rng, block, m);
            m = 0;
            for (size_t i = 0; i < n; i++)
                if (rank[c.class_of[i]] == r)
                    fold[i] = block[m++];
        }
    }
    nn_alloc_free(rank);
    nn_alloc_free(count);
    nn_alloc_free(alloc);
    nn_alloc_free(block);
    classes_free(&c);
    return status;
}

/* ------------------------------------------------------------------------------------
 * 6. One split of a fold assignment
 * --------------------------------------------------------------------------------- */
nn_status nn_kfold_split(const size_t *fold, size_t n, size_t k, nn_train_test *out,
                         nn_error *err)
{
    if (!fold || !out)
        return nn_error_set(err, NN_ERR_ARG, "split_from_folds: fold and out are required");
    memset(out, 0, sizeof *out);
    size_t n_test = 0;
    for (size_t i = 0; i < n; i++)
        n_test += fold[i] == k;
    if (n_test == 0 || n_test == n)
        return nn_error_set(err, NN_ERR_ARG,
                            "fold %zu holds %s of the %zu samples: a split needs both a train "
                            "and a test set",
                            k, n_test == 0 ? "none" : "all", n);
    if (split_alloc(out, n - n_test, n_test, err) != NN_OK)
        return NN_ERR_NOMEM;
    size_t tr = 0, te = 0;
    for (size_t i = 0; i < n; i++) {
        if (fold[i] == k)
            out->test[te++] = i;
        else
            out->train[tr++] = i;
    }
    return NN_OK;
}

/* ------------------------------------------------------------------------------------
 * 7. Cross-validation of an nn_mlp
 *
 * For each fold: gather the training and test rows, optionally standardise both with
 * a scaler fitted on the training rows only, fit a new model, score it on the test
 * rows. Each model is new, with the caller's parameters: scikit-learn clones the
 * estimator for each fold, and a clone keeps random_state, so with a fixed seed every
 * fold starts from the same random stream. The k scores, their mean and their spread
 * say more than one held-out number: the spread shows how much the result depends on
 * which patients happened to land in the test set.
 * --------------------------------------------------------------------------------- */
typedef struct fold_work {
    nn_train_test split;
    nn_matrix *X_train, *X_test;
    double *y_train, *y_test;
    nn_standard_scaler scaler;
    nn_mlp *model;
} fold_work;

static void fold_work_free(fold_work *w)
{
    nn_train_test_free(&w->split);
    nn_matrix_free(w->X_train);
    nn_matrix_free(w->X_test);
    nn_alloc_free(w->y_train);
    nn_alloc_free(w->y_test);
    nn_standard_scaler_free(&w->scaler);
    nn_mlp_free(w->model);
    memset(w, 0, sizeof *w);
}

/* One fold: fit on the rest, score on fold k. */
static nn_status cross_val_fold(nn_mlp_kind kind, const nn_mlp_params *params,
                                int standardize, const nn_matrix *X, const double *y,
                                const size_t *fold, size_t k, double *score, nn_error *err)
{
    nn_error local;
    if (!err)
        err = &local; /* a failed call's status is read back from err->code */
    fold_work w;
    memset(&w, 0, sizeof w);
    size_t n = X->rows;
    nn_status status = nn_kfold_split(fold, n, k, &w.split, err);
    if (status != NN_OK)
        return status;
    if (!(w.X_train = nn_data_take_rows(X, w.split.train, w.split.n_train, err)) ||
        !(w.X_test = nn_data_take_rows(X, w.split.test, w.split.n_test, err)) ||
        !(w.y_train = nn_data_take(y, n, w.split.train, w.split.n_train, err)) ||
        !(w.y_test = nn_data_take(y, n, w.split.test, w.split.n_test, err)) ||
        !(w.model = nn_mlp_new(kind, params, err))) {
        status = err->code;
    } else if (standardize &&
               ((status = nn_standard_scaler_fit(&w.scaler, w.X_train, err)) != NN_OK ||
                (status = nn_standard_scaler_transform(&w.scaler, w.X_train, w.X_train,
                                                       err)) != NN_OK ||
                (status = nn_standard_scaler_transform(&w.scaler, w.X_test, w.X_test,
                                                       err)) != NN_OK)) {
        /* status says what went wrong */
    } else {
        nn_matrix y_train = {w.split.n_train, 1, w.y_train};
        nn_matrix y_test = {w.split.n_test, 1, w.y_test};
        status = nn_mlp_fit(w.model, w.X_train, &y_train, err);
        if (status == NN_OK)
            status = nn_mlp_score(w.model, w.X_test, &y_test, score, err);
    }
    fold_work_free(&w);
    return status;
}

nn_status nn_cross_val_score(nn_mlp_kind kind, const nn_mlp_params *params, int standardize,
                             const nn_matrix *X, const double *y, const size_t *fold,
                             size_t n_splits, double *scores, nn_error *err)
{
    if (!X || !y || !fold || !scores)
        return nn_error_set(err, NN_ERR_ARG,
                            "cross_val_score: X, y, fold and scores must not be NULL");
    if (n_splits < 2)
        return nn_error_set(err, NN_ERR_ARG,
                            "cross_val_score: n_splits=%zu; cross-validation needs at least "
                            "2 folds",
                            n_splits);
    for (size_t i = 0; i < X->rows; i++)
        if (fold[i] >= n_splits)
            return nn_error_set(err, NN_ERR_ARG,
                                "cross_val_score: fold[%zu] = %zu, but there are only %zu "
                                "folds",
                                i, fold[i], n_splits);
    for (size_t k = 0; k < n_splits; k++) {
        nn_status status = cross_val_fold(kind, params, standardize, X, y, fold, k,
                                          &scores[k], err);
        if (status != NN_OK)
            return status;
    }
    return NN_OK;
}

/* numpy adds a run of doubles pairwise: below 8 terms in one loop, up to 128 in eight
 * interleaved partial sums, longer runs split in two (see matrix.c), in blocks of 8192.
 * Here the terms are f(x[i]) with f(v) = v (for the mean) or (v - m)^2 (for the
 * variance), computed on the fly, so that the deviations need no array. */
static double term(double v, int squared, double m)
{
    if (!squared)
        return v;
    double d = v - m;
    return d * d;
}

static double pairwise(const double *x, size_t n, int squared, double m)
{
    if (n < 8) {
        double sum = 0.0;
        for (size_t i = 0; i < n; i++)
            sum += term(x[i], squared, m);
        return sum;
    }
    if (n <= 128) {
        double r[8];
        for (size_t j = 0; j < 8; j++)
            r[j] = term(x[j], squared, m);
        size_t i = 8;
        for (; i < n - n % 8; i += 8)
            for (size_t j = 0; j < 8; j++)
                r[j] += term(x[i + j], squared, m);
        double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            sum += term(x[i], squared, m);
        return sum;
    }
    size_t half = n / 2;
    half -= half % 8;
    return pairwise(x, half, squared, m) + pairwise(x + half, n - half, squared, m);
}

static double numpy_sum_of(const double *x, size_t n, int squared, double m)
{
    double sum = 0.0;
    for (size_t start = 0; start < n; start += 8192)
        sum += pairwise(x + start, n - start < 8192 ? n - start : 8192, squared, m);
    return sum;
}

void nn_cross_val_mean_std(const double *x, size_t n, double *mean, double *std)
{
    double m = numpy_sum_of(x, n, 0, 0.0) / (double)n;
    double s = sqrt(numpy_sum_of(x, n, 1, m) / (double)n);
    if (mean)
        *mean = m;
    if (std)
        *std = s;
}
