# plot.gp - the appendix's figures, drawn from the committed benchmark results.
#
#   gnuplot -e "results='bench/results.dat'; kernels='bench/kernels.dat'; outdir='DIR'" bench/plot.gp
#
# speedup.svg: nn_mlp's speed-up over scikit-learn per workload (filled bars) and its
# target (dashed outlines), on a log scale. kernels.svg: GFLOP/s of each matrix kernel against n.
# Both files come from `make bench` and `make bench-kernels`; the book never runs them.

set terminal svg size 720,400 dynamic enhanced font "sans,12" background "white"
set encoding utf8

set output outdir."/speedup.svg"
set title "nn\\_mlp against scikit-learn on the same work (higher is better)"
set ylabel "speed-up (scikit-learn time / nn\\_mlp time)"
set logscale y
set yrange [0.3:*]
set style fill solid 0.8 border -1
set boxwidth 0.6
set grid ytics
set key top right
set xtics nomirror
plot results using 0:8:xtic(1) with boxes fs solid 0.8 lc rgb "#3573b9" title "measured", \
     results using 0:9 with boxes fs empty border lc rgb "#c0392b" lw 2 dt 2 title "target", \
     results using 0:8:(sprintf("%.1fx", $8)) with labels offset 0,0.8 notitle

unset logscale y
unset yrange
set output outdir."/kernels.svg"
set title "Matrix product C = A B on n x n matrices"
set xlabel "n (A, B and C are n x n)"
set ylabel "GFLOP/s"
set logscale x 2
set yrange [0:*]
set key outside below horizontal maxcols 2 height 1
names = "naive blocked threaded openblas"
titles = "'triple loop (reference)' 'blocked, vectorised (1 thread)' 'blocked + threads' 'OpenBLAS dgemm (FMA, its own threads)'"
plot for [i = 1:4] sprintf("< grep ' %s ' '%s'", word(names, i), kernels) using 1:3 \
     with linespoints pt (4 + i) lw 2 title word(titles, i)
