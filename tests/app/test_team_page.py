"""Team capability page: empty at first, then a team from local profiles and share files, names hidden."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from planner.domain.models import Assessment, Profile, Rating
from planner.io import bundle
from tests.app.conftest import csv_rows, edit_cells, open_page, pdf_text, texts

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def _charts(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def _tables(at) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


@pytest.fixture
def colleague(repo, fw):
    """A second saved profile, an SEO rated Expert everywhere: a coach for everyone."""
    profile = Profile(name="Grace Hopper", current_grade="SEO", current_role="Knowledge manager")
    repo.save_profile(profile)
    repo.add(Assessment(profile_id=profile.id, taken_on=date(2026, 10, 1),
                        ratings={code: Rating(score=4) for code in fw.codes}))
    return profile


def _share_file(name: str) -> bytes:
    profile = Profile(name=name, current_grade="EO", target_grade="HEO")
    snapshot = Assessment(profile_id=profile.id, taken_on=date(2026, 10, 1), ratings={"1.1.1": Rating(score=1)})
    return bundle.export_bundle(profile, [snapshot], [], NOW)


def test_the_page_opens_empty_and_says_how_to_start(data_dir):
    at = open_page("pages/team.py")
    assert not at.exception and not at.error
    shown = texts(at)
    assert "Team capability" in shown
    assert "Nothing on this page is saved" in shown
    assert "Choose people from this installation or upload their share files" in shown
    assert _charts(at) == []


def test_two_local_profiles_give_the_heatmaps_and_tables(data_dir, rated_person, colleague, downloads):
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([rated_person.id, colleague.id]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    titles = {spec["title"] if isinstance(spec["title"], str) else spec["title"]["text"] for spec in _charts(at)}
    assert titles == {"Share of the team meeting each level of each skill", "Each person's rating of every indicator"}
    tables = _tables(at)
    assert "Ada Lovelace" in tables and "Grace Hopper" in tables
    assert "3.3.1" in tables  # Ada's gap against SEO, which Grace could coach
    assert "Grace Hopper coaches Ada Lovelace" in tables
    shown = texts(at)
    assert "2 people" in shown and "Biggest shared gaps" in shown and "Who could coach whom" in shown
    rows = csv_rows(downloads.of(at, "team_download_csv").data)
    assert {"Ada Lovelace", "Grace Hopper"} <= {value for row in rows for value in row.values()}
    summary = pdf_text(downloads.of(at, "team_download_pdf").data)  # raises if the PDF does not open
    assert "Ada Lovelace" in summary and "Grace Hopper" in summary


def test_hide_names_hides_them_in_the_tables_and_charts(data_dir, rated_person, colleague):
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([rated_person.id, colleague.id]).run()
    at.checkbox(key="team_hide_names").check().run()
    assert not at.exception and not at.error
    everything = _tables(at) + json.dumps(_charts(at)) + texts(at)
    assert "Ada" not in everything and "Grace" not in everything
    assert "Person 1" in everything and "Person 2 coaches Person 1" in _tables(at)


def test_uploading_a_share_file_adds_a_member(data_dir, rated_person):
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([rated_person.id]).run()
    at.file_uploader(key="team_share_files").upload("ceri.json", _share_file("Ceri Jones"), "application/json").run()
    assert not at.exception and not at.error
    assert "2 people" in texts(at) and "1 from share files" in texts(at)
    assert "Ceri Jones" in _tables(at)


def test_a_broken_share_file_is_reported_by_name_and_the_others_kept(data_dir):
    at = open_page("pages/team.py")
    uploader = at.file_uploader(key="team_share_files")
    uploader.upload("ceri.json", _share_file("Ceri Jones"), "application/json")
    uploader.upload("broken.json", b"{not json", "application/json").run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and "broken" in errors[0] and "not valid JSON" in errors[0]
    assert "1 person" in texts(at) and "Ceri Jones" in _tables(at)


def _frame_with(at, column: str):
    """The table that has this column (AppTest does not give a table's key), or None."""
    return next((df.value for df in at.dataframe if column in df.value.columns), None)


def _activity_titles(at, column: str) -> list[str]:
    frame = _frame_with(at, column)
    return [] if frame is None else list(frame["Activity"])


def test_activities_asking_for_experience_are_for_the_people_who_have_it_and_the_rest_are_explained(
        data_dir, rated_person, colleague, repo):
    newcomer = Profile(name="Tom Okafor", current_grade="HEO", target_grade="SEO")
    repo.save_profile(newcomer)
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([rated_person.id, newcomer.id]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    left_out = _activity_titles(at, "Why it was left out")
    assert left_out, "activities that ask for experience are listed as left out while no one has the years"
    reasons = " ".join(_frame_with(at, "Why it was left out")["Why it was left out"])
    assert "years' experience" in reasons and "none of the" in reasons
    assert "were left out because they ask for more years of experience" in texts(at)

    edit_cells(at, "team_years", {0: {"Years of KIM experience": 10}, 1: {"Years of KIM experience": 10}})
    at.run()
    assert not at.exception and not at.error
    assert _frame_with(at, "Why it was left out") is None
    assert "Left out, and why" not in texts(at)


def test_years_entered_stay_with_their_person_when_the_team_changes(data_dir, rated_person, colleague):
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([rated_person.id, colleague.id]).run()
    edit_cells(at, "team_years", {1: {"Years of KIM experience": 7}})  # Grace, after Ada by name
    at.run()
    at.multiselect(key="team_local_profiles").set_value([colleague.id]).run()
    assert not at.exception and not at.error
    years = at.data_editor(key="team_years").value
    assert list(years["Name"]) == ["Grace Hopper"] and list(years["Years of KIM experience"]) == [7]
