"""The use cases pages call: who is acting may change only their own data; a person's picture; plan edits."""

from datetime import UTC, date, datetime

import pytest

from planner import store
from planner.domain import assessment, mentees
from planner.domain.models import (
    AgendaPoint,
    AgreedAction,
    Assessment,
    Conversation,
    Draft,
    Mentee,
    PlanItem,
    Profile,
    Rating,
)
from planner.io import shipped
from planner.services import conversations, mentoring, picture, plans
from planner.services.acting import Actor, NotAllowed, may_change, require_mentor_of

NOW = datetime(2026, 11, 24, 10, tzinfo=UTC)
TODAY = date(2026, 11, 24)


# --- Who may do what ----------------------------------------------------------------------------


@pytest.mark.parametrize(("actor_id", "owner_id", "allowed"), [
    ("ann", "ann", True),
    ("ann", "bob", False),
    ("bob", "ann", False),
])
def test_a_person_may_change_only_their_own_data(actor_id, owner_id, allowed):
    assert may_change(Actor(actor_id, "someone"), owner_id) is allowed


def test_a_mentor_may_act_only_on_a_mentee_record_in_their_own_file():
    mentee = Mentee(profile_id="jo", mentee_profile_id="ceri", name="Ceri", source="local")
    require_mentor_of(Actor("jo", "Jo"), mentee)
    with pytest.raises(NotAllowed, match="not one of your mentees"):
        require_mentor_of(Actor("sam", "Sam"), mentee)
    with pytest.raises(NotAllowed):
        mentoring.view(store.MemoryRepository(), Actor("sam", "Sam"), mentee, NOW)


# --- A person's picture -------------------------------------------------------------------------


def test_the_picture_takes_the_latest_self_assessment_the_target_grade_and_its_gaps(fw, grades):
    from planner.domain import framework

    repo = store.MemoryRepository()
    person = Profile(name="Ada", current_grade="HEO", target_grade="SEO")
    repo.save_profile(person)
    older = Assessment(profile_id=person.id, taken_on=date(2026, 1, 1), ratings={"1.1.1": Rating(score=1)})
    newer = Assessment(profile_id=person.id, taken_on=date(2026, 6, 1), ratings={"1.1.1": Rating(score=4)})
    repo.add(older)
    repo.add(newer)
    repo.put(Draft(profile_id=person.id, ratings={"1.1.1": Rating(score=0)}))
    repo.add(PlanItem(profile_id=person.id, objective="Second", position=1))
    repo.add(PlanItem(profile_id=person.id, objective="First", position=0))
    levels = framework.grade_levels(shipped.load_framework(), grades, None)

    seen = picture.picture_of(repo, Actor.of(person), person, fw, levels)

    target, grade = assessment.default_target(fw, "HEO", "SEO", levels)
    assert seen.snapshot == newer and seen.ratings == newer.ratings and seen.own == [newer, older]
    assert (seen.target, seen.target_grade) == (target, grade) == (target, "SEO")
    assert seen.gaps == assessment.gaps(fw, newer.ratings, target)
    assert "1.1.1" in seen.met_codes and "1.1.1" not in {g.code for g in seen.gaps}
    assert seen.attained == {s.number: assessment.attained_level(fw, newer.ratings, s.number) for s in fw.skills}
    assert [i.objective for i in seen.plan_items] == ["First", "Second"]


def test_a_picture_of_someone_else_is_refused(fw, grades):
    repo = store.MemoryRepository()
    person = Profile(name="Ada", current_grade="HEO")
    repo.save_profile(person)
    with pytest.raises(NotAllowed):
        picture.picture_of(repo, Actor("someone-else", "Bob"), person, fw, {})


def test_a_target_that_cannot_be_worked_out_is_said_not_raised(fw):
    repo = store.MemoryRepository()
    person = Profile(name="Ada", current_grade="HEO")
    repo.save_profile(person)
    seen = picture.picture_of(repo, Actor.of(person), person, fw, {})  # no level for any grade
    assert seen.target is None and seen.target_problem and seen.gaps == []


# --- Saving plan edits --------------------------------------------------------------------------


def _plan(repo, person):
    items = [PlanItem(id=f"i{k}", profile_id=person.id, objective=f"Objective {k}", position=k) for k in range(2)]
    repo.put_many(items)
    return items


