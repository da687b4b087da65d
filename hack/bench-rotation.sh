#!/usr/bin/env bash
# Usage: hack/bench-rotation.sh [--secrets N] [--seconds S] [--batch B] [--dist DIR] [--keep]
# Measures an online data-key rotation on a throw-away stack (the one hack/bench-nexus.sh starts):
#   1. seeds N secrets, each at its own path with a 100-byte value, through the Java client
#      (hack/lib/SeedSecrets.java, 16 virtual threads), and prints the rate;
#   2. baseline: reads one 1 KiB secret with ab (keep-alive mTLS, concurrency 16) for S seconds;
#   3. starts a rotation (POST /v1/operator/rotate) and runs the same reads until it is complete
#      (keys polled every 0.5 s: phase idle, no storage generation decrypt-only), then stops ab.
# Reports the rotation's duration (from Nexus's log lines), the records re-sealed and the read rate
# during it against the baseline. Needs dist/ (./mvnw -B -ntp -DskipTests package); builds nothing.
#   --secrets N  secrets to seed (default 100000)
#   --seconds S  time of the baseline run (default 20)
#   --batch B    records per re-sealing transaction, SPIKE_NEXUS_KEY_ROTATION_BATCH_SIZE (default 500)
#   --dist DIR   run the launchers of another build (a copy of dist/)
#   --keep       keep the temp dir (logs, ab output) instead of deleting it
# SPIKE_JAVA_OPTS is passed to Nexus, e.g. -XX:StartFlightRecording=filename=/tmp/nexus.jfr
set -euo pipefail

usage() {
  echo "usage: hack/bench-rotation.sh [--secrets N] [--seconds S] [--batch B] [--dist DIR] [--keep]" >&2
  exit 1
}

