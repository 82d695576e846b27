"""Shared fixtures and factories for the whole suite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner import framework as _framework  # noqa: E402


@pytest.fixture(scope="session")
def fw():
    """The shipped framework."""
    return _framework.load_framework()


@pytest.fixture(scope="session")
def grades():
    """The shipped grade ladder."""
    return _framework.load_grades()


# --- Store: repositories and record factories (planner/store*.py) ------------------------
# Kept in one block so that other fixtures can be added around it without clashes.

from datetime import date as _date  # noqa: E402

from planner import models as _models  # noqa: E402
from planner import store as _store  # noqa: E402
from planner import store_tinydb as _store_tinydb  # noqa: E402


@pytest.fixture(params=["memory", "tinydb"])
def repo(request, tmp_path) -> _store.Repository:
    """Each repository implementation in turn (TinyDB in a fresh temporary folder)."""
    if request.param == "memory":
        return _store.MemoryRepository()
    return _store_tinydb.TinyDBRepository(tmp_path / "data")


@pytest.fixture
def tinydb_repo(tmp_path) -> _store_tinydb.TinyDBRepository:
    """A TinyDB repository in a fresh temporary folder."""
    return _store_tinydb.TinyDBRepository(tmp_path / "data")


@pytest.fixture
def make_profile():
    """Build a Profile; keyword arguments override the defaults."""

    def build(**overrides) -> _models.Profile:
        fields = {"name": "Ada Lovelace", "current_grade": "HEO"} | overrides
        return _models.Profile(**fields)

    return build


@pytest.fixture
def make_assessment(fw):
    """Build a self-assessment of one person with a rating for every indicator of the framework."""

    def build(profile_id: str, **overrides) -> _models.Assessment:
        ratings = {code: _models.Rating(score=2) for code in fw.codes}
        fields = {"profile_id": profile_id, "taken_on": _date(2025, 3, 1), "ratings": ratings}
        return _models.Assessment(**(fields | overrides))

    return build


@pytest.fixture
def make_plan_item():
    """Build a PDP item of one person."""

    def build(profile_id: str, **overrides) -> _models.PlanItem:
        fields = {
            "profile_id": profile_id,
            "objective": "Run a records-review workshop",
            "indicators": ["2.1.3"],
        }
        return _models.PlanItem(**(fields | overrides))

    return build


@pytest.fixture
def make_draft():
    """Build the ratings-in-progress draft of one person."""

    def build(profile_id: str, **overrides) -> _models.Draft:
        fields = {"profile_id": profile_id, "ratings": {"1.1.1": _models.Rating(score=3)}}
        return _models.Draft(**(fields | overrides))

    return build


# --- End of the store block ----------------------------------------------------------------
