# shellcheck shell=bash
# Shared by hack/bench-nexus.sh and hack/bench-rotation.sh: a throw-away stack in a temp dir on free
# loopback ports (dev identity provider with SVID files, 3 keepers, Nexus on SQLite with
# synchronous=FULL, audit trail on), so a running local stack is never touched; and curl and ab
# speaking mTLS to its Nexus as the Pilot superuser. (lib/bench.sh is the other benchmarks' kind: the
# stack of hack/stack-start.sh on fixed ports, kept between runs.)
#
#   BENCH_KEEP=true       (--keep) keep the temp dir (logs, ab output) instead of deleting it
#   BENCH_DIST=DIR        (--dist) run the launchers of another build (a copy of dist/)
#   bench_stack_init      creates BENCH_DIR, picks the ports, sources lib/stack.sh, sets the exit trap
#   BENCH_NEXUS_ENV=(NAME=VALUE...)  more of Nexus's environment
#   bench_stack_start     starts the stack and waits until Nexus answers
# SPIKE_JAVA_OPTS is passed to Nexus only.
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file

BENCH_KEEP=${BENCH_KEEP:-false}
BENCH_DIST=${BENCH_DIST:-}
BENCH_NEXUS_ENV=()
# Background processes of the script (an ab run) that the exit trap stops before the stack.
BENCH_CHILDREN=()

# Picks a free loopback TCP port not handed out before (random, checked with ss).
bench_taken_ports=" "
bench_free_port() {
  local port i
  for ((i = 0; i < 200; i++)); do
    port=$((20000 + RANDOM % 30000))
    [[ "$bench_taken_ports" == *" $port "* ]] && continue
    if [[ -z "$(ss -Htln "sport = :$port")" ]]; then
      bench_taken_ports+="$port "
      echo "$port"
      return 0
    fi
  done
  echo "error: no free port found" >&2
  return 1
}

bench_stack_init() {
  # A short temp dir: unix socket paths must stay under 108 bytes.
  BENCH_DIR="$(mktemp -d /tmp/spike-bench.XXXXXX)"
  chmod 700 "$BENCH_DIR"
  SPIKE_STACK_DIR="$BENCH_DIR"
  SPIKE_STACK_NEXUS_PORT="$(bench_free_port)"
  SPIKE_STACK_KEEPER1_PORT="$(bench_free_port)"
  SPIKE_STACK_KEEPER2_PORT="$(bench_free_port)"
  SPIKE_STACK_KEEPER3_PORT="$(bench_free_port)"
  export SPIKE_STACK_DIR SPIKE_STACK_NEXUS_PORT SPIKE_STACK_KEEPER1_PORT SPIKE_STACK_KEEPER2_PORT SPIKE_STACK_KEEPER3_PORT
  # shellcheck source=stack.sh
  . "$(dirname "${BASH_SOURCE[0]}")/stack.sh"
  [[ -z "$BENCH_DIST" ]] || SPIKE_DIST="$BENCH_DIST"
  trap bench_stack_cleanup EXIT
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
}

bench_stack_cleanup() {
  local i pid
  for pid in "${BENCH_CHILDREN[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for ((i = ${#STACK_COMPONENTS[@]} - 1; i >= 0; i--)); do
    stack_stop_component "${STACK_COMPONENTS[$i]}" >/dev/null || true
  done
  if $BENCH_KEEP; then
    echo "kept $BENCH_DIR (logs in $STACK_LOG_DIR)"
  else
    rm -rf "$BENCH_DIR"
  fi
}

