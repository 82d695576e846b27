"""The recommender: constraints never broken, prerequisites first, explanations that name the gaps."""

from datetime import UTC, date

import pytest

from planner.domain import assessment, plan, recommend
from planner.domain.curriculum import Activity, Curriculum, Development
from planner.domain.models import Rating
from planner.errors import PlannerError
from planner.io import dataset


def act(id_, codes, *, cost=0.0, hours=5.0, category="experience", fmt="project", pre=(), provider="Team",
        years=0.0, level=2):
    return Activity(id=id_, title=id_.replace("-", " ").title(), provider=provider, format=fmt, category=category,
                    develops=[Development(indicator=c, points=p) for c, p in codes], level=level, hours=hours,
                    cost=cost, prerequisites=list(pre), min_years_experience=years, description="x")


def cur(*activities):
    return Curriculum(note="test", activities=list(activities))


@pytest.fixture
def level1_gaps(fw):
    return assessment.gaps(fw, {}, {1: 1, 2: 0, 3: 0})  # 1.1.1-1.1.5 unrated: 3 points each


def test_nothing_is_recommended_for_a_person_with_no_gaps(fw):
    ratings = {c: Rating(score=4) for c in fw.codes}
    result = recommend.recommend(assessment.gaps(fw, ratings, {1: 4, 2: 4, 3: 4}),
                                 cur(act("a", [("1.1.1", 2)])), recommend.Constraints())
    assert result.items == []
    assert "no gaps" in result.notes[0]


def test_budget_hours_count_and_formats_are_never_broken(level1_gaps):
    activities = [act(f"a{n}", [(f"1.1.{n % 5 + 1}", 2)], cost=100 * n, hours=3 + n, fmt="course" if n % 2 else "project",
                      category=["experience", "others", "formal"][n % 3]) for n in range(1, 30)]
    c = recommend.Constraints(budget=450, hours_per_month=2, horizon_months=10, max_items=4,
                              formats=frozenset({"project"}))
    result = recommend.recommend(level1_gaps, cur(*activities), c)
    assert result.items
    assert result.total_cost <= 450 and result.total_hours <= 20 and len(result.items) <= 4
    assert {r.activity.format for r in result.items} == {"project"}


def test_the_70_20_10_mix_caps_each_kind_of_learning(level1_gaps):
    formal = [act(f"course-{n}", [(f"1.1.{n}", 3)], category="formal", fmt="course") for n in range(1, 6)]
    result = recommend.recommend(level1_gaps, cur(*formal, act("do-it", [("1.1.1", 1)])),
                                 recommend.Constraints(max_items=5))
    assert sum(r.activity.category == "formal" for r in result.items) == 1  # ceil(5 x 10%)


def test_a_mix_can_exclude_a_kind_of_learning(level1_gaps):
    result = recommend.recommend(
        level1_gaps, cur(act("course", [("1.1.1", 3)], category="formal"), act("project", [("1.1.2", 1)])),
        recommend.Constraints(mix=(("experience", 100), ("others", 0), ("formal", 0))))
    assert [r.activity.id for r in result.items] == ["project"]


def test_avoided_providers_and_experience_requirements_are_respected(level1_gaps):
    result = recommend.recommend(
        level1_gaps,
        cur(act("cilip", [("1.1.1", 3)], provider="CILIP"), act("senior", [("1.1.2", 3)], years=5),
            act("ok", [("1.1.3", 1)])),
        recommend.Constraints(avoid_providers=frozenset({"CILIP"}), years_experience=2))
    assert [r.activity.id for r in result.items] == ["ok"]


def test_a_prerequisite_comes_first_and_says_why(level1_gaps):
    result = recommend.recommend(
        level1_gaps,
        cur(act("certification", [("1.1.2", 1)], cost=50), act("chartership", [("1.1.1", 3), ("1.1.3", 3)], cost=100,
                                                             pre=["certification"])),
        recommend.Constraints(budget=200))
    ids = [r.activity.id for r in result.items]
    assert ids.index("certification") < ids.index("chartership")
    first = result.items[ids.index("certification")]
    assert first.needed_for == "Chartership"
    assert "Comes first because Chartership needs it." in first.reason


