"""Every page is registered, and every page opens without an error, empty or with a profile."""

from pathlib import Path

import pytest

from tests.app.conftest import ROOT, open_page
from ui import navigation

PAGE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))


def test_every_page_file_is_registered_in_the_navigation():
    registered = sorted(entry.path for entry in navigation.PAGES)
    assert registered == PAGE_FILES


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
