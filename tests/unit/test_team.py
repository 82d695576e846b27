"""Team capability: members from profiles and share files, the matrix, levels, shared gaps, coaching,
team recommendations, and names hidden the same way everywhere."""

from __future__ import annotations

import csv
import io
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from planner.documents import charts
from planner.documents import team as team_export
from planner.domain import assessment, team, team_learning, team_tables
from planner.domain.curriculum import Activity, Curriculum, Development
from planner.domain.models import Assessment, Profile, Rating
from planner.errors import PlannerError
from planner.io import bundle, dataset, uploads
from planner.services import team as team_service
from tests.conftest import guide_levels

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 3)


@pytest.fixture(scope="module")
def grade_levels(grades):
    return guide_levels(grades)


def person(name: str, grade: str = "HEO", scores: dict[str, int] | None = None, *, target: str | None = None,
           pid: str | None = None, role: str = "Records manager") -> team.Member:
    return team.Member(profile_id=pid or name.lower().replace(" ", "-"), name=name, grade=grade, role=role,
                       target_grade=target, scores=scores or {}, source="local")


def level_up_to(fw, level: int, score: int = 3) -> dict[str, int]:
    return {i.code: score for i in fw.indicators if i.level <= level}


def share_file(profile: Profile, exported: datetime, scores: dict[str, int]) -> bytes:
    snapshot = Assessment(profile_id=profile.id, taken_on=exported.date(),
                          ratings={code: Rating(score=s) for code, s in scores.items()})
    return bundle.export_bundle(profile, [snapshot], [], exported)


# --- Members ---------------------------------------------------------------------------------


def test_a_member_carries_only_the_latest_self_assessment(fw):
    profile = Profile(name="Ada Lovelace", current_grade="HEO", current_role="Records manager", target_grade="SEO")
    older = Assessment(profile_id=profile.id, taken_on=date(2026, 1, 1), ratings={"1.1.1": Rating(score=1)})
    newer = Assessment(profile_id=profile.id, taken_on=date(2026, 6, 1), ratings={"1.1.1": Rating(score=3)})
    mentor = Assessment(profile_id=profile.id, taken_on=date(2026, 9, 1), assessor="mentor",
                        ratings={"1.1.1": Rating(score=0)})
    [member] = team.members_from_profiles([profile, profile], {profile.id: [older, mentor, newer]})
    assert member.scores == {"1.1.1": 3}
    assert (member.grade, member.role, member.target_grade, member.assessed_on) == (
        "HEO", "Records manager", "SEO", date(2026, 6, 1))


def test_share_file_duplicates_keep_the_newest_by_exported_at_in_any_order(fw):
    ceri = Profile(name="Ceri Jones", current_grade="EO")
    old = share_file(ceri, NOW - timedelta(days=5), {"1.1.1": 1})
    new = share_file(ceri, NOW, {"1.1.1": 4})
    for files in ([("old.json", old), ("new.json", new)], [("new.json", new), ("old.json", old)]):
        read = team_service.members_from_share_files(files)
        assert [(m.file_name, m.scores["1.1.1"]) for m in read.members] == [("new.json", 4)]
        assert [n.file_name for n in read.skipped] == ["old.json"]
        assert "new.json" in read.skipped[0].reason and read.problems == []


def test_a_bad_share_file_is_reported_by_name_with_the_reason_and_the_others_kept(fw):
    good = share_file(Profile(name="Dee Evans", current_grade="SEO"), NOW, {"1.1.1": 3})
    read = team_service.members_from_share_files([
        ("broken.json", b"{not json"), ("dee.json", good), ("empty.json", b""),
        ("huge.json", b" " * (uploads.MAX_UPLOAD_BYTES + 1)),
    ])
    assert [m.name for m in read.members] == ["Dee Evans"]
    reasons = {n.file_name: n.reason for n in read.problems}
    assert list(reasons) == ["broken.json", "empty.json", "huge.json"]
    assert "not valid JSON" in reasons["broken.json"]
    assert "empty" in reasons["empty.json"]
    assert "larger than" in reasons["huge.json"]


