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
    assert titles == {"Share of the team meeting each level of each skill", "Each person's rating of every indicator",
                      "The team's average rating in each skill, by quarter"}
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


# --- Change over time, filters and the skills matrix ----------------------------------------------


@pytest.fixture
def team_over_a_year(repo, fw):
    """Three people with self-assessments in each of the last four quarters (Ada), the last three (Bo) and
    only this one (Cy): Ada and Bo are SEOs, Cy an HEO."""
    from planner.domain import team_trends

    quarters = team_trends.quarters_to(date.today(), None)
    assert len(quarters) == 4
    skill_1 = [i.code for i in fw.indicators if i.skill == 1]
    people = {
        "Ada Lovelace": ("SEO", "Records manager", [1, 2, 3, 3]),
        "Bo Bennett": ("SEO", "Librarian", [None, 1, 1, 2]),
        "Cy Young": ("HEO", "Records manager", [None, None, None, 4]),
    }
    made = {}
    for name, (grade, role, scores) in people.items():
        profile = Profile(name=name, current_grade=grade, current_role=role)
        repo.save_profile(profile)
        for quarter, score in zip(quarters, scores):
            if score is not None:
                repo.add(Assessment(profile_id=profile.id, taken_on=quarter.start,
                                    ratings={code: Rating(score=score) for code in skill_1}))
        made[name] = profile
    return quarters, made


def _trend_table(at):
    return next(df.value for df in at.dataframe if "People counted" in df.value.columns)


def test_the_team_trend_shows_four_quarters_with_a_chart_a_table_and_what_changed(data_dir, fw, team_over_a_year):
    quarters, made = team_over_a_year
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([p.id for p in made.values()]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    table = _trend_table(at)
    assert list(table["Quarter"]) == [q.label for q in quarters]
    assert list(table["People counted"]) == ["1 of 3", "2 of 3", "2 of 3", "3 of 3"]
    skill = fw.skill(1).name
    assert list(table[f"Average rating: {skill}"]) == ["1.0", "1.5", "2.0", "3.0"]
    shown = texts(at)
    assert f"{skill} rose from 1.0 to 3.0 between {quarters[0].label} and {quarters[-1].label}." in shown
    trend_chart = next(spec for spec in _charts(at) if spec.get("title") == "The team's average rating in each "
                                                                           "skill, by quarter")
    assert trend_chart["layer"]


def test_filters_by_grade_and_role_apply_to_every_table_chart_and_download(data_dir, fw, team_over_a_year, downloads):
    quarters, made = team_over_a_year
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([p.id for p in made.values()]).run()
    assert at.multiselect(key="team_filter_grades").options == ["Higher Executive Officer (HEO)",
                                                               "Senior Executive Officer (SEO)"]
    at.multiselect(key="team_filter_grades").set_value(["SEO"]).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "Showing 2 of 3 people" in texts(at)
    everything = _tables(at) + json.dumps(_charts(at))
    assert "Ada Lovelace" in everything and "Bo Bennett" in everything and "Cy Young" not in everything
    assert list(_trend_table(at)["People counted"]) == ["1 of 2", "2 of 2", "2 of 2", "2 of 2"]
    assert [row["Name"] for row in csv_rows(downloads.of(at, "team_download_csv").data)] == ["Ada Lovelace",
                                                                                           "Bo Bennett"]

    at.multiselect(key="team_filter_roles").set_value(["Librarian"]).run()
    assert list(_trend_table(at)["People counted"]) == ["0 of 1", "1 of 1", "1 of 1", "1 of 1"]
    assert "Only people at grade Senior Executive Officer (SEO), in the role Librarian." in texts(at).replace("\\", "")


def test_a_filter_that_leaves_nobody_says_so_plainly(data_dir, team_over_a_year):
    _, made = team_over_a_year
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([p.id for p in made.values()]).run()
    at.multiselect(key="team_filter_grades").set_value(["HEO"])
    at.multiselect(key="team_filter_roles").set_value(["Librarian"]).run()
    assert not at.exception and not at.error
    assert [w.value.replace("\\", "") for w in at.warning if "No one in the team" in w.value] == [
        "No one in the team matches the filters. Only people at grade Higher Executive Officer (HEO), in the role "
        "Librarian. Remove a grade or a role from the filters above to see people."]
    assert "Change over time" not in texts(at)


def test_the_skills_matrix_downloads_as_an_excel_workbook_of_the_people_shown(data_dir, fw, team_over_a_year,
                                                                              downloads):
    import io

    from openpyxl import load_workbook

    quarters, made = team_over_a_year
    at = open_page("pages/team.py")
    at.multiselect(key="team_local_profiles").set_value([p.id for p in made.values()]).run()
    at.multiselect(key="team_filter_roles").set_value(["Records manager"])
    at.checkbox(key="team_hide_names").check().run()
    button = at.download_button(key="team_download_xlsx")
    assert button.proto.label == "Skills matrix (Excel)"
    made_file = downloads.of(at, "team_download_xlsx")
    assert made_file.file_name.startswith("team-skills-matrix-") and made_file.file_name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(made_file.data))
    assert book.sheetnames == ["Skills matrix", "Key", "Trend by quarter", "Indicators"]
    matrix = book["Skills matrix"]
    rows = list(matrix.iter_rows(min_row=5, values_only=True))
    assert [r[:3] for r in rows] == [("Person 1", "SEO", "Records manager"), ("Person 2", "HEO", "Records manager")]
    assert rows[0][3] == 3 and rows[1][3] == 4  # 1.1.1, each person's latest rating
    assert "Only people in the role Records manager." in matrix["A2"].value
    trend = list(book["Trend by quarter"].iter_rows(min_row=2, max_row=5, values_only=True))
    assert [r[0] for r in trend] == [q.label for q in quarters]
