#!/usr/bin/env bash
# The ingest from process start of this tree's ai_live next to another commit's, interleaved on
# the same 1,000,000-event file (bench/ingest.py), each with its own class-data archive and the
# image's JVM options: what a change costs. Raw lines to docs/bench/ingest_ab.txt, the summary
# (median, min–max per label) to docs/bench/ingest_ab_summary.txt, the machine and commits to
# docs/bench/ingest_ab_machine.txt.
# Usage: scripts/bench-ingest-ab.sh BASE_COMMIT [REPS]   (default 7; about 15 s per run on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
BASE="${1:?usage: scripts/bench-ingest-ab.sh BASE_COMMIT [REPS]}"
REPS="${2:-7}"
OUT="$PWD/docs/bench"
mkdir -p "$OUT"

bench_setup
NEW=("${JAVA_EXPORTER[@]}" -jar "$JAR" ai-live --port '{PORT}')

OLD_TREE="$(mktemp -d)"
trap 'git worktree remove --force "$OLD_TREE" >/dev/null 2>&1 || rm -rf "$OLD_TREE"' EXIT
git worktree add -q --detach "$OLD_TREE" "$BASE"
(cd "$OLD_TREE" && ./mvnw -q -B -DskipTests package)
OLD_JAR="$OLD_TREE/exporter/target/execution-watch-exporter.jar"
opts=("@$PWD/exporter/jvm.options" -XX:MaxRAM=192m)
"$OLD_TREE/exporter/cds-archive.sh" "$OLD_JAR" "$OLD_TREE/old.jsa" "${opts[@]}"
OLD=(java "${opts[@]}" -XX:SharedArchiveFile="$OLD_TREE/old.jsa" -jar "$OLD_JAR" ai-live --port '{PORT}')

{ date -u +"date=%Y-%m-%dT%H:%M:%SZ"; echo "base=$(git rev-parse --short "$BASE") head=$(git rev-parse --short HEAD)";
  echo "nproc=$(nproc) $(grep -m1 'model name' /proc/cpuinfo)"; bench_java_line; } > "$OUT/ingest_ab_machine.txt"
: > "$OUT/ingest_ab.txt"
for i in $(seq 1 "$REPS"); do
  # alternate which goes first, so that neither always runs on a warmer page cache
  if [ $((i % 2)) -eq 1 ]; then
    python3 bench/ingest.py --label "base_$(git rev-parse --short "$BASE")" -- "${OLD[@]}" | tee -a "$OUT/ingest_ab.txt"
    python3 bench/ingest.py --label head -- "${NEW[@]}" | tee -a "$OUT/ingest_ab.txt"
  else
    python3 bench/ingest.py --label head -- "${NEW[@]}" | tee -a "$OUT/ingest_ab.txt"
    python3 bench/ingest.py --label "base_$(git rev-parse --short "$BASE")" -- "${OLD[@]}" | tee -a "$OUT/ingest_ab.txt"
  fi
done
python3 bench/summarize.py "$OUT/ingest_ab.txt" | tee "$OUT/ingest_ab_summary.txt"
