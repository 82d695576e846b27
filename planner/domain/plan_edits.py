"""Edits made to plan items in a table and not saved yet, kept by item id.

A table shows some of the items (a filter) in some order; its rows change when the filter or the
order does. Keeping what the person changed by item id, not by row, means no change is lost or
lands on another item when the rows change before the person saves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from planner.domain import plan
from planner.domain.models import Framework, PlanItem
from planner.errors import PlannerError

Row = dict[str, object]
Pending = dict[str, Row]

COLUMNS = ("Objective", "Indicators", "Activity", "Target date", "Review date", "Status",
           "Evidence of completion")
"""The columns a person can edit, each holding plain values: text, or a date, or None."""

_STATUS_BY_LABEL = {label: status for status, label in plan.STATUS_LABELS.items()}


def row(item: PlanItem) -> Row:
    """The editable cells of a saved item, as the table shows them."""
    return {
        "Objective": item.objective,
        "Indicators": ", ".join(item.indicators),
        "Activity": item.activity_title,
        "Target date": item.target_date,
        "Review date": item.review_date,
        "Status": plan.STATUS_LABELS[item.status],
        "Evidence of completion": item.evidence,
    }


def shown_row(item: PlanItem, pending: Mapping[str, Row]) -> Row:
    """The item's cells with the person's unsaved changes over them."""
    return row(item) | dict(pending.get(item.id, {}))


def absorbed(pending: Mapping[str, Row], items: Iterable[PlanItem], table: Mapping[str, Row]) -> Pending:
    """The unsaved changes once the table's current cells are taken in.

    Args:
        pending: the changes kept so far, by item id.
        items: the saved items, of which the table shows some.
        table: the cells the table holds now for each item it shows, by item id.

    Returns:
        The changes by item id: for each item shown, the cells that differ from the saved item;
        changes to items the table does not show are kept as they were. Items no longer in the
        plan are dropped.
    """
    saved = {item.id: row(item) for item in items}
    kept: Pending = {item_id: dict(cells) for item_id, cells in pending.items() if item_id in saved}
    for item_id, cells in table.items():
        if item_id not in saved:
            continue
        differences = {column: cells[column] for column in COLUMNS
                       if column in cells and cells[column] != saved[item_id][column]}
        if differences:
            kept[item_id] = differences
        else:
            kept.pop(item_id, None)
    return kept


def changed_items(items: Iterable[PlanItem], pending: Mapping[str, Row], fw: Framework,
                  now: datetime) -> tuple[list[PlanItem], list[str]]:
    """The items as the person changed them, checked against the plan's rules.

    Returns:
        The changed items ready to save together, and a plain-English problem for each change
        that breaks a rule (an item is named by its objective, as rows may be hidden).
    """
    updates, problems = [], []
    for item in plan.ordered(items):
        if item.id not in pending:
            continue
        cells = shown_row(item, pending)
        try:
            candidate = plan.changed(
                item, fw, now,
                objective=str(cells["Objective"] or ""),
                indicators=[c.strip() for c in str(cells["Indicators"] or "").split(",") if c.strip()],
                activity_title=str(cells["Activity"] or ""),
                target_date=cells["Target date"],
                review_date=cells["Review date"],
                status=_STATUS_BY_LABEL.get(str(cells["Status"]), item.status),
                evidence=str(cells["Evidence of completion"] or ""),
            )
        except PlannerError as exc:
            problems.append(f"\u201c{plan.shorten(item.objective)}\u201d: {exc}")
            continue
        if candidate.model_dump(exclude={"updated_at"}) != item.model_dump(exclude={"updated_at"}):
            updates.append(candidate)
    return updates, problems