def test_a_person_chosen_here_is_read_directly_and_their_share_file_skipped(fw):
    profile = Profile(name="Bo Chan", current_grade="HEO")
    local = team.members_from_profiles([profile], {})
    shared = team_service.members_from_share_files([("bo.json", share_file(profile, NOW, {"1.1.1": 4}))])
    members, skipped = team.combine(local, shared)
    assert [m.source for m in members] == ["local"]
    assert [n.file_name for n in skipped] == ["bo.json"]


def test_the_team_is_ordered_by_name(fw):
    shared = team_service.members_from_share_files([("z.json", share_file(Profile(name="abe", current_grade="EO"), NOW, {}))])
    members, _ = team.combine([person("Zoe"), person("Mia")], shared)
    assert [m.name for m in members] == ["abe", "Mia", "Zoe"]


# --- The matrix, levels and gaps -------------------------------------------------------------


def test_the_matrix_holds_each_rating_or_none_with_a_met_flag(fw, grade_levels):
    summary = team.summarise(fw, [person("Ann", scores={"1.1.1": 3, "1.1.2": 2, "2.1.1": 4})], grade_levels)
    cells = dict(zip((i.code for i in summary.indicators), summary.matrix[0]))
    assert len(cells) == 54
    assert cells["1.1.1"] == team.Cell(3, True, 0)
    assert cells["1.1.2"] == team.Cell(2, False, 1)
    assert cells["1.1.3"] == team.Cell(None, False, 3)  # unrated within the HEO target (level 2): short by 3
    assert cells["3.1.1"] == team.Cell(None, False, 0)  # above the target: not a gap
    assert cells["2.1.1"].met and team_tables.status(cells["2.1.1"]) == "Could coach"


def test_levels_give_the_share_meeting_every_indicator_up_to_each_level(fw, grade_levels):
    members = [person("A", scores=level_up_to(fw, 2)), person("B", scores=level_up_to(fw, 1)),
               person("C", scores=level_up_to(fw, 1) | {"1.1.1": 2}), person("D")]
    summary = team.summarise(fw, members, grade_levels)
    by = {(lv.skill, lv.level): lv for lv in summary.levels}
    assert len(by) == 12
    assert (by[(1, 1)].meeting, by[(1, 2)].meeting, by[(1, 3)].meeting) == (2, 1, 0)
    assert by[(2, 1)].meeting == 3 and by[(2, 1)].share == 0.75
    assert by[(1, 1)].indicators_met == pytest.approx((1 + 1 + 0.8 + 0) / 4)
    table = {row["Skill"]: row for row in team_tables.levels_table(summary)}
    assert table[summary.skill_labels[2]]["Level 1"] == "75% (3 of 4)"


def test_levels_and_gaps_agree_with_the_assessment_rules_for_random_people(fw, grade_levels):
    rng = random.Random(7)
    members = [
        person(f"P{k}", rng.choice(["AO", "EO", "HEO", "SEO", "G7", "G6"]),
               {i.code: rng.choice([0, 1, 2, 3, 3, 4]) for i in fw.indicators if rng.random() < 0.9},
               target=rng.choice([None, "SEO", "G6"]))
        for k in range(40)
    ]
    summary = team.summarise(fw, members, grade_levels)
    for m, member in enumerate(members):
        ratings = {code: Rating(score=s) for code, s in member.scores.items()}
        target, _ = assessment.default_target(fw, member.grade, member.target_grade, grade_levels)
        expected = assessment.gaps(fw, ratings, target)
        assert sorted(team.member_gaps(summary, m)) == sorted(g.code for g in expected)
        shortfalls = {ind.code: cell.shortfall for ind, cell in zip(summary.indicators, summary.matrix[m])}
        assert all(shortfalls[g.code] == g.shortfall for g in expected)
    for lv in summary.levels:
        expected = sum(
            assessment.attained_level(fw, {c: Rating(score=s) for c, s in m.scores.items()}, lv.skill) >= lv.level
            for m in members)
        assert lv.meeting == expected


