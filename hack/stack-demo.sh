#!/usr/bin/env bash
# Usage: hack/stack-demo.sh
# Runs the demo workload against the running local stack (start it with hack/stack-start.sh): grants
# the workload spiffe://<trust domain>/workload/demo read and write on tenants/demo/db/ with a policy,
# then runs dist/bin/spike-demo with that identity, which writes and reads tenants/demo/db/creds.
set -euo pipefail
# shellcheck source=lib/stack.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/stack.sh"
case "${1:-}" in
  "") ;;
  -h|--help) sed -n '2,5s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "usage: hack/stack-demo.sh" >&2; exit 1 ;;
esac
stack_pid nexus >/dev/null || { echo "error: no local stack is running; start it with hack/stack-start.sh" >&2; exit 1; }

td_pattern="${STACK_TRUST_DOMAIN//./\\.}"
echo "==> spike policy apply: the demo workload may read and write tenants/demo/db/..."
stack_spike_as superuser policy apply --name demo-workload-rw \
  --spiffeid-pattern "^spiffe://$td_pattern/workload/demo\$" \
  --path-pattern '^tenants/demo/db/.*$' --permissions read,write
echo "==> spike-demo (as spiffe://$STACK_TRUST_DOMAIN/workload/demo)"
env "${STACK_TRUST_ROOTS[@]}" SPIFFE_ENDPOINT_SOCKET="$(stack_socket demo)" \
  SPIKE_NEXUS_API_URL="https://localhost:$STACK_NEXUS_PORT" "$SPIKE_DIST/bin/spike-demo"
