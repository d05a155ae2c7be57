#!/usr/bin/env bash
# run.sh - `make bench`: nn_mlp and scikit-learn on the same work, side by side.
#
#   bench/run.sh BUILD_DIR RUNS WORKLOAD...    the benchmark (make bench)
#   bench/run.sh --kernels BUILD_DIR           GFLOP/s of the matrix kernels (make bench-kernels)
#
# For each of RUNS rounds and each workload, it runs the C program (BUILD_DIR/bench)
# and then bench_sklearn.py, alternating, so that a change in the machine's load hits
# both sides alike. Each side times only its own fit (or predictions) in its own
# process and prints one line; this script keeps every line in BUILD_DIR/raw.txt and
# then prints, per workload, the median time with the min-max, the ratio of the
# medians, the peak memory of each process, and whether both sides ended at the same
# loss. Then it times the matrix products of each workload alone, with our kernel and
# with OpenBLAS (`bench products`), against the time each target leaves. It writes
# bench/RESULTS.md (the tables and the machine) and bench/results.dat (the same numbers
# for the book's figure).
#
# scikit-learn's BLAS. Debian's numpy calls whatever libblas.so.3 the system selects:
# the slow reference BLAS unless OpenBLAS is installed. The script reports which one it
# found (threadpoolctl) and also runs scikit-learn with OpenBLAS: the system's, or one
# unpacked from Debian's package into BUILD_DIR (apt-get download; nothing is
# installed). OpenBLAS picks a kernel for the processor; when it picks an older one
# than the processor supports (for a model it does not know yet), scikit-learn runs a
# third time with OPENBLAS_CORETYPE set to the best one. After the first round only the
# scikit-learn setups within 1.5 times the fastest stay in, and each workload is
# compared with its fastest setup.
#
# Without Python 3 and scikit-learn the script says so and reports the C side alone.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PY=${BENCH_PYTHON:-/usr/bin/python3}
DIGITS_GZ=${DIGITS_GZ:-/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz}

cpu_model() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1; }

# The newest OpenBLAS kernel (0.3.21's names) this processor can run, from its flags.
best_core() {
    local flags
    flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
    case " $flags " in
    *" avx512_bf16 "*) echo COOPERLAKE ;;
    *" avx512vl "*) echo SKYLAKEX ;;
    *" avx2 "*) echo HASWELL ;;
    *" avx "*) echo SANDYBRIDGE ;;
    *) echo "" ;;
    esac
}
core_rank() {
    case "${1,,}" in
    cooperlake) echo 6 ;; skylakex) echo 5 ;; haswell | zen) echo 4 ;;
    sandybridge) echo 3 ;; nehalem) echo 2 ;; *) echo 1 ;;
    esac
}

# A directory holding OpenBLAS's libblas.so.3, or nothing.
find_openblas() {
    local build=$1 d
    for d in /usr/lib/x86_64-linux-gnu/openblas-pthread /usr/lib/aarch64-linux-gnu/openblas-pthread \
        "$build/openblas/usr/lib/x86_64-linux-gnu/openblas-pthread"; do
        [ -e "$d/libblas.so.3" ] && { echo "$d"; return; }
    done
    command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || return
    mkdir -p "$build/openblas"
    (cd "$build/openblas" && apt-get download libopenblas0-pthread >/dev/null 2>&1 &&
        dpkg-deb -x libopenblas0-pthread_*.deb .) || return
    d=$(dirname "$(find "$build/openblas" -name libblas.so.3 | head -1)" 2>/dev/null)
    [ -e "$d/libblas.so.3" ] && echo "$d"
}

# ---- make bench-kernels ----------------------------------------------------------------
if [ "${1:-}" = --kernels ]; then
    build=$2
    lib=$(find_openblas "$build")
    args=()
    [ -n "$lib" ] && args=(--openblas "$lib/libblas.so.3")
    core=$(best_core)
    echo "GFLOP/s of C = A B for n x n matrices (OpenBLAS: ${lib:-not found}, OPENBLAS_CORETYPE=$core)"
    OPENBLAS_CORETYPE=$core "$build/bench" kernels "${args[@]}" | tee "$here/kernels.dat.tmp" &&
        mv "$here/kernels.dat.tmp" "$here/kernels.dat" && echo "Wrote bench/kernels.dat"
    exit
fi

build=$1 runs=$2
shift 2
workloads=("$@")
raw=$build/raw.txt
: >"$raw"
digits=$build/digits.csv
if [ ! -s "$digits" ]; then
    if [ -r "$DIGITS_GZ" ]; then
        gzip -dc "$DIGITS_GZ" >"$digits.tmp" && mv "$digits.tmp" "$digits"
    else
        echo "bench: $DIGITS_GZ not found (Debian's python3-sklearn ships it): the digits workloads are skipped" >&2
        kept=()
        for w in "${workloads[@]}"; do [ "$w" = heart ] || [ "$w" = wide ] && kept+=("$w"); done
        workloads=("${kept[@]}")
    fi
fi

