#!/usr/bin/env bash
# Usage: hack/stack-start.sh [--no-build]
# Builds SPIKE and starts a local stack in the background: the dev identity provider, three keepers
# and Nexus (SQLite, 3 shares, threshold 2). Waits until Nexus is ready, then shows the spike CLI
# working. Logs go to .stack/logs. A store kept by hack/stack-stop.sh gets its root key back from the
# recovery shards that stack-stop exported. A second run leaves a running stack alone.
set -euo pipefail
# shellcheck source=lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"
# shellcheck source=lib/stack-recovery.sh
. "$SPIKE_REPO/hack/lib/stack-recovery.sh"
# shellcheck source=lib/find-java.sh
. "$SPIKE_REPO/hack/lib/find-java.sh"

build=true
case "${1:-}" in
  --no-build) build=false ;;
  "") ;;
  -h|--help) sed -n '2,6s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "usage: hack/stack-start.sh [--no-build]" >&2; exit 1 ;;
esac

# Builds dist/ unless --no-build, then starts the identity provider and the keepers.
build_and_start_all_but_nexus() {
  if $build; then
    spike_find_java
    echo "Building with JDK $SPIKE_JAVA_MAJOR ($SPIKE_JAVA_HOME)..."
    (cd "$SPIKE_REPO" && JAVA_HOME="$SPIKE_JAVA_HOME" ./mvnw -B -ntp -DskipTests package >"$SPIKE_REPO/target-build.log" 2>&1) || {
      echo "error: the build failed; see $SPIKE_REPO/target-build.log" >&2; exit 1; }
    rm -f "$SPIKE_REPO/target-build.log"
  fi
  [[ -x "$SPIKE_DIST/bin/nexus" ]] || { echo "error: $SPIKE_DIST/bin/nexus is missing; run without --no-build" >&2; exit 1; }

  if (( ${#STACK_IDENTITY_DIR} > 90 )); then
    echo "error: $STACK_IDENTITY_DIR is too long for unix sockets; set SPIKE_STACK_DIR to a shorter path" >&2
    exit 1
  fi
  mkdir -p "$STACK_LOG_DIR" "$STACK_PID_DIR" "$STACK_DATA_DIR"
  chmod 700 "$SPIKE_STACK_DIR" "$STACK_DATA_DIR"
  rm -rf "$STACK_IDENTITY_DIR"

  echo "Starting the dev identity provider (development only; production uses SPIRE)..."
  local identity_args=(--dir "$STACK_IDENTITY_DIR" --trust-domain "$STACK_TRUST_DOMAIN") name i
  [[ "$STACK_SVID_FILES" == true ]] && identity_args+=(--svid-files)
  stack_spawn identity "$SPIKE_DIST/bin/spike-dev-identity" "${identity_args[@]}"
  for name in nexus keeper-1 keeper-2 keeper-3 superuser; do
    stack_wait_for_file "$STACK_IDENTITY_DIR/$name.sock" 30 || {
      echo "error: the identity provider did not come up; see $STACK_LOG_DIR/identity.log" >&2; exit 1; }
  done

  for i in 1 2 3; do
    echo "Starting keeper $i on port ${STACK_KEEPER_PORTS[$((i - 1))]}..."
    stack_start_keeper "$i"
  done
}

restore=false
if stack_running_but nexus; then
  # The keepers still hold the root key's shards, so Nexus gets its key from them, as on any restart.
  echo "Nexus is not running, the rest of the stack is: starting Nexus alone (nothing is built)."
elif stack_running_any; then
  echo "A local stack is already running (hack/stack-status.sh shows it); nothing was changed."
  echo "Stop it with hack/stack-stop.sh before starting a new one."
  exit 0
else
  stack_check_recoverable || exit 1
  if stack_has_store; then
    restore=true
  else
    stack_delete_shard_files # shards of a store that is gone fit no new one
  fi
  build_and_start_all_but_nexus
fi

echo "Starting Nexus on port $STACK_NEXUS_PORT..."
stack_start_nexus

if $restore && ! stack_restore_shards; then
  "$SPIKE_REPO/hack/stack-stop.sh" >/dev/null # so that a second try starts clean
  exit 1
fi

cat >"$SPIKE_STACK_DIR/env" <<ENV
# Source this file to use the spike CLI as the Pilot superuser of the local stack.
export SPIFFE_ENDPOINT_SOCKET="$(stack_socket superuser)"
export SPIKE_NEXUS_API_URL="https://localhost:$STACK_NEXUS_PORT"
$(for pair in "${STACK_TRUST_ROOTS[@]}"; do echo "export ${pair%%=*}=\"${pair#*=}\""; done)
export PATH="$SPIKE_DIST/bin:\$PATH"
ENV
# shellcheck source=/dev/null
. "$SPIKE_STACK_DIR/env"

echo "Waiting for Nexus to be ready..."
if ! stack_wait_ready 60; then
  echo "error: Nexus did not become ready; see $STACK_LOG_DIR/nexus.log" >&2
  exit 1
fi
if $restore; then
  stack_delete_shard_files
  echo "Nexus has its root key back; the recovery shards are deleted (the next hack/stack-stop.sh exports them again)."
fi
echo
echo "SPIKE is up. The CLI at work:"
echo "  \$ spike secret put demo/hello greeting=world"
# Never through a warm helper the operator may have started (see docs/cli.md).
SPIKE_PILOT_HELPER=false spike secret put demo/hello greeting=world | sed 's/^/  /'
echo "  \$ spike secret get demo/hello"
SPIKE_PILOT_HELPER=false spike secret get demo/hello | sed 's/^/  /'
echo "  \$ spike status"
# Exit 3 means Nexus answered and named a problem; the report says which, so the start goes on.
{ SPIKE_PILOT_HELPER=false spike status || true; } | sed 's/^/  /'
cat <<MSG

Use spike yourself (as the Pilot superuser):
  source $SPIKE_STACK_DIR/env
  spike secret list
Other identities' sockets are in $STACK_IDENTITY_DIR (recover.sock, restore.sock, ...).
Status: hack/stack-status.sh   Logs: hack/stack-logs.sh [nexus|keeper-1|...]   Stop: hack/stack-stop.sh
MSG
if [[ "$STACK_NEXUS_HEALTH_PORT" != off ]]; then
  echo "Health and metrics (plain HTTP, localhost): http://127.0.0.1:$STACK_NEXUS_HEALTH_PORT/metrics (also /ready, /live)"
  for i in 1 2 3; do
    port="${STACK_KEEPER_HEALTH_PORTS[$((i - 1))]}"
    [[ "$port" == off ]] || echo "  keeper-$i: http://127.0.0.1:$port/metrics"
  done
  echo "Alert rules and a Grafana dashboard for them: docs/monitoring/"
fi
