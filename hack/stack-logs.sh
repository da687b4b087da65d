#!/usr/bin/env bash
# Usage: hack/stack-logs.sh [-f] [identity|keeper-1|keeper-2|keeper-3|nexus]
# Prints the local stack's logs (all of them, or one component's); -f follows them.
set -euo pipefail
# shellcheck source=lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"
follow=()
if [[ "${1:-}" == "-f" ]]; then follow=(-f); shift; fi
if [[ $# -gt 1 ]]; then echo "usage: hack/stack-logs.sh [-f] [component]" >&2; exit 1; fi
files=()
if [[ $# -eq 1 ]]; then
  files=("$STACK_LOG_DIR/$1.log")
else
  for c in "${STACK_COMPONENTS[@]}"; do [[ -e "$STACK_LOG_DIR/$c.log" ]] && files+=("$STACK_LOG_DIR/$c.log"); done
fi
[[ ${#files[@]} -gt 0 && -e "${files[0]}" ]] || { echo "no logs under $STACK_LOG_DIR" >&2; exit 1; }
exec tail -n 200 "${follow[@]}" "${files[@]}"
