# shellcheck shell=bash
# Shared by scripts/demo.sh and scripts/test.sh: installs what a fresh Debian/Ubuntu machine lacks.
# Only Debian packages by name; Maven and the build's dependencies come through ./mvnw.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_packages CMD:PACKAGE ... installs PACKAGE when CMD is not on PATH.
ensure_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing: ${missing[*]}. Install them with your package manager, then run this again." >&2
    return 1
  fi
  echo "Installing ${missing[*]} (Debian packages) ..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_java() {
  if ! command -v java >/dev/null 2>&1; then
    echo "Java 17 is needed: sudo apt-get install -y openjdk-17-jdk-headless" >&2
    return 1
  fi
}

# The benchmarks' common ground: the reference exporters' packages (Debian's mtail and
# python3-prometheus-client), the jar, and the Java command as the image runs it: exporter/jvm.options
# in a JVM that sees the pods' default memory limit (192 MiB) as its RAM, with the class-data
# archive exporter/cds-archive.sh trains with those options. Sets JAR and JAVA_EXPORTER (an array).
bench_setup() {
  ensure_packages mtail:mtail
  /usr/bin/python3 -c 'import prometheus_client' 2>/dev/null || { as_root apt-get update -qq;
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq python3-prometheus-client >/dev/null; }
  ./mvnw -q -B -DskipTests package
  JAR="$PWD/exporter/target/execution-watch-exporter.jar"
  local opts=("@$PWD/exporter/jvm.options" -XX:MaxRAM=192m)
  local cds="$PWD/exporter/target/execution-watch-exporter.jsa"
  exporter/cds-archive.sh "$JAR" "$cds" "${opts[@]}"
  # shellcheck disable=SC2034 # used by the scripts that source this file
  JAVA_EXPORTER=(java "${opts[@]}" -XX:SharedArchiveFile="$cds")
}

# The JVM the benchmarks ran, for their raw lines: "java=OpenJDK Runtime Environment (build ...)".
bench_java_line() {
  echo "java=$("${JAVA_EXPORTER[0]}" -version 2>&1 | sed -n 2p)"
}
