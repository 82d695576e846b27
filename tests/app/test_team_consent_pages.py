"""Teams by consent on a department's server: Team capability (the lead) and Sharing (the member), by AppTest."""

from __future__ import annotations

import json
from datetime import date

import pytest

from planner.domain.models import AccessRecord, Assessment, Profile, Rating, Team, TeamMember
from tests.app.conftest import button, csv_rows, open_signed_in, pdf_text, profile_id_of, texts

TEAM = "pages/team.py"
SHARING = "pages/sharing.py"


def _said(at) -> str:
    """The page's text as a person reads it (escaped text has an invisible word joiner after an @)."""
    return texts(at).replace("\u2060", "")


def _everything(at) -> str:
    """All a person can read on the page: text, tables and charts."""
    tables = "\n".join(df.value.to_string() for df in at.dataframe)
    charts = "\n".join(el.proto.spec for el in at.get("vega_lite_chart"))
    return "\n".join([_said(at), tables, charts])


def _saved_person(repo, fw, login: str, name: str, score: int = 3) -> Profile:
    profile = Profile(id=profile_id_of(login), name=name, current_grade="HEO", target_grade="SEO",
                      email=f"{login}@example.gov.uk")
    repo.save_profile(profile)
    repo.add(Assessment(profile_id=profile.id, taken_on=date(2026, 10, 1),
                        ratings={code: Rating(score=score) for code in fw.codes}))
    return profile


def _make_team(at, name: str = "Records team") -> None:
    at.text_input(key="team_new_name").input(name)
    button(at, "Make the team").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]


def _invite(at, email: str) -> None:
    at.text_input(key="team_invite_email").input(email)
    button(at, "Invite them").click()
    at.run()


def _bobs_invitation(repo) -> TeamMember:
    return next(m for m in repo.list_shared(TeamMember) if m.email == "bob@example.gov.uk")


@pytest.fixture
def people(repo, fw):
    """Bob and Carol, each with a profile and a self-assessment; Carol's name is found nowhere else."""
    return _saved_person(repo, fw, "bob", "Bob Baker"), _saved_person(repo, fw, "carol", "Carolyn Quillfeather", 1)


def test_on_a_server_nobody_can_be_chosen_from_everyone_who_uses_it(data_dir, people):
    at = open_signed_in(TEAM, "lena")

    assert not at.exception and not at.error
    assert not [box for box in at.multiselect if box.label == "People who use this installation"]
    shown = _everything(at)
    assert "Bob Baker" not in shown and "Carolyn" not in shown
    assert "Saved on this server: the teams you make" in shown and "Nothing on this page is saved" not in shown
    assert "You lead no team yet" in shown
    assert "When people join your team, or you upload their share files" in shown


