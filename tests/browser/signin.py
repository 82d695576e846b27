"""Sign-in for the browser tests: a real OpenID Connect provider and a Streamlit server that uses it.

`OidcProvider` runs oidc-provider (tests/oidc/provider.js, Node) on a free port of 127.0.0.1; its
development login page takes any login name, and the ID token says who that is (sub = the login,
email = <login>@example.gov.uk, name = the login capitalised, groups = ["kim-profession-admins"]
when the login starts with "admin"). `SignedInServer` is the browser tests' `Server` with a
secrets file (an [auth] section pointing at that provider) kept in a temporary directory, never in
the repository's .streamlit/. `sign_in` goes through the whole sign-in in a Playwright page, as a
person would; `sign_out` through the sign-out and the provider's confirmation.

    provider = OidcProvider(tmp_dir)
    server = SignedInServer(data_dir, provider, admins_emails=("carol@example.gov.uk",))
    sign_in(page, server, "alice")          # or "admin-bob": a profession admin by group
    ...
    sign_out(page, server)
    server.stop(); provider.stop()
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from tests.browser.conftest import Server, settle

ROOT = Path(__file__).resolve().parents[2]
OIDC_DIR = ROOT / "tests" / "oidc"
ADMIN_GROUP = "kim-profession-admins"
CLIENT_ID = "kim-pathways-tests"
# Requests to 127.0.0.1 never go through a proxy, whatever the environment says.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def stop_process(process: subprocess.Popen) -> None:
    """Stop a server the tests started: asked first (SIGTERM), killed if it has not gone in 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on just now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OidcProvider:
    """A running oidc-provider on 127.0.0.1 with one client (id `client_id`, secret `client_secret`).

    Any http://127.0.0.1:<port>/oauth2callback is an accepted redirect URI, so one provider serves
    every Streamlit server of a test run. With `ask_consent` the provider shows its consent screen
    after the login page; otherwise consent is taken as given (a first-party app, as on Entra).
    """

    def __init__(self, log_dir: Path | None = None, *, client_id: str = CLIENT_ID, ask_consent: bool = False,
                 timeout: float = 30):
        if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
            raise RuntimeError("The test identity provider's npm packages are not installed: run "
                               "`npm ci --prefix tests/oidc` (bash scripts/test.sh does it).")
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("Node.js is not installed (the test identity provider runs on it): "
                               "install Debian's `nodejs npm`, or run `bash scripts/test.sh`, which does.")
        self.client_id = client_id
        self.client_secret = secrets.token_hex(32)
        self.log_dir = Path(log_dir) if log_dir is not None else Path(tempfile.mkdtemp(prefix="oidc-provider-"))
        # A free port can be taken between choosing and listening: then choose again.
        for _attempt in range(3):
            self.port = free_port()
            self.issuer = f"http://127.0.0.1:{self.port}"
            self.metadata_url = f"{self.issuer}/.well-known/openid-configuration"
            self.log_path = self.log_dir / f"oidc-provider-{self.port}.log"
            self._log = open(self.log_path, "w")
            env = dict(os.environ, PORT=str(self.port), OIDC_CLIENT_ID=client_id,
                       OIDC_CLIENT_SECRET=self.client_secret, OIDC_ASK_CONSENT="1" if ask_consent else "0")
            env.pop("OIDC_REDIRECT_URIS", None)
            self.process = subprocess.Popen(
                [node, str(OIDC_DIR / "provider.js"), str(self.port)],
                cwd=OIDC_DIR, env=env, stdout=self._log, stderr=subprocess.STDOUT,
            )
            if self._wait_ready(timeout):
                return
            self._log.close()
            if "cannot listen" not in self.log_path.read_text():
                break
        raise RuntimeError(f"the test identity provider did not start; see {self.log_path}")

    def _wait_ready(self, timeout: float) -> bool:
        """Whether the provider answers its discovery document (False if it exited)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with _DIRECT.open(self.metadata_url, timeout=2) as response:
                    if json.load(response).get("issuer") == self.issuer:
                        return True
            except (OSError, ValueError):
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the test identity provider did not answer in {timeout:.0f} s; see {self.log_path}")

    def metadata(self) -> dict:
        """The provider's discovery document (/.well-known/openid-configuration)."""
        with _DIRECT.open(self.metadata_url, timeout=5) as response:
            return json.load(response)

    def stop(self) -> None:
        stop_process(self.process)
        self._log.close()

    def __enter__(self) -> OidcProvider:
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()


def _toml_text(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid TOML basic string


def _toml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_toml_text(value) for value in values) + "]"


