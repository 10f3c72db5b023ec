#!/usr/bin/env bash
# Operator figures on the fabric8 mock API server (1, 50, 200 demos): create-to-Ready time, API
# requests per reconcile, writes during a steady-state resync, operator heap, start-up time; then
# the operator as its own process (the shaded jar, the image's JVM options) with 1 and 200 demos:
# start-up, idle and peak RSS, series on /metrics (three interleaved runs); then the operator's
# metrics on the Prometheus client against micrometer, each in a fresh JVM (seven interleaved runs).
# Writes docs/bench/operator.txt, operator_rss.txt and metrics_stack.txt. About 8 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -pl operator -am -DskipTests package
./mvnw -q -B -pl operator -am -Dsurefire.excludedGroups= -Dgroups=benchmark \
  -Dtest='OperatorBenchmark,OperatorProcessRssBenchmark,MetricsStackBenchmark' \
  -Dsurefire.failIfNoSpecifiedTests=false test
cat docs/bench/operator.txt docs/bench/operator_rss.txt docs/bench/metrics_stack.txt
