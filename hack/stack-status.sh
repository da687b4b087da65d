#!/usr/bin/env bash
# Usage: hack/stack-status.sh
# Shows which processes of the local stack are running. Exits 0 when all are, 1 otherwise.
set -euo pipefail
# shellcheck source=lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"
all=0
for c in "${STACK_COMPONENTS[@]}"; do
  if pid=$(stack_pid "$c"); then
    printf '%-10s running (pid %s)\n' "$c" "$pid"
  else
    printf '%-10s stopped\n' "$c"; all=1
  fi
done
exit "$all"