def test_the_lead_sees_only_who_joined_until_they_leave(data_dir, repo, people, downloads):
    bob, carol = people
    lead = open_signed_in(TEAM, "lena")
    _make_team(lead)
    _invite(lead, "bob@example.gov.uk")
    _invite(lead, "carol@example.gov.uk")
    assert "Invited bob@example.gov.uk" not in _said(lead)  # the second flash replaced the first
    assert "Invited carol@example.gov.uk to Records team" in _said(lead)

    # Nobody has answered: the lead sees the addresses typed and nothing else.
    shown = _everything(lead)
    assert "bob@example.gov.uk" in shown and "carol@example.gov.uk" in shown
    assert "Bob Baker" not in shown and "Carolyn" not in shown
    assert "no answer yet" in shown
    assert repo.list(AccessRecord, bob.id) == [] and repo.list(AccessRecord, carol.id) == []

    # Bob sees the invitation on his Sharing page and joins.
    member = open_signed_in(SHARING, "bob")
    assert "**Lena** invited you on" in _said(member) and "Records team" in _said(member)
    assert "latest self-assessment ratings" in _said(member)
    member.button(key=f"team_join_{_bobs_invitation(repo).id}").click()
    member.run()
    assert not member.exception and not member.error
    assert "You have joined Records team" in _said(member)
    assert "You have been in the team **Records team**" in _said(member)

    # The lead's capability view now has Bob, and only Bob; the look is recorded for him alone.
    lead.run()
    assert not lead.exception and not lead.error, [e.value for e in lead.error]
    shown = _everything(lead)
    assert "Bob Baker" in shown and "Carolyn" not in shown
    assert "**1 person** in the team: 1 who joined Records team and 0 from share files." in shown
    (look,) = repo.list(AccessRecord, bob.id)
    assert look.by_name == "Lena" and look.as_role == "team lead"
    assert look.what == "saw your profile and self-assessments (team Records team)"
    assert repo.list(AccessRecord, carol.id) == []
    rows = csv_rows(downloads.of(lead, "team_download_csv").data)
    everything_exported = json.dumps(rows) + pdf_text(downloads.of(lead, "team_download_pdf").data)
    assert "Bob Baker" in everything_exported and "Carolyn" not in everything_exported

    # Hide names still hides him (and folds away the list of who is invited).
    assert [e.proto.expanded for e in lead.expander if e.label.startswith("Who is invited")] == [True]
    lead.checkbox(key="team_hide_names").check().run()
    capability = [df.value.to_string() for df in lead.dataframe if "Email" not in df.value.columns]
    charts = [el.proto.spec for el in lead.get("vega_lite_chart")]
    assert "Bob" not in "\n".join([*capability, *charts, _said(lead)])
    assert "Person 1" in "\n".join(capability)
    (invited,) = [e for e in lead.expander if e.label.startswith("Who is invited")]
    assert not invited.proto.expanded  # the list of who is invited is folded away
    lead.checkbox(key="team_hide_names").uncheck().run()

    # Bob leaves: from the lead's next page drawn, nothing of his.
    member.button(key=f"team_leave_{_bobs_invitation(repo).id}").click()
    member.run()
    assert "You have left Records team" in _said(member)
    lead.run()
    shown = _everything(lead)
    assert "Bob Baker" not in shown and "Carolyn" not in shown
    assert "Left on" in shown and "When people join your team" in shown
    assert "Nobody is in **Records team** just now" in shown


def test_an_invitee_who_declines_is_shown_only_as_the_address_typed(data_dir, repo, people):
    lead = open_signed_in(TEAM, "lena")
    _make_team(lead)
    _invite(lead, "Bob@Example.gov.uk")

    member = open_signed_in(SHARING, "bob")
    member.button(key=f"team_decline_{next(iter(repo.list_shared(TeamMember))).id}").click()
    member.run()
    assert "Declined. Lena sees nothing of yours." in _said(member)
    assert "You are in no team, and nobody has invited you to one." in _said(member)

    lead.run()
    shown = _everything(lead)
    assert "Bob@Example.gov.uk" in shown and "Declined on" in shown and "Bob Baker" not in shown
    assert repo.list(AccessRecord, people[0].id) == []


def test_someone_else_sees_neither_the_invitation_nor_the_team(data_dir, repo, people):
    lead = open_signed_in(TEAM, "lena")
    _make_team(lead)
    _invite(lead, "bob@example.gov.uk")

    carol = open_signed_in(SHARING, "carol")
    assert "You are in no team, and nobody has invited you to one." in _said(carol)
    assert not [b for b in carol.button if b.key and b.key.startswith("team_")]
    carols_team_page = open_signed_in(TEAM, "carol")
    assert "Records team" not in _everything(carols_team_page)
    assert "bob@example.gov.uk" not in _everything(carols_team_page)


def test_the_lead_refused_a_bad_address_is_told_and_nothing_is_saved(data_dir, repo):
    lead = open_signed_in(TEAM, "lena")
    _make_team(lead)
    _invite(lead, "lena@example.gov.uk")
    assert "your own email address" in lead.error[0].value
    _invite(lead, "not an address")
    assert "is not an email address" in lead.error[0].value
    assert repo.list_shared(TeamMember) == []


