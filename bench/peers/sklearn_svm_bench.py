#!/usr/bin/python3
"""scikit-learn (libsvm) peer of bench/NoteGuard.Benchmarks/Classical/SvmBenchmarks.cs.

Times SVC(kernel="rbf", C=1, gamma="scale") fit and predict on the same data as the C# benchmark:
  - uci:       ../shared/datasets/uci-banknote/banknote_authentication.csv, standardised, all 1,372 rows;
  - synthetic: 20,000 x 32 from the xorshift64* generator below (identical to SyntheticData.cs).
Prints one JSON object per line: {"data", "fit_ms", "predict_ms", "support_vectors"} (best of --repeat runs).

  /usr/bin/python3 bench/peers/sklearn_svm_bench.py [--repeat 3] [--csv-out DIR]

Two modes for the steady-state UCI comparison driven by `NoteGuard.Benchmarks svm-uci` (SvmUciTiming.cs):
  --uci-cold   time the first SVC.fit of this fresh process (imports and data loading excluded), print JSON, exit;
  --uci-data F the float64 matrix NoteGuard standardised (so both fit bit-identical input) instead of the CSV;
  --uci-serve  load the data once, then answer "fit N" lines on stdin with the wall (time.perf_counter) and CPU
               (time.process_time) milliseconds of N back-to-back fits as one JSON line; "quit" ends.
"""
import argparse
import hashlib
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

MASK = (1 << 64) - 1


def synthetic(rows=20000, cols=32, seed=20261121):
    """xorshift64*: state ^= state >> 12; ^= << 25; ^= >> 27; out = state * 2685821657736338717; u = (out >> 11) / 2^53."""
    state = seed & MASK or 1
    n = rows * (cols + 1)
    u = np.empty(n)
    for k in range(n):
        state ^= state >> 12
        state ^= (state << 25) & MASK
        state ^= state >> 27
        u[k] = (((state * 2685821657736338717) & MASK) >> 11) / float(1 << 53)
    u = u.reshape(rows, cols + 1)
    x = 2 * u[:, :cols] - 1
    signs = np.where(np.arange(8) % 2 == 0, 1.0, -1.0)
    score = x[:, :8] @ signs + 0.5 * np.sin(3 * x[:, 8]) + 0.6 * (u[:, cols] - 0.5)
    y = (score > 0).astype(int)
    return x, y


def uci():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.environ.get("NOTEGUARD_DATA", os.path.join(here, "..", "..", "..", "shared", "datasets"))
    data = np.loadtxt(os.path.join(root, "uci-banknote", "banknote_authentication.csv"), delimiter=",", skiprows=1)
    return StandardScaler().fit_transform(data[:, :4]), data[:, 4].astype(int)


def bench(name, x, y, repeat):
    best_fit = best_pred = best_fit_cpu = best_pred_cpu = float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        clf = SVC(kernel="rbf", C=1.0, gamma="scale").fit(x, y)
        best_fit, best_fit_cpu = min(best_fit, time.perf_counter() - t), min(best_fit_cpu, time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        clf.predict(x if x.shape[0] < 5000 else x[:2000])
        best_pred, best_pred_cpu = min(best_pred, time.perf_counter() - t), min(best_pred_cpu, time.process_time() - c)
    print(json.dumps({"data": name, "rows": int(x.shape[0]), "fit_ms": 1000 * best_fit, "predict_ms": 1000 * best_pred,
                      "fit_cpu_ms": 1000 * best_fit_cpu, "predict_cpu_ms": 1000 * best_pred_cpu,
                      "support_vectors": int(clf.n_support_.sum())}), flush=True)


def uci_fit(x, y):
    """One timed fit: (wall ms, CPU ms, fitted model)."""
    t, c = time.perf_counter(), time.process_time()
    clf = SVC(kernel="rbf", C=1.0, gamma="scale").fit(x, y)
    return 1000 * (time.perf_counter() - t), 1000 * (time.process_time() - c), clf


def describe(clf):
    return {"support_vectors": int(clf.n_support_.sum()), "rho": float(-clf._intercept_[0]), "gamma": float(clf._gamma),
            "sklearn": sklearn.__version__}


def uci_or_file(path):
    """The standardised UCI set, or exactly the matrix NoteGuard wrote: little-endian float64 rows of 4 features + label."""
    if not path:
        return uci()
    a = np.fromfile(path, dtype="<f8").reshape(-1, 5)
    return np.ascontiguousarray(a[:, :4]), a[:, 4].astype(int)


def uci_cold(path):
    x, y = uci_or_file(path)
    wall, cpu, clf = uci_fit(x, y)
    print(json.dumps({"cold_fit_ms": wall, "cold_fit_cpu_ms": cpu, **describe(clf)}), flush=True)


def uci_serve(path):
    x, y = uci_or_file(path)
    print(json.dumps({"ready": True, "rows": int(x.shape[0]), "sha256": hashlib.sha256(np.ascontiguousarray(x, dtype="<f8").tobytes()).hexdigest()[:16]}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        walls, cpus = [], []
        clf = None
        for _ in range(int(words[1])):
            wall, cpu, clf = uci_fit(x, y)
            walls.append(wall)
            cpus.append(cpu)
        print(json.dumps({"wall_ms": walls, "cpu_ms": cpus, **describe(clf)}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--csv-out", help="also write the synthetic set as CSV here (for checks)")
    ap.add_argument("--uci-cold", action="store_true", help="time the first UCI fit of this process and exit")
    ap.add_argument("--uci-serve", action="store_true", help="answer 'fit N' lines on stdin with UCI fit times")
    ap.add_argument("--uci-data", help="with --uci-cold/--uci-serve: fit this float64 matrix (x | y) instead of scaling the CSV")
    args = ap.parse_args()
    if args.uci_cold:
        uci_cold(args.uci_data)
        return
    if args.uci_serve:
        uci_serve(args.uci_data)
        return
    bench("uci", *uci(), args.repeat)
    x, y = synthetic()
    if args.csv_out:
        np.savetxt(os.path.join(args.csv_out, "synthetic.csv"), np.column_stack([x, y]), delimiter=",", comments="",
                   header=",".join([f"x{j}" for j in range(x.shape[1])] + ["y"]), fmt="%.17g")
    bench("synthetic", x, y, args.repeat)


if __name__ == "__main__":
    main()
