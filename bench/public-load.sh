#!/usr/bin/env bash
# Public downloads under load: the anonymous documents (the published draw records, the commitment,
# the four open-data files) fetched by 32 clients at once, next to one client on GET /healthz, on two
# builds in the same run: the baseline (a git ref, default 4feae56) and the candidate (this working
# tree). Each build runs as its own process (Release, Production, SQLite in a fresh directory, the
# demo city), one after the other; the server's RSS is sampled every 200 ms during the load.
# Targets for the candidate: RSS growth < 200 MB and /healthz p99 < 50 ms.
#
# Usage: bench/public-load.sh
#   BASELINE_REF=4feae56   the baseline's git ref
#   ENTERPRISES=20000      size of the demo city (Demo__Enterprises)
#   DURATION=20            seconds of load
#   CONNECTIONS=32         concurrent download clients
#   HEAP_LIMIT=0x180000000 DOTNET_GCHeapHardLimit (hex bytes, 6 GiB) of each server; empty for none
#   BASELINE_ONLY=1 or CANDIDATE_ONLY=1   measure one side only
#   URL_FILTER=REGEX       load only the URLs matching an extended regex (e.g. 'draw\.json$')
#   STARTUP_TIMEOUT=600    seconds to wait for a server and its demo city
#   QC_BENCH_PORT=5101     the baseline's port; the candidate listens on the next one
set -euo pipefail
export LC_ALL=C # decimal points in EPOCHREALTIME and printf
cd "$(dirname "$0")/.."

baseline_ref=${BASELINE_REF:-4feae56}
enterprises=${ENTERPRISES:-20000}
duration=${DURATION:-20}
connections=${CONNECTIONS:-32}
heap_limit=${HEAP_LIMIT-0x180000000}
startup_timeout=${STARTUP_TIMEOUT:-600}
first_port=${QC_BENCH_PORT:-5101}
url_filter=${URL_FILTER:-}
if [ -n "${BASELINE_ONLY:-}" ] && [ -n "${CANDIDATE_ONLY:-}" ]; then
  echo "BASELINE_ONLY and CANDIDATE_ONLY exclude each other" >&2
  exit 2
elif [ -n "${BASELINE_ONLY:-}" ]; then
  sides=(baseline)
elif [ -n "${CANDIDATE_ONLY:-}" ]; then
  sides=(candidate)
else
  sides=(baseline candidate)
fi

missing=()
for tool in wrk jq curl git; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (Debian packages)"
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qc-public-load.XXXXXX")
# The trap ends only this script's own children (the server running, wrk, the RSS sampler).
cleanup() {
  touch "$tmp/stop-sampling" 2>/dev/null || true
  local job
  for job in $(jobs -p); do kill -9 "$job" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

baseline_commit=$(git rev-parse --short "$baseline_ref^{commit}")
candidate_label="$(git rev-parse --short HEAD)$([ -z "$(git status --porcelain --untracked-files=no)" ] || echo ' + changes') (working tree)"
declare -A label=([baseline]="baseline $baseline_commit" [candidate]="candidate $candidate_label")
declare -A dll R

build() { # SIDE SOURCE_DIR
  echo "building the $1 (Release) from $2"
  if ! dotnet build "$2/src/QualityCity.Web" -c Release -nologo -v quiet >"$tmp/$1-build.log" 2>&1; then
    grep -E ": error " "$tmp/$1-build.log" | sort -u | head -20 || tail -20 "$tmp/$1-build.log"
    echo "the $1 does not build" >&2
    exit 1
  fi
  dll[$1]="$2/src/QualityCity.Web/bin/Release/net10.0/QualityCity.Web.dll"
}

for side in "${sides[@]}"; do
  if [ "$side" = baseline ]; then
    # An exported tree, not a worktree: nothing is added to the repository's metadata.
    mkdir "$tmp/baseline-src"
    git archive --format=tar "$baseline_commit" | tar -x -C "$tmp/baseline-src"
    build baseline "$tmp/baseline-src"
  else
    build candidate "$PWD"
  fi
done

rss_kb() { # PID: its resident set in kB, nothing once it has ended (a zombie has no VmRSS)
  local key value rest
  while read -r key value rest; do
    if [ "$key" = VmRSS: ]; then echo "$value"; return 0; fi
  done 2>/dev/null <"/proc/$1/status" || true
}

sample_rss() { # PID OUT: "milliseconds kB" every 200 ms until the stop file appears or the process ends
  local start=${EPOCHREALTIME/./} now kb
  while [ ! -e "$tmp/stop-sampling" ]; do
    kb=$(rss_kb "$1")
    [ -n "$kb" ] || break
    now=${EPOCHREALTIME/./}
    echo "$(((now - start) / 1000)) $kb" >>"$2"
    sleep 0.2
  done
}

alive() { [ -n "$(rss_kb "$1")" ]; }

mb() { awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; }

# The demo city loads when the server starts; the draw of this year's plan is published last, so a
# published draw in the public list means the whole city is there. A build that lists no draw is
# ready once the inspection open data has more than its header line.
wait_ready() { # PID BASE_URL: 0 ready, 1 the server ended, 2 timed out
  local deadline=$((SECONDS + startup_timeout)) lines
  while [ $SECONDS -lt $deadline ]; do
    alive "$1" || return 1
    if curl -sf -m 5 "$2/healthz" >/dev/null; then
      if curl -sf -m 30 "$2/api/planning/draws" | jq -e 'any(.[]; (.status // "" | ascii_downcase) == "published")' >/dev/null 2>&1; then
        return 0
      fi
      lines=$(curl -sf -m 60 "$2/open-data/inspection-results.csv" 2>/dev/null | head -c 65536 | wc -l)
      [ "$lines" -le 1 ] || return 0
    fi
    sleep 2
  done
  return 2
}

cat >"$tmp/healthz.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.3f %.3f %.3f %d\n", summary.requests, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, e.status + e.timeout + e.connect + e.read + e.write))
end
LUA

