#!/usr/bin/env bash
# Usage: distribution/src/aot/train.sh DIST_DIR [LOG_DIR]
# Makes the JDK ahead-of-time caches dist/lib/{spike,spike-help,spike-helper,nexus,spike-dev-identity}.aot (JDK 25+).
# Starts a throw-away stack in a temp directory (the dev identity provider, one keeper, Nexus on SQLite),
# runs the spike commands operators use most against it, and stops it: each JVM records what it loaded
# and links it into a cache at exit. Run by the build (distribution module, package phase), through the
# dist/bin launchers so the caches fit the options the programs really run with.
# Never fails the build: whatever goes wrong, the programs just start without a cache.
set -uo pipefail

dist=$(cd "${1:?usage: train.sh DIST_DIR [LOG_DIR]}" && pwd) || exit 0
bin="$dist/bin"
lib="$dist/lib"
logs="${2:-}"
# Not the keeper: a cache maps tens of MiB into every process that uses it, and a keeper's budget is
# memory, not start-up time.
programs=(spike-dev-identity nexus spike spike-help spike-helper)

# The training must not inherit anything that changes how the programs start or whom they talk to.
unset "${!SPIKE_@}" "${!SPIFFE_@}" JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS

# shellcheck source=../bin/launch.sh
. "$bin/launch.sh"
rm -f "$lib"/*.aot "$lib"/*.aot.jdk
spike_find_java >/dev/null 2>&1 || { echo "AOT caches: no JDK found; skipped"; exit 0; }
if [[ "$SPIKE_JAVA_MAJOR" -lt 25 ]]; then
  echo "AOT caches: JDK $SPIKE_JAVA_MAJOR has no -XX:AOTCacheOutput (JDK 25+); skipped"
  exit 0
fi
spike_java_runtime_version
[[ -n "$SPIKE_JAVA_RUNTIME_VERSION" ]] || { echo "AOT caches: $SPIKE_JAVA_HOME/release has no version; skipped"; exit 0; }

# Short, because unix socket paths must stay under 108 bytes.
work=$(mktemp -d /tmp/spike-aot.XXXXXX) || exit 0
declare -A pid=()

# Stops a program (SIGTERM, so it exits normally and writes its cache) and waits up to $2 seconds.
stop() {
  local name="$1" limit="$2" i
  [[ -n "${pid[$name]:-}" ]] || return 0
  kill "${pid[$name]}" 2>/dev/null
  for ((i = 0; i < limit * 10; i++)); do
    kill -0 "${pid[$name]}" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "${pid[$name]}" 2>/dev/null
  wait "${pid[$name]}" 2>/dev/null
  unset "pid[$name]"
}

finish() {
  local name
  for name in "${!pid[@]}"; do stop "$name" 5; done
  if [[ -n "$logs" ]]; then
    mkdir -p "$logs" && cp "$work"/*.log "$logs"/ 2>/dev/null
  fi
  rm -rf "$work"
}
trap finish EXIT

# start NAME [VAR=value...] [-- ARGS...]: starts bin/NAME with that environment and those arguments,
# recording its training into $work/NAME.aot if NAME is one of the programs that get a cache.
start() {
  local name="$1" vars=() args=() record=""
  shift
  while [[ $# -gt 0 && "$1" != "--" ]]; do vars+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  args=("$@")
  [[ " ${programs[*]} " == *" $name "* ]] && record="-XX:AOTCacheOutput=$work/$name.aot"
  env "${vars[@]}" SPIKE_AOT=off SPIKE_JAVA_OPTS="$record" "$bin/$name" "${args[@]}" >"$work/$name.log" 2>&1 </dev/null &
  pid[$name]=$!
}

fail() {
  echo "AOT caches: $1; the programs start without a cache (logs: ${logs:-none kept})"
  exit 0
}

free_port() {
  local port
  for _ in {1..50}; do
    port=$((20000 + RANDOM % 40000))
    # A refused connection means nobody listens there.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

wait_for_file() { # $1 = file, $2 = seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do [[ -e "$1" ]] && return 0; sleep 0.1; done
  return 1
}

keeper_port=$(free_port) || fail "no free port"
nexus_port=$(free_port) || fail "no free port"
[[ "$nexus_port" != "$keeper_port" ]] || fail "no second free port"
started=$SECONDS
echo "AOT caches: training on JDK $SPIKE_JAVA_RUNTIME_VERSION in $work..."

# The small spike cache for help, version and usage needs no Nexus: it trains while the stack starts.
env SPIKE_AOT=off SPIKE_LAUNCH_MAIN_CLASS=ist.spike.pilot.startup.AotTraining SPIKE_JAVA_OPTS="-XX:AOTCacheOutput=$work/spike-help.aot" \
  timeout 120 "$bin/spike" help >"$work/spike-help.log" 2>&1 </dev/null &
pid[spike-help]=$!
# The smallest: spike handing a command line to a warm helper (a stand-in one, in the training JVM).
env SPIKE_AOT=off SPIKE_LAUNCH_MAIN_CLASS=ist.spike.pilot.startup.AotTraining SPIKE_JAVA_OPTS="-XX:AOTCacheOutput=$work/spike-helper.aot" \
  timeout 120 "$bin/spike" helper >"$work/spike-helper.log" 2>&1 </dev/null &
pid[spike-helper]=$!

start spike-dev-identity -- --dir "$work/id" --trust-domain spike.ist
for name in nexus keeper superuser; do
  wait_for_file "$work/id/$name.sock" 60 || fail "the dev identity provider did not start"
done
start keeper SPIFFE_ENDPOINT_SOCKET="unix://$work/id/keeper.sock" SPIKE_KEEPER_TLS_PORT=":$keeper_port"
# Nexus trains on its first boot: root key generated, store opened, shard pushed to the keeper, then
# the requests below. A restart takes the same paths (keeper TLS, store, routes) but for Shamir recovery.
start nexus SPIFFE_ENDPOINT_SOCKET="unix://$work/id/nexus.sock" SPIKE_NEXUS_TLS_PORT=":$nexus_port" \
  SPIKE_NEXUS_DATA_DIR="$work/data" SPIKE_NEXUS_KEEPER_PEERS="https://localhost:$keeper_port" \
  SPIKE_NEXUS_SHAMIR_SHARES=1 SPIKE_NEXUS_SHAMIR_THRESHOLD=1 SPIKE_NEXUS_SHAMIR_THRESHOLD_ONE_ACKNOWLEDGED=true SPIKE_NEXUS_RECOVERY_MAX_INTERVAL=1s \
  SPIKE_SYSTEM_LOG_LEVEL=INFO

# No warm helper: it would outlive the training stack (until its identity socket goes).
client_env=(SPIFFE_ENDPOINT_SOCKET="unix://$work/id/superuser.sock" SPIKE_NEXUS_API_URL="https://localhost:$nexus_port"
  SPIKE_PILOT_HELPER=false)
ready=false
for ((i = 0; i < 120; i++)); do
  if env "${client_env[@]}" SPIKE_AOT=off timeout 30 "$bin/spike" secret list >/dev/null 2>&1; then ready=true; break; fi
  kill -0 "${pid[nexus]}" 2>/dev/null || break
  sleep 0.3
done
$ready || fail "Nexus did not become ready"

# The spike cache: one JVM runs the training command lines (see ist.spike.pilot.startup.AotTraining).
trained_spike=false
if env "${client_env[@]}" SPIKE_AOT=off SPIKE_LAUNCH_MAIN_CLASS=ist.spike.pilot.startup.AotTraining \
    SPIKE_JAVA_OPTS="-XX:AOTCacheOutput=$work/spike.aot" timeout 180 "$bin/spike" >"$work/spike.log" 2>&1 </dev/null; then
  trained_spike=true
else
  echo "AOT caches: the spike training run failed (see spike.log); no cache for spike"
fi

# Each server writes its cache as it exits, which takes a few seconds: stop them all at once.
for name in nexus keeper spike-dev-identity; do kill "${pid[$name]}" 2>/dev/null; done
for name in nexus keeper spike-dev-identity; do stop "$name" 120; done
$trained_spike || rm -f "$work/spike.aot"
if ! wait "${pid[spike-help]}"; then
  echo "AOT caches: the spike help training run failed (see spike-help.log); no cache for spike help"
  rm -f "$work/spike-help.aot"
fi
unset "pid[spike-help]"
if ! wait "${pid[spike-helper]}"; then
  echo "AOT caches: the spike helper-client training run failed (see spike-helper.log); no cache for it"
  rm -f "$work/spike-helper.aot"
fi
unset "pid[spike-helper]"

made=()
for name in "${programs[@]}"; do
  [[ -s "$work/$name.aot" ]] || continue
  mv "$work/$name.aot" "$lib/$name.aot" && echo "$SPIKE_JAVA_RUNTIME_VERSION" >"$lib/$name.aot.jdk" && made+=("$name")
done
echo "AOT caches: made for ${made[*]:-no program} in $((SECONDS - started)) s"
