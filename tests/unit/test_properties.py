"""Property-based tests: the planner's rules hold for any ratings, targets, curricula and limits."""

from __future__ import annotations

import math
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain import assessment, plan, recommend
from planner.domain.curriculum import CATEGORIES, FORMATS, Activity, Curriculum, Development
from planner.domain.models import MEETS, Rating
from planner.io import shipped

FW = shipped.load_framework()
CODES = FW.codes
SKILLS = [s.number for s in FW.skills]
LEVELS = sorted(lv.number for lv in FW.levels)
LOW_CODES = [ind.code for ind in FW.indicators if ind.level <= 2]

# Quick enough that the whole file runs in a few seconds; deadline off because the first
# examples pay for imports and pydantic warm-up.
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOWER = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- Strategies ----------------------------------------------------------------------------

scores = st.dictionaries(st.sampled_from(CODES), st.integers(0, 4), max_size=len(CODES))
"""Scores for any subset of the framework's indicators; a missing code is unrated."""

targets = st.fixed_dictionaries({skill: st.integers(0, 4) for skill in SKILLS})


def as_ratings(by_code: dict[str, int]) -> dict[str, Rating]:
    return {code: Rating(score=score) for code, score in by_code.items()}


def attained_levels(by_code: dict[str, int]) -> dict[int, int]:
    ratings = as_ratings(by_code)
    return {skill: assessment.attained_level(FW, ratings, skill) for skill in SKILLS}


def meets(by_code: dict[str, int], code: str) -> bool:
    return by_code.get(code, -1) >= MEETS


# Cheap and short activities are common, as in a real curriculum, so that most examples
# recommend something; the full ranges still come up.
_costs = st.one_of(
    st.just(0), st.integers(0, 300), st.integers(0, 2000), st.floats(0, 2000).map(lambda x: round(x, 2))
)
_hours = st.one_of(st.integers(1, 12), st.integers(1, 100))
_activity_specs = st.fixed_dictionaries(
    {
        # Half the time only levels 1 and 2, where most gaps are, so that activities meet gaps.
        "develops": st.dictionaries(
            st.one_of(st.sampled_from(CODES), st.sampled_from(LOW_CODES)), st.integers(1, 3), min_size=1, max_size=4
        ),
        "provider": st.sampled_from(["Team", "College", "Network"]),
        "format": st.sampled_from(FORMATS),
        "category": st.sampled_from(CATEGORIES),
        "level": st.integers(1, 4),
        "hours": _hours,
        "cost": _costs,
        # Positions counted back from the activity itself; most activities need nothing first.
        "needs": st.one_of(st.just([]), st.just([]), st.lists(st.integers(1, 3), min_size=1, max_size=2)),
    }
)


def build_curriculum(specs: list[dict]) -> Curriculum:
    """Activities a00, a01, ...; prerequisites only on earlier ids, so never a circle."""
    activities = []
    for n, spec in enumerate(specs):
        prerequisites = sorted({f"a{n - back:02d}" for back in spec["needs"] if back <= n})
        activities.append(
            Activity(
                id=f"a{n:02d}", title=f"Activity {n}", provider=spec["provider"], format=spec["format"],
                category=spec["category"], level=spec["level"], hours=spec["hours"], cost=spec["cost"],
                develops=[Development(indicator=c, points=p) for c, p in spec["develops"].items()],
                prerequisites=prerequisites,
            )
        )
    return Curriculum(note="generated", activities=activities)


curricula = st.one_of(
    st.lists(_activity_specs, min_size=1, max_size=30), st.lists(_activity_specs, min_size=10, max_size=30)
).map(build_curriculum)
"""1-30 activities over random indicators, with occasional prerequisites on earlier activities."""


