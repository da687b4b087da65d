#!/usr/bin/env bash
# Usage: hack/bench-nexus.sh [--gets N] [--puts N] [--seconds S] [--runs LIST] [--dist DIR] [--metrics] [--keep]
# Measures Nexus throughput and latency with ApacheBench (ab) over keep-alive mTLS on loopback.
# Needs dist/ (./mvnw -B -ntp -DskipTests package); builds nothing. Starts its own throw-away stack
# (dev identity provider, 3 keepers, Nexus on SQLite with synchronous=FULL) in a temp dir on free
# ports, so a running local stack is never touched, then stops it. Results: docs/performance.md.
#   --gets N     requests per get run and for the ceiling (default 40000)
#   --puts N     requests per put run (default 20000)
#   --seconds S  time limit of each run (default 60)
#   --runs LIST  which runs, comma-separated (default ceiling16,get16,get64,get1,put16,put1)
#   --dist DIR   run the launchers of another build (a copy of dist/), to compare two builds
#   --metrics    turn Nexus's health listener on (metrics recorded) and time a /metrics scrape every
#                second during the get runs (median and slowest)
#   --keep       keep the temp dir (logs, ab output) instead of deleting it
# SPIKE_JAVA_OPTS is passed to Nexus, e.g. -XX:StartFlightRecording=filename=/tmp/nexus.jfr
set -euo pipefail

usage() {
  echo "usage: hack/bench-nexus.sh [--gets N] [--puts N] [--seconds S] [--runs LIST] [--dist DIR] [--metrics] [--keep]" >&2
  exit 1
}