def test_shared_gaps_rank_by_how_many_fall_short_then_by_total_shortfall(fw, grade_levels):
    base = level_up_to(fw, 2)  # HEO: target level 2, so only these can be gaps
    members = [
        person("A", scores=base | {"1.1.1": 0, "1.1.2": 2, "1.1.3": 2}),
        person("B", scores=base | {"1.1.1": 2, "1.1.2": 2, "1.1.3": 0}),
        person("C", scores=base | {"1.1.2": 1}),
    ]
    summary = team.summarise(fw, members, grade_levels)
    ranked = [(g.indicator.code, g.count, g.total_shortfall) for g in summary.shared_gaps]
    assert ranked == [("1.1.2", 3, 4), ("1.1.1", 2, 4), ("1.1.3", 2, 4)]
    assert summary.shared_gaps[0].members == (0, 1, 2)
    rows = team_tables.shared_gaps_table(summary, hide_names=False)
    assert rows[0]["People short of it"] == "3 of 3" and rows[0]["Who"] == "A, B, C"


def test_a_grade_with_no_level_here_counts_no_gaps_and_says_so(fw, grade_levels):
    summary = team.summarise(fw, [person("Al", grade="XYZ"), person("Bea")], grade_levels)
    assert summary.no_target == (0,) and summary.unrated == (0, 1)
    assert team.member_gaps(summary, 0) == []
    notes = team_tables.target_notes(summary, hide_names=False)
    assert "The grade XYZ has no level set" in notes[0] and "Al" in notes[0]
    assert "Not rated themselves yet" in notes[1]


# --- Coaching --------------------------------------------------------------------------------


def test_an_expert_is_paired_with_those_short_of_the_indicator_grouped_by_indicator(fw, grade_levels):
    base = level_up_to(fw, 2)
    members = [
        person("Ann", scores=base | {"1.1.1": 4, "1.1.2": 4}),
        person("Ben", scores=base | {"1.1.1": 4}),
        person("Cat", scores=base | {"1.1.1": 1, "1.1.2": 2}),
        person("Dan", scores=base | {"1.1.1": 2}),
        person("Eve", scores=base | {"1.1.1": 0}),
    ]
    summary = team.summarise(fw, members, grade_levels)
    groups = {g.indicator.code: g for g in summary.coaching}
    assert set(groups) == {"1.1.1", "1.1.2"}
    first = groups["1.1.1"]
    assert (first.coaches, first.learners) == ((0, 1), (2, 3, 4))
    assert first.pairs == ((0, 2), (1, 3), (0, 4))  # learners shared out among the coaches
    assert groups["1.1.2"].pairs == ((0, 2),)
    assert summary.coaching[0].indicator.code == "1.1.1"  # more learners first
    row = team_tables.coaching_table(summary, hide_names=False)[0]
    assert row["Suggested pairs"] == "Ann coaches Cat and Eve; Ben coaches Dan"


def test_no_coaching_is_suggested_when_no_one_is_rated_4(fw, grade_levels):
    summary = team.summarise(fw, [person("A", scores={"1.1.1": 3}), person("B")], grade_levels)
    assert summary.coaching == ()


# --- Learning for the team -------------------------------------------------------------------


def _curriculum(*activities: Activity) -> Curriculum:
    return Curriculum(note="Test", activities=list(activities))


def _activity(activity_id: str, code: str, cost: float = 0, hours: float = 2, category: str = "experience",
              prerequisites: tuple[str, ...] = (), points: int = 3, years: float = 0) -> Activity:
    return Activity(id=activity_id, title=activity_id.title(), provider="KIM network", format="project",
                    category=category, develops=[Development(indicator=code, points=points)], level=1,
                    hours=hours, cost=cost, prerequisites=list(prerequisites), min_years_experience=years)


def _team_short_of(fw, grade_levels, needs: dict[str, int]) -> team.TeamSummary:
    """A team where `count` people fall short of each indicator code given."""
    base = level_up_to(fw, 2)
    size = max(needs.values())
    members = [person(f"P{k}", scores=base | {code: 1 for code, n in needs.items() if k < n}) for k in range(size)]
    return team.summarise(fw, members, grade_levels)


