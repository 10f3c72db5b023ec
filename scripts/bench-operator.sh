#!/usr/bin/env bash
# Operator figures on the fabric8 mock API server (1, 50, 200 demos): create-to-Ready time, API
# requests per reconcile, writes during a steady-state resync, operator heap, start-up time.
# Writes docs/bench/operator.txt. About 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl operator -am -Dsurefire.excludedGroups= -Dgroups=benchmark -Dtest=OperatorBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false test
cat docs/bench/operator.txt
