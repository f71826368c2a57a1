#!/usr/bin/env bash
# Annual plan benchmark (INS-9, INS-7): the whole plan for N synthetic enterprises (default
# 1,000,000) x 12 departments in process, next to the hashing floor and the naive SQL draw on
# SQLite, and on PostgreSQL when QC_BENCH_POSTGRES holds a connection string. The benchmark reads
# its own peak memory (VmHWM) after the plan.
# Usage: bench/plan.sh [ENTERPRISES] [--local-officers]
# QC_ARTIFACTS=DIR builds into DIR (dotnet --artifacts-path) instead of the projects' bin and obj.
set -euo pipefail
cd "$(dirname "$0")/.."
enterprises=${1:-1000000}
shift || true
if [ -n "${QC_ARTIFACTS:-}" ]; then
  dotnet build bench/QualityCity.Benchmarks -c Release --artifacts-path "$QC_ARTIFACTS" -v quiet -nologo | grep -E ": error " && exit 1 || true
  dll="$QC_ARTIFACTS/bin/QualityCity.Benchmarks/release/QualityCity.Benchmarks.dll"
else
  dotnet build bench/QualityCity.Benchmarks -c Release -v quiet -nologo | grep -E ": error " && exit 1 || true
  dll=bench/QualityCity.Benchmarks/bin/Release/net10.0/QualityCity.Benchmarks.dll
fi
dotnet "$dll" plan --enterprises "$enterprises" "$@"
