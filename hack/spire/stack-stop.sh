#!/usr/bin/env bash
# Usage: hack/spire/stack-stop.sh [--dry-run] [--purge]
# Stops what hack/spire/stack-start.sh started: Nexus, the keepers, the SPIRE Agent and Server.
# --purge also deletes SPIKE_SPIRE_DIR (default .spire): SPIRE's data and keys, Nexus's database
# (its secrets are lost for good) and the logs.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"
purge=false
args=()
for arg in "$@"; do
  if [[ "$arg" == --purge ]]; then purge=true; else args+=("$arg"); fi
done
spire_parse_common_args "${args[@]+"${args[@]}"}"
for c in nexus keeper-3 keeper-2 keeper-1 spire-agent spire-server; do
  spire_stop_component "$c"
done
if $purge; then
  spire_run rm -rf "$SPIRE_DIR"
  spire_note "deleted $SPIRE_DIR"
fi
