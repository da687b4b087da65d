#!/usr/bin/env bash
# Usage: hack/bench-nexus.sh [--gets N] [--puts N] [--seconds S] [--runs LIST] [--dist DIR] [--keep]
# Measures Nexus throughput and latency with ApacheBench (ab) over keep-alive mTLS on loopback.
# Needs dist/ (./mvnw -B -ntp -DskipTests package); builds nothing. Starts its own throw-away stack
# (dev identity provider, 3 keepers, Nexus on SQLite with synchronous=FULL) in a temp dir on free
# ports, so a running local stack is never touched, then stops it. Results: docs/performance.md.
#   --gets N     requests per get run and for the ceiling (default 40000)
#   --puts N     requests per put run (default 20000)
#   --seconds S  time limit of each run (default 60)
#   --runs LIST  which runs, comma-separated (default ceiling16,get16,get64,get1,put16,put1)
#   --dist DIR   run the launchers of another build (a copy of dist/), to compare two builds
#   --keep       keep the temp dir (logs, ab output) instead of deleting it
# SPIKE_JAVA_OPTS is passed to Nexus, e.g. -XX:StartFlightRecording=filename=/tmp/nexus.jfr
set -euo pipefail

usage() {
  echo "usage: hack/bench-nexus.sh [--gets N] [--puts N] [--seconds S] [--runs LIST] [--dist DIR] [--keep]" >&2
  exit 1
}

gets=40000
puts=20000
seconds=60
keep=false
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
    -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) usage ;;
  esac
done
for n in "$gets" "$puts" "$seconds"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || usage
done

# A short temp dir: unix socket paths must stay under 108 bytes.
bench_dir="$(mktemp -d /tmp/spike-bench.XXXXXX)"
chmod 700 "$bench_dir"

# Picks a free loopback TCP port not handed out before (random, checked with ss).
taken=" "
free_port() {
  local port i
  for ((i = 0; i < 200; i++)); do
    port=$((20000 + RANDOM % 30000))
    [[ "$taken" == *" $port "* ]] && continue
    if [[ -z "$(ss -Htln "sport = :$port")" ]]; then
      taken+="$port "
      echo "$port"
      return 0
    fi
  done
  echo "error: no free port found" >&2
  return 1
}

SPIKE_STACK_DIR="$bench_dir"
SPIKE_STACK_NEXUS_PORT="$(free_port)"
SPIKE_STACK_KEEPER1_PORT="$(free_port)"
SPIKE_STACK_KEEPER2_PORT="$(free_port)"
SPIKE_STACK_KEEPER3_PORT="$(free_port)"
export SPIKE_STACK_DIR SPIKE_STACK_NEXUS_PORT SPIKE_STACK_KEEPER1_PORT SPIKE_STACK_KEEPER2_PORT SPIKE_STACK_KEEPER3_PORT
# shellcheck source=lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"
[[ -z "$dist" ]] || SPIKE_DIST="$dist"

