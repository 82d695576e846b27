"""A team's capability by quarter: quarter boundaries, who is counted when, averages, shares, filters and words."""

from __future__ import annotations

from datetime import date

import pytest

from planner.domain import team, team_tables, team_trends
from planner.domain.models import Assessment, Profile, Rating
from planner.domain.team import Snapshot
from planner.domain.team_trends import Quarter
from planner.io import bundle
from planner.services import team as team_service
from tests.conftest import guide_levels

TODAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def grade_levels(grades):
    return guide_levels(grades)


def member(name: str, *history: tuple[date, dict[str, int]], grade: str = "HEO",
           role: str = "Records manager") -> team.Member:
    snapshots = tuple(Snapshot(day, scores) for day, scores in history)
    return team.Member(profile_id=name.lower(), name=name, grade=grade, role=role, target_grade=None,
                       scores=snapshots[-1].scores if snapshots else {}, source="local", history=snapshots)


def every(fw, score: int, skill: int | None = None) -> dict[str, int]:
    return {i.code: score for i in fw.indicators if skill is None or i.skill == skill}


# --- Quarters --------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 1, 1), Quarter(2026, 1)), (date(2026, 3, 31), Quarter(2026, 1)),
    (date(2026, 4, 1), Quarter(2026, 2)), (date(2026, 6, 30), Quarter(2026, 2)),
    (date(2026, 7, 1), Quarter(2026, 3)), (date(2026, 9, 30), Quarter(2026, 3)),
    (date(2026, 10, 1), Quarter(2026, 4)), (date(2026, 12, 31), Quarter(2026, 4)),
])
def test_a_day_falls_in_its_calendar_quarter(day, expected):
    assert team_trends.quarter_of(day) == expected


def test_a_quarter_knows_its_first_and_last_day_and_the_one_before():
    assert (Quarter(2026, 1).start, Quarter(2026, 1).end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert Quarter(2024, 1).end == date(2024, 3, 31) and Quarter(2026, 4).end == date(2026, 12, 31)
    assert Quarter(2026, 1).before() == Quarter(2025, 4) and Quarter(2026, 3).before() == Quarter(2026, 2)
    assert Quarter(2026, 2).label == "Q2 2026"


def test_at_least_four_quarters_are_shown_ending_with_the_one_under_way():
    shown = team_trends.quarters_to(TODAY, date(2026, 11, 5))
    assert [q.label for q in shown] == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]
    assert [q.label for q in team_trends.quarters_to(TODAY, None)] == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]


def test_more_quarters_are_shown_back_to_the_first_self_assessment_but_no_more_than_eight():
    assert team_trends.quarters_to(TODAY, date(2025, 8, 1))[0] == Quarter(2025, 3)
    far = team_trends.quarters_to(TODAY, date(2019, 5, 1))
    assert len(far) == 8 and far[0] == Quarter(2025, 1) and far[-1] == Quarter(2026, 4)


# --- Who is counted in each quarter ------------------------------------------------------------


def test_each_quarter_counts_each_members_latest_snapshot_up_to_its_last_day(fw, grade_levels):
    ada = member("Ada", (date(2026, 3, 31), every(fw, 1)), (date(2026, 4, 1), every(fw, 2)),
                 (date(2026, 11, 20), every(fw, 4)))
    trend = team_trends.quarterly(fw, [ada], grade_levels, TODAY)
    averages = [q.averages[1] for q in trend.quarters]
    assert averages == [1.0, 2.0, 2.0, 4.0]  # 31 March is still Q1; 1 April starts Q2
    assert [q.up_to for q in trend.quarters] == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30), TODAY]


def test_a_member_with_no_snapshot_yet_is_not_counted_in_that_quarter(fw, grade_levels):
    early = member("Ada", (date(2026, 2, 1), every(fw, 2)))
    late = member("Bo", (date(2026, 8, 15), every(fw, 4)))
    never = member("Cy")
    trend = team_trends.quarterly(fw, [early, late, never], grade_levels, TODAY)
    assert [q.people for q in trend.quarters] == [1, 1, 2, 2]
    assert [q.averages[1] for q in trend.quarters] == [2.0, 2.0, 3.0, 3.0]
    assert trend.team_size == 3
    assert [r["People counted"] for r in team_tables.trend_table(trend)] == ["1 of 3", "1 of 3", "2 of 3", "2 of 3"]