secrets=100000
seconds=20
batch=500
keep=false
dist=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --secrets) [[ $# -ge 2 ]] || usage; secrets="$2"; shift 2 ;;
    --seconds) [[ $# -ge 2 ]] || usage; seconds="$2"; shift 2 ;;
    --batch) [[ $# -ge 2 ]] || usage; batch="$2"; shift 2 ;;
    --dist) [[ $# -ge 2 ]] || usage; dist="$(cd "$2" && pwd)"; shift 2 ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) usage ;;
  esac
done
for n in "$secrets" "$seconds" "$batch"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || usage
done
((batch <= 100000)) || { echo "error: --batch is at most 100000 (Nexus's limit)" >&2; exit 1; }

# shellcheck source=lib/bench-stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/bench-stack.sh"
BENCH_KEEP=$keep
BENCH_DIST=$dist
# INFO: Nexus logs when the rotation starts and completes (nothing per request), to the millisecond.
BENCH_NEXUS_ENV=(SPIKE_NEXUS_KEY_ROTATION_BATCH_SIZE="$batch" SPIKE_SYSTEM_LOG_LEVEL=INFO)
bench_stack_init
# shellcheck source=lib/find-java.sh
. "$SPIKE_REPO/hack/lib/find-java.sh"
spike_find_java
bench_stack_start
get_url="$BENCH_URL/v1/store/secrets?action=get"
# A bound for ab runs that the time limit ends: ab reserves 32 bytes per request up front (address
# space only: the pages it never fills cost nothing), and stops early if it reaches the count.
ab_requests=10000000

# The keyring's state (POST /v1/operator/keys), read with sed and grep: compact JSON, flat but for the
# generations, whose objects are the only ones without braces inside.
keys_field() { # $1 = JSON, $2 = field; prints a string's or a number's value
  sed -n "s/.*\"$2\": *\"\{0,1\}\([^\",}]*\).*/\1/p" <<<"$1"
}
keys_old_storage() { # $1 = JSON; prints how many storage generations are still decrypt-only
  { grep -o '{[^{}]*}' <<<"$1" | grep '"purpose": *"storage"' | grep -c '"state": *"decrypt-only"'; } || true
}
now_us() { echo "${EPOCHREALTIME/[.,]/}"; }
nexus_log_ms() { # $1 = text of a line of Nexus's log; prints the time of the first such line in ms
  local line
  line="$(grep -m 1 -F "$1" "$STACK_LOG_DIR/nexus.log")" || return 1
  date -d "${line%% *}" +%s%3N
}

value="$(printf 'x%.0s' {1..1024})" # 1 KiB, as in hack/bench-nexus.sh
printf '{"path":"bench/get","values":{"v":"%s"}}' "$value" >"$BENCH_DIR/put-get.json"
printf '{"path":"bench/get"}' >"$BENCH_DIR/get.json"
[[ "$(bench_status "/v1/store/secrets?action=" "$(<"$BENCH_DIR/put-get.json")")" == 200 ]] || {
  echo "error: cannot write the secret" >&2; exit 1; }
echo "Load average before: $(bench_load)"

echo "Seeding $secrets secrets (100-byte values, Java client, 16 virtual threads)..."
"$SPIKE_JAVA_HOME/bin/java" "${SPIKE_JVM_FLAGS[@]}" -cp "$SPIKE_DIST/lib/*" "$SPIKE_REPO/hack/lib/SeedSecrets.java" \
  "$BENCH_SVID" "$BENCH_URL" "$secrets" 16 >"$BENCH_DIR/seed.txt" 2>&1 || {
  echo "error: seeding failed:" >&2; cat "$BENCH_DIR/seed.txt" >&2; exit 1; }
sed 's/^/  /' "$BENCH_DIR/seed.txt"
seed_rate=$(sed -n 's/^seeded .*: \([0-9]*\)\/s.*/\1/p' "$BENCH_DIR/seed.txt")

# ab reads at concurrency 16; the callers add the bounds, the percentile file and the URL. -t before -n:
# -t sets the count to 50000, -n after it raises it again.
reads=("${BENCH_AB[@]}" -c 16 -s 30 -p "$BENCH_DIR/get.json")

echo "Warming up the reads (the JIT compiles the hot paths)..."
"${BENCH_AB[@]}" -c 16 -t "$seconds" -n 20000 -p "$BENCH_DIR/get.json" "$get_url" >/dev/null 2>&1
echo "Baseline: reads at concurrency 16 for ${seconds}s..."
"${reads[@]}" -t "$seconds" -n "$ab_requests" -e "$BENCH_DIR/ab-baseline.csv" "$get_url" >"$BENCH_DIR/ab-baseline.txt" 2>&1 || { echo "error: ab failed:" >&2; cat "$BENCH_DIR/ab-baseline.txt" >&2; exit 1; }
read -r base_n base_rps base_p50 base_p99 base_failed base_non2xx < <(bench_ab_stats "$BENCH_DIR/ab-baseline.txt" "$BENCH_DIR/ab-baseline.csv")
printf '  %s requests, %s req/s, p50 %s ms, p99 %s ms\n' "$base_n" "$base_rps" "$base_p50" "$base_p99"

keys="$(bench_json /v1/operator/keys '{}')"
[[ "$(keys_field "$keys" phase)" == idle && "$(keys_old_storage "$keys")" == 0 ]] || {
  echo "error: a rotation is already under way: $keys" >&2; exit 1; }
echo "Rotating (generation $(keys_field "$keys" activeGeneration) active), with the same reads running..."
started=$(now_us)
keys="$(bench_json /v1/operator/rotate '{}')"
# ab stops at SIGINT and prints what it measured so far, which ends this run when the rotation does.
"${reads[@]}" -t 86400 -n "$ab_requests" -e "$BENCH_DIR/ab-rotation.csv" "$get_url" >"$BENCH_DIR/ab-rotation.txt" 2>&1 &
ab_pid=$!
BENCH_CHILDREN+=("$ab_pid")
last_report=$SECONDS
while true; do
  phase="$(keys_field "$keys" phase)"
  if [[ "$phase" == failed ]]; then
    echo "error: the rotation failed: $(keys_field "$keys" lastError); see $STACK_LOG_DIR/nexus.log" >&2
    BENCH_KEEP=true
    exit 1
  fi
  [[ "$phase" == idle && "$(keys_old_storage "$keys")" == 0 ]] && break
  if ((SECONDS - last_report >= 10)); then
    echo "  $phase: $(keys_field "$keys" resealed) re-sealed, $(keys_field "$keys" verified) verified"
    last_report=$SECONDS
  fi
  sleep 0.5
  keys="$(bench_json /v1/operator/keys '{}')" || { echo "error: Nexus stopped answering; see $STACK_LOG_DIR/nexus.log" >&2; exit 1; }
done
finished=$(now_us)
if kill -INT "$ab_pid" 2>/dev/null; then
  wait "$ab_pid" || true # ab exits 1 after SIGINT, having printed its statistics
else
  wait "$ab_pid" || true
  echo "warning: ab ended before the rotation did; its rate covers only the start of the rotation" >&2
fi
BENCH_CHILDREN=()
grep -q '^Requests per second:' "$BENCH_DIR/ab-rotation.txt" || {
  echo "error: ab failed during the rotation:" >&2; cat "$BENCH_DIR/ab-rotation.txt" >&2; exit 1; }
read -r rot_n rot_rps rot_p50 rot_p99 rot_failed rot_non2xx < <(bench_ab_stats "$BENCH_DIR/ab-rotation.txt" "$BENCH_DIR/ab-rotation.csv")
rot_window=$(awk '/^Time taken for tests:/ {print $5}' "$BENCH_DIR/ab-rotation.txt")
polled=$(awk -v us=$((finished - started)) 'BEGIN {printf "%.1f", us / 1e6}')
# The poll sees the end up to 0.5 s late; Nexus's log has it to the millisecond (the line follows the
# phase change, so it may take a moment).
duration=""
for ((i = 0; i < 20; i++)); do
  if end_ms="$(nexus_log_ms "key rotation complete")" && start_ms="$(nexus_log_ms "key rotation: generation")"; then
    duration=$(awk -v ms=$((end_ms - start_ms)) 'BEGIN {printf "%.2f", ms / 1e3}')
    break
  fi
  sleep 0.1
done
[[ -n "$duration" ]] || { echo "warning: no rotation lines in Nexus's log; the duration is the polled one" >&2; duration=$polled; }
resealed="$(keys_field "$keys" resealed)"
printf '  complete after %s s as Nexus logged it (%s s as polled every 0.5 s): %s records re-sealed, %s verified; generation %s active\n' \
  "$duration" "$polled" "$resealed" "$(keys_field "$keys" verified)" "$(keys_field "$keys" activeGeneration)"
printf '  reads during it: %s requests in %s s, %s req/s, p50 %s ms, p99 %s ms\n' \
  "$rot_n" "$rot_window" "$rot_rps" "$rot_p50" "$rot_p99"
echo "Load average after: $(bench_load)"

echo
echo "| secrets | batch | seeding /s | rotation s | records re-sealed | re-sealed /s | get req/s, baseline | get req/s, during rotation | ratio | p99 ms, baseline | p99 ms, during |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
awk -v secrets="$secrets" -v batch="$batch" -v seed="$seed_rate" -v d="$duration" -v resealed="$resealed" \
  -v base="$base_rps" -v rot="$rot_rps" -v base99="$base_p99" -v rot99="$rot_p99" 'BEGIN {
  printf "| %s | %s | %s | %s | %s | %.0f | %.0f | %.0f | %.2f | %.2f | %.2f |\n", secrets, batch, seed, d, resealed,
    (d > 0) ? resealed / d : 0, base, rot, (base > 0) ? rot / base : 0, base99, rot99
}'
bad=$((base_failed + base_non2xx + rot_failed + rot_non2xx))
if [[ "$bad" -gt 0 ]]; then
  echo "error: $bad reads had an unexpected status or length; see $BENCH_DIR" >&2
  BENCH_KEEP=true
  exit 1
fi
echo
bench_machine