cleanup() {
  local i
  for ((i = ${#STACK_COMPONENTS[@]} - 1; i >= 0; i--)); do
    stack_stop_component "${STACK_COMPONENTS[$i]}" >/dev/null || true
  done
  if $keep; then
    echo "kept $bench_dir (logs in $STACK_LOG_DIR)"
  else
    rm -rf "$bench_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ -x "$SPIKE_DIST/bin/nexus" ]] || {
  echo "error: $SPIKE_DIST/bin/nexus is missing; run ./mvnw -B -ntp -DskipTests package first" >&2; exit 1; }
if ! command -v ab >/dev/null; then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing ab (apache2-utils)..."
    apt-get install -y -qq apache2-utils >/dev/null
  else
    echo "error: ab is missing; install apache2-utils" >&2; exit 1
  fi
fi

mkdir -p "$STACK_LOG_DIR" "$STACK_PID_DIR" "$STACK_DATA_DIR"
chmod 700 "$STACK_DATA_DIR"
echo "Starting a throw-away stack in $bench_dir (Nexus on 127.0.0.1:$STACK_NEXUS_PORT)..."
# SPIKE_JAVA_OPTS (a recording, a GC log) is meant for Nexus alone: the other JVMs do not get it.
stack_spawn identity env -u SPIKE_JAVA_OPTS "$SPIKE_DIST/bin/spike-dev-identity" --dir "$STACK_IDENTITY_DIR" \
  --trust-domain "$STACK_TRUST_DOMAIN" --svid-files
for name in nexus keeper; do
  stack_wait_for_file "$STACK_IDENTITY_DIR/$name.sock" 60 || {
    echo "error: the identity provider did not come up; see $STACK_LOG_DIR/identity.log" >&2; exit 1; }
done
su="$STACK_IDENTITY_DIR/svid/superuser"
stack_wait_for_file "$su/svid_key.pem" 30 || { echo "error: no SVID files in $su" >&2; exit 1; }
for i in 1 2 3; do
  stack_spawn "keeper-$i" env -u SPIKE_JAVA_OPTS SPIFFE_ENDPOINT_SOCKET="$(stack_socket keeper)" \
    SPIKE_KEEPER_TLS_PORT="127.0.0.1:${STACK_KEEPER_PORTS[$((i - 1))]}" "$SPIKE_DIST/bin/keeper"
done
# Audit lines stay on (INFO, the default): their cost is part of every request.
stack_spawn nexus env SPIFFE_ENDPOINT_SOCKET="$(stack_socket nexus)" \
  SPIKE_NEXUS_TLS_PORT="127.0.0.1:$STACK_NEXUS_PORT" SPIKE_NEXUS_KEEPER_PEERS="$(stack_keeper_peers)" \
  SPIKE_NEXUS_DATA_DIR="$STACK_DATA_DIR" SPIKE_NEXUS_DB_SYNCHRONOUS=FULL \
  SPIKE_NEXUS_SHAMIR_SHARES=3 SPIKE_NEXUS_SHAMIR_THRESHOLD=2 "$SPIKE_DIST/bin/nexus"

# ab takes one PEM holding the certificate, then the key. ab does not verify the server, and curl
# is told not to (-k): the SVIDs carry no DNS name. Both present the superuser's client certificate.
pem="$bench_dir/superuser.pem"
(umask 077 && cat "$su/svid.pem" "$su/svid_key.pem" >"$pem")
base="https://127.0.0.1:$STACK_NEXUS_PORT/v1/store/secrets"
post() { # $1 = action, $2 = body; prints the HTTP status
  curl -sk -o /dev/null -w '%{http_code}' --cert "$su/svid.pem" --key "$su/svid_key.pem" \
    -H 'Content-Type: application/json' --data-binary "$2" "$base?action=$1" || true
}

echo -n "Waiting for Nexus to be ready"
ready=false
for ((i = 0; i < 240; i++)); do
  if [[ "$(post list '{}')" == 200 ]]; then ready=true; break; fi
  stack_pid nexus >/dev/null || break
  echo -n "."
  sleep 0.5
done
echo
$ready || { echo "error: Nexus did not become ready; see $STACK_LOG_DIR/nexus.log" >&2; exit 1; }

value="$(printf 'x%.0s' {1..1024})" # 1 KiB
printf '{"path":"bench/get","values":{"v":"%s"}}' "$value" >"$bench_dir/put-get.json"
printf '{"path":"bench/put","values":{"v":"%s"}}' "$value" >"$bench_dir/put.json"
printf '{"path":"bench/get"}' >"$bench_dir/get.json"
[[ "$(post '' "$(<"$bench_dir/put-get.json")")" == 200 ]] || { echo "error: cannot write the secret" >&2; exit 1; }

results="$bench_dir/results"
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
  out="$bench_dir/ab-${label// /_}-c$c.txt"
  csv="$bench_dir/ab-${label// /_}-c$c.csv"
  # -t before -n: -t alone would cap the count at 50000; this keeps both bounds.
  ab -k -q -c "$c" -t "$seconds" -n "$n" -s 30 -E "$pem" -p "$body" -T application/json -e "$csv" \
    "$base?action=$action" >"$out" 2>&1 || { echo "error: ab failed for $label:" >&2; cat "$out" >&2; exit 1; }
  ticks=$(($(nexus_ticks) - ticks))
  rps=$(awk '/^Requests per second:/ {print $4}' "$out")
  failed=$(awk '/^Failed requests:/ {print $3}' "$out")
  non2xx=$(awk '/^Non-2xx responses:/ {print $3}' "$out")
  n=$(awk '/^Complete requests:/ {print $3}' "$out")
  p50=$(awk -F, '$1 == 50 {print $2}' "$csv")
  p99=$(awk -F, '$1 == 99 {print $2}' "$csv")
  if [[ "$expect" == 2xx ]]; then bad=$((failed + ${non2xx:-0})); else bad=$((failed + n - ${non2xx:-0})); fi
  cpu=$((ticks * 1000000 / ticks_per_second / n))
  echo "$label $c $n $rps $p50 $p99 $bad $cpu" >>"$results"
  printf '  %-8s c=%-3s %6s req  %9s req/s  p50 %7s ms  p99 %7s ms  Nexus CPU %4s us/req  unexpected %s\n' \
    "$label" "$c" "$n" "$rps" "$p50" "$p99" "$cpu" "$bad"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "Load average before: $(load)"
echo "Warming up (the JIT compiles the hot paths; its CPU time would otherwise count)..."
warm() { # $1 = requests, $2 = action, $3 = body file
  ab -k -q -c 16 -t "$seconds" -n "$1" -E "$pem" -p "$3" -T application/json "$base?action=$2" >/dev/null 2>&1
}
warm $((gets / 2)) get "$bench_dir/get.json"
warm $((gets / 4)) nope "$bench_dir/get.json"
warm $((puts / 2)) "" "$bench_dir/put.json"

echo "Measuring (keep-alive mTLS, loopback, ${seconds}s limit per run):"
# The ceiling: an unknown action goes through TLS, Jetty, Javalin, the dispatcher and an audit line,
# and is answered 400 before any body is read or the store is touched.
run_ab ceiling 16 "$gets" nope "$bench_dir/get.json" 4xx
run_ab get 16 "$gets" get "$bench_dir/get.json" 2xx
run_ab get 64 "$gets" get "$bench_dir/get.json" 2xx
run_ab get 1 $((gets / 4)) get "$bench_dir/get.json" 2xx
# ab sends the same body every time: each put adds a version to one path and prunes the oldest.
run_ab put 16 "$puts" "" "$bench_dir/put.json" 2xx
run_ab put 1 $((puts / 4)) "" "$bench_dir/put.json" 2xx
echo "Load average after: $(load)"

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
  echo "error: $bad responses had an unexpected status or length; see $bench_dir" >&2
  keep=true
  exit 1
fi
echo
echo "Machine: $(nproc) cores, $(uname -sr); load average now $(load)"
