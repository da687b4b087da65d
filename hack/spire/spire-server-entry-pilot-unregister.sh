#!/usr/bin/env bash
# Usage: hack/spire/spire-server-entry-pilot-unregister.sh [--dry-run]
# Deletes every SPIKE Pilot entry (superuser, recover and restore roles) for the operator's account
# (SPIKE_SPIRE_PILOT_USER) on the java executable, so no 'spike' run can administer SPIKE until
# spire-server-entry-su-register.sh is run again. Removing administrative access when it is not needed
# shrinks what a compromised operator account can do.
# With --dry-run (or SPIKE_DRY_RUN=1) it prints the spire-server commands instead of running them.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"
spire_parse_common_args "$@"
spire_require_tools spire-server

java=$(spire_java_executable)
pilot_uid=$(spire_uid_of "$SPIRE_PILOT_USER" Pilot SPIKE_SPIRE_PILOT_USER)
spire_selectors_for "$pilot_uid" "$java"
for role in "${SPIRE_PILOT_ROLES[@]}"; do
  spire_entry_remove "$(spire_pilot_id "$role")"
done
