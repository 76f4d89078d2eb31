#!/usr/bin/env bash
# Set up everything the course needs on a fresh Debian machine with Python 3.10+ and Node.js:
# the Python package with its test tools, the front-end libraries (npm), and, for the browser
# tests and screenshots, Debian's chromium with a CJK font.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== Python packages"
python -m pip install --quiet --disable-pip-version-check -e ".[test]"

echo "== Front-end libraries (package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "== Debian packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "note: install ${need[*]} (Debian packages) for the browser tests" >&2
  fi
fi

echo "== Ready. Build the course with: misscourse build"
