# shellcheck shell=bash
# Sourced by the dist/bin launchers:
#   spike_launch JAR [--aot NAME] [--also JAR2 MAIN_CLASS] [JVM options...] -- [program args...]
# (--aot NAME: use the ahead-of-time cache lib/NAME.aot rather than the one named after the jar;
#  --also JAR2 MAIN_CLASS: append lib/JAR2 and its manifest's class path to JAR's, and run MAIN_CLASS)
# This directory, found without starting a process (the launchers run on every spike command).
here="${BASH_SOURCE[0]%/*}"
[[ "$here" == "${BASH_SOURCE[0]}" ]] && here=.
[[ "$here" == /* ]] || here="$PWD/$here"
# shellcheck source=/dev/null
. "$here/find-java.sh"

# Sets SPIKE_JAVA_RUNTIME_VERSION to the JDK's full version (JAVA_RUNTIME_VERSION in its release file,
# e.g. 25.0.3+9-LTS), read without starting a JVM or another process; empty if the file does not say.
spike_java_runtime_version() {
  local line
  SPIKE_JAVA_RUNTIME_VERSION=""
  [[ -r "$SPIKE_JAVA_HOME/release" ]] || return 0
  while IFS= read -r line; do
    if [[ "$line" == JAVA_RUNTIME_VERSION=* ]]; then
      line=${line#JAVA_RUNTIME_VERSION=}
      line=${line#\"}
      SPIKE_JAVA_RUNTIME_VERSION=${line%\"}
      return 0
    fi
  done <"$SPIKE_JAVA_HOME/release"
}

# Sets aot_opts to the options that make the JVM use the ahead-of-time cache lib/$1.aot (made by
# distribution/src/aot/train.sh), or to nothing. The cache holds the classes the
# program loaded and linked in a training run, so they need not be found, parsed and verified again;
# it fits only the JDK build that made it (recorded next to it in NAME.aot.jdk), so with another JDK, a
# JDK older than 25, or SPIKE_AOT=off, the JVM starts without it.
spike_aot_options() {
  local cache="$here/../lib/$1.aot" stamp=""
  aot_opts=()
  [[ "${SPIKE_AOT:-on}" != off && "$SPIKE_JAVA_MAJOR" -ge 25 && -r "$cache" && -r "$cache.jdk" ]] || return 0
  IFS= read -r stamp <"$cache.jdk" || true
  spike_java_runtime_version
  [[ -n "$stamp" && "$stamp" == "$SPIKE_JAVA_RUNTIME_VERSION" ]] || return 0
  # The JVM still checks the cache (jar files, options) and runs without it if they differ. It would
  # say so on stdout, which would corrupt the CLI's output: keep it quiet.
  aot_opts=("-XX:AOTCache=$cache" -Xlog:aot=off)
}

# The JVM decodes arguments, variables and file names in the locale's charset, which is ASCII when no
# locale is set (cron, systemd units, env -i, most container images): a non-ASCII file name could not be
# opened. SPIKE's programs speak UTF-8 whatever the locale, so a locale that is not UTF-8 becomes C.UTF-8.
spike_utf8_locale() {
  local effective="${LC_ALL:-${LC_CTYPE:-${LANG:-}}}"
  [[ "$effective" =~ \.([Uu][Tt][Ff]-?8)(@.*)?$ ]] || export LC_ALL=C.UTF-8
}

# Bouncy Castle FIPS copies its native AES code out of its jar before it loads it; by default into a new
# /tmp/bc-fips-jni_* directory that every user can read and nobody removes. Here it goes into a directory
# only this user can enter, one per process (named by its pid, which exec keeps), and the directories of
# processes that have ended are removed first. If the base directory is not ours and closed to others,
# the program starts with Bouncy Castle's default.
spike_native_dir() {
  local base="${XDG_RUNTIME_DIR:-${TMPDIR:-/tmp}}/spike-native-$EUID" dir pid
  native_opts=()
  [[ -d "$base" ]] || mkdir -m 700 "$base" 2>/dev/null || return 0
  [[ -d "$base" && ! -L "$base" && -O "$base" ]] || return 0
  [[ "$(stat -c %a "$base")" == 700 ]] || return 0
  for dir in "$base"/*; do
    pid="${dir##*/}"
    if [[ "$pid" =~ ^[0-9]+$ ]] && { [[ "$pid" == "$$" ]] || ! kill -0 "$pid" 2>/dev/null; }; then
      rm -rf -- "$dir"
    fi
  done
  mkdir -m 700 "$base/$$" 2>/dev/null || return 0
  native_opts=("-Dorg.bouncycastle.native.loader.install_dir=$base/$$")
}

spike_launch() {
  # With SPIKE_TRACE_STARTUP=true, Java's start-up trace counts from here.
  [[ "${SPIKE_TRACE_STARTUP:-}" == true ]] && export SPIKE_TRACE_T0="$EPOCHREALTIME"
  local jar="$1" aot
  shift
  aot="${jar%.jar}"
  if [[ "${1:-}" == --aot ]]; then aot="$2"; shift 2; fi
  local jvm_opts=() aot_opts=() native_opts=() main=(-jar "$here/../lib/$jar")
  if [[ "${1:-}" == --also ]]; then
    # A class path that starts with the jar's own still fits the jar's ahead-of-time cache.
    main=(-cp "$here/../lib/$jar:$here/../lib/$2" "$3")
    shift 3
  fi
  while [[ $# -gt 0 && "$1" != "--" ]]; do jvm_opts+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  spike_find_java || exit 1
  spike_utf8_locale
  # FIPS approved-only mode must hold from the first class loaded, before any code reads the variable.
  if [[ "${SPIKE_FIPS_MODE:-}" =~ ^[Tt][Rr][Uu][Ee]$ ]]; then
    jvm_opts+=(-Dorg.bouncycastle.fips.approved_only=true)
  fi
  spike_aot_options "$aot"
  spike_native_dir
  # Build-time training (distribution/src/aot/train.sh) runs another class from the program's jar, with
  # exactly the options the program gets, since a cache only fits the options it was made with.
  if [[ -n "${SPIKE_LAUNCH_MAIN_CLASS:-}" ]]; then
    main=(-cp "$here/../lib/$jar" "$SPIKE_LAUNCH_MAIN_CLASS")
  fi
  # SPIKE_JAVA_OPTS lets an operator add or override JVM options (heap size, for instance).
  # shellcheck disable=SC2086
  exec "$SPIKE_JAVA_HOME/bin/java" "${SPIKE_JVM_FLAGS[@]}" "${jvm_opts[@]}" "${native_opts[@]}" "${aot_opts[@]}" \
    ${SPIKE_JAVA_OPTS:-} \
    "${main[@]}" "$@"
}
