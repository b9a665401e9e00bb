#!/usr/bin/python3
"""scikit-learn peer for `noteguard tabular evaluate`: the same models on the same folds.

For each model, NoteGuard's CLI writes its fold assignment (--folds-out) and its metrics (--json); this script
reads that fold CSV, fits the scikit-learn equivalent (StandardScaler fitted on each training part only) and
prints both side by side.

  /usr/bin/python3 bench/peers/sklearn_tabular.py --noteguard artifacts/bin/NoteGuard.Cli/release/noteguard \
      --data ../shared/datasets/uci-banknote/banknote_authentication.csv --label class --cv 10
  ... --holdout 0.3 --models svm            (seed 003's protocol)

Without --noteguard, pass --folds FOLDS.csv (columns row,fold; fold -1 = always training) to score scikit-learn only.
"""
import argparse
import csv
import json
import subprocess
import sys
import tempfile
import os

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier


def make(model, seed):
    return {
        "svm": lambda: SVC(kernel="rbf", C=1.0, gamma="scale"),
        "logreg": lambda: LogisticRegression(C=1.0, max_iter=10000),
        "knn": lambda: KNeighborsClassifier(n_neighbors=5),
        "forest": lambda: RandomForestClassifier(n_estimators=100, random_state=seed),
        "tree": lambda: DecisionTreeClassifier(random_state=seed),
        "nb": lambda: GaussianNB(),
    }[model]()


def sklearn_scores(x, y, folds, model, seed):
    predicted = np.full(len(y), None, dtype=object)
    fold_acc = []
    for f in range(folds.max() + 1):
        test = folds == f
        clf = make_pipeline(StandardScaler(), make(model, seed)).fit(x[~test], y[~test])
        predicted[test] = clf.predict(x[test])
        fold_acc.append(accuracy_score(y[test], predicted[test]))
    tested = folds >= 0
    yt, yp = y[tested], predicted[tested].astype(y.dtype)
    return accuracy_score(yt, yp), f1_score(yt, yp, average="macro"), float(np.mean(fold_acc))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--models", default="svm,logreg,knn,forest,tree,nb")
    ap.add_argument("--noteguard", help="path of the noteguard executable (runs it for the NoteGuard side)")
    ap.add_argument("--folds", help="fold CSV (row,fold) when --noteguard is not given")
    ap.add_argument("--cv", type=int)
    ap.add_argument("--holdout", type=float)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    with open(args.data, newline="") as fh:
        dialect = csv.Sniffer().sniff(fh.read(4096), delimiters=",;\t")
        fh.seek(0)
        rows = list(csv.reader(fh, dialect))
    header, rows = rows[0], [r for r in rows[1:] if r]
    li = header.index(args.label)
    y = np.array([r[li] for r in rows])
    x = np.array([[float(v) for i, v in enumerate(r) if i != li] for r in rows], dtype=np.float64)

    print(f"{'model':8} {'NG acc':>8} {'SK acc':>8} {'diff pt':>8} {'NG F1':>8} {'SK F1':>8}  split")
    for model in args.models.split(","):
        ng = None
        if args.noteguard:
            folds_path = os.path.join(tempfile.mkdtemp(), "folds.csv")
            cmd = [args.noteguard, "tabular", "evaluate", "--data", args.data, "--label", args.label, "--model", model,
                   "--standardize", "--seed", str(args.seed), "--json", "--bootstrap", "0", "--folds-out", folds_path]
            cmd += ["--holdout", str(args.holdout)] if args.holdout else ["--cv", str(args.cv or 10)]
            ng = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            folds_file = folds_path
        else:
            folds_file = args.folds
        folds_table = np.loadtxt(folds_file, delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
        folds = np.full(len(y), -2)
        folds[folds_table[:, 0]] = folds_table[:, 1]
        acc, f1, _ = sklearn_scores(x, y, folds, model, args.seed)
        if ng:
            print(f"{model:8} {ng['accuracy']:8.4f} {acc:8.4f} {100 * (ng['accuracy'] - acc):+8.2f} {ng['macro_f1']:8.4f} {f1:8.4f}  {ng['split']}")
        else:
            print(f"{model:8} {'':>8} {acc:8.4f} {'':>8} {'':>8} {f1:8.4f}  {folds_file}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
