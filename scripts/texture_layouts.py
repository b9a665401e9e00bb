#!/usr/bin/python3
"""How the texture-svm descriptor's layout was chosen: validation accuracy of candidate layouts on grouped splits.

An independent re-implementation (numpy + OpenCV + scikit-learn) of the descriptor family: local binary patterns of
the BT.601 grey image at radius r (8 neighbours on the square ring, neighbour >= centre), histogrammed over a g x g
grid of cells, with an OpenCV HSV 12 x 6 x 6 histogram; square roots, standardisation, RBF SVC (gamma "scale"). For
each layout and each split manifest it picks C in {1, 10, 100} on the validation images (SVC fitted on the training
images only) and prints the mean validation accuracy over the manifests. The layout with the best mean validation
accuracy is the one NoteGuard ships; test images are only read with --test, which prints, per layout, the test accuracy
of the SVC refit on training + validation images with the chosen C (what `noteguard train --arch texture-svm` does).

Usage: scripts/texture_layouts.py SPLIT.csv [SPLIT.csv ...] [--test]
  SPLIT.csv: the OUT.split.csv files of `noteguard train` runs with --seed 0..4 (same data, different grouped splits).
"""
import argparse
import csv

import cv2
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

OFFSETS = [(-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1)]
# (radius, grid) rings of each candidate layout; "hsv" adds the colour histogram to every layout.
LAYOUTS = {
    "r1,r2,r3 whole": [(1, 1), (2, 1), (3, 1)],
    "r1..r5 whole": [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1)],
    "r1,r2 2x2 + r3 whole (shipped)": [(1, 2), (2, 2), (3, 1)],
    "r1,r2,r3 2x2": [(1, 2), (2, 2), (3, 2)],
}


def codes(gray, r):
    h, w = gray.shape
    centre = gray[r:h - r, r:w - r]
    code = np.zeros(centre.shape, np.int32)
    for k, (dy, dx) in enumerate(OFFSETS):
        code |= (gray[r + r * dy:h - r + r * dy, r + r * dx:w - r + r * dx] >= centre).astype(np.int32) << k
    return code


def grid_histograms(code, n):
    rows, cols = code.shape
    return [np.bincount(code[i * rows // n:(i + 1) * rows // n, j * cols // n:(j + 1) * cols // n].ravel(), minlength=256)
            / ((((i + 1) * rows // n) - (i * rows // n)) * (((j + 1) * cols // n) - (j * cols // n)))
            for i in range(n) for j in range(n)]


def describe(path, rings):
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    bgr = cv2.resize(bgr, (384, 384), interpolation=cv2.INTER_AREA) if bgr.shape[:2] != (384, 384) else bgr
    rgb = bgr[..., ::-1].astype(np.int32)
    gray = ((299 * rgb[..., 0] + 587 * rgb[..., 1] + 114 * rgb[..., 2] + 500) // 1000).astype(np.int16)
    per_radius = {r: codes(gray, r) for r in {r for r, _ in rings}}
    parts = [h for r, n in rings for h in grid_histograms(per_radius[r], n)]
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    colour = cv2.calcHist([hsv], [0, 1, 2], None, [12, 6, 6], [0, 180, 0, 256, 0, 256]).ravel()
    parts.append(colour / colour.sum())
    return np.sqrt(np.concatenate(parts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("splits", nargs="+")
    ap.add_argument("--test", action="store_true", help="also print test accuracy (after the choice is made)")
    args = ap.parse_args()
    manifests = []
    for path in args.splits:
        with open(path, newline="") as f:
            manifests.append(list(csv.DictReader(f)))
    images = sorted({r["path"] for m in manifests for r in m})
    for name, rings in LAYOUTS.items():
        features = {p: describe(p, rings) for p in images}
        valid_scores, test_scores = [], []
        for rows in manifests:
            x = np.array([features[r["path"]] for r in rows])
            y = np.array([r["label"] for r in rows])
            s = np.array([r["split"] for r in rows])
            tr, va, te = s == "train", s == "valid", s == "test"
            best = None
            for c in (1, 10, 100):
                scaler = StandardScaler().fit(x[tr])
                svc = SVC(C=c).fit(scaler.transform(x[tr]), y[tr])
                accuracy = (svc.predict(scaler.transform(x[va])) == y[va]).mean()
                if best is None or accuracy > best[0]:
                    best = (accuracy, c)
            valid_scores.append(best[0])
            if args.test:
                fit = tr | va
                scaler = StandardScaler().fit(x[fit])
                svc = SVC(C=best[1]).fit(scaler.transform(x[fit]), y[fit])
                test_scores.append((svc.predict(scaler.transform(x[te])) == y[te]).mean())
        line = f"{name:34s} {features[images[0]].size:5d} values  validation {np.mean(valid_scores):.3f}"
        if args.test:
            line += f"  test (refit on train+valid) {np.mean(test_scores):.3f} " + str([round(t, 3) for t in test_scores])
        print(line, flush=True)


if __name__ == "__main__":
    main()
