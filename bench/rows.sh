#!/usr/bin/env bash
# Pages over the plan's and the visits' rows at city scale: p95 latency of the officer's visits
# (signed in as the inspector with the most open visits), the public plan page, the staff plan
# page (page 1 and its last page), and the KPI page, each next to GET /healthz measured the same
# way in the same run. One client at a time (wrk -t1 -c1), after a warm-up.
# Targets: visits and plan pages p95 <= 100 ms, KPI p95 <= 500 ms.
#
# Usage: bench/rows.sh
#   DATA_DIR=DIR           the platform's data directory (SQLite); made with the demo city when it has
#                          no database (ENTERPRISES of them, this year's plan drawn and published;
#                          at 1,000,000 that takes more than an hour), reused after
#   ENTERPRISES=1000000    size of that demo city
#   DURATION=15            seconds of load per page
#   QC_BENCH_PORT=5111     the server's port
#   STARTUP_TIMEOUT=1800   seconds to wait for the server (an upgraded database migrates first)
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."

data_dir=${DATA_DIR:-$PWD/bench/.rows-data}
enterprises=${ENTERPRISES:-1000000}
duration=${DURATION:-15}
port=${QC_BENCH_PORT:-5111}
startup_timeout=${STARTUP_TIMEOUT:-1800}
base="http://127.0.0.1:$port"
password='Bench-Rows-2026'

missing=()
for tool in wrk jq curl sqlite3; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)"
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qc-rows.XXXXXX")
server=
cleanup() {
  local job
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  for job in $(jobs -p); do kill "$job" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building src/QualityCity.Web (Release)"
if ! dotnet build src/QualityCity.Web -c Release -nologo -v quiet >"$tmp/build.log" 2>&1; then
  grep -E ": error " "$tmp/build.log" | sort -u | head -20 || tail -20 "$tmp/build.log"
  exit 1
fi
dll="$PWD/src/QualityCity.Web/bin/Release/net10.0/QualityCity.Web.dll"
platform() { (cd "$data_dir" && exec env ASPNETCORE_ENVIRONMENT=Production QC_DATA_DIR="$data_dir" Logging__LogLevel__Default=Warning "$@"); }

mkdir -p "$data_dir"
db="$data_dir/qualitycity.db"
if [ ! -s "$db" ]; then
  echo "loading the demo city of $enterprises enterprises into $data_dir (once; officers from the county teams)"
  start=$SECONDS
  platform Planning__LocalOfficers=true dotnet "$dll" demo --enterprises "$enterprises" >"$tmp/demo.log" 2>&1 || { tail -20 "$tmp/demo.log"; exit 1; }
  echo "  loaded in $((SECONDS - start)) s"
fi

# Every verb migrates first: an older database gets its rows here (timed), before the server starts.
start=$SECONDS
platform dotnet "$dll" users list >"$tmp/users.txt" 2>"$tmp/migrate.log" || { tail -20 "$tmp/migrate.log"; exit 1; }
echo "database ready (migrations, plan rows) in $((SECONDS - start)) s"

sql() { sqlite3 -readonly "$db" "$1"; }
draw=$(sql "SELECT Id FROM plan_draws WHERE Status = 'published' ORDER BY Year DESC, Id DESC LIMIT 1")
[ -n "$draw" ] || { echo "no published plan in $db" >&2; exit 1; }
# The officer with the most visits on the officer's list today (registered, open from the late-entry
# window to a month ahead; China time), and how many: the busiest officer's page.
today=$(TZ=Asia/Shanghai date +%F)
read -r officer credential department open_visits < <(sql "SELECT i.InspectorId, n.CredentialNumber, d.Code, COUNT(*) FROM visit_inspectors i
  JOIN visits v ON v.Id = i.VisitId JOIN inspectors n ON n.Id = i.InspectorId JOIN departments d ON d.Id = n.DepartmentId
  WHERE v.Status = 'registered' AND v.Date <= date('$today', '+31 days') AND v.ValidTo >= date('$today', '-10 days')
  GROUP BY i.InspectorId ORDER BY COUNT(*) DESC LIMIT 1" | tr '|' ' ')
[ -n "${officer:-}" ] || { echo "no officer has open visits on $today" >&2; exit 1; }
if ! grep -q '^bench\.inspector\b' "$tmp/users.txt"; then
  printf '%s\n%s\n' "$password" "$password" | platform dotnet "$dll" users add bench.inspector --role inspector --department "$department" --inspector "$credential" >/dev/null
fi
if ! grep -q '^bench\.coordinator\b' "$tmp/users.txt"; then
  printf '%s\n%s\n' "$password" "$password" | platform dotnet "$dll" users add bench.coordinator --role coordinator --department justice >/dev/null
fi
plan_visits=$(sql "SELECT COUNT(*) FROM plan_visits WHERE DrawId = $draw")
inspections=$(sql "SELECT COUNT(*) FROM inspections")
market=$(sql "SELECT COUNT(*) FROM market_entities")

if curl -s -o /dev/null -m 2 "$base/"; then
  echo "port $port is already in use (set QC_BENCH_PORT)" >&2
  exit 1
fi
# Started directly (not through a function) so that $! is the server itself, which the trap ends.
(cd "$data_dir" && exec env ASPNETCORE_ENVIRONMENT=Production QC_DATA_DIR="$data_dir" Logging__LogLevel__Default=Warning RateLimiting__Enabled=false \
  dotnet "$dll" serve --no-demo --urls "$base") >"$tmp/server.log" 2>&1 &
server=$!
deadline=$((SECONDS + startup_timeout))
until curl -sf -m 5 "$base/healthz" >/dev/null; do
  kill -0 "$server" 2>/dev/null || { echo "the server ended:"; tail -20 "$tmp/server.log"; exit 1; }
  [ $SECONDS -lt $deadline ] || { echo "the server did not answer in $startup_timeout s" >&2; exit 1; }
  sleep 2
done

sign_in() { # USER JAR: the sign-in cookie, as a browser gets it (same-site Origin)
  curl -sf -m 30 -c "$2" -H "Origin: $base" -H 'Content-Type: application/json' \
    -d "{\"userName\":\"$1\",\"password\":\"$password\"}" "$base/api/account/login" >/dev/null
}
sign_in bench.inspector "$tmp/inspector.jar"
sign_in bench.coordinator "$tmp/coordinator.jar"
cookie() { awk '$6 == "qc.auth" { print "qc.auth=" $7 }' "$1"; }
inspector_cookie=$(cookie "$tmp/inspector.jar")
coordinator_cookie=$(cookie "$tmp/coordinator.jar")

visit_pages=$(((open_visits + 99) / 100))
plan_pages=$(((plan_visits + 49) / 50))
cat >"$tmp/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.3f %.3f %d\n", summary.requests, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.status + e.timeout + e.connect + e.read + e.write))
end
LUA

