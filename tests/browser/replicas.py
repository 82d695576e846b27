"""Several Streamlit replicas behind HAProxy, started from the files a department installs (deploy/).

Each replica is started with the ExecStart of deploy/kim-pathways@.service (its %i, its paths under
/opt/kim-pathways and /etc/kim-pathways put in place for the test), in its WorkingDirectory, with the
Environment= lines of the unit and the environment file deploy/kim-pathways.environment.example
filled in. HAProxy runs deploy/haproxy.cfg as shipped, its addresses given by the environment
variables the file reads. Everything listens on 127.0.0.1 only, on free ports.

    with Replicas(work_dir, database_url) as cluster:
        page.goto(cluster.url)                  # the load balancer
        ...
        cluster.replica("replica2").kill()      # SIGKILL: the process dies at once
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.browser.conftest import Server
from tests.browser.signin import free_port, stop_process

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "kim-pathways@.service"
HAPROXY_CFG = DEPLOY / "haproxy.cfg"
ENVIRONMENT_EXAMPLE = DEPLOY / "kim-pathways.environment.example"
SECRETS_EXAMPLE = DEPLOY / "secrets.replicas.toml.example"
INSTALLED_AT = "/opt/kim-pathways"
"""Where the unit expects the app (WorkingDirectory, the venv); the repository stands in for it."""
CONFIG_DIR = "/etc/kim-pathways"
"""Where the unit expects the environment file and the secrets."""
STATE_DIR = "/var/lib/kim-pathways"
"""The unit's StateDirectory (and HOME)."""
DATABASE_URL_ENV = "KIM_PATHWAYS_DATABASE_URL"
SERVER_LINE = re.compile(r'^\s*server\s+(\S+)\s+"\$\{(KIM_PATHWAYS_REPLICA_\d+)(?:-[^}]*)?\}".*\bcookie\s+(\S+)', re.M)
# Requests to 127.0.0.1 never go through a proxy, whatever the environment says.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


# --- Reading the deploy files ----------------------------------------------------------------


def unit_settings(text: str) -> dict[str, dict[str, list[str]]]:
    """The settings of a systemd unit file: section -> key -> its values, in order.

    Comments (# or ;) and blank lines are skipped; a line ending in a backslash goes on on the next
    line, as systemd reads it (the backslash and the line break become one space).
    """
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    logical = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not logical and (not line or line[0] in "#;"):
            continue
        if line.endswith("\\"):
            logical += line[:-1].rstrip() + " "
            continue
        line, logical = logical + line, ""
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        if current is None or "=" not in line:
            raise ValueError(f"not a unit file setting: {line!r}")
        key, value = line.split("=", 1)
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def _only(settings: dict[str, list[str]], key: str) -> str:
    values = settings.get(key, [])
    if len(values) != 1:
        raise ValueError(f"the unit should have exactly one {key}=, not {values!r}")
    return values[0]


