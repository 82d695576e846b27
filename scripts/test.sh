#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh machine, checks the code with ruff and mypy,
# then runs the whole suite.
# Extra arguments go to pytest (for example: bash scripts/test.sh tests/unit -x).
set -euo pipefail
cd "$(dirname "$0")/.."

# A venv left half-made by an interrupted run has no pip: make it again from scratch.
if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  python3 -m venv --clear .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

# The browser tests drive Debian's Chromium: Playwright cannot download its own browser here.
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The linter and the type checker run first (settings in pyproject.toml); either failing fails the run.
if ! .venv/bin/python -m ruff check .; then
  echo "FAILED: ruff check found problems (see above); the tests were not run." >&2
  exit 1
fi
if ! .venv/bin/python -m mypy; then
  echo "FAILED: mypy found type errors (see above); the tests were not run." >&2
  exit 1
fi

# Two workers on the two cores; a module's tests stay together so its browser server starts once.
exec .venv/bin/python -m pytest -n "${KIM_PATHWAYS_TEST_WORKERS:-2}" --dist loadfile "$@"