gets=40000
puts=20000
seconds=60
keep=false
metrics=false
dist=""
runs="ceiling16,get16,get64,get1,put16,put1"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --gets) [[ $# -ge 2 ]] || usage; gets="$2"; shift 2 ;;
    --puts) [[ $# -ge 2 ]] || usage; puts="$2"; shift 2 ;;
    --seconds) [[ $# -ge 2 ]] || usage; seconds="$2"; shift 2 ;;
    --runs) [[ $# -ge 2 ]] || usage; runs="$2"; shift 2 ;;
    --dist) [[ $# -ge 2 ]] || usage; dist="$(cd "$2" && pwd)"; shift 2 ;;
    --keep) keep=true; shift ;;
    --metrics) metrics=true; shift ;;
    -h|--help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) usage ;;
  esac
done
for n in "$gets" "$puts" "$seconds"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || usage
done

# shellcheck source=lib/bench-stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/bench-stack.sh"
BENCH_KEEP=$keep
BENCH_DIST=$dist
bench_stack_init
if [[ "$metrics" == true ]]; then
  health_port="$(bench_free_port)"
  BENCH_NEXUS_ENV+=(SPIKE_NEXUS_HEALTH_ADDRESS="127.0.0.1:$health_port")
fi
bench_stack_start
base="$BENCH_URL/v1/store/secrets"

value="$(printf 'x%.0s' {1..1024})" # 1 KiB
printf '{"path":"bench/get","values":{"v":"%s"}}' "$value" >"$BENCH_DIR/put-get.json"
printf '{"path":"bench/put","values":{"v":"%s"}}' "$value" >"$BENCH_DIR/put.json"
printf '{"path":"bench/get"}' >"$BENCH_DIR/get.json"
: >"$BENCH_DIR/empty.json"
[[ "$(bench_status "/v1/store/secrets?action=" "$(<"$BENCH_DIR/put-get.json")")" == 200 ]] || {
  echo "error: cannot write the secret" >&2; exit 1; }

results="$BENCH_DIR/results"
: >"$results"
# Nexus's CPU time so far, in clock ticks (user + system): CPU per request depends much less on
# what else runs on the machine than requests/s do, so it compares two builds on a busy machine.
nexus_ticks() { awk '{print $14 + $15}' "/proc/$(stack_pid nexus)/stat"; }
ticks_per_second="$(getconf CLK_TCK)"

# Runs ab; $1 = label, $2 = concurrency, $3 = requests, $4 = action, $5 = body file, $6 = expected
# status class (2xx or 4xx). Appends "label c requests rps p50 p99 failures cpu_us" to $results.
run_ab() {
  local label="$1" c="$2" n="$3" action="$4" body="$5" expect="$6" out csv rps p50 p99 failed non2xx bad
  local ticks cpu
  [[ ",$runs," == *",$label$c,"* ]] || return 0
  ticks="$(nexus_ticks)"
  out="$BENCH_DIR/ab-${label// /_}-c$c.txt"
  local scraper=""
  if [[ "$metrics" == true && "$label" == get ]]; then
    scrape_loop "$BENCH_DIR/scrapes-c$c.txt" &
    scraper=$!
    BENCH_CHILDREN+=("$scraper")
  fi
  csv="$BENCH_DIR/ab-${label// /_}-c$c.csv"
  # -t before -n: -t alone would cap the count at 50000; this keeps both bounds.
  "${BENCH_AB[@]}" -c "$c" -t "$seconds" -n "$n" -s 30 -p "$body" -e "$csv" \
    "$base?action=$action" >"$out" 2>&1 || { echo "error: ab failed for $label:" >&2; cat "$out" >&2; exit 1; }
  ticks=$(($(nexus_ticks) - ticks))
  if [[ -n "$scraper" ]]; then
    kill "$scraper" 2>/dev/null || true
    wait "$scraper" 2>/dev/null || true
    scrape_stats "$BENCH_DIR/scrapes-c$c.txt" "$label c=$c"
  fi
  read -r n rps p50 p99 failed non2xx < <(bench_ab_stats "$out" "$csv")
  if [[ "$expect" == 2xx ]]; then bad=$((failed + non2xx)); else bad=$((failed + n - non2xx)); fi
  cpu=$((ticks * 1000000 / ticks_per_second / n))
  echo "$label $c $n $rps $p50 $p99 $bad $cpu" >>"$results"
  printf '  %-8s c=%-3s %6s req  %9s req/s  p50 %7s ms  p99 %7s ms  Nexus CPU %4s us/req  unexpected %s\n' \
    "$label" "$c" "$n" "$rps" "$p50" "$p99" "$cpu" "$bad"
}

# A Prometheus scrape of /metrics each second while ab runs: its total time in ms, one per line.
scrape_loop() {
  while true; do
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$health_port/metrics" |
      awk '{printf "%.2f\n", $1 * 1000}' >>"$1"
    sleep 1
  done
}
scrape_stats() { # $1 = file of scrape times, $2 = label
  sort -n "$1" | awk -v label="$2" '{a[NR] = $1} END {
    if (NR == 0) { print "  no scrape during " label; exit }
    printf "  /metrics during %s: %d scrapes, median %.1f ms, slowest %.1f ms\n", label, NR, a[int((NR + 1) / 2)], a[NR] }'
}

echo "Load average before: $(bench_load)"
echo "Warming up (the JIT compiles the hot paths; its CPU time would otherwise count)..."
warm() { # $1 = requests, $2 = action, $3 = body file
  "${BENCH_AB[@]}" -c 16 -t "$seconds" -n "$1" -p "$3" "$base?action=$2" >/dev/null 2>&1
}
warm $((gets / 2)) get "$BENCH_DIR/get.json"
warm $((gets / 4)) nope "$BENCH_DIR/empty.json"
warm $((puts / 2)) "" "$BENCH_DIR/put.json"

echo "Measuring (keep-alive mTLS, loopback, ${seconds}s limit per run):"
# The ceiling: an unknown action goes through TLS, Jetty, Javalin, the dispatcher and an audit line,
# and is answered 400 before the store is touched. Sent without a body: Nexus never reads a refused
# request's body and closes its connection instead, which would measure TLS handshakes.
run_ab ceiling 16 "$gets" nope "$BENCH_DIR/empty.json" 4xx
run_ab get 16 "$gets" get "$BENCH_DIR/get.json" 2xx
run_ab get 64 "$gets" get "$BENCH_DIR/get.json" 2xx
run_ab get 1 $((gets / 4)) get "$BENCH_DIR/get.json" 2xx
# ab sends the same body every time: each put adds a version to one path and prunes the oldest.
run_ab put 16 "$puts" "" "$BENCH_DIR/put.json" 2xx
run_ab put 1 $((puts / 4)) "" "$BENCH_DIR/put.json" 2xx
echo "Load average after: $(bench_load)"

echo
echo "| route | concurrency | requests | req/s | p50 ms | p99 ms | vs ceiling | Nexus CPU µs/req |"
echo "|---|---|---|---|---|---|---|---|"
ceiling=$(awk '$1 == "ceiling" && $2 == 16 {print $4}' "$results")
awk -v ceil="$ceiling" '{
  name = ($1 == "ceiling") ? "unknown action (400), the ceiling" : ($1 == "get") ? "get 1 KiB secret" : "put 1 KiB secret"
  ratio = (ceil > 0) ? sprintf("%.2f", $4 / ceil) : "-"
  printf "| %s | %s | %s | %.0f | %.2f | %.2f | %s | %s |\n", name, $2, $3, $4, $5, $6, ratio, $8
}' "$results"
bad=$(awk '{s += $7} END {print s + 0}' "$results")
if [[ "$bad" -gt 0 ]]; then
  echo "error: $bad responses had an unexpected status or length; see $BENCH_DIR" >&2
  BENCH_KEEP=true
  exit 1
fi
echo
bench_machine
