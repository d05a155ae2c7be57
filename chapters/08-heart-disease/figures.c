/* figures.c - the figures of chapter 8's program, drawn with gnuplot through lib/plot:
 * the training loss per epoch, the confusion matrix as a heat map, the ROC curve of the
 * held-out patients, (after --sweep) accuracy against the width of the hidden layers,
 * (after --overfitting) the training loss and the validation score epoch by epoch, and
 * (after --scaling) the loss curves of the raw table under three scalings. */
#include <stdio.h>
#include <string.h>

#include "figures.h"

static nn_status draw_loss(nn_plot_mode mode, const char *out, const holdout *h,
                           const nn_mlp_params *params, nn_error *err)
{
    size_t n_loss;
    const double *loss = nn_mlp_loss_curve(h->clf, &n_loss);
    if (!n_loss)
        return NN_OK; /* lbfgs keeps no loss curve */
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "loss", 1, 1, err));
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "loss");
    for (size_t i = 0; i < n_loss; i++)
        nn_plot_data_row(p, 2, (double[]){(double)(i + 1), loss[i]});
    nn_plot_data_end(p);
    char title[256], hidden[128];
    snprintf(title, sizeof title, "Training loss per epoch: %s, hidden layers %s, alpha %g",
             nn_mlp_solver_name(params->solver), hidden_text(params, hidden, sizeof hidden),
             params->alpha);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "epoch (one pass over the training patients)");
    nn_plot_set_text(p, "ylabel", "training loss: log-loss + L2 penalty");
    nn_plot_command(p, "set grid; set key off; set yrange [0:*]");
    nn_plot_command(p, "set xrange [0:%zu]", n_loss + 1);
    if ((long)n_loss < params->max_iter)
        nn_plot_command(p, "set label \"stopped after %zu epochs: %s did not beat its\\n"
                           "best by tol = %g for %g epochs in a row\" at graph %s, graph 0.88 "
                           "right",
                        n_loss, params->early_stopping ? "the validation score" : "the loss",
                        params->tol, params->n_iter_no_change + 1,
                        nn_plot_is_text(p) ? "0.94" : "0.97"); /* clear of the tics */
    else
        nn_plot_command(p, "set label \"stopped at max_iter = %ld epochs, not converged\" "
                           "at graph 0.97, graph 0.88 right",
                        params->max_iter);
    nn_plot_command(p, "plot $loss using 1:2 with lines lw 2.5 lc rgb '#1f4e79'");
    return nn_plot_close(p, err);
}

static nn_status draw_confusion(nn_plot_mode mode, const char *out, const problem *pb,
                                const holdout *h, nn_error *err)
{
    if (mode == NN_PLOT_DUMB)
        return NN_OK; /* the table above says it all on a terminal */
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "confusion", 1, 1, err));
    if (!p)
        return NN_OK;
    /* x: the prediction (0 negative, 1 positive), y: the truth; the value is the count. */
    size_t cell[2][2] = {{h->tn, h->fp}, {h->fn, h->tp}};
    const char *tag[2][2] = {{"TN", "FP"}, {"FN", "TP"}};
    nn_plot_data_begin(p, "cells");
    for (int t = 0; t < 2; t++)
        for (int g = 0; g < 2; g++)
            nn_plot_data_row(p, 3, (double[]){g, t, (double)cell[t][g]});
    nn_plot_data_end(p);
    char a[48], b[48], title[160];
    snprintf(title, sizeof title, "Confusion matrix: %zu held-out %s", h->split.n_test, pb->unit);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "predicted");
    nn_plot_set_text(p, "ylabel", "actual");
    nn_plot_command(p, "set size ratio -1; set xrange [-0.5:1.5]; set yrange [1.5:-0.5]");
    nn_plot_command(p, "set palette defined (0 '#f7fbff', 1 '#6baed6', 2 '#08306b')");
    size_t most = 1;
    for (int t = 0; t < 2; t++)
        for (int g = 0; g < 2; g++)
            most = cell[t][g] > most ? cell[t][g] : most;
    nn_plot_command(p, "set cbrange [0:%zu]; set cblabel '%s'; set tics scale 0", most,
                    pb->unit);
    /* The class names are our own text (numbers and fixed words): safe inline. */
    class_text(pb, 0, a, sizeof a);
    class_text(pb, 1, b, sizeof b);
    nn_plot_command(p, "set xtics ('%s' 0, '%s' 1)", a, b);
    nn_plot_command(p, "set ytics ('%s' 0, '%s' 1) rotate by 90 center", a, b);
    for (int t = 0; t < 2; t++)
        for (int g = 0; g < 2; g++)
            nn_plot_command(p, "set label '%s = %zu' at %d,%d center font ',20' tc rgb '%s' "
                               "front",
                            tag[t][g], cell[t][g], g, t,
                            2 * cell[t][g] > most ? "white" : "black");
    nn_plot_command(p, "set key off");
    nn_plot_command(p, "plot $cells using 1:2:(0.5):(0.5):3 with boxxyerror "
                       "fillstyle solid 1.0 noborder lc palette");
    return nn_plot_close(p, err);
}

