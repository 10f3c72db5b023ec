#!/usr/bin/env bash
# Builds both images into the local Docker daemon:
#   execution-watch-exporter:<tag>, execution-watch-operator:<tag>
# TAG defaults to the Maven project version; hack/kind-e2e.sh passes one unique per commit, so a
# rerun never keeps a stale image. --provenance=false: kind cannot load images that carry
# provenance attestations (an image index instead of a plain image).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests package
# the first <version> of the parent pom is the project's
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
tag="${TAG:-$version}"
for image in exporter operator; do
  docker build --provenance=false --build-arg "VERSION=${version}" \
    -t "execution-watch-${image}:${tag}" "${image}"
done
echo "built execution-watch-exporter:${tag} execution-watch-operator:${tag}"
