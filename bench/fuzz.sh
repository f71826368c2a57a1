#!/usr/bin/env bash
# Fuzzing at scale (docs/benchmarks.md#fuzzing): every property of tests/QualityCity.Fuzzing run on
# INPUTS generated inputs each (default 40,000; the normal suite runs 12), then the tally: inputs per
# property and in all, and the time the run took. A failure prints FsCheck's input and seed.
# Usage: bench/fuzz.sh [INPUTS]
set -uo pipefail
cd "$(dirname "$0")/.."
inputs=${1:-40000}
tally=$(mktemp)
trap 'rm -f "$tally"' EXIT
dotnet build tests/QualityCity.Fuzzing -c Release -v quiet -nologo | grep -E ": error " && exit 1
start=$(date +%s)
QC_FUZZ_INPUTS=$inputs QC_FUZZ_TALLY=$tally dotnet test tests/QualityCity.Fuzzing -c Release --no-build \
  --logger "console;verbosity=normal" 2>&1 | grep -E "^ +(Passed|Failed) |Error Message|Falsifiable|Original|Shrunk|Replay|Exception|Passed!|Failed!|Total tests:|Passed: |Failed: " | grep -vE "^ +Passed "
status=${PIPESTATUS[0]}
seconds=$(( $(date +%s) - start ))
echo
sort "$tally" | awk -F'\t' '{ printf "%10d  %s\n", $2, $1; total += $2 } END { printf "%10d  inputs in all, %d properties\n", total, NR }'
echo "$seconds s for the run ($inputs inputs a property)"
exit "$status"
