# summary.awk - turns the lines of every bench run (BUILD_DIR/raw.txt) into the table.
#
# Input: one line per run, key=value pairs: round, setup (c, default, openblas, ...),
# workload, seconds, loss, loss_dec, n_iter, maxrss_kb, cpu_seconds, and more; then the
# lines of `bench products` (first word "products": workload, count, flop,
# nn_gemm_seconds, openblas_seconds), the matrix products of each workload alone. Variables
# given by run.sh: out_md, out_dat (files to write), runs, cpu, cores, cc, flags,
# speed_flags, parallel, load_start, load_end, date, order (the workloads in order).
# Exits 3 when a workload's two sides did not end at the same loss.

function median(list, n,    a, i, j, t, k) {
    k = split(list, a, " ")
    for (i = 2; i <= k; i++) {          # insertion sort: a handful of numbers
        t = a[i] + 0
        for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]
        a[j + 1] = t
    }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
}
function lo(list,    a, i, k, m) { k = split(list, a, " "); m = a[1] + 0; for (i = 2; i <= k; i++) if (a[i] + 0 < m) m = a[i] + 0; return m }
function hi(list,    a, i, k, m) { k = split(list, a, " "); m = a[1] + 0; for (i = 2; i <= k; i++) if (a[i] + 0 > m) m = a[i] + 0; return m }
function abs(x) { return x < 0 ? -x : x }
function mb(kb) { return sprintf("%.1f", kb / 1024) }
function fmt(s) { return s < 0.01 ? sprintf("%.2f ms", s * 1000) : s < 1 ? sprintf("%.1f ms", s * 1000) : sprintf("%.2f s", s) }
# "8.58-13.8 ms" for a range whose ends share a unit, else "980.6 ms-1.95 s".
function span(a, b,    fa, fb, ua, ub) {
    fa = fmt(a); fb = fmt(b); ua = fa; ub = fb
    sub(/^[0-9.]+ /, "", ua); sub(/^[0-9.]+ /, "", ub)
    if (ua == ub) sub(/ [a-z]+$/, "", fa)
    return fa "-" fb
}

function gflops(flop, s) { return s > 0 ? sprintf("%.1f", flop / s / 1e9) : "-" }

# The floor: what the matrix products of each workload cost alone, with our kernel and
# with OpenBLAS, against the time a target leaves for the whole fit (scikit-learn's
# median over the target ratio). When even OpenBLAS needs longer for the products
# alone, no kernel of ours can meet the target while doing the same arithmetic.
function products_table(wl, n_w,    w, name, budget, verdict, rest, ob) {
    if (!n_prod) return
    print "## What the matrix products alone cost" > out_md
    print "" > out_md
    print "`bench products` runs only the matrix products of each workload (the same shapes, " \
          "in the same order, on random numbers), the best of 5 runs, with nn_gemm and with " \
          "OpenBLAS's dgemm (fused multiply-adds, its own threads). \"Budget\" is the time the " \
          "target leaves for the whole fit: scikit-learn's median divided by the target. " \
          "lbfgs is left out: its number of function evaluations depends on its line search." > out_md
    print "" > out_md
    print "<!-- [products] -->" > out_md
    print "| workload | products | nn_gemm | OpenBLAS | budget | verdict |" > out_md
    print "|---|---|---|---|---|---|" > out_md
    for (w = 1; w <= n_w; w++) {
        name = wl[w]
        if (!(name in prod_c)) continue
        budget = name in sk_best ? sk_best[name] / target[name] : 0
        ob = name in prod_ob ? fmt(prod_ob[name]) " (" gflops(prod_flop[name], prod_ob[name]) " GFLOP/s)" : "-"
        if (budget == 0)
            verdict = "no scikit-learn time to compare"
        else if (name in prod_ob && prod_ob[name] > budget)
            verdict = "out of reach: OpenBLAS needs " sprintf("%.1f", prod_ob[name] / budget) \
                      " times the budget for the products alone"
        else if (prod_c[name] > budget)
            verdict = "out of reach for nn_gemm: its products alone exceed the budget"
        else {
            rest = budget - prod_c[name]
            verdict = "leaves " fmt(rest) " (" sprintf("%.0f", 100 * rest / budget) "% of the budget) for the rest of the fit"
        }
        print "| " name " | " prod_count[name] ", " sprintf("%.3g", prod_flop[name] / 1e9) " GFLOP | " \
              fmt(prod_c[name]) " (" gflops(prod_flop[name], prod_c[name]) " GFLOP/s) | " ob " | " \
              (budget > 0 ? fmt(budget) " (" target[name] "x)" : "-") " | " verdict " |" > out_md
    }
    print "<!-- [end products] -->" > out_md
    print "" > out_md
}

