#!/usr/bin/env bash
# Set up everything the course needs on a fresh Debian machine: the Python package with its
# test tools in a virtual environment, the front-end libraries (npm), and, for the browser tests
# and screenshots, Debian's chromium with a CJK font.
#
# Which Python: an active virtualenv or conda environment is used as it is; otherwise the
# project gets its own environment in .venv, made with the system's python3 (Debian's python3
# has no `python` command and refuses `pip install` outside a virtual environment, PEP 668).
# Either way .venv/bin/ holds the course's commands afterwards, so the README's commands
# (.venv/bin/misscourse, .venv/bin/python -m pytest) work in any new shell.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; }
apt_install() {
  echo "== Debian packages: $*"
  if [ -z "${_apt_updated:-}" ]; then apt-get update -qq; _apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

active="${VIRTUAL_ENV:-${CONDA_PREFIX:-}}"
if [ -n "$active" ]; then
  echo "== Python environment: $active (active)"
  if [ -L .venv ] || [ ! -e .venv ]; then
    ln -sfn "$active" .venv
  elif [ "$(cd .venv && pwd -P)" != "$(cd "$active" && pwd -P)" ]; then
    echo "setup: .venv is a folder of its own, not the active environment $active; remove it or deactivate" >&2
    exit 2
  fi
else
  if [ ! -x .venv/bin/python ]; then
    command -v python3 >/dev/null 2>&1 || { as_root && apt_install python3; } || true
    command -v python3 >/dev/null 2>&1 || { echo "setup: python3 (3.10 or newer) is needed" >&2; exit 2; }
    echo "== Python environment: .venv (new, from $(python3 --version 2>&1))"
    if ! python3 -m venv .venv >/dev/null 2>&1; then
      rm -rf .venv
      if as_root; then
        apt_install python3-venv
        python3 -m venv .venv
      else
        echo "setup: python3 cannot make a virtual environment; install Debian's python3-venv" >&2
        exit 2
      fi
    fi
  else
    echo "== Python environment: .venv"
  fi
fi
PY=.venv/bin/python
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "setup: Python 3.10 or newer is needed" >&2; exit 2; }

echo "== Python packages"
"$PY" -m pip install --quiet --disable-pip-version-check --no-warn-script-location -e ".[test]" 2>&1 \
  | grep -v "^WARNING: Location .* is ignored" || true
"$PY" -c "import misscourse, pytest, playwright" || { echo "setup: the Python packages did not install" >&2; exit 2; }

need=()
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  if as_root; then
    apt_install "${need[@]}"
  else
    echo "note: install ${need[*]} (Debian packages) for the front-end libraries and the browser tests" >&2
  fi
fi

echo "== Front-end libraries (package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error

echo "== Ready. Build the course with: .venv/bin/misscourse build"
