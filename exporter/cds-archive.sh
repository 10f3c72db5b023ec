#!/bin/sh
# Writes a class-data-sharing archive for the exporter jar: the classes one short `demo` run loads
# (all four servers start and stop), the JDK's and ours, dumped by the JVM that will use it. Start-up
# counts (the ai_live benchmark runs from process start), and the archive spares the JVM loading and
# verifying about 600 classes. A static archive, so it needs no base archive from the JRE (a
# distroless JRE may ship none). Used by the Dockerfile and scripts/bench-exporter.sh; POSIX sh (the
# image's build stage has busybox).
# Usage: cds-archive.sh JAR ARCHIVE [JVM-OPTION...]   (the same JVM options as the runs that use it)
set -eu
jar=$1
archive=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# No Prometheus for the training run (it would wait for scrapes), and free ports: a demo may be running.
if ! java "$@" -XX:DumpLoadedClassList="$work/classes.lst" -jar "$jar" \
    demo --free-ports --exit-after-check --prometheus-bin "$work/no-prometheus" --work-dir "$work/demo" \
    > "$work/training.log" 2>&1; then
  cat "$work/training.log" >&2
  echo "cds-archive.sh: the training run failed (see above); no archive written" >&2
  exit 1
fi
# The class path must be the one the runs use: -jar JAR is the class path JAR.
if ! java "$@" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
    -XX:SharedArchiveFile="$archive" -cp "$jar" > "$work/dump.log" 2>&1; then
  cat "$work/dump.log" >&2
  echo "cds-archive.sh: dumping the archive failed (see above)" >&2
  exit 1
fi
# -Xshare:on refuses to start if the archive cannot be used, so a bad archive fails here, not silently later.
java "$@" -Xshare:on -XX:SharedArchiveFile="$archive" -jar "$jar" --version > /dev/null
echo "cds-archive.sh: wrote $archive ($(wc -c < "$archive") bytes)"