def test_the_gap_more_people_share_wins_when_only_one_activity_fits(fw, grade_levels):
    summary = _team_short_of(fw, grade_levels, {"1.1.1": 1, "1.1.2": 3})
    plan = team_learning.recommend_for_team(summary, _curriculum(_activity("one", "1.1.1"), _activity("three", "1.1.2")),
                                   team_learning.TeamConstraints(max_items=1))
    assert [i.activity.id for i in plan.items] == ["three"]
    assert plan.items[0].people == (0, 1, 2) and plan.items[0].closes == ("1.1.2",)
    assert (plan.gaps_addressed, plan.total_gaps) == (3, 4)


def test_an_activity_costs_a_place_for_each_person_who_needs_it(fw, grade_levels):
    summary = _team_short_of(fw, grade_levels, {"1.1.1": 1, "1.1.2": 3})
    courses = _curriculum(_activity("one", "1.1.1", cost=100), _activity("three", "1.1.2", cost=100))
    roomy = team_learning.recommend_for_team(summary, courses, team_learning.TeamConstraints(budget=400, max_items=2))
    assert {(i.activity.id, i.team_cost) for i in roomy.items} == {("three", 300.0), ("one", 100.0)}
    assert roomy.total_cost == 400
    tight = team_learning.recommend_for_team(summary, courses, team_learning.TeamConstraints(budget=250, max_items=2))
    assert [(i.activity.id, i.places, i.team_cost) for i in tight.items] == [("one", 1, 100.0)]
    assert "£100 a place, £100 in all" in tight.items[0].reason


def test_a_prerequisite_is_paid_for_everyone_who_needs_what_it_leads_to(fw, grade_levels):
    summary = _team_short_of(fw, grade_levels, {"1.1.2": 2})
    courses = _curriculum(_activity("basics", "4.1.1", cost=50),
                          _activity("advanced", "1.1.2", cost=10, prerequisites=("basics",)))
    plan = team_learning.recommend_for_team(summary, courses, team_learning.TeamConstraints())
    assert [(i.activity.id, i.places, i.team_cost, i.needed_for) for i in plan.items] == [
        ("basics", 2, 100.0, "Advanced"), ("advanced", 2, 20.0, None)]
    assert "Comes first because Advanced needs it" in plan.items[0].reason


def test_hours_are_per_person_and_limit_the_activities(fw, grade_levels):
    summary = _team_short_of(fw, grade_levels, {"1.1.1": 2, "1.1.2": 2})
    courses = _curriculum(_activity("a", "1.1.1", hours=10), _activity("b", "1.1.2", hours=10))
    plan = team_learning.recommend_for_team(summary, courses, team_learning.TeamConstraints(hours_per_person_per_month=1, months=12))
    assert len(plan.items) == 1 and plan.hours_per_person == 10


def test_nothing_is_recommended_to_a_team_without_gaps(fw, grade_levels):
    summary = team.summarise(fw, [person("A", scores=level_up_to(fw, 2))], grade_levels)
    plan = team_learning.recommend_for_team(summary, _curriculum(_activity("a", "1.1.1")), team_learning.TeamConstraints())
    assert plan.items == () and "No one in the team falls short" in plan.notes[0]


def test_absurd_team_constraints_are_refused_in_plain_english(fw, grade_levels):
    summary = _team_short_of(fw, grade_levels, {"1.1.1": 1})
    with pytest.raises(PlannerError, match="Hours a month"):
        team_learning.recommend_for_team(summary, _curriculum(_activity("a", "1.1.1")),
                                team_learning.TeamConstraints(hours_per_person_per_month=0))


def test_the_shipped_curriculum_gives_a_list_within_the_team_budget(fw, grade_levels):

    rng = random.Random(3)
    members = [person(f"P{k}", "SEO", {i.code: rng.choice([1, 2, 3, 4]) for i in fw.indicators}) for k in range(25)]
    summary = team.summarise(fw, members, grade_levels)
    plan = team_learning.recommend_for_team(summary, dataset.load_curriculum(),
                                            team_learning.TeamConstraints(budget=3_000))
    assert 1 <= len(plan.items) <= 6
    assert plan.total_cost <= 3_000 and plan.hours_per_person <= 48
    assert all(item.places >= 1 for item in plan.items)


