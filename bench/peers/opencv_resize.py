#!/usr/bin/python3
"""OpenCV peer of bench/NoteGuard.Benchmarks/Processing/ResizeBenchmarks.cs: the same resizes with cv2.resize,
single-threaded (cv2.setNumThreads(1)), on the same deterministic inputs.

Usage: /usr/bin/python3 bench/peers/opencv_resize.py [--repeats N] [--json]
Prints the minimum over rounds of the mean time per call, in microseconds, for each case.
"""
import argparse
import json
import time

import cv2
import numpy as np

CASES = [
    # (name, source width, source height, target width, target height, interpolation)
    ("Bilinear_2048x1536_to_224x224", 2048, 1536, 224, 224, cv2.INTER_LINEAR),
    ("Area_2048x1536_to_224x224", 2048, 1536, 224, 224, cv2.INTER_AREA),
    ("Bilinear_384x384_to_64x64", 384, 384, 64, 64, cv2.INTER_LINEAR),
    ("Area_384x384_to_64x64", 384, 384, 64, 64, cv2.INTER_AREA),
]


def source(width, height):
    """Same pattern as ResizeBenchmarks.CreateSource: (x*7 + y*3 + channel*50) & 255, RGB interleaved."""
    y, x = np.mgrid[0:height, 0:width]
    planes = [((x * 7 + y * 3 + c * 50) & 255).astype(np.uint8) for c in range(3)]
    return np.ascontiguousarray(np.stack(planes, axis=-1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15, help="timing rounds; the minimum is reported (robust on a shared machine)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cv2.setNumThreads(1)
    results = {}
    for name, sw, sh, dw, dh, interp in CASES:
        img = source(sw, sh)
        cv2.resize(img, (dw, dh), interpolation=interp)  # warm-up
        # Calls per round chosen so one round takes roughly 50+ ms.
        t0 = time.perf_counter()
        cv2.resize(img, (dw, dh), interpolation=interp)
        once = max(time.perf_counter() - t0, 1e-6)
        n = max(1, int(0.05 / once))
        rounds = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            for _ in range(n):
                cv2.resize(img, (dw, dh), interpolation=interp)
            rounds.append((time.perf_counter() - t0) / n)
        results[name] = float(np.min(rounds) * 1e6)
    if args.json:
        print(json.dumps({"opencv": cv2.__version__, "threads": cv2.getNumThreads(), "min_us": results}))
    else:
        print(f"OpenCV {cv2.__version__}, threads={cv2.getNumThreads()}")
        for name, us in results.items():
            print(f"{name:32s} {us:10.1f} us")


if __name__ == "__main__":
    main()
