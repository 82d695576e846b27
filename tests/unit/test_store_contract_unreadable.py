"""The repository contract for records that do not fit their model: left out, named to their owner, set aside.

Part of the contract suite: each test runs once per store (the `backend` fixture of
tests/conftest.py), and the spoilt record is planted with `backend.plant`.
"""

from __future__ import annotations

import pytest

from planner.domain.models import ItemStatus, PlanItem
from planner.errors import StoreError
from tests.conftest import Backend


@pytest.fixture
def alice(repo, make_profile):
    profile = make_profile(name="Alice Ashdown")
    repo.save_profile(profile)
    return profile


@pytest.fixture
def bob(repo, make_profile):
    profile = make_profile(name="Bob Brennan")
    repo.save_profile(profile)
    return profile


def _bogus_item(backend: Backend, profile_id, make_plan_item) -> dict:
    doc = make_plan_item(profile_id, objective="Status spoilt by hand").model_dump(mode="json")
    doc["status"] = "bogus"
    backend.plant("plan_items", profile_id, doc)
    return doc


def test_an_invalid_record_is_left_out_of_the_list_and_the_rest_are_listed(backend, repo, alice, make_plan_item):
    good = [make_plan_item(alice.id, objective=f"Objective {n}") for n in range(3)]
    repo.put_many(good[:2])
    _bogus_item(backend, alice.id, make_plan_item)
    repo.put(good[2])

    assert [item.objective for item in repo.list(PlanItem, alice.id)] == [i.objective for i in good]


def test_an_invalid_record_is_named_as_unreadable_with_its_kind_id_and_reason(backend, repo, alice, make_plan_item):
    bogus = _bogus_item(backend, alice.id, make_plan_item)

    [unreadable] = repo.unreadable_records(alice.id)
    assert (unreadable.kind, unreadable.record_id) == ("plan item", bogus["id"])
    *others, last = [f"'{status.value}'" for status in ItemStatus]
    assert unreadable.reason == f"The status must be one of {', '.join(others)} or {last}."
    assert bogus["id"] in unreadable.describe() and "plan item" in unreadable.describe()


def test_a_persons_unreadable_record_is_never_reported_to_another(backend, repo, alice, bob, make_plan_item):
    _bogus_item(backend, alice.id, make_plan_item)

    assert repo.unreadable_records(bob.id) == []
    assert repo.unreadable_records("nobody-saved") == []


def test_getting_an_invalid_record_by_its_id_still_says_it_cannot_be_read(backend, repo, alice, make_plan_item):
    bogus = _bogus_item(backend, alice.id, make_plan_item)

    # Never None: a caller would then save a new record over it, and the original would be lost.
    with pytest.raises(StoreError, match="A saved plan item could not be read"):
        repo.get(PlanItem, alice.id, bogus["id"])


def test_setting_an_unreadable_record_aside_keeps_it_and_leaves_the_rest(backend, repo, alice, make_plan_item):
    kept = make_plan_item(alice.id, objective="Still here")
    repo.put(kept)
    bogus = _bogus_item(backend, alice.id, make_plan_item)
    [unreadable] = repo.unreadable_records(alice.id)

    where = repo.set_aside_record(alice.id, unreadable)

    assert repo.unreadable_records(alice.id) == []
    assert repo.list(PlanItem, alice.id) == [kept]
    assert repo.get(PlanItem, alice.id, bogus["id"]) is None
    assert bogus in repo.set_aside_documents(alice.id)
    assert where


def test_a_record_mended_meanwhile_is_not_set_aside(backend, repo, alice, make_plan_item):
    bogus = _bogus_item(backend, alice.id, make_plan_item)
    [unreadable] = repo.unreadable_records(alice.id)
    mended = PlanItem.model_validate(bogus | {"status": "done"})
    repo.put(mended)

    with pytest.raises(StoreError, match="can be read now"):
        repo.set_aside_record(alice.id, unreadable)
    assert repo.list(PlanItem, alice.id) == [mended]


def test_set_aside_records_go_when_the_person_is_deleted(backend, repo, alice, make_plan_item):
    _bogus_item(backend, alice.id, make_plan_item)
    [unreadable] = repo.unreadable_records(alice.id)
    repo.set_aside_record(alice.id, unreadable)

    repo.delete_person(alice.id)

    assert repo.set_aside_documents(alice.id) == []


def test_a_record_spoilt_after_the_last_check_is_found_at_the_next(backend, repo, alice, make_plan_item):
    repo.put(make_plan_item(alice.id))
    assert repo.unreadable_records(alice.id) == []

    bogus = _bogus_item(backend, alice.id, make_plan_item)

    assert [r.record_id for r in repo.unreadable_records(alice.id)] == [bogus["id"]]
    assert [r.record_id for r in repo.unreadable_records(alice.id)] == [bogus["id"]]