bench_stack_start() {
  local name i ready=false
  mkdir -p "$STACK_LOG_DIR" "$STACK_PID_DIR" "$STACK_DATA_DIR"
  chmod 700 "$STACK_DATA_DIR"
  echo "Starting a throw-away stack in $BENCH_DIR (Nexus on 127.0.0.1:$STACK_NEXUS_PORT)..."
  # SPIKE_JAVA_OPTS (a recording, a GC log) is meant for Nexus alone: the other JVMs do not get it.
  stack_spawn identity env -u SPIKE_JAVA_OPTS "$SPIKE_DIST/bin/spike-dev-identity" --dir "$STACK_IDENTITY_DIR" \
    --trust-domain "$STACK_TRUST_DOMAIN" --svid-files
  for name in nexus keeper-1 keeper-2 keeper-3; do
    stack_wait_for_file "$STACK_IDENTITY_DIR/$name.sock" 60 || {
      echo "error: the identity provider did not come up; see $STACK_LOG_DIR/identity.log" >&2; exit 1; }
  done
  BENCH_SVID="$STACK_IDENTITY_DIR/svid/superuser"
  stack_wait_for_file "$BENCH_SVID/svid_key.pem" 30 || { echo "error: no SVID files in $BENCH_SVID" >&2; exit 1; }
  for i in 1 2 3; do
    stack_spawn "keeper-$i" env -u SPIKE_JAVA_OPTS SPIFFE_ENDPOINT_SOCKET="$(stack_socket "keeper-$i")" \
      SPIKE_KEEPER_TLS_PORT="127.0.0.1:${STACK_KEEPER_PORTS[$((i - 1))]}" "$SPIKE_DIST/bin/keeper"
  done
  # The audit trail stays on (stdout, fail-closed, the defaults): its cost is part of every request.
  stack_spawn nexus env SPIFFE_ENDPOINT_SOCKET="$(stack_socket nexus)" \
    SPIKE_NEXUS_TLS_PORT="127.0.0.1:$STACK_NEXUS_PORT" SPIKE_NEXUS_KEEPER_PEERS="$(stack_keeper_peers)" \
    SPIKE_NEXUS_DATA_DIR="$STACK_DATA_DIR" SPIKE_NEXUS_DB_SYNCHRONOUS=FULL \
    SPIKE_NEXUS_SHAMIR_SHARES=3 SPIKE_NEXUS_SHAMIR_THRESHOLD=2 "${BENCH_NEXUS_ENV[@]}" "$SPIKE_DIST/bin/nexus"

  # ab takes one PEM holding the certificate, then the key. ab does not verify the server, and curl
  # is told not to (-k): the SVIDs carry no DNS name. Both present the superuser's client certificate.
  BENCH_PEM="$BENCH_DIR/superuser.pem"
  (umask 077 && cat "$BENCH_SVID/svid.pem" "$BENCH_SVID/svid_key.pem" >"$BENCH_PEM")
  BENCH_URL="https://127.0.0.1:$STACK_NEXUS_PORT"
  # ab with the options every run shares: keep-alive, the superuser's certificate, JSON bodies. An
  # array, not a function, so that "${BENCH_AB[@]}" ... & is ab itself, which a signal can reach.
  BENCH_AB=(ab -k -q -E "$BENCH_PEM" -T application/json)

  echo -n "Waiting for Nexus to be ready"
  for ((i = 0; i < 240; i++)); do
    if [[ "$(bench_status "/v1/store/secrets?action=list" '{}')" == 200 ]]; then ready=true; break; fi
    stack_pid nexus >/dev/null || break
    echo -n "."
    sleep 0.5
  done
  echo
  $ready || { echo "error: Nexus did not become ready; see $STACK_LOG_DIR/nexus.log" >&2; exit 1; }
}

bench_nexus_curl() { # $1 = path and query, $2 = body; curl's other options follow
  local path="$1" body="$2"
  shift 2
  curl -sk --cert "$BENCH_SVID/svid.pem" --key "$BENCH_SVID/svid_key.pem" \
    -H 'Content-Type: application/json' --data-binary "$body" "$@" "$BENCH_URL$path"
}

bench_status() { # $1 = path and query, $2 = body; prints the HTTP status
  bench_nexus_curl "$1" "$2" -o /dev/null -w '%{http_code}' || true
}

bench_json() { # $1 = path and query, $2 = body; prints the answer, or fails unless the status is 2xx
  local out status
  out="$(bench_nexus_curl "$1" "$2" -w '\n%{http_code}')" || { echo "error: no answer from $1" >&2; return 1; }
  status="${out##*$'\n'}"
  out="${out%$'\n'*}"
  [[ "$status" == 2?? ]] || { echo "error: $1 answered $status: $out" >&2; return 1; }
  printf '%s\n' "$out"
}


# Prints "requests rps p50 p99 failed non2xx" of an ab output file $1 and its -e percentile file $2.
bench_ab_stats() {
  local n rps failed non2xx p50 p99
  n=$(awk '/^Complete requests:/ {print $3}' "$1")
  rps=$(awk '/^Requests per second:/ {print $4}' "$1")
  failed=$(awk '/^Failed requests:/ {print $3}' "$1")
  non2xx=$(awk '/^Non-2xx responses:/ {print $3}' "$1")
  p50=$(awk -F, '$1 == 50 {print $2}' "$2")
  p99=$(awk -F, '$1 == 99 {print $2}' "$2")
  echo "$n $rps $p50 $p99 $failed ${non2xx:-0}"
}

bench_load() { cut -d' ' -f1-3 /proc/loadavg; } # as in lib/bench.sh

bench_machine() { echo "Machine: $(nproc) cores, $(uname -sr); load average now $(bench_load)"; }
