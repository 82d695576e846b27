"""Every page is registered, and every page opens without an error, empty or with a profile."""

from pathlib import Path

import pytest

from tests.app.conftest import ROOT, open_page
from ui import navigation

ALL_PAGE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
PAGE_FILES = [entry.path for entry in navigation.pages_of(server=False)]
"""The pages of the app on one's own computer (tests/app/test_server_mode.py opens every page on a server)."""


def test_every_page_file_is_registered_in_the_navigation():
    registered = sorted(entry.path for entry in navigation.PAGES)
    assert registered == ALL_PAGE_FILES


def test_every_registered_page_file_exists():
    for entry in navigation.PAGES:
        assert (ROOT / entry.path).is_file(), entry.path


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_opens_without_an_error_when_nothing_is_saved(data_dir, page):
    at = open_page(page)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_opens_without_an_error_with_a_profile(data_dir, person, page):
    at = open_page(page, profile_id=person.id)
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def test_every_page_address_is_its_file_name_so_the_first_request_after_a_start_finds_it():
    # Until app.py has run once, Streamlit finds a page by its file name (ui/navigation.py says why).
    for entry in navigation.PAGES:
        assert entry.url_path == Path(entry.path).stem, entry


@pytest.mark.parametrize("page", PAGE_FILES)
def test_page_stops_with_a_plain_message_when_the_profile_has_a_grade_this_installation_lacks(
    data_dir, repo, rated_person, page
):
    # Saved before imports checked grades, or left by a grade ladder that has since changed.
    repo.save_profile(rated_person.model_copy(update={"current_grade": "XG9", "target_grade": "XG10"}))
    at = open_page(page, profile_id=rated_person.id)
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error]
    # Told what to do, not that "something went wrong" (which means the page failed part way).
    assert not [m for m in shown if m.startswith("Something went wrong")], shown
    assert all("Traceback" not in m for m in shown)


def test_a_profile_with_a_grade_this_installation_lacks_can_be_mended_on_your_profile(data_dir, repo, person):
    repo.save_profile(person.model_copy(update={"current_grade": "XG9", "target_grade": "XG10"}))
    at = open_page("pages/profile.py", profile_id=person.id)
    assert at.selectbox(key="edit_profile_current_grade").value is None  # to be chosen again
    at.selectbox(key="edit_profile_current_grade").set_value("HEO")
    at.selectbox(key="edit_profile_target_grade").set_value("SEO")
    next(b for b in at.button if b.label == "Save profile").click().run()
    assert not at.exception
    mended = repo.get_profile(person.id)
    assert (mended.current_grade, mended.target_grade) == ("HEO", "SEO")
