#!/usr/bin/env bash
# Runs every NoteGuard-vs-peer comparison back to back in one run and writes the raw output to bench/results/.
# Peers: libjpeg-turbo (tjbench and in-process), OpenCV (resize, CLAHE), PyTorch (compact-cnn, ResNet18),
# scikit-learn (SVM), OpenCV + PyTorch DataLoader (loader). Needs Debian's python3-opencv, python3-torch,
# python3-sklearn and libjpeg-turbo-progs, and ../shared/datasets (or NOTEGUARD_DATA).
# Usage: bench/compare.sh [jpeg|resize|clahe|nn|svm|loader|check ...]   (default: all)
set -uo pipefail
cd "$(dirname "$0")/.."
data=${NOTEGUARD_DATA:-../shared/datasets}
out=bench/results
mkdir -p "$out"
py=/usr/bin/python3
dotnet build -c Release NoteGuard.slnx -v q -nologo >/dev/null || exit 1
ng="dotnet artifacts/bin/NoteGuard.Cli/release/noteguard.dll"
bench="dotnet artifacts/bin/NoteGuard.Benchmarks/release/NoteGuard.Benchmarks.dll"
what=${*:-jpeg resize clahe nn svm loader check}
stamp() { echo "== $1 $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"; }

for item in $what; do
  case $item in
    jpeg)
      { stamp jpeg; $bench jpeg-throughput; $py bench/peers/jpeg_decode_peer.py; } 2>&1 | tee "$out/jpeg.txt" ;;
    resize)
      { stamp resize; $py bench/peers/opencv_resize.py; DOTNET_PROCESSOR_COUNT=1 $bench --filter '*ResizeBenchmarks*' --job short; $py bench/peers/opencv_resize.py; } 2>&1 | tee "$out/resize.txt" ;;
    clahe)
      { stamp clahe; $py bench/peers/opencv_clahe.py; $bench --filter '*Clahe*' --job short; $py bench/peers/opencv_clahe.py; } 2>&1 | tee "$out/clahe.txt" ;;
    nn)
      { stamp nn
        $py bench/peers/nn_compact_cnn_torch.py --arch compact-cnn --seconds 5
        $ng bench nn --arch compact-cnn --seconds 5 --json
        $py bench/peers/nn_compact_cnn_torch.py --arch resnet18 --train-batch 0 --infer-batch 0 --classes 1000 --seconds 5
        $ng bench nn --arch resnet18 --train-batch 0 --infer-batch 0 --classes 1000 --seconds 5 --json; } 2>&1 | tee "$out/nn.txt" ;;
    svm)
      { stamp svm; $bench svm-uci; $bench --filter '*SvmBenchmarks*' --strategy Monitoring --launchCount 1 --warmupCount 1 --iterationCount 2 --buildTimeout 900; $py bench/peers/sklearn_svm_bench.py --repeat 2; } 2>&1 | tee "$out/svm.txt" ;;
    loader)
      { stamp loader; $bench loader-throughput "$data"; $py bench/peers/loader_peer.py "$data"; } 2>&1 | tee "$out/loader.txt" ;;
    check)
      { stamp check; $bench check-latency 200; $py bench/peers/check_peer.py "${TMPDIR:-/tmp}/noteguard-bench-check/vnd-100000-512.jpg" 200; $py bench/peers/texture_peer.py "${TMPDIR:-/tmp}/noteguard-bench-check/vnd-100000-512.jpg" 200; } 2>&1 | tee "$out/check.txt" ;;
    *) echo "unknown comparison '$item'" >&2; exit 1 ;;
  esac
done
