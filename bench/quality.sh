#!/usr/bin/env bash
# Quality-map benchmark (QLT-3) on PostgreSQL:
#  (b) generates N test-item results (default 10,000,000) with the platform's schema, times the
#      platform's full recomputation of the map next to the same aggregation in DuckDB on the same
#      rows, and prints both and the ratio (bench/QualityCity.Benchmarks/QualityMapBenchmark.cs);
#  (a) starts the platform on that database and measures GET /api/quality/map as a user sees it,
#      over HTTP with wrk: one user, then eight at once, every industry and year in turn, next to
#      GET /healthz/live (the cheapest answer the server gives: no check runs) in the same run.
# Usage: QC_BENCH_POSTGRES="Host=…;Database=qc_bench;Username=…;Password=…" bench/quality.sh [RESULTS]
# The database is created if missing (the role needs CREATEDB) and reused on the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-10000000}
connection=${QC_BENCH_POSTGRES:?set QC_BENCH_POSTGRES to a PostgreSQL connection string}
port=${QC_BENCH_PORT:-5099}
dotnet build bench/QualityCity.Benchmarks -c Release -v quiet -nologo | grep -E ": error " && exit 1 || true
dotnet build src/QualityCity.Web -c Release -v quiet -nologo | grep -E ": error " && exit 1 || true
data=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$data"' EXIT

echo "== (b) full recomputation of the map"
dotnet bench/QualityCity.Benchmarks/bin/Release/net10.0/QualityCity.Benchmarks.dll quality --postgres "$connection" --results "$results" --data "$data"

echo
echo "== (a) the map API over HTTP"
QC_DATABASE=postgres ConnectionStrings__Postgres="$connection" QC_DATA_DIR="$data" Logging__LogLevel__Default=Warning \
  dotnet src/QualityCity.Web/bin/Release/net10.0/QualityCity.Web.dll serve --no-demo --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done

cat >"$data/map.lua" <<'LUA'
local paths = {}
for _, industry in ipairs({"cable", "bearing", "ferrous", "green-chem"}) do
  for year = 2016, 2025 do paths[#paths + 1] = "/api/quality/map?industry=" .. industry .. "&year=" .. year end
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %.2f %.2f %.2f %d\n", summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
LUA
sed -e 's/^request = function()/request_unused = function()/' "$data/map.lua" >"$data/plain.lua"

# Warm the server (JIT, connection pool, PostgreSQL's cache) before measuring.
wrk -t1 -c2 -d5s -s "$data/map.lua" "http://127.0.0.1:$port" >/dev/null
wrk -t1 -c2 -d3s -s "$data/plain.lua" "http://127.0.0.1:$port/healthz/live" >/dev/null

measure() { # name connections script url
  local line
  line=$(wrk -t"$(( $2 < 2 ? 1 : 2 ))" -c"$2" -d15s -s "$3" "$4" | grep '^RESULT')
  read -r _ requests p50 p95 p99 errors <<<"$line"
  printf '  %-34s %2s user(s)  requests %7s  p50 %7s ms  p95 %7s ms  p99 %7s ms  errors %s\n' "$1" "$2" "$requests" "$p50" "$p95" "$p99" "$errors" >&2
  echo "$p95"
}
for users in 1 8; do
  base=$(measure "baseline: GET /healthz/live" "$users" "$data/plain.lua" "http://127.0.0.1:$port/healthz/live")
  map=$(measure "GET /api/quality/map (40 queries)" "$users" "$data/map.lua" "http://127.0.0.1:$port")
  awk -v m="$map" -v b="$base" -v u="$users" 'BEGIN { printf "  p95 map / p95 baseline with %d user(s): %.1f   target p95 <= 200 ms: %s\n", u, m / b, (m <= 200 ? "met" : "NOT met") }'
done