static nn_status plot_roc(nn_plot_mode mode, const char *out, const problem *pb,
                         const holdout *h, const nn_roc *roc, nn_error *err)
{
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "roc", 1, 1, err));
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "roc");
    for (size_t i = 0; i < roc->n; i++)
        nn_plot_data_row(p, 2, (double[]){roc->fpr[i], roc->tpr[i]});
    nn_plot_data_end(p);
    double fpr = (h->tn + h->fp) ? (double)h->fp / (double)(h->tn + h->fp) : 0.0;
    nn_plot_data_begin(p, "point");
    nn_plot_data_row(p, 2, (double[]){fpr, h->recall});
    nn_plot_data_end(p);
    char title[160];
    snprintf(title, sizeof title, "ROC curve on %zu held-out %s: AUC = %.3f", h->split.n_test,
             pb->unit, h->auc);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "false positive rate = 1 - specificity");
    /* In characters the long label would run into the plot. */
    nn_plot_set_text(p, "ylabel", nn_plot_is_text(p) ? "recall" : "true positive rate = recall");
    nn_plot_command(p, "set size ratio -1; set xrange [-0.01:1.01]; set yrange [-0.01:1.01]");
    nn_plot_command(p, "set xtics 0,0.2,1; set ytics 0,0.2,1; set grid");
    nn_plot_key(p, "bottom right opaque box samplen 2 width -2");
    nn_plot_command(p, "plot $roc using 1:2 with lines lw 2.5 lc rgb '#1f4e79' title "
                       "'the network', "
                       "x with lines dt 2 lw 1.5 lc rgb '#888888' title 'coin toss', "
                       "$point using 1:2 with points pt 7 ps 1.4 lc rgb '#c0392b' title "
                       "'threshold 0.5'");
    return nn_plot_close(p, err);
}

/* roc_curve(y_test, P(positive), pos_label): one point per threshold that matters. */
static nn_status draw_roc(nn_plot_mode mode, const char *out, const problem *pb,
                          const holdout *h, nn_error *err)
{
    nn_roc roc = {0};
    NN_TRY(nn_metrics_roc_curve(h->y_test, h->score->data, h->split.n_test, pb->classes[1],
                                1, &roc, err));
    nn_status status = plot_roc(mode, out, pb, h, &roc, err);
    nn_roc_free(&roc);
    return status;
}

