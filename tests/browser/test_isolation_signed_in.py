"""On a department's server, person B cannot reach person A's data by any way a browser offers.

A real OpenID Connect provider and a real Streamlit server, both on free ports of 127.0.0.1; each
person signs in from their own browser context. B tries every page, A's address with A's profile
id in it, A's plan file uploaded as B's own, the downloads, and a browser session A used before.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from planner import store
from planner.domain.models import Assessment, PlanItem, Rating
from planner.io import bundle
from planner.services.acting import profile_id_for
from tests.browser.conftest import create_profile, settle
from tests.browser.signin import sign_in, sign_out
from ui import navigation

ANA_SECRETS = ("Ana Quartermaine", "ANA-PRIVATE-NOTE-7731", "ANA-PRIVATE-OBJECTIVE-5520")
EVERY_PAGE = [entry.url_path for entry in navigation.PAGES]


@pytest.fixture(scope="module")
def server(signed_in_server):
    return signed_in_server


def _context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(20_000)
    return context


@pytest.fixture(scope="module")
def ana(browser, server, provider):
    """Ana, signed in, with a profile, a note, a self-assessment and a plan item (saved as hers)."""
    context = _context(browser)
    page = context.new_page()
    sign_in(page, server, "ana")
    create_profile(page, server, ANA_SECRETS[0], "Higher Executive Officer (HEO): guide level 2",
                   target="Senior Executive Officer (SEO): guide level 3")
    repo = store.open_repository(server.data_dir)
    ana_id = profile_id_for(provider.issuer, "ana")
    profile = repo.get_profile(ana_id)
    assert profile is not None, "Ana's profile is not under the id of her identity"
    repo.save_profile(profile.model_copy(update={"notes": ANA_SECRETS[1]}))
    repo.add(Assessment(profile_id=ana_id, taken_on=date(2026, 11, 2),
                        ratings={"1.1.1": Rating(score=3, comment=ANA_SECRETS[1])}))
    repo.add(PlanItem(profile_id=ana_id, objective=ANA_SECRETS[2], indicators=["1.1.1"]))
    yield page, ana_id
    context.close()


@pytest.fixture(scope="module")
def ben(browser, server, ana):
    context = _context(browser)
    page = context.new_page()
    sign_in(page, server, "ben")
    yield page
    context.close()


def _shown(page) -> str:
    """What the page shows, and its whole HTML too (a table drawn on a canvas keeps its cells there)."""
    settle(page)
    return page.locator("[data-testid='stApp']").inner_text() + page.content()


def _wait_to_show(page, text: str) -> None:
    """Wait until the page holds this text (a table fills its cells in a moment after the run ends)."""
    settle(page)
    page.wait_for_function("t => document.documentElement.innerHTML.includes(t)", arg=text, timeout=15_000)


def _holds_nothing_of_ana(text: str) -> None:
    for secret in ANA_SECRETS:
        assert secret not in text


def test_ana_sees_her_own_data(ana, server):
    page, _ = ana
    page.goto(server.url + "/plan")
    _wait_to_show(page, ANA_SECRETS[2])


@pytest.mark.parametrize("url_path", EVERY_PAGE)
def test_no_page_shows_ben_anything_of_anas(ben, server, url_path):
    ben.goto(f"{server.url}/{url_path}")
    shown = _shown(ben)
    _holds_nothing_of_ana(shown)
    assert "Profile" not in [box.inner_text() for box in ben.get_by_test_id("stSidebar").get_by_role("combobox").all()]


@pytest.mark.parametrize("url_path", ["plan", "profile", "assess", "gaps", "mentees", "team"])
def test_anas_id_in_the_address_does_nothing(ben, ana, server, url_path):
    _, ana_id = ana
    ben.goto(f"{server.url}/{url_path}?profile={ana_id}")
    _holds_nothing_of_ana(_shown(ben))


def test_someone_not_signed_in_opening_anas_address_is_asked_to_sign_in(browser, ana, server):
    _, ana_id = ana
    context = _context(browser)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/plan?profile={ana_id}")
        shown = _shown(page)
        assert "Sign in to use this page" in shown
        _holds_nothing_of_ana(shown)
    finally:
        context.close()


def test_bens_download_of_everything_holds_nothing_of_anas(ben, ana, server):
    create_profile(ben, server, "Ben Okoro", "Executive Officer (EO): guide level 2")
    with ben.expect_download() as caught:
        ben.get_by_role("button", name="Download everything held about you (JSON)").click()
    everything = json.loads(open(caught.value.path(), encoding="utf-8").read())
    _, ana_id = ana
    assert everything["profile"]["name"] == "Ben Okoro"
    text = json.dumps(everything)
    assert ana_id not in text
    _holds_nothing_of_ana(text)


def test_anas_plan_file_uploaded_by_ben_changes_only_bens_data(ben, ana, server, tmp_path):
    _, ana_id = ana
    repo = store.open_repository(server.data_dir)
    anas_before = repo.export_person(ana_id)["records"]
    profile = repo.get_profile(ana_id)
    forged = bundle.export_bundle(profile, repo.list(Assessment, ana_id),
                                  [PlanItem(profile_id=ana_id, objective="Planted in Ana's plan by Ben")],
                                  datetime.now(UTC))
    path = tmp_path / "anas-plan.json"
    path.write_bytes(forged)

    ben.goto(server.url + "/plan")
    settle(ben)
    uploader = ben.get_by_test_id("stFileUploader").filter(has_text="Plan file (JSON")
    uploader.locator("input[type='file']").set_input_files(str(path))
    settle(ben)
    ben.get_by_role("button", name="Import the plan file").click()
    # The import's rerun may begin after the page first looks settled: wait for its message.
    _wait_to_show(ben, "Imported the plan file")
    assert repo.export_person(ana_id)["records"] == anas_before
    ben_id = next(ref.id for ref in repo.list_profiles() if ref.id != ana_id)
    assert "Planted in Ana's plan by Ben" in [i.objective for i in repo.list(PlanItem, ben_id)]
    assert ANA_SECRETS[2] not in [i.objective for i in repo.list(PlanItem, ben_id)]


def test_a_browser_session_ana_used_shows_nothing_of_hers_once_ben_signs_in_on_it(browser, ana, server):
    context = _context(browser)
    try:
        page = context.new_page()
        sign_in(page, server, "ana")
        page.goto(server.url + "/plan")
        _wait_to_show(page, ANA_SECRETS[2])
        sign_out(page, server)
        _holds_nothing_of_ana(_shown(page))
        sign_in(page, server, "ben")
        for url_path in ("plan", "profile", "assess"):
            page.goto(f"{server.url}/{url_path}")
            _holds_nothing_of_ana(_shown(page))
    finally:
        context.close()
