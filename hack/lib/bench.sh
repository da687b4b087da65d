# shellcheck shell=bash
# Shared by the hack/bench-*.sh scripts: a throw-away local stack of their own (never the .stack of
# hack/stack-start.sh), and curl speaking mTLS to its Nexus as the Pilot superuser.
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file

# bench_stack_env DIR PORT_BASE: where the stack lives and its ports (Nexus PORT_BASE+553, keepers +443,
# +543, +643), no health listeners; the identity provider also writes SVID files, for curl. Then sources lib/stack.sh.
bench_stack_env() {
  export SPIKE_STACK_DIR="$1"
  export SPIKE_STACK_NEXUS_PORT="$(($2 + 553))"
  export SPIKE_STACK_KEEPER1_PORT="$(($2 + 443))"
  export SPIKE_STACK_KEEPER2_PORT="$(($2 + 543))"
  export SPIKE_STACK_KEEPER3_PORT="$(($2 + 643))"
  export SPIKE_STACK_SVID_FILES=true
  # No health listeners: the benchmarks measure what they measured before them.
  export SPIKE_STACK_NEXUS_HEALTH_PORT=off SPIKE_STACK_KEEPER1_HEALTH_PORT=off SPIKE_STACK_KEEPER2_HEALTH_PORT=off \
    SPIKE_STACK_KEEPER3_HEALTH_PORT=off
  # shellcheck source=stack.sh
  . "$(dirname "${BASH_SOURCE[0]}")/stack.sh"
}

# Installs hyperfine with apt-get when it is missing and that is possible.
bench_need_hyperfine() {
  command -v hyperfine >/dev/null && return 0
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing hyperfine..." >&2
    apt-get install -y hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y hyperfine >/dev/null; }
  else
    echo "error: hyperfine is missing (apt-get install hyperfine, or cargo install hyperfine)" >&2
    return 1
  fi
}

bench_need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install $tool)" >&2; return 1; }
  done
}

BENCH_STARTED_STACK=false
BENCH_KEEP_STACK=false

# Starts the stack with a fresh store unless one runs in SPIKE_STACK_DIR already; bench_stack_down
# stops it again if it was started here (and --keep was not given). Sources the stack's env file.
bench_stack_up() {
  [[ -x "$SPIKE_DIST/bin/spike" ]] || { echo "error: no build in $SPIKE_DIST; run ./mvnw -B -ntp -DskipTests package" >&2; return 1; }
  if ! stack_pid nexus >/dev/null; then
    "$SPIKE_REPO/hack/stack-stop.sh" >/dev/null # whatever is left of an earlier run
    # A fresh store: new keepers would not hold the shards of an old one.
    rm -rf "$STACK_DATA_DIR"
    BENCH_STARTED_STACK=true
    "$SPIKE_REPO/hack/stack-start.sh" --no-build >/dev/null
  fi
  # shellcheck source=/dev/null
  . "$SPIKE_STACK_DIR/env"
  [[ -r "$STACK_IDENTITY_DIR/svid/superuser/svid.pem" ]] || {
    echo "error: no SVID files in $STACK_IDENTITY_DIR/svid; stop that stack (SPIKE_STACK_DIR=$SPIKE_STACK_DIR hack/stack-stop.sh) and run again" >&2
    return 1
  }
}

bench_stack_down() {
  if $BENCH_STARTED_STACK && ! $BENCH_KEEP_STACK; then "$SPIKE_REPO/hack/stack-stop.sh" >/dev/null; fi
}

# Sets BENCH_CURL to a curl command line (one string, quoted for a shell: hyperfine -N and bash -c split
# it alike) that POSTs $2 to the path $1 of Nexus as the Pilot superuser and fails on an HTTP error.
#
# The server's SVID carries only a SPIFFE ID, no DNS name, so curl's hostname check cannot pass, and
# curl has no flag that skips it alone: -k skips it and the chain check. So openssl first checks
# Nexus's certificate chain against the trust bundle, and curl then accepts only that certificate's
# key (--pinnedpubkey): it still talks to nothing else, and the chain check it skips is microseconds.
bench_curl() {
  local svid="$STACK_IDENTITY_DIR/svid/superuser" pin=""
  pin=$(openssl s_client -connect "localhost:$STACK_NEXUS_PORT" -CAfile "$svid/svid_bundle.pem" \
    -verify_return_error -cert "$svid/svid.pem" -key "$svid/svid_key.pem" </dev/null 2>/dev/null \
    | openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary \
    | openssl base64 -A) || pin=""
  [[ -n "$pin" ]] || { echo "error: Nexus's certificate did not verify against the trust bundle" >&2; return 1; }
  BENCH_CURL="curl -sS -f -k --pinnedpubkey sha256//$pin --cert $svid/svid.pem --key $svid/svid_key.pem"
  BENCH_CURL+=" -X POST -d '$2' https://localhost:$STACK_NEXUS_PORT$1"
}

bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
