#!/usr/bin/env bash
# Standards library relevance on a catalogue the search was not tuned on (SVC-3):
#  loads the demo library exactly as the demo city does (the 120 real records and synthetic ones up to
#  N, default 80,000, seed "liaocheng"), builds its index, then imports bench/standards-heldout.csv
#  (80 real national, industry and metrology records in the national catalogue's Chinese headers, none
#  of them in the demo) on top through the platform's import, and ranks the 70 labelled queries of
#  bench/standards-heldout-queries.tsv with the platform's search, SQLite FTS5 trigram over the same
#  table and, when QC_BENCH_POSTGRES is set, pg_trgm. Scoring is strict: a hit the labels do not name,
#  synthetic or one of the demo's own real records, counts as not relevant.
#  Prints PASS/FAIL for recall@10 >= 0.9 and nDCG@10 at least FTS5's on every query; exits 1 on a FAIL.
# Usage: [QC_BENCH_POSTGRES=…] bench/standards-heldout.sh [N] [CATALOGUE.csv QUERIES.tsv]
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-80000}
catalogue=${2:-bench/standards-heldout.csv}
queries=${3:-bench/standards-heldout-queries.tsv}
dotnet build bench/QualityCity.Benchmarks -c Release -v quiet -nologo | grep -E ": error " && exit 1 || true
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
args=(standards-heldout --records "$records" --data "$data/run" --held-out "$catalogue" --queries "$queries")
if [[ -n "${QC_BENCH_POSTGRES:-}" ]]; then
  args+=(--postgres "$QC_BENCH_POSTGRES")
fi
dotnet bench/QualityCity.Benchmarks/bin/Release/net10.0/QualityCity.Benchmarks.dll "${args[@]}"
