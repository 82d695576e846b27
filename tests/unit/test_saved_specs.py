"""Job specifications saved under a name: saving, reopening every field, renaming and deleting, in every store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from planner import store
from planner.domain import jobspec
from planner.domain.models import JobSpec, JobSpecDraft, JobSpecFields, Profile
from planner.errors import PlannerError
from planner.services import job_specs
from planner.services.acting import Actor, NotAllowed

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
LENA = Actor("id-lena", "Lena Lead")
MO = Actor("id-mo", "Mo Manager")


def _draft(actor: Actor = LENA, **changes) -> JobSpecDraft:
    fields = dict(
        roles=["records-manager", "information-manager"], grade="HEO", extra=["3.2.1"], weights={"2.1.3": "Desirable"},
        title="Records and information manager", team="KIM", location="Leeds", salary_band="£36,000 to £42,000",
        closing_date=date(2027, 1, 15), summary="Keeps the records.", responsibilities="Run reviews\nAdvise teams",
        behaviours=["seeing-the-big-picture", "leadership", "working-together", "managing-a-quality-service"],
        pass_marks={"leadership": 5, "2.2.3": 6}, sift_weights={"leadership": 2.0, "2.1.3": 0.5},
    )
    return JobSpecDraft(profile_id=actor.profile_id, updated_at=NOW, **(fields | changes))


@pytest.fixture
def people(repo):
    for actor in (LENA, MO):
        repo.save_profile(Profile(id=actor.profile_id, name=actor.name, current_grade="G7"))
    return repo


def test_a_saved_specification_reopens_with_every_field_of_the_draft(backend):
    repo = backend.repo
    repo.save_profile(Profile(id=LENA.profile_id, name=LENA.name, current_grade="G7"))
    draft = _draft()
    spec, updated = job_specs.save(repo, LENA, draft, "  Records manager,  HEO 2027 ", NOW)
    assert not updated and spec.name == "Records manager, HEO 2027"
    assert repo.get(JobSpecDraft, LENA.profile_id, "current").saved_as == spec.id  # the draft knows it was saved

    repo.remove(JobSpecDraft, LENA.profile_id, "current")  # the lead discards the draft, or starts another post
    again = backend.reopen()  # another session, or a restart
    [kept] = job_specs.saved(again, LENA)
    reopened = job_specs.reopen(again, LENA, kept.id, NOW + timedelta(days=1))
    assert reopened.fields() == draft.fields()  # every field: behaviours, pass marks and weights too
    assert set(JobSpecFields.model_fields) >= {"behaviours", "pass_marks", "sift_weights", "weights", "extra"}
    assert reopened.saved_as == spec.id and again.get(JobSpecDraft, LENA.profile_id, "current") == reopened
    assert store.PERSON_TABLES[JobSpec] == "job_specs"


def test_saving_a_reopened_one_under_its_name_updates_it_and_another_name_keeps_both(people):
    repo = people
    first, _ = job_specs.save(repo, LENA, _draft(), "HEO records", NOW)
    draft = job_specs.reopen(repo, LENA, first.id, NOW)
    changed = draft.model_copy(update={"team": "Archives"})
    updated, was_there = job_specs.save(repo, LENA, changed, "heo records", NOW + timedelta(hours=1))
    assert was_there and updated.id == first.id and updated.name == "HEO records" and updated.team == "Archives"
    assert updated.saved_at == first.saved_at and updated.updated_at == NOW + timedelta(hours=1)
    other, was_there = job_specs.save(repo, LENA, changed, "HEO archives", NOW + timedelta(hours=2))
    assert not was_there and other.id != first.id
    assert [s.name for s in job_specs.saved(repo, LENA)] == ["HEO archives", "HEO records"]  # newest first


def test_a_name_must_be_given_and_not_another_saved_ones(people):
    repo = people
    job_specs.save(repo, LENA, _draft(), "HEO records", NOW)
    fresh = _draft(title="Another post")  # not reopened from it
    with pytest.raises(PlannerError, match="already saved a job specification called 'HEO Records'"):
        job_specs.save(repo, LENA, fresh, "HEO Records", NOW)
    with pytest.raises(PlannerError, match="Give the job specification a name"):
        job_specs.save(repo, LENA, fresh, "   ", NOW)
    with pytest.raises(PlannerError, match="too long"):
        job_specs.save(repo, LENA, fresh, "x" * 121, NOW)
    assert len(job_specs.saved(repo, LENA)) == 1


def test_a_saved_specification_is_renamed_but_not_to_another_ones_name(people):
    repo = people
    first, _ = job_specs.save(repo, LENA, _draft(), "HEO records", NOW)
    job_specs.save(repo, LENA, _draft(title="SEO"), "SEO records", NOW)
    renamed = job_specs.rename(repo, LENA, first.id, "HEO records, 2027 campaign", NOW)
    assert repo.get(JobSpec, LENA.profile_id, first.id).name == renamed.name == "HEO records, 2027 campaign"
    assert job_specs.rename(repo, LENA, first.id, "heo RECORDS, 2027 campaign", NOW).name == \
        "heo RECORDS, 2027 campaign"  # its own name in other letters
    with pytest.raises(PlannerError, match="already saved a job specification called 'SEO records'"):
        job_specs.rename(repo, LENA, first.id, "SEO records", NOW)


def test_deleting_a_saved_one_keeps_the_draft_as_one_not_saved(people):
    repo = people
    spec, _ = job_specs.save(repo, LENA, _draft(), "HEO records", NOW)
    deleted = job_specs.delete(repo, LENA, spec.id)
    assert deleted.id == spec.id and job_specs.saved(repo, LENA) == []
    draft = repo.get(JobSpecDraft, LENA.profile_id, "current")
    assert draft.saved_as is None and draft.fields() == _draft().fields()
    with pytest.raises(PlannerError, match="no longer saved"):
        job_specs.reopen(repo, LENA, spec.id, NOW)


def test_nobody_saves_reopens_renames_or_deletes_another_persons_specification(people):
    repo = people
    spec, _ = job_specs.save(repo, LENA, _draft(), "HEO records", NOW)
    with pytest.raises(NotAllowed):
        job_specs.save(repo, MO, _draft(), "Taken", NOW)
    for attempt in (lambda: job_specs.reopen(repo, MO, spec.id, NOW),
                    lambda: job_specs.rename(repo, MO, spec.id, "Mine", NOW),
                    lambda: job_specs.delete(repo, MO, spec.id)):
        with pytest.raises(PlannerError, match="no longer saved"):
            attempt()
    assert job_specs.saved(repo, MO) == [] and [s.name for s in job_specs.saved(repo, LENA)] == ["HEO records"]


def test_a_draft_saved_before_behaviours_reads_with_the_suggested_ones_and_the_usual_marks():
    old = {"schema_version": 1, "id": "current", "profile_id": "p", "roles": ["records-manager"], "grade": "HEO",
           "extra": [], "weights": {}, "title": None, "team": "KIM", "location": "", "salary_band": "",
           "closing_date": None, "summary": "", "responsibilities": "", "updated_at": NOW.isoformat()}
    draft = store.from_document(JobSpecDraft, old)
    assert draft.behaviours is None and draft.pass_marks == {} and draft.sift_weights == {}
    assert draft.saved_as is None and draft.team == "KIM"
    assert len(jobspec.SUGGESTED_BEHAVIOURS) == 4


def test_a_pass_mark_or_weight_out_of_range_is_not_kept():
    with pytest.raises(ValueError, match="less than or equal to 7"):
        _draft(pass_marks={"leadership": 8})
    with pytest.raises(ValueError, match="greater than or equal to 0"):
        _draft(sift_weights={"leadership": -1})