def test_an_unaffordable_prerequisite_rules_out_what_needs_it(level1_gaps):
    result = recommend.recommend(
        level1_gaps,
        cur(act("certification", [("1.1.5", 1)], cost=450),
            act("chartership", [("1.1.1", 3)], cost=100, pre=["certification"])),
        recommend.Constraints(budget=500))
    assert "chartership" not in [r.activity.id for r in result.items]


def test_what_is_in_the_plan_or_done_is_never_recommended_and_done_meets_prerequisites(level1_gaps):
    c = cur(act("a", [("1.1.1", 3)]), act("b", [("1.1.2", 3)]), act("c", [("1.1.3", 3)], pre=["b"]))
    held = plan.Commitments(in_plan=frozenset({"a"}), done=frozenset({"b"}))
    result = recommend.recommend(level1_gaps, c, recommend.Constraints(), held=held)
    assert [r.activity.id for r in result.items] == ["c"]


def test_the_explanation_names_the_gaps_the_points_and_the_cost(level1_gaps):
    result = recommend.recommend(level1_gaps, cur(act("records-review", [("1.1.2", 2), ("1.1.4", 3)], cost=120,
                                                      hours=14)), recommend.Constraints())
    reason = result.items[0].reason
    assert "2 of 3 points on 1.1.2" in reason and "3 of 3 points on 1.1.4" in reason
    assert "£120" in reason and "14 hours" in reason and "Ranked first" in reason


def test_shortfall_closed_never_exceeds_the_gap(level1_gaps):
    c = cur(act("a", [("1.1.1", 3)]), act("b", [("1.1.1", 3)]), act("c", [("1.1.1", 2), ("1.1.2", 2)]))
    result = recommend.recommend(level1_gaps, c, recommend.Constraints())
    assert result.shortfall_closed <= result.total_shortfall
    closed_on_111 = sum(cl.points for r in result.items for cl in r.closes if cl.code == "1.1.1")
    assert closed_on_111 <= 3


def test_the_same_input_gives_the_same_answer(level1_gaps):
    c = cur(*[act(f"a{n}", [(f"1.1.{n % 5 + 1}", 1 + n % 3)], cost=n * 7, hours=1 + n % 4) for n in range(40)])
    first = recommend.recommend(level1_gaps, c, recommend.Constraints())
    again = recommend.recommend(level1_gaps, c, recommend.Constraints())
    assert [r.activity.id for r in first.items] == [r.activity.id for r in again.items]


@pytest.mark.parametrize("bad", [dict(budget=-1), dict(hours_per_month=0), dict(horizon_months=100),
                                 dict(max_items=0), dict(mix=(("experience", 0), ("others", 0), ("formal", 0)))])
def test_absurd_constraints_are_refused_in_plain_english(level1_gaps, bad):
    with pytest.raises(PlannerError):
        recommend.recommend(level1_gaps, cur(act("a", [("1.1.1", 1)])), recommend.Constraints(**bad))


def test_schedule_spreads_dates_over_the_horizon_in_order(level1_gaps):
    c = cur(act("a", [("1.1.1", 3)], hours=8), act("b", [("1.1.2", 3)], hours=8), act("c", [("1.1.3", 3)], hours=40))
    result = recommend.recommend(level1_gaps, c, recommend.Constraints(hours_per_month=4, horizon_months=12))
    dated = recommend.schedule(result, date(2026, 1, 1))
    dates = [d for _, d in dated]
    assert dates == sorted(dates)
    assert dates[-1] <= date(2027, 1, 1)


def test_the_shipped_curriculum_gives_a_short_sensible_list_for_500_pounds_and_4_hours(fw):

    ratings = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1}
    found = assessment.gaps(fw, ratings, {1: 2, 2: 2, 3: 2})
    result = recommend.recommend(found, dataset.load_curriculum(),
                                 recommend.Constraints(budget=500, hours_per_month=4, horizon_months=12))
    assert 1 <= len(result.items) <= 6
    assert result.total_cost <= 500 and result.total_hours <= 48
    assert result.shortfall_closed > 0
    assert all(r.closes for r in result.items if r.needed_for is None)


def _working_day(day: date) -> bool:
    import holidays

    return day.weekday() < 5 and day not in holidays.UK(subdiv="ENG", years=day.year)