# ---- The scikit-learn setups: name, then the environment it runs in --------------------
setups=()
if [ -x "$PY" ] && "$PY" -c 'import sklearn, numpy' 2>/dev/null; then
    blas=$("$PY" "$here/bench_sklearn.py" --info)
    echo "scikit-learn: numpy's BLAS as installed is $blas"
    setups+=("default|")
    if [[ $blas != openblas:* ]]; then
        lib=$(find_openblas "$build")
        if [ -n "$lib" ]; then
            blas=$(LD_LIBRARY_PATH=$lib "$PY" "$here/bench_sklearn.py" --info)
            echo "scikit-learn: with OpenBLAS from $lib: $blas"
            setups+=("openblas|LD_LIBRARY_PATH=$lib")
            openblas_env="LD_LIBRARY_PATH=$lib "
        else
            echo "scikit-learn: OpenBLAS not found and not downloadable: the reference BLAS only"
        fi
    else
        openblas_env=""
    fi
    if [[ $blas == openblas:* ]]; then
        arch=$(cut -d: -f2 <<<"$blas")
        core=$(best_core)
        if [ -n "$core" ] && [ "$(core_rank "$arch")" -lt "$(core_rank "$core")" ]; then
            echo "scikit-learn: OpenBLAS chose the $arch kernel, older than this processor's $core: also run with OPENBLAS_CORETYPE=$core"
            setups+=("openblas-${core,,}|${openblas_env}OPENBLAS_CORETYPE=$core")
        fi
    fi
else
    echo "bench: $PY with numpy and scikit-learn not found (apt-get install python3-sklearn): C side alone"
fi

load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

# How much a second core really adds: the blocked kernel's GFLOP/s alone, then in two
# processes at once. On a machine whose cores share one floating-point unit (or a
# quota), each of the two gets about half, and threads cannot help.
kernel_rate() { NN_THREADS=1 "$build/bench" kernels --sizes 192 | awk '$2 == "blocked" { print $3 }'; }
alone=$(kernel_rate)
kernel_rate >"$build/pair.txt" &
pair=$(kernel_rate)
wait
pair2=$(cat "$build/pair.txt")
parallel=$(awk -v a="$alone" -v b="$pair" -v c="$pair2" 'BEGIN { if (a > 0) printf "%.0f", 50 * (b + c) / a }')
echo "one kernel alone: $alone GFLOP/s; two at once: $pair and $pair2 GFLOP/s (each ${parallel}% of alone)"
hexloss() { sed -n 's/.* loss=\([^ ]*\).*/\1/p' <<<"$1"; }

# ---- The rounds ---------------------------------------------------------------------------
for ((round = 1; round <= runs; round++)); do
    echo "round $round of $runs"
    for w in "${workloads[@]}"; do
        line=$("$build/bench" "$w" "$digits") || { echo "bench: the C side failed on $w" >&2; exit 1; }
        echo "round=$round setup=c $line loss_dec=$(printf '%.17g' "$(hexloss "$line")")" >>"$raw"
        for s in "${setups[@]}"; do
            name=${s%%|*} env=${s#*|}
            if [ "$round" -gt 1 ] && ! grep -qx "$w $name" "$build/kept.txt"; then continue; fi
            line=$(env $env "$PY" "$here/bench_sklearn.py" "$w" "$digits") ||
                { echo "bench: scikit-learn failed on $w ($name)" >&2; exit 1; }
            echo "round=$round setup=$name $line loss_dec=$(printf '%.17g' "$(hexloss "$line")")" >>"$raw"
        done
    done
    if [ "$round" -eq 1 ]; then # the setups within 1.5 times the fastest go on
        awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
               if (f["setup"] != "c") { t[f["workload"] " " f["setup"]] = f["seconds"]
                 if (!(f["workload"] in best) || f["seconds"] < best[f["workload"]]) best[f["workload"]] = f["seconds"] } }
             END { for (k in t) { split(k, p, " "); if (t[k] <= 1.5 * best[p[1]]) print k } }' "$raw" >"$build/kept.txt"
    fi
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

# ---- The products alone ------------------------------------------------------------------
# The matrix products of each workload, with our kernel and with OpenBLAS (its best
# kernel for this processor): what no implementation doing this arithmetic can go below.
products=$build/products.txt
lib=$(find_openblas "$build")
echo "the matrix products alone (OpenBLAS: ${lib:-not found})"
OPENBLAS_CORETYPE=$(best_core) "$build/bench" products "$digits" ${lib:+--openblas "$lib/libblas.so.3"} "${workloads[@]}" >"$products" ||
    { echo "bench: bench products failed" >&2; exit 1; }

# ---- The summary ------------------------------------------------------------------------
cc_version=$(${BENCH_CC:-cc} --version 2>/dev/null | head -1)
awk -v out_md="$here/RESULTS.md.tmp" -v out_dat="$here/results.dat.tmp" -v runs="$runs" \
    -v cpu="$(cpu_model)" -v cores="$(nproc 2>/dev/null)" -v cc="$cc_version" \
    -v flags="${BENCH_FLAGS:-}" -v speed_flags="${BENCH_SPEED_FLAGS:-}" \
    -v parallel="one kernel alone $alone GFLOP/s, two processes at once $pair + $pair2 GFLOP/s (each ${parallel}% of alone)" \
    -v load_start="$load_start" -v load_end="$load_end" \
    -v date="$(date -u '+%Y-%m-%d %H:%M UTC')" -v order="${workloads[*]}" -f "$here/summary.awk" "$raw" "$products"
status=$?
[ $status -eq 0 ] || [ $status -eq 3 ] || exit $status
mv "$here/RESULTS.md.tmp" "$here/RESULTS.md"
mv "$here/results.dat.tmp" "$here/results.dat"
echo "Wrote bench/RESULTS.md and bench/results.dat (every run: $raw)"
exit $((status == 3))
