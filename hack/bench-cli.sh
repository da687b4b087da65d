#!/usr/bin/env bash
# Usage: hack/bench-cli.sh [--runs N] [--no-aot-too] [--jdk-floor] [--keep]
# Measures the spike CLI against a local stack with hyperfine: `spike --help`, `spike secret get`
# answered by a warm helper (`spike helper start`, stopped at the end), the same without the
# helper (SPIKE_PILOT_HELPER=false: JVM, SVID, TLS handshake in every run), and curl doing the same mTLS
# request (a native client, for scale). Prints the medians, the ratios to curl, and the load average. Uses its own stack (SPIKE_BENCH_STACK_DIR, default
# /tmp/spike-bench; ports 28553, 28443, 28543, 28643) so it never touches a running .stack; it starts
# one with hack/stack-start.sh --no-build if none runs there, and stops it afterwards unless --keep.
#   --runs N       timed runs per command (default 30)
#   --no-aot-too   also time `spike secret get` with SPIKE_AOT=off (no ahead-of-time cache)
#   --jdk-floor    also time hack/lib/JdkTlsFloor.java: the same request with nothing but the JDK
#   --keep         leave the stack running
# Needs a build (./mvnw -B -ntp -DskipTests package), hyperfine (installed with apt-get if missing and
# possible), curl, openssl and jq. See docs/performance.md.
set -euo pipefail

runs=30
no_aot_too=false
jdk_floor=false
keep=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --no-aot-too) no_aot_too=true; shift ;;
    --jdk-floor) jdk_floor=true; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "usage: hack/bench-cli.sh [--runs N] [--no-aot-too] [--jdk-floor] [--keep]" >&2; exit 1 ;;
  esac
done

# shellcheck source=lib/bench.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/bench.sh"
bench_stack_env "${SPIKE_BENCH_STACK_DIR:-/tmp/spike-bench}" 28000
# shellcheck source=lib/find-java.sh
. "$SPIKE_REPO/hack/lib/find-java.sh"
spike_find_java
bench_need_hyperfine
bench_need curl openssl jq
BENCH_KEEP_STACK=$keep
trap bench_stack_down EXIT
bench_stack_up

spike=$SPIKE_DIST/bin/spike
path=bench/db
"$spike" secret put "$path" username=admin password=hunter2 >/dev/null
bench_curl "/v1/store/secrets?action=get" "{\"path\":\"$path\"}"
curl_cmd=$BENCH_CURL
bash -c "$curl_cmd" >/dev/null || { echo "error: curl could not read the secret" >&2; exit 1; }
# The warm helper runs only on request: start it for the helper run, stop it when the benchmark ends.
"$spike" helper start >/dev/null || { echo "error: spike helper start failed" >&2; exit 1; }
trap '"$spike" helper stop >/dev/null 2>&1; bench_stack_down' EXIT
SPIKE_TRACE_STARTUP=true "$spike" secret get "$path" 2>&1 >/dev/null | grep -q "helper: answered" \
  || { echo "error: the spike helper did not answer (is SPIKE_PILOT_HELPER=false set?)" >&2; exit 1; }

results=$(mktemp /tmp/spike-bench.XXXXXX.json)
commands=("$spike --help" "$spike secret get $path" "env SPIKE_PILOT_HELPER=false $spike secret get $path" "$curl_cmd")
names=("spike --help" "spike secret get" "spike secret get, no helper" "curl (same request)")
if $no_aot_too; then
  commands+=("env SPIKE_AOT=off $spike secret get $path")
  names+=("spike secret get, no AOT cache")
fi
if $jdk_floor; then
  # hack/lib/JdkTlsFloor.java compiled, with an AOT cache of its own and the CLI's JVM flags.
  floor_dir=$(mktemp -d /tmp/spike-floor.XXXXXX)
  "$SPIKE_JAVA_HOME/bin/javac" -d "$floor_dir/classes" "$SPIKE_REPO/hack/lib/JdkTlsFloor.java"
  "$SPIKE_JAVA_HOME/bin/jar" cf "$floor_dir/floor.jar" -C "$floor_dir/classes" . # an AOT cache wants jars
  floor_java=("$SPIKE_JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp "$floor_dir/floor.jar")
  floor_args=(JdkTlsFloor "$STACK_IDENTITY_DIR/svid/superuser" "$SPIKE_STACK_NEXUS_PORT" "$path")
  "${floor_java[@]}" -XX:AOTCacheOutput="$floor_dir/floor.aot" "${floor_args[@]}" >/dev/null 2>&1
  commands+=("${floor_java[*]} -XX:AOTCache=$floor_dir/floor.aot -Xlog:aot=off ${floor_args[*]}")
  names+=("JDK-only request (floor)")
fi
name_args=()
for name in "${names[@]}"; do name_args+=(--command-name "$name"); done

load_before=$(bench_load)
hyperfine -N --warmup 3 --runs "$runs" --export-json "$results" "${name_args[@]}" "${commands[@]}" >&2
load_after=$(bench_load)

median_ms() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .median * 1000' "$results"; }
help_ms=$(median_ms "spike --help")
get_ms=$(median_ms "spike secret get")
alone_ms=$(median_ms "spike secret get, no helper")
curl_ms=$(median_ms "curl (same request)")
echo
echo "SPIKE CLI benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, JDK $SPIKE_JAVA_MAJOR ($SPIKE_JAVA_HOME), $runs runs each"
echo "load average (1, 5, 15 min): $load_before before, $load_after after"
printf '  %-32s median %7.1f ms   (target <= 120 ms)\n' "spike --help" "$help_ms"
printf '  %-32s median %7.1f ms   (target <= 250 ms; warm helper)\n' "spike secret get" "$get_ms"
printf '  %-32s median %7.1f ms\n' "spike secret get, no helper" "$alone_ms"
printf '  %-32s median %7.1f ms\n' "curl, same mTLS request" "$curl_ms"
if $no_aot_too; then
  printf '  %-32s median %7.1f ms\n' "spike secret get, no AOT cache" "$(median_ms "spike secret get, no AOT cache")"
fi
if $jdk_floor; then
  printf '  %-32s median %7.1f ms\n' "JDK-only request (floor)" "$(median_ms "JDK-only request (floor)")"
  rm -rf "$floor_dir"
fi
printf '  spike secret get / curl: %.1fx (no helper: %.1fx)\n' "$(jq -n --argjson a "$get_ms" --argjson b "$curl_ms" '$a / $b')" \
  "$(jq -n --argjson a "$alone_ms" --argjson b "$curl_ms" '$a / $b')"
rm -f "$results"
