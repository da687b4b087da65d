#!/usr/bin/env bash
# Usage: hack/spire/spire-server-start.sh [--dry-run]
# Starts a SPIRE Server for SPIKE in the background: trust domain SPIKE_SPIRE_TRUST_DOMAIN (default
# spike.ist), join-token node attestation, data and CA keys under SPIKE_SPIRE_DIR/server (default
# .spire/server), API socket SPIKE_SPIRE_SERVER_SOCKET, listening on 127.0.0.1:8081
# (SPIKE_SPIRE_SERVER_ADDRESS, SPIKE_SPIRE_SERVER_PORT). Waits until its health check passes.
# With --dry-run (or SPIKE_DRY_RUN=1) it prints the spire-server commands instead of running them.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"
spire_parse_common_args "$@"
spire_require_tools spire-server

if pid=$(spire_pid spire-server); then
  echo "SPIRE Server is already running (pid $pid); nothing was changed."
  exit 0
fi
if (( ${#SPIRE_SERVER_SOCKET} > 100 )); then
  spire_die "$SPIRE_SERVER_SOCKET is too long for a unix socket; set SPIKE_SPIRE_DIR to a shorter path"
fi

config="$SPIRE_SERVER_DATA_DIR/server.conf"
if ! spire_is_dry_run; then
  mkdir -p "$SPIRE_SERVER_DATA_DIR" "$(dirname "$SPIRE_SERVER_SOCKET")"
  chmod 700 "$SPIRE_SERVER_DATA_DIR" "$(dirname "$SPIRE_SERVER_SOCKET")"
fi
spire_render "$SPIRE_HACK_DIR/config/server.conf.tmpl" "$config" \
  SERVER_ADDRESS="$SPIRE_SERVER_ADDRESS" SERVER_PORT="$SPIRE_SERVER_PORT" SERVER_SOCKET="$SPIRE_SERVER_SOCKET" \
  TRUST_DOMAIN="$SPIRE_TRUST_DOMAIN" SERVER_DATA_DIR="$SPIRE_SERVER_DATA_DIR" LOG_LEVEL="$SPIRE_LOG_LEVEL"

echo "Starting SPIRE Server for trust domain $SPIRE_TRUST_DOMAIN (log: $SPIRE_LOG_DIR/spire-server.log)..."
spire_spawn spire-server spire-server run -config "$config"
if ! spire_wait_until 60 spire-server healthcheck -socketPath "$SPIRE_SERVER_SOCKET"; then
  spire_die "SPIRE Server did not become healthy within 60s; see $SPIRE_LOG_DIR/spire-server.log"
fi
spire_note "SPIRE Server is up (API socket $SPIRE_SERVER_SOCKET)."
