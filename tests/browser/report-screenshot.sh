#!/usr/bin/env bash
# Renders the sample training reports (tests/NoteGuard.Inspection.Tests/Reports/TrainingReportSamples.cs) and
# screenshots them in Debian's headless chromium at desktop (1280 px) and phone (390 px) widths, through the
# xunit test TrainingReportBrowserTests, which also checks every screenshot is a real page (decoded with
# NoteGuard's PNG decoder: gray-level spread and share of non-background pixels). Optionally prints the binary
# report to PDF to check the print layout.
#
#   tests/browser/report-screenshot.sh [output-folder]      (default: /tmp/noteguard-report-shots)
#   NOTEGUARD_REPORT_IMAGES=../shared/datasets/taka-counterfeit tests/browser/report-screenshot.sh   (real photos as thumbnails)
#
# Then look at the PNGs (and report-binary.pdf). Needs the .NET SDK and /usr/bin/chromium.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mkdir -p "${1:-/tmp/noteguard-report-shots}" && cd "${1:-/tmp/noteguard-report-shots}" && pwd)"

NOTEGUARD_BROWSER_TESTS=1 NOTEGUARD_REPORT_OUT="$out" NOTEGUARD_REPORT_IMAGES="${NOTEGUARD_REPORT_IMAGES:-}" \
  dotnet test "$repo/tests/NoteGuard.Inspection.Tests" -c Release --nologo \
  --filter "FullyQualifiedName~TrainingReportBrowserTests"

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --no-pdf-header-footer \
  --print-to-pdf="$out/report-binary.pdf" "file://$out/report-binary.html" 2>/dev/null || echo "print to PDF failed (not fatal)" >&2

ls -l "$out"