def test_no_scheduled_date_falls_on_a_weekend_or_a_bank_holiday_whatever_the_start(level1_gaps):
    from datetime import timedelta

    c = cur(act("a", [("1.1.1", 3)], hours=7), act("b", [("1.1.2", 3)], hours=9), act("c", [("1.1.3", 3)], hours=13),
            act("d", [("1.1.4", 3)], hours=5), act("e", [("1.1.5", 3)], hours=11))
    result = recommend.recommend(level1_gaps, c, recommend.Constraints(hours_per_month=4, horizon_months=18))
    for offset in range(0, 730, 5):
        start = date(2026, 1, 1) + timedelta(days=offset)
        dated = recommend.schedule(result, start)
        assert all(_working_day(d) for _, d in dated), (start, [d for _, d in dated if not _working_day(d)])


def test_a_dropped_prerequisite_is_not_met_and_a_dropped_activity_may_come_back(level1_gaps, fw):
    from datetime import datetime

    from planner.domain.models import ActivitySource, ItemStatus

    now = datetime(2026, 11, 24, tzinfo=UTC)
    dropped = [plan.changed(plan.new_item(fw, profile_id="p", objective=f"Do {i}", indicators=["1.1.5"],
                                          source=ActivitySource.CURRICULUM, activity_id=i, now=now),
                            fw, now, status=ItemStatus.DROPPED) for i in ("b", "a")]
    c = cur(act("a", [("1.1.1", 3)]), act("b", [("1.1.2", 3)]), act("c", [("1.1.3", 3)], pre=["b"]))
    result = recommend.recommend(level1_gaps, c, recommend.Constraints(), held=plan.commitments(dropped, c))
    ids = [r.activity.id for r in result.items]
    assert "a" in ids and "c" in ids
    assert ids.index("b") < ids.index("c")
    assert not result.planned  # a dropped item works on no gap


def test_what_the_plan_commits_leaves_less_budget_and_fewer_hours(level1_gaps):
    c = cur(act("cheap", [("1.1.1", 3)], cost=100, hours=10), act("dear", [("1.1.2", 3)], cost=300, hours=10))
    limits = recommend.Constraints(budget=500, hours_per_month=4, horizon_months=12)
    assert {r.activity.id for r in recommend.recommend(level1_gaps, c, limits).items} == {"cheap", "dear"}
    held = plan.Commitments(in_plan=frozenset({"course-elsewhere"}), hours=30, cost=250)
    result = recommend.recommend(level1_gaps, c, limits, held=held)
    assert [r.activity.id for r in result.items] == ["cheap"]  # £300 does not fit in the £250 left
    assert "on top of £250 and 30 hours already in your plan (£150 and 8 hours left)" in result.notes[-1]
    full = recommend.recommend(level1_gaps, c, limits, held=plan.Commitments(hours=48))
    assert full.items == [] and any("Your plan is full" in n for n in full.notes)
    spent = recommend.recommend(level1_gaps, cur(act("free", [("1.1.1", 3)]), act("fee", [("1.1.2", 3)], cost=10)),
                                limits, held=plan.Commitments(cost=500))
    assert [r.activity.id for r in spent.items] == ["free"]
    assert any("only activities with no fee are suggested" in n for n in spent.notes)


def test_gaps_the_plan_works_on_are_not_aimed_at_again(level1_gaps):
    c = cur(act("a", [("1.1.1", 3)]), act("b", [("1.1.2", 3)]))
    result = recommend.recommend(level1_gaps, c, recommend.Constraints(),
                                 held=plan.Commitments(covered=frozenset({"1.1.1"})))
    assert [r.activity.id for r in result.items] == ["b"]
    assert result.planned == ["1.1.1"] and result.planned_shortfall == 3
    assert result.open_shortfall == result.total_shortfall - 3


def test_scheduled_dates_come_after_the_hours_the_plan_already_takes(level1_gaps):
    c = cur(act("a", [("1.1.1", 3)], hours=4))
    limits = recommend.Constraints(hours_per_month=4, horizon_months=24)
    alone = recommend.schedule(recommend.recommend(level1_gaps, c, limits), date(2027, 6, 1))[0][1]
    behind = recommend.schedule(recommend.recommend(level1_gaps, c, limits, held=plan.Commitments(hours=40)),
                                date(2027, 6, 1))[0][1]
    assert (alone - date(2027, 6, 1)).days <= 31
    assert 10 * 30 <= (behind - date(2027, 6, 1)).days <= 11 * 31
