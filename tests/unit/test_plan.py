"""The plan's rules: evidence to complete, overdue and stretch flags, order, coverage of gaps."""

from datetime import UTC, date, datetime

import pytest

from planner.domain import assessment, plan
from planner.domain.models import ActivitySource, ItemStatus, PlanItem, Rating
from planner.errors import PlannerError
from planner.io import dataset

NOW = datetime(2026, 11, 24, 9, tzinfo=UTC)
TODAY = date(2026, 11, 24)


def _item(fw, **overrides):
    fields = dict(profile_id="p", objective="Write a retention schedule for the team's records by March",
                  indicators=["2.2.3"], now=NOW)
    fields.update(overrides)
    return plan.new_item(fw, **fields)


def test_a_new_item_is_planned_with_its_indicators_once_each(fw):
    item = _item(fw, indicators=["2.2.3", " 2.2.3", "1.2.3"])
    assert item.status == ItemStatus.PLANNED
    assert item.indicators == ["2.2.3", "1.2.3"]
    assert item.created_at == item.updated_at == NOW


def test_an_item_needs_an_objective(fw):
    with pytest.raises(PlannerError, match="Write the objective"):
        _item(fw, objective="   ")


def test_unknown_indicators_are_refused_by_name(fw):
    with pytest.raises(PlannerError, match="not indicator codes like 2.3.4 or DM-3-2: records"):
        _item(fw, indicators=["records"])
    with pytest.raises(PlannerError, match="not indicators of the framework: 1.1.9"):
        _item(fw, indicators=["1.1.9"])
    # Written like a code (two parts are a code in some frameworks), but not one of this framework's.
    with pytest.raises(PlannerError, match="not indicators of the framework: 9.9"):
        _item(fw, indicators=["9.9"])


def test_a_review_after_the_target_date_is_refused(fw):
    with pytest.raises(PlannerError, match="review date must be on or before"):
        _item(fw, target_date=date(2027, 3, 1), review_date=date(2027, 4, 1))


def test_completing_needs_evidence(fw):
    item = _item(fw)
    with pytest.raises(PlannerError, match="Add evidence of completion"):
        plan.complete(item, "  ", fw, NOW)
    done = plan.complete(item, "Schedule approved by the IAO on 2 March", fw, NOW)
    assert done.status == ItemStatus.DONE and done.evidence.startswith("Schedule approved")


def test_an_open_item_past_its_target_date_is_overdue_but_a_done_one_is_not(fw):
    item = _item(fw, target_date=date(2026, 11, 1))
    assert plan.is_overdue(item, TODAY)
    assert "Overdue" in plan.flags(item, TODAY, set())
    done = plan.complete(item, "Done it", fw, NOW)
    assert not plan.is_overdue(done, TODAY)


def test_an_item_for_indicators_already_met_is_marked_stretch(fw):
    item = _item(fw, indicators=["1.1.1", "1.1.2"])
    assert plan.flags(item, TODAY, {"1.1.1", "1.1.2"}) == ["Stretch"]
    assert plan.flags(item, TODAY, {"1.1.1"}) == []


def test_moving_an_item_up_renumbers_positions(fw):
    items = [_item(fw, objective=f"Objective {n}", position=n) for n in range(3)]
    changed = plan.moved(items, items[2].id, -1, NOW)
    order = plan.ordered({i.id: i for i in [*items, *changed]}.values())
    assert [i.objective for i in order] == ["Objective 0", "Objective 2", "Objective 1"]


def test_moving_the_first_item_up_keeps_it_first(fw):
    items = [_item(fw, objective=f"Objective {n}", position=n) for n in range(2)]
    changed = plan.moved(items, items[0].id, -1, NOW)
    assert [i.id for i in changed] == [items[0].id]
    assert changed[0].position == 0


def test_progress_counts_each_status_and_overdue(fw):
    items = [
        _item(fw, target_date=date(2026, 1, 1)),
        plan.changed(_item(fw), fw, NOW, status=ItemStatus.IN_PROGRESS),
        plan.complete(_item(fw), "Evidence", fw, NOW),
        plan.changed(_item(fw), fw, NOW, status=ItemStatus.DROPPED),
    ]
    result = plan.progress(items, TODAY)
    assert (result.total, result.planned, result.in_progress, result.done, result.dropped, result.overdue) == (
        4, 1, 1, 1, 1, 1)


