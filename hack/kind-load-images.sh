#!/usr/bin/env bash
# Loads both images into a kind cluster through image archives, which works for images from any
# builder (`kind load docker-image` fails on images that carry provenance attestations).
# Usage: hack/kind-load-images.sh TAG [CLUSTER]   (TAG as given to hack/build-images.sh)
set -euo pipefail
tag="${1:?usage: hack/kind-load-images.sh TAG [CLUSTER]}"
cluster="${2:-execution-watch}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for image in exporter operator; do
  docker save "execution-watch-$image:$tag" -o "$work/$image.tar"
  kind load image-archive --name "$cluster" "$work/$image.tar"
done
echo "loaded execution-watch-exporter:$tag execution-watch-operator:$tag into kind cluster $cluster"
