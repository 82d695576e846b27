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

# Installs Debian packages (as root, or through sudo).
apt_install() {
  local SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# The sign-in tests run a real OpenID Connect provider (tests/oidc: oidc-provider on Node.js).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Installing Debian's nodejs and npm for the sign-in tests' identity provider..."
  apt_install nodejs npm || echo "apt-get could not install nodejs and npm." >&2
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "FAILED: Node.js and npm are needed by the sign-in tests and could not be installed;" \
       "install them (Debian: apt-get install nodejs npm) and run this again." >&2
  exit 1
fi
# Its packages are installed again only when missing or when package-lock.json has changed.
OIDC_STAMP=tests/oidc/node_modules/.installed-from-lock
OIDC_LOCK_SUM="$(sha256sum tests/oidc/package.json tests/oidc/package-lock.json)"
if [ ! -d tests/oidc/node_modules/oidc-provider ] || [ "$(cat "$OIDC_STAMP" 2>/dev/null)" != "$OIDC_LOCK_SUM" ]; then
  echo "Installing the test identity provider's npm packages (tests/oidc)..."
  if ! npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error >/dev/null; then
    echo "FAILED: npm ci --prefix tests/oidc did not install the identity provider's packages (see above)." >&2
    exit 1
  fi
  printf '%s' "$OIDC_LOCK_SUM" > "$OIDC_STAMP"
fi

# The browser tests drive Debian's Chromium: Playwright cannot download its own browser here.
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt_install chromium
fi

# The PostgreSQL store's tests start a throw-away cluster (tests/pg.py) unless
# KIM_PATHWAYS_TEST_DATABASE_URL names a server; none of them is ever skipped, so the server is needed.
if [ -z "${KIM_PATHWAYS_TEST_DATABASE_URL:-}" ] && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "Installing Debian's postgresql for the PostgreSQL store's tests..."
  apt_install postgresql || echo "apt-get could not install postgresql." >&2
  if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    echo "FAILED: PostgreSQL is needed by the PostgreSQL store's tests and could not be installed;" \
         "install it (Debian: apt-get install postgresql) or set KIM_PATHWAYS_TEST_DATABASE_URL." >&2
    exit 1
  fi
fi

# The replicas' tests run deploy/haproxy.cfg in a real HAProxy (in /usr/sbin, off some users' PATH).
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  echo "Installing Debian's haproxy for the load balancer's tests..."
  apt_install haproxy
fi

# The replica's systemd unit is checked by systemd's own `systemd-analyze verify` (Debian's systemd
# package; systemd need not be running).
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "Installing Debian's systemd for systemd-analyze..."
  apt_install systemd
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
# The tests of many people at once (marked crowd: twenty or thirty browser sessions) then run on
# their own, with the machine to themselves: run beside another worker's browser and server, they
# measured what two cores can draw, not what the app does with its people.
# (An exit code of 5 means a part had no tests to run, as when a path with none of them is given.)
set +e
.venv/bin/python -m pytest -n "${KIM_PATHWAYS_TEST_WORKERS:-2}" --dist loadfile -m "not crowd" "$@"
rest=$?
.venv/bin/python -m pytest -n 0 -m crowd "$@"
crowd=$?
set -e
echo "The tests but the crowd's: exit code $rest. The crowd's tests: exit code $crowd."
if [ "$rest" = 5 ] && [ "$crowd" = 5 ]; then exit 5; fi
for code in "$rest" "$crowd"; do
  if [ "$code" != 0 ] && [ "$code" != 5 ]; then
    echo "FAILED: some tests failed (see above)." >&2
    exit 1
  fi
done
