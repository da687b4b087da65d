#!/usr/bin/env bash
# Usage: hack/spire/stack-start.sh [--dry-run] [--no-build] [--create-users]
# Starts a local SPIKE stack on SPIRE instead of the dev identity provider: SPIRE Server and Agent,
# the registration entries, three keepers and Nexus (SQLite, 3 shares, threshold 2), then shows the
# spike CLI working; afterwards 'source .spire/env' lets the current user run spike as the Pilot
# superuser. Needs spire-server and spire-agent on PATH, and root: Nexus and the keepers run under
# their own accounts (SPIKE_SPIRE_NEXUS_USER, default spike-nexus; SPIKE_SPIRE_KEEPER1_USER..3, default
# spike-keeper-1..3), because the account is what tells SPIKE's programs apart (docs/spire.md).
#   --create-users  create those accounts if missing (useradd --system)
#   --no-build      use the launchers already in dist/ instead of building first
#   --dry-run       print the spire-server, spire-agent and program commands instead (SPIKE_DRY_RUN=1)
# Stop it with hack/spire/stack-stop.sh.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"

build=true
create_users=false
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) build=false ;;
    --create-users) create_users=true ;;
    *) args+=("$1") ;;
  esac
  shift
done
spire_parse_common_args "${args[@]+"${args[@]}"}"
spire_require_tools spire-server spire-agent
if ! spire_is_dry_run && [[ $EUID -ne 0 ]]; then
  spire_die "run this as root (e.g. with sudo): it starts the SPIRE Agent and runs Nexus and the keepers
       under their own accounts. Without root, use hack/stack-start.sh (dev identities, no SPIRE)."
fi

nexus_port="${SPIKE_STACK_NEXUS_PORT:-8553}"
keeper_ports=("${SPIKE_STACK_KEEPER1_PORT:-8443}" "${SPIKE_STACK_KEEPER2_PORT:-8543}" "${SPIKE_STACK_KEEPER3_PORT:-8643}")
components=(spire-server spire-agent keeper-1 keeper-2 keeper-3 nexus)
for c in "${components[@]:2}"; do
  if pid=$(spire_pid "$c"); then
    echo "A SPIRE-based stack is already running ($c, pid $pid); stop it with hack/spire/stack-stop.sh."
    exit 0
  fi
done

# Accounts: one per program, so SPIRE can tell the JVMs apart.
for user in "$SPIRE_NEXUS_USER" "${SPIRE_KEEPER_USERS[@]}"; do
  if ! id -u "$user" >/dev/null 2>&1 && [[ ! "$user" =~ ^[0-9]+$ ]]; then
    if $create_users; then
      spire_run useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    elif ! spire_is_dry_run; then
      spire_die "the account '$user' does not exist; create it with
         useradd --system --no-create-home --shell /usr/sbin/nologin $user
       or run again with --create-users."
    fi
  fi
done
nexus_uid=$(spire_uid_of "$SPIRE_NEXUS_USER" Nexus SPIKE_SPIRE_NEXUS_USER)
keeper_uids=()
for i in 1 2 3; do
  keeper_uids+=("$(spire_uid_of "${SPIRE_KEEPER_USERS[$((i - 1))]}" "Keeper $i" "SPIKE_SPIRE_KEEPER${i}_USER")")
done
pilot_uid=$(spire_uid_of "$SPIRE_PILOT_USER" Pilot SPIKE_SPIRE_PILOT_USER)
spire_require_distinct "Nexus=$nexus_uid" "Keeper 1=${keeper_uids[0]}" "Keeper 2=${keeper_uids[1]}" \
  "Keeper 3=${keeper_uids[2]}" "Pilot=$pilot_uid"

gid_of() {
  if id -g "$1" >/dev/null 2>&1; then id -g "$1"; else echo "GID-OF-$1"; fi
}

if $build; then
  if spire_is_dry_run; then
    spire_note "would build with: ./mvnw -B -ntp -DskipTests package"
  else
    # shellcheck source=../lib/find-java.sh
    . "$SPIKE_REPO/hack/lib/find-java.sh"
    spike_find_java
    echo "Building with JDK $SPIKE_JAVA_MAJOR ($SPIKE_JAVA_HOME)..."
    (cd "$SPIKE_REPO" && JAVA_HOME="$SPIKE_JAVA_HOME" ./mvnw -B -ntp -DskipTests package >"$SPIKE_REPO/target-build.log" 2>&1) \
      || spire_die "the build failed; see $SPIKE_REPO/target-build.log"
    rm -f "$SPIKE_REPO/target-build.log"
  fi
fi
spire_is_dry_run || [[ -x "$SPIKE_DIST/bin/nexus" ]] || spire_die "$SPIKE_DIST/bin/nexus is missing; run without --no-build"

java=$(spire_java_executable)
java_home="$(dirname "$(dirname "$java")")"
if ! spire_is_dry_run; then
  mkdir -p "$SPIRE_DIR" "$SPIRE_DIR/nexus-data"
  chmod 755 "$SPIRE_DIR"
  chown "$SPIRE_NEXUS_USER" "$SPIRE_DIR/nexus-data"
  chmod 700 "$SPIRE_DIR/nexus-data"
  for user in "$SPIRE_NEXUS_USER" "${SPIRE_KEEPER_USERS[@]}"; do
    setpriv --reuid="$(id -u "$user")" --regid="$(id -g "$user")" --init-groups -- \
      test -r "$SPIKE_DIST/lib/nexus.jar" -a -x "$java" -a -r "$SPIKE_DIST/bin/find-java.sh" \
      || spire_die "the account '$user' cannot read $SPIKE_DIST or run $java.
       Put the checkout where other accounts can read it (not under a private home directory)."
  done