def test_the_lead_removes_someone_and_deletes_the_team(data_dir, repo, people):
    lead = open_signed_in(TEAM, "lena")
    _make_team(lead)
    _invite(lead, "bob@example.gov.uk")
    member = open_signed_in(SHARING, "bob")
    member.button(key=f"team_join_{_bobs_invitation(repo).id}").click()
    member.run()
    lead.run()
    assert "Bob Baker" in _everything(lead)

    button(lead, "Remove from the team").click()
    lead.run()
    assert "Removed bob@example.gov.uk from the team." in _said(lead)
    assert "Bob Baker" not in _everything(lead)
    member.run()
    assert "You are in no team" in _said(member)

    button(lead, "Delete the team").click()
    lead.run()
    assert "Deleted the team Records team." in _said(lead) and "You lead no team yet" in _said(lead)


def test_a_second_team_is_chosen_once_made_and_each_shows_its_own_members(data_dir, repo, people):
    lead = open_signed_in(TEAM, "lena")
    _make_team(lead, "Records team")
    _invite(lead, "bob@example.gov.uk")
    member = open_signed_in(SHARING, "bob")
    member.button(key=f"team_join_{_bobs_invitation(repo).id}").click()
    member.run()

    _make_team(lead, "Archives team")
    assert "Make another team" in _said(lead)
    pick = lead.selectbox(key="team_lead_pick")
    assert pick.options == ["Records team", "Archives team"] and pick.value == "Archives team" or \
        pick.format_func(pick.value) == "Archives team"
    assert "Bob Baker" not in _everything(lead)  # Archives team, just made, is chosen
    assert "Nobody has been invited to this team yet." in _said(lead)

    records = next(t for t in repo.list_shared(Team) if t.name == "Records team")
    pick.set_value(records.id).run()
    assert "Bob Baker" in _everything(lead)


def test_the_trend_and_the_skills_matrix_of_a_team_by_consent_hold_only_who_joined(data_dir, repo, downloads, fw):
    import io

    from openpyxl import load_workbook

    from planner.domain import team_trends

    carol = _saved_person(repo, fw, "carol", "Carolyn Quillfeather", 1)
    bob = Profile(id=profile_id_of("bob"), name="Bob Baker", current_grade="HEO", email="bob@example.gov.uk")
    repo.save_profile(bob)
    quarters = team_trends.quarters_to(date.today(), None)
    for quarter, score in zip(quarters, (0, 1, 2, 3)):  # a self-assessment in each quarter
        repo.add(Assessment(profile_id=bob.id, taken_on=quarter.start,
                            ratings={code: Rating(score=score) for code in fw.codes}))
    repo.add(Assessment(profile_id=carol.id, taken_on=quarters[0].start,
                        ratings={code: Rating(score=4) for code in fw.codes}))
    lead = open_signed_in(TEAM, "lena")
    _make_team(lead)
    _invite(lead, "bob@example.gov.uk")
    _invite(lead, "carol@example.gov.uk")  # invited, never joins: nothing of hers counts
    member = open_signed_in(SHARING, "bob")
    assert "earlier ones, for the team's trend" in _said(member)
    member.button(key=f"team_join_{_bobs_invitation(repo).id}").click()
    member.run()

    lead.run()
    assert not lead.exception and not lead.error, [e.value for e in lead.error]
    trend = next(df.value for df in lead.dataframe if "People counted" in df.value.columns)
    assert list(trend["Quarter"]) == [q.label for q in quarters]
    assert list(trend["People counted"]) == ["1 of 1"] * 4
    assert list(trend[f"Average rating: {fw.skill(1).name}"]) == ["0.0", "1.0", "2.0", "3.0"]
    assert "Carolyn" not in _everything(lead)
    looks = repo.list(AccessRecord, bob.id)
    assert [look.what for look in looks] == ["saw your profile and self-assessments (team Records team)"]
    assert repo.list(AccessRecord, carol.id) == []

    book = load_workbook(io.BytesIO(downloads.of(lead, "team_download_xlsx").data))
    assert book["Skills matrix"]["A1"].value.startswith("Skills matrix: Records team, ")
    assert [row[0] for row in book["Skills matrix"].iter_rows(min_row=5, values_only=True)] == ["Bob Baker"]
    text = " ".join(str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row if c.value)
    assert "Carolyn" not in text
