#!/usr/bin/env bash
# Builds both images into the local Docker daemon, tagged with the Maven project version:
#   execution-watch-exporter:<version>, execution-watch-operator:<version>
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
# the first <version> of the parent pom is the project's
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
for image in exporter operator; do
  docker build --build-arg "VERSION=${version}" -t "execution-watch-${image}:${version}" "${image}"
done
echo "built execution-watch-exporter:${version} execution-watch-operator:${version}"
