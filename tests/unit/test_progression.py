"""Career routes: empty when already there, refused when going down, fastest first, alternatives differ."""

from datetime import date

import pytest

from planner.domain import progression, recommend
from planner.domain.curriculum import Activity, Curriculum, Development
from planner.domain.models import Rating
from planner.domain.progression import Place
from planner.domain.roles import Move, Role, RoleGrade, Roles, blend
from planner.errors import PlannerError


def rg(grade, level, moves=(), key=()):
    return RoleGrade(grade=grade, levels={1: level, 2: level, 3: level}, key_indicators=list(key),
                     moves=[Move(to_role=r, to_grade=g, kind=k) for r, g, k in moves])


def role(id_, *grades):
    return Role(id=id_, name=id_.replace("-", " ").title(), kind="core", description="x", grades=list(grades))


@pytest.fixture
def small_roles():
    # records manager EO -> HEO -> SEO -> G7; knowledge manager HEO -> G7 skips SEO (a faster ladder).
    return Roles(note="test", roles=[
        role("records-manager", rg("EO", 2, [("knowledge-manager", "HEO", "lateral")]), rg("HEO", 2),
             rg("SEO", 3), rg("G7", 3)),
        role("knowledge-manager", rg("HEO", 2), rg("G7", 3)),
    ])


@pytest.fixture
def tiny_curriculum(fw):
    return Curriculum(note="t", activities=[
        Activity(id=f"a-{i.code.replace('.', '-')}", title=f"Work on {i.code}", provider="Team", format="project",
                 category="experience", develops=[Development(indicator=i.code, points=3)], level=i.level,
                 hours=2, cost=0, description="x")
        for i in fw.indicators
    ])


def level2_ratings(fw):
    return {i.code: Rating(score=3) for i in fw.indicators if i.level <= 2}


def _routes(fw, grades, small_roles, cur, ratings, start, goal, **settings):
    return progression.routes(fw, small_roles, grades, cur, ratings, start, goal,
                              recommend.Constraints(hours_per_month=4), progression.Settings(**settings))


def test_the_same_place_gives_an_empty_route(fw, grades, small_roles, tiny_curriculum):
    found = _routes(fw, grades, small_roles, tiny_curriculum, {}, Place("records-manager", "HEO"),
                    Place("records-manager", "HEO"))
    assert len(found) == 1 and found[0].steps == [] and found[0].months == 0


def test_a_target_below_the_current_grade_gives_a_clear_message(fw, grades, small_roles, tiny_curriculum):
    with pytest.raises(PlannerError, match=r"target grade \(EO\) is below your current grade \(SEO\)"):
        _routes(fw, grades, small_roles, tiny_curriculum, {}, Place("records-manager", "SEO"),
                Place("records-manager", "EO"))


def test_a_role_not_found_at_a_grade_is_named(fw, grades, small_roles, tiny_curriculum):
    with pytest.raises(PlannerError, match="Knowledge Manager, is not found at SEO"):
        _routes(fw, grades, small_roles, tiny_curriculum, {}, Place("records-manager", "EO"),
                Place("knowledge-manager", "SEO"))


def test_a_lateral_move_then_promotion_beats_a_longer_ladder(fw, grades, small_roles, tiny_curriculum):
    found = _routes(fw, grades, small_roles, tiny_curriculum, level2_ratings(fw), Place("records-manager", "EO"),
                    Place("knowledge-manager", "G7"))
    fastest = found[0]
    assert [(s.end.role_id, s.end.grade, s.kind) for s in fastest.steps] == [
        ("knowledge-manager", "HEO", "lateral"), ("knowledge-manager", "G7", "promotion")]
    assert all(r.months >= fastest.months for r in found)


def test_alternatives_differ_from_the_fastest_route(fw, grades, small_roles, tiny_curriculum):
    small_roles.roles[0].grades[3].moves.append(Move(to_role="knowledge-manager", to_grade="G7", kind="lateral"))
    found = _routes(fw, grades, small_roles, tiny_curriculum, level2_ratings(fw), Place("records-manager", "EO"),
                    Place("knowledge-manager", "G7"))
    assert len(found) >= 2
    assert len({tuple(r.places) for r in found}) == len(found)


def test_each_step_says_its_levels_gaps_activities_and_time(fw, grades, small_roles, tiny_curriculum):
    found = _routes(fw, grades, small_roles, tiny_curriculum, level2_ratings(fw), Place("records-manager", "EO"),
                    Place("knowledge-manager", "G7"), min_months_in_grade=12)
    promotion = found[0].steps[1]
    assert promotion.levels == {1: 3, 2: 3, 3: 3}
    assert {g.code for g in promotion.gaps} == {i.code for i in fw.indicators if i.level == 3}
    assert promotion.activities and all(r.activity.id.startswith("a-3-") for r in promotion.activities)
    assert promotion.months >= 12
    assert promotion.why_months


def test_time_in_grade_is_a_setting(fw, grades, small_roles, tiny_curriculum):
    quick = _routes(fw, grades, small_roles, tiny_curriculum, {c: Rating(score=4) for c in fw.codes},
                    Place("records-manager", "HEO"), Place("records-manager", "SEO"), min_months_in_grade=6)
    assert quick[0].months == 6


def test_readiness_is_ready_nearly_or_not_yet_with_the_guide_only_caveat(fw):
    ratings = level2_ratings(fw)
    assert progression.readiness(fw, ratings, {1: 2, 2: 2, 3: 2}).status == "ready"
    almost = dict(ratings) | {c: Rating(score=3) for c in fw.codes if c.startswith("3.")}
    del almost["3.3.5"]
    nearly = progression.readiness(fw, almost, {1: 3, 2: 3, 3: 3}, nearly=3)
    assert (nearly.status, nearly.gaps) == ("nearly", 1)
    assert "guide only" in nearly.sentence
    assert progression.readiness(fw, ratings, {1: 3, 2: 3, 3: 3}).status == "not yet"


def test_blended_roles_take_the_highest_level_per_skill():
    a = RoleGrade(grade="SEO", levels={1: 3, 2: 2, 3: 1})
    b = RoleGrade(grade="SEO", levels={1: 2, 2: 3, 3: 2})
    assert blend([a, b]) == {1: 3, 2: 3, 3: 2}


def test_timeline_rows_run_step_after_step(fw, grades, small_roles, tiny_curriculum):
    route = _routes(fw, grades, small_roles, tiny_curriculum, level2_ratings(fw), Place("records-manager", "EO"),
                    Place("knowledge-manager", "G7"))[0]
    rows = progression.timeline_rows(route, small_roles, date(2027, 1, 1))
    assert rows[0]["start"] == "2027-01-01" and rows[1]["start"] == rows[0]["end"]
    assert rows[0]["kind"] == "Lateral move" and rows[1]["kind"] == "Promotion"


def test_no_date_a_route_gives_its_activities_falls_on_a_weekend_or_a_bank_holiday(fw, grades, small_roles,
                                                                                    tiny_curriculum):
    from datetime import timedelta

    import holidays

    route = _routes(fw, grades, small_roles, tiny_curriculum, level2_ratings(fw), Place("records-manager", "EO"),
                    Place("knowledge-manager", "G7"))[0]
    for offset in range(0, 730, 7):
        start = date(2026, 1, 1) + timedelta(days=offset)
        dated = progression.dated_activities(route, start, 4)
        assert dated
        bad = [d for _, d in dated if d.weekday() >= 5 or d in holidays.UK(subdiv="ENG", years=d.year)]
        assert not bad, (start, bad)
