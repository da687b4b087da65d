#!/usr/bin/env bash
# Usage: hack/lib/grpc-go-workload-api.sh [--install-only] [OUTPUT]
# Builds the Workload API served by grpc-go that the identity tests run against (the SPIRE agent's gRPC
# stack; source in e2e/src/test/go/workloadapi) into OUTPUT, by default
# e2e/target/grpc-go-workload-api/grpc-go-workload-api, and prints its path. Offline, in GOPATH mode, from
# Debian's golang-go and golang-google-grpc-dev: when they are missing it installs them with apt-get if
# it can (root, or sudo without a password, as in CI), else it says what to install and fails.
# --install-only installs the packages and builds nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

packages=(golang-go golang-google-grpc-dev)
gopath=/usr/share/gocode
source_dir=e2e/src/test/go/workloadapi

have_go() {
  command -v go >/dev/null 2>&1 && [[ -d "$gopath/src/google.golang.org/grpc" ]]
}

if ! have_go; then
  echo "Installing ${packages[*]} for the grpc-go Workload API..." >&2
  sudo=()
  [[ $EUID -eq 0 ]] || sudo=(sudo -n)
  if ! { "${sudo[@]}" apt-get update -qq \
      && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"; } >&2; then
    echo "error: Go and grpc-go are missing and could not be installed (this needs root or sudo without a" \
      "password): apt-get install ${packages[*]}" >&2
    exit 1
  fi
  have_go || { echo "error: ${packages[*]} installed, but go or $gopath/src/google.golang.org/grpc is missing" >&2; exit 1; }
fi
[[ "${1:-}" == --install-only ]] && exit 0

output="${1:-e2e/target/grpc-go-workload-api/grpc-go-workload-api}"
if [[ -x "$output" && "$output" -nt "$source_dir/main.go" ]]; then
  echo "$output"
  exit 0
fi
mkdir -p "$(dirname "$output")"
# Go's build cache lives under HOME; without a usable one (env -i), next to the output.
if [[ -z "${GOCACHE:-}" && ( -z "${HOME:-}" || ! -w "${HOME:-/nonexistent}" ) ]]; then
  GOCACHE="$(cd "$(dirname "$output")" && pwd)/go-cache"
  export GOCACHE
fi
GO111MODULE=off GOPATH="$gopath" GOFLAGS="" go build -o "$output.tmp" "./$source_dir" >&2
mv "$output.tmp" "$output"
echo "$output"
