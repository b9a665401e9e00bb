#!/usr/bin/python3
"""Peer for LoaderBenchmarks: the same work with OpenCV 4.6 + a PyTorch 1.13 DataLoader (2 worker processes).

enhanced preset (seed 004): median 3, sharpen [-1..9..-1], 2-98 percentile stretch per channel, CLAHE on Lab L
(clip 2, 8x8), resize to 64x64 (INTER_AREA), ImageNet normalisation, CHW float32 batches of 32.
--augment adds the seed-004 list done with OpenCV/NumPy (torchvision is not installed): random resized crop
0.8-1, rotation +-15, h-flip, affine (translate 10%, scale 0.9-1.1, shear 10) in one warpAffine, brightness/
contrast/saturation 0.2 + hue 0.1 jitter, random erasing p 0.5 (2-15%).
Usage: /usr/bin/python3 bench/peers/loader_peer.py [DATA_ROOT] [--augment]; prints images/s (best of 3 epochs).
"""
import math
import os
import sys
import time

import cv2
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

COUNT = 256
MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)
SHARPEN = np.array([[-1, -1, -1], [-1, 9, -1], [-1, -1, -1]], np.float32)


def enhance(bgr):
    img = cv2.medianBlur(bgr, 3)
    img = cv2.filter2D(img, -1, SHARPEN)
    out = np.empty_like(img)
    for c in range(3):
        lo, hi = np.percentile(img[:, :, c], (2, 98))
        scale = 255.0 / (hi - lo) if hi > lo else 1.0
        out[:, :, c] = np.clip((img[:, :, c].astype(np.float32) - lo) * scale, 0, 255).astype(np.uint8)
    lab = cv2.cvtColor(out, cv2.COLOR_BGR2LAB)
    lab[:, :, 0] = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(lab[:, :, 0])
    return cv2.cvtColor(lab, cv2.COLOR_LAB2BGR)


def augment(rgb, rng):
    h, w = rgb.shape[:2]
    area = rng.uniform(0.8, 1.0)
    aspect = math.exp(rng.uniform(math.log(3 / 4), math.log(4 / 3)))
    cw, ch = min(1, math.sqrt(area * aspect)) * w, min(1, math.sqrt(area / aspect)) * h
    x0, y0 = rng.uniform(0, w - cw), rng.uniform(0, h - ch)
    angle = rng.uniform(-15, 15)
    scale = rng.uniform(0.9, 1.1)
    shear = math.radians(rng.uniform(-10, 10))
    tx, ty = rng.uniform(-0.1, 0.1) * 64, rng.uniform(-0.1, 0.1) * 64
    crop = np.array([[64 / cw, 0, -x0 * 64 / cw], [0, 64 / ch, -y0 * 64 / ch], [0, 0, 1]])
    centre = np.array([[1, 0, -32], [0, 1, -32], [0, 0, 1]])
    a = math.radians(angle)
    rot = np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])
    sh = np.array([[1, math.tan(shear), 0], [0, 1, 0], [0, 0, 1]])
    sc = np.diag([scale, scale, 1])
    flip = np.diag([-1 if rng.random() < 0.5 else 1, 1, 1])
    back = np.array([[1, 0, 32 + tx], [0, 1, 32 + ty], [0, 0, 1]])
    m = back @ rot @ sh @ sc @ flip @ centre @ crop
    out = cv2.warpAffine(rgb, m[:2], (64, 64), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    x = out.astype(np.float32) / 255
    x *= rng.uniform(0.8, 1.2)
    mean = x.mean()
    x = (x - mean) * rng.uniform(0.8, 1.2) + mean
    hsv = cv2.cvtColor(np.clip(x, 0, 1), cv2.COLOR_RGB2HSV)
    hsv[:, :, 1] = np.clip(hsv[:, :, 1] * rng.uniform(0.8, 1.2), 0, 1)
    hsv[:, :, 0] = (hsv[:, :, 0] + rng.uniform(-0.1, 0.1) * 360) % 360
    return cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)


class Taka(Dataset):
    def __init__(self, files, do_augment):
        self.files = files
        self.do_augment = do_augment
        self.rng = np.random.default_rng(1)

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        path, label = self.files[i]
        bgr = enhance(cv2.imread(path, cv2.IMREAD_COLOR))
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        if self.do_augment:
            x = augment(rgb, self.rng)
        else:
            x = cv2.resize(rgb, (64, 64), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
        x = ((x - MEAN) / STD).transpose(2, 0, 1)
        if self.do_augment and self.rng.random() < 0.5:
            area = self.rng.uniform(0.02, 0.15) * 64 * 64
            ratio = math.exp(self.rng.uniform(math.log(0.3), math.log(3.3)))
            eh, ew = int(round(math.sqrt(area * ratio))), int(round(math.sqrt(area / ratio)))
            if 0 < eh < 64 and 0 < ew < 64:
                top, left = self.rng.integers(0, 64 - eh), self.rng.integers(0, 64 - ew)
                x[:, top:top + eh, left:left + ew] = 0
        return torch.from_numpy(np.ascontiguousarray(x)), label


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "../../../../shared/datasets")
    taka = os.path.join(root, "taka-counterfeit")
    files = []
    for label, cls in enumerate(sorted(os.listdir(taka))):
        for name in sorted(os.listdir(os.path.join(taka, cls))):
            if name.endswith(".jpg"):
                files.append((os.path.join(taka, cls, name), label))
    files = files[:COUNT]
    cv2.setNumThreads(1)
    torch.set_num_threads(1)
    loader = DataLoader(Taka(files, "--augment" in sys.argv), batch_size=32, shuffle=True, num_workers=2, persistent_workers=True)
    best = 0.0
    for _ in range(4):
        start = time.perf_counter()
        n = sum(len(y) for _, y in loader)
        best = max(best, n / (time.perf_counter() - start))
    print(f"peer {'augmented' if '--augment' in sys.argv else 'plain'}: {best:.0f} images/s over {len(files)} images (best of 4 epochs, 2 workers)")


if __name__ == "__main__":
    main()
