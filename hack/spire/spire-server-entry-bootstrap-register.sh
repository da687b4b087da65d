#!/usr/bin/env bash
# Usage: hack/spire/spire-server-entry-bootstrap-register.sh [--dry-run]
# Registers the SPIKE Bootstrap identity (spiffe://<trust domain>/spike/bootstrap). SPIKE for Java needs
# no Bootstrap (Nexus creates the root key on first boot); this is for running upstream's Go bootstrap
# against our keepers and Nexus. Selectors: unix:uid of SPIKE_SPIRE_BOOTSTRAP_USER (default
# spike-bootstrap) and unix:path of SPIKE_SPIRE_BOOTSTRAP_PATH (default: the java executable, as for
# the other programs; set it to the bootstrap binary for upstream's). Keepers accept this identity, so
# delete the entry once bootstrap is done ('spire-server entry delete').
# With --dry-run (or SPIKE_DRY_RUN=1) it prints the spire-server commands instead of running them.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"
spire_parse_common_args "$@"
spire_require_tools spire-server

if [[ -n "${SPIKE_SPIRE_BOOTSTRAP_PATH:-}" ]]; then
  exe=$(readlink -f "$SPIKE_SPIRE_BOOTSTRAP_PATH" || echo "$SPIKE_SPIRE_BOOTSTRAP_PATH")
else
  exe=$(spire_java_executable)
fi
bootstrap_uid=$(spire_uid_of "$SPIRE_BOOTSTRAP_USER" Bootstrap SPIKE_SPIRE_BOOTSTRAP_USER)
pilot_uid=$(spire_uid_of "$SPIRE_PILOT_USER" Pilot SPIKE_SPIRE_PILOT_USER)
pairs=("Bootstrap=$bootstrap_uid" "Pilot=$pilot_uid")
id -u "$SPIRE_NEXUS_USER" >/dev/null 2>&1 && pairs+=("Nexus=$(id -u "$SPIRE_NEXUS_USER")")
for i in 1 2 3; do
  user="${SPIRE_KEEPER_USERS[$((i - 1))]}"
  id -u "$user" >/dev/null 2>&1 && pairs+=("Keeper $i=$(id -u "$user")")
done
spire_require_distinct "${pairs[@]}"

spire_selectors_for "$bootstrap_uid" "$exe"
spire_entry_ensure "$SPIRE_ID_BOOTSTRAP"