fi

# SPIRE itself, then the entries: SPIKE programs, and the Pilot as superuser.
"$SPIRE_HACK_DIR/spire-server-start.sh"
"$SPIRE_HACK_DIR/spire-agent-start.sh"
"$SPIRE_HACK_DIR/spire-server-entry-spike-register.sh"
"$SPIRE_HACK_DIR/spire-server-entry-su-register.sh"

command=()
trust_roots=()
for role in NEXUS KEEPER PILOT BOOTSTRAP LITE_WORKLOAD; do
  trust_roots+=("SPIKE_TRUST_ROOT_$role=$SPIRE_TRUST_DOMAIN")
done
# Each program starts with a clean environment under its account: setpriv execs, so the recorded pid
# is the JVM's. It waits up to SPIKE_SPIFFE_SOURCE_TIMEOUT (30s) for the agent to have its entry.
# Sets "command" to run "$@" under account $1.
as_account() {
  local user="$1" uid; shift
  uid=$(spire_uid_of "$user" program)
  command=(setpriv --reuid="$uid" --regid="$(gid_of "$user")" --init-groups --
    env -i PATH=/usr/local/bin:/usr/bin:/bin JAVA_HOME="$java_home"
    SPIFFE_ENDPOINT_SOCKET="unix://$SPIRE_AGENT_SOCKET" SPIKE_SYSTEM_LOG_LEVEL="${SPIKE_SYSTEM_LOG_LEVEL:-INFO}"
    "${trust_roots[@]}" "$@")
}
# Keeper i's URL is bound to keeper i's ID, and every keeper serves only this Nexus (ADR-0014).
peers=()
for i in 1 2 3; do
  port="${keeper_ports[$((i - 1))]}" user="${SPIRE_KEEPER_USERS[$((i - 1))]}"
  peers+=("https://localhost:$port=$SPIRE_ID_KEEPER/$i")
  echo "Starting keeper $i on port $port as $user..."
  as_account "$user" SPIKE_KEEPER_TLS_PORT=":$port" SPIKE_KEEPER_NEXUS_ID="$SPIRE_ID_NEXUS" "$SPIKE_DIST/bin/keeper"
  spire_spawn "keeper-$i" "${command[@]}"
done
echo "Starting Nexus on port $nexus_port as $SPIRE_NEXUS_USER..."
as_account "$SPIRE_NEXUS_USER" SPIKE_NEXUS_TLS_PORT=":$nexus_port" \
  SPIKE_NEXUS_KEEPER_PEERS="$(IFS=,; echo "${peers[*]}")" SPIKE_NEXUS_DATA_DIR="$SPIRE_DIR/nexus-data" \
  SPIKE_NEXUS_SHAMIR_SHARES=3 SPIKE_NEXUS_SHAMIR_THRESHOLD=2 "$SPIKE_DIST/bin/nexus"
spire_spawn nexus "${command[@]}"

env_file="$SPIRE_DIR/env"
if spire_is_dry_run; then
  spire_note "would write $env_file and wait for Nexus to answer 'spike secret list'"
  exit 0
fi
{
  echo "# Source this file to use the spike CLI through the SPIRE Agent (as $SPIRE_PILOT_USER, Pilot role)."
  echo "export SPIFFE_ENDPOINT_SOCKET=\"unix://$SPIRE_AGENT_SOCKET\""
  echo "export SPIKE_NEXUS_API_URL=\"https://localhost:$nexus_port\""
  for pair in "${trust_roots[@]}"; do echo "export ${pair%%=*}=\"${pair#*=}\""; done
  echo "export JAVA_HOME=\"$java_home\""
  echo "export PATH=\"$SPIKE_DIST/bin:\$PATH\""
} >"$env_file"
# shellcheck source=/dev/null
. "$env_file"

echo -n "Waiting for Nexus to be ready"
ready=false
for ((i = 0; i < 120; i++)); do
  if spike secret list >/dev/null 2>&1; then ready=true; break; fi
  spire_pid nexus >/dev/null || break
  echo -n "."
  sleep 1
done
echo
$ready || spire_die "Nexus did not become ready; see $SPIRE_LOG_DIR/nexus.log and $SPIRE_LOG_DIR/spire-agent.log"

echo
echo "SPIKE is up on SPIRE. The CLI at work:"
echo "  \$ spike secret put demo/hello greeting=world"
spike secret put demo/hello greeting=world | sed 's/^/  /'
echo "  \$ spike secret get demo/hello"
spike secret get demo/hello | sed 's/^/  /'
cat <<MSG

Use spike yourself (as $SPIRE_PILOT_USER, which SPIRE maps to the Pilot superuser role):
  source $env_file
  spike secret list
Switch roles: hack/spire/spire-server-entry-{recover,restore,su}-register.sh
Logs: $SPIRE_LOG_DIR   Stop: hack/spire/stack-stop.sh [--purge]
MSG
