#!/usr/bin/env bash
# Usage: hack/drill-recovery.sh [--no-build]
# A disaster-recovery drill on a throw-away local stack: write a marker secret, export the shards with
# 'spike operator recover', kill Nexus and every keeper, start them again (Nexus now waits, 503),
# feed the shards back with 'spike operator restore', check the marker, clean up.
# Exits 0 only if every step worked. It picks free ports unless SPIKE_STACK_*_PORT are set.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "${1:-}" in
  --no-build|"") ;;
  -h|--help) sed -n '2,6s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "usage: hack/drill-recovery.sh [--no-build]" >&2; exit 1 ;;
esac

export SPIKE_STACK_DIR="${SPIKE_DRILL_DIR:-$(mktemp -d /tmp/spike-drill.XXXXXX)}"
# shellcheck source=lib/stack.sh
. "$here/lib/stack.sh"
for var in SPIKE_STACK_NEXUS_PORT SPIKE_STACK_KEEPER1_PORT SPIKE_STACK_KEEPER2_PORT SPIKE_STACK_KEEPER3_PORT \
  SPIKE_STACK_NEXUS_HEALTH_PORT SPIKE_STACK_KEEPER1_HEALTH_PORT SPIKE_STACK_KEEPER2_HEALTH_PORT SPIKE_STACK_KEEPER3_HEALTH_PORT; do
  [[ -n "${!var:-}" ]] || export "$var=$(stack_free_port)"
done
# Re-read the port settings now that they are chosen.
# shellcheck source=lib/stack.sh
. "$here/lib/stack.sh"
recovery_dir="$SPIKE_STACK_DIR/recover"

cleanup() {
  local code=$?
  for ((i = ${#STACK_COMPONENTS[@]} - 1; i >= 0; i--)); do
    stack_stop_component "${STACK_COMPONENTS[$i]}" >/dev/null
  done
  if [[ $code -ne 0 ]]; then
    echo "DRILL FAILED; last Nexus log lines:" >&2
    tail -n 20 "$STACK_LOG_DIR/nexus.log" >&2 2>/dev/null || true
  fi
  if [[ -z "${SPIKE_DRILL_KEEP:-}" ]]; then rm -rf "$SPIKE_STACK_DIR"; fi
}
trap cleanup EXIT

step() { echo "==> $*"; }

step "start a local stack in $SPIKE_STACK_DIR"
"$here/stack-start.sh" "$@" >"$SPIKE_STACK_DIR/start.out" 2>&1 || { cat "$SPIKE_STACK_DIR/start.out" >&2; exit 1; }

marker="drill-$(date +%s)-$RANDOM"
step "write the marker secret drill/marker"
stack_spike_as superuser secret put drill/marker "value=$marker" >/dev/null

step "export the shards (recover role) to $recovery_dir"
SPIKE_PILOT_RECOVERY_DIR="$recovery_dir" stack_spike_as recover operator recover >/dev/null
ls "$recovery_dir"/spike.recovery.*.txt >/dev/null

step "kill Nexus and all keepers (SIGKILL)"
for c in nexus keeper-1 keeper-2 keeper-3; do
  pid=$(stack_pid "$c") && kill -9 "$pid"
  rm -f "$STACK_PID_DIR/$c.pid"
done

step "start the keepers and Nexus again: with every shard gone, Nexus must wait"
for i in 1 2 3; do stack_start_keeper "$i"; done
stack_start_nexus
answer=""
for ((i = 0; i < 120; i++)); do
  if answer=$(stack_spike_as superuser secret list 2>&1); then
    echo "error: Nexus is serving without a restore; the drill expected it to wait" >&2; exit 1
  fi
  [[ "$answer" == *"not ready"* ]] && break
  sleep 0.5
done
[[ "$answer" == *"not ready"* ]] || { echo "error: Nexus never answered: $answer" >&2; exit 1; }

step "restore (restore role) from two of the three shard files"
for id in 1 2; do
  stack_spike_as restore operator restore <"$recovery_dir/spike.recovery.$id.txt"
done

step "check the marker"
stack_wait_ready 60 || { echo "error: Nexus is not ready after the restore" >&2; exit 1; }
got=$(stack_spike_as superuser secret get drill/marker value)
if [[ "$got" != "$marker" ]]; then
  echo "error: marker mismatch: expected $marker, got $got" >&2
  exit 1
fi
echo "Recovery drill passed: the marker survived a total loss of Nexus and keepers."
