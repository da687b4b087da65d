#!/usr/bin/env bash
# Usage: hack/bench-cli.sh [--runs N] [--no-aot-too] [--keep]
# Measures the spike CLI against a local stack with hyperfine: `spike --help`, `spike secret get`, and
# curl doing the same mTLS request as `spike secret get` (a native client, for scale). Prints the
# medians, the ratio to curl, and the load average. Uses its own stack (SPIKE_BENCH_STACK_DIR, default
# /tmp/spike-bench; ports 28553, 28443, 28543, 28643) so it never touches a running .stack; it starts
# one with hack/stack-start.sh --no-build if none runs there, and stops it afterwards unless --keep.
#   --runs N       timed runs per command (default 30)
#   --no-aot-too   also time `spike secret get` with SPIKE_AOT=off (no ahead-of-time cache)
#   --keep         leave the stack running
# Needs a build (./mvnw -B -ntp -DskipTests package), hyperfine (installed with apt-get if missing and
# possible), curl, openssl and jq. See docs/performance.md.
set -euo pipefail

runs=30
no_aot_too=false
keep=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --no-aot-too) no_aot_too=true; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "usage: hack/bench-cli.sh [--runs N] [--no-aot-too] [--keep]" >&2; exit 1 ;;
  esac
done

export SPIKE_STACK_DIR="${SPIKE_BENCH_STACK_DIR:-/tmp/spike-bench}"
export SPIKE_STACK_NEXUS_PORT="${SPIKE_STACK_NEXUS_PORT:-28553}"
export SPIKE_STACK_KEEPER1_PORT="${SPIKE_STACK_KEEPER1_PORT:-28443}"
export SPIKE_STACK_KEEPER2_PORT="${SPIKE_STACK_KEEPER2_PORT:-28543}"
export SPIKE_STACK_KEEPER3_PORT="${SPIKE_STACK_KEEPER3_PORT:-28643}"
export SPIKE_STACK_SVID_FILES=true
# shellcheck source=lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"
# shellcheck source=lib/find-java.sh
. "$SPIKE_REPO/hack/lib/find-java.sh"

if ! command -v hyperfine >/dev/null; then
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing hyperfine..."
    apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
  else
    echo "error: hyperfine is missing (apt-get install hyperfine, or cargo install hyperfine)" >&2; exit 1
  fi
fi
for tool in curl openssl jq; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done
spike_find_java
[[ -x "$SPIKE_DIST/bin/spike" ]] || { echo "error: no build in $SPIKE_DIST; run ./mvnw -B -ntp -DskipTests package" >&2; exit 1; }

started_here=false
stop_stack() {
  if $started_here && ! $keep; then "$SPIKE_REPO/hack/stack-stop.sh" >/dev/null; fi
}
trap stop_stack EXIT
if ! stack_pid nexus >/dev/null; then
  "$SPIKE_REPO/hack/stack-stop.sh" >/dev/null # whatever is left of an earlier run
  # A fresh store: new keepers would not hold the shards of an old one.
  rm -rf "$STACK_DATA_DIR"
  started_here=true
  "$SPIKE_REPO/hack/stack-start.sh" --no-build >/dev/null
fi

# shellcheck source=/dev/null
. "$SPIKE_STACK_DIR/env"
svid="$STACK_IDENTITY_DIR/svid"
[[ -r "$svid/superuser/svid.pem" ]] || { echo "error: no SVID files in $svid; stop that stack and run again" >&2; exit 1; }
spike=$SPIKE_DIST/bin/spike
path=bench/db
"$spike" secret put "$path" username=admin password=hunter2 >/dev/null

# The server's SVID carries only a SPIFFE ID, no DNS name, so curl's hostname check cannot pass, and curl
# has no flag that skips it alone: -k skips it and the chain check. So openssl first checks Nexus's
# certificate chain against the trust bundle, and curl then accepts only that certificate's key
# (--pinnedpubkey): it still talks to nothing else, and the chain check it skips is microseconds in C.
server_key_pin() {
  openssl s_client -connect "localhost:$STACK_NEXUS_PORT" -CAfile "$svid/superuser/svid_bundle.pem" \
    -verify_return_error -cert "$svid/superuser/svid.pem" -key "$svid/superuser/svid_key.pem" </dev/null 2>/dev/null \
    | openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | openssl base64 -A
}
pin=$(server_key_pin) || pin=""
[[ -n "$pin" ]] || { echo "error: Nexus's certificate did not verify against the trust bundle" >&2; exit 1; }
url="https://localhost:$STACK_NEXUS_PORT/v1/store/secrets?action=get"
# One string, quoted for a shell: hyperfine -N splits it the same way bash -c does.
curl_cmd="curl -sS -f -k --pinnedpubkey sha256//$pin --cert $svid/superuser/svid.pem --key $svid/superuser/svid_key.pem -X POST -d '{\"path\":\"$path\"}' $url"
bash -c "$curl_cmd" >/dev/null || { echo "error: curl could not read the secret" >&2; exit 1; }
"$spike" secret get "$path" >/dev/null

results=$(mktemp /tmp/spike-bench.XXXXXX.json)
commands=("$spike --help" "$spike secret get $path" "$curl_cmd")
names=("spike --help" "spike secret get" "curl (same request)")
if $no_aot_too; then
  commands+=("env SPIKE_AOT=off $spike secret get $path")
  names+=("spike secret get, no AOT cache")
fi
name_args=()
for name in "${names[@]}"; do name_args+=(--command-name "$name"); done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
hyperfine -N --warmup 3 --runs "$runs" --export-json "$results" "${name_args[@]}" "${commands[@]}" >&2
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median_ms() { jq -r --arg n "$1" '.results[] | select(.command == $n) | .median * 1000' "$results"; }
help_ms=$(median_ms "spike --help")
get_ms=$(median_ms "spike secret get")
curl_ms=$(median_ms "curl (same request)")
echo
echo "SPIKE CLI benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, JDK $SPIKE_JAVA_MAJOR ($SPIKE_JAVA_HOME), $runs runs each"
echo "load average (1, 5, 15 min): $load_before before, $load_after after"
printf '  %-32s median %7.1f ms   (target <= 120 ms)\n' "spike --help" "$help_ms"
printf '  %-32s median %7.1f ms   (target <= 250 ms)\n' "spike secret get" "$get_ms"
printf '  %-32s median %7.1f ms\n' "curl, same mTLS request" "$curl_ms"
if $no_aot_too; then
  printf '  %-32s median %7.1f ms\n' "spike secret get, no AOT cache" "$(median_ms "spike secret get, no AOT cache")"
fi
printf '  spike secret get / curl: %.1fx\n' "$(jq -n --argjson a "$get_ms" --argjson b "$curl_ms" '$a / $b')"
rm -f "$results"
