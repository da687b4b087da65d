# shellcheck shell=bash
# Sourced by the dist/bin launchers: spike_launch JAR [JVM options...] -- [program args...]
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=/dev/null
. "$here/find-java.sh"

spike_launch() {
  local jar="$1"; shift
  local jvm_opts=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do jvm_opts+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  spike_find_java || exit 1
  # FIPS approved-only mode must hold from the first class loaded, before any code reads the variable.
  if [[ "${SPIKE_FIPS_MODE:-}" =~ ^[Tt][Rr][Uu][Ee]$ ]]; then
    jvm_opts+=(-Dorg.bouncycastle.fips.approved_only=true)
  fi
  # SPIKE_JAVA_OPTS lets an operator add or override JVM options (heap size, for instance).
  # shellcheck disable=SC2086
  exec "$SPIKE_JAVA_HOME/bin/java" "${SPIKE_JVM_FLAGS[@]}" "${jvm_opts[@]}" ${SPIKE_JAVA_OPTS:-} \
    -jar "$here/../lib/$jar" "$@"
}
