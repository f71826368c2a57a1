#!/usr/bin/env bash
# Crash safety at scale (docs/operations.md#crash-safety): the registry import of ROWS rows (default
# 1,000,000) killed with SIGKILL at 10 random points, then run again to the end; the test proves no
# row lost, none doubled and the import records' counters right. SQLite always; PostgreSQL too when
# QC_TEST_POSTGRES holds an admin connection string. QC_CRASH_SEED replays a run's kill points.
# Usage: bench/crash.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
dotnet build tests/QualityCity.Web.Tests -c Release -v quiet -nologo | grep -E ": error " && exit 1 || true
filter="FullyQualifiedName~SqliteCrashSafetyTests.A_registry"
if [ -n "${QC_TEST_POSTGRES:-}" ]; then filter="FullyQualifiedName~CrashSafetyTests.A_registry"; fi
QC_CRASH_ROWS=$rows dotnet test tests/QualityCity.Web.Tests -c Release --no-build --filter "$filter" \
  --logger "console;verbosity=detailed" 2>&1 | grep -E "QC_CRASH|inserted=|elapsed:|^ +(Passed|Failed) |Expected|Actual|Total tests|Passed:|Failed:"
