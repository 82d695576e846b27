"""A real, throw-away PostgreSQL for tests, benchmarks and tools: `PostgresCluster`.

    from tests.pg import PostgresCluster

    with PostgresCluster() as cluster:             # or cluster = PostgresCluster(); ...; cluster.stop()
        url = cluster.create_database("kim_demo")  # postgresql://postgres@127.0.0.1:PORT/kim_demo
        ...                                        # PostgresRepository(url), psql, a replica's environment
        subprocess.run([cluster.tool("pg_dump"), "--dbname", url, ...])
        cluster.drop_database("kim_demo")

Where the server comes from:
- `KIM_PATHWAYS_TEST_DATABASE_URL` set (a server URL whose user may create databases, such as
  `postgresql://kim:secret@db.example:5432/postgres`): that server is used, nothing is started, and
  `stop()` drops only the databases this helper created.
- Otherwise a new cluster is made with `initdb` in a temporary folder and started with `pg_ctl`
  on a free port of 127.0.0.1 (its unix socket in that folder too, `fsync` off: a test server
  needs no durability). The folder is in memory (/dev/shm) where there is one: copying a
  database from a template then takes about 20 ms, against 400 ms on a busy disk. PostgreSQL refuses to run as root, so as root the server's programs run
  as the `postgres` user (`runuser -u postgres --`) and the folder is handed to that user.
  `stop()` stops the server (`pg_ctl stop -m fast`) and removes the folder. A cluster still
  running when the Python process exits is stopped then; one whose process was killed (so
  nothing could stop it) is stopped and removed by the next cluster started on this computer.

The binaries are found in /usr/lib/postgresql/<newest>/bin (Debian's layout), else on PATH;
scripts/test.sh installs Debian's `postgresql` when neither has `initdb`.

API (kept stable: the contract suite, the load-balancer test, the data-moving command and the
benchmarks import it):
- `PostgresCluster()`: start (or connect to) the server; also a context manager.
- `url(dbname) -> str`: a libpq URL of a database on the server (`postgresql://...`).
- `create_database(name, template=None) -> str`: `CREATE DATABASE` (copying `template` when
  given, which must then have no open connections) and return its URL.
- `drop_database(name)`: drop it, even with connections still open (`WITH (FORCE)`); no error if absent.
- `tool(name) -> str`: the path of a client program (`pg_dump`, `pg_restore`, `psql`, ...).
- `stop()`: as above; safe to call twice.
- Attributes: `host`, `port`, `user`, `started` (True when this helper started the server),
  `folder` (the temporary folder, or None), `log_path` (the server's log, or None).
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

TEST_DATABASE_URL_ENV = "KIM_PATHWAYS_TEST_DATABASE_URL"
"""The environment variable naming a server to use instead of starting one."""

_OWNER_FILE = "owner-pid"  # the process that started the cluster, so an abandoned one can be told apart
_START_ATTEMPTS = 3  # a free port found may be taken by someone else before the server binds it


def bin_dir() -> Path | None:
    """Debian's folder of PostgreSQL programs, newest version first; None when there is none."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_of, reverse=True)
    return Path(found[0]).parent if found else None


