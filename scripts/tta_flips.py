#!/usr/bin/python3
"""Test-time flips for an authenticity model, measured from outside: does averaging over flipped views help?

Makes lossless flipped copies (ImageMagick `convert -flop/-flip`, PNG) of the test images of a split manifest in a
temporary folder, runs `noteguard check --json` once on all of them, and prints the test accuracy of the original
view alone and of the averaged genuine probability over view sets. Nothing is written outside the temporary folder.

Usage: scripts/tta_flips.py --noteguard NOTEGUARD --model MODEL.ngm --split MODEL.ngm.split.csv [--genuine real]
"""
import argparse
import csv
import json
import os
import subprocess
import tempfile

VIEWS = {"o": [], "h": ["-flop"], "v": ["-flip"], "hv": ["-flip", "-flop"]}
COMBOS = [["o"], ["o", "h"], ["o", "v"], ["o", "h", "v", "hv"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--noteguard", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--split", required=True, help="the OUT.split.csv a training run wrote")
    ap.add_argument("--genuine", default="real", help="the label of genuine notes")
    args = ap.parse_args()

    with open(args.split, newline="") as f:
        test = [(r["path"], r["label"]) for r in csv.DictReader(f) if r["split"] == "test"]
    with tempfile.TemporaryDirectory() as tmp:
        files, truth = [], {}
        for i, (path, label) in enumerate(test):
            truth[i] = label == args.genuine
            for view, flags in VIEWS.items():
                out = os.path.join(tmp, f"{i:05d}_{view}.png")
                subprocess.run(["convert", path, *flags, "png:" + out], check=True)
                files.append(out)
        result = subprocess.run([args.noteguard, "check", *files, "--model", args.model, "--json"], check=True, capture_output=True, text=True)
    genuine = {}
    for r in json.loads(result.stdout):
        index, view = os.path.splitext(os.path.basename(r["image"]))[0].split("_")
        a = r["authenticity"]
        genuine.setdefault(int(index), {})[view] = a["probability"] if a["verdict"] == "genuine" else 1 - a["probability"]
    print(f"{len(test)} test images")
    for combo in COMBOS:
        errors = sum((sum(genuine[i][v] for v in combo) / len(combo) >= 0.5) != truth[i] for i in truth)
        print(f"views {'+'.join(combo):10} errors {errors:3d}  accuracy {1 - errors / len(truth):.4f}")


if __name__ == "__main__":
    main()
