#!/usr/bin/python3
"""Peer for CheckLatency (`check-latency`): one banknote check done with OpenCV 4.6 + PyTorch 1.13 in one process.

Same work as NoteGuard's BanknoteInspector with compact-cnn and the enhanced 64x64 preset: decode the 512x512 JPEG
(cv2.imdecode), shrink to the 128 px working size (INTER_AREA), median 3, sharpen [-1..9..-1], 2-98 percentile
stretch per channel, CLAHE on Lab L (clip 2, 8x8), 64x64 (INTER_AREA), ImageNet normalisation, compact-cnn forward
at batch 1 under torch.no_grad, softmax. THREADS (default 1) sets torch's intra-op threads: at batch 1 a second
thread only adds synchronisation, and on a loaded machine its spin-waiting dominates.
Usage: /usr/bin/python3 bench/peers/check_peer.py JPEG [ITERATIONS] [THREADS]; JPEG is the file check-latency prints.
Prints wall-clock medians per stage, the minimum, and the process CPU time per check.
"""
import os
import sys
import time

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loader_peer import enhance  # noqa: E402  same OpenCV enhancement as the loader peer
from nn_compact_cnn_torch import CompactCnn  # noqa: E402  sets torch.set_num_threads(2)

MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)


def check(data, model):
    t0 = time.perf_counter()
    bgr = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    t1 = time.perf_counter()
    work = cv2.resize(bgr, (128, 128), interpolation=cv2.INTER_AREA)
    small = cv2.resize(enhance(work), (64, 64), interpolation=cv2.INTER_AREA)
    x = (cv2.cvtColor(small, cv2.COLOR_BGR2RGB).astype(np.float32) / 255 - MEAN) / STD
    tensor = torch.from_numpy(np.ascontiguousarray(x.transpose(2, 0, 1)))[None]
    t2 = time.perf_counter()
    with torch.no_grad():
        probabilities = torch.softmax(model(tensor), dim=1)[0].numpy()
    t3 = time.perf_counter()
    return probabilities, ((t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, (t3 - t0) * 1e3)


def main():
    path = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    cv2.setNumThreads(1)
    data = open(path, "rb").read()
    torch.manual_seed(1)
    model = CompactCnn(6).eval()
    start = time.perf_counter()
    while time.perf_counter() - start < 3:
        check(data, model)
    stages, cpu = [], []
    for _ in range(iterations):
        c0 = time.process_time()
        stages.append(check(data, model)[1])
        cpu.append((time.process_time() - c0) * 1e3)
    s = np.array(stages)
    med = np.median(s, axis=0)
    print(f"peer OpenCV {cv2.__version__} + PyTorch {torch.__version__} ({torch.get_num_threads()} thread), one model:")
    print(f"  wall: median {med[3]:.2f} ms, min {s[:, 3].min():.2f}, p90 {np.percentile(s[:, 3], 90):.2f}; "
          f"stage medians: decode {med[0]:.2f}, preprocess {med[1]:.2f}, infer {med[2]:.2f} ms")
    print(f"  process CPU time per check: mean {np.mean(cpu):.2f} ms")


if __name__ == "__main__":
    main()
