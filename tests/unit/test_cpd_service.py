"""CPD log use cases: each acts on the acting person's own log only, and a plan item is logged once, on every store."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from planner import store
from planner.domain import cpd as rules
from planner.domain.models import CpdEntry, ItemStatus, PlanItem, Profile, RevalidationStatement
from planner.errors import PlannerError
from planner.services import cpd
from planner.services.acting import Actor, NotAllowed

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def _people(repo):
    ada, bob = Profile(name="Ada", current_grade="HEO"), Profile(name="Bob", current_grade="EO")
    repo.save_profiles([ada, bob])
    return ada, bob


def _entry(fw, profile_id: str, **fields) -> CpdEntry:
    base = dict(profile_id=profile_id, done_on=date(2026, 11, 2), hours=2, kind="others", title="Shadowed the DPO",
                today=TODAY, now=NOW)
    return rules.new_entry(fw, **(base | fields))


def test_on_every_store_a_done_plan_item_is_logged_once_and_again_after_its_entry_is_removed(repo, fw):
    ada, _ = _people(repo)
    item = PlanItem(profile_id=ada.id, objective="Run the FOI log", indicators=["1.3.1"], status=ItemStatus.DONE,
                    evidence="Ran it for a quarter")
    repo.put(item)
    me = Actor.of(ada)
    assert [i.id for i in cpd.items_to_log(repo, me)] == [item.id]
    logged = cpd.log_plan_item(repo, me, item.id, fw, done_on=TODAY, hours=5, kind="experience", learned=None,
                               applied="", today=TODAY, now=NOW)
    assert logged.learned == "Ran it for a quarter" and cpd.items_to_log(repo, me) == []
    with pytest.raises(PlannerError, match="already"):
        cpd.log_plan_item(repo, me, item.id, fw, done_on=TODAY, hours=5, kind="experience", learned=None,
                          applied="", today=TODAY, now=NOW)
    with pytest.raises(PlannerError, match="already"):  # nor by an entry made by hand for the same item
        cpd.add_entry(repo, me, _entry(fw, ada.id, plan_item_id=item.id), fw, TODAY)
    assert len(repo.list(CpdEntry, ada.id)) == 1
    cpd.remove_entry(repo, me, ada.id, logged.id)
    assert [i.id for i in cpd.items_to_log(repo, me)] == [item.id]


def test_entries_are_added_changed_and_removed_in_the_acting_persons_own_log(fw):
    repo = store.MemoryRepository()
    ada, _ = _people(repo)
    me = Actor.of(ada)
    added = cpd.add_entry(repo, me, _entry(fw, ada.id), fw, TODAY)
    changed = rules.changed_entry(added, fw, done_on=added.done_on, hours=3, kind="formal", title="A course",
                                  indicators=[], learned="", applied="", today=TODAY, now=NOW)
    cpd.change_entry(repo, me, changed, fw, TODAY)
    assert [(e.title, e.hours) for e in cpd.entries(repo, me, ada.id)] == [("A course", 3)]
    cpd.remove_entry(repo, me, ada.id, added.id)
    assert cpd.entries(repo, me, ada.id) == []
    with pytest.raises(PlannerError, match="no longer in your CPD log"):
        cpd.remove_entry(repo, me, ada.id, added.id)
    with pytest.raises(PlannerError, match="no longer in your CPD log"):
        cpd.change_entry(repo, me, changed, fw, TODAY)


def test_nobody_reads_or_changes_someone_elses_log_or_statement(fw):
    repo = store.MemoryRepository()
    ada, bob = _people(repo)
    mine = cpd.add_entry(repo, Actor.of(ada), _entry(fw, ada.id), fw, TODAY)
    cpd.save_statement(repo, Actor.of(ada), ada.id, "My own words.", NOW)
    bob_acts = Actor.of(bob)
    refusals = [
        lambda: cpd.entries(repo, bob_acts, ada.id),
        lambda: cpd.statement(repo, bob_acts, ada.id),
        lambda: cpd.add_entry(repo, bob_acts, _entry(fw, ada.id), fw, TODAY),
        lambda: cpd.change_entry(repo, bob_acts, mine.model_copy(update={"title": "Bob's now"}), fw, TODAY),
        lambda: cpd.remove_entry(repo, bob_acts, ada.id, mine.id),
        lambda: cpd.save_statement(repo, bob_acts, ada.id, "Bob's words.", NOW),
        lambda: cpd.record(repo, bob_acts, ada, fw, TODAY),
    ]
    for refused in refusals:
        with pytest.raises(NotAllowed):
            refused()
    assert [e.title for e in repo.list(CpdEntry, ada.id)] == ["Shadowed the DPO"]
    assert repo.get(RevalidationStatement, ada.id, "current").text == "My own words."


def test_a_plan_item_of_someone_else_cannot_be_logged(fw):
    repo = store.MemoryRepository()
    ada, bob = _people(repo)
    theirs = PlanItem(profile_id=ada.id, objective="Ada's", status=ItemStatus.DONE, evidence="Done")
    repo.put(theirs)
    with pytest.raises(PlannerError, match="no longer in your plan"):  # Bob's own plan has no such item
        cpd.log_plan_item(repo, Actor.of(bob), theirs.id, fw, done_on=TODAY, hours=1, kind="formal", learned=None,
                          applied="", today=TODAY, now=NOW)
    assert repo.list(CpdEntry, bob.id) == [] and repo.list(CpdEntry, ada.id) == []


def test_an_entry_dated_in_the_future_is_refused_by_the_service_too(fw):
    repo = store.MemoryRepository()
    ada, _ = _people(repo)
    made_yesterday = _entry(fw, ada.id, done_on=TODAY)
    with pytest.raises(PlannerError, match="today or earlier"):
        cpd.add_entry(repo, Actor.of(ada), made_yesterday, fw, date(2026, 11, 30))


def test_a_statement_over_250_words_is_kept_whole(fw):
    repo = store.MemoryRepository()
    ada, _ = _people(repo)
    text = " ".join(["word"] * 300)
    cpd.save_statement(repo, Actor.of(ada), ada.id, text, NOW)
    assert cpd.statement(repo, Actor.of(ada), ada.id).text == text
    record = cpd.record(repo, Actor.of(ada), ada, fw, TODAY)
    assert record.count.words == 300 and record.count.over == 50
