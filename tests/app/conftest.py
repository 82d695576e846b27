"""Fixtures for running the app's pages through Streamlit's AppTest."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planner import store
from planner.domain.models import Profile

ROOT = Path(__file__).resolve().parents[2]

# The app hides error details from people; tests want them, to say what broke.
st.config.set_option("client.showErrorDetails", "full")
APP = str(ROOT / "app.py")


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A fresh data directory the app under test writes to."""
    path = tmp_path / "kim-data"
    monkeypatch.setenv("KIM_PATHWAYS_DATA_DIR", str(path))
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


@pytest.fixture
def repo(data_dir) -> store.Repository:
    """A repository on the same data directory the app uses, to arrange and check saved data."""
    return store.open_repository(data_dir)


@pytest.fixture
def person(repo) -> Profile:
    """A saved profile: an HEO records manager aiming for SEO."""
    profile = Profile(
        name="Ada Lovelace",
        current_grade="HEO",
        current_role="Records manager",
        target_grade="SEO",
        target_role="Knowledge manager",
        created_at=datetime(2026, 1, 5, tzinfo=UTC),
    )
    repo.save_profile(profile)
    return profile


def open_page(page: str | None = None, *, profile_id: str | None = None) -> AppTest:
    """Run the app, optionally as a chosen profile, and switch to a page (a path under pages/)."""
    at = AppTest.from_file(APP, default_timeout=30)
    if profile_id:
        at.session_state["profile_id"] = profile_id
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def button(at: AppTest, label: str):
    """The button (including form submit buttons) with this label."""
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button labelled {label!r}; buttons: {[b.label for b in at.button]}"
    return matches[0]


def texts(at: AppTest) -> str:
    """Everything the page shows as text, for asserting on what a person reads."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "success", "info",
                 "warning", "error"):
        parts.extend(str(el.value) for el in getattr(at, kind))
    return "\n".join(parts)


def edit_cells(at: AppTest, key: str, edits: dict[int, dict[str, object]]) -> None:
    """Edit cells of a keyed st.data_editor, as AppTest expects: through its edit state."""
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}


@pytest.fixture
def rated_person(repo, person, fw):
    """The person with two saved self-assessments a month apart: level 2 met, some of level 3."""
    from datetime import date

    from planner.domain.models import Assessment, Rating

    first = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1}
    first |= {i.code: Rating(score=2) for i in fw.indicators if i.level == 2}
    second = {i.code: Rating(score=3) for i in fw.indicators if i.level <= 2}
    second |= {"3.1.1": Rating(score=4), "3.3.1": Rating(score=1), "2.2.2": Rating(score=4)}
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 9, 20), ratings=first))
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 10, 20), ratings=second))
    return person
