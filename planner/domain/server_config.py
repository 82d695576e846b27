"""Whether the app runs on a department's server, and checking that configuration before anyone signs in.

The app runs on a department's server when its secrets (`.streamlit/secrets.toml`) have an `[auth]`
section, which Streamlit's `st.login` reads (OpenID Connect). This module checks that section and
the app's own `[kim_pathways]` section (who the profession admins are) and says, in plain English,
everything that is wrong at once, so the app can refuse to start half-configured.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from planner.errors import PlannerError

PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
"""What Streamlit needs of each identity provider."""

MIN_SECRET_LENGTH = 32
_PLACEHOLDERS = ("change", "replace", "secret", "example", "xxxx", "your-", "todo")
_LOCAL_HOSTS = ("http://127.0.0.1", "http://localhost")


class ConfigProblem(PlannerError):
    """The server configuration cannot be used; the message lists every problem and how to mend it."""


@dataclass(frozen=True)
class ServerConfig:
    """A checked server configuration: the identity providers to offer and who the profession admins are."""

    providers: tuple[str, ...]
    """The providers to sign in with, by name; "" is the one configured directly under [auth]."""
    admin_emails: frozenset[str] = frozenset()
    admin_group_claim: str = "groups"
    admin_groups: frozenset[str] = frozenset()

    def is_admin(self, claims: Mapping[str, Any]) -> bool:
        """Whether the person these ID-token claims describe is a profession admin."""
        email = str(claims.get("email") or "").strip().casefold()
        if email and email in self.admin_emails:
            return True
        groups = claims.get(self.admin_group_claim) if self.admin_group_claim else None
        if isinstance(groups, str):
            groups = [groups]
        return isinstance(groups, list) and any(str(group) in self.admin_groups for group in groups)


def read_config(secrets: Mapping[str, Any]) -> ServerConfig | None:
    """The server configuration in these secrets, or None when there is no [auth] section (one's own computer).

    Raises:
        ConfigProblem: The [auth] or [kim_pathways] section cannot be used; the message says what to mend.
    """
    if "auth" not in secrets:
        return None
    auth = secrets["auth"]
    if not isinstance(auth, Mapping):
        raise _problem(["[auth] must be a section of settings, not a single value."])
    problems = _redirect_problems(auth.get("redirect_uri")) + _cookie_problems(auth.get("cookie_secret"))
    providers, provider_problems = _providers(auth)
    problems += provider_problems
    admins, admin_problems = _admins(secrets.get("kim_pathways", {}))
    problems += admin_problems
    if problems:
        raise _problem(problems)
    return ServerConfig(providers, *admins)


def _problem(problems: list[str]) -> ConfigProblem:
    listed = " ".join(f"({n}) {text}" for n, text in enumerate(problems, start=1))
    return ConfigProblem(
        "KIM Pathways cannot start sign-in, because the [auth] settings in .streamlit/secrets.toml "
        f"need mending: {listed} The README's section 'Running on a department's server' shows "
        "a complete example. Nobody can sign in until this is mended."
    )


def _redirect_problems(uri: object) -> list[str]:
    if not isinstance(uri, str) or not uri.strip():
        return ["redirect_uri is missing: set it to this server's address followed by /oauth2callback."]
    if not uri.startswith(("https://", *_LOCAL_HOSTS)):
        return ["redirect_uri must start with https:// (plain http is only for 127.0.0.1 or localhost)."]
    if not uri.rstrip().endswith("/oauth2callback"):
        return ["redirect_uri must end with /oauth2callback, where Streamlit receives the sign-in."]
    return []


def _cookie_problems(secret: object) -> list[str]:
    if not isinstance(secret, str) or not secret:
        return ["cookie_secret is missing: set it to a long random text (for example the output of "
                "`python -c \"import secrets; print(secrets.token_urlsafe(48))\"`)."]
    lowered = secret.casefold()
    if len(secret) < MIN_SECRET_LENGTH or len(set(secret)) < 10 or any(word in lowered for word in _PLACEHOLDERS):
        return [f"cookie_secret is too weak to protect sign-ins: use at least {MIN_SECRET_LENGTH} random "
                "characters, not a word or a placeholder (for example the output of "
                "`python -c \"import secrets; print(secrets.token_urlsafe(48))\"`)."]
    return []


def _providers(auth: Mapping[str, Any]) -> tuple[tuple[str, ...], list[str]]:
    named = {name: value for name, value in auth.items() if isinstance(value, Mapping) and name != "client_kwargs"}
    direct = any(key in auth for key in PROVIDER_KEYS)
    if not direct and not named:
        return (), ["No identity provider is set: give client_id, client_secret and server_metadata_url "
                    "under [auth] (or under [auth.NAME] for each provider)."]
    problems = []
    providers = []
    for name, settings in ([("", auth)] if direct else []) + sorted(named.items()):
        where = "[auth]" if not name else f"[auth.{name}]"
        missing = [key for key in PROVIDER_KEYS if not isinstance(settings.get(key), str) or not settings[key]]
        if missing:
            problems.append(f"{where} is missing {', '.join(missing)}.")
            continue
        url = settings["server_metadata_url"]
        if not url.startswith(("https://", *_LOCAL_HOSTS)):
            problems.append(f"{where} server_metadata_url must start with https:// "
                            "(plain http is only for 127.0.0.1 or localhost).")
        providers.append(name)
    return tuple(providers), problems


def _admins(section: object) -> tuple[tuple[frozenset[str], str, frozenset[str]], list[str]]:
    if not isinstance(section, Mapping):
        return (frozenset(), "groups", frozenset()), ["[kim_pathways] must be a section of settings."]
    problems = []

    def texts(key: str) -> frozenset[str]:
        value = section.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            problems.append(f"[kim_pathways] {key} must be a list of texts, such as [\"a@example.gov.uk\"].")
            return frozenset()
        return frozenset(item.strip() for item in value if item.strip())

    emails = frozenset(email.casefold() for email in texts("admin_emails"))
    groups = texts("admin_groups")
    claim = section.get("admin_group_claim", "groups")
    if not isinstance(claim, str):
        problems.append("[kim_pathways] admin_group_claim must be the name of a claim, such as \"groups\".")
        claim = "groups"
    return (emails, claim, groups), problems