def environment_file(text: str) -> dict[str, str]:
    """The variables of a systemd EnvironmentFile= (KEY=value lines; # and ; start comments)."""
    variables = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        key, sep, value = line.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key.strip()):
            raise ValueError(f"not an environment file line: {line!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        variables[key.strip()] = value
    return variables


@dataclass(frozen=True)
class ReplicaRecipe:
    """How the unit starts one replica, with the test's paths in place of the installed ones."""

    command: list[str]
    cwd: Path
    environment: dict[str, str]


def replica_recipe(port: int, *, secrets_path: Path, state_dir: Path, environment_text: str,
                   unit_text: str | None = None) -> ReplicaRecipe:
    """What deploy/kim-pathways@.service runs as instance `port`, for a test.

    Args:
        port: The instance name (%i), the replica's port.
        secrets_path: Put in place of /etc/kim-pathways/secrets.toml.
        state_dir: Put in place of /var/lib/kim-pathways (StateDirectory= and HOME).
        environment_text: What the unit's EnvironmentFile= would hold.
        unit_text: The unit (deploy/kim-pathways@.service unless given).

    Returns:
        The command line, the working directory and the variables the unit sets.

    Raises:
        ValueError: the unit names something the test cannot stand in for.
    """
    service = unit_settings(unit_text if unit_text is not None else UNIT.read_text(encoding="utf-8"))["Service"]

    def in_place(text: str) -> str:
        if re.search(r"%[^i]", text.replace("%%", "")):
            raise ValueError(f"a systemd specifier other than %i in {text!r}: teach tests/browser/replicas.py it")
        text = text.replace("%i", str(port)).replace("%%", "%")
        return (text.replace(f"{CONFIG_DIR}/secrets.toml", str(secrets_path))
                .replace(STATE_DIR, str(state_dir)).replace(INSTALLED_AT, str(ROOT)))

    command = shlex.split(in_place(_only(service, "ExecStart")))
    # The unit runs the venv's Python under /opt/kim-pathways; the tests run it from the repository's.
    if command[0] == str(ROOT / ".venv" / "bin" / "python") and not Path(command[0]).exists():
        command[0] = sys.executable
    leftover = [arg for arg in command if CONFIG_DIR in arg or "/opt/" in arg or "/var/lib/" in arg]
    if leftover:
        raise ValueError(f"ExecStart names installed paths the test does not provide: {leftover}")
    if _only(service, "EnvironmentFile").lstrip("-") != f"{CONFIG_DIR}/environment":
        raise ValueError("the unit's EnvironmentFile= is not /etc/kim-pathways/environment")
    environment: dict[str, str] = {}
    for setting in service.get("Environment", []):
        for assignment in shlex.split(setting):
            key, _, value = assignment.partition("=")
            environment[key] = in_place(value)
    environment.update(environment_file(environment_text))
    return ReplicaRecipe(command, Path(in_place(_only(service, "WorkingDirectory"))), environment)


def environment_text(*, database_url: str) -> str:
    """deploy/kim-pathways.environment.example filled in with the database's URL."""
    lines = [f"{DATABASE_URL_ENV}={database_url}" if line.startswith(f"{DATABASE_URL_ENV}=") else line
             for line in ENVIRONMENT_EXAMPLE.read_text(encoding="utf-8").splitlines()]
    text = "\n".join(lines) + "\n"
    if "<" in "".join(environment_file(text).values()):
        raise ValueError(f"{ENVIRONMENT_EXAMPLE.name} has a value left to fill in: {environment_file(text)}")
    return text


def filled_secrets(values: Mapping[str, str], template: str | None = None) -> str:
    """deploy/secrets.replicas.toml.example with values of one's own, as a department fills it in.

    Args:
        values: key -> the TOML text of its value (`'"https://..."'`, `'[]'`); a key the template
            has commented out (such as client_kwargs) is written in.
        template: The template's text (the shipped file unless given).

    Raises:
        ValueError: a key is not in the template, or a value is left to fill in (<...>).
    """
    lines = (template if template is not None else SECRETS_EXAMPLE.read_text(encoding="utf-8")).splitlines()
    remaining = dict(values)
    for number, line in enumerate(lines):
        setting = re.match(r"^(?:#\s*)?([A-Za-z_]+)\s*=", line)
        if setting and setting.group(1) in remaining:
            lines[number] = f"{setting.group(1)} = {remaining.pop(setting.group(1))}"
    if remaining:
        raise ValueError(f"not in {SECRETS_EXAMPLE.name}: {sorted(remaining)}")
    text = "\n".join(lines) + "\n"
    left = [line for line in text.splitlines() if "<" in line and not line.lstrip().startswith("#")]
    if left:
        raise ValueError(f"left to fill in: {left}")
    return text


def replica_names(cfg_text: str | None = None) -> list[tuple[str, str, str]]:
    """The replicas deploy/haproxy.cfg names: (server name, its address variable, its cookie value)."""
    found = SERVER_LINE.findall(cfg_text if cfg_text is not None else HAPROXY_CFG.read_text(encoding="utf-8"))
    return [(name, variable, cookie) for name, variable, cookie in found]


def haproxy() -> str:
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/sbin")
    if found is None:
        raise RuntimeError("HAProxy is not installed: run `bash scripts/test.sh`, which installs Debian's haproxy "
                           "(or apt-get install haproxy).")
    return found


def check_haproxy_config(environment: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """`haproxy -c -f deploy/haproxy.cfg` with these variables (and nothing of the test's own environment)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **environment}
    return subprocess.run([haproxy(), "-c", "-f", str(HAPROXY_CFG)], env=env, capture_output=True, text=True,
                          timeout=30)


# --- Running them ----------------------------------------------------------------------------


class Replica(Server):
    """One replica: the unit's command line for instance `port`, its log beside the others.

    Like the browser tests' `Server` (the same health wait and stop), started from a recipe.
    """

    def __init__(self, name: str, port: int, recipe: ReplicaRecipe, log_path: Path):
        self.name = name
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.recipe = recipe
        self.log = open(log_path, "w")
        env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
        for variable in (DATABASE_URL_ENV, "KIM_PATHWAYS_DATA_DIR"):  # only what the unit and its file say
            env.pop(variable, None)
        env.update(recipe.environment)
        self.process = subprocess.Popen(recipe.command, cwd=recipe.cwd, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT)

    def wait_healthy(self, timeout: float = 90) -> None:
        self._wait_healthy(timeout)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, as when a process is killed by the kernel or its machine stops: nothing is tidied up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.alive:
            super().stop()
        else:
            self.log.close()


class LoadBalancer:
    """HAProxy running deploy/haproxy.cfg as shipped, on a free port of 127.0.0.1, in the foreground."""

    def __init__(self, replicas: Mapping[str, Replica], log_path: Path, *, port: int, timeout: float = 30):
        names = replica_names()
        if sorted(replicas) != sorted(name for name, _, _ in names):
            raise ValueError(f"deploy/haproxy.cfg names {[n for n, _, _ in names]}, not {sorted(replicas)}")
        self.port = port
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.environment = {"KIM_PATHWAYS_LB_ADDRESS": f"127.0.0.1:{self.port}"}
        self.environment.update({variable: f"127.0.0.1:{replicas[name].port}" for name, variable, _ in names})
        self.cookies = {cookie: name for name, _, cookie in names}
        """Which replica each value of the SERVERID cookie sends a browser to."""
        checked = check_haproxy_config(self.environment)
        if checked.returncode != 0:
            raise RuntimeError(f"haproxy -c refused deploy/haproxy.cfg:\n{checked.stdout}{checked.stderr}")
        self._log = open(log_path, "w")
        self.process = subprocess.Popen([haproxy(), "-db", "-f", str(HAPROXY_CFG)],
                                        env=dict(os.environ, **self.environment), stdout=self._log,
                                        stderr=subprocess.STDOUT)
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"haproxy exited early; see {self.log_path}")
            try:
                with _DIRECT.open(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"haproxy did not answer in {timeout:.0f} s; see {self.log_path}")

    def log_text(self) -> str:
        self._log.flush()
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, pattern: str, timeout: float = 20) -> re.Match[str]:
        """The first line of HAProxy's log that matches, waiting for it to be written."""
        deadline = time.monotonic() + timeout
        while True:
            found = re.search(pattern, self.log_text(), re.M)
            if found:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"HAProxy's log has no line matching {pattern!r} after {timeout:.0f} s; "
                                     f"see {self.log_path}")
            time.sleep(0.2)

    def stop(self) -> None:
        stop_process(self.process)
        self._log.close()


class Replicas:
    """The replicas deploy/haproxy.cfg names (three), sharing one PostgreSQL database, and HAProxy in front.

    Args:
        work_dir: A folder of the test's own, for logs, secrets and the replicas' state directory.
        database_url: The database every replica keeps people's data in (KIM_PATHWAYS_DATABASE_URL).
        secrets: The text of the one secrets file every replica reads, made from the load balancer's
            address (which its redirect_uri names); by default none (one's-own-computer mode, no sign-in).
    """

    def __init__(self, work_dir: Path, database_url: str, secrets: Callable[[str], str] = lambda url: ""):
        self.work_dir = work_dir
        self.database_url = database_url
        self.replicas: dict[str, Replica] = {}
        self.load_balancer: LoadBalancer | None = None
        self._lb_port = free_port()
        self.url = f"http://127.0.0.1:{self._lb_port}"
        """The load balancer's address: where people go."""
        secrets_dir = work_dir / "etc-kim-pathways"
        secrets_dir.mkdir(mode=0o700)
        self.secrets_path = secrets_dir / "secrets.toml"
        self.secrets_path.write_text(secrets(self.url), encoding="utf-8")
        self.secrets_path.chmod(0o600)
        text = environment_text(database_url=database_url)
        (secrets_dir / "environment").write_text(text, encoding="utf-8")
        ports: set[int] = {self._lb_port}
        while len(ports) < len(replica_names()) + 1:
            ports.add(free_port())
        # One StateDirectory=kim-pathways for every instance, as systemd gives the replicas of a machine.
        state_dir = work_dir / "var-lib-kim-pathways"
        state_dir.mkdir()
        try:
            for (name, _, _), port in zip(replica_names(), sorted(ports - {self._lb_port}), strict=True):
                recipe = replica_recipe(port, secrets_path=self.secrets_path, state_dir=state_dir,
                                        environment_text=text)
                self.replicas[name] = Replica(name, port, recipe, work_dir / f"{name}-{port}.log")
            for replica in self.replicas.values():  # started together, waited for in turn
                replica.wait_healthy()
            self.load_balancer = LoadBalancer(self.replicas, work_dir / "haproxy.log", port=self._lb_port)
        except BaseException:
            self.stop()
            raise

    def replica(self, name: str) -> Replica:
        return self.replicas[name]

    def serving(self, server_id: str) -> Replica:
        """The replica a SERVERID cookie's value sends a browser to."""
        assert self.load_balancer is not None
        return self.replicas[self.load_balancer.cookies[server_id]]

    def stop(self) -> None:
        """Stop HAProxy, then every replica still running; each is stopped even if another fails to."""
        stoppers = ([self.load_balancer.stop] if self.load_balancer is not None else [])
        failures = []
        for stop in stoppers + [replica.stop for replica in self.replicas.values()]:
            try:
                stop()
            except Exception as exc:  # noqa: BLE001 - the others are stopped first, then it is raised
                failures.append(exc)
        if failures:
            raise failures[0]

    def __enter__(self) -> Replicas:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
