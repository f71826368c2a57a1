#!/usr/bin/env bash
# Province benchmark (issue 18): Shandong on partitioned PostgreSQL, a partition per city, first at
# BASELINE entities (default 1,000,000), then at ENTITIES (default 15,000,000), printing each figure
# beside the other and the growth per entity. Three parts (--parts registry,map,plan; all by default):
#  registry: the registry loaded by the platform's import (binary COPY), VACUUM ANALYZE, the registry
#            search's queries; peak memory of the import process and of the machine;
#  map:      as many test-item results as entities, from producers of the loaded registry: the quality
#            map's full recomputation next to DuckDB, and /open-data/sampling-results.csv next to
#            PostgreSQL's own COPY of the same rows;
#  plan:     the annual plan of every city in parallel with county teams (Planning:LocalOfficers), next
#            to the hardware floor (openssl's SHA-256 rate on all cores), in process without a database.
# QC_BENCH_POSTGRES holds an admin connection string (a role that may create databases); the plan part
# alone needs none. Needs about 25 GB of free disk at 15,000,000 (the CSV is deleted once imported; the
# databases are dropped at the end unless --keep).
# --search-only measures the search again on the databases a run with --keep left (migrated to this build).
# Usage: bench/province.sh [ENTITIES] [BASELINE] [--keep | --search-only] [--parts registry,map,plan]
set -euo pipefail
cd "$(dirname "$0")/.."
entities=${1:-15000000}
baseline=${2:-1000000}
shift $(( $# > 2 ? 2 : $# )) || true
dotnet build bench/QualityCity.Benchmarks -c Release -v quiet -nologo | grep -E ": error " && exit 1 || true
arguments=(province --entities "$entities" --baseline "$baseline")
if [ -n "${QC_BENCH_POSTGRES:-}" ]; then arguments+=(--postgres "$QC_BENCH_POSTGRES"); fi
dotnet bench/QualityCity.Benchmarks/bin/Release/net10.0/QualityCity.Benchmarks.dll "${arguments[@]}" "$@"
