"""Mentoring by consent on a department's server, who-saw-what records, and forgetting a person who shared."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from planner.domain.models import (
    AccessRecord,
    AgreedAction,
    Conversation,
    DeletionNote,
    Mentorship,
    PlanItem,
    Profile,
    ProposedAction,
    first_kim_version,
)
from planner.errors import PlannerError
from planner.services import audit, consent, conversations, mentoring, privacy
from planner.services.acting import Actor, NotAllowed, profile_id_for

NOW = datetime(2026, 12, 2, 10, tzinfo=UTC)
ISSUER = "https://login.example.gov.uk"


def person(repo, login: str) -> Actor:
    """A signed-in person with a saved profile, as the server makes them."""
    actor = Actor.on_server(profile_id_for(ISSUER, login), login.capitalize(), f"{login}@example.gov.uk", admin=False)
    repo.save_profile(Profile(id=actor.profile_id, name=actor.name, email=actor.email, current_grade="HEO",
                              target_grade="SEO"))
    return actor


@pytest.fixture
def ada_and_grace(repo, make_assessment, make_plan_item):
    """Ada (a mentee with two self-assessments and a plan item) and Grace (a mentor), both signed in."""
    ada, grace = person(repo, "ada"), person(repo, "grace")
    repo.add(make_assessment(ada.profile_id, taken_on=date(2026, 1, 5)))
    repo.add(make_assessment(ada.profile_id, taken_on=date(2026, 6, 5)))
    repo.add(make_plan_item(ada.profile_id))
    return ada, grace


def accepted(repo, mentee: Actor, mentor: Actor, **shares) -> Mentorship:
    asked = consent.ask_mentor(repo, mentee, mentor.email, NOW, **shares)
    return consent.accept(repo, mentor, asked.id, NOW)


def test_nothing_is_visible_to_a_mentor_until_they_accept(repo, ada_and_grace):
    ada, grace = ada_and_grace
    asked = consent.ask_mentor(repo, ada, "GRACE@example.gov.uk ", NOW)

    assert mentoring.my_mentees(repo, grace) == []
    assert [m.id for m in consent.waiting_for(grace, consent.mine(repo, grace))] == [asked.id]
    assert consent.waiting_for(ada, consent.mine(repo, ada)) == []  # her own request waits for Grace, not her

    consent.accept(repo, grace, asked.id, NOW)
    [mentee] = mentoring.my_mentees(repo, grace)
    assert (mentee.name, mentee.source, mentee.mentee_profile_id) == ("Ada", "consent", ada.profile_id)


def test_the_mentor_sees_only_the_latest_self_assessment_and_what_is_shared(repo, ada_and_grace):
    ada, grace = ada_and_grace
    accepted(repo, ada, grace, shares_plan=False)
    [mentee] = mentoring.my_mentees(repo, grace)

    seen = mentoring.view(repo, grace, mentee, NOW)

    assert [a.taken_on for a in seen.assessments] == [date(2026, 6, 5)]
    assert seen.plan_items == []


def test_every_look_is_recorded_for_the_mentee_once_a_visit(repo, ada_and_grace):
    ada, grace = ada_and_grace
    accepted(repo, ada, grace)
    [mentee] = mentoring.my_mentees(repo, grace)

    for minutes in (0, 5, 29, 45):
        mentoring.view(repo, grace, mentee, NOW + timedelta(minutes=minutes))

    entries = audit.about_me(repo, ada, ada.profile_id)
    assert [(e.by_name, e.as_role, e.at) for e in entries] == [
        ("Grace", "mentor", NOW + timedelta(minutes=45)), ("Grace", "mentor", NOW)]
    assert entries[0].what == "saw your latest self-assessment and its gaps and your plan"
    assert repo.list(AccessRecord, grace.profile_id) == []  # nothing of Ada's is written in Grace's file
    with pytest.raises(NotAllowed):
        audit.about_me(repo, grace, ada.profile_id)


def test_only_the_person_asked_can_accept(repo, ada_and_grace):
    ada, grace = ada_and_grace
    alan = person(repo, "alan")
    asked = consent.ask_mentor(repo, ada, grace.email, NOW)

    for intruder in (alan, ada):
        with pytest.raises(NotAllowed):
            consent.accept(repo, intruder, asked.id, NOW)
    assert mentoring.my_mentees(repo, alan) == [] and repo.list_shared(Mentorship)[0].status == "asked"


def test_ending_stops_access_at_once_from_either_side(repo, ada_and_grace):
    ada, grace = ada_and_grace
    for ender in ("mentee", "mentor"):
        m = accepted(repo, ada, grace)
        [mentee] = mentoring.my_mentees(repo, grace)
        consent.end(repo, ada if ender == "mentee" else grace, m.id, NOW)

        assert mentoring.my_mentees(repo, grace) == []
        with pytest.raises(NotAllowed, match="no longer shares"):
            mentoring.view(repo, grace, mentee, NOW)
        with pytest.raises(NotAllowed):
            mentoring.rate(repo, grace, mentee, date(2026, 12, 2), {}, "", NOW, first_kim_version())


def test_a_mentor_asks_and_the_mentee_chooses_what_to_share(repo, ada_and_grace):
    ada, grace = ada_and_grace
    asked = consent.ask_mentee(repo, grace, ada.email, NOW)
    assert mentoring.my_mentees(repo, grace) == []

    consent.accept(repo, ada, asked.id, NOW, shares_assessment=False, shares_plan=True)
    [mentee] = mentoring.my_mentees(repo, grace)
    seen = mentoring.view(repo, grace, mentee, NOW)

    assert seen.assessments == [] and len(seen.plan_items) == 1


def test_asking_twice_or_oneself_is_refused_plainly(repo, ada_and_grace):
    ada, grace = ada_and_grace
    consent.ask_mentor(repo, ada, grace.email, NOW)
    with pytest.raises(PlannerError, match="already asked"):
        consent.ask_mentor(repo, ada, grace.email, NOW)
    with pytest.raises(PlannerError, match="your own email"):
        consent.ask_mentor(repo, ada, ada.email, NOW)
    with pytest.raises(PlannerError, match="not an email address"):
        consent.ask_mentor(repo, ada, "grace", NOW)


def test_agreed_actions_arrive_as_proposals_the_mentee_accepts_or_declines(repo, fw, ada_and_grace):
    ada, grace = ada_and_grace
    accepted(repo, ada, grace)
    [mentee] = mentoring.my_mentees(repo, grace)
    record = Conversation(profile_id=grace.profile_id, mentee_id=mentee.id, held_on=date(2026, 12, 1),
                          actions=[AgreedAction(objective="Shadow an information audit", indicators=["2.1.3"]),
                                   AgreedAction(objective="Read the Public Records Act", indicators=["1.1.2"])])

    saved = conversations.save_conversation(repo, grace, mentee, record, NOW, fw=fw)

    assert saved.proposed == 2
    plan_before = repo.list(PlanItem, ada.profile_id)
    assert len(plan_before) == 1  # nothing reaches the plan before she answers
    first, second = consent.proposals(repo, ada)
    consent.answer_proposal(repo, ada, first.id, True, NOW)
    consent.answer_proposal(repo, ada, second.id, False, NOW)
    objectives = [item.objective for item in repo.list(PlanItem, ada.profile_id)]
    assert objectives == [plan_before[0].objective, "Shadow an information audit"]
    assert consent.proposals(repo, ada) == []
    changes = [e for e in audit.about_me(repo, ada, ada.profile_id) if e.changed]
    assert [e.what for e in changes] == ["proposed 2 agreed actions for your plan"]
    # Saving the same record again proposes nothing new.
    assert conversations.save_conversation(repo, grace, mentee, record, NOW, fw=fw).proposed == 0


def test_proposals_go_when_the_mentorship_ends(repo, fw, ada_and_grace):
    ada, grace = ada_and_grace
    m = accepted(repo, ada, grace)
    [mentee] = mentoring.my_mentees(repo, grace)
    record = Conversation(profile_id=grace.profile_id, mentee_id=mentee.id, held_on=date(2026, 12, 1),
                          actions=[AgreedAction(objective="Shadow an information audit")])
    conversations.save_conversation(repo, grace, mentee, record, NOW, fw=fw)

    consent.end(repo, grace, m.id, NOW)

    assert consent.proposals(repo, ada) == [] and repo.list(ProposedAction, ada.profile_id) == []


def test_the_export_holds_the_record_of_who_saw_the_data_and_the_mentorships(repo, ada_and_grace):
    ada, grace = ada_and_grace
    accepted(repo, ada, grace)
    mentoring.view(repo, grace, mentoring.my_mentees(repo, grace)[0], NOW)

    exported = privacy.everything_about(repo, ada, ada.profile_id, NOW)

    assert [doc["by_name"] for doc in exported["records"]["access_records"]] == ["Grace"]
    assert [doc["mentor_email"] for doc in exported["sharing"]["mentorships"]] == [grace.email]


def test_deleting_a_mentor_takes_their_name_out_of_the_mentees_record_and_keeps_only_that_a_deletion_happened(
    repo, ada_and_grace
):
    ada, grace = ada_and_grace
    accepted(repo, ada, grace)
    mentoring.view(repo, grace, mentoring.my_mentees(repo, grace)[0], NOW)

    privacy.forget(repo, grace, grace.profile_id, NOW)

    [entry] = audit.about_me(repo, ada, ada.profile_id)
    assert (entry.by_id, entry.by_name) == ("", audit.DELETED_PERSON)
    assert repo.list_shared(Mentorship) == []
    [note] = repo.list_shared(DeletionNote)
    assert set(note.model_dump()) == {"schema_version", "id", "deleted_at"}


def test_deleting_a_mentee_removes_the_mentors_records_about_them(repo, fw, ada_and_grace):
    ada, grace = ada_and_grace
    accepted(repo, ada, grace)
    [mentee] = mentoring.my_mentees(repo, grace)
    conversations.save_conversation(
        repo, grace, mentee,
        Conversation(profile_id=grace.profile_id, mentee_id=mentee.id, held_on=date(2026, 12, 1),
                     actions=[AgreedAction(objective="Shadow an information audit")]), NOW, fw=fw)

    result = privacy.forget(repo, ada, ada.profile_id, NOW)

    assert result.others_records >= 1 and result.holders == ("Grace",)
    assert repo.list(Conversation, grace.profile_id) == []
    assert mentoring.my_mentees(repo, grace) == []


# --- Imports bound to the signed-in person ---------------------------------------------------


def test_a_plan_file_of_another_person_changes_only_the_signed_in_persons_own_data(
    repo, grades, make_assessment, make_plan_item, ada_and_grace
):
    from planner.domain.models import Assessment
    from planner.io import bundle
    from planner.services import plans

    ada, grace = ada_and_grace
    ada_profile = repo.get_profile(ada.profile_id)
    before = repo.export_person(ada.profile_id)["records"]
    # Ada's own records, exported: Grace uploads them (with Ada's ids) as if they were hers.
    data = bundle.export_bundle(ada_profile, repo.list(Assessment, ada.profile_id),
                                [make_plan_item(ada.profile_id, objective="Written into Ada's plan?")], NOW)

    read, _ = plans.import_plan(repo, grace, data, grades.codes, datetime.now(UTC))

    assert read.profile.id == grace.profile_id
    assert repo.export_person(ada.profile_id)["records"] == before
    assert [i.objective for i in repo.list(PlanItem, grace.profile_id)] == ["Written into Ada's plan?"]
    assert repo.get_profile(grace.profile_id).email == grace.email


def test_a_signed_in_person_with_no_profile_yet_imports_their_plan_under_their_own_identity(repo, grades,
                                                                                          make_plan_item):
    from planner.io import bundle
    from planner.services import plans

    newcomer = Actor.on_server(profile_id_for(ISSUER, "nia"), "Nia", "nia@example.gov.uk", admin=False)
    from_laptop = Profile(name="Nia Jones", current_grade="EO")
    data = bundle.export_bundle(from_laptop, [], [make_plan_item(from_laptop.id)], NOW)

    plans.import_plan(repo, newcomer, data, grades.codes, datetime.now(UTC))

    assert repo.get_profile(from_laptop.id) is None
    saved = repo.get_profile(newcomer.profile_id)
    assert (saved.name, saved.email) == ("Nia Jones", "nia@example.gov.uk")
    assert len(repo.list(PlanItem, newcomer.profile_id)) == 1


def test_a_mentors_file_with_another_persons_id_lands_in_the_signed_in_persons_own_plan(repo, fw, ada_and_grace):
    from planner.domain.mentees import MentorReturn

    ada, grace = ada_and_grace
    item = PlanItem(profile_id=ada.profile_id, objective="Meant for Ada")
    received = MentorReturn("A mentor", ada.profile_id, None, [], [item])

    mentoring.import_return(repo, grace, received, NOW)

    assert [i.objective for i in repo.list(PlanItem, grace.profile_id)] == ["Meant for Ada"]
    assert "Meant for Ada" not in [i.objective for i in repo.list(PlanItem, ada.profile_id)]


def test_export_and_delete_cover_the_teams_a_person_leads_or_joined(repo, ada_and_grace):
    from planner.domain.models import Team, TeamMember
    from planner.services import teams

    ada, grace = ada_and_grace
    team = teams.create_team(repo, grace, "Records team", NOW)
    invited = teams.invite(repo, grace, team.id, ada.email, NOW)
    teams.join(repo, ada, invited.id, NOW)

    exported = privacy.everything_about(repo, ada, ada.profile_id, NOW)
    assert [doc["name"] for doc in exported["sharing"]["teams"]] == ["Records team"]
    assert [doc["status"] for doc in exported["sharing"]["team_memberships"]] == ["joined"]

    privacy.forget(repo, grace, grace.profile_id, NOW)
    assert repo.list_shared(Team) == [] and repo.list_shared(TeamMember) == []


def test_a_mentor_whose_mentee_stopped_sharing_is_told_and_may_remove_their_own_notes(repo, fw, ada_and_grace):
    ada, grace = ada_and_grace
    m = accepted(repo, ada, grace)
    [mentee] = mentoring.my_mentees(repo, grace)
    conversations.save_conversation(
        repo, grace, mentee,
        Conversation(profile_id=grace.profile_id, mentee_id=mentee.id, held_on=date(2026, 12, 1),
                     actions=[AgreedAction(objective="Shadow an information audit")]), NOW, fw=fw)
    assert consent.ended_with_records(repo, grace) == []

    consent.end(repo, ada, m.id, NOW)

    assert [e.id for e in consent.ended_with_records(repo, grace)] == [m.id]
    mentoring.forget_mentee(repo, grace, m.id)
    assert consent.ended_with_records(repo, grace) == [] and repo.list(Conversation, grace.profile_id) == []