def secrets_toml(provider: OidcProvider, *, admins_emails: Iterable[str] = (),
                 admin_group: str = ADMIN_GROUP) -> str:
    """The text of a Streamlit secrets file that signs people in with this provider.

    Streamlit puts its own port in place of `{port}` in redirect_uri (streamlit/auth_util.py,
    get_redirect_uri), so one text serves a server on any port. The cookie secret is 64 random hex
    digits: strong, and free of the placeholder words the app refuses.
    """
    return "\n".join([
        "[auth]",
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"',
        f"cookie_secret = {_toml_text(secrets.token_hex(32))}",
        f"client_id = {_toml_text(provider.client_id)}",
        f"client_secret = {_toml_text(provider.client_secret)}",
        f"server_metadata_url = {_toml_text(provider.metadata_url)}",
        # Streamlit asks for prompt=select_account unless told otherwise; oidc-provider refuses it.
        'client_kwargs = { prompt = "login" }',
        "",
        "[kim_pathways]",
        f"admin_emails = {_toml_list(admins_emails)}",
        'admin_group_claim = "groups"',
        f"admin_groups = {_toml_list([admin_group])}",
        "",
    ])


class SignedInServer(Server):
    """`streamlit run <script>` (app.py unless told) on a free port, signing people in with `provider`.

    Like `Server`: its own data directory, run from the repository's root so that the repository's
    .streamlit/config.toml applies. The secrets file is written beside the data directory and given
    with `--secrets.files`, which replaces Streamlit's list of places to look: a .streamlit/secrets.toml
    in the repository or the home directory is not read. `secrets_text` replaces the generated text
    (for a test of a broken configuration).
    """

    def __init__(self, data_dir: Path, provider: OidcProvider, *, script: str | Path = "app.py",
                 admins_emails: Iterable[str] = (), admin_group: str = ADMIN_GROUP,
                 secrets_text: str | None = None, timeout: float = 60):
        self.data_dir = data_dir
        self.provider = provider
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        secrets_dir = data_dir.parent / f"secrets-{self.port}"
        secrets_dir.mkdir(mode=0o700)
        self.secrets_path = secrets_dir / "secrets.toml"
        text = secrets_text if secrets_text is not None else secrets_toml(
            provider, admins_emails=admins_emails, admin_group=admin_group)
        self.secrets_path.write_text(text)
        self.secrets_path.chmod(0o600)
        env = dict(os.environ, KIM_PATHWAYS_DATA_DIR=str(data_dir), NO_PROXY="127.0.0.1,localhost",
                   no_proxy="127.0.0.1,localhost")
        self.log = open(data_dir.parent / f"server-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             "--secrets.files", str(self.secrets_path)],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self._wait_healthy(timeout)


def sign_in(page, server: SignedInServer, login: str, password: str = "any password") -> None:
    """Sign in as `login` through the app's "Sign in" button and the provider's pages, as a person would.

    Returns on the app, with Streamlit idle. The provider's development login page takes any login
    name and any password; its consent screen, when shown, is accepted.
    """
    issuer = server.provider.issuer
    page.goto(server.url)
    settle(page)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(re.compile(re.escape(issuer) + r"/interaction/"))
    page.locator("input[name='login']").fill(login)
    page.locator("input[name='password']").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign-in").click()
    if page.url.startswith(issuer):  # the consent screen
        consent = page.get_by_role("button", name=re.compile(r"^(Continue|Authorize)$"))
        if not consent.count():
            raise AssertionError(f"the provider did not sign {login!r} in: {page.locator('body').inner_text()}")
        consent.click()
    app_page = re.compile(re.escape(server.url) + r"(/(?!oauth2callback)[^?#]*)?([?#].*)?$")
    page.wait_for_url(app_page)
    page.wait_for_selector("[data-testid='stApp']")
    settle(page)
    # Streamlit comes back to the app even when it could not finish the sign-in: say so here.
    names = {cookie["name"] for cookie in page.context.cookies(server.url)}
    if not any(name.startswith("_streamlit_user") and "tokens" not in name for name in names):
        raise AssertionError(f"Streamlit did not sign {login!r} in (no identity cookie); see {server.log.name}")


def sign_out(page, server: SignedInServer, button: str = "Sign out") -> None:
    """Press the app's sign-out button and confirm on the provider's page; returns on the app, idle.

    st.logout sends the browser to the provider's end_session_endpoint, which asks "Do you want to
    sign out?" before sending it back to the app.
    """
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(re.compile(re.escape(server.provider.issuer) + r"/session/end"))
    page.get_by_role("button", name="Yes, sign me out").click()
    page.wait_for_url(re.compile(re.escape(server.url) + r"(/(?!oauth2callback)[^?#]*)?([?#].*)?$"))
    page.wait_for_selector("[data-testid='stApp']")
    settle(page)
