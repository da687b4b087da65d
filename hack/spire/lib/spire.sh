# shellcheck shell=bash
# Sourced by the hack/spire/*.sh scripts: where the local SPIRE deployment lives, the SPIFFE IDs and
# selectors SPIKE's programs are registered with, and a dry-run mode that prints every spire-server and
# spire-agent command instead of running it. docs/spire.md explains the choices made here.
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file

SPIRE_HACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPIKE_REPO="$(cd "$SPIRE_HACK_DIR/../.." && pwd)"
# shellcheck source=../../lib/process.sh
. "$SPIKE_REPO/hack/lib/process.sh"
SPIKE_DIST="$SPIKE_REPO/dist"

SPIRE_DIR="${SPIKE_SPIRE_DIR:-$SPIKE_REPO/.spire}"
SPIRE_TRUST_DOMAIN="${SPIKE_SPIRE_TRUST_DOMAIN:-spike.ist}"
SPIRE_SERVER_ADDRESS="${SPIKE_SPIRE_SERVER_ADDRESS:-127.0.0.1}"
SPIRE_SERVER_PORT="${SPIKE_SPIRE_SERVER_PORT:-8081}"
SPIRE_LOG_LEVEL="${SPIKE_SPIRE_LOG_LEVEL:-INFO}"
SPIRE_SERVER_DATA_DIR="$SPIRE_DIR/server"
SPIRE_AGENT_DATA_DIR="$SPIRE_DIR/agent"
SPIRE_SERVER_SOCKET="${SPIKE_SPIRE_SERVER_SOCKET:-$SPIRE_SERVER_DATA_DIR/private/api.sock}"
SPIRE_AGENT_SOCKET="${SPIKE_SPIRE_AGENT_SOCKET:-$SPIRE_AGENT_DATA_DIR/public/api.sock}"
SPIRE_LOG_DIR="$SPIRE_DIR/logs"
SPIRE_PID_DIR="$SPIRE_DIR/pids"

# The node alias every SPIKE entry hangs under: spire-agent-start.sh asks for a join token with this
# extra SPIFFE ID, so the SPIRE server maps the attested agent to it.
SPIRE_AGENT_ID="spiffe://$SPIRE_TRUST_DOMAIN/spire-agent"
SPIRE_ID_NEXUS="spiffe://$SPIRE_TRUST_DOMAIN/spike/nexus"
# Keeper i is spiffe://<td>/spike/keeper/i: Nexus binds each keeper URL to its keeper's ID (ADR-0014).
SPIRE_ID_KEEPER="spiffe://$SPIRE_TRUST_DOMAIN/spike/keeper"
SPIRE_ID_BOOTSTRAP="spiffe://$SPIRE_TRUST_DOMAIN/spike/bootstrap"
SPIRE_PILOT_ROLES=(superuser recover restore)

# Which OS account each program runs as. The unix workload attestor sees the JVM, not our jar, so the
# account is what tells Nexus, Keeper and Pilot apart (see docs/spire.md, "Selectors").
SPIRE_NEXUS_USER="${SPIKE_SPIRE_NEXUS_USER:-spike-nexus}"
# One account per keeper: the account is what gives each keeper its own ID.
SPIRE_KEEPER_USERS=("${SPIKE_SPIRE_KEEPER1_USER:-spike-keeper-1}" "${SPIKE_SPIRE_KEEPER2_USER:-spike-keeper-2}"
  "${SPIKE_SPIRE_KEEPER3_USER:-spike-keeper-3}")
SPIRE_BOOTSTRAP_USER="${SPIKE_SPIRE_BOOTSTRAP_USER:-spike-bootstrap}"
SPIRE_PILOT_USER="${SPIKE_SPIRE_PILOT_USER:-$(id -un)}"

# A failure inside $(...) stops the script too.
shopt -s inherit_errexit

# The "spire" file descriptor: dry-run lines go to the original stdout even inside $(...).
exec {SPIRE_OUT}>&1

spire_die() {
  echo "error: $*" >&2
  exit 1
}

spire_is_dry_run() {
  [[ "${SPIKE_DRY_RUN:-0}" == 1 || "${SPIKE_DRY_RUN:-}" == true ]]
}