def test_a_quarter_before_anyone_rated_themselves_has_no_figures(fw, grade_levels):
    trend = team_trends.quarterly(fw, [member("Ada", (date(2026, 10, 3), every(fw, 3)))], grade_levels, TODAY)
    first = trend.quarters[0]
    assert first.people == 0 and first.share_met is None and all(a is None for a in first.averages.values())
    row = team_tables.trend_table(trend)[0]
    assert row["Expected at their grade, met"] == "" and row["Average rating: Information Governance"] == ""


def test_snapshots_after_today_and_mentors_ratings_do_not_count(fw, grade_levels):
    profile = Profile(name="Ada", current_grade="HEO")
    own = Assessment(profile_id=profile.id, taken_on=date(2026, 5, 1), ratings={"1.1.1": Rating(score=2)})
    mentor = Assessment(profile_id=profile.id, taken_on=date(2026, 6, 1), assessor="mentor",
                        ratings={"1.1.1": Rating(score=4)})
    [ada] = team.members_from_profiles([profile], {profile.id: [mentor, own]})
    assert ada.history == (Snapshot(date(2026, 5, 1), {"1.1.1": 2}),)
    later = member("Bo", (date(2026, 5, 1), {"1.1.1": 1}), (date(2027, 1, 10), {"1.1.1": 4}))
    trend = team_trends.quarterly(fw, [ada, later], grade_levels, TODAY)
    assert trend.quarters[-1].averages[1] == 1.5


def test_every_self_assessment_of_a_share_file_makes_the_members_history():
    profile = Profile(name="Ada", current_grade="HEO")
    older = Assessment(profile_id=profile.id, taken_on=date(2026, 2, 1), ratings={"1.1.1": Rating(score=1)})
    newer = Assessment(profile_id=profile.id, taken_on=date(2026, 9, 1), ratings={"1.1.1": Rating(score=3)})
    from datetime import UTC, datetime

    data = bundle.export_bundle(profile, [newer, older], [], datetime(2026, 11, 1, tzinfo=UTC))
    [ada] = team_service.members_from_share_files([("ada.json", data)]).members
    assert [s.taken_on for s in ada.history] == [date(2026, 2, 1), date(2026, 9, 1)]
    assert ada.scores == {"1.1.1": 3}


# --- The figures -----------------------------------------------------------------------------


def test_the_share_met_counts_the_indicators_expected_at_each_members_grade(fw, grade_levels):
    assert grade_levels["HEO"] == 2 and grade_levels["EO"] == 2
    at_level_2 = [i.code for i in fw.indicators if i.level <= 2]
    half = {code: 3 if n % 2 == 0 else 1 for n, code in enumerate(at_level_2)}
    ada = member("Ada", (date(2026, 11, 1), half))
    bo = member("Bo", (date(2026, 11, 1), {code: 4 for code in at_level_2}))
    [last] = team_trends.quarterly(fw, [ada, bo], grade_levels, TODAY).quarters[-1:]
    assert last.expected == 2 * len(at_level_2)
    assert last.expected_met == len(at_level_2) + (len(at_level_2) + 1) // 2


def test_a_member_whose_grade_has_no_level_counts_in_averages_not_in_the_share(fw, grade_levels):
    odd = member("Ada", (date(2026, 11, 1), every(fw, 3)), grade="XX")
    [last] = team_trends.quarterly(fw, [odd], grade_levels, TODAY).quarters[-1:]
    assert last.expected == 0 and last.share_met is None and last.averages[1] == 3.0


def test_an_average_is_of_the_ratings_given_and_ignores_codes_the_framework_lacks(fw, grade_levels):
    ada = member("Ada", (date(2026, 11, 1), {"1.1.1": 4, "1.1.2": 1, "9.9.9": 0}))
    [last] = team_trends.quarterly(fw, [ada], grade_levels, TODAY).quarters[-1:]
    assert last.averages == {1: 2.5, 2: None, 3: None}


# --- In words --------------------------------------------------------------------------------


