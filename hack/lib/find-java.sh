# shellcheck shell=bash
# Sourced by the hack/ scripts and the dist/bin launchers. Finds a JDK >= 21 without starting a JVM:
# JAVA_HOME if it qualifies, else the newest JDK under /usr/lib/jvm. Sets SPIKE_JAVA_HOME,
# SPIKE_JAVA_MAJOR and SPIKE_JVM_FLAGS (the flags every SPIKE JVM needs), or fails with advice.

spike_java_major() { # $1 = a JDK home; sets SPIKE_FOUND_MAJOR to its feature version, or to nothing
  local release="$1/release" line version=""
  SPIKE_FOUND_MAJOR=""
  if [[ -r "$release" ]]; then
    # Read with bash alone: the dist/bin launchers run this on every start, and each process costs time.
    while IFS= read -r line; do
      if [[ "$line" == JAVA_VERSION=* ]]; then
        version=${line#JAVA_VERSION=}
        version=${version//\"/}
        break
      fi
    done <"$release"
  elif [[ -x "$1/bin/java" ]]; then
    version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}
  if [[ -n "$version" ]]; then SPIKE_FOUND_MAJOR="${version%%[.+-]*}"; fi
}

spike_find_java() {
  local candidate major best="" best_major=0
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    spike_java_major "$JAVA_HOME"
    major=$SPIKE_FOUND_MAJOR
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      best="$JAVA_HOME"; best_major="$major"
    fi
  fi
  if [[ -z "$best" ]]; then
    for candidate in /usr/lib/jvm/*; do
      [[ -x "$candidate/bin/java" && ! -L "$candidate" ]] || continue
      spike_java_major "$candidate"
      major=$SPIKE_FOUND_MAJOR
      if [[ -n "$major" && "$major" -gt "$best_major" ]]; then
        best="$candidate"; best_major="$major"
      fi
    done
  fi
  if [[ -z "$best" || "$best_major" -lt 21 ]]; then
    echo "error: SPIKE needs a JDK 21 or newer (25 recommended), and none was found." >&2
    echo "       Looked at JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*." >&2
    echo "       Install one (e.g. Temurin 25 from adoptium.net, or 'apt-get install openjdk-21-jdk')" >&2
    echo "       and set JAVA_HOME to it." >&2
    return 1
  fi
  SPIKE_JAVA_HOME="$best"
  SPIKE_JAVA_MAJOR="$best_major"
  # Native access for JNA, sqlite-jdbc, Netty epoll and bc-fips; JDK 23+ also warns about Netty's Unsafe.
  SPIKE_JVM_FLAGS=(--enable-native-access=ALL-UNNAMED)
  if [[ "$best_major" -ge 23 ]]; then
    SPIKE_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
  fi
  export SPIKE_JAVA_HOME SPIKE_JAVA_MAJOR
}
