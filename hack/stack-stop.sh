#!/usr/bin/env bash
# Usage: hack/stack-stop.sh [--purge]
# Stops the local stack started by hack/stack-start.sh. --purge also deletes its data and logs.
set -euo pipefail
# shellcheck source=lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"
purge=false
case "${1:-}" in
  --purge) purge=true ;;
  "") ;;
  *) echo "usage: hack/stack-stop.sh [--purge]" >&2; exit 1 ;;
esac
for ((i = ${#STACK_COMPONENTS[@]} - 1; i >= 0; i--)); do
  stack_stop_component "${STACK_COMPONENTS[$i]}"
done
if $purge; then
  rm -rf "$SPIKE_STACK_DIR"
  echo "deleted $SPIKE_STACK_DIR"
elif [[ -e "$STACK_DATA_DIR/spike.db" ]]; then
  echo "The database stays in $STACK_DATA_DIR, but the keepers' shards are gone with them: a new start"
  echo "needs 'spike operator restore' with recovery shards. hack/stack-stop.sh --purge starts over."
fi