def test_the_change_is_said_in_a_sentence_per_skill_between_the_first_and_last_quarter(fw, grade_levels):
    ada = member("Ada", (date(2026, 1, 10), every(fw, 2, 1) | every(fw, 3, 3) | every(fw, 2, 2)),
                 (date(2026, 10, 10), every(fw, 3, 1) | every(fw, 2, 3) | every(fw, 2, 2)))
    bo = member("Bo", (date(2026, 2, 10), every(fw, 1, 1) | every(fw, 3, 3) | every(fw, 2, 2)))
    said = team_trends.changes(team_trends.quarterly(fw, [ada, bo], grade_levels, TODAY))
    names = {s.number: s.name for s in fw.skills}
    assert f"{names[1]} rose from 1.5 to 2.0 between Q1 2026 and Q4 2026." in said
    assert f"{names[2]} stayed at 2.0 between Q1 2026 and Q4 2026." in said
    assert f"{names[3]} fell from 3.0 to 2.5 between Q1 2026 and Q4 2026." in said
    assert any(s.startswith("The share of indicators expected at people's grades that they meet") for s in said)


def test_a_change_in_who_is_counted_is_said(fw, grade_levels):
    said = team_trends.changes(team_trends.quarterly(fw, [
        member("Ada", (date(2026, 1, 10), every(fw, 2))), member("Bo", (date(2026, 11, 10), every(fw, 3)))],
        grade_levels, TODAY))
    assert ("The figures for Q1 2026 count 1 person and those for Q4 2026 2 people, so part of the change is in "
            "who is counted.") in said


def test_with_snapshots_in_one_quarter_only_there_is_no_change_to_show(fw, grade_levels):
    one = team_trends.quarterly(fw, [member("Ada", (date(2026, 11, 1), every(fw, 2)))], grade_levels, TODAY)
    assert team_trends.changes(one) == ["Self-assessments so far all fall in Q4 2026, so there is no change to "
                                        "show yet: the trend needs them in two or more quarters."]
    none = team_trends.quarterly(fw, [member("Ada")], grade_levels, TODAY)
    assert "no trend to show yet" in team_trends.changes(none)[0]


def test_the_chart_rows_have_a_point_per_quarter_and_skill_with_an_average(fw, grade_levels):
    trend = team_trends.quarterly(fw, [member("Ada", (date(2026, 5, 1), {"1.1.1": 3}))], grade_levels, TODAY)
    rows = team_tables.trend_rows(trend)
    assert [(r["quarter"], r["label"]) for r in rows] == [("Q2 2026", "3.0"), ("Q3 2026", "3.0"), ("Q4 2026", "3.0")]


# --- Filters ---------------------------------------------------------------------------------


def test_filters_keep_the_members_of_the_grades_and_roles_chosen(grades):
    people = [member("Ada", grade="SEO"), member("Bo", grade="HEO", role="Librarian"),
              member("Cy", grade="SEO", role=""), member("Di", grade="G7")]
    assert team.grades_and_roles(people, grades.codes) == (["HEO", "SEO", "G7"],
                                                           ["Librarian", "Records manager", team.NO_ROLE])
    assert [m.name for m in team.filtered(people, ["SEO"])] == ["Ada", "Cy"]
    assert [m.name for m in team.filtered(people, roles=["Records manager"])] == ["Ada", "Di"]
    assert [m.name for m in team.filtered(people, ["SEO"], [team.NO_ROLE])] == ["Cy"]
    assert [m.name for m in team.filtered(people, ["SEO", "G7"], ["Records manager"])] == ["Ada", "Di"]
    assert team.filtered(people, ["EO"]) == []
    assert team.filtered(people) == people


def test_a_filter_is_said_in_a_sentence():
    assert team_tables.filter_note([], []) == ""
    assert team_tables.filter_note(["SEO", "G7"], []) == "Only people at grade SEO or G7."
    assert (team_tables.filter_note(["SEO"], ["Librarian", "Records manager"], {"SEO": "Senior Executive Officer"}.get)
            == "Only people at grade Senior Executive Officer, in the role Librarian or Records manager.")


def test_a_filtered_team_trend_counts_only_the_people_kept(fw, grade_levels):
    people = [member("Ada", (date(2026, 2, 1), every(fw, 1)), grade="SEO"),
              member("Bo", (date(2026, 2, 1), every(fw, 3)), grade="HEO")]
    trend = team_trends.quarterly(fw, team.filtered(people, ["SEO"]), grade_levels, TODAY)
    assert trend.team_size == 1 and trend.quarters[-1].averages[1] == 1.0
