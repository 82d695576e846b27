"""Time in grade: the start date a person gives, calendar months, and routes timed from that date, not from today."""

from datetime import UTC, date, datetime

import pytest

from planner.domain import dates, in_grade, profiles, progression, recommend
from planner.domain.curriculum import Activity, Curriculum, Development
from planner.domain.models import Profile, Rating
from planner.domain.progression import Place
from planner.domain.roles import Move, Role, RoleGrade, Roles
from planner.errors import PlannerError

TODAY = date(2026, 12, 2)
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


# --- Calendar months -------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 4, 2), 12, date(2027, 4, 2)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a leap day: the end of February a year on
    (date(2024, 2, 29), 48, date(2028, 2, 29)),  # four years on is a leap day again
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2027, 8, 31), 6, date(2028, 2, 29)),  # into a leap year's February
    (date(2026, 11, 15), 3, date(2027, 2, 15)),  # across the new year
    (date(2026, 5, 1), 0, date(2026, 5, 1)),
])
def test_calendar_months_keep_the_day_or_end_at_the_shorter_months_last_day(start, months, expected):
    assert dates.calendar_months_after(start, months) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    (date(2026, 12, 2), date(2027, 4, 2), (4, 0)),
    (date(2026, 12, 2), date(2027, 4, 14), (4, 12)),
    (date(2026, 12, 2), date(2026, 12, 20), (0, 18)),
    (date(2026, 1, 31), date(2026, 2, 28), (1, 0)),
    (date(2026, 12, 2), date(2026, 12, 2), (0, 0)),
    (date(2026, 12, 2), date(2026, 11, 2), (0, 0)),
])
def test_months_and_days_between_two_dates(start, end, expected):
    assert dates.months_and_days(start, end) == expected


# --- Time in grade ---------------------------------------------------------------------------


def test_eight_months_into_a_twelve_month_grade_the_next_step_is_four_months_away():
    served = in_grade.time_in_grade("SEO", date(2026, 4, 2), 12, TODAY)
    assert served.earliest == date(2027, 4, 2)
    assert not served.met
    assert served.months_left == pytest.approx(121 / dates.DAYS_PER_MONTH)
    assert served.sentence == ("The earliest date for your next step up is 2 April 2027, 4 months from today: the "
                               "usual 12 months in grade, counted from when you started at SEO on 2 April 2026.")
    assert served.before_promotion == "Not before 2 April 2027, when you will have served the usual 12 months in grade."


def test_someone_past_the_usual_time_is_told_they_have_met_it():
    served = in_grade.time_in_grade("SEO", date(2025, 3, 20), 12, TODAY)
    assert served.met and served.months_left == 0
    assert served.sentence == ("You have met the usual 12 months in grade: you started at SEO on 20 March 2025, "
                               "20 months and 12 days ago.")
    assert served.before_promotion == "You have served the usual 12 months in grade."


def test_the_usual_time_is_met_on_the_day_itself_and_not_the_day_before():
    assert in_grade.time_in_grade("HEO", date(2025, 12, 2), 12, TODAY).met
    assert not in_grade.time_in_grade("HEO", date(2025, 12, 3), 12, TODAY).met


def test_a_start_on_a_leap_day_is_served_at_the_end_of_february():
    start = date(2024, 2, 29)
    assert not in_grade.time_in_grade("EO", start, 12, date(2025, 2, 27)).met
    on_the_day = in_grade.time_in_grade("EO", start, 12, date(2025, 2, 28))
    assert on_the_day.met and on_the_day.earliest == date(2025, 2, 28)


def test_with_no_date_time_in_grade_counts_from_today():
    served = in_grade.time_in_grade("SEO", None, 12, TODAY)
    assert served.earliest == date(2027, 12, 2) and not served.met
    assert served.months_left is None  # a promotion waits the whole usual time
    assert served.sentence == ("Time in grade counts from today, as your profile does not say when you started at "
                               "SEO: after the usual 12 months in grade, the earliest date for a promotion is "
                               "2 December 2027, 12 months from today.")


def test_a_route_from_another_grade_than_ones_own_counts_from_today():
    served = in_grade.time_in_grade("HEO", date(2026, 4, 2), 12, TODAY, current_grade="SEO")
    assert served.since is None and served.not_current == "SEO"
    assert "as you are planning from HEO, not your current grade (SEO)" in served.sentence


