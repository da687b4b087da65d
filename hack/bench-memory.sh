#!/usr/bin/env bash
# Usage: hack/bench-memory.sh [--restarts N] [--secrets N] [--read-seconds S] [--threads T] [--idle-only] [--keep]
# Measures Nexus and the keepers on a local stack of their own (SPIKE_BENCH_STACK_DIR, default
# /tmp/spike-bench-memory; ports 29553, 29443, 29543, 29643):
#   1. resident memory (ps RSS) of the keepers and Nexus, idle (--idle-only: only this, no timing);
#   2. Nexus restart to ready, with the keepers up: from starting dist/bin/nexus to the first secret
#      read answered (curl polling every 20 ms), N times (default 5), median; and, for scale, just
#      before each restart, the Bouncy Castle FIPS power-up alone (hack/lib/FipsPowerUp.java);
#   3. Nexus RSS with N secrets (default 100000, written through the Java client) under T threads of
#      reads (default 8) for S seconds (default 60): the largest RSS seen, sampled every second.
# Stops the stack afterwards unless --keep. Needs a build, curl and openssl. See docs/performance.md.
set -euo pipefail

restarts=5
secrets=100000
read_seconds=60
threads=8
keep=false
idle_only=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --restarts) restarts="${2:?}"; shift 2 ;;
    --secrets) secrets="${2:?}"; shift 2 ;;
    --read-seconds) read_seconds="${2:?}"; shift 2 ;;
    --threads) threads="${2:?}"; shift 2 ;;
    --idle-only) idle_only=true; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "usage: hack/bench-memory.sh [--restarts N] [--secrets N] [--read-seconds S] [--threads T] [--idle-only] [--keep]" >&2; exit 1 ;;
  esac
done

# shellcheck source=lib/bench.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
bench_stack_env "${SPIKE_BENCH_STACK_DIR:-/tmp/spike-bench-memory}" 29000
# shellcheck source=lib/find-java.sh
. "$SPIKE_REPO/hack/lib/find-java.sh"
spike_find_java
bench_need curl openssl
BENCH_KEEP_STACK=$keep
trap bench_stack_down EXIT
bench_stack_up

rss_mib() { # $1 = component; prints its resident memory in MiB
  local pid
  pid=$(stack_pid "$1") || { echo "-"; return; }
  echo $(($(ps -o rss= -p "$pid") / 1024))
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now_ms() { echo $((${EPOCHREALTIME/[.,]/} / 1000)); }

echo "SPIKE Nexus benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, JDK $SPIKE_JAVA_MAJOR; load average $(bench_load)"
SPIKE_PILOT_HELPER=false "$SPIKE_DIST/bin/spike" secret put bench/ready probe=1 >/dev/null
bench_curl "/v1/store/secrets?action=get" '{"path":"bench/ready"}'
read_cmd=$BENCH_CURL
sleep 10
echo "1. Idle resident memory (RSS): keepers $(rss_mib keeper-1), $(rss_mib keeper-2), $(rss_mib keeper-3) MiB; Nexus $(rss_mib nexus) MiB"
if $idle_only; then exit 0; fi

# Each restart is paired with the machine's yardstick, measured just before it with Nexus stopped: the
# Bouncy Castle FIPS power-up alone, the floor under a restart. On a shared host both move together.
times=()
power_up=()
for ((r = 1; r <= restarts; r++)); do
  stack_stop_component nexus >/dev/null
  power_up+=("$("$SPIKE_JAVA_HOME/bin/java" "${SPIKE_JVM_FLAGS[@]}" -cp "$SPIKE_DIST/lib/nexus.jar" "$SPIKE_REPO/hack/lib/FipsPowerUp.java")")
  started=$(now_ms)
  stack_start_nexus
  ready=""
  for ((i = 0; i < 3000; i++)); do
    if bash -c "$read_cmd" >/dev/null 2>&1; then ready=$(($(now_ms) - started)); break; fi
    sleep 0.02
  done
  [[ -n "$ready" ]] || { echo "error: Nexus did not become ready; see $STACK_LOG_DIR/nexus.log" >&2; exit 1; }
  times+=("$ready")
done
echo "2. Nexus restart to first read, keepers up: median $(printf '%s\n' "${times[@]}" | median) ms (runs: ${times[*]} ms; load $(bench_load))"
echo "   For scale, the Bouncy Castle FIPS power-up alone, just before each restart: median $(printf '%s\n' "${power_up[@]}" | median) ms (runs: ${power_up[*]} ms)"

loader=("$SPIKE_JAVA_HOME/bin/java" "${SPIKE_JVM_FLAGS[@]}" -cp "$SPIKE_DIST/lib/spike.jar" "$SPIKE_REPO/hack/lib/NexusLoad.java")
echo "3. Writing $secrets secrets..."
"${loader[@]}" put "$secrets" 16 | sed 's/^/  /'
echo "   Nexus RSS after writing: $(rss_mib nexus) MiB. Reading with $threads threads for $read_seconds s..."
"${loader[@]}" get "$secrets" "$threads" "$read_seconds" | sed 's/^/  /' &
reader=$!
peak=0
while kill -0 "$reader" 2>/dev/null; do
  rss=$(rss_mib nexus)
  [[ "$rss" =~ ^[0-9]+$ ]] && ((rss > peak)) && peak=$rss
  sleep 1
done
wait "$reader"
echo "   Nexus RSS under read load: peak $peak MiB, now $(rss_mib nexus) MiB (load $(bench_load))"
echo "   Keepers now: $(rss_mib keeper-1), $(rss_mib keeper-2), $(rss_mib keeper-3) MiB"
