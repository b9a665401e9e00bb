#!/usr/bin/python3
"""OpenCV peer for bench/NoteGuard.Benchmarks/Processing/ClaheBenchmarks.cs.

Writes the benchmark inputs as raw gray bytes (so the .NET side needs no JPEG decoder) and times
cv2.createCLAHE(clipLimit=2, tileGridSize=(8, 8)).apply single-threaded (cv2.setNumThreads(1)).

  /usr/bin/python3 bench/peers/opencv_clahe.py [--out DIR] [--taka-count N]

DIR defaults to $NOTEGUARD_BENCH_DIR or /tmp/noteguard-bench. Outputs there:
  clahe_2048x1536.gray   synthetic photo-like 2048x1536 gray image (seeded)
  clahe_taka_384.gray    N taka photos (384x384, from ../shared/datasets/taka-counterfeit, sorted by path)
                         converted with cv2.COLOR_BGR2GRAY, concatenated (omitted if the dataset is absent)
  clahe_expected_*.gray  OpenCV's CLAHE outputs, so the benchmark can assert bit-exactness before timing
  opencv_clahe.json      median and mean milliseconds per image of OpenCV's CLAHE
"""
import argparse
import glob
import json
import os
import time

import cv2
import numpy as np

cv2.setNumThreads(1)
here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--out", default=os.environ.get("NOTEGUARD_BENCH_DIR", "/tmp/noteguard-bench"))
parser.add_argument("--taka-count", type=int, default=64)
parser.add_argument("--repeats", type=int, default=30)
args = parser.parse_args()
os.makedirs(args.out, exist_ok=True)


def synthetic(h, w, seed):
    rs = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    img = 60 + 120 * xx / w + 40 * np.sin(yy / 37.0) * np.cos(xx / 53.0)
    for _ in range(40):
        cy, cx, r = rs.uniform(0, h), rs.uniform(0, w), rs.uniform(10, 120)
        img += rs.uniform(-50, 50) * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / (2 * r * r))
    img += rs.normal(0, 8, size=(h, w)).astype(np.float32)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def time_clahe(images):
    clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
    samples = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        for img in images:
            clahe.apply(img)
        samples.append((time.perf_counter() - start) * 1000 / len(images))
    return {"median_ms": float(np.median(samples)), "mean_ms": float(np.mean(samples)), "images": len(images)}


results = {"opencv": cv2.__version__, "threads": cv2.getNumThreads()}
big = synthetic(1536, 2048, 7)
big.tofile(os.path.join(args.out, "clahe_2048x1536.gray"))
cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(big).tofile(os.path.join(args.out, "clahe_expected_2048x1536.gray"))
results["clahe_2048x1536"] = time_clahe([big])

taka_dir = os.path.join(here, "..", "..", "..", "shared", "datasets", "taka-counterfeit")
paths = sorted(glob.glob(os.path.join(taka_dir, "*", "*.jpg")))[: args.taka_count]
if paths:
    grays = [cv2.cvtColor(cv2.imread(p, cv2.IMREAD_COLOR), cv2.COLOR_BGR2GRAY) for p in paths]
    grays = [g for g in grays if g.shape == (384, 384)]
    np.concatenate([g.ravel() for g in grays]).tofile(os.path.join(args.out, "clahe_taka_384.gray"))
    clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
    np.concatenate([clahe.apply(g).ravel() for g in grays]).tofile(os.path.join(args.out, "clahe_expected_taka_384.gray"))
    results["clahe_taka_384"] = time_clahe(grays)
else:
    print("taka dataset not found; skipping the taka inputs")

with open(os.path.join(args.out, "opencv_clahe.json"), "w") as f:
    json.dump(results, f, indent=1)
print(json.dumps(results, indent=1))
