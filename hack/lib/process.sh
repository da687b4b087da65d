# shellcheck shell=bash
# Shared by hack/lib/stack.sh and hack/spire/lib/spire.sh.

# Stops process $1: SIGTERM (so it shuts down cleanly), then SIGKILL if it still runs after 5 s.
process_stop() {
  local pid="$1" i
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  return 0
}
