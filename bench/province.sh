#!/usr/bin/env bash
# Province benchmark (issue 18): Shandong's registry on partitioned PostgreSQL, a partition per city,
# loaded by the platform's import (binary COPY), then VACUUM ANALYZE and the registry search's queries;
# first at BASELINE entities (default 1,000,000), then at ENTITIES (default 15,000,000), printing each
# figure beside the other and the growth per entity. Peak memory: the import process's and the
# machine's. QC_BENCH_POSTGRES holds an admin connection string (a role that may create databases).
# Needs about 20 GB of free disk at 15,000,000 (the CSV is deleted once imported; the databases are
# dropped at the end unless --keep).
# --search-only measures the search again on the databases a run with --keep left (migrated to this build).
# Usage: bench/province.sh [ENTITIES] [BASELINE] [--keep | --search-only]
set -euo pipefail
cd "$(dirname "$0")/.."
entities=${1:-15000000}
baseline=${2:-1000000}
shift $(( $# > 2 ? 2 : $# )) || true
: "${QC_BENCH_POSTGRES:?QC_BENCH_POSTGRES must hold an admin connection string}"
dotnet build bench/QualityCity.Benchmarks -c Release -v quiet -nologo | grep -E ": error " && exit 1 || true
dotnet bench/QualityCity.Benchmarks/bin/Release/net10.0/QualityCity.Benchmarks.dll province \
  --entities "$entities" --baseline "$baseline" --postgres "$QC_BENCH_POSTGRES" "$@"