def test_plan_edits_are_saved_together(fw):
    repo = store.MemoryRepository()
    person = Profile(name="Ada", current_grade="HEO")
    repo.save_profile(person)
    items = _plan(repo, person)
    result = plans.save_plan_edits(repo, Actor.of(person), items, {"i1": {"Objective": "Sharper"}}, fw, NOW)
    assert result.problems == [] and [i.id for i in result.saved] == ["i1"]
    assert repo.get(PlanItem, person.id, "i1").objective == "Sharper"


def test_no_plan_edit_is_saved_when_one_breaks_a_rule(fw):
    repo = store.MemoryRepository()
    person = Profile(name="Ada", current_grade="HEO")
    repo.save_profile(person)
    items = _plan(repo, person)
    pending = {"i0": {"Objective": "Sharper"}, "i1": {"Indicators": "9.9.9"}}
    result = plans.save_plan_edits(repo, Actor.of(person), items, pending, fw, NOW)
    assert result.saved == [] and len(result.problems) == 1
    assert [i.objective for i in repo.list(PlanItem, person.id)] == ["Objective 0", "Objective 1"]


def test_someone_elses_plan_cannot_be_edited(fw):
    repo = store.MemoryRepository()
    person = Profile(name="Ada", current_grade="HEO")
    repo.save_profile(person)
    items = _plan(repo, person)
    with pytest.raises(NotAllowed):
        plans.save_plan_edits(repo, Actor("bob", "Bob"), items, {"i0": {"Objective": "Mine now"}}, fw, NOW)
    assert repo.get(PlanItem, person.id, "i0").objective == "Objective 0"


# --- Recording a conversation: all the writes or none ---------------------------------------------


def test_a_changed_record_stays_as_it_was_when_the_mentees_plan_cannot_be_written(fw):
    class FullDisk(store.MemoryRepository):
        fail = False

        def put_many(self, records):
            records = list(records)
            if self.fail and records and records[0].profile_id == ceri.id:
                raise OSError("No space left on device")
            super().put_many(records)

    repo = FullDisk()
    jo, ceri = Profile(name="Jo", current_grade="G7"), Profile(name="Ceri", current_grade="EO")
    repo.save_profile(jo)
    repo.save_profile(ceri)
    mentee = mentees.local_mentee(ceri, jo.id, [], NOW)
    repo.put(mentee)
    first = Conversation(profile_id=jo.id, mentee_id=mentee.id, held_on=TODAY, agenda=[AgendaPoint(title="Goals")],
                         actions=[AgreedAction(objective="Read ISO 15489", indicators=["2.2.1"])])
    saved = conversations.save_conversation(repo, Actor.of(jo), mentee, first, NOW, fw=fw).conversation
    plan_before = repo.list(PlanItem, ceri.id)

    repo.fail = True
    changed = saved.model_copy(update={"actions": [saved.actions[0].model_copy(update={"objective": "Read it twice"})]})
    with pytest.raises(OSError):
        conversations.save_conversation(repo, Actor.of(jo), mentee, changed, NOW, fw=fw)

    assert repo.get(Conversation, jo.id, saved.id) == saved
    assert repo.list(PlanItem, ceri.id) == plan_before


def test_on_every_store_a_conversation_and_its_agreed_actions_are_saved_together_or_not_at_all(
    repo, fw, monkeypatch
):
    jo, ceri = Profile(name="Jo", current_grade="G7"), Profile(name="Ceri", current_grade="EO")
    repo.save_profiles([jo, ceri])
    mentee = mentees.local_mentee(ceri, jo.id, [], NOW)
    repo.put(mentee)
    record = Conversation(profile_id=jo.id, mentee_id=mentee.id, held_on=TODAY,
                          actions=[AgreedAction(objective="Read ISO 15489", indicators=["2.2.1"])])
    really_put_many = repo.put_many

    def full_disk_for_ceri(records):
        records = list(records)
        if records and records[0].profile_id == ceri.id:
            raise store.StoreError("Could not save: the disk is full.")
        really_put_many(records)

    monkeypatch.setattr(repo, "put_many", full_disk_for_ceri)
    with pytest.raises(store.StoreError):
        conversations.save_conversation(repo, Actor.of(jo), mentee, record, NOW, fw=fw)
    assert repo.list(Conversation, jo.id) == [] and repo.list(PlanItem, ceri.id) == []

    monkeypatch.setattr(repo, "put_many", really_put_many)
    saved = conversations.save_conversation(repo, Actor.of(jo), mentee, record, NOW, fw=fw)
    assert [c.id for c in repo.list(Conversation, jo.id)] == [saved.conversation.id]
    assert [i.objective for i in repo.list(PlanItem, ceri.id)] == ["Read ISO 15489"]