static nn_status draw_sweep(nn_plot_mode mode, const char *out, const sweep *sw,
                            size_t folds, bool heart, nn_error *err)
{
    if (!sw->done)
        return NN_OK;
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "width", 1, 1, err));
    if (!p)
        return NN_OK;
    nn_plot_data_begin(p, "sweep");
    for (size_t k = 0; k < N_WIDTHS; k++)
        nn_plot_data_row(p, 4, (double[]){(double)sw->width[k], sw->test[k], sw->cv_mean[k],
                                          sw->cv_std[k]});
    nn_plot_data_end(p);
    char title[160], cv[96];
    snprintf(title, sizeof title, "Accuracy against width: %zu hidden layer%s of w units",
             sw->layers, sw->layers == 1 ? "" : "s");
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "xlabel", "units per hidden layer, w (log scale)");
    nn_plot_set_text(p, "ylabel", "accuracy");
    char tics[256] = "";
    for (size_t k = 0, used = 0; k < N_WIDTHS && used < sizeof tics; k++)
        used += (size_t)snprintf(tics + used, sizeof tics - used, "%s%zu", k ? ", " : "",
                                 sw->width[k]);
    nn_plot_command(p, "set logscale x 2; set xrange [0.7:80]; set xtics (%s)", tics);
    nn_plot_command(p, "set yrange [0.5:1.0]; set ytics 0.5,0.1,1; set grid ytics");
    nn_plot_key(p, "bottom right box opaque");
    /* The titles are our own text and numbers: safe inline. */
    snprintf(cv, sizeof cv, "%zu-fold cross-validation: mean ± standard deviation", folds);
    nn_plot_command(p, "plot $sweep using 1:3:4 with yerrorlines lw 2 pt 7 ps 1.2 "
                       "lc rgb '#1f4e79' title '%s', "
                       "$sweep using 1:2 with linespoints lw 1.5 dt 2 pt 5 ps 1.1 "
                       "lc rgb '#c0392b' title 'the one held-out test set'%s",
                    cv, heart ? ", 0.76 with lines dt 3 lw 1.5 lc rgb '#555555' "
                                "title \"the tutorial's 76%\"" : "");
    return nn_plot_close(p, err);
}


/* --overfitting: two panels over the epochs (log scale), the training loss above and
 * the validation accuracy below, with the best epoch and early stopping's end marked. */
static nn_status draw_overfitting(nn_plot_mode mode, const char *out, const overfitting *ov,
                                  nn_error *err)
{
    if (!ov->done)
        return NN_OK;
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "overfitting", 1, 2, err));
    if (!p)
        return NN_OK;
    size_t n, n_val;
    const double *loss = nn_mlp_loss_curve(ov->watch.clf, &n);
    const double *val = nn_mlp_validation_scores(ov->watch.clf, &n_val);
    nn_plot_data_begin(p, "epochs");
    for (size_t e = 0; e < n && e < n_val; e++)
        nn_plot_data_row(p, 3, (double[]){(double)(e + 1), loss[e], val[e]});
    nn_plot_data_end(p);
    nn_plot_command(p, "set multiplot layout 2,1");
    nn_plot_command(p, "set logscale x 10; set xrange [1:%zu]; set grid; set key off", n);
    nn_plot_command(p, "set lmargin 10; set rmargin 3");
    nn_plot_command(p, "set arrow 1 from %zu, graph 0 to %zu, graph 1 nohead dt 2 lw 1.5 "
                       "lc rgb '#2e7d32'", ov->best_epoch, ov->best_epoch);
    if (ov->stop_epoch)
        nn_plot_command(p, "set arrow 2 from %zu, graph 0 to %zu, graph 1 nohead dt 3 lw 1.5 "
                           "lc rgb '#c0392b'", ov->stop_epoch, ov->stop_epoch);
    nn_plot_set_text(p, "title", "Training loss: it keeps falling, on the training patients");
    nn_plot_set_text(p, "ylabel", "training loss");
    nn_plot_command(p, "set format x ''; set yrange [0:*]");
    nn_plot_command(p, "plot $epochs using 1:2 with lines lw 2.5 lc rgb '#1f4e79'");
    char title[160];
    snprintf(title, sizeof title, "Validation accuracy on %zu held-out training patients "
             "(one patient = %.3f)", ov->n_val, 1.0 / (double)ov->n_val);
    nn_plot_set_text(p, "title", title);
    nn_plot_set_text(p, "ylabel", "validation accuracy");
    nn_plot_set_text(p, "xlabel", "epoch (log scale)");
    nn_plot_command(p, "set format x '%%g'; set yrange [0.3:1]");
    /* In characters the two lines are a few columns apart: "best kept" goes to the left. */
    nn_plot_command(p, "set label 1 'best kept' at %zu, graph 0.08 %s tc rgb '#2e7d32'",
                    ov->best_epoch,
                    nn_plot_is_text(p) ? "right offset -1,0" : "left offset 0.5,0");
    if (ov->stop_epoch)
        nn_plot_command(p, "set label 2 'stopped' at %zu, graph 0.18 left offset %s,0 tc rgb "
                           "'#c0392b'", ov->stop_epoch, nn_plot_is_text(p) ? "2" : "0.5");
    nn_plot_command(p, "plot $epochs using 1:3 with steps lw 2.5 lc rgb '#e67e22'");
    nn_plot_command(p, "unset multiplot");
    return nn_plot_close(p, err);
}

