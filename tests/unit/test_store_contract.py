"""The repository contract: every implementation must pass every test here.

Each test runs once per store (the `backend` fixture of tests/conftest.py: memory, TinyDB and PostgreSQL).
Data no model would let through (saved by a newer version, or spoilt by hand) is planted with
`backend.plant`, so a new store adds its backend there and never edits this file.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import BaseModel

from planner import store
from planner.domain.models import SCHEMA_VERSION, Assessment, Draft, PlanItem, Profile, Rating, Settings
from planner.errors import NewerVersionError, RecordExists, StoreError
from tests.conftest import Backend


@pytest.fixture
def person(repo, make_profile) -> Profile:
    profile = make_profile()
    repo.save_profile(profile)
    return profile


@pytest.fixture
def plant(backend: Backend):
    """Save a document by hand, as another version of the app (or a person with an editor) might."""
    return backend.plant


# --- Profiles -------------------------------------------------------------------------------


def test_a_new_repository_has_no_profiles_settings_or_notices(repo):
    assert repo.list_profiles() == []
    assert repo.get_settings() is None
    assert repo.take_notices() == []


def test_a_saved_profile_reads_back_equal(repo, person):
    assert repo.get_profile(person.id) == person


def test_an_unknown_profile_reads_as_none(repo):
    assert repo.get_profile("no-such-person") is None


def test_saving_a_profile_with_the_same_id_replaces_it(repo, person):
    repo.save_profile(person.model_copy(update={"name": "Ada King", "target_grade": "SEO"}))

    saved = repo.get_profile(person.id)
    assert (saved.name, saved.target_grade) == ("Ada King", "SEO")
    assert [ref.name for ref in repo.list_profiles()] == ["Ada King"]


def test_profiles_are_listed_by_name_ignoring_case_then_by_id(repo, make_profile):
    for profile_id, name in [("b2", "bea"), ("a1", "Cal"), ("b1", "Bea"), ("z9", "al")]:
        repo.save_profile(make_profile(id=profile_id, name=name))

    assert [(ref.id, ref.name) for ref in repo.list_profiles()] == [
        ("z9", "al"),
        ("b1", "Bea"),
        ("b2", "bea"),
        ("a1", "Cal"),
    ]


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", "", "x" * 65, "dot.dot"])
def test_a_profile_id_that_is_not_plain_letters_digits_or_dashes_is_refused(
    repo, make_profile, bad_id
):
    with pytest.raises(StoreError, match="cannot be used as a profile id"):
        repo.save_profile(make_profile(id=bad_id))
    assert repo.list_profiles() == []


def test_save_profiles_saves_many_people_and_their_records_at_once(
    repo, make_profile, make_plan_item
):
    people = [make_profile(name=f"Person {n}") for n in range(5)]
    items = [make_plan_item(p.id) for p in people for _ in range(2)]

    repo.save_profiles(people, items)

    assert len(repo.list_profiles()) == 5
    assert all(len(repo.list(PlanItem, p.id)) == 2 for p in people)


def test_save_profiles_checks_every_record_has_a_profile_before_writing(
    repo, make_profile, make_plan_item
):
    newcomer = make_profile()

    with pytest.raises(StoreError, match="No profile with this id"):
        repo.save_profiles([newcomer], [make_plan_item(newcomer.id), make_plan_item("nobody")])

    assert repo.list_profiles() == []


# --- Per-person records ---------------------------------------------------------------------


def test_an_added_assessment_reads_back_with_all_its_ratings(repo, person, make_assessment):
    snapshot = make_assessment(person.id)
    repo.add(snapshot)

    assert repo.get(Assessment, person.id, snapshot.id) == snapshot
    assert len(repo.get(Assessment, person.id, snapshot.id).ratings) == 54


def test_an_assessment_snapshot_is_never_overwritten(repo, person, make_assessment):
    first = make_assessment(person.id, comment="first")
    repo.add(first)

    with pytest.raises(RecordExists, match="never overwritten"):
        repo.add(first.model_copy(update={"comment": "second"}))

    assert repo.get(Assessment, person.id, first.id).comment == "first"
    assert len(repo.list(Assessment, person.id)) == 1


def test_put_inserts_a_new_record_then_replaces_it_by_id(repo, person, make_plan_item):
    item = make_plan_item(person.id)
    repo.put(item)
    repo.put(item.model_copy(update={"objective": "Changed", "indicators": []}))

    saved = repo.list(PlanItem, person.id)
    assert [(i.id, i.objective, i.indicators) for i in saved] == [(item.id, "Changed", [])]


def test_the_draft_is_always_the_one_record_called_current(repo, person, make_draft):
    repo.put(make_draft(person.id))
    repo.put(make_draft(person.id, ratings={"2.2.2": Rating(score=4)}))

    drafts = repo.list(Draft, person.id)
    assert [d.id for d in drafts] == ["current"]
    assert list(drafts[0].ratings) == ["2.2.2"]


def test_records_are_listed_in_insertion_order_and_a_replaced_one_keeps_its_place(
    repo, person, make_plan_item
):
    items = [make_plan_item(person.id, objective=f"Objective {n}") for n in range(5)]
    for item in items:
        repo.put(item)
    repo.put(items[1].model_copy(update={"objective": "Edited"}))

    listed = repo.list(PlanItem, person.id)
    assert [i.id for i in listed] == [i.id for i in items]
    assert listed[1].objective == "Edited"


def test_put_many_inserts_and_replaces_records_of_one_person(
    repo, person, make_plan_item, make_draft
):
    existing = make_plan_item(person.id, objective="Old")
    repo.put(existing)
    fresh = [make_plan_item(person.id, objective=f"New {n}") for n in range(3)]

    replaced = existing.model_copy(update={"objective": "Replaced"})
    repo.put_many([replaced, *fresh, make_draft(person.id)])

    objectives = [i.objective for i in repo.list(PlanItem, person.id)]
    assert objectives == ["Replaced", "New 0", "New 1", "New 2"]
    assert repo.get(Draft, person.id, "current") is not None


def test_put_many_refuses_records_of_different_people_and_saves_none(
    repo, person, make_profile, make_plan_item
):
    other = make_profile(name="Grace Hopper")
    repo.save_profile(other)

    with pytest.raises(ValueError, match="one person"):
        repo.put_many([make_plan_item(person.id), make_plan_item(other.id)])

    assert repo.list(PlanItem, person.id) == []
    assert repo.list(PlanItem, other.id) == []


def test_put_many_of_nothing_does_nothing(repo):
    repo.put_many([])
    assert repo.list_profiles() == []


def test_remove_says_whether_something_was_removed(repo, person, make_plan_item):
    keep, drop = make_plan_item(person.id), make_plan_item(person.id)
    repo.put_many([keep, drop])

    assert repo.remove(PlanItem, person.id, drop.id) is True
    assert repo.remove(PlanItem, person.id, drop.id) is False
    assert repo.get(PlanItem, person.id, drop.id) is None
    assert [i.id for i in repo.list(PlanItem, person.id)] == [keep.id]


def test_records_of_one_person_are_not_seen_by_another(repo, person, make_profile, make_plan_item):
    other = make_profile(name="Grace Hopper")
    repo.save_profile(other)
    item = make_plan_item(person.id)
    repo.put(item)

    assert repo.list(PlanItem, other.id) == []
    assert repo.get(PlanItem, other.id, item.id) is None
    assert repo.remove(PlanItem, other.id, item.id) is False


@pytest.mark.parametrize("write", ["add", "put", "put_many"])
def test_writing_a_record_for_an_unknown_profile_raises(repo, make_plan_item, write):
    item = make_plan_item("nobody")
    with pytest.raises(StoreError, match="No profile with this id"):
        getattr(repo, write)([item] if write == "put_many" else item)


def test_reading_records_of_an_unknown_profile_finds_nothing(repo):
    assert repo.get(PlanItem, "nobody", "x") is None
    assert repo.list(PlanItem, "nobody") == []
    assert repo.remove(PlanItem, "nobody", "x") is False
    assert repo.list(PlanItem, "../../etc") == []


def test_a_model_that_is_not_a_registered_kind_is_refused(repo, person):
    with pytest.raises(ValueError, match="not a kind of record"):
        repo.list(Profile, person.id)


def test_returned_objects_are_copies_that_do_not_change_what_is_stored(
    repo, person, make_assessment, make_plan_item
):
    snapshot, item = make_assessment(person.id), make_plan_item(person.id)
    repo.add(snapshot)
    repo.put(item)

    repo.get_profile(person.id).name = "Mallory"
    repo.get(Assessment, person.id, snapshot.id).ratings["1.1.1"].score = 4
    repo.list(PlanItem, person.id)[0].indicators.append("4.3.5")
    repo.export_person(person.id)["records"]["plan_items"][0]["objective"] = "Mallory"
    item.objective = "Changed after saving"

    assert repo.get_profile(person.id).name == "Ada Lovelace"
    assert repo.get(Assessment, person.id, snapshot.id).ratings["1.1.1"].score == 2
    saved = repo.get(PlanItem, person.id, item.id)
    assert (saved.indicators, saved.objective) == (["2.1.3"], "Run a records-review workshop")


class Note(BaseModel):
    """A kind of record a later version might add (conversations, mentees ...)."""

    schema_version: int = SCHEMA_VERSION
    id: str
    profile_id: str
    text: str


def test_a_kind_added_to_person_tables_needs_no_other_change(repo, person, monkeypatch):
    monkeypatch.setitem(store.PERSON_TABLES, Note, "notes")
    repo.add(Note(id="n1", profile_id=person.id, text="Talked about records retention"))

    assert repo.list(Note, person.id)[0].text == "Talked about records retention"
    assert repo.export_person(person.id)["records"]["notes"][0]["id"] == "n1"
    repo.delete_person(person.id)
    assert repo.list(Note, person.id) == []


# --- Newer versions -------------------------------------------------------------------------


def test_a_record_saved_by_a_newer_version_raises_newer_version_error(repo, person, make_plan_item, plant):
    doc = make_plan_item(person.id).model_dump(mode="json") | {"schema_version": 999}
    plant("plan_items", person.id, doc)

    with pytest.raises(NewerVersionError, match="saved by a newer version of KIM Pathways"):
        repo.list(PlanItem, person.id)
    with pytest.raises(NewerVersionError):
        repo.get(PlanItem, person.id, doc["id"])
    with pytest.raises(NewerVersionError, match="saved by a newer version of KIM Pathways"):
        repo.list_many(PlanItem, [person.id])  # read for many people at once (a team view), the same


def test_reading_many_people_leaves_out_a_spoilt_record_and_refuses_one_a_newer_version_saved_whether_it_reads(
        repo, person, make_plan_item, plant):
    kept = make_plan_item(person.id, objective="Kept")
    repo.put(kept)
    spoilt = make_plan_item(person.id, objective="Spoilt").model_dump(mode="json") | {"status": "bogus"}
    plant("plan_items", person.id, spoilt)
    assert [i.objective for i in repo.list_many(PlanItem, [person.id])[person.id]] == ["Kept"]
    # A newer version's record that would read as this version's is still refused, not shown as if it were.
    newer = make_plan_item(person.id, objective="Newer").model_dump(mode="json") | {"schema_version": 999}
    plant("plan_items", person.id, newer)
    with pytest.raises(NewerVersionError):
        repo.list_many(PlanItem, [person.id])


def test_a_profile_saved_by_a_newer_version_raises_and_is_not_overwritten(repo, person, plant):
    doc = person.model_dump(mode="json") | {"schema_version": 999}
    plant(store.PROFILE_TABLE, person.id, doc)

    with pytest.raises(NewerVersionError, match="newer version of KIM Pathways"):
        repo.get_profile(person.id)
    with pytest.raises(NewerVersionError):
        repo.save_profile(person)


def test_a_person_whose_profile_a_newer_version_saved_can_still_be_deleted(repo, person, plant):
    plant(store.PROFILE_TABLE, person.id, person.model_dump(mode="json") | {"schema_version": 999})

    repo.delete_person(person.id)

    assert repo.list_profiles() == []
    assert repo.get_profile(person.id) is None


def test_replacing_a_record_saved_by_a_newer_version_is_refused(repo, person, make_plan_item, plant):
    item = make_plan_item(person.id)
    newer = item.model_dump(mode="json") | {"schema_version": 999}
    plant("plan_items", person.id, newer)

    with pytest.raises(NewerVersionError):
        repo.put(item)


def test_put_many_refused_part_way_saves_none_of_the_records(repo, person, make_plan_item, plant):
    first, second = make_plan_item(person.id), make_plan_item(person.id)
    plant("plan_items", person.id, second.model_dump(mode="json") | {"schema_version": 999})

    with pytest.raises(NewerVersionError):
        repo.put_many([first, second])

    assert repo.get(PlanItem, person.id, first.id) is None


def test_a_stored_record_that_does_not_fit_its_model_is_left_out_and_refused_plainly_by_id(repo, person, plant):
    broken = {"id": "p1", "profile_id": person.id, "objective": ""}
    plant("plan_items", person.id, broken)

    assert repo.list(PlanItem, person.id) == []
    with pytest.raises(StoreError, match="A saved plan item could not be read: field 'objective'"):
        repo.get(PlanItem, person.id, "p1")


# --- Settings, export and deletion ----------------------------------------------------------


def test_settings_round_trip(repo):
    settings = Settings(grade_levels={"HEO": 2, "SEO": 3}, min_months_in_grade=18)
    repo.save_settings(settings)
    repo.save_settings(settings.model_copy(update={"min_months_in_grade": 6}))

    assert repo.get_settings() == settings.model_copy(update={"min_months_in_grade": 6})


def test_export_holds_the_profile_and_every_registered_kind_even_when_empty(
    repo, person, make_assessment, make_plan_item
):
    snapshot = make_assessment(person.id)
    repo.add(snapshot)
    repo.put_many([make_plan_item(person.id), make_plan_item(person.id)])

    exported = json.loads(json.dumps(repo.export_person(person.id)))

    assert exported["schema_version"] == SCHEMA_VERSION
    assert date.fromisoformat(exported["exported_at"][:10])
    assert exported["profile"]["name"] == "Ada Lovelace"
    assert set(exported["records"]) == set(store.PERSON_TABLES.values())
    assert exported["records"]["assessments"] == [snapshot.model_dump(mode="json")]
    assert len(exported["records"]["plan_items"]) == 2
    assert exported["records"]["drafts"] == []


def test_export_of_an_unknown_person_raises(repo):
    with pytest.raises(StoreError, match="No profile with this id"):
        repo.export_person("nobody")


def test_delete_person_removes_the_profile_and_every_record_and_spares_others(
    repo, person, make_profile, make_assessment, make_plan_item, make_draft
):
    other = make_profile(name="Grace Hopper")
    repo.save_profile(other)
    repo.add(make_assessment(person.id))
    repo.put_many([make_plan_item(person.id), make_draft(person.id)])
    repo.put(make_plan_item(other.id))

    repo.delete_person(person.id)

    assert repo.get_profile(person.id) is None
    assert [ref.id for ref in repo.list_profiles()] == [other.id]
    for kind in store.PERSON_TABLES:
        assert repo.list(kind, person.id) == []
    assert len(repo.list(PlanItem, other.id)) == 1
    with pytest.raises(StoreError):
        repo.export_person(person.id)


def test_deleting_an_unknown_person_raises(repo):
    with pytest.raises(StoreError, match="No profile with this id"):
        repo.delete_person("nobody")


def test_everything_saved_is_there_when_the_store_is_opened_again(
    backend, person, make_assessment, make_plan_item, make_draft
):
    snapshot, item, draft = make_assessment(person.id), make_plan_item(person.id), make_draft(person.id)
    backend.repo.add(snapshot)
    backend.repo.put_many([item, draft])
    backend.repo.save_settings(Settings(min_months_in_grade=9))

    again = backend.reopen()

    assert [ref.id for ref in again.list_profiles()] == [person.id]
    assert again.get_profile(person.id) == person
    assert again.list(Assessment, person.id) == [snapshot]
    assert again.list(PlanItem, person.id) == [item]
    assert again.get(Draft, person.id, draft.id) == draft
    assert again.get_settings() == Settings(min_months_in_grade=9)


def test_a_deleted_person_can_be_created_again_from_scratch(repo, person, make_plan_item):
    repo.put(make_plan_item(person.id))
    repo.delete_person(person.id)

    repo.save_profile(person)

    assert repo.list(PlanItem, person.id) == []
    assert repo.get_profile(person.id) == person


# --- Change marks ---------------------------------------------------------------------------


def test_a_person_with_nothing_saved_has_no_change_mark(repo):
    assert repo.change_mark("no-such-person") is None


def test_the_change_mark_stays_the_same_while_nothing_is_written(repo, person, make_plan_item):
    repo.add(make_plan_item(person.id))
    mark = repo.change_mark(person.id)

    repo.list(PlanItem, person.id)
    repo.get_profile(person.id)
    repo.export_person(person.id)

    assert mark is not None
    assert repo.change_mark(person.id) == mark


def test_every_kind_of_write_changes_the_change_mark(repo, person, make_plan_item):
    item = make_plan_item(person.id)
    writes = [
        lambda: repo.add(item),
        lambda: repo.put(item.model_copy(update={"objective": "Changed"})),
        lambda: repo.put_many([make_plan_item(person.id), make_plan_item(person.id)]),
        lambda: repo.save_profile(person.model_copy(update={"name": "Ada King"})),
        lambda: repo.save_profiles([person], [make_plan_item(person.id)]),
        lambda: repo.remove(PlanItem, person.id, item.id),
    ]
    marks = [repo.change_mark(person.id)]
    for write in writes:
        write()
        marks.append(repo.change_mark(person.id))

    assert len(set(marks)) == len(marks), marks


def test_one_persons_writes_leave_anothers_change_mark_alone(repo, person, make_profile, make_plan_item):
    other = make_profile(name="Grace Hopper")
    repo.save_profile(other)
    mark = repo.change_mark(other.id)

    repo.add(make_plan_item(person.id))

    assert repo.change_mark(other.id) == mark


def test_a_deleted_person_has_no_change_mark(repo, person):
    repo.delete_person(person.id)

    assert repo.change_mark(person.id) is None


# --- Records shared between people (consents, teams) ----------------------------------------


def _mentorship(**fields):
    from planner.domain.models import Mentorship

    return Mentorship(**({"asked_by": "mentee", "mentee_id": "ada", "mentee_name": "Ada",
                          "mentor_email": "grace@example.gov.uk"} | fields))


def test_shared_records_read_back_in_the_order_first_saved(repo):
    from planner.domain.models import Mentorship, Team

    first, second = _mentorship(), _mentorship(mentee_id="alan")
    repo.put_shared(first)
    repo.put_shared(second)

    assert repo.list_shared(Mentorship) == [first, second]
    assert repo.list_shared(Team) == []


def test_putting_a_shared_record_with_the_same_id_replaces_it_in_place(repo):
    from planner.domain.models import Mentorship

    first, second = _mentorship(), _mentorship(mentee_id="alan")
    repo.put_shared(first)
    repo.put_shared(second)
    repo.put_shared(first.model_copy(update={"status": "active", "mentor_id": "grace"}))

    assert [(m.id, m.status) for m in repo.list_shared(Mentorship)] == [(first.id, "active"), (second.id, "asked")]


def test_shared_records_are_kept_apart_from_everyones_own_file(repo, person):
    from planner.domain.models import Mentorship

    repo.put_shared(_mentorship(mentee_id=person.id))

    exported = repo.export_person(person.id)
    assert "mentorships" not in exported["records"]
    repo.delete_person(person.id)
    assert len(repo.list_shared(Mentorship)) == 1  # the services decide what a deletion removes


def test_removing_shared_records_says_how_many_went(repo):
    from planner.domain.models import Mentorship

    kept_one, gone = _mentorship(), _mentorship(mentee_id="alan")
    repo.put_shared(kept_one)
    repo.put_shared(gone)

    assert repo.remove_shared(Mentorship, [gone.id, "no-such-id"]) == 1
    assert repo.remove_shared(Mentorship, []) == 0
    assert repo.list_shared(Mentorship) == [kept_one]


def test_only_shared_kinds_are_kept_as_shared_records(repo, person):
    with pytest.raises(ValueError, match="not a kind of shared record"):
        repo.put_shared(person)


# --- Imported data sets (the curriculum, the professional bodies' mapping) -------------------------


def test_no_data_set_is_kept_until_one_is_imported(repo):
    assert repo.get_data_set("curriculum.json") is None
    assert repo.data_set_mark("curriculum.json") is None
    assert repo.remove_data_set("curriculum.json") is False


def test_a_data_set_reads_back_whole_replaces_the_last_and_goes_when_removed(backend):
    repo = backend.repo
    first = {"note": "Ours", "activities": [{"id": "a", "title": "Records 101", "hours": 1.5}]}
    repo.put_data_set("curriculum.json", first)
    first_mark = repo.data_set_mark("curriculum.json")
    assert repo.get_data_set("curriculum.json") == first
    assert first_mark is not None
    assert backend.reopen().get_data_set("curriculum.json") == first  # kept, as a restart finds it
    assert repo.get_data_set("external_frameworks.json") is None  # each set on its own

    second = {"note": "Ours, revised", "activities": []}
    repo.put_data_set("curriculum.json", second)
    assert repo.get_data_set("curriculum.json") == second
    assert repo.data_set_mark("curriculum.json") != first_mark

    assert repo.remove_data_set("curriculum.json") is True
    assert repo.get_data_set("curriculum.json") is None
    assert repo.data_set_mark("curriculum.json") is None


def test_a_data_set_read_back_is_a_copy(repo):
    repo.put_data_set("curriculum.json", {"activities": [{"id": "a"}]})
    repo.get_data_set("curriculum.json")["activities"].clear()
    assert repo.get_data_set("curriculum.json") == {"activities": [{"id": "a"}]}


@pytest.mark.parametrize("name", ["../settings.json", "people/x.json", "curriculum", "", "Curriculum.JSON"])
def test_a_data_set_name_that_is_not_a_plain_json_file_name_is_refused(repo, name):
    with pytest.raises(ValueError, match="not the name of a data set"):
        repo.put_data_set(name, {})
    with pytest.raises(ValueError, match="not the name of a data set"):
        repo.get_data_set(name)


# --- Use cases as one unit (transactions) ----------------------------------------------------------


class _Refused(Exception):
    """Raised inside a transaction, as a use case that fails part way would."""


def test_everything_written_in_a_transaction_is_kept_together(backend, make_profile, make_plan_item):
    repo = backend.repo
    mentor, mentee = make_profile(name="Grace"), make_profile(name="Bob")
    with repo.transaction(people=[mentor.id, mentee.id]):
        repo.save_profile(mentor)
        repo.save_profile(mentee)
        repo.put(make_plan_item(mentor.id, objective="Mentor Bob"))
        repo.put(make_plan_item(mentee.id, objective="Agreed with Grace"))
        repo.put_shared(_mentorship(mentee_id=mentee.id))
        assert [i.objective for i in repo.list(PlanItem, mentee.id)] == ["Agreed with Grace"]  # seen inside
    again = backend.reopen()
    assert [p.name for p in again.list_profiles()] == ["Bob", "Grace"]
    assert [i.objective for i in again.list(PlanItem, mentor.id)] == ["Mentor Bob"]
    assert [i.objective for i in again.list(PlanItem, mentee.id)] == ["Agreed with Grace"]


def test_a_transaction_that_fails_part_way_keeps_none_of_its_writes_and_changes_nothing_saved(
    backend, make_profile, make_plan_item, make_assessment
):
    from planner.domain.models import Mentorship

    repo = backend.repo
    mentor, mentee = make_profile(name="Grace"), make_profile(name="Bob")
    item = make_plan_item(mentee.id, objective="Before")
    repo.save_profiles([mentor, mentee], [item])
    repo.save_settings(Settings(min_months_in_grade=9))
    kept_mentorship = _mentorship(mentee_id=mentee.id)
    repo.put_shared(kept_mentorship)
    before = {p.id: repo.export_person(p.id)["records"] for p in (mentor, mentee)}

    newcomer = make_profile(name="Ida")
    with pytest.raises(_Refused):
        with repo.transaction(people=[mentor.id, mentee.id]):
            repo.add(make_assessment(mentor.id))
            repo.put(item.model_copy(update={"objective": "After"}))
            repo.remove(PlanItem, mentee.id, item.id)
            repo.save_profile(newcomer)
            repo.put_shared(_mentorship(mentee_id="someone-else"))
            repo.remove_shared(Mentorship, [kept_mentorship.id])
            repo.save_settings(Settings(min_months_in_grade=24))
            repo.put_data_set("curriculum.json", {"activities": []})
            raise _Refused

    for where in (repo, backend.reopen()):
        assert {p.id: where.export_person(p.id)["records"] for p in (mentor, mentee)} == before
        assert [p.name for p in where.list_profiles()] == ["Bob", "Grace"]
        assert where.get_profile(newcomer.id) is None
        assert where.list_shared(Mentorship) == [kept_mentorship]
        assert where.get_settings() == Settings(min_months_in_grade=9)
        assert where.get_data_set("curriculum.json") is None
    repo.put(make_plan_item(mentee.id, objective="Carrying on"))  # the store is still usable
    assert [i.objective for i in repo.list(PlanItem, mentee.id)] == ["Before", "Carrying on"]


def test_a_transaction_inside_another_joins_it(repo, person, make_plan_item):
    with pytest.raises(_Refused):
        with repo.transaction(people=[person.id]):
            with repo.transaction(people=[person.id]):
                repo.put(make_plan_item(person.id, objective="Inner"))
            repo.put(make_plan_item(person.id, objective="Outer"))
            raise _Refused
    assert repo.list(PlanItem, person.id) == []  # the inner one's write went with the outer one's

    with repo.transaction(people=[person.id]):
        with repo.transaction():
            repo.put(make_plan_item(person.id, objective="Inner"))
    assert [i.objective for i in repo.list(PlanItem, person.id)] == ["Inner"]


def test_a_transaction_keeps_other_sessions_from_changing_its_people_until_it_ends(repo, person, make_plan_item):
    import threading
    import time

    read_it, ended, others_write_done = threading.Event(), [], []

    def use_case() -> None:
        with repo.transaction(people=[person.id]):
            count = len(repo.list(PlanItem, person.id))
            read_it.set()
            time.sleep(0.4)  # the other session tries to write meanwhile
            repo.put(make_plan_item(person.id, id="from-the-use-case", objective=f"{count} before me"))
            ended.append(time.monotonic())

    def other_session() -> None:
        read_it.wait(10)
        repo.put(make_plan_item(person.id, id="from-another-session", objective="Elsewhere"))
        others_write_done.append(time.monotonic())

    threads = [threading.Thread(target=use_case), threading.Thread(target=other_session)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert ended and others_write_done
    assert others_write_done[0] >= ended[0]  # it waited for the use case to end
    assert [i.objective for i in repo.list(PlanItem, person.id)] == ["0 before me", "Elsewhere"]


# --- Reading many people at once -------------------------------------------------------------------


def test_many_people_are_read_at_once_as_each_would_be_alone(repo, make_profile, make_plan_item, make_assessment):
    ada, bob, cy = make_profile(name="Ada"), make_profile(name="Bob"), make_profile(name="Cy")
    repo.save_profiles([ada, bob, cy], [make_plan_item(ada.id, objective="First"), make_plan_item(ada.id, objective="Second"),
                                        make_plan_item(cy.id, objective="Cy's")])
    repo.add(make_assessment(bob.id))
    asked = [cy.id, "nobody-saved", ada.id, bob.id, ada.id]

    assert repo.get_profiles(asked) == {cy.id: cy, ada.id: ada, bob.id: bob}
    items = repo.list_many(PlanItem, asked)
    assert {pid: [i.objective for i in found] for pid, found in items.items()} == {
        cy.id: ["Cy's"], "nobody-saved": [], ada.id: ["First", "Second"], bob.id: []}
    assert repo.list_many(Assessment, [bob.id]) == {bob.id: repo.list(Assessment, bob.id)}
    marks = repo.change_marks(asked)
    assert marks == {pid: repo.change_mark(pid) for pid in asked}
    assert marks["nobody-saved"] is None
    repo.put(make_plan_item(bob.id))
    again = repo.change_marks(asked)
    assert again[bob.id] != marks[bob.id] and again[ada.id] == marks[ada.id]


def test_add_many_saves_records_of_many_people_together_or_none_of_them(repo, make_profile, make_assessment):
    ada, bob = make_profile(name="Ada"), make_profile(name="Bob")
    repo.save_profiles([ada, bob])
    first, second = make_assessment(ada.id), make_assessment(bob.id)
    marks = repo.change_marks([ada.id, bob.id])
    repo.add_many([first, second])
    assert repo.list(Assessment, ada.id) == [first] and repo.list(Assessment, bob.id) == [second]
    assert all(repo.change_marks([ada.id, bob.id])[p] != marks[p] for p in (ada.id, bob.id))

    with pytest.raises(RecordExists):
        repo.add_many([make_assessment(bob.id), first])  # Ada's is saved already: Bob's new one is not kept
    assert len(repo.list(Assessment, bob.id)) == 1
    with pytest.raises(StoreError):
        repo.add_many([make_assessment(ada.id), make_assessment("nobody-saved")])
    assert repo.list(Assessment, ada.id) == [first]
    repo.add_many([])