@st.composite
def constraints(draw) -> recommend.Constraints:
    shares = draw(st.tuples(*(st.sampled_from([70, 20, 10, 100, 5, 0]) for _ in CATEGORIES)).filter(any))
    return recommend.Constraints(
        budget=draw(
            st.one_of(st.integers(500, 3000), st.integers(0, 3000), st.floats(0, 3000).map(lambda x: round(x, 2)))
        ),
        hours_per_month=draw(st.one_of(st.integers(6, 20), st.integers(1, 20))),
        horizon_months=draw(st.one_of(st.integers(6, 24), st.integers(1, 24))),
        max_items=draw(st.integers(1, 8)),
        mix=tuple(zip(CATEGORIES, shares)),
        # Usually any format: a narrow list of formats leaves little to recommend.
        formats=draw(st.one_of(st.just(frozenset()), st.frozensets(st.sampled_from(FORMATS), min_size=4))),
    )


@st.composite
def recommendation_inputs(draw):
    """Gaps, a curriculum, constraints and the ids already in the plan or done."""
    cur = draw(curricula)
    ids = [a.id for a in cur.activities]
    in_plan = draw(st.sets(st.sampled_from(ids), max_size=2))
    done = draw(st.sets(st.sampled_from(ids), max_size=2)) - in_plan
    found = assessment.gaps(FW, as_ratings(draw(scores)), draw(targets))
    return found, cur, draw(constraints()), in_plan, done


def run(inputs) -> recommend.Result:
    found, cur, limits, in_plan, done = inputs
    held = plan.Commitments(in_plan=frozenset(in_plan), done=frozenset(done))
    return recommend.recommend(found, cur, limits, held=held)


# --- Attained level ------------------------------------------------------------------------


@QUICK
@given(scores)
def test_attained_level_is_between_0_and_4(by_code):
    assert all(0 <= level <= 4 for level in attained_levels(by_code).values())


@QUICK
@given(scores)
def test_every_indicator_at_or_below_the_attained_level_meets(by_code):
    for skill, attained in attained_levels(by_code).items():
        for ind in FW.indicators_for(skill=skill):
            if ind.level <= attained:
                assert meets(by_code, ind.code), (skill, attained, ind.code)


@QUICK
@given(scores)
def test_some_indicator_at_the_next_level_does_not_meet_when_below_level_4(by_code):
    for skill, attained in attained_levels(by_code).items():
        if attained < max(LEVELS):
            next_level = FW.indicators_for(level=attained + 1, skill=skill)
            assert any(not meets(by_code, ind.code) for ind in next_level), (skill, attained)


@QUICK
@given(scores, st.sampled_from(CODES), st.integers(0, 4), st.integers(0, 4))
def test_raising_one_score_never_lowers_any_attained_level(by_code, code, one, other):
    lower, higher = sorted((one, other))
    unrated = {k: v for k, v in by_code.items() if k != code}
    # Unrated, then the lower score, then the higher: each is a raise of the one before.
    steps = [attained_levels(unrated | extra) for extra in ({}, {code: lower}, {code: higher})]
    for before, after in zip(steps, steps[1:]):
        assert all(after[skill] >= before[skill] for skill in SKILLS), (code, lower, higher, steps)


@QUICK
@given(scores, st.lists(st.sampled_from(CODES), unique=True), st.integers(0, MEETS - 1), targets)
def test_an_unrated_indicator_counts_the_same_as_a_score_below_3(by_code, filled, low_score, target):
    with_low_scores = by_code | {code: low_score for code in filled if code not in by_code}
    assert attained_levels(by_code) == attained_levels(with_low_scores)
    gap_codes = {g.code for g in assessment.gaps(FW, as_ratings(by_code), target)}
    assert gap_codes == {g.code for g in assessment.gaps(FW, as_ratings(with_low_scores), target)}


# --- Gaps ----------------------------------------------------------------------------------


@QUICK
@given(scores, targets)
def test_every_gap_is_at_or_below_its_target_and_does_not_meet(by_code, target):
    for gap in assessment.gaps(FW, as_ratings(by_code), target):
        assert gap.indicator.level <= target[gap.indicator.skill]
        assert not meets(by_code, gap.code)
        assert gap.score == by_code.get(gap.code)


