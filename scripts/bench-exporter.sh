#!/usr/bin/env bash
# Runs the shared exporter benchmark (../shared/bench) on the Java ai_live exporter and on the two
# reference exporters in the same session, writing raw key=value lines to docs/bench/.
# Needs: python3, Debian's python3-prometheus-client and mtail (installed here if missing).
# Usage: scripts/bench-exporter.sh [REPS]   (default 3; about 8 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
BENCH="$(cd "${BENCH_DIR:-../shared/bench}" && pwd)"
REPS="${1:-3}"
OUT="$PWD/docs/bench"
mkdir -p "$OUT"

ensure_packages mtail:mtail
/usr/bin/python3 -c 'import prometheus_client' 2>/dev/null || { as_root apt-get update -qq;
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-prometheus-client >/dev/null; }
./mvnw -q -B -DskipTests package
JAR="$PWD/exporter/target/execution-watch-exporter.jar"

# The JVM options the container image uses (exporter/jvm.options), in a JVM that sees the pods'
# default memory limit (192 MiB) as its RAM, and like the image an AppCDS archive trained by
# exporter/cds-archive.sh with those options.
JVM_OPTS=("@$PWD/exporter/jvm.options" -XX:MaxRAM=192m)
CDS="$PWD/exporter/target/execution-watch-exporter.jsa"
exporter/cds-archive.sh "$JAR" "$CDS" "${JVM_OPTS[@]}"
JAVA=(java "${JVM_OPTS[@]}" -XX:SharedArchiveFile="$CDS" -jar "$JAR" ai-live --port '{PORT}')
PY=(/usr/bin/python3 "$BENCH/ref_exporter.py" --port '{PORT}')
MT=(mtail --progs "$BENCH/mtail" --logs '{FILE}' --port '{PORT}' --logtostderr)

{ date -u +"date=%Y-%m-%dT%H:%M:%SZ"; echo "nproc=$(nproc) $(grep -m1 'model name' /proc/cpuinfo)"; java -version 2>&1 | head -1; } > "$OUT/machine.txt"
cd "$BENCH"
: > "$OUT/ingest.txt"
for _ in $(seq 1 "$REPS"); do
  ./ingest.sh -n 1000000 --label java -- "${JAVA[@]}" | tee -a "$OUT/ingest.txt"
  ./ingest.sh -n 1000000 --label ref_py -- "${PY[@]}" | tee -a "$OUT/ingest.txt"
  ./ingest.sh -n 1000000 --label mtail --prefill rename -- "${MT[@]}" | tee -a "$OUT/ingest.txt"
done
: > "$OUT/correctness.txt"
./ingest.sh -n 100000 --bad-fraction 0.05 --append 10000 --label java -- "${JAVA[@]}" | tee -a "$OUT/correctness.txt"
./ingest.sh -n 100000 --bad-fraction 0.05 --append 10000 --label ref_py -- "${PY[@]}" | tee -a "$OUT/correctness.txt"
./ingest.sh -n 100000 --bad-fraction 0.05 --append 10000 --label mtail --prefill rename -- "${MT[@]}" | tee -a "$OUT/correctness.txt"
: > "$OUT/append_rate.txt"
for label in java ref_py mtail; do
  case $label in
    java) cmd=("${JAVA[@]}"); pre=before ;;
    ref_py) cmd=("${PY[@]}"); pre=before ;;
    mtail) cmd=("${MT[@]}"); pre=rename ;;
  esac
  ./ingest.sh -n 100000 --append 50000 --append-rate 10000 --prefill "$pre" --label "$label" -- "${cmd[@]}" \
    | tee -a "$OUT/append_rate.txt"
done
: > "$OUT/rotation.txt"
./rotation_check.py --label java -- "${JAVA[@]}" | tee -a "$OUT/rotation.txt"
./rotation_check.py --label ref_py -- "${PY[@]}" | tee -a "$OUT/rotation.txt"
./rotation_check.py --label mtail --prefill rename -- "${MT[@]}" | tee -a "$OUT/rotation.txt"
./summarize.py "$OUT/ingest.txt" | tee "$OUT/ingest_summary.txt"
