#!/usr/bin/env bash
# Usage: hack/test.sh [extra Maven arguments]
# Builds every module and runs every test (unit, API, end-to-end with real processes), then runs a
# representative subset again in FIPS mode (SPIKE_FIPS_MODE=true: BC FIPS approved-only, BCJSSE TLS).
# SPIKE_TEST_FIPS=0 skips the FIPS pass.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib/find-java.sh
. hack/lib/find-java.sh
spike_find_java
export JAVA_HOME="$SPIKE_JAVA_HOME"
echo "Using JDK $SPIKE_JAVA_MAJOR at $JAVA_HOME"
./mvnw -B -ntp clean verify "$@"

if [[ "${SPIKE_TEST_FIPS:-1}" != "0" ]]; then
  # Crypto and Shamir in common; BCJSSE mTLS, the API, cipher, authorization matrix, key rotation and the
  # schema-1 upgrade in Nexus;
  # the keeper's listener; the root-key lifecycle and the CLI with real processes, all in approved-only mode.
  fips_tests='AesGcmTest,RandomnessTest,Shamir*Test,BcJsseTest,MtlsServerTest'
  fips_tests+=',SecretApiTest,CipherApiTest,PolicyApiTest,AuthorizationMatrixTest,KeyRotationTest,SchemaOneUpgradeTest'
  fips_tests+=',KeeperServerTest,RootKeyLifecycleTest,SecretCliTest'
  echo "FIPS mode pass: $fips_tests"
  ./mvnw -B -ntp verify -Pfips -Dtest="$fips_tests" -Dsurefire.failIfNoSpecifiedTests=false "$@"
fi