# --- Experience, judged per person -----------------------------------------------------------


def _old_hand_and_new_starter(fw, grade_levels, years: dict[str, float]) -> team.TeamSummary:
    """Two people short of 1.1.2: an old hand and a new starter, with the years of experience given."""
    base = level_up_to(fw, 2) | {"1.1.2": 1}
    members = [person("Old hand", scores=base), person("New starter", scores=base)]
    return team.with_years(team.summarise(fw, members, grade_levels), years)


def test_an_activity_asking_for_experience_is_for_the_people_in_the_team_who_have_it(fw, grade_levels):
    summary = _old_hand_and_new_starter(fw, grade_levels, {"old-hand": 3, "new-starter": 0.5})
    courses = _curriculum(_activity("secondment", "1.1.2", cost=100, years=2))
    plan = team_learning.recommend_for_team(summary, courses, team_learning.TeamConstraints())
    assert [(i.activity.id, i.people, i.team_cost) for i in plan.items] == [("secondment", (0,), 100.0)]
    assert (plan.gaps_addressed, plan.total_gaps) == (1, 2)
    assert "2 years' experience" in plan.items[0].reason and "1 of the 2 people" in plan.items[0].reason
    assert plan.left_out == ()


def test_an_activity_no_one_who_needs_it_has_the_experience_for_is_left_out_and_the_page_says_why(fw, grade_levels):
    summary = _old_hand_and_new_starter(fw, grade_levels, {"old-hand": 1})
    courses = _curriculum(_activity("secondment", "1.1.2", years=2), _activity("course", "1.1.2", category="formal"))
    plan = team_learning.recommend_for_team(summary, courses, team_learning.TeamConstraints())
    assert [i.activity.id for i in plan.items] == ["course"]
    [left] = plan.left_out
    assert left.activity.id == "secondment"
    assert "asks for 2 years' experience" in left.reason and "none of the 2 people" in left.reason
    assert any("1 activity was left out because it asks for more years of experience" in note for note in plan.notes)
    [row] = team_tables.left_out_table(plan)
    assert row["Activity"] == "Secondment" and row["Why it was left out"] == left.reason


def test_a_prerequisite_that_asks_for_experience_keeps_out_what_needs_it_for_those_without(fw, grade_levels):
    summary = _old_hand_and_new_starter(fw, grade_levels, {"old-hand": 5})
    courses = _curriculum(_activity("basics", "4.1.1", cost=50, years=3),
                          _activity("advanced", "1.1.2", cost=10, prerequisites=("basics",)))
    plan = team_learning.recommend_for_team(summary, courses, team_learning.TeamConstraints())
    assert [(i.activity.id, i.people) for i in plan.items] == [("basics", (0,)), ("advanced", (0,))]
    assert plan.total_cost == 60


def test_a_team_with_years_entered_is_offered_the_shipped_activities_that_ask_for_experience(fw, grade_levels):

    rng = random.Random(3)
    members = [person(f"P{k}", "SEO", {i.code: rng.choice([1, 2, 3]) for i in fw.indicators}) for k in range(6)]
    summary = team.summarise(fw, members, grade_levels)
    shipped = dataset.load_curriculum()
    seasoned = team_learning.recommend_for_team(team.with_years(summary, {m.profile_id: 10 for m in members}), shipped,
                                                team_learning.TeamConstraints())
    assert any(item.activity.min_years_experience > 0 for item in seasoned.items)
    assert seasoned.left_out == ()
    newcomers = team_learning.recommend_for_team(summary, shipped, team_learning.TeamConstraints())
    assert all(item.activity.min_years_experience == 0 for item in newcomers.items)
    asking = {a.id for a in shipped.activities if a.min_years_experience > 0}
    assert {left.activity.id for left in newcomers.left_out} <= asking and newcomers.left_out


# --- Names hidden ----------------------------------------------------------------------------


NAMES = ["Annika Zebedee", "Bobbie Quillfeather", "Cyrus Marchbanks"]


