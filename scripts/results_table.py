#!/usr/bin/python3
"""Prints docs/results.md table rows from the JSON that `noteguard train --json` wrote.

Usage: scripts/results_table.py RUN.json...   (one row per run: split, model, test metrics with 95% CIs, size, speed)
"""
import json
import os
import sys


def ci(values):
    return f"{values[0]:.3f}–{values[1]:.3f}" if values else ""


def row(path):
    with open(path) as f:
        run = json.load(f)
    test = run.get("test") or {}
    ci95 = test.get("ci95") or {}
    auc = test.get("auc")
    split = run["split"].split(":")[0]
    return "| {name} | {arch} + {preset} | {split} | {acc:.4f} ({acc_ci}) | {f1:.4f} ({f1_ci}) | {auc} | {params:,} | {size:.0f} KiB | {lat:.1f} ms | {secs:.0f} s ({fit}) |".format(
        name=os.path.splitext(os.path.basename(path))[0],
        arch=run["arch"],
        preset=run["preset"],
        split=split,
        acc=test.get("accuracy", float("nan")),
        acc_ci=ci(ci95.get("accuracy")),
        f1=test.get("macro_f1", float("nan")),
        f1_ci=ci(ci95.get("macro_f1")),
        auc=f"{auc:.4f} ({ci(ci95.get('auc'))})" if auc is not None else "",
        params=run["parameters"],
        size=run["file_bytes"] / 1024,
        lat=run["latency_ms_batch1"],
        secs=run["training_seconds"],
        fit=fit(run),
    )


def fit(run):
    """How the kept model was chosen: the epochs of a network, the C of a texture-svm and what it was refit on."""
    if run.get("svm_c") is not None:
        return f"C {run['svm_c']:g} on validation, fit on {run['fitted_images']} images"
    return f"{len(run['history'])} ep., best {run['best_epoch']}"


if __name__ == "__main__":
    print("| run | model | split | accuracy (95% CI) | macro F1 (95% CI) | ROC-AUC (95% CI) | parameters | file | batch-1 latency | training |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for p in sys.argv[1:]:
        print(row(p))
