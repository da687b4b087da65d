# shellcheck shell=bash
# Shared by the hack/stack-*.sh scripts: where the local stack lives and how its processes are tracked.
# The local stack uses the dev identity provider, never SPIRE; see hack/spire/ for a SPIRE setup.
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file

SPIKE_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=process.sh
. "$SPIKE_REPO/hack/lib/process.sh"
SPIKE_STACK_DIR="${SPIKE_STACK_DIR:-$SPIKE_REPO/.stack}"
SPIKE_DIST="$SPIKE_REPO/dist"
STACK_IDENTITY_DIR="$SPIKE_STACK_DIR/id"
STACK_LOG_DIR="$SPIKE_STACK_DIR/logs"
STACK_PID_DIR="$SPIKE_STACK_DIR/pids"
STACK_DATA_DIR="$SPIKE_STACK_DIR/data"
STACK_NEXUS_PORT="${SPIKE_STACK_NEXUS_PORT:-8553}"
STACK_KEEPER_PORTS=("${SPIKE_STACK_KEEPER1_PORT:-8443}" "${SPIKE_STACK_KEEPER2_PORT:-8543}" "${SPIKE_STACK_KEEPER3_PORT:-8643}")
STACK_TRUST_DOMAIN="${SPIKE_STACK_TRUST_DOMAIN:-spike.ist}"
# Health listeners (/live, /ready, /metrics; plain HTTP on 127.0.0.1); "off" turns one off.
STACK_NEXUS_HEALTH_PORT="${SPIKE_STACK_NEXUS_HEALTH_PORT:-9553}"
STACK_KEEPER_HEALTH_PORTS=("${SPIKE_STACK_KEEPER1_HEALTH_PORT:-9443}" "${SPIKE_STACK_KEEPER2_HEALTH_PORT:-9543}" "${SPIKE_STACK_KEEPER3_HEALTH_PORT:-9643}")
# true: the identity provider also writes each identity's SVID as PEM files under id/svid/<name>/ (for curl).
STACK_SVID_FILES="${SPIKE_STACK_SVID_FILES:-false}"
# Start order; stop goes in reverse.
STACK_COMPONENTS=(identity keeper-1 keeper-2 keeper-3 nexus)

stack_pid() { # prints the pid of a running component, or fails
  local file="$STACK_PID_DIR/$1.pid" pid
  [[ -r "$file" ]] || return 1
  pid=$(<"$file")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && ! stack_zombie "$pid" && echo "$pid"
}

# True for a process that has exited but is not yet reaped by its parent (kill -0 still finds it).
stack_zombie() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ "${stat%% *}" == Z ]]
}

stack_running_any() {
  local c
  for c in "${STACK_COMPONENTS[@]}"; do
    stack_pid "$c" >/dev/null && return 0
  done
  return 1
}

# True when component $1 is stopped and every other one runs.
stack_running_but() {
  local c
  stack_pid "$1" >/dev/null && return 1
  for c in "${STACK_COMPONENTS[@]}"; do
    [[ "$c" == "$1" ]] || stack_pid "$c" >/dev/null || return 1
  done
}

