#!/usr/bin/env bash
# Usage: hack/stack-stop.sh [--purge]
# Stops the local stack started by hack/stack-start.sh. First, while Nexus still holds its root key, it
# exports the key's recovery shards to .stack/recovery so that the next start can read the store
# (development only). --purge deletes the data, the shards and the logs instead.
set -euo pipefail
# shellcheck source=lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"
# shellcheck source=lib/stack-recovery.sh
. "$SPIKE_REPO/hack/lib/stack-recovery.sh"
purge=false
case "${1:-}" in
  --purge) purge=true ;;
  "") ;;
  -h|--help) sed -n '2,5s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "usage: hack/stack-stop.sh [--purge]" >&2; exit 1 ;;
esac
$purge || stack_export_shards
for ((i = ${#STACK_COMPONENTS[@]} - 1; i >= 0; i--)); do
  stack_stop_component "${STACK_COMPONENTS[$i]}"
done
if $purge; then
  rm -rf "$SPIKE_STACK_DIR"
  echo "deleted $SPIKE_STACK_DIR"
fi
