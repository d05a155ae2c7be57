#!/usr/bin/python3
"""The scikit-learn side of `make bench`: the same work as bench/bench.c, timed the same way.

    bench_sklearn.py WORKLOAD DIGITS_CSV [--info]

WORKLOAD is one of heart, digits-adam, digits-sgd, digits-lbfgs, wide, predict (see
bench/bench.c, which defines them; the parameters here must stay the same). The script
loads the data, then times only the fit (or, for predict, only the predict_proba calls)
with time.perf_counter, a monotonic clock, and prints one line of key=value pairs:

    side=sklearn workload=heart seconds=0.3012 loss=0x1.5bf0a8b145769p-2 n_iter=200
        samples=... maxrss_kb=98765 blas=openblas:Cooperlake:2

loss is the final training loss as an exact hexadecimal float, maxrss_kb the peak
resident memory of this whole process (getrusage), cpu_seconds the processor time of
all its threads over the same span (time.process_time). With --info it prints only the BLAS
that numpy uses, as threadpoolctl reports it.
"""

import os
import resource
import sys
import time
import warnings

# bench/ holds no module named like the standard library's, but keep the script's own
# directory off the path anyway, as the fixture scripts do.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]

import numpy as np  # noqa: E402
from sklearn.datasets import load_svmlight_file  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402

ROOT = os.path.dirname(_here)
PREDICT_REPEATS = 200  # bench.c: PREDICT_REPEATS


def blas_info():
    """'openblas:Cooperlake:2' (library, kernel, threads) or 'blas:reference:1'."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "unknown"
    for lib in threadpool_info():
        if lib.get("user_api") == "blas":
            arch = lib.get("architecture") or "generic"
            return "%s:%s:%s" % (lib.get("internal_api"), arch, lib.get("num_threads"))
    # No BLAS that threadpoolctl knows: Debian's reference libblas.so.3.
    return "reference:netlib:1"


def heart():
    X, y = load_svmlight_file(os.path.join(ROOT, "data", "heart_scale"))
    return X.toarray(), y


def digits(path):
    data = np.loadtxt(path, delimiter=",")
    return data[:, :-1] / 16.0, data[:, -1]


def wide():
    """20,000 x 100 standard normal features and 4 classes, drawn exactly as bench.c
    draws them with nn_rng: X row by row, then two noise values per row."""
    rs = np.random.RandomState(0)
    X = rs.standard_normal((20000, 100))
    e = rs.standard_normal((20000, 2))
    a = (X[:, 0] + 0.5 * X[:, 2]) + 0.5 * e[:, 0] > 0
    b = (X[:, 1] - 0.5 * X[:, 3]) + 0.5 * e[:, 1] > 0
    return X, 2.0 * a + 1.0 * b


def model(hidden, solver, max_iter):
    # tol=0 and n_iter_no_change > max_iter: every epoch (iteration) runs.
    return MLPClassifier(hidden_layer_sizes=hidden, solver=solver, max_iter=max_iter,
                         tol=0.0, n_iter_no_change=max_iter + 1, random_state=0)


WORKLOADS = {
    # name: (data, hidden layers, solver, epochs or iterations)
    "heart": ("heart", (14, 14), "adam", 200),
    "digits-adam": ("digits", (100,), "adam", 200),
    "digits-sgd": ("digits", (100,), "sgd", 200),
    "digits-lbfgs": ("digits", (100,), "lbfgs", 200),
    "wide": ("wide", (256, 128), "adam", 10),
    "predict": ("digits", (100,), "adam", 20),
}


def main(argv):
    if len(argv) >= 2 and argv[1] == "--info":
        print(blas_info())
        return 0
    if len(argv) != 3 or argv[1] not in WORKLOADS:
        sys.stderr.write("usage: bench_sklearn.py {%s} DIGITS_CSV\n" % ",".join(WORKLOADS))
        return 2
    name = argv[1]
    source, hidden, solver, iters = WORKLOADS[name]
    X, y = {"heart": heart, "wide": wide}.get(source, lambda: digits(argv[2]))()
    clf = model(hidden, solver, iters)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start, cpu_start = time.perf_counter(), time.process_time()
        clf.fit(X, y)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    extra = ""
    if name == "predict":
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(PREDICT_REPEATS):
            proba = clf.predict_proba(X)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        extra = " samples=%d checksum=%s" % (PREDICT_REPEATS * X.shape[0],
                                             float(proba.sum()).hex())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("side=sklearn workload=%s seconds=%.6f loss=%s n_iter=%d maxrss_kb=%d cpu_seconds=%.6f "
          "blas=%s%s" % (name, seconds, float(clf.loss_).hex(), clf.n_iter_, rss, cpu,
                         blas_info(), extra))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
