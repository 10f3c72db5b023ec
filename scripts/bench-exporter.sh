#!/usr/bin/env bash
# The exporter benchmark: the Java ai_live exporter next to two reference exporters (a Python
# prometheus_client exporter and mtail, both in bench/) on the same files, in the same session.
# Writes raw key=value lines to docs/bench/: ingest.txt and ingest_summary.txt (1,000,000 events
# from process start; the Java exporter also with its fast path off, Jackson only), malformed.txt
# (one line in ten broken), append.txt (events appended live at 20,000/s), rotation.txt.
# Needs: Debian's python3-prometheus-client and mtail (installed here if missing).
# Usage: scripts/bench-exporter.sh [REPS]   (default 5; about 1 minute per repetition on 2 cores, plus a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
REPS="${1:-5}"
OUT="$PWD/docs/bench"
BENCH="$PWD/bench"
mkdir -p "$OUT"

bench_setup
JAVA=("${JAVA_EXPORTER[@]}" -jar "$JAR" ai-live --port '{PORT}')
JACKSON=("${JAVA_EXPORTER[@]}" -Dexecution-watch.parser=jackson -jar "$JAR" ai-live --port '{PORT}')
PY=(/usr/bin/python3 "$BENCH/ref_exporter.py" --port '{PORT}')
MT=(mtail --progs "$BENCH/mtail" --logs '{FILE}' --port '{PORT}' --logtostderr)

{ date -u +"date=%Y-%m-%dT%H:%M:%SZ"; echo "nproc=$(nproc) $(grep -m1 'model name' /proc/cpuinfo)"; bench_java_line; } > "$OUT/machine.txt"
: > "$OUT/ingest.txt"
for _ in $(seq 1 "$REPS"); do
  python3 bench/ingest.py --label java -- "${JAVA[@]}" | tee -a "$OUT/ingest.txt"
  python3 bench/ingest.py --label java_jackson_only -- "${JACKSON[@]}" | tee -a "$OUT/ingest.txt"
  python3 bench/ingest.py --label ref_py -- "${PY[@]}" | tee -a "$OUT/ingest.txt"
  # mtail reads a file present at its start from the end: the events are renamed into place
  python3 bench/ingest.py --label mtail --prefill rename -- "${MT[@]}" | tee -a "$OUT/ingest.txt"
done
python3 bench/summarize.py "$OUT/ingest.txt" | tee "$OUT/ingest_summary.txt"
: > "$OUT/malformed.txt"
: > "$OUT/append.txt"
for _ in $(seq 1 "$REPS"); do
  python3 bench/ingest.py --label java --malformed -- "${JAVA[@]}" | tee -a "$OUT/malformed.txt"
  python3 bench/ingest.py --label ref_py --malformed -- "${PY[@]}" | tee -a "$OUT/malformed.txt"
  python3 bench/ingest.py --label mtail --malformed --prefill rename -- "${MT[@]}" | tee -a "$OUT/malformed.txt"
done
python3 bench/ingest.py --label java --append 20000 -- "${JAVA[@]}" | tee -a "$OUT/append.txt"
python3 bench/ingest.py --label ref_py --append 20000 -- "${PY[@]}" | tee -a "$OUT/append.txt"
python3 bench/ingest.py --label mtail --append 20000 -- "${MT[@]}" | tee -a "$OUT/append.txt"
python3 bench/summarize.py "$OUT/malformed.txt" | tee "$OUT/malformed_summary.txt"
: > "$OUT/rotation.txt"
python3 bench/ingest.py --label java --rotation -- "${JAVA[@]}" | tee -a "$OUT/rotation.txt"
python3 bench/ingest.py --label ref_py --rotation -- "${PY[@]}" | tee -a "$OUT/rotation.txt"
python3 bench/ingest.py --label mtail --rotation --prefill rename -- "${MT[@]}" | tee -a "$OUT/rotation.txt"
