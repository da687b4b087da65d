#!/usr/bin/env bash
# Usage: hack/stack-start.sh [--no-build]
# Builds SPIKE and starts a local stack in the background: the dev identity provider, three keepers
# and Nexus (SQLite, 3 shares, threshold 2). Waits until Nexus is ready, then shows the spike CLI
# working. Logs go to .stack/logs. A second run leaves a running stack alone.
set -euo pipefail
# shellcheck source=lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"
# shellcheck source=lib/find-java.sh
. "$SPIKE_REPO/hack/lib/find-java.sh"

build=true
case "${1:-}" in
  --no-build) build=false ;;
  "") ;;
  -h|--help) sed -n '2,5s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "usage: hack/stack-start.sh [--no-build]" >&2; exit 1 ;;
esac

if stack_running_any; then
  echo "A local stack is already running (hack/stack-status.sh shows it); nothing was changed."
  echo "Stop it with hack/stack-stop.sh before starting a new one."
  exit 0
fi

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
identity_args=(--dir "$STACK_IDENTITY_DIR" --trust-domain "$STACK_TRUST_DOMAIN")
[[ "$STACK_SVID_FILES" == true ]] && identity_args+=(--svid-files)
stack_spawn identity "$SPIKE_DIST/bin/spike-dev-identity" "${identity_args[@]}"
for name in nexus keeper superuser; do
  stack_wait_for_file "$STACK_IDENTITY_DIR/$name.sock" 30 || {
    echo "error: the identity provider did not come up; see $STACK_LOG_DIR/identity.log" >&2; exit 1; }
done

for i in 1 2 3; do
  echo "Starting keeper $i on port ${STACK_KEEPER_PORTS[$((i - 1))]}..."
  stack_start_keeper "$i"
done

echo "Starting Nexus on port $STACK_NEXUS_PORT..."
stack_start_nexus

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
  if [[ -e "$STACK_DATA_DIR/spike.db" ]] && stack_pid nexus >/dev/null; then
    echo "       It kept its database from an earlier run, but the keepers started empty, so its root key" >&2
    echo "       is gone: feed it recovery shards ('spike operator restore' as the restore identity)," >&2
    echo "       or start over with hack/stack-stop.sh --purge && hack/stack-start.sh." >&2
  fi
  exit 1
fi
echo
echo "SPIKE is up. The CLI at work:"
echo "  \$ spike secret put demo/hello greeting=world"
# No warm helper for these two: the operator's shell will start its own (see docs/cli.md).
SPIKE_PILOT_HELPER=false spike secret put demo/hello greeting=world | sed 's/^/  /'
echo "  \$ spike secret get demo/hello"
SPIKE_PILOT_HELPER=false spike secret get demo/hello | sed 's/^/  /'
cat <<MSG

Use spike yourself (as the Pilot superuser):
  source $SPIKE_STACK_DIR/env
  spike secret list
Other identities' sockets are in $STACK_IDENTITY_DIR (recover.sock, restore.sock, ...).
Status: hack/stack-status.sh   Logs: hack/stack-logs.sh [nexus|keeper-1|...]   Stop: hack/stack-stop.sh
MSG
