"""Unsaved edits to plan items, kept by item id so that rows changing under them lose none."""

from datetime import UTC, date, datetime

from planner.domain import plan_edits
from planner.domain.models import ItemStatus, PlanItem
from planner.io import shipped

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def _items():
    return [PlanItem(id=f"i{k}", profile_id="p", objective=f"Objective {k}", indicators=["3.1.2"], position=k,
                     target_date=date(2027, 1, k + 1)) for k in range(3)]


def test_a_cell_that_differs_from_the_saved_item_is_kept_by_item_id():
    items = _items()
    table = {"i1": plan_edits.row(items[1]) | {"Status": "Dropped"}}
    assert plan_edits.absorbed({}, items, table) == {"i1": {"Status": "Dropped"}}


def test_edits_to_items_the_table_no_longer_shows_are_kept():
    items = _items()
    pending = {"i1": {"Status": "Dropped"}}
    table = {"i2": plan_edits.row(items[2]) | {"Objective": "Sharper"}}
    assert plan_edits.absorbed(pending, items, table) == {"i1": {"Status": "Dropped"}, "i2": {"Objective": "Sharper"}}


def test_a_cell_set_back_to_its_saved_value_is_no_longer_a_change():
    items = _items()
    table = {"i1": plan_edits.row(items[1])}
    assert plan_edits.absorbed({"i1": {"Status": "Dropped"}}, items, table) == {}


def test_edits_to_items_gone_from_the_plan_are_dropped():
    assert plan_edits.absorbed({"gone": {"Status": "Dropped"}}, _items(), {}) == {}


def test_changed_items_checks_every_pending_edit_and_names_the_item_it_refuses():
    items = _items()
    pending = {"i0": {"Status": "Dropped"}, "i2": {"Status": "Done"}}
    updates, problems = plan_edits.changed_items(items, pending, fw=_fw(), now=NOW)
    assert [(u.id, u.status) for u in updates] == [("i0", ItemStatus.DROPPED)]
    assert len(problems) == 1 and problems[0].startswith("\u201cObjective 2\u201d: Add evidence")


def _fw():

    return shipped.load_framework()
