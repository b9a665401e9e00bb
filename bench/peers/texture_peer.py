#!/usr/bin/python3
"""Peer for the texture-svm line of CheckLatency (`check-latency`): the same authenticity check with OpenCV + numpy +
scikit-learn in one process.

Same work as NoteGuard's texture-svm model: decode the 512x512 JPEG (cv2.imdecode), resample to 384x384 (INTER_AREA),
8-bit grey (BT.601), local binary patterns at radius 1 and 2 (2 x 2 cells) and 3 (whole image), an OpenCV HSV
12 x 6 x 6 histogram, square roots, standardisation, and an RBF SVC's predict_proba at batch 1. The SVC is fitted on
random descriptors with as many rows as the bundled model has support vectors (SV, default 594) so that nearly every
row is a support vector: the kernel work per prediction (support vectors x 2,736 features) is the bundled model's.
It prints scikit-learn's support-vector count beside the timings. Usage:
  /usr/bin/python3 bench/peers/texture_peer.py JPEG [ITERATIONS] [SV]
JPEG is the file check-latency prints. Prints wall-clock medians per stage and the process CPU time per check.
"""
import sys
import time

import cv2
import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

OFFSETS = [(-1, -1), (-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1)]
RINGS = [(1, 2), (2, 2), (3, 1)]


def patterns(gray, r, n):
    h, w = gray.shape
    centre = gray[r:h - r, r:w - r]
    code = np.zeros(centre.shape, np.int32)
    for k, (dy, dx) in enumerate(OFFSETS):
        code |= (gray[r + r * dy:h - r + r * dy, r + r * dx:w - r + r * dx] >= centre).astype(np.int32) << k
    rows, cols = code.shape
    out = []
    for i in range(n):
        for j in range(n):
            cell = code[i * rows // n:(i + 1) * rows // n, j * cols // n:(j + 1) * cols // n]
            out.append(np.bincount(cell.ravel(), minlength=256) / cell.size)
    return out


def describe(bgr):
    rgb = bgr[..., ::-1].astype(np.int32)
    gray = ((299 * rgb[..., 0] + 587 * rgb[..., 1] + 114 * rgb[..., 2] + 500) // 1000).astype(np.int16)
    parts = [h for r, n in RINGS for h in patterns(gray, r, n)]
    hsv = cv2.cvtColor(bgr, cv2.COLOR_BGR2HSV)
    colour = cv2.calcHist([hsv], [0, 1, 2], None, [12, 6, 6], [0, 180, 0, 256, 0, 256]).ravel()
    parts.append(colour / colour.sum())
    return np.sqrt(np.concatenate(parts))


def check(data, scaler, svc):
    t0 = time.perf_counter()
    bgr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    t1 = time.perf_counter()
    x = describe(cv2.resize(bgr, (384, 384), interpolation=cv2.INTER_AREA))[None]
    t2 = time.perf_counter()
    p = svc.predict_proba(scaler.transform(x))[0]
    t3 = time.perf_counter()
    return p, ((t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, (t3 - t0) * 1e3)


def main():
    path = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 594
    cv2.setNumThreads(1)
    data = open(path, "rb").read()
    rng = np.random.default_rng(1)
    x = np.sqrt(rng.random((rows, 2736)) / 256)
    y = np.arange(rows) % 2
    scaler = StandardScaler().fit(x)
    svc = SVC(C=1, probability=True, random_state=0).fit(scaler.transform(x), y)
    start = time.perf_counter()
    while time.perf_counter() - start < 3:
        check(data, scaler, svc)
    stages, cpu = [], []
    for _ in range(iterations):
        c0 = time.process_time()
        stages.append(check(data, scaler, svc)[1])
        cpu.append((time.process_time() - c0) * 1e3)
    s = np.array(stages)
    med = np.median(s, axis=0)
    print(f"peer OpenCV {cv2.__version__} + numpy {np.__version__} + scikit-learn {sklearn.__version__}, texture-svm "
          f"({svc.support_vectors_.shape[0]} support vectors x {svc.support_vectors_.shape[1]} features):")
    print(f"  wall: median {med[3]:.2f} ms, min {s[:, 3].min():.2f}, p90 {np.percentile(s[:, 3], 90):.2f}; "
          f"stage medians: decode {med[0]:.2f}, describe {med[1]:.2f}, svm {med[2]:.2f} ms")
    print(f"  process CPU time per check: mean {np.mean(cpu):.2f} ms")


if __name__ == "__main__":
    main()
