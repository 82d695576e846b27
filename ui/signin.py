"""Sign-in on a department's server: which way the app runs, who is signed in, and the sidebar's part.

The app runs on a department's server when `.streamlit/secrets.toml` has an `[auth]` section: then
people sign in with `st.login` (OpenID Connect) and each is their identity (issuer and subject of
the ID token), never a profile chosen from a list or named in the address. Without `[auth]` it runs
as on a person's own computer, with the sidebar's profile chooser.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from planner.domain.server_config import ConfigProblem, ServerConfig, read_config
from planner.services.acting import Actor, profile_id_for
from ui.text import escape_markdown

_NOT_YET = object()
# Worked out once a run: the configuration and the person signed in (app.py starts each run afresh).
_config_this_run: ContextVar[object] = ContextVar("server_config_this_run", default=_NOT_YET)
_actor_this_run: ContextVar[object] = ContextVar("signed_in_actor_this_run", default=_NOT_YET)


def start_run() -> None:
    """Forget what the last run worked out (app.py calls this first)."""
    _config_this_run.set(_NOT_YET)
    _actor_this_run.set(_NOT_YET)


def _secrets() -> dict[str, Any]:
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError as exc:
        if "pars" in str(exc).casefold():  # the file is there but is not valid TOML
            raise ConfigProblem(
                "KIM Pathways cannot start, because .streamlit/secrets.toml is not a valid settings file "
                f"({exc}). Mend it, or remove it to run without sign-in on one computer."
            ) from None
        return {}  # no secrets file: one's own computer


def server_config() -> ServerConfig | None:
    """The checked server configuration, or None on one's own computer (no [auth] section).

    Raises:
        ConfigProblem: The configuration is there but cannot be used.
    """
    held = _config_this_run.get()
    if held is _NOT_YET:
        try:
            held = read_config(_secrets())
        except ConfigProblem as exc:
            held = exc
        _config_this_run.set(held)
    if isinstance(held, ConfigProblem):
        raise held
    return held  # type: ignore[return-value]


def on_server() -> bool:
    """Whether people sign in (a department's server) rather than choose a profile (one's own computer)."""
    try:
        return server_config() is not None
    except ConfigProblem:
        return True  # half-configured: treat as a server, so nobody's data is open to all


def signed_in() -> Actor | None:
    """The person signed in, or None (nobody signed in, or one's own computer)."""
    held = _actor_this_run.get()
    if held is _NOT_YET:
        held = _actor_from_identity()
        _actor_this_run.set(held)
    return held  # type: ignore[return-value]


def _actor_from_identity() -> Actor | None:
    config = server_config()
    if config is None:
        return None
    # One look at st.user a run: each look copies the identity and looks for the secrets' [auth]
    # section again (under AppTest, where no secrets file was parsed, it searches for the file).
    claims = st.user.to_dict()
    if not claims.get("is_logged_in", False):
        return None
    subject = str(claims.get("sub") or "")
    if not subject:
        return None  # an ID token always has a subject; without one nobody can be told apart
    email = str(claims.get("email") or "").strip()
    name = str(claims.get("name") or claims.get("preferred_username") or email or "You").strip()[:120]
    return Actor.on_server(profile_id_for(str(claims.get("iss") or ""), subject), name, email,
                           admin=config.is_admin(claims))


def _sign_out() -> None:
    st.session_state.clear()  # nothing of this person stays in the browser session
    st.logout()


def _sign_in(provider: str) -> None:
    st.login(provider) if provider else st.login()


def sign_in_buttons(config: ServerConfig, where: str) -> None:
    """A button to sign in with each identity provider configured."""
    for provider in config.providers:
        label = "Sign in" if len(config.providers) == 1 else f"Sign in with {provider}"
        st.button(label, key=f"sign_in_{where}_{provider or 'default'}", type="primary",
                  on_click=_sign_in, args=(provider,), icon=":material/login:")


def sidebar(config: ServerConfig) -> Actor | None:
    """Who is signed in (name and email) with Sign out, or Sign in; binds the session to that person.

    The session's chosen profile is always the signed-in person's own, set here on every run; when a
    different person signs in in the same browser session, everything the session kept is forgotten.
    """
    actor = signed_in()
    bound = actor.profile_id if actor else None
    if st.session_state.get("signed_in_profile") != bound:
        st.session_state.clear()
        st.session_state["signed_in_profile"] = bound
    st.session_state["profile_id"] = bound
    with st.sidebar:
        if actor is None:
            st.markdown("**You are not signed in**")
            st.caption("Sign in to assess yourself, plan and share with a mentor or a team.")
            sign_in_buttons(config, "sidebar")
        else:
            st.markdown("**Signed in as**")
            st.text(actor.name)
            if actor.email:
                st.caption(escape_markdown(actor.email))
            if actor.manages_shared_data:
                st.caption("Profession admin: you can change the curriculum, mappings and grade settings.")
            st.button("Sign out", key="sign_out", on_click=_sign_out, icon=":material/logout:")
    return actor


def ask_to_sign_in(config: ServerConfig, title: str) -> None:
    """What a page with personal data shows to someone not signed in."""
    st.title(title)
    st.info(
        "Sign in to use this page. Your assessments, plan and anything you share are yours alone: "
        "nobody else sees them unless you choose to share them with a mentor or a team.",
        icon=":material/lock:",
    )
    sign_in_buttons(config, "page")