@QUICK
@given(scores, targets)
def test_every_indicator_at_or_below_target_that_does_not_meet_is_a_gap(by_code, target):
    expected = {ind.code for ind in FW.indicators if ind.level <= target[ind.skill] and not meets(by_code, ind.code)}
    found = [g.code for g in assessment.gaps(FW, as_ratings(by_code), target)]
    assert len(found) == len(set(found)), "an indicator is listed as a gap twice"
    assert set(found) == expected


@QUICK
@given(scores, targets)
def test_each_gap_falls_short_by_1_to_3_points(by_code, target):
    for gap in assessment.gaps(FW, as_ratings(by_code), target):
        assert 1 <= gap.shortfall <= 3
        assert gap.shortfall == MEETS - by_code.get(gap.code, 0)


@QUICK
@given(scores, targets)
def test_gaps_come_lower_level_first_then_larger_shortfall_first(by_code, target):
    keys = [(g.indicator.level, -g.shortfall) for g in assessment.gaps(FW, as_ratings(by_code), target)]
    assert keys == sorted(keys)


@QUICK
@given(scores)
def test_a_target_of_0_in_every_skill_gives_no_gaps(by_code):
    assert assessment.gaps(FW, as_ratings(by_code), {skill: 0 for skill in SKILLS}) == []


@QUICK
@given(scores, targets, st.sampled_from(SKILLS), st.integers(1, 4))
def test_raising_a_target_never_removes_a_gap(by_code, target, skill, step):
    raised = target | {skill: min(4, target[skill] + step)}
    ratings = as_ratings(by_code)
    before = {g.code for g in assessment.gaps(FW, ratings, target)}
    after = {g.code for g in assessment.gaps(FW, ratings, raised)}
    assert before <= after


# --- Recommendations -----------------------------------------------------------------------


@SLOWER
@given(recommendation_inputs())
def test_recommendations_stay_within_the_budget_the_hours_and_the_number_of_items(inputs):
    limits = inputs[2]
    result = run(inputs)
    cost = sum(r.activity.cost for r in result.items)
    hours = sum(r.activity.hours for r in result.items)
    assert cost <= limits.budget + 1e-6
    assert hours <= limits.hours_per_month * limits.horizon_months + 1e-6
    assert len(result.items) <= limits.max_items
    assert abs(result.total_cost - cost) < 1e-6 and abs(result.total_hours - hours) < 1e-6


@SLOWER
@given(recommendation_inputs())
def test_recommendations_respect_the_70_20_10_caps_and_the_formats(inputs):
    limits = inputs[2]
    result = run(inputs)
    shares = dict(limits.mix)
    # Each kind's share of max_items, rounded up; worked out here rather than by category_caps.
    caps = {c: math.ceil(limits.max_items * share / sum(shares.values())) for c, share in shares.items()}
    used = Counter(r.activity.category for r in result.items)
    for category, count in used.items():
        assert shares[category] > 0, f"{category} has a share of 0 but was recommended"
        assert count <= caps[category], (category, count, caps)
    if limits.formats:
        assert all(r.activity.format in limits.formats for r in result.items)


@SLOWER
@given(recommendation_inputs())
def test_nothing_in_the_plan_or_done_is_recommended_and_each_activity_appears_once(inputs):
    _, _, _, in_plan, done = inputs
    ids = [r.activity.id for r in run(inputs).items]
    assert len(ids) == len(set(ids))
    assert not set(ids) & (in_plan | done)


@SLOWER
@given(recommendation_inputs())
def test_every_prerequisite_is_recommended_earlier_done_or_already_in_the_plan(inputs):
    _, _, _, in_plan, done = inputs
    result = run(inputs)
    earlier: set[str] = set()
    for rec in result.items:
        for pre in rec.activity.prerequisites:
            assert pre in earlier or pre in done or pre in in_plan, (rec.activity.id, pre)
        earlier.add(rec.activity.id)


