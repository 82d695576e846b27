"""Faults while the app runs: a person's file deleted, made unreadable, read-only, or the disk full.

Each time the person reads what happened in plain English, no traceback, and nothing saved is lost.
AppTest runs the app in this process, so a write can be made to fail by patching the file system calls.
"""

from __future__ import annotations

import errno
import os
import re
from datetime import date
from pathlib import Path

import pytest

from planner.domain.models import PlanItem, Settings
from planner.store import files as store_files
from tests.app.conftest import open_page, texts
from ui.text import escape_markdown

PYTHONISH = re.compile(r"Traceback|\w+(Error|Exception)\b|Error:|[Ee]rrno|File \"|pydantic|NoneType|<class ")
SET_ASIDE = re.compile(r"\.unreadable-\d{8}T\d{6}Z(-\d+)?$")


def person_file(data_dir: Path, profile_id: str) -> Path:
    return data_dir / "people" / f"{profile_id}.json"


def leftovers(data_dir: Path) -> list[str]:
    """Temporary files a failed write left behind (there must be none)."""
    return [p.name for p in data_dir.rglob("*.tmp")]


def held(repo, profile_id: str) -> dict:
    everything = repo.export_person(profile_id)
    everything.pop("exported_at")
    return everything


def assert_told_plainly(at, *words: str) -> str:
    assert not at.exception, [e.value for e in at.exception]
    told = "\n".join(e.value for e in at.error)
    assert told, "no error was shown"
    assert not PYTHONISH.search(told), told
    for word in words:
        assert word in told, f"{word!r} not in {told!r}"
    return told


# --- The person's file deleted --------------------------------------------------------------


def test_a_deleted_file_asks_to_choose_a_profile_again_and_saves_nothing(data_dir, repo, person):
    at = open_page("pages/plan.py", profile_id=person.id)
    path = person_file(data_dir, person.id)
    path.unlink()
    at.text_area(key="plan_add_objective").set_value("Written after the file went")
    at.button(key="plan_add").click().run()

    assert not at.exception, [e.value for e in at.exception]
    assert "Choose a profile in the sidebar, or create one" in texts(at)
    assert not path.exists()  # no empty file made in its place
    assert repo.list_profiles() == []


def test_a_rating_saved_after_the_file_was_deleted_is_refused_plainly(data_dir, repo, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    person_file(data_dir, person.id).unlink()
    at.radio(key="rate_1.1.1").set_value(3).run()

    assert_told_plainly(at, "No profile with this id")
    assert not person_file(data_dir, person.id).exists()


# --- The person's file made unreadable ------------------------------------------------------


@pytest.mark.parametrize("garbage", [b"\x00\xff\xfe garbage \x89PNG", b'{"profile": {"1": {"name": "Ada Lov'],
                         ids=["garbage bytes", "cut-short JSON"])
def test_an_unreadable_file_is_set_aside_and_the_page_says_so(data_dir, repo, person, garbage):
    at = open_page("pages/plan.py", profile_id=person.id)
    path = person_file(data_dir, person.id)
    path.write_bytes(garbage)
    at.run()

    assert not at.exception, [e.value for e in at.exception]
    [notice] = [w.value for w in at.warning if "could not be read" in w.value]
    [moved] = [p for p in path.parent.iterdir() if SET_ASIDE.search(p.name)]
    assert moved.name.startswith(path.name) and moved.read_bytes() == garbage  # kept, with a timestamp
    assert escape_markdown(str(moved)) in notice and "Nothing was deleted" in notice  # shown literally
    assert not PYTHONISH.search(notice)
    assert "Choose a profile in the sidebar" in texts(at)


# --- Writes that fail: read-only files, a full disk -----------------------------------------


def _refuse_writes_in(data_dir: Path, monkeypatch, error: OSError) -> None:
    """Make every replace of a file in the data folder fail, as a read-only folder or full disk would."""
    real_replace = os.replace

    def replace(source, target, *args, **kwargs):
        if Path(target).resolve().is_relative_to(data_dir.resolve()):
            raise error
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


class _FullDisk:
    """The os module as the store sees it, with a disk that fills up half way through a write."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def write(fd, data):
        os.write(fd, bytes(data[: len(data) // 2]))
        raise OSError(errno.ENOSPC, "No space left on device")


def _add_plan_item(at, person):
    at.text_area(key="plan_add_objective").set_value("Run a records-review workshop")
    at.button(key="plan_add").click().run()


def _rate(at, person):
    at.radio(key="rate_1.1.1").set_value(4).run()


def _rename(at, person):
    at.text_input(key="edit_profile_name").set_value("Ada King")
    at.button(key="FormSubmitter:edit_profile_form-Save profile").click().run()


def _save_settings(at, person):
    at.number_input(key="settings_min_months").set_value(18)
    at.button(key="settings_save").click().run()


SAVES = {
    "a plan item": ("pages/plan.py", _add_plan_item),
    "a rating (saved as it is chosen)": ("pages/assess.py", _rate),
    "the profile": ("pages/profile.py", _rename),
    "the settings": ("pages/settings.py", _save_settings),
}
FAULTS = {
    "read-only file": (PermissionError(errno.EACCES, "Permission denied"), "read-only"),
    "full disk": (None, "the disk is full"),
}


@pytest.fixture
def saved_before(repo, person):
    """The person with a saved plan item and settings, to check nothing of them is lost."""
    repo.put(PlanItem(profile_id=person.id, objective="Already in the plan", target_date=date(2027, 1, 31)))
    repo.save_settings(Settings(min_months_in_grade=9))
    return person


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("save", list(SAVES))
def test_a_failed_save_is_told_plainly_and_keeps_the_old_data(data_dir, repo, saved_before, monkeypatch,
                                                              save, fault):
    page, act = SAVES[save]
    error, words = FAULTS[fault]
    at = open_page(page, profile_id=saved_before.id)
    before = held(repo, saved_before.id), repo.get_settings()
    files = {p: p.read_bytes() for p in data_dir.rglob("*.json")}
    if error is None:
        monkeypatch.setattr(store_files, "os", _FullDisk())
    else:
        _refuse_writes_in(data_dir, monkeypatch, error)
    act(at, saved_before)
    monkeypatch.undo()

    told = assert_told_plainly(at, words)
    assert "unchanged" in told
    assert (held(repo, saved_before.id), repo.get_settings()) == before
    assert {p: p.read_bytes() for p in data_dir.rglob("*.json")} == files
    assert leftovers(data_dir) == []

