#!/usr/bin/env bash
# Usage: hack/spire/spire-server-entry-recover-register.sh [--dry-run]
# Switches SPIKE Pilot to spiffe://<trust domain>/spike/pilot/role/recover: only 'spike operator recover'
# (export the root key's shards as files). Switch back with spire-server-entry-su-register.sh.
# The Pilot entry is the operator's account (SPIKE_SPIRE_PILOT_USER, default the current user) on the
# java executable (SPIKE_SPIRE_JAVA): this deletes the entries of the other Pilot roles with those
# selectors and creates this role's entry if it is missing. New 'spike' runs get the new role once the
# agent has synced (about 5 seconds).
# With --dry-run (or SPIKE_DRY_RUN=1) it prints the spire-server commands instead of running them.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"
spire_parse_common_args "$@"
spire_require_tools spire-server
spire_pilot_switch_role recover
