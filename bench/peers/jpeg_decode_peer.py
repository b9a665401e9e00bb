#!/usr/bin/python3
"""libjpeg-turbo decode throughput on the same files NoteGuard's JPEG benchmarks use, single-threaded.

Two independent measurements per file:
  * tjbench (libjpeg-turbo-progs): TurboJPEG decompression to BGR, default flags (islow IDCT, fancy upsampling);
    libjpeg-turbo never uses more than one thread.
  * OpenCV cv2.imdecode with cv2.setNumThreads(1) (OpenCV links libjpeg-turbo; includes its own BGR copy).
Prints a Markdown table of megapixels per second. The NoteGuard side (and an in-process libjpeg-turbo peer
through libturbojpeg) comes from:
  dotnet run -c Release --project bench/NoteGuard.Benchmarks -- jpeg-throughput FILES...

Usage: /usr/bin/python3 bench/peers/jpeg_decode_peer.py [FILE ...]
Without arguments: the first taka-counterfeit/real and vnd-denomination/test/images photos (NOTEGUARD_DATA or
../shared/datasets) and the synthetic 2048x1536 file the benchmark setup writes to $TMPDIR/noteguard-bench-jpeg/.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile
import time

import cv2
import numpy as np


def default_files():
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.environ.get("NOTEGUARD_DATA") or os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "datasets"))
    files = [
        sorted(glob.glob(os.path.join(data, "taka-counterfeit", "real", "*.jpg")))[0],
        sorted(glob.glob(os.path.join(data, "vnd-denomination", "test", "images", "*.jpg")))[0],
    ]
    synthetic = os.path.join(tempfile.gettempdir(), "noteguard-bench-jpeg", "synthetic-2048x1536-420-q90.jpg")
    if os.path.exists(synthetic):
        files.append(synthetic)
    return files


def tjbench_mps(path, seconds=2.0):
    # -nowrite: tjbench otherwise saves "<name>_full.ppm" beside its input, i.e. into the read-only datasets.
    out = subprocess.run(["tjbench", path, "-benchtime", str(seconds), "-warmup", "1", "-nowrite"],
                         capture_output=True, text=True, check=True).stdout
    # The first Throughput line after "Decompress" is the decode figure.
    match = re.search(r"Decompress\s+-->.*?Throughput:\s+([0-9.]+)\s+Megapixels/sec", out, re.S)
    return float(match.group(1)) if match else float("nan")


def opencv_mps(path, seconds=2.0):
    cv2.setNumThreads(1)
    data = np.fromfile(path, dtype=np.uint8)
    image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    megapixels = image.shape[0] * image.shape[1] / 1e6
    best = 0.0
    for _ in range(4):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 4:
            cv2.imdecode(data, cv2.IMREAD_COLOR)
            count += 1
        best = max(best, count * megapixels / (time.perf_counter() - start))
    return image.shape[1], image.shape[0], best


def main():
    files = sys.argv[1:] or default_files()
    print("| file | size | tjbench MP/s | cv2.imdecode (1 thread) MP/s |")
    print("|---|---|---:|---:|")
    for path in files:
        width, height, cv = opencv_mps(path)
        tj = tjbench_mps(path)
        print(f"| {os.path.basename(path)} | {width}x{height} | {tj:.1f} | {cv:.1f} |")


if __name__ == "__main__":
    main()