def test_no_usual_time_in_grade_asks_for_nothing():
    served = in_grade.time_in_grade("SEO", None, 0, TODAY)
    assert served.before_promotion == ""
    assert served.sentence.startswith("No time in grade is asked for")


# --- Routes timed from the start date ----------------------------------------------------------


def rg(grade, level, moves=()):
    return RoleGrade(grade=grade, levels={1: level, 2: level, 3: level}, key_indicators=[],
                     moves=[Move(to_role=r, to_grade=g, kind=k) for r, g, k in moves])


def role(id_, *grades):
    return Role(id=id_, name=id_.replace("-", " ").title(), kind="core", description="x", grades=list(grades))


@pytest.fixture
def tiny_curriculum(fw):
    return Curriculum(note="t", activities=[
        Activity(id=f"a-{i.code.replace('.', '-')}", title=f"Work on {i.code}", provider="Team", format="project",
                 category="experience", develops=[Development(indicator=i.code, points=3)], level=i.level,
                 hours=2, cost=0, description="x")
        for i in fw.indicators
    ])


@pytest.fixture
def ladder_roles():
    return Roles(note="test", roles=[
        role("records-manager", rg("HEO", 2, [("knowledge-manager", "HEO", "lateral")]), rg("SEO", 2), rg("G7", 2)),
        role("knowledge-manager", rg("HEO", 2), rg("SEO", 2)),
    ])


def _fastest(fw, grades, roles, curriculum, start, goal, served):
    every = {c: Rating(score=4) for c in fw.codes}  # nothing to learn: time in grade alone sets the pace
    timing = progression.Settings(min_months_in_grade=12,
                                  months_left_in_grade=None if served is None else served.months_left)
    return progression.routes(fw, roles, grades, curriculum, every, start, goal,
                              recommend.Constraints(hours_per_month=4), timing)[0]


def test_a_promotion_waits_only_for_the_months_left_in_grade(fw, grades, ladder_roles, tiny_curriculum):
    served = in_grade.time_in_grade("HEO", date(2026, 4, 2), 12, TODAY)
    route = _fastest(fw, grades, ladder_roles, tiny_curriculum, Place("records-manager", "HEO"),
                     Place("records-manager", "SEO"), served)
    [step] = route.steps
    assert step.months == pytest.approx(served.months_left)
    assert "the 4 months left of the usual 12 months" in step.why_months
    [row] = progression.timeline_rows(route, ladder_roles, TODAY)
    assert row["end"] == "2027-04-02"  # the timeline ends on the earliest date, not 12 months from today


def test_a_promotion_once_the_time_is_served_waits_for_nothing(fw, grades, ladder_roles, tiny_curriculum):
    served = in_grade.time_in_grade("HEO", date(2024, 1, 8), 12, TODAY)
    [step] = _fastest(fw, grades, ladder_roles, tiny_curriculum, Place("records-manager", "HEO"),
                      Place("records-manager", "SEO"), served).steps
    assert step.months == 0
    assert step.why_months == "you have served the usual 12 months in a grade before promotion already"


def test_without_a_start_date_a_promotion_waits_the_whole_usual_time(fw, grades, ladder_roles, tiny_curriculum):
    for served in (None, in_grade.time_in_grade("HEO", None, 12, TODAY)):
        [step] = _fastest(fw, grades, ladder_roles, tiny_curriculum, Place("records-manager", "HEO"),
                          Place("records-manager", "SEO"), served).steps
        assert step.months == 12
        assert step.why_months == "the usual minimum of 12 months in a grade before promotion"


def test_only_the_first_grade_counts_the_time_already_served(fw, grades, ladder_roles, tiny_curriculum):
    served = in_grade.time_in_grade("HEO", date(2026, 4, 2), 12, TODAY)
    route = _fastest(fw, grades, ladder_roles, tiny_curriculum, Place("records-manager", "HEO"),
                     Place("records-manager", "G7"), served)
    assert [s.end.grade for s in route.steps] == ["SEO", "G7"]
    assert route.steps[0].months == pytest.approx(served.months_left)
    assert route.steps[1].months == 12  # a new grade starts its own usual time