measure() { # SIDE PORT
  local side=$1 port=$2 base="http://127.0.0.1:$2" data="$tmp/$1-data" log="$tmp/$1-server.log" server ready=0 url out code size secs
  echo
  echo "== ${label[$side]}: port $port, demo city of $enterprises enterprises"
  if curl -s -o /dev/null -m 2 "$base/"; then
    echo "port $port is already in use (set QC_BENCH_PORT)" >&2
    exit 1
  fi
  mkdir "$data"
  # Both demo settings: Demo:LoadOnEmpty (today) and Demo:Load (the city loads only when asked);
  # each build ignores the one it does not know. Rate limits off: the load is one client.
  (cd "$data" && exec env ASPNETCORE_ENVIRONMENT=Production QC_DATA_DIR="$data" Demo__LoadOnEmpty=true Demo__Load=true \
    Demo__Enterprises="$enterprises" RateLimiting__Enabled=false Logging__LogLevel__Default=Warning \
    ${heap_limit:+DOTNET_GCHeapHardLimit=$heap_limit} dotnet "${dll[$side]}" --urls "$base") >"$log" 2>&1 &
  server=$!
  local started=$SECONDS
  wait_ready "$server" "$base" || ready=$?
  if [ "$ready" != 0 ]; then
    R[$side,state]=$([ "$ready" = 1 ] && echo "ended during start-up" || echo "not ready after $startup_timeout s")
    echo "  the server ${R[$side,state]}; last lines of its log:"
    tail -5 "$log" | sed 's/^/    /'
    kill -9 "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    return 0
  fi
  echo "  ready after $((SECONDS - started)) s, RSS $(mb "$(rss_kb "$server")") MB"

  local -a urls=()
  mapfile -t urls < <(curl -sf -m 30 "$base/api/planning/draws" |
    jq -r '.[] | select((.status // "" | ascii_downcase) | . == "published" or . == "superseded") | "/api/planning/draws/\(.id)/draw.json"')
  mapfile -t -O ${#urls[@]} urls < <(curl -sf -m 30 "$base/api/planning/commitments" | jq -r '.[] | "/api/planning/commitments/\(.id)/commitment.json"')
  urls+=(/open-data/inspection-results.json /open-data/inspection-results.csv /open-data/sampling-results.json /open-data/sampling-results.csv)
  if [ -n "$url_filter" ]; then
    mapfile -t urls < <(printf '%s\n' "${urls[@]}" | grep -E -- "$url_filter" || true)
  fi
  if [ ${#urls[@]} = 0 ]; then
    echo "no URL to load (URL_FILTER='$url_filter')" >&2
    exit 1
  fi

  # Warm-up: every URL once, so that JIT, SQLite's cache and (in a build that keeps cached files)
  # each file's first generation are not counted as growth under load. Its answers are the record
  # of each document's size.
  echo "  warm-up, one request each (the first answer: cold):"
  printf '    %-48s %6s %12s %9s %9s\n' URL status bytes MB seconds
  for url in "${urls[@]}"; do
    out=$(curl -s -o /dev/null -m 300 -w '%{http_code} %{size_download} %{time_total}' "$base$url") || true
    read -r code size secs <<<"$out"
    printf '    %-48s %6s %12s %9.1f %9.3f\n' "$url" "$code" "$size" "$(awk -v b="$size" 'BEGIN { print b / 1048576 }')" "$secs"
  done
  sleep 2 # let the warm-up's last answers leave the server

  {
    echo "local paths = {"
    printf '  "%s",\n' "${urls[@]}"
    cat <<'LUA'
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.bytes, summary.duration, e.status, e.timeout,
    e.connect + e.read + e.write))
end
LUA
  } >"$tmp/$side-downloads.lua"

  # Other work on the machine shows in every figure; the load average says how much there was.
  R[$side,loadavg]=$(cut -d' ' -f1 /proc/loadavg)
  echo "  load: $connections connections rotating over the ${#urls[@]} URLs and 1 on /healthz, $duration s" \
    "(machine load average ${R[$side,loadavg]})"
  rm -f "$tmp/stop-sampling"
  sample_rss "$server" "$tmp/$side-rss" &
  local sampler=$!
  R[$side,before]=$(rss_kb "$server")
  R[$side,before]=${R[$side,before]:-0}
  # wrk stops at the duration whatever is in flight; timeout only guards against a wrk that hangs.
  # --timeout 30s: a slow answer is counted when it comes, not dropped as an error.
  timeout $((duration + 60)) wrk -t2 -c"$connections" -d"${duration}s" --timeout 30s -s "$tmp/$side-downloads.lua" "$base" >"$tmp/$side-downloads.out" 2>&1 &
  local downloads=$!
  timeout $((duration + 60)) wrk -t1 -c1 -d"${duration}s" --timeout 30s --latency -s "$tmp/healthz.lua" "$base/healthz" >"$tmp/$side-healthz.out" 2>&1 &
  local healthz=$!
  wait "$downloads" || true
  wait "$healthz" || true
  touch "$tmp/stop-sampling"
  wait "$sampler" || true

  read -r _ "R[$side,requests]" "R[$side,bytes]" "R[$side,micros]" "R[$side,non2xx]" "R[$side,timeouts]" "R[$side,socket]" \
    < <(grep '^RESULT' "$tmp/$side-downloads.out" || echo "RESULT 0 0 0 0 0 0")
  read -r _ "R[$side,hz_requests]" "R[$side,p50]" "R[$side,p90]" "R[$side,p99]" "R[$side,hz_errors]" \
    < <(grep '^RESULT' "$tmp/$side-healthz.out" || echo "RESULT 0 0 0 0 0")
  # The peak counts the sample taken before the load, so the growth is never negative.
  R[$side,peak]=$(awk -v before="${R[$side,before]}" '$2 > before { before = $2 } END { print before }' "$tmp/$side-rss" 2>/dev/null || echo "${R[$side,before]}")
  R[$side,growth]=$((${R[$side,peak]} - ${R[$side,before]}))
  R[$side,oom]=$(grep -c OutOfMemoryException "$log" || true)
  if alive "$server"; then
    R[$side,state]="survived"
  else
    local last_ms
    last_ms=$(tail -1 "$tmp/$side-rss" 2>/dev/null | cut -d' ' -f1)
    R[$side,state]="$([ "${R[$side,oom]}" -gt 0 ] && echo "out of memory" || echo "ended") after $((${last_ms:-0} / 1000)) s of load"
    echo "  the server ${R[$side,state]}; last lines of its log:"
    tail -5 "$log" | cut -c1-200 | sed 's/^/    /'
  fi
  R[$side,ok]=1
  echo "  RSS $(mb "${R[$side,before]}") MB before, $(mb "${R[$side,peak]}") MB peak; ${R[$side,requests]} downloads completed;" \
    "/healthz p99 ${R[$side,p99]} ms"
  kill "$server" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$server" || break; sleep 0.2; done
  kill -9 "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}

port=$first_port
for side in "${sides[@]}"; do
  measure "$side" "$port"
  port=$((port + 1))
done

cell() { # SIDE FUNCTION: a table cell, or a dash for a side that never reached the load
  if [ -z "${R[$1,ok]:-}" ]; then echo "—"; else "$2" "$1"; fi
}
row() { # TITLE FUNCTION: one table row over the measured sides
  local line="| $1 |" side
  for side in "${sides[@]}"; do line+=" $(cell "$side" "$2") |"; done
  echo "$line"
}
state() { echo "${R[$1,state]}"; }
before() { echo "$(mb "${R[$1,before]}") MB"; }
peak() { echo "$(mb "${R[$1,peak]}") MB"; }
growth() { echo "**$(mb "${R[$1,growth]}") MB**"; }
completed() { echo "${R[$1,requests]}"; }
non2xx() { echo "${R[$1,non2xx]}"; }
errors() { echo "${R[$1,timeouts]} / ${R[$1,socket]}"; }
oom() { echo "${R[$1,oom]}"; }
throughput() { awk -v b="${R[$1,bytes]}" -v us="${R[$1,micros]}" 'BEGIN { printf "%.1f MB/s", (us > 0 ? b / 1048576 / (us / 1e6) : 0) }'; }
healthz() { echo "${R[$1,p50]} / ${R[$1,p90]} / **${R[$1,p99]}** ms"; }
healthz_requests() { echo "${R[$1,hz_requests]} (${R[$1,hz_errors]} errors)"; }
loadavg() { echo "${R[$1,loadavg]}"; }

echo
echo "== Public downloads under load: demo city of $enterprises enterprises, $connections connections for $duration s${url_filter:+ on the URLs matching $url_filter}"
echo "   $(nproc) cores shared by the server and both wrk processes; GC heap limit ${heap_limit:-none} (DOTNET_GCHeapHardLimit) on each server;"
echo "   RSS before = after one warm-up request per URL; peak = highest 200 ms sample during the load (MB = 2^20 bytes)."
echo
header="| |" rule="|---|"
for side in "${sides[@]}"; do header+=" ${label[$side]} |"; rule+="---:|"; done
echo "$header"
echo "$rule"
row "server under load" state
row "RSS before load" before
row "RSS peak during load" peak
row "RSS growth" growth
row "downloads completed" completed
row "downloads answered ≥ 400" non2xx
row "downloads timed out / socket errors" errors
row "OutOfMemoryException in the log" oom
row "download throughput" throughput
row "/healthz p50 / p90 / p99" healthz
row "/healthz requests" healthz_requests
row "machine load average before the load" loadavg
echo

ratio() { # NAME CANDIDATE BASELINE
  awk -v n="$1" -v c="$2" -v b="$3" 'BEGIN { if (b + 0 > 0) printf "%s: candidate/baseline = %.2f\n", n, c / b; else printf "%s: candidate/baseline = n/a (baseline 0)\n", n }'
}
if [ -n "${R[baseline,ok]:-}" ] && [ -n "${R[candidate,ok]:-}" ]; then
  ratio "memory growth" "${R[candidate,growth]}" "${R[baseline,growth]}"
  ratio "downloads completed" "${R[candidate,requests]}" "${R[baseline,requests]}"
  ratio "download throughput" "$(throughput candidate | cut -d' ' -f1)" "$(throughput baseline | cut -d' ' -f1)"
  ratio "/healthz p99" "${R[candidate,p99]}" "${R[baseline,p99]}"
fi

# The targets are the candidate's; a baseline-only run states the baseline against them for the record.
judged=${sides[-1]}
if [ -z "${R[$judged,ok]:-}" ]; then
  echo "$judged against the targets: FAIL (the server ${R[$judged,state]})"
  exit 0
fi
awk -v who="$judged" -v kb="${R[$judged,growth]}" -v p99="${R[$judged,p99]}" -v n="${R[$judged,hz_requests]}" -v state="${R[$judged,state]}" 'BEGIN {
  growth = kb / 1024; memory = growth < 200 && state == "survived"; latency = n > 0 && p99 < 50
  printf "%s against the targets: memory growth %.0f MB < 200 MB: %s; /healthz p99 %.2f ms < 50 ms: %s => %s\n", who, growth,
    memory ? "met" : "NOT met", p99, latency ? "met" : "NOT met", memory && latency ? "PASS" : "FAIL"
}'