{
    delete f
    for (i = 1; i <= NF; i++) { p = index($i, "="); f[substr($i, 1, p - 1)] = substr($i, p + 1) }
    if ($1 == "products") {  # `bench products`: the matrix products of one fit alone
        w = f["workload"]; prod_count[w] = f["count"]; prod_flop[w] = f["flop"]; n_prod++
        prod_c[w] = f["nn_gemm_seconds"]; if ("openblas_seconds" in f) prod_ob[w] = f["openblas_seconds"]
        next
    }
    key = f["workload"] SUBSEP f["setup"]
    times[key] = times[key] " " f["seconds"]
    rss[key] = rss[key] " " f["maxrss_kb"]
    cpus[key] = cpus[key] " " f["cpu_seconds"]
    loss[key] = f["loss_dec"]; hexloss[key] = f["loss"]; iters[key] = f["n_iter"]
    if ("samples" in f) samples[f["workload"]] = f["samples"]
    if ("blas" in f) blas[f["setup"]] = f["blas"]
    if ("kernel" in f) { kernel = f["kernel"]; threads = f["threads"] }
    if (f["setup"] != "c" && !(f["setup"] in seen_setup)) { seen_setup[f["setup"]] = 1; setups[++n_setups] = f["setup"] }
}

END {
    target["heart"] = 50; target["digits-adam"] = 3; target["digits-sgd"] = 2
    target["digits-lbfgs"] = 2; target["wide"] = 1.5; target["predict"] = 5
    what["heart"] = "heart_scale 270 x 13, (14, 14), adam, 200 epochs"
    what["digits-adam"] = "digits 1797 x 64, (100,), adam, 200 epochs"
    what["digits-sgd"] = "digits, (100,), sgd, 200 epochs"
    what["digits-lbfgs"] = "digits, (100,), lbfgs, 200 iterations"
    what["wide"] = "synthetic 20000 x 100, 4 classes, (256, 128), adam, 10 epochs"
    what["predict"] = "predict_proba on digits, 200 times"
    n_w = split(order, wl, " ")
    status = 0
    print "# Benchmark: nn_mlp against scikit-learn" > out_md
    print "" > out_md
    print "Written by `make bench` (bench/run.sh); do not edit by hand. Each side ran " runs \
          " times per workload, alternating, and timed only its own fit (or predictions) " \
          "with a monotonic clock. Times are medians (min-max); the speed-up is scikit-learn's " \
          "median over ours, against scikit-learn's fastest BLAS setup for that workload; " \
          "memory is the peak resident size of each whole process; CPU time is the median processor " \
          "time of all of a side's threads during the timed part (more than the wall time when " \
          "threads worked at once, much less when other programs held the processor)." > out_md
    print "" > out_md
    print "<!-- [table] -->" > out_md
    print "| workload | nn_mlp | scikit-learn | speed-up | target | memory (C / Python) | CPU time (C / Python) | same loss |" > out_md
    print "|---|---|---|---|---|---|---|---|" > out_md
    print "# workload c_median c_min c_max sklearn_median sklearn_min sklearn_max speedup target c_rss_mb sklearn_rss_mb" > out_dat
    printf "%-13s %22s %26s %9s %7s %16s %s\n", "workload", "nn_mlp", "scikit-learn", "speed-up", "target", "memory MB", "same loss"
    for (w = 1; w <= n_w; w++) {
        name = wl[w]; ck = name SUBSEP "c"
        if (!(ck in times)) continue
        cm = median(times[ck]); crss = median(rss[ck])
        best = ""; bm = 0; most = 0
        for (s = 1; s <= n_setups; s++) {  # setups dropped after round 1 do not count
            k = name SUBSEP setups[s]
            if (k in times && split(substr(times[k], 2), tmp, " ") > most) most = length(tmp)
        }
        for (s = 1; s <= n_setups; s++) {
            k = name SUBSEP setups[s]
            if (!(k in times) || split(substr(times[k], 2), tmp, " ") < most) continue
            m = median(times[k])
            if (best == "" || m < bm) { best = setups[s]; bm = m }
        }
        c_txt = fmt(cm) " (" span(lo(times[ck]), hi(times[ck])) ")"
        if (best == "") {
            printf "%-13s %22s %26s\n", name, c_txt, "(no scikit-learn)"
            print "| " name " | " c_txt " | - | - | " target[name] "x | " mb(crss) " MB / - | " fmt(median(cpus[ck])) " / - | - |" > out_md
            printf "%s %.6g %.6g %.6g NaN NaN NaN NaN %s %.2f NaN\n", name, cm, lo(times[ck]), hi(times[ck]), target[name], crss / 1024 > out_dat
            continue
        }
        bk = name SUBSEP best
        sk_best[name] = bm
        skrss = median(rss[bk])
        ratio = bm / cm
        rel = abs(loss[ck] - loss[bk]) / (abs(loss[bk]) > 0 ? abs(loss[bk]) : 1)
        tol = name == "digits-lbfgs" ? 5e-2 : 1e-9
        same = rel <= tol ? "yes" : "NO"
        if (rel > tol) status = 3
        same = same sprintf(" (%.0e)", rel)
        s_txt = fmt(bm) " (" span(lo(times[bk]), hi(times[bk])) ") " best
        met = ratio >= target[name] ? "" : " (missed)"
        printf "%-13s %22s %26s %8.1fx %6sx %7s / %-7s %s\n", name, c_txt, s_txt, ratio, target[name], mb(crss), mb(skrss), same
        print "| " name " | " c_txt " | " s_txt " | **" sprintf("%.1f", ratio) "x** | " target[name] "x" met \
              " | " mb(crss) " / " mb(skrss) " MB (1/" sprintf("%.0f", skrss / crss) ") | " \
              fmt(median(cpus[ck])) " / " fmt(median(cpus[bk])) " | " same " |" > out_md
        printf "%s %.6g %.6g %.6g %.6g %.6g %.6g %.4g %s %.2f %.2f\n", name, cm, lo(times[ck]), hi(times[ck]), \
               bm, lo(times[bk]), hi(times[bk]), ratio, target[name], crss / 1024, skrss / 1024 > out_dat
        if (name in samples)
            tp = tp "- predict: nn_mlp " sprintf("%.3g", samples[name] / cm) " samples/s, scikit-learn " \
                 sprintf("%.3g", samples[name] / bm) " samples/s.\n"
    }
    print "<!-- [end table] -->" > out_md
    print "" > out_md
    if (tp != "") print tp > out_md
    print "\"same loss\" compares the final training loss of both sides (relative difference in " \
          "brackets). sgd and adam replay scikit-learn's trajectory (tolerance 1e-9); lbfgs is not " \
          "replayed step for step (scipy's L-BFGS-B differs in its line search), so it gets 5e-2." > out_md
    print "" > out_md
    if (n_setups > 0) {
        print "scikit-learn setups (median of each; the fastest counts; setups slower than 1.5 times " \
              "the fastest after the first round were not run again):" > out_md
        print "" > out_md
        hdr = "| workload |"; sep = "|---|"
        for (s = 1; s <= n_setups; s++) { hdr = hdr " " setups[s] " (" blas[setups[s]] ") |"; sep = sep "---|" }
        print hdr > out_md; print sep > out_md
        for (w = 1; w <= n_w; w++) {
            row = "| " wl[w] " |"
            for (s = 1; s <= n_setups; s++) {
                k = wl[w] SUBSEP setups[s]
                row = row " " (k in times ? fmt(median(times[k])) " (" split(substr(times[k], 2), tmp, " ") " runs)" : "-") " |"
            }
            print row > out_md
        }
        print "" > out_md
    }
    products_table(wl, n_w)
    print "## The machine" > out_md
    print "" > out_md
    print "<!-- [machine] -->" > out_md
    print "- Processor: " cpu ", " cores " cores" > out_md
    print "- Compiler: " cc > out_md
    gsub(/  +/, " ", flags)
    print "- Flags: `" flags "`, and for the files a fit runs in `" speed_flags "`; matrix kernel: " \
          kernel ", " threads " threads" > out_md
    print "- Load average (1, 5, 15 min) at the start: " load_start "; at the end: " load_end > out_md
    print "- What a second core adds (matrix kernel, n = 192): " parallel > out_md
    print "- Date: " date > out_md
    print "<!-- [end machine] -->" > out_md
    print "" > out_md
    print "Workloads: " > out_md
    for (w = 1; w <= n_w; w++) print "- " wl[w] ": " what[wl[w]] > out_md
    close(out_md); close(out_dat)
    exit status
}
