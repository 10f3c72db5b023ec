#!/usr/bin/env bash
# The release's steps, one subcommand each. .github/workflows/release.yml runs them on a tag
# vX.Y.Z; ReleaseTest (the test command) runs every one that needs no registry, on a temporary
# CHANGELOG and output directory.
#
#   hack/release.sh version                  the Maven project version: the one place it is held
#   hack/release.sh check-tag vX.Y.Z          fails unless the tag is v<version> and CHANGELOG.md has
#                                            a section "## [X.Y.Z]"
#   hack/release.sh notes X.Y.Z              that section of CHANGELOG.md: the GitHub release's notes
#   hack/release.sh image-labels NAME X.Y.Z REVISION CREATED
#                                            the image's OCI labels, one key=value per line
#   hack/release.sh stamp-chart X.Y.Z REGISTRY OUT
#                                            the chart in OUT/execution-watch-operator with version and
#                                            appVersion X.Y.Z, both images in REGISTRY (e.g.
#                                            ghcr.io/peak-trade), artifacthub.io/images and /changes
#                                            of this release; `helm package` and `helm push` take it
#
# CHANGELOG (environment) names another changelog file: the tests' temporary one.
set -euo pipefail
cd "$(dirname "$0")/.."
CHANGELOG="${CHANGELOG:-CHANGELOG.md}"
CHART=helm/execution-watch-operator
SOURCE=https://github.com/peak-trade/execution-watch

die() {
  echo "release.sh: $*" >&2
  exit 1
}

version() {
  # the first <version> of the parent pom is the project's
  sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1
}

# The section "## [X.Y.Z] ..." of the changelog, without its heading, up to the next "## [".
notes() {
  local v="$1"
  awk -v v="$v" '
    index($0, "## [" v "]") == 1 { inside = 1; next }
    inside && /^## \[/ { exit }
    inside { print }
  ' "$CHANGELOG" | sed -e '/./,$!d'
}

# Keep a Changelog's headings (### Added, ### Fixed, ...) turned into Artifact Hub's change kinds.
changes_yaml() {
  notes "$1" | awk '
    /^### / {
      kind = tolower($2)
      if (kind !~ /^(added|changed|deprecated|removed|fixed|security)$/) kind = "changed"
      next
    }
    /^- / {
      text = substr($0, 3)
      gsub(/\\/, "\\\\", text)
      gsub(/"/, "\\\"", text)
      printf "    - kind: %s\n      description: \"%s\"\n", kind, text
    }
  '
}

cmd="${1:-}"
shift || true
case "$cmd" in
  version)
    version
    ;;
  check-tag)
    tag="${1:?usage: release.sh check-tag vX.Y.Z}"
    v="$(version)"
    [ "$tag" = "v$v" ] || die "the tag $tag is not v$v, the Maven project version (pom.xml): tag v$v, or change the version first"
    grep -q "^## \[$v\]" "$CHANGELOG" || die "$CHANGELOG has no section \"## [$v]\": rename \"## [Unreleased]\" to \"## [$v] - $(date -u +%Y-%m-%d)\" before tagging"
    [ -n "$(notes "$v")" ] || die "the section \"## [$v]\" of $CHANGELOG is empty"
    echo "tag $tag: version $v, changelog section found"
    ;;
  notes)
    v="${1:?usage: release.sh notes X.Y.Z}"
    out="$(notes "$v")"
    [ -n "$out" ] || die "$CHANGELOG has no section \"## [$v]\""
    printf '%s\n' "$out"
    ;;
  image-labels)
    name="${1:?usage: release.sh image-labels NAME X.Y.Z REVISION CREATED}"
    v="${2:?}"
    revision="${3:?}"
    created="${4:?}"
    printf '%s\n' \
      "org.opencontainers.image.title=$name" \
      "org.opencontainers.image.description=Peak_Trade Execution Watch ($name), STRICT NO-LIVE" \
      "org.opencontainers.image.version=$v" \
      "org.opencontainers.image.revision=$revision" \
      "org.opencontainers.image.created=$created" \
      "org.opencontainers.image.source=$SOURCE" \
      "org.opencontainers.image.url=$SOURCE" \
      "org.opencontainers.image.licenses=MIT"
    ;;
  stamp-chart)
    v="${1:?usage: release.sh stamp-chart X.Y.Z REGISTRY OUT}"
    registry="${2:?}"
    out="${3:?}"
    host="${registry%%/*}"
    path="${registry#*/}"
    [ "$path" != "$registry" ] || die "REGISTRY must be host/owner, e.g. ghcr.io/peak-trade, not $registry"
    [ -n "$(notes "$v")" ] || die "$CHANGELOG has no section \"## [$v]\""
    mkdir -p "$out"
    rm -rf "${out:?}/execution-watch-operator"
    cp -R "$CHART" "$out/execution-watch-operator"
    chart="$out/execution-watch-operator"
    changes="$(changes_yaml "$v")"
    awk -v v="$v" -v registry="$registry" -v changes="$changes" '
      /^version: / { print "version: " v; next }
      /^appVersion: / { print "appVersion: \"" v "\""; next }
      /^      image: .*execution-watch-(operator|exporter):/ {
        sub(/image: .*execution-watch-/, "image: " registry "/execution-watch-")
        sub(/:[^:]*$/, ":" v)
        print
        next
      }
      /^  artifacthub.io\/changes: / { print; print changes; skipping = 1; next }
      skipping && /^    / { next }
      { skipping = 0; print }
    ' "$chart/Chart.yaml" > "$chart/Chart.yaml.new"
    mv "$chart/Chart.yaml.new" "$chart/Chart.yaml"
    awk -v host="$host" -v path="$path" '
      /^(image|exporterImage):/ { block = $1 }
      /^[a-zA-Z]/ && !/^(image|exporterImage):/ { block = "" }
      block != "" && /^  registry: / { print "  registry: " host; next }
      block != "" && /^  repository: / {
        name = (block == "image:") ? "execution-watch-operator" : "execution-watch-exporter"
        print "  repository: " path "/" name
        next
      }
      { print }
    ' "$chart/values.yaml" > "$chart/values.yaml.new"
    mv "$chart/values.yaml.new" "$chart/values.yaml"
    echo "stamped $chart: version $v, images $registry/execution-watch-{operator,exporter}:$v"
    ;;
  *)
    die "usage: release.sh version | check-tag vX.Y.Z | notes X.Y.Z | image-labels NAME X.Y.Z REVISION CREATED | stamp-chart X.Y.Z REGISTRY OUT"
    ;;
esac
