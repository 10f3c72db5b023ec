#!/usr/bin/env bash
# Idle memory of every long-running demo process, side by side with the Python stack the demo
# replaces (bench/ref_emitter.py, bench/ref_exporter.py, bench/ref_shadow_mvs.py) and mtail: each
# process runs alone for 20 s (scraped once a second), then its RSS, peak RSS and PSS are read.
# The Java processes run as in the image: exporter/jvm.options, the pods' memory limit (192 MiB) as
# the JVM's RAM, the class-data archive of exporter/cds-archive.sh. Writes docs/bench/memory.txt.
# Needs: Debian's python3-prometheus-client and mtail (installed here if missing). About 4 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
OUT="$PWD/docs/bench/memory.txt"
BENCH="$PWD/bench"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

bench_setup
JAVA=("${JAVA_EXPORTER[@]}" -jar "$JAR")

EVENTS="$WORK/ai_events.jsonl"
"${JAVA[@]}" emit-events --out "$EVENTS" > /dev/null
measure() { python3 "$BENCH/memory.py" --file "$EVENTS" "$@" | tee -a "$OUT"; }

{ date -u +"date=%Y-%m-%dT%H:%M:%SZ"; bench_java_line; } > "$OUT"
measure --label java_emitter --file "$WORK/emitted.jsonl" -- "${JAVA[@]}" emit-events --out '{FILE}' --follow --rate 2
measure --label java_ai_live --serves -- "${JAVA[@]}" ai-live --port '{PORT}'
measure --label java_watch_api --serves -- "${JAVA[@]}" watch-api --port '{PORT}'
measure --label java_shadow_mvs --serves -- "${JAVA[@]}" shadow-mvs --port '{PORT}'
measure --label py_emitter --file "$WORK/emitted-py.jsonl" -- /usr/bin/python3 "$BENCH/ref_emitter.py" --rate 2
measure --label py_ai_live --serves -- /usr/bin/python3 "$BENCH/ref_exporter.py" --port '{PORT}'
measure --label py_shadow_mvs --serves -- /usr/bin/python3 "$BENCH/ref_shadow_mvs.py" --port '{PORT}'
measure --label mtail_ai_live --serves -- mtail --progs "$BENCH/mtail" --logs '{FILE}' --port '{PORT}' --logtostderr