def test_coverage_splits_gaps_into_covered_and_uncovered_ignoring_dropped_items(fw):
    found = assessment.gaps(fw, {}, {1: 1, 2: 0, 3: 0})  # 1.1.1 to 1.1.5
    items = [_item(fw, indicators=["1.1.1", "1.1.2"]),
             plan.changed(_item(fw, indicators=["1.1.3"]), fw, NOW, status=ItemStatus.DROPPED)]
    result = plan.coverage(items, found)
    assert [g.code for g in result.covered] == ["1.1.1", "1.1.2"]
    assert [g.code for g in result.uncovered] == ["1.1.3", "1.1.4", "1.1.5"]


def test_a_change_that_breaks_the_model_is_a_plain_error(fw):
    with pytest.raises(PlannerError, match="could not be made"):
        plan.changed(_item(fw), fw, NOW, status="finished")


def test_timeline_rows_cover_items_with_a_target_date(fw):
    items = [_item(fw, target_date=date(2027, 2, 1)), _item(fw)]
    rows = plan.timeline_rows(items)
    assert rows == [{"objective": "Write a retention schedule for the team's records by March",
                     "start": "2026-11-24", "end": "2027-02-01", "status": "Planned"}]


def test_latest_ratings_prefer_the_latest_snapshot_then_the_draft():
    from planner.domain.models import Assessment
    snap = Assessment(profile_id="p", taken_on=date(2026, 1, 1), ratings={"1.1.1": Rating(score=3)})
    assert assessment.latest_ratings([snap], {"1.1.2": Rating(score=1)})[1] is snap
    ratings, source = assessment.latest_ratings([], {"1.1.2": Rating(score=1)})
    assert source is None and list(ratings) == ["1.1.2"]


def test_an_item_from_a_mentor_keeps_its_source_and_owner(fw):
    item = _item(fw, source=ActivitySource.MENTOR, owner="Jo (mentor)")
    assert item.activity_source == ActivitySource.MENTOR and item.owner == "Jo (mentor)"
    assert isinstance(item, PlanItem)


def _from_curriculum(fw, activity_id, status=ItemStatus.PLANNED, indicators=("1.1.1",)):
    item = _item(fw, indicators=list(indicators), source=ActivitySource.CURRICULUM, activity_id=activity_id)
    if status == ItemStatus.DONE:
        return plan.complete(item, "Evidence", fw, NOW)
    return plan.changed(item, fw, NOW, status=status) if status != ItemStatus.PLANNED else item


def test_already_in_the_plan_means_planned_or_in_progress_and_done_is_kept_apart(fw):

    cur = dataset.load_curriculum()
    a, b, c, d = (act.id for act in cur.activities[:4])
    items = [_from_curriculum(fw, a), _from_curriculum(fw, b, ItemStatus.IN_PROGRESS),
             _from_curriculum(fw, c, ItemStatus.DONE), _from_curriculum(fw, d, ItemStatus.DROPPED, ["1.1.4"]),
             _from_curriculum(fw, a, ItemStatus.IN_PROGRESS)]
    held = plan.commitments(items, cur)
    assert held.in_plan == {a, b} and held.done == {c}
    assert not held.holds(d) and held.holds(a) and held.holds(c)
    assert held.covered == {"1.1.1"}  # the dropped item's 1.1.4 counts for nothing
    by_id = {act.id: act for act in cur.activities}
    assert held.hours == by_id[a].hours + by_id[b].hours  # a counted once, done and dropped not at all
    assert held.cost == by_id[a].cost + by_id[b].cost


def test_an_activity_no_longer_in_the_curriculum_stays_in_the_plan_with_no_hours_known(fw):

    held = plan.commitments([_from_curriculum(fw, "withdrawn-course")], dataset.load_curriculum())
    assert held.in_plan == {"withdrawn-course"} and held.hours == 0 and held.cost == 0
