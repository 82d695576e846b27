"""One person's damaged file or record harms no one else, and that person (only) is told and can mend it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.domain.models import PlanItem, Profile
from tests.app.conftest import APP, texts
from tests.conftest import plant_document
from ui import navigation
from ui.text import escape_markdown

NESTED = b"[" * 100_000 + b"]" * 100_000
SET_ASIDE = re.compile(r"\.unreadable-\d{8}T\d{6}Z(-\d+)?$")


@pytest.fixture
def alice(repo) -> Profile:
    profile = Profile(name="Alice Ashdown", current_grade="HEO", target_grade="SEO")
    repo.save_profile(profile)
    return profile


@pytest.fixture
def bob(repo) -> Profile:
    profile = Profile(name="Bob Brennan", current_grade="EO")
    repo.save_profile(profile)
    return profile


def break_file(data_dir: Path, profile_id: str, content: bytes) -> Path:
    """Spoil a person's file and drop the list of people, so the next visitor's listing reads every file."""
    path = data_dir / "people" / f"{profile_id}.json"
    path.write_bytes(content)
    (data_dir / "index.json").unlink()
    return path


def visit(page: str, profile_id: str | None = None, *, hidden: tuple[Profile, Path] | None = None) -> AppTest:
    """Open a page as open_page does; no run on the way may fail, nor show anything about `hidden`."""
    at = AppTest.from_file(APP, default_timeout=30)
    if profile_id:
        at.session_state["profile_id"] = profile_id
    at.run()
    shown(at) if hidden is None else assert_nothing_about(at, *hidden)
    at.switch_page(page)
    at.run()
    shown(at) if hidden is None else assert_nothing_about(at, *hidden)
    return at


def shown(at: AppTest) -> str:
    assert not at.exception, [e.value for e in at.exception]
    return texts(at)


def assert_nothing_about(at: AppTest, person: Profile, path: Path) -> None:
    seen = shown(at)
    for secret in (person.id, person.name, path.name, escape_markdown(path.name)):
        assert secret not in seen, f"{secret!r} shown to someone else:\n{seen}"
    assert "could not be read" not in seen


# --- A file nested 100,000 levels deep ------------------------------------------------------


@pytest.mark.parametrize("page", [entry.path for entry in navigation.pages_of(server=False)])
def test_every_page_loads_for_another_visitor_while_one_file_is_nested_100000_levels_deep(
    data_dir, alice, bob, page
):
    path = break_file(data_dir, alice.id, NESTED)

    at = visit(page, profile_id=bob.id, hidden=(alice, path))

    assert not at.error, [e.value for e in at.error]
    [moved] = [p for p in path.parent.iterdir() if SET_ASIDE.search(p.name)]
    assert moved.read_bytes() == NESTED  # kept for mending, not deleted


# --- Notices go to the person they concern --------------------------------------------------


def test_a_file_set_aside_during_another_visit_is_told_to_its_owner_and_not_to_the_visitor(
    data_dir, alice, bob
):
    hers = visit("pages/plan.py", profile_id=alice.id)
    assert "could not be read" not in shown(hers)
    path = break_file(data_dir, alice.id, b'{"profile": {"1": {"name": "Alice Ash')

    visit("pages/home.py", hidden=(alice, path))  # a new visitor, who has chosen no one yet
    visit("pages/plan.py", profile_id=bob.id, hidden=(alice, path))

    hers.run()
    [notice] = [w.value for w in hers.warning if "could not be read" in w.value]
    assert escape_markdown(str(path)) in notice and "Nothing was deleted" in notice
    hers.run()
    assert "could not be read" not in shown(hers)  # told once


def test_a_person_coming_back_at_their_own_address_is_told_their_file_was_set_aside(data_dir, alice, bob):
    path = break_file(data_dir, alice.id, b"\x00\xff not json")
    visit("pages/home.py", profile_id=bob.id, hidden=(alice, path))

    back = AppTest.from_file(APP, default_timeout=30)
    back.query_params["profile"] = alice.id  # the address her browser kept, as after a refresh
    back.run()

    [notice] = [w.value for w in back.warning if "could not be read" in w.value]
    assert escape_markdown(str(path)) in notice


# --- One invalid record ---------------------------------------------------------------------


@pytest.fixture
def spoilt_plan(repo, alice):
    """Alice's plan: two good items and one whose status was spoilt by hand."""
    good = [PlanItem(profile_id=alice.id, objective=f"Good objective {n}") for n in (1, 2)]
    repo.put_many(good)
    bogus = PlanItem(profile_id=alice.id, objective="Spoilt objective").model_dump(mode="json")
    bogus["status"] = "bogus"
    plant_document(repo, "plan_items", alice.id, bogus)
    return good, bogus


def set_aside_key(repo, profile_id: str) -> str:
    [record] = repo.unreadable_records(profile_id)
    return f"set_aside_record_{record.table}_{record.key}"


def test_one_invalid_plan_item_leaves_the_rest_of_the_plan_on_show_and_names_the_record(repo, alice, spoilt_plan):
    good, bogus = spoilt_plan

    at = visit("pages/plan.py", profile_id=alice.id)

    seen = shown(at)
    assert not at.error, [e.value for e in at.error]
    assert "2 items:" in seen
    [notice] = [w.value for w in at.warning if "could not be read" in w.value]
    assert escape_markdown(bogus["id"]) in notice and "plan item" in notice and "status" in notice.lower()
    assert at.button(key=set_aside_key(repo, alice.id)).label == "Set this plan item aside"


def test_an_invalid_plan_item_can_be_set_aside_from_any_page_and_nothing_is_deleted(
    data_dir, repo, alice, spoilt_plan
):
    good, bogus = spoilt_plan
    at = visit("pages/gaps.py", profile_id=alice.id)

    at.button(key=set_aside_key(repo, alice.id)).click().run()

    shown(at)
    assert not [w.value for w in at.warning if "could not be read" in w.value]
    [moved] = [p for p in (data_dir / "people").iterdir() if SET_ASIDE.search(p.name)]
    assert bogus["id"] in moved.read_text(encoding="utf-8")
    assert escape_markdown(str(moved)) in "\n".join(s.value for s in at.success)
    assert repo.list(PlanItem, alice.id) == good and repo.unreadable_records(alice.id) == []


def test_another_person_is_told_nothing_of_someone_elses_invalid_record(data_dir, alice, bob, spoilt_plan):
    _, bogus = spoilt_plan

    at = visit("pages/plan.py", profile_id=bob.id, hidden=(alice, data_dir / "people" / f"{alice.id}.json"))

    assert bogus["id"] not in shown(at)
    assert not [b for b in at.button if b.key and b.key.startswith("set_aside_record_")]


def test_a_spoilt_draft_of_ratings_can_be_set_aside_and_the_plan_then_shows(repo, alice):
    good = PlanItem(profile_id=alice.id, objective="Good objective")
    repo.put(good)
    plant_document(repo, "drafts", alice.id, {"id": "current", "profile_id": alice.id, "ratings": "spoilt"})
    at = AppTest.from_file(APP, default_timeout=30)
    at.session_state["profile_id"] = alice.id
    at.run()
    at.switch_page("pages/plan.py").run()
    assert "1 item:" not in texts(at)  # the page needs the draft, so it stops before the plan

    at.button(key=set_aside_key(repo, alice.id)).click().run()

    assert not at.error, [e.value for e in at.error]
    assert "1 item:" in shown(at)
    assert repo.unreadable_records(alice.id) == []
