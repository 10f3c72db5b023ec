#!/bin/sh
# Writes an AppCDS archive for the exporter jar: the classes one short `demo` run loads (all four
# servers start and stop), dumped by the JVM that will use it. Start-up counts — the ai_live
# benchmark runs from process start — and the archive spares the JVM loading and verifying about
# 600 classes. Used by the Dockerfile and scripts/bench-exporter.sh; POSIX sh for the Alpine image.
# Usage: cds-archive.sh JAR ARCHIVE [JVM-OPTION...]   (the same JVM options as the runs that use it)
set -eu
jar=$1
archive=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# No Prometheus for the training run (it would wait for scrapes), and free ports: a demo may be running.
if ! java "$@" -XX:ArchiveClassesAtExit="$archive" -jar "$jar" \
    demo --free-ports --exit-after-check --prometheus-bin "$work/no-prometheus" --work-dir "$work/demo" \
    > "$work/training.log" 2>&1; then
  cat "$work/training.log" >&2
  echo "cds-archive.sh: the training run failed (see above); no archive written" >&2
  exit 1
fi
# -Xshare:on refuses to start if the archive cannot be used, so a bad archive fails here, not silently later.
java "$@" -Xshare:on -XX:SharedArchiveFile="$archive" -jar "$jar" --version > /dev/null
echo "cds-archive.sh: wrote $archive ($(wc -c < "$archive") bytes)"
