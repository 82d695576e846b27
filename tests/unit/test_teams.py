"""Teams by consent (planner/services/teams.py): only the lead manages a team, only joined people are seen."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from planner import store
from planner.domain.models import AccessRecord, Assessment, Profile, Rating, Team, TeamMember
from planner.errors import PlannerError
from planner.services import audit, teams
from planner.services.acting import Actor, NotAllowed

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

LEAD = Actor.on_server("id-lead", "Lena Lead", "lena@example.gov.uk", admin=False)
BOB = Actor.on_server("id-bob", "Bob Baker", "bob@example.gov.uk", admin=False)
CAROL = Actor.on_server("id-carol", "Carol Clark", "carol@example.gov.uk", admin=False)
LOCAL = Actor("id-local", "On my own computer")


def _person(repo: store.Repository, actor: Actor, score: int = 3) -> Profile:
    profile = Profile(id=actor.profile_id, name=actor.name, current_grade="HEO", target_grade="SEO",
                      email=actor.email)
    repo.save_profile(profile)
    repo.add(Assessment(profile_id=profile.id, taken_on=date(2026, 10, 1), ratings={"1.1.1": Rating(score=score)}))
    return profile


def _team_with(repo: store.Repository, *invited: Actor) -> Team:
    made = teams.create_team(repo, LEAD, "Records team", NOW)
    for person in invited:
        teams.invite(repo, LEAD, made.id, person.email, NOW)
    return made


def _invitation(repo: store.Repository, actor: Actor) -> TeamMember:
    (waiting,) = teams.invitations_for(repo, actor)
    return waiting.member


def _refused_and_unchanged(repo: store.Repository, action, error=NotAllowed) -> None:
    before = (repo.list_shared(Team), repo.list_shared(TeamMember))
    with pytest.raises(error) as refused:
        action()
    assert "Nothing was" in str(refused.value)
    assert (repo.list_shared(Team), repo.list_shared(TeamMember)) == before


# --- Making a team and inviting ----------------------------------------------------------------


def test_a_signed_in_person_makes_a_team_they_lead(repo):
    made = teams.create_team(repo, LEAD, "  Records   team ", NOW)

    assert made.name == "Records team" and made.lead_id == LEAD.profile_id and made.lead_name == "Lena Lead"
    assert teams.teams_i_lead(repo, LEAD) == [made]
    assert teams.teams_i_lead(repo, BOB) == []


@pytest.mark.parametrize(("name", "says"), [("", "Give the team a name"), ("   ", "Give the team a name"),
                                            ("x" * 121, "at most 120 characters")])
def test_a_team_needs_a_name(repo, name, says):
    with pytest.raises(PlannerError, match=says):
        teams.create_team(repo, LEAD, name, NOW)
    assert repo.list_shared(Team) == []


def test_a_lead_cannot_make_two_teams_of_one_name(repo):
    teams.create_team(repo, LEAD, "Records team", NOW)
    _refused_and_unchanged(repo, lambda: teams.create_team(repo, LEAD, "records TEAM", NOW), PlannerError)
    teams.create_team(repo, BOB, "Records team", NOW)  # another lead's team may share the name


def test_teams_need_sign_in(repo):
    _refused_and_unchanged(repo, lambda: teams.create_team(repo, LOCAL, "Records team", NOW))


def test_only_the_lead_invites(repo):
    made = _team_with(repo)
    _refused_and_unchanged(repo, lambda: teams.invite(repo, BOB, made.id, CAROL.email, NOW))


@pytest.mark.parametrize(("email", "says"), [
    ("not an address", "is not an email address"),
    ("LENA@example.gov.uk ", "your own email address"),
    ("bob@example.gov.uk", "has been invited already"),
    (" Bob@Example.gov.uk", "has been invited already"),
    ("x" * 310 + "@example.gov.uk", "at most 320 characters"),
])
def test_an_invitation_needs_a_new_address_not_the_leads_own(repo, email, says):
    made = _team_with(repo, BOB)
    with pytest.raises(PlannerError, match=says):
        teams.invite(repo, LEAD, made.id, email, NOW)
    assert len(repo.list_shared(TeamMember)) == 1


def test_someone_in_the_team_is_not_invited_again(repo):
    made = _team_with(repo, BOB)
    teams.join(repo, BOB, _invitation(repo, BOB).id, NOW)
    with pytest.raises(PlannerError, match="is already in the team"):
        teams.invite(repo, LEAD, made.id, BOB.email, NOW)


def test_someone_who_declined_can_be_invited_again_in_the_same_row(repo):
    made = _team_with(repo, BOB)
    first = _invitation(repo, BOB)
    teams.decline(repo, BOB, first.id, NOW)

    again = teams.invite(repo, LEAD, made.id, BOB.email, NOW + timedelta(days=1))

    assert again.id == first.id and again.status == "asked" and again.profile_id is None
    assert [m.status for m in teams.roster(repo, LEAD, made.id)] == ["asked"]


def test_an_invitation_to_a_deleted_team_is_refused(repo):
    _refused_and_unchanged(repo, lambda: teams.invite(repo, LEAD, "no-such-team", BOB.email, NOW), PlannerError)


# --- Answering -----------------------------------------------------------------------------------


def test_the_invited_person_sees_the_invitation_and_others_do_not(repo):
    made = _team_with(repo, BOB)

    (waiting,) = teams.invitations_for(repo, Actor.on_server("id-bob", "Bob", " BOB@example.gov.uk", admin=False))
    assert waiting.team == made and waiting.member.email == BOB.email
    assert teams.invitations_for(repo, CAROL) == []
    assert teams.invitations_for(repo, LEAD) == []
    assert teams.invitations_for(repo, Actor("id-bob", "Bob", BOB.email)) == []  # not signed in


def test_an_invitation_for_another_address_cannot_be_answered(repo):
    _team_with(repo, BOB)
    bobs = _invitation(repo, BOB)

    for answer in (teams.join, teams.decline):
        _refused_and_unchanged(repo, lambda answer=answer: answer(repo, CAROL, bobs.id, NOW))
        _refused_and_unchanged(repo, lambda answer=answer: answer(repo, LEAD, bobs.id, NOW))
    # Same profile id as Bob but another address: the address is what was invited.
    _refused_and_unchanged(repo, lambda: teams.join(
        repo, Actor.on_server(BOB.profile_id, "Bob", "bob@elsewhere.example", admin=False), bobs.id, NOW))


def test_joining_records_who_joined_and_an_answer_cannot_be_changed_by_answering_again(repo):
    made = _team_with(repo, BOB)
    invitation = _invitation(repo, BOB)

    joined = teams.join(repo, BOB, invitation.id, NOW)

    assert joined.team == made
    assert (joined.member.status, joined.member.profile_id, joined.member.name) == ("joined", BOB.profile_id,
                                                                                     BOB.name)
    assert teams.invitations_for(repo, BOB) == []
    assert [m.team for m in teams.teams_joined(repo, BOB)] == [made]
    _refused_and_unchanged(repo, lambda: teams.decline(repo, BOB, invitation.id, NOW), PlannerError)


def test_declining_keeps_no_name_and_shows_the_lead_nothing(repo, fw):
    made = _team_with(repo, BOB)
    _person(repo, BOB)

    declined = teams.decline(repo, BOB, _invitation(repo, BOB).id, NOW)

    assert declined.member.status == "declined" and declined.member.name == ""
    assert teams.teams_joined(repo, BOB) == []
    assert teams.joined_members(repo, LEAD, made.id, NOW) == []
    assert repo.list(AccessRecord, BOB.profile_id) == []


# --- What the lead sees ----------------------------------------------------------------------


def test_only_joined_members_are_seen_and_each_look_is_recorded_for_them(repo):
    made = _team_with(repo, BOB, CAROL, Actor.on_server("id-dan", "Dan", "dan@example.gov.uk", admin=False))
    for person in (BOB, CAROL):
        _person(repo, person)
    _person(repo, LEAD)
    teams.join(repo, BOB, _invitation(repo, BOB).id, NOW)  # Carol has a profile but has not answered

    seen = teams.joined_members(repo, LEAD, made.id, NOW)

    assert [(m.profile_id, m.name, m.grade, m.target_grade, dict(m.scores)) for m in seen] == [
        (BOB.profile_id, "Bob Baker", "HEO", "SEO", {"1.1.1": 3})]
    (entry,) = repo.list(AccessRecord, BOB.profile_id)
    assert (entry.by_id, entry.by_name, entry.as_role, entry.what) == (
        LEAD.profile_id, "Lena Lead", "team lead", "saw your profile and self-assessments (team Records team)")
    assert repo.list(AccessRecord, CAROL.profile_id) == []
    assert repo.list(AccessRecord, LEAD.profile_id) == []
    assert audit.about_me(repo, BOB, BOB.profile_id) == [entry]


def test_the_lead_seeing_themselves_in_their_own_team_is_not_recorded(repo):
    made = _team_with(repo)
    _person(repo, LEAD)
    # A lead cannot invite their own address; a record saying they joined (as another version might
    # have kept) is still read without recording a look at their own data.
    repo.put_shared(TeamMember(team_id=made.id, email="lena.lead@example.gov.uk", profile_id=LEAD.profile_id,
                               name=LEAD.name, status="joined"))

    assert [m.profile_id for m in teams.joined_members(repo, LEAD, made.id, NOW)] == [LEAD.profile_id]
    assert repo.list(AccessRecord, LEAD.profile_id) == []


def test_a_look_again_within_a_visit_is_recorded_once(repo):
    made = _team_with(repo, BOB)
    _person(repo, BOB)
    teams.join(repo, BOB, _invitation(repo, BOB).id, NOW)

    teams.joined_members(repo, LEAD, made.id, NOW)
    teams.joined_members(repo, LEAD, made.id, NOW + timedelta(minutes=5))
    assert len(repo.list(AccessRecord, BOB.profile_id)) == 1
    teams.joined_members(repo, LEAD, made.id, NOW + audit.SAME_VISIT + timedelta(minutes=1))
    assert len(repo.list(AccessRecord, BOB.profile_id)) == 2


def test_a_rerun_reads_nobody_again_until_something_of_theirs_changes_and_then_shows_it(repo, monkeypatch):
    made = _team_with(repo, BOB, CAROL)
    for person in (BOB, CAROL):
        _person(repo, person)
        teams.join(repo, person, _invitation(repo, person).id, NOW)
    teams.joined_members(repo, LEAD, made.id, NOW)  # the first look: everyone read, each look recorded

    read = []
    really_list_many = repo.list_many
    monkeypatch.setattr(repo, "list_many", lambda model, ids: read.append((model, list(ids))) or really_list_many(model, ids))
    again = teams.joined_members(repo, LEAD, made.id, NOW + timedelta(minutes=2))
    assert read == []  # neither assessments nor records of looks were read again
    assert [dict(m.scores) for m in again] == [{"1.1.1": 3}, {"1.1.1": 3}]

    # Bob rates himself again: the next rerun reads him (and only him), and shows his new rating.
    repo.add(Assessment(profile_id=BOB.profile_id, taken_on=date(2026, 11, 1), ratings={"1.1.1": Rating(score=4)}))
    seen = teams.joined_members(repo, LEAD, made.id, NOW + timedelta(minutes=3))
    assert {m.profile_id: dict(m.scores) for m in seen} == {BOB.profile_id: {"1.1.1": 4}, CAROL.profile_id: {"1.1.1": 3}}
    assert read == [(Assessment, [BOB.profile_id]), (AccessRecord, [BOB.profile_id])]
    assert len(repo.list(AccessRecord, BOB.profile_id)) == 1  # still the same visit

    # A new visit is recorded for each, even though nothing of theirs changed meanwhile.
    teams.joined_members(repo, LEAD, made.id, NOW + audit.SAME_VISIT + timedelta(minutes=1))
    assert [len(repo.list(AccessRecord, p.profile_id)) for p in (BOB, CAROL)] == [2, 2]


def test_a_member_without_a_profile_yet_is_not_read(repo):
    made = _team_with(repo, BOB)
    teams.join(repo, BOB, _invitation(repo, BOB).id, NOW)

    assert teams.joined_members(repo, LEAD, made.id, NOW) == []


def test_the_latest_self_assessment_is_what_the_lead_sees(repo):
    made = _team_with(repo, BOB)
    _person(repo, BOB, score=1)
    repo.add(Assessment(profile_id=BOB.profile_id, taken_on=date(2026, 10, 20), ratings={"1.1.1": Rating(score=4)}))
    repo.add(Assessment(profile_id=BOB.profile_id, taken_on=date(2026, 10, 25), assessor="mentor",
                        ratings={"1.1.1": Rating(score=0)}))
    teams.join(repo, BOB, _invitation(repo, BOB).id, NOW)

    (bob,) = teams.joined_members(repo, LEAD, made.id, NOW)
    assert dict(bob.scores) == {"1.1.1": 4} and bob.assessed_on == date(2026, 10, 20)


def test_only_the_lead_sees_the_team(repo):
    made = _team_with(repo, BOB)
    _person(repo, BOB)
    teams.join(repo, BOB, _invitation(repo, BOB).id, NOW)

    for other in (BOB, CAROL):
        with pytest.raises(NotAllowed, match="Only the team's lead"):
            teams.joined_members(repo, other, made.id, NOW)
        with pytest.raises(NotAllowed, match="Only the team's lead"):
            teams.roster(repo, other, made.id)
    assert repo.list(AccessRecord, BOB.profile_id) == []


# --- Leaving, removing, deleting -------------------------------------------------------------


def test_leaving_takes_the_member_out_of_the_leads_view_at_once(repo):
    made = _team_with(repo, BOB)
    _person(repo, BOB)
    membership = teams.join(repo, BOB, _invitation(repo, BOB).id, NOW).member
    assert len(teams.joined_members(repo, LEAD, made.id, NOW)) == 1

    left = teams.leave(repo, BOB, membership.id, NOW + timedelta(minutes=1))

    assert left.member.status == "left" and left.member.name == ""
    assert teams.joined_members(repo, LEAD, made.id, NOW + timedelta(minutes=2)) == []
    assert teams.teams_joined(repo, BOB) == []
    assert [m.status for m in teams.roster(repo, LEAD, made.id)] == ["left"]
    _refused_and_unchanged(repo, lambda: teams.leave(repo, BOB, membership.id, NOW), PlannerError)


def test_only_the_member_leaves(repo):
    _team_with(repo, BOB)
    membership = teams.join(repo, BOB, _invitation(repo, BOB).id, NOW).member
    for other in (LEAD, CAROL):
        _refused_and_unchanged(repo, lambda other=other: teams.leave(repo, other, membership.id, NOW))


def test_the_lead_removes_a_member_and_nobody_else_can(repo):
    made = _team_with(repo, BOB, CAROL)
    _person(repo, BOB)
    membership = teams.join(repo, BOB, _invitation(repo, BOB).id, NOW).member

    for other in (BOB, CAROL):
        _refused_and_unchanged(repo, lambda other=other: teams.remove_member(repo, other, membership.id))
    teams.remove_member(repo, LEAD, membership.id)

    assert [m.email for m in teams.roster(repo, LEAD, made.id)] == [CAROL.email]
    assert teams.joined_members(repo, LEAD, made.id, NOW) == []
    assert teams.teams_joined(repo, BOB) == []


def test_the_lead_deletes_the_team_with_every_membership_and_nobody_else_can(repo):
    made = _team_with(repo, BOB, CAROL)
    other_team = teams.create_team(repo, CAROL, "Carol's team", NOW)
    teams.invite(repo, CAROL, other_team.id, BOB.email, NOW)
    teams.join(repo, BOB, teams.invitations_for(repo, BOB)[0].member.id, NOW)

    for other in (BOB, CAROL):
        _refused_and_unchanged(repo, lambda other=other: teams.delete_team(repo, other, made.id))
    teams.delete_team(repo, LEAD, made.id)

    assert repo.list_shared(Team) == [other_team]
    assert {m.team_id for m in repo.list_shared(TeamMember)} == {other_team.id}
    assert teams.invitations_for(repo, CAROL) == []


def test_an_invitation_whose_team_has_gone_is_not_shown(repo):
    made = _team_with(repo, BOB)
    repo.remove_shared(Team, [made.id])  # as a failure part way through deleting it would leave it
    assert teams.invitations_for(repo, BOB) == []
    orphan = repo.list_shared(TeamMember)[0]
    _refused_and_unchanged(repo, lambda: teams.join(repo, BOB, orphan.id, NOW), PlannerError)


# --- Privacy -------------------------------------------------------------------------------------


def test_about_a_person_gives_the_teams_and_memberships_involving_them(repo):
    made = _team_with(repo, BOB, CAROL)
    carols = teams.create_team(repo, CAROL, "Carol's team", NOW)
    teams.invite(repo, CAROL, carols.id, BOB.email, NOW)
    untouched = teams.create_team(repo, Actor.on_server("id-eve", "Eve", "eve@example.gov.uk", admin=False),
                                  "Eve's team", NOW)
    teams.join(repo, BOB, teams.invitations_for(repo, BOB)[0].member.id, NOW)

    bobs = teams.about_person(repo, BOB.profile_id, BOB.email)
    assert {t.id for t in bobs.teams} == {made.id, carols.id}
    assert {(m.team_id, m.email) for m in bobs.memberships} == {(made.id, BOB.email), (carols.id, BOB.email)}

    leads = teams.about_person(repo, LEAD.profile_id, LEAD.email)
    assert [t.id for t in leads.teams] == [made.id]
    assert {m.email for m in leads.memberships} == {BOB.email, CAROL.email}
    assert untouched.id not in {t.id for t in bobs.teams + leads.teams}


def test_forgetting_a_member_removes_their_memberships_only(repo):
    made = _team_with(repo, BOB, CAROL)
    teams.join(repo, BOB, _invitation(repo, BOB).id, NOW)

    removed = teams.forget_person(repo, BOB.profile_id, BOB.email)

    assert removed == 1
    assert repo.list_shared(Team) == [made]
    assert [m.email for m in repo.list_shared(TeamMember)] == [CAROL.email]


def test_forgetting_an_invitee_who_never_answered_finds_them_by_address(repo):
    _team_with(repo, BOB)
    assert teams.forget_person(repo, "id-someone-new", "BOB@example.gov.uk") == 1
    assert repo.list_shared(TeamMember) == []


def test_forgetting_a_lead_removes_their_teams_with_every_membership(repo):
    _team_with(repo, BOB, CAROL)
    carols = teams.create_team(repo, CAROL, "Carol's team", NOW)
    kept = teams.invite(repo, CAROL, carols.id, BOB.email, NOW)

    assert teams.forget_person(repo, LEAD.profile_id, LEAD.email) == 3  # two invitations and the team

    assert repo.list_shared(Team) == [carols]
    assert repo.list_shared(TeamMember) == [kept]
    assert teams.forget_person(repo, "id-nobody", "") == 0


def test_the_team_records_survive_reopening_the_store(backend):
    made = _team_with(backend.repo, BOB)
    teams.join(backend.repo, BOB, _invitation(backend.repo, BOB).id, NOW)

    reopened = backend.reopen()
    assert teams.teams_i_lead(reopened, LEAD) == [made]
    assert [m.team for m in teams.teams_joined(reopened, BOB)] == [made]
