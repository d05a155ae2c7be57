# plot.gp - the appendix's figures, drawn from the committed benchmark results.
#
#   gnuplot -e "results='bench/results.dat'; kernels='bench/kernels.dat'; outdir='DIR'" bench/plot.gp
#
# speedup.svg: nn_mlp's speed-up over scikit-learn per workload (bars) and its target
# (marks), on a log scale. kernels.svg: GFLOP/s of each matrix kernel against n.
# Both files come from `make bench` and `make bench-kernels`; the book never runs them.

set terminal svg size 720,400 dynamic enhanced font "sans,12" background "white"
set encoding utf8

set output outdir."/speedup.svg"
set title "nn\\_mlp against scikit-learn on the same work (higher is better)"
set ylabel "speed-up (scikit-learn time / nn\\_mlp time)"
set logscale y
set yrange [1:*]
set style fill solid 0.8 border -1
set boxwidth 0.6
set grid ytics
set key top right
set xtics nomirror
plot results using 0:8:xtic(1) with boxes lc rgb "#3573b9" title "measured", \
     results using 0:9 with points pt 7 ps 1.2 lc rgb "#c0392b" title "target", \
     results using 0:8:(sprintf("%.1fx", $8)) with labels offset 0,0.8 notitle

unset logscale y
unset yrange
set output outdir."/kernels.svg"
set title "Matrix product C = A B on n x n matrices"
set xlabel "n"
set ylabel "GFLOP/s"
set logscale x 2
set yrange [0:*]
set key top left
plot kernels using 1:(strcol(2) eq "naive" ? $3 : NaN) with linespoints pt 7 title "triple loop (reference)", \
     kernels using 1:(strcol(2) eq "blocked" ? $3 : NaN) with linespoints pt 5 title "blocked, vectorised (1 thread)", \
     kernels using 1:(strcol(2) eq "threaded" ? $3 : NaN) with linespoints pt 9 title "blocked + threads", \
     kernels using 1:(strcol(2) eq "openblas" ? $3 : NaN) with linespoints pt 11 dt 2 title "OpenBLAS dgemm (with FMA)"