# NAME PATH COOKIE TARGET_MS
pages=(
  "healthz|/healthz||"
  "officer's visits, page 1|/inspector|inspector|100"
  "officer's visits, last page ($visit_pages)|/inspector?p=$visit_pages|inspector|100"
  "public plans|/plans||100"
  "plan #$draw, page 1|/planning/draws/$draw|coordinator|100"
  "plan #$draw, last page ($plan_pages)|/planning/draws/$draw?p=$plan_pages|coordinator|100"
  "plan #$draw, samr, page 100|/planning/draws/$draw?department=samr&p=100|coordinator|100"
  "KPIs|/inspections/kpis|coordinator|500"
)

echo
echo "== $market enterprises, plan #$draw with $plan_visits visits, $inspections inspections; officer #$officer with $open_visits open visits"
echo "   $(nproc) cores shared by the server and wrk; one client, $duration s per page after a warm-up; load average $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "| page | status | p50 | p95 | p99 | requests | p95 / healthz p95 | target |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
healthz_p95=
for entry in "${pages[@]}"; do
  IFS='|' read -r name path who target <<<"$entry"
  header=()
  case "$who" in
    inspector) header=(-H "Cookie: $inspector_cookie") ;;
    coordinator) header=(-H "Cookie: $coordinator_cookie") ;;
  esac
  status=$(curl -s -o /dev/null -m 300 -w '%{http_code}' "${header[@]}" "$base$path") # warm-up: JIT, caches
  for _ in 1 2 3; do curl -s -o /dev/null -m 300 "${header[@]}" "$base$path"; done
  wrk -t1 -c1 -d"${duration}s" --timeout 30s ${header[@]+"${header[@]}"} -s "$tmp/p95.lua" "$base$path" >"$tmp/wrk.out" 2>&1 || true
  read -r _ requests p50 p95 p99 errors < <(grep '^RESULT' "$tmp/wrk.out" || echo "RESULT 0 0 0 0 0")
  [ -n "$healthz_p95" ] || healthz_p95=$p95
  ratio=$(awk -v a="$p95" -v b="$healthz_p95" 'BEGIN { printf (b > 0 ? "%.1f" : "n/a"), (b > 0 ? a / b : 0) }')
  verdict=$([ -z "$target" ] && echo "baseline" || awk -v p="$p95" -v t="$target" -v s="$status" -v e="$errors" \
    'BEGIN { print (p <= t && s == 200 && e == 0 ? "≤ " t " ms: met" : "≤ " t " ms: NOT met") }')
  echo "| $name | $status | $p50 ms | **$p95 ms** | $p99 ms | $requests ($errors errors) | $ratio | $verdict |"
done