def test_a_lateral_move_keeps_the_grade_so_the_promotion_after_it_counts_the_time_served(
        fw, grades, ladder_roles, tiny_curriculum):
    served = in_grade.time_in_grade("HEO", date(2026, 4, 2), 12, TODAY)
    route = _fastest(fw, grades, ladder_roles, tiny_curriculum, Place("records-manager", "HEO"),
                     Place("knowledge-manager", "SEO"), served)
    promotions = [s for s in route.steps if s.kind == "promotion"]
    assert promotions and promotions[0].start.grade == "HEO"
    assert promotions[0].months == pytest.approx(served.months_left)


def test_readiness_for_a_promotion_says_when_the_time_in_grade_is_served(fw):
    every = {c: Rating(score=4) for c in fw.codes}
    served = in_grade.time_in_grade("HEO", date(2026, 4, 2), 12, TODAY)
    ready = progression.readiness(fw, every, {1: 2, 2: 2, 3: 2}, in_grade=served)
    assert ready.status == "ready"
    assert ready.sentence.startswith("Ready: you meet every indicator it asks for. Not before 2 April 2027, when you "
                                     "will have served the usual 12 months in grade.")
    assert "Not before" not in progression.readiness(fw, every, {1: 2, 2: 2, 3: 2}).sentence


# --- The start date on the profile -------------------------------------------------------------


@pytest.mark.parametrize("typed", ["27/03/2024", "27-3-2024", "27.03.2024", " 27 3 2024 ", "27 March 2024",
                                   "27 mar 2024", "2024-03-27"])
def test_a_start_date_is_read_day_month_year(typed):
    assert profiles.grade_since_from(typed, TODAY) == date(2024, 3, 27)


def test_a_blank_start_date_is_none():
    assert profiles.grade_since_from("  ", TODAY) is None


@pytest.mark.parametrize(("typed", "message"), [
    ("March 2024", "as day, month and year, such as 27/03/2024"),
    ("03/27/2024", "03/27/2024 is not a real date: check the day and the month."),
    ("31/02/2024", "31/02/2024 is not a real date"),
    ("29/02/2025", "29/02/2025 is not a real date"),
    ("27/03/24", "Write the year you started in your current grade in full"),
    ("27 Marc 2024", "'marc' is not a month"),
    ("3/12/2026", "3 December 2026, is in the future"),
    ("31/12/1959", "must be in 1960 or later, not 31 December 1959"),
])
def test_a_start_date_that_cannot_be_says_why(typed, message):
    with pytest.raises(PlannerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        profiles.grade_since_from(typed, TODAY)


def test_the_leap_day_and_the_first_day_of_1960_and_today_are_accepted():
    assert profiles.grade_since_from("29/02/2024", TODAY) == date(2024, 2, 29)
    assert profiles.grade_since_from("1/1/1960", TODAY) == date(1960, 1, 1)
    assert profiles.grade_since_from("2/12/2026", TODAY) == TODAY


def _build(grades, **fields):
    base = dict(name="Ada", current_grade="HEO", current_role=None, target_grade=None, target_role=None, notes="",
                ladder=grades, now=NOW, today=TODAY)
    return profiles.build_profile(**(base | fields))


def test_a_profile_keeps_its_start_date_until_it_is_changed_or_cleared(grades):
    made = _build(grades, grade_since="2/4/2026")
    assert made.grade_since == date(2026, 4, 2)
    assert _build(grades, existing=made).grade_since == date(2026, 4, 2)  # not asked: kept
    assert _build(grades, existing=made, grade_since="02/04/2026").grade_since == date(2026, 4, 2)
    assert _build(grades, existing=made, grade_since="").grade_since is None
    assert profiles.grade_since_text(made.grade_since) == "02/04/2026"


def test_a_bad_start_date_is_named_with_the_other_problems_and_nothing_is_built(grades):
    with pytest.raises(PlannerError) as raised:
        _build(grades, name="", grade_since="1/1/2030")
    assert str(raised.value) == ("Enter a name for the profile. The date you started in your current grade, "
                                 "1 January 2030, is in the future: give the day you started, today or earlier.")


def test_a_saved_profile_reads_back_its_start_date():
    profile = Profile(name="Ada", current_grade="HEO", grade_since=date(2026, 4, 2))
    assert Profile.model_validate(profile.model_dump(mode="json")).grade_since == date(2026, 4, 2)
