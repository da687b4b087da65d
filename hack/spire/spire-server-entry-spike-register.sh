#!/usr/bin/env bash
# Usage: hack/spire/spire-server-entry-spike-register.sh [--dry-run]
# Registers SPIKE Nexus (spiffe://<trust domain>/spike/nexus) and the three keepers (.../spike/keeper/1,
# /2, /3) with the SPIRE Server, under the agent alias spiffe://<trust domain>/spire-agent. Selectors: unix:uid
# of the program's account (SPIKE_SPIRE_NEXUS_USER, default spike-nexus; SPIKE_SPIRE_KEEPER1_USER..3, default
# spike-keeper-1..3) and unix:path of the java executable they run on (SPIKE_SPIRE_JAVA, default the JDK the
# launchers find); SPIKE_SPIRE_SHA256_SELECTOR=1 adds unix:sha256. Entries that exist are left alone.
# With --dry-run (or SPIKE_DRY_RUN=1) it prints the spire-server commands instead of running them.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"
spire_parse_common_args "$@"
spire_require_tools spire-server

java=$(spire_java_executable)
nexus_uid=$(spire_uid_of "$SPIRE_NEXUS_USER" Nexus SPIKE_SPIRE_NEXUS_USER)
keeper_uids=()
for i in 1 2 3; do
  keeper_uids+=("$(spire_uid_of "${SPIRE_KEEPER_USERS[$((i - 1))]}" "Keeper $i" "SPIKE_SPIRE_KEEPER${i}_USER")")
done
pilot_uid=$(spire_uid_of "$SPIRE_PILOT_USER" Pilot SPIKE_SPIRE_PILOT_USER)
spire_require_distinct "Nexus=$nexus_uid" "Keeper 1=${keeper_uids[0]}" "Keeper 2=${keeper_uids[1]}" \
  "Keeper 3=${keeper_uids[2]}" "Pilot=$pilot_uid"

spire_selectors_for "$nexus_uid" "$java"
spire_entry_ensure "$SPIRE_ID_NEXUS"
for i in 1 2 3; do
  spire_selectors_for "${keeper_uids[$((i - 1))]}" "$java"
  spire_entry_ensure "$SPIRE_ID_KEEPER/$i"
done