@pytest.fixture
def named_team(fw, grade_levels):
    base = level_up_to(fw, 2)
    members = [person(NAMES[0], scores=base | {"1.1.1": 4}),
               person(NAMES[1], scores=base | {"1.1.1": 1}),
               person(NAMES[2], grade="XYZ")]
    return team.summarise(fw, members, grade_levels)


def _everything(summary, plan, hide: bool, fw) -> str:
    parts = [
        str(team_tables.people_table(summary, hide)), str(team_tables.people_table(summary, hide, as_words=True)),
        str(team_tables.heatmap_rows(summary, hide)), str(team_tables.shared_gaps_table(summary, hide)),
        str(team_tables.coaching_table(summary, hide)), str(team_tables.target_notes(summary, hide)),
        str(charts.team_heatmap(team_tables.heatmap_rows(summary, hide)).to_dict()),
        team_export.team_csv(summary, hide).decode("utf-8-sig"),
    ]
    reader = PdfReader(io.BytesIO(team_export.team_pdf(summary, plan, hide_names=hide, today=TODAY)))
    parts.append(" ".join(page.extract_text() for page in reader.pages))
    parts.append(str(reader.metadata))
    return "\n".join(parts)


def test_hide_names_replaces_every_name_in_every_output_including_the_csv_and_pdf(fw, named_team):
    plan = team_learning.recommend_for_team(named_team, _curriculum(_activity("a", "1.1.1")), team_learning.TeamConstraints())
    shown = _everything(named_team, plan, False, fw)
    assert all(name in shown for name in NAMES)
    hidden = _everything(named_team, plan, True, fw)
    for name in NAMES:
        for word in name.split():
            assert word not in hidden
    assert "Person 1" in hidden and "Person 3" in hidden


def test_hidden_labels_point_at_the_same_person_in_every_output(fw, named_team):
    people = {row["Name"]: row for row in team_tables.people_table(named_team, True)}
    assert people["Person 1"]["1.1.1"] == 4 and people["Person 2"]["1.1.1"] == 1
    assert team_tables.coaching_table(named_team, True)[0]["Suggested pairs"].startswith("Person 1 coaches Person 2")
    heat = {(r["person"], r["code"]): r["status"] for r in team_tables.heatmap_rows(named_team, True)}
    assert heat[("Person 1", "1.1.1")] == "Could coach" and heat[("Person 2", "1.1.1")] == "Not met"
    assert "Person 3" in team_tables.target_notes(named_team, True)[0]
    rows = list(csv.reader(io.StringIO(team_export.team_csv(named_team, True).decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["Person 1", "Person 2", "Person 3"]


def test_names_that_repeat_are_told_apart(fw):
    names = team.display_names([person("Sam Jones", pid="a"), person("Sam Jones", pid="b"), person("Al")], False)
    assert names == ["Sam Jones", "Sam Jones (2)", "Al"]


# --- Charts ----------------------------------------------------------------------------------


def test_the_team_charts_have_titles_symbols_and_the_colour_blind_safe_palette(fw, named_team):
    heat = str(charts.team_heatmap(team_tables.heatmap_rows(named_team, False)).to_dict())
    assert "Each person's rating of every indicator" in heat
    assert all(mark in heat for mark in ("★", "✓", "✗", "?"))
    assert "'rect'" in heat and charts.GREEN in heat and charts.BLUE in heat and charts.ORANGE in heat
    levels = charts.team_levels(team_tables.levels_rows(named_team)).to_dict()
    assert levels["title"] == "Share of the team meeting each level of each skill"
    assert charts.SKY in str(levels)
    [text_layer] = [layer for layer in levels["layer"] if layer["mark"]["type"] == "text"]
    assert text_layer["encoding"]["text"]["field"] == "label"  # the percentage is printed, not only shaded
    rows = team_tables.levels_rows(named_team)
    assert rows[0]["label"].endswith("%") and len(rows) == 12


def test_the_heatmap_can_be_limited_to_the_first_people(fw, named_team):
    rows = team_tables.heatmap_rows(named_team, False, limit=2)
    assert {r["person"] for r in rows} == set(NAMES[:2]) and len(rows) == 2 * 54
