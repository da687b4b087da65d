#!/usr/bin/env bash
# Usage: hack/lib/promtool.sh [--install-only]
# Finds promtool, which checks and unit-tests the alert rules in docs/monitoring (e2e AlertRulesTest), and
# prints its path. When it is missing it installs Debian's prometheus package with apt-get if it can (root,
# or sudo without a password, as in CI), else it says what to install and fails. The package ships a
# Prometheus server too: a policy-rc.d that forbids starting services keeps the install from starting it,
# and it is disabled at boot, so nothing but the tool is left behind.
# --install-only installs the package and prints nothing.
set -euo pipefail

package=prometheus
policy=/usr/sbin/policy-rc.d

promtool_path() {
  command -v promtool 2>/dev/null
}

sudo=()
[[ $EUID -eq 0 ]] || sudo=(sudo -n)

# Until the install ends, services may not start (exit 101 is policy-rc.d's "action forbidden"); an existing
# policy, such as the one Docker images carry, stays as it is.
forbid_service_starts() {
  [[ -e "$policy" ]] && return 0
  trap '"${sudo[@]}" rm -f "$policy"' EXIT
  printf '#!/bin/sh\n# hack/lib/promtool.sh: no service starts while it installs %s\nexit 101\n' "$package" \
    | "${sudo[@]}" tee "$policy" >/dev/null \
    && "${sudo[@]}" chmod 755 "$policy"
}

# Called as an if condition, where set -e does not apply: every step is chained.
install_promtool() {
  echo "Installing $package for promtool..." >&2
  forbid_service_starts \
    && "${sudo[@]}" apt-get update -qq \
    && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" \
    || return 1
  # Not started now, and not at the next boot either (best effort: the tool is what the tests need).
  "${sudo[@]}" update-rc.d "$package" disable >/dev/null 2>&1 || true
  if [[ -d /run/systemd/system ]]; then
    "${sudo[@]}" systemctl disable --now "$package.service" >/dev/null 2>&1 || true
  fi
}

if ! promtool_path >/dev/null; then
  if ! install_promtool >&2; then
    echo "error: promtool is missing and could not be installed (this needs root or sudo without a" \
      "password): apt-get install --no-install-recommends $package" >&2
    exit 1
  fi
  promtool_path >/dev/null || { echo "error: $package installed, but promtool is not on PATH" >&2; exit 1; }
fi
[[ "${1:-}" == --install-only ]] && exit 0
promtool_path