/* --scaling: the three loss curves of the raw table on one log-scale loss axis. */
static nn_status draw_scaling(nn_plot_mode mode, const char *out, const scaling *sc,
                              nn_error *err)
{
    if (!sc->done)
        return NN_OK;
    nn_plot *p;
    NN_TRY(nn_plot_open(&p, mode, out, "scaling", 1, 1, err));
    if (!p)
        return NN_OK;
    static const char *const colours[N_SCALINGS] = {"#c0392b", "#e67e22", "#1f4e79"};
    char block[N_SCALINGS][16], plot[1024] = "plot ";
    size_t used = strlen(plot);
    for (size_t k = 0; k < N_SCALINGS; k++) {
        const scaling_run *r = &sc->run[k];
        snprintf(block[k], sizeof block[k], "run%zu", k);
        nn_plot_data_begin(p, block[k]);
        for (size_t e = 0; e < r->n_curve; e++)
            nn_plot_data_row(p, 2, (double[]){(double)(e + 1), r->curve[e]});
        nn_plot_data_end(p);
        /* The names, numbers and colours are our own text: safe inline. */
        used += (size_t)snprintf(plot + used, sizeof plot - used,
                                 "%s$%s using 1:2 with lines lw 2.5 lc rgb '%s' title "
                                 "'%s: condition number %.3g, test accuracy %.3f'",
                                 k ? ", " : "", block[k], colours[k], r->name, r->condition,
                                 r->accuracy);
    }
    nn_plot_set_text(p, "title", "The raw Statlog table, scaled three ways: training loss "
                                 "per epoch");
    nn_plot_set_text(p, "xlabel", "epoch");
    nn_plot_set_text(p, "ylabel", "training loss (log scale)");
    nn_plot_command(p, "set logscale y 10; set yrange [0.3:30]; set grid; set xrange [0:*]");
    nn_plot_key(p, "top right box opaque");
    nn_plot_command(p, "%s", plot);
    return nn_plot_close(p, err);
}

nn_status draw_figures(nn_plot_mode mode, const char *out, const problem *pb,
                       const nn_mlp_params *params, const holdout *h, const extras *ex,
                       size_t folds, nn_error *err)
{
    NN_TRY(draw_loss(mode, out, h, params, err));
    NN_TRY(draw_confusion(mode, out, pb, h, err));
    NN_TRY(draw_roc(mode, out, pb, h, err));
    NN_TRY(draw_sweep(mode, out, &ex->sw, folds, pb->heart, err));
    NN_TRY(draw_overfitting(mode, out, &ex->ov, err));
    return draw_scaling(mode, out, &ex->sc, err);
}
