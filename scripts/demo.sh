#!/usr/bin/env bash
# The runbook's local demo: emitter, ai_live (:9110), mock shadow_mvs (:9109), Execution Watch API (:9111)
# and a real Prometheus (:9092). Prints the runbook check table and the URLs; Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ensure_java
ensure_packages prometheus:prometheus || echo "Going on without Prometheus: the exporters still start." >&2
./mvnw -q -B -DskipTests package
exec java -jar exporter/target/execution-watch-exporter.jar demo "$@"
