/* live.c - the live figure of chapter 8 (--live): while the held-out network trains,
 * its training loss and its accuracy on the held-out patients, epoch by epoch. The
 * library calls live_epoch after every epoch through params.on_iteration, with the
 * network as it is at that moment; the frame scores it on the held-out patients
 * (nn_mlp_score, read-only), refreshes the datablocks $loss and $score and sends
 * `replot`. The fit gets the same numbers with or without the figure. */
#include <stdio.h>

#include "live.h"

static void live_epoch(const nn_mlp *m, long epoch, double loss, void *context)
{
    live_fit *live = context;
    const holdout *h = live->h;
    if (live->n >= LIVE_CURVE)
        return;
    nn_matrix y_test = {h->X_test->rows, 1, h->y_test};
    double accuracy = 0.0;
    nn_error err;
    if (nn_mlp_score(m, h->X_test, &y_test, &accuracy, &err) != NN_OK)
        accuracy = 0.0; /* NaN would be kinder, but the score cannot fail here */
    live->loss[live->n] = loss;
    live->score[live->n++] = accuracy;
    if (!live_due(epoch, &live->drawn) || !nn_plot_frame_begin(live->p))
        return;
    nn_plot *p = live->p;
    nn_plot_data_begin(p, "loss");
    for (size_t i = 0; i < live->n; i++)
        nn_plot_data_row(p, 3, (double[]){(double)(i + 1), live->loss[i], live->score[i]});
    nn_plot_data_end(p);
    char title[96];
    snprintf(title, sizeof title, "epoch %ld: training loss %.4f, held-out accuracy %.3f",
             epoch, loss, accuracy);
    nn_plot_set_text(p, "title", title);
    if (epoch == 1) {
        nn_plot_command(p, "set grid; set key bottom left; set yrange [0:*]; "
                           "set y2range [0:1]; set y2tics; set ytics nomirror");
        nn_plot_set_text(p, "xlabel", "epoch");
        nn_plot_set_text(p, "ylabel", "training loss");
        nn_plot_set_text(p, "y2label", "accuracy on the held-out patients");
        nn_plot_command(p, "plot $loss using 1:2 with lines lw 2 lc rgb '#1f4e79' "
                           "title 'training loss', "
                           "$loss using 1:3 axes x1y2 with lines lw 2 lc rgb '#c0392b' "
                           "title 'held-out accuracy'");
    } else {
        nn_plot_command(p, "replot");
    }
    nn_plot_frame_end(p);
}

nn_status live_open(live_fit *live, bool on, nn_plot_mode mode, const holdout *h,
                    nn_mlp_params *params, nn_error *err)
{
    *live = (live_fit){.h = h};
    if (!on)
        return NN_OK;
    NN_TRY(nn_plot_open_live(&live->p, mode, "heart disease: training, live", 1, 1, err));
    if (!live->p)
        return NN_OK;
    live->loss = nn_alloc(2 * LIVE_CURVE, sizeof(double), "live curves", err);
    if (!live->loss) {
        live_close(live);
        return NN_ERR_NOMEM;
    }
    live->score = live->loss + LIVE_CURVE;
    params->on_iteration = live_epoch;
    params->on_iteration_context = live;
    return NN_OK;
}

void live_close(live_fit *live)
{
    nn_plot_close(live->p, NULL);
    nn_alloc_free(live->loss);
    live->p = NULL;
    live->loss = live->score = NULL;
}
