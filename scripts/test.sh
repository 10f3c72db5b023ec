#!/usr/bin/env bash
# Every test of the project: unit, HTTP, real Prometheus (Debian's prometheus + promtool).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

ensure_java
ensure_packages prometheus:prometheus promtool:prometheus
./mvnw -B verify "$@"
