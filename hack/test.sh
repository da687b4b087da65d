#!/usr/bin/env bash
# Usage: hack/test.sh [extra Maven arguments]
# Builds every module and runs every test (unit, API, end-to-end) with a JDK >= 21 found on this machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib/find-java.sh
. hack/lib/find-java.sh
spike_find_java
export JAVA_HOME="$SPIKE_JAVA_HOME"
echo "Using JDK $SPIKE_JAVA_MAJOR at $JAVA_HOME"
exec ./mvnw -B -ntp clean verify "$@"
