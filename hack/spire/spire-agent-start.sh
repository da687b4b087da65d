#!/usr/bin/env bash
# Usage: hack/spire/spire-agent-start.sh [--dry-run] [--join-token TOKEN]
# Starts a SPIRE Agent for SPIKE in the background, next to the server of spire-server-start.sh. Unless a
# token is given, it asks the server for a one-time join token ('spire-server token generate') whose
# extra SPIFFE ID spiffe://<trust domain>/spire-agent is the parent of every SPIKE entry, and for the
# trust bundle ('spire-server bundle show'). The Workload API socket is SPIKE_SPIRE_AGENT_SOCKET
# (default .spire/agent/public/api.sock). Must run as root: SPIKE's programs make themselves
# non-dumpable, so only root can read the /proc/<pid>/exe the unix workload attestor needs.
# With --dry-run (or SPIKE_DRY_RUN=1) it prints the spire-server and spire-agent commands instead.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"

token=""
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --join-token)
      [[ $# -ge 2 ]] || spire_bad_usage "--join-token needs a value"
      token="$2"; shift ;;
    --join-token=*) token="${1#*=}" ;;
    *) args+=("$1") ;;
  esac
  shift
done
spire_parse_common_args "${args[@]+"${args[@]}"}"
if [[ -n "$token" ]]; then spire_require_tools spire-agent; else spire_require_tools spire-server spire-agent; fi

if pid=$(spire_pid spire-agent); then
  echo "SPIRE Agent is already running (pid $pid); nothing was changed."
  exit 0
fi
if ! spire_is_dry_run && [[ $EUID -ne 0 ]]; then
  spire_die "run this as root (e.g. with sudo): SPIKE's programs are non-dumpable, so a non-root agent
       cannot read their /proc/<pid>/exe and workload attestation with unix:path selectors fails."
fi
if (( ${#SPIRE_AGENT_SOCKET} > 100 )); then
  spire_die "$SPIRE_AGENT_SOCKET is too long for a unix socket; set SPIKE_SPIRE_DIR to a shorter path"
fi

socket_dir="$(dirname "$SPIRE_AGENT_SOCKET")"
bundle="$SPIRE_AGENT_DATA_DIR/bundle.pem"
config="$SPIRE_AGENT_DATA_DIR/agent.conf"
if ! spire_is_dry_run; then
  mkdir -p "$SPIRE_AGENT_DATA_DIR" "$socket_dir"
  chmod 700 "$SPIRE_AGENT_DATA_DIR"
  # Workloads run under their own accounts: they must reach the socket, and nothing else here.
  chmod 755 "$SPIRE_DIR" "$socket_dir"
  if [[ "$socket_dir" == "$SPIRE_AGENT_DATA_DIR"/* ]]; then chmod 711 "$SPIRE_AGENT_DATA_DIR"; fi
fi

if [[ -z "$token" ]]; then
  output=$(spire_server_query "Token: DRY-RUN-JOIN-TOKEN" token generate -spiffeID "$SPIRE_AGENT_ID" -ttl 600) \
    || spire_die "spire-server token generate failed (is the server running? hack/spire/spire-server-start.sh)"
  token=$(awk '/^Token:/ { print $2 }' <<<"$output")
  [[ -n "$token" ]] || spire_die "no join token in the output of spire-server token generate: $output"
fi

pem=$(spire_server_query "" bundle show -format pem) || spire_die "spire-server bundle show failed"
if ! spire_is_dry_run; then
  (umask 077 && printf '%s\n' "$pem" >"$bundle")
fi

size_limit=-1
[[ "${SPIKE_SPIRE_SHA256_SELECTOR:-0}" == 1 ]] && size_limit=0
spire_render "$SPIRE_HACK_DIR/config/agent.conf.tmpl" "$config" \
  AGENT_DATA_DIR="$SPIRE_AGENT_DATA_DIR" LOG_LEVEL="$SPIRE_LOG_LEVEL" SERVER_ADDRESS="$SPIRE_SERVER_ADDRESS" \
  SERVER_PORT="$SPIRE_SERVER_PORT" AGENT_SOCKET="$SPIRE_AGENT_SOCKET" TRUST_BUNDLE="$bundle" \
  TRUST_DOMAIN="$SPIRE_TRUST_DOMAIN" WORKLOAD_SIZE_LIMIT="$size_limit"

echo "Starting SPIRE Agent (log: $SPIRE_LOG_DIR/spire-agent.log)..."
spire_spawn spire-agent spire-agent run -config "$config" -joinToken "$token"
if ! spire_wait_until 60 spire-agent healthcheck -socketPath "$SPIRE_AGENT_SOCKET"; then
  spire_die "SPIRE Agent did not become healthy within 60s; see $SPIRE_LOG_DIR/spire-agent.log"
fi
spire_note "SPIRE Agent is up (Workload API socket $SPIRE_AGENT_SOCKET)."
