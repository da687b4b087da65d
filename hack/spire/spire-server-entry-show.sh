#!/usr/bin/env bash
# Usage: hack/spire/spire-server-entry-show.sh [--dry-run]
# Lists the SPIRE Server's registration entries (spire-server entry show).
# With --dry-run (or SPIKE_DRY_RUN=1) it prints the spire-server command instead of running it.
set -euo pipefail
# shellcheck source=lib/spire.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/spire.sh"
spire_parse_common_args "$@"
spire_require_tools spire-server
spire_server entry show
