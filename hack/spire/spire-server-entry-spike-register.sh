#!/usr/bin/env bash
# Usage: hack/spire/spire-server-entry-spike-register.sh [--dry-run]
# Registers SPIKE Nexus (spiffe://<trust domain>/spike/nexus) and SPIKE Keeper (.../spike/keeper) with
# the SPIRE Server, under the agent alias spiffe://<trust domain>/spire-agent. Selectors: unix:uid of the
# program's account (SPIKE_SPIRE_NEXUS_USER, default spike-nexus; SPIKE_SPIRE_KEEPER_USER, default
# spike-keeper) and unix:path of the java executable they run on (SPIKE_SPIRE_JAVA, default the JDK the
# launchers find); SPIKE_SPIRE_SHA256_SELECTOR=1 adds unix:sha256. Entries that exist are left alone.
# With --dry-run (or SPIKE_DRY_RUN=1) it prints the spire-server commands instead of running them.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"
spire_parse_common_args "$@"
spire_require_tools spire-server

java=$(spire_java_executable)
nexus_uid=$(spire_uid_of "$SPIRE_NEXUS_USER" Nexus SPIKE_SPIRE_NEXUS_USER)
keeper_uid=$(spire_uid_of "$SPIRE_KEEPER_USER" Keeper SPIKE_SPIRE_KEEPER_USER)
pilot_uid=$(spire_uid_of "$SPIRE_PILOT_USER" Pilot SPIKE_SPIRE_PILOT_USER)
spire_require_distinct "Nexus=$nexus_uid" "Keeper=$keeper_uid" "Pilot=$pilot_uid"

spire_selectors_for "$nexus_uid" "$java"
spire_entry_ensure "$SPIRE_ID_NEXUS"
spire_selectors_for "$keeper_uid" "$java"
spire_entry_ensure "$SPIRE_ID_KEEPER"
