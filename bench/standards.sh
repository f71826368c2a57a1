#!/usr/bin/env bash
# Standards library search benchmark (SVC-3):
#  imports the 120 real records and synthetic ones up to N (default 1,000,000) into a fresh SQLite
#  database of the platform through StandardsImport, builds the Lucene index from the table, and times
#  a deterministic mixed set of about 1,000 queries through StandardsSearch (the service behind
#  GET /api/standards/search, page of 20, no facets) in process, next to SQLite FTS5 (trigram) and,
#  when QC_BENCH_POSTGRES is set, PostgreSQL pg_trgm on the same rows and queries; then measures
#  recall@10, MRR and nDCG@10 of all three on bench/standards-queries.tsv.
#  Prints PASS/FAIL for p50 <= 5 ms, p99 <= 20 ms, recall@10 >= 0.9 and ranking at least as good as
#  FTS5, and exits non-zero on a FAIL (bench/QualityCity.Benchmarks/StandardsBenchmark.cs).
# Usage: [QC_BENCH_POSTGRES="Host=…;Database=qc_bench_standards;Username=…;Password=…"] bench/standards.sh [N]
# The PostgreSQL database is created if missing (the role needs CREATEDB); its table is rebuilt each run.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-1000000}
dotnet build bench/QualityCity.Benchmarks -c Release -v quiet -nologo | grep -E ": error " && exit 1 || true
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
args=(standards --records "$records" --data "$data/run" --queries bench/standards-queries.tsv)
if [[ -n "${QC_BENCH_POSTGRES:-}" ]]; then
  args+=(--postgres "$QC_BENCH_POSTGRES")
fi
dotnet bench/QualityCity.Benchmarks/bin/Release/net10.0/QualityCity.Benchmarks.dll "${args[@]}"
