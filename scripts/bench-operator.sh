#!/usr/bin/env bash
# Operator figures on the fabric8 mock API server (1, 50, 200 demos): create-to-Ready time, API
# requests per reconcile, writes during a steady-state resync, operator heap, start-up time; then
# the operator as its own process (the shaded jar, the image's JVM options) with 1 and 200 demos:
# idle and peak RSS. Writes docs/bench/operator.txt and operator_rss.txt. About 4 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl operator -am -DskipTests package
./mvnw -q -B -pl operator -am -Dsurefire.excludedGroups= -Dgroups=benchmark \
  -Dtest='OperatorBenchmark,OperatorProcessRssBenchmark' -Dsurefire.failIfNoSpecifiedTests=false test
cat docs/bench/operator.txt docs/bench/operator_rss.txt
