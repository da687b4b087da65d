# shellcheck shell=bash
# Carries the local stack's data across hack/stack-stop.sh and hack/stack-start.sh. The keepers hold the
# root key's shards in memory only, so a stop loses them: stack-stop exports them first with
# 'spike operator recover' (the recover identity) and stack-start feeds them back with
# 'spike operator restore' (the restore identity), the break-glass path of docs/operations.md
# (ADR-0010). The shard files are the root key: this is for a development stack only. Needs lib/stack.sh.
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file

STACK_RECOVERY_DIR="$SPIKE_STACK_DIR/recovery"

stack_has_store() {
  [[ -e "$STACK_DATA_DIR/spike.db" ]]
}

# Prints the shard files of $STACK_RECOVERY_DIR, one a line, in id order; fails when there is none.
stack_shard_files() {
  local files
  files=$(find "$STACK_RECOVERY_DIR" -maxdepth 1 -type f -name 'spike.recovery.*.txt' 2>/dev/null | sort -V)
  [[ -n "$files" ]] && echo "$files"
}

stack_delete_shard_files() {
  local file
  while IFS= read -r file; do rm -f "$file"; done < <(stack_shard_files || true)
  rmdir "$STACK_RECOVERY_DIR" 2>/dev/null || true
}

# Called by stack-stop while Nexus still runs. Never fails: the stack stops either way.
stack_export_shards() {
  local answer
  stack_has_store || return 0
  if stack_pid nexus >/dev/null && stack_pid identity >/dev/null; then
    if answer=$(SPIKE_PILOT_RECOVERY_DIR="$STACK_RECOVERY_DIR" stack_spike_as recover operator recover 2>&1); then
      echo "Exported the root key's recovery shards to $STACK_RECOVERY_DIR (0600 files, 0700 directory) for the next start; development only: whoever reads them reads every secret."
      return 0
    fi
    answer=${answer##*$'\n'}
    echo "Nexus did not export its recovery shards: ${answer#Error: }"
  else
    echo "Nexus or the identity provider is not running, so no recovery shards were exported."
  fi
  if stack_shard_files >/dev/null; then
    echo "The recovery shards already in $STACK_RECOVERY_DIR stay for the next start."
  else
    echo "The next hack/stack-start.sh cannot read the secrets in $STACK_DATA_DIR (hack/stack-stop.sh --purge starts over)."
  fi
}

# Called by stack-start before anything starts: with a store but no shards to restore it from, the
# keepers (about to start empty) cannot give Nexus its key, so say so now rather than wait for it.
stack_check_recoverable() {
  stack_has_store || return 0
  stack_shard_files >/dev/null && return 0
  echo "error: $STACK_DATA_DIR holds secrets from an earlier run, but $STACK_RECOVERY_DIR has no recovery shards, so its root key is gone." >&2
  echo "       Copy recovery shard files (spike.recovery.<id>.txt) there and run this again, or start over: hack/stack-stop.sh --purge && hack/stack-start.sh" >&2
  return 1
}

# Called by stack-start once Nexus runs: waits until it answers, then feeds it shard files, one per
# 'spike operator restore', until it has its root key back.
stack_restore_shards() {
  local answer file deadline=$((SECONDS + 60))
  echo "Restoring the root key from the recovery shards in $STACK_RECOVERY_DIR (restore identity)..."
  while true; do
    answer=$(stack_spike_as superuser secret list 2>&1) && return 0 # the keepers knew the key after all
    [[ "$answer" == *"not ready"* ]] && break
    if ! stack_pid nexus >/dev/null || ((SECONDS >= deadline)); then
      echo "error: Nexus did not come up to take the recovery shards; see $STACK_LOG_DIR/nexus.log" >&2
      return 1
    fi
    sleep 0.5
  done
  while IFS= read -r file; do
    if ! answer=$(stack_spike_as restore operator restore <"$file" 2>&1); then
      answer=${answer##*$'\n'}
      echo "error: restore from $file: ${answer#Error: }" >&2
      echo "       Its secrets cannot be read without matching shards; start over: hack/stack-stop.sh --purge && hack/stack-start.sh" >&2
      return 1
    fi
    [[ "$answer" == *"restored and ready"* ]] && return 0
  done < <(stack_shard_files)
  echo "error: the recovery shards in $STACK_RECOVERY_DIR are too few to rebuild the root key." >&2
  echo "       Add the missing spike.recovery.<id>.txt files and run this again, or start over: hack/stack-stop.sh --purge && hack/stack-start.sh" >&2
  return 1
}
