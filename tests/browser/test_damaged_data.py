"""Two people in two browsers: one person's file cannot be read; only that person is told, after a reload."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.conftest import create_profile, settle, shot

pytestmark = pytest.mark.browser


def test_a_file_set_aside_during_another_persons_visit_is_told_to_its_owner_when_she_reloads(
    server, browser, page
):
    page.goto(server.url)  # the home page first: a server's first visit to a sub-page skips app.py
    settle(page)
    create_profile(page, server, "Alice Ashdown", "Executive Officer (EO): guide level 2")
    # Her address keeps her profile, so a reload takes it up again (and is how she is known after one).
    page.wait_for_function("() => new URLSearchParams(location.search).has('profile')", timeout=30_000)
    alice_id = parse_qs(urlparse(page.url).query)["profile"][0]
    path = server.data_dir / "people" / f"{alice_id}.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    (server.data_dir / "index.json").unlink()  # the next listing of people reads every file

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    other.set_default_timeout(20_000)
    try:
        bob = other.new_page()
        bob.goto(server.url)
        settle(bob)
        bob.get_by_role("heading", name="KIM Pathways").first.wait_for()
        seen = bob.get_by_test_id("stApp").inner_text()
        assert "This app has encountered an error" not in seen
        assert alice_id not in seen and "could not be read" not in seen and "Alice" not in seen, seen
    finally:
        other.close()
    assert list(path.parent.glob(path.name + ".unreadable-*")), "the visitor's listing set her file aside"

    page.reload()
    settle(page)
    notice = page.get_by_test_id("stAlertContentWarning").filter(has_text="could not be read")
    notice.wait_for(timeout=30_000)
    assert str(path) in notice.inner_text() and "Nothing was deleted" in notice.inner_text()
    shot(page, "damaged-file-told-to-its-owner")
