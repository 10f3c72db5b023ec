#!/usr/bin/env bash
# Every test of the project: unit, HTTP, mock API server, Helm chart (helm-java), real Prometheus
# (Debian's prometheus + promtool), the dashboard preview in headless Chromium, shellcheck.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

ensure_java
ensure_packages prometheus:prometheus promtool:prometheus shellcheck:shellcheck chromium:chromium yamllint:yamllint
./mvnw -B verify "$@"