# Keeper i's URL bound to keeper i's own SPIFFE ID (docs/adr/0014-keeper-binding.md).
stack_keeper_peers() {
  local i peers=()
  for ((i = 1; i <= ${#STACK_KEEPER_PORTS[@]}; i++)); do
    peers+=("https://localhost:${STACK_KEEPER_PORTS[$((i - 1))]}=spiffe://$STACK_TRUST_DOMAIN/spike/keeper/$i")
  done
  (IFS=,; echo "${peers[*]}")
}

stack_socket() { # $1 = identity name (nexus, keeper-1..3, superuser, recover, restore, bootstrap, lite, demo)
  echo "unix://$STACK_IDENTITY_DIR/$1.sock"
}

# Starts "$@" in the background with its output in the component's log, and records its pid.
stack_spawn() {
  local name="$1"; shift
  mkdir -p "$STACK_LOG_DIR" "$STACK_PID_DIR"
  nohup "$@" >>"$STACK_LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$STACK_PID_DIR/$name.pid"
}

stack_stop_component() {
  local name="$1" pid
  pid=$(stack_pid "$name") || { rm -f "$STACK_PID_DIR/$name.pid"; return 0; }
  process_stop "$pid"
  rm -f "$STACK_PID_DIR/$name.pid"
  echo "stopped $name (pid $pid)"
}

# Waits up to $2 seconds for the file $1 to exist.
stack_wait_for_file() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [[ -e "$1" ]] && return 0
    sleep 0.1
  done
  return 1
}

# The programs accept peers of the stack's trust domain (SPIKE_STACK_TRUST_DOMAIN), not only spike.ist.
STACK_TRUST_ROOTS=()
for role in NEXUS KEEPER PILOT BOOTSTRAP LITE_WORKLOAD; do
  STACK_TRUST_ROOTS+=("SPIKE_TRUST_ROOT_$role=$STACK_TRUST_DOMAIN")
done

# Starts keeper $1 (1-based) of the local stack, with its own identity; it serves only the stack's Nexus ID.
stack_start_keeper() {
  local i="$1" port="${STACK_KEEPER_PORTS[$(($1 - 1))]}" health=()
  [[ "${STACK_KEEPER_HEALTH_PORTS[$(($1 - 1))]}" == off ]] \
    || health=(SPIKE_KEEPER_HEALTH_ADDRESS="127.0.0.1:${STACK_KEEPER_HEALTH_PORTS[$(($1 - 1))]}")
  stack_spawn "keeper-$i" env "${STACK_TRUST_ROOTS[@]}" "${health[@]}" SPIFFE_ENDPOINT_SOCKET="$(stack_socket "keeper-$i")" SPIKE_KEEPER_TLS_PORT=":$port" \
    SPIKE_KEEPER_NEXUS_ID="spiffe://$STACK_TRUST_DOMAIN/spike/nexus" SPIKE_SYSTEM_LOG_LEVEL="${SPIKE_SYSTEM_LOG_LEVEL:-INFO}" "$SPIKE_DIST/bin/keeper"
}

# Starts Nexus of the local stack (SQLite in $STACK_DATA_DIR, 3 shares, threshold 2).
stack_start_nexus() {
  local health=()
  [[ "$STACK_NEXUS_HEALTH_PORT" == off ]] || health=(SPIKE_NEXUS_HEALTH_ADDRESS="127.0.0.1:$STACK_NEXUS_HEALTH_PORT")
  stack_spawn nexus env "${STACK_TRUST_ROOTS[@]}" "${health[@]}" SPIFFE_ENDPOINT_SOCKET="$(stack_socket nexus)" SPIKE_NEXUS_TLS_PORT=":$STACK_NEXUS_PORT" \
    SPIKE_NEXUS_KEEPER_PEERS="$(stack_keeper_peers)" SPIKE_NEXUS_DATA_DIR="$STACK_DATA_DIR" \
    SPIKE_NEXUS_SHAMIR_SHARES=3 SPIKE_NEXUS_SHAMIR_THRESHOLD=2 \
    SPIKE_SYSTEM_LOG_LEVEL="${SPIKE_SYSTEM_LOG_LEVEL:-INFO}" "$SPIKE_DIST/bin/nexus"
}

# Runs spike with one of the dev identities (superuser, recover, restore...), without a warm helper:
# the scripts' environment is not the operator's, so a helper they started would serve nobody.
stack_spike_as() {
  local identity="$1"; shift
  env "${STACK_TRUST_ROOTS[@]}" SPIFFE_ENDPOINT_SOCKET="$(stack_socket "$identity")" SPIKE_NEXUS_API_URL="https://localhost:$STACK_NEXUS_PORT" \
    SPIKE_PILOT_HELPER=false "$SPIKE_DIST/bin/spike" "$@"
}

# Waits up to $1 seconds (of the clock, however long each try takes) until the superuser can list secrets.
stack_wait_ready() {
  local deadline=$((SECONDS + $1))
  while ((SECONDS < deadline)); do
    stack_spike_as superuser secret list >/dev/null 2>&1 && return 0
    stack_pid nexus >/dev/null || return 1
    sleep 0.5
  done
  return 1
}

# Prints a TCP port on loopback that nothing listens on (random in 20000-59999).
stack_free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
}