@SLOWER
@given(recommendation_inputs())
def test_every_prerequisite_is_recommended_earlier_or_done_when_none_is_in_the_plan(inputs):
    found, cur, limits, _, done = inputs
    result = recommend.recommend(found, cur, limits, held=plan.Commitments(done=frozenset(done)))
    earlier: set[str] = set()
    for rec in result.items:
        for pre in rec.activity.prerequisites:
            assert pre in earlier or pre in done, (rec.activity.id, pre)
        earlier.add(rec.activity.id)


@SLOWER
@given(recommendation_inputs())
def test_shortfall_closed_never_exceeds_the_total_shortfall_nor_any_gap(inputs):
    found = inputs[0]
    result = run(inputs)
    assert result.total_shortfall == assessment.total_shortfall(found)
    assert 0 <= result.shortfall_closed <= result.total_shortfall
    closed = Counter()
    for rec in result.items:
        for closure in rec.closes:
            closed[closure.code] += closure.points
    assert sum(closed.values()) == result.shortfall_closed
    shortfall = {g.code: g.shortfall for g in found}
    assert all(points <= shortfall[code] for code, points in closed.items())


@SLOWER
@given(recommendation_inputs())
def test_the_same_input_gives_the_same_recommendations(inputs):
    first, second = run(inputs), run(inputs)

    def seen(result: recommend.Result):
        return [(r.activity.id, r.rank, r.closes, r.value, r.reason) for r in result.items], result.notes

    assert seen(first) == seen(second)


@st.composite
def inputs_with_a_plan(draw):
    """As recommendation_inputs, and a plan that already works on some gaps and takes hours and money."""
    found, cur, limits, in_plan, done = draw(recommendation_inputs())
    covered = draw(st.sets(st.sampled_from([g.code for g in found]), max_size=len(found))) if found else set()
    held = plan.Commitments(in_plan=frozenset(in_plan), done=frozenset(done), covered=frozenset(covered),
                            hours=draw(st.sampled_from([0.0, 5.0, 30.0, 500.0])),
                            cost=draw(st.sampled_from([0.0, 100.0, 450.0, 5000.0])))
    return found, cur, limits, held


@SLOWER
@given(inputs_with_a_plan())
def test_what_the_plan_takes_comes_out_of_the_budget_and_hours_and_its_gaps_get_nothing_more(inputs):
    found, cur, limits, held = inputs
    result = recommend.recommend(found, cur, limits, held=held)
    cost = sum(r.activity.cost for r in result.items)
    hours = sum(r.activity.hours for r in result.items)
    assert cost <= max(0.0, limits.budget - held.cost) + 1e-6
    assert hours <= max(0.0, limits.hours_per_month * limits.horizon_months - held.hours) + 1e-6
    assert not {c.code for r in result.items for c in r.closes} & held.covered
    assert result.planned_shortfall == sum(g.shortfall for g in found if g.code in held.covered)
    assert 0 <= result.shortfall_closed <= result.total_shortfall - result.planned_shortfall


# --- Plan dates ----------------------------------------------------------------------------

from datetime import date as _date  # noqa: E402
from datetime import timedelta as _timedelta  # noqa: E402

import holidays as _holidays  # noqa: E402

from planner.domain import dates as _dates  # noqa: E402

_BANK_HOLIDAYS = _holidays.UK(subdiv="ENG", years=range(2024, 2036))


@QUICK
@given(st.lists(st.floats(0.5, 150).map(lambda x: round(x, 1)), max_size=12),
       st.dates(_date(2025, 1, 1), _date(2030, 12, 31)), st.floats(0.5, 200), st.integers(7, 1800),
       st.sampled_from([0.0, 3.0, 40.0, 400.0]))
def test_paced_dates_are_working_days_in_order_after_the_start_and_by_the_latest(hours, start, pace, window, already):
    latest = start + _timedelta(days=window)
    due = _dates.paced(hours, start, pace, latest, already=already)
    assert len(due) == len(hours)
    assert due == sorted(due)
    for day in due:
        assert day.weekday() < 5 and day not in _BANK_HOLIDAYS, day
        assert start < day <= latest
