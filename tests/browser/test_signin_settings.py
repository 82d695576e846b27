"""A server whose sign-in settings are broken says so plainly at start, and shows no one's data."""

from __future__ import annotations

import pytest

from tests.browser.conftest import settle
from tests.browser.signin import SignedInServer, secrets_toml


def _weak_secret(provider) -> str:
    lines = secrets_toml(provider).splitlines()
    return "\n".join('cookie_secret = "xxx"' if line.startswith("cookie_secret") else line for line in lines)


def _no_redirect(provider) -> str:
    return "\n".join(line for line in secrets_toml(provider).splitlines() if not line.startswith("redirect_uri"))


@pytest.mark.parametrize(("make_text", "said"), [
    (_weak_secret, "cookie_secret is too weak"),
    (_no_redirect, "redirect_uri is missing"),
    (lambda provider: "[auth\nredirect_uri = 'x'", "is not a valid settings file"),
])
def test_broken_sign_in_settings_give_a_plain_message_and_open_nothing(browser, provider, tmp_path, make_text, said):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    server = SignedInServer(data_dir, provider, secrets_text=make_text(provider))
    context = browser.new_context()
    try:
        page = context.new_page()
        for address in ("", "/plan", "/profile"):
            page.goto(server.url + address)
            settle(page)
            shown = page.locator("[data-testid='stApp']").inner_text()
            assert said in shown.replace("\\", "")
            assert "Traceback" not in shown and "Sign in" not in shown
            assert page.get_by_test_id("stSidebarNav").count() == 0
    finally:
        context.close()
        server.stop()
