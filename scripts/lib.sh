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