# Prints the leading comment block of the running script (its usage text).
spire_usage() {
  sed -n '2,/^[^#]/{/^# shellcheck/d;/^#/s/^# \{0,1\}//p}' "$0"
}

spire_bad_usage() {
  echo "error: $1" >&2
  sed -n '2s/^# \{0,1\}//p' "$0" >&2
  exit 2
}

# Handles the options every script has (--dry-run, -h/--help); fails on anything else.
spire_parse_common_args() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --dry-run) SPIKE_DRY_RUN=1 ;;
      -h | --help) spire_usage; exit 0 ;;
      *) spire_bad_usage "unknown argument: $1" ;;
    esac
    shift
  done
  export SPIKE_DRY_RUN="${SPIKE_DRY_RUN:-0}"
}

# Prints "DRY-RUN: <command>" (each word shell-quoted) to the spire descriptor.
spire_print_command() {
  local line="DRY-RUN:" word
  for word in "$@"; do line+=" $(printf '%q' "$word")"; done
  echo "$line" >&"$SPIRE_OUT"
}

# An informational line; in dry-run mode marked as what would have happened.
spire_note() {
  if spire_is_dry_run; then echo "(dry run) $*"; else echo "$*"; fi
}

# The selectors in SPIRE_SELECTORS, without the -selector flags.
spire_selector_text() {
  local i text=""
  for ((i = 1; i < ${#SPIRE_SELECTORS[@]}; i += 2)); do text+="${text:+ }${SPIRE_SELECTORS[$i]}"; done
  echo "$text"
}

# Runs a command that changes something, or only prints it in dry-run mode.
spire_run() {
  if spire_is_dry_run; then
    spire_print_command "$@"
    return 0
  fi
  "$@"
}

# Runs a command whose output the caller needs; in dry-run mode prints it and outputs $1 instead.
spire_query() {
  local placeholder="$1"; shift
  if spire_is_dry_run; then
    spire_print_command "$@"
    [[ -n "$placeholder" ]] && echo "$placeholder"
    return 0
  fi
  "$@"
}

# spire-server <sub> <command> with the server's API socket: spire_server entry create -spiffeID ...
spire_server() {
  local group="$1" command="$2"; shift 2
  spire_run spire-server "$group" "$command" -socketPath "$SPIRE_SERVER_SOCKET" "$@"
}

spire_server_query() {
  local placeholder="$1" group="$2" command="$3"; shift 3
  spire_query "$placeholder" spire-server "$group" "$command" -socketPath "$SPIRE_SERVER_SOCKET" "$@"
}

# Fails with installation advice unless every named SPIRE binary is on PATH (not needed for a dry run).
spire_require_tools() {
  local tool missing=()
  spire_is_dry_run && return 0
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  cat >&2 <<MSG
error: ${missing[*]} not found on PATH.
       These scripts drive SPIRE (the SPIFFE reference implementation); install it first:
         - download a SPIRE release (1.9 or newer) for linux-amd64 from https://spiffe.io/downloads/
           or build it from https://github.com/spiffe/spire (make build), and
         - put the spire-server and spire-agent binaries from its bin/ on PATH (e.g. /usr/local/bin).
       No Debian or Maven package provides SPIRE.
       To see what would be run without SPIRE, add --dry-run (or set SPIKE_DRY_RUN=1).
       For a local stack without SPIRE, use hack/stack-start.sh (the dev identity provider).
MSG
  exit 1
}

# The uid for a user name or number; in dry-run mode a placeholder when the user does not exist.
spire_uid_of() {
  local who="$1" what="$2"
  if [[ "$who" =~ ^[0-9]+$ ]]; then
    echo "$who"
  elif id -u "$who" >/dev/null 2>&1; then
    id -u "$who"
  elif spire_is_dry_run; then
    echo "UID-OF-$who"
  else
    spire_die "the $what account '$who' does not exist. Create it (as root):
         useradd --system --no-create-home --shell /usr/sbin/nologin $who
       or point ${3:-the matching SPIKE_SPIRE_*_USER variable} at an existing account."
  fi
}

# The java executable SPIKE's programs run on, as the kernel reports it in /proc/PID/exe (symlinks
# resolved): the launchers in dist/bin exec it, so this is the workload path SPIRE sees.
spire_java_executable() {
  local java
  if [[ -n "${SPIKE_SPIRE_JAVA:-}" ]]; then
    java="$SPIKE_SPIRE_JAVA"
  else
    # shellcheck source=../../lib/find-java.sh
    . "$SPIKE_REPO/hack/lib/find-java.sh"
    if ! spike_find_java 2>/dev/null; then
      if spire_is_dry_run; then
        echo "/path/to/jdk/bin/java"
        return 0
      fi
      spike_find_java >&2 || exit 1 # prints the advice
    fi
    java="$SPIKE_JAVA_HOME/bin/java"
  fi
  if [[ -e "$java" ]]; then
    readlink -f "$java"
  elif spire_is_dry_run; then
    echo "$java"
  else
    spire_die "$java does not exist (SPIKE_SPIRE_JAVA must name the java executable the programs run on)"
  fi
}

# Fills SPIRE_SELECTORS with the -selector arguments for a program run by uid $1 on executable $2.
# unix:sha256 is added only with SPIKE_SPIRE_SHA256_SELECTOR=1: it is the digest of the java launcher
# binary, so it pins the JDK build, not SPIKE's code.
spire_selectors_for() {
  local uid="$1" exe="$2" digest
  SPIRE_SELECTORS=(-selector "unix:uid:$uid" -selector "unix:path:$exe")
  if [[ "${SPIKE_SPIRE_SHA256_SELECTOR:-0}" == 1 ]]; then
    if [[ -r "$exe" ]]; then
      digest=$(sha256sum "$exe" | cut -d' ' -f1)
    elif spire_is_dry_run; then
      digest="SHA256-OF-$(basename "$exe")"
    else
      spire_die "cannot read $exe to compute its sha256"
    fi
    SPIRE_SELECTORS+=(-selector "unix:sha256:$digest")
  fi
}

# The IDs of entries with SPIFFE ID $1 and (at least) the selectors in SPIRE_SELECTORS, one per line.
# In dry-run mode the query is printed and a placeholder ID stands for what it would find.
spire_entry_ids() {
  local spiffe_id="$1" output
  output=$(spire_server_query "entry-id-of-${spiffe_id##*/}" entry show -spiffeID "$spiffe_id" \
    -parentID "$SPIRE_AGENT_ID" "${SPIRE_SELECTORS[@]}") || spire_die "spire-server entry show failed"
  if spire_is_dry_run; then
    echo "$output"
  else
    awk -F': *' '/^Entry ID/ { print $2 }' <<<"$output"
  fi
}

# Creates the entry SPIFFE ID $1 with SPIRE_SELECTORS under the agent alias, unless it exists already.
spire_entry_ensure() {
  local spiffe_id="$1" existing=""
  spire_is_dry_run || existing=$(spire_entry_ids "$spiffe_id")
  if [[ -n "$existing" ]]; then
    spire_note "entry for $spiffe_id exists already ($existing)"
    return 0
  fi
  spire_server entry create -parentID "$SPIRE_AGENT_ID" -spiffeID "$spiffe_id" "${SPIRE_SELECTORS[@]}" >/dev/null \
    || spire_die "spire-server entry create failed for $spiffe_id"
  spire_note "registered $spiffe_id ($(spire_selector_text))"
}

# Deletes every entry for SPIFFE ID $1 that has the selectors in SPIRE_SELECTORS.
spire_entry_remove() {
  local spiffe_id="$1" ids id
  ids=$(spire_entry_ids "$spiffe_id")
  while IFS= read -r id; do
    [[ -n "$id" ]] || continue
    spire_server entry delete -entryID "$id" >/dev/null || spire_die "spire-server entry delete failed for $id"
    spire_note "deleted entry $id ($spiffe_id)"
  done <<<"$ids"
}

spire_pilot_id() {
  echo "spiffe://$SPIRE_TRUST_DOMAIN/spike/pilot/role/$1"
}

# Refuses accounts that would give two programs the same selectors: SPIRE would then hand every
# matching SVID to both, and a program could start as the wrong identity.
spire_require_distinct() {
  local -A seen=()
  local pair name uid
  for pair in "$@"; do
    name="${pair%%=*}" uid="${pair#*=}"
    [[ "$uid" =~ ^[0-9]+$ ]] || continue
    if [[ -n "${seen[$uid]:-}" ]]; then
      spire_die "$name and ${seen[$uid]} would run as the same uid $uid, so SPIRE could not tell them apart.
       Give each program its own account (SPIKE_SPIRE_NEXUS_USER, SPIKE_SPIRE_KEEPER1_USER..3,
       SPIKE_SPIRE_PILOT_USER, SPIKE_SPIRE_BOOTSTRAP_USER); see docs/spire.md."
    fi
    seen[$uid]="$name"
  done
}

# Switches the Pilot entry (the operator's account on the JVM) to role $1: deletes the entries of the
# other Pilot roles for those selectors, then creates this role's entry if it is not there yet.
spire_pilot_switch_role() {
  local role="$1" other java pilot_uid
  java=$(spire_java_executable)
  pilot_uid=$(spire_uid_of "$SPIRE_PILOT_USER" "Pilot" SPIKE_SPIRE_PILOT_USER)
  spire_check_pilot_is_alone "$pilot_uid"
  spire_selectors_for "$pilot_uid" "$java"
  for other in "${SPIRE_PILOT_ROLES[@]}"; do
    [[ "$other" == "$role" ]] || spire_entry_remove "$(spire_pilot_id "$other")"
  done
  spire_entry_ensure "$(spire_pilot_id "$role")"
}

# The Pilot account must not be the Nexus or a keeper account (checked when those accounts exist).
spire_check_pilot_is_alone() {
  local pilot_uid="$1"
  local pairs=("Pilot=$pilot_uid")
  id -u "$SPIRE_NEXUS_USER" >/dev/null 2>&1 && pairs+=("Nexus=$(id -u "$SPIRE_NEXUS_USER")")
  local i
  for i in 1 2 3; do
    id -u "${SPIRE_KEEPER_USERS[$((i - 1))]}" >/dev/null 2>&1 \
      && pairs+=("Keeper $i=$(id -u "${SPIRE_KEEPER_USERS[$((i - 1))]}")")
  done
  spire_require_distinct "${pairs[@]}"
}

# Replaces every @NAME@ in template $1 with the value of NAME=value arguments; writes the result to $2.
spire_render() {
  local template="$1" target="$2" text pair; shift 2
  text=$(<"$template")
  for pair in "$@"; do
    text="${text//@${pair%%=*}@/"${pair#*=}"}"
  done
  if [[ "$text" =~ @[A-Z_]+@ ]]; then
    spire_die "$template: placeholder ${BASH_REMATCH[0]} was not filled"
  fi
  if spire_is_dry_run; then
    echo "would write $target from $template" >&2
  else
    (umask 077 && printf '%s\n' "$text" >"$target")
  fi
}

spire_pid() { # prints the pid of a running component started by these scripts, or fails
  local file="$SPIRE_PID_DIR/$1.pid" pid
  [[ -r "$file" ]] || return 1
  pid=$(<"$file")
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Starts "$@" in the background with its output in the component's log, and records its pid.
spire_spawn() {
  local name="$1"; shift
  if spire_is_dry_run; then
    spire_print_command "$@"
    return 0
  fi
  mkdir -p "$SPIRE_LOG_DIR" "$SPIRE_PID_DIR"
  chmod 700 "$SPIRE_LOG_DIR" "$SPIRE_PID_DIR"
  nohup "$@" >>"$SPIRE_LOG_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$SPIRE_PID_DIR/$name.pid"
}

# Retries "$@" (quietly) every half second for up to $1 seconds; in dry-run mode prints it once.
spire_wait_until() {
  local seconds="$1" i; shift
  if spire_is_dry_run; then
    spire_print_command "$@"
    return 0
  fi
  for ((i = 0; i < seconds * 2; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

spire_stop_component() {
  local name="$1" pid
  pid=$(spire_pid "$name") || { rm -f "$SPIRE_PID_DIR/$name.pid"; return 0; }
  if spire_is_dry_run; then
    spire_print_command kill "$pid"
    return 0
  fi
  process_stop "$pid"
  rm -f "$SPIRE_PID_DIR/$name.pid"
  echo "stopped $name (pid $pid)"
}
