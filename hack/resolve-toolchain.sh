#!/usr/bin/env bash
# Prints the versions of one toolchain of hack/toolchains.env as name=value lines (the workflow
# appends them to $GITHUB_OUTPUT): kind, node_image, kubectl, helm, kps. "latest" is resolved to
# the newest release now: kind and Helm from their GitHub releases (the gh CLI, GH_TOKEN). The node
# image "default" is the one that kind release makes (its pkg/apis/config/defaults/image.go, by
# digest), kubectl "match-node" the newest patch of that image's minor version (dl.k8s.io), within
# the one-minor skew kubectl supports. kube-prometheus-stack stays "latest" here: hack/kind-e2e.sh
# asks its chart repository once Helm is installed.
# Usage: hack/resolve-toolchain.sh pinned|latest
set -euo pipefail
cd "$(dirname "$0")/.."
toolchain="${1:?usage: hack/resolve-toolchain.sh pinned|latest}"
# shellcheck source=hack/toolchains.env
. hack/toolchains.env

value() {
  local var="${toolchain}_$1"
  if [ -z "${!var:-}" ]; then
    echo "hack/toolchains.env has no $var: the toolchains are 'pinned' and 'latest'" >&2
    exit 2
  fi
  echo "${!var}"
}

# The release GitHub marks as latest (not a pre-release, not an older line's patch).
latest_release() {
  gh release view --repo "$1" --json tagName --jq .tagName
}

kind="$(value KIND)"
helm="$(value HELM)"
node_image="$(value NODE_IMAGE)"
kubectl="$(value KUBECTL)"
if [ "$kind" = latest ]; then kind="$(latest_release kubernetes-sigs/kind)"; fi
if [ "$helm" = latest ]; then helm="$(latest_release helm/helm)"; fi
if [ "$node_image" = default ]; then
  node_image="$(curl -fsSL "https://raw.githubusercontent.com/kubernetes-sigs/kind/$kind/pkg/apis/config/defaults/image.go" \
    | sed -n 's/^const Image = "\(.*\)"$/\1/p')"
  [ -n "$node_image" ] || { echo "kind $kind: no default node image found in its sources" >&2; exit 1; }
fi
if [ "$kubectl" = match-node ]; then
  minor="$(echo "$node_image" | sed -n 's/^kindest\/node:v1\.\([0-9]*\)\..*/\1/p')"
  kubectl="$(curl -fsSL "https://dl.k8s.io/release/stable-1.$minor.txt")"
fi
echo "kind=$kind"
echo "node_image=$node_image"
echo "kubectl=$kubectl"
echo "helm=$helm"
echo "kps=$(value KPS)"