def _version_of(initdb: str) -> tuple[int, ...]:
    version = Path(initdb).parent.parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def _scratch_parent() -> str | None:
    """Where to make the cluster's folder: in memory when this system has a writable /dev/shm."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresCluster:
    """A PostgreSQL server for tests: the one `KIM_PATHWAYS_TEST_DATABASE_URL` names, or a new one of our own."""

    def __init__(self, server_url: str | None = None) -> None:
        """Start a throw-away cluster, or use the server `server_url` (default: the environment variable) names.

        Raises:
            RuntimeError: initdb is not installed, or the server did not start (its log is quoted).
        """
        self.folder: Path | None = None
        self.log_path: Path | None = None
        self.started = False
        self._stopped = False
        self._created: set[str] = set()
        self._server_version = 0
        self._bin = bin_dir()
        chosen = server_url if server_url is not None else os.environ.get(TEST_DATABASE_URL_ENV, "").strip()
        if chosen:
            parts = urlsplit(chosen)
            self._server_url = chosen
            self.host, self.port, self.user = parts.hostname or "localhost", parts.port or 5432, parts.username or ""
            return
        self._start_own()
        atexit.register(self.stop)

    # Databases ----------------------------------------------------------------------------------

    def url(self, dbname: str) -> str:
        """A libpq URL of a database on this server (its name may need no quoting: it is quoted)."""
        parts = urlsplit(self._server_url)
        return urlunsplit((parts.scheme, parts.netloc, "/" + quote(dbname, safe=""), parts.query, ""))

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create a database (a copy of `template` when given) and return its URL."""
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
            if self.started and self._server_version >= 150000:
                # Our own server: copying the files is quicker than logging every page, PostgreSQL 15's default.
                statement += sql.SQL(" STRATEGY FILE_COPY")
        self._admin(statement)
        self._created.add(name)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, closing any connection still open to it; nothing happens when it is absent."""
        self._admin(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        self._created.discard(name)

    def tool(self, name: str) -> str:
        """The path of a PostgreSQL client program (pg_dump, pg_restore, psql ...).

        Raises:
            FileNotFoundError: It is not installed.
        """
        if self._bin is not None and (self._bin / name).is_file():
            return str(self._bin / name)
        found = shutil.which(name)
        if found is None:
            raise FileNotFoundError(f"The PostgreSQL program {name} is not installed (Debian: apt-get install postgresql).")
        return found

    # Stopping ------------------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop the server this helper started and remove its folder; on a server given, drop what was created."""
        if self._stopped:
            return
        self._stopped = True
        if not self.started:
            for name in sorted(self._created):
                self.drop_database(name)
            return
        assert self.folder is not None
        self._run_as_server("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PostgresCluster:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    # Starting our own ------------------------------------------------------------------------------

    def _start_own(self) -> None:
        if self._bin is None and shutil.which("initdb") is None:
            raise RuntimeError(
                f"PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH) and "
                f"{TEST_DATABASE_URL_ENV} is not set: install Debian's postgresql, or name a server."
            )
        self._sweep_abandoned()
        self.folder = Path(tempfile.mkdtemp(prefix="kim-pg-", dir=_scratch_parent()))
        self.log_path = self.folder / "log"
        (self.folder / _OWNER_FILE).write_text(str(os.getpid()))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        data = str(self.folder / "data")
        self._run_as_server("initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                            "--locale=C.UTF-8", "--no-sync", "--no-instructions")
        for attempt in range(_START_ATTEMPTS):
            self.host, self.port, self.user = "127.0.0.1", _free_port(), "postgres"
            options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                       f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            started = self._run_as_server("pg_ctl", "-D", data, "-o", options, "-l", str(self.log_path),
                                          "-w", "-t", "60", "start", check=False)
            if started.returncode == 0:
                break
            if attempt == _START_ATTEMPTS - 1:
                log = self.log_path.read_text(errors="replace")[-2000:] if self.log_path.exists() else ""
                shutil.rmtree(self.folder, ignore_errors=True)
                raise RuntimeError(f"The test PostgreSQL did not start: {started.stderr.strip()}\n{log}")
            time.sleep(0.2)
        self.started = True
        self._server_url = f"postgresql://{self.user}@{self.host}:{self.port}/postgres"
        with psycopg.connect(self._server_url) as conn:
            self._server_version = conn.info.server_version

    def _sweep_abandoned(self) -> None:
        """Stop and remove the clusters of test processes that were killed before they could stop their own."""
        for folder in Path(_scratch_parent() or tempfile.gettempdir()).glob("kim-pg-*"):
            try:
                owner = int((folder / _OWNER_FILE).read_text())
            except (OSError, ValueError):
                continue  # being made just now, or not one of ours
            if _alive(owner):
                continue
            if (folder / "data" / "postmaster.pid").exists():
                self.folder = folder
                self._run_as_server("pg_ctl", "-D", str(folder / "data"), "-m", "immediate", "-w", "stop", check=False)
            shutil.rmtree(folder, ignore_errors=True)
        self.folder = None

    def _run_as_server(self, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run one of the server's programs, as the postgres user when we are root (the server refuses root)."""
        command = [self.tool(program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.folder, check=False)
        if check and done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done

    def _admin(self, statement: sql.Composable) -> None:
        """Run a statement that cannot run in a transaction (CREATE/DROP DATABASE) on the server's own database."""
        with psycopg.connect(self._server_url, autocommit=True) as conn:
            conn.execute(statement)
