#!/usr/bin/env bash
# Registry import benchmark (REG-3): N rows (default 1,000,000) into SQLite, and into PostgreSQL when
# QC_BENCH_POSTGRES holds an admin connection string (a role that may create databases).
# Usage: bench/import.sh [ROWS] [--no-sqlite]   (--no-sqlite: PostgreSQL only, for quick runs)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
shift || true
dotnet build bench/QualityCity.Benchmarks -c Release -v quiet -nologo | grep -E ": error " && exit 1 || true
args=(import --rows "$rows" "$@")
if [ -n "${QC_BENCH_POSTGRES:-}" ]; then args+=(--postgres "$QC_BENCH_POSTGRES"); fi
dotnet bench/QualityCity.Benchmarks/bin/Release/net10.0/QualityCity.Benchmarks.dll "${args[@]}"
