"""The personal development plan (PDP): its items, their rules, and what the plan covers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from planner.domain.assessment import Gap
from planner.domain.curriculum import Curriculum
from planner.domain.models import (
    CODE_EXAMPLE,
    MAX_TEXT,
    ActivitySource,
    Framework,
    ItemStatus,
    PlanItem,
    is_indicator_code,
)
from planner.domain.wording import long_date
from planner.errors import PlannerError, describe_invalid

OPEN_STATUSES = {ItemStatus.PLANNED, ItemStatus.IN_PROGRESS}
# Dates outside these are typing slips (the year 9999), and would break calendars and charts.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
STATUS_LABELS = {
    ItemStatus.PLANNED: "Planned",
    ItemStatus.IN_PROGRESS: "In progress",
    ItemStatus.DONE: "Done",
    ItemStatus.DROPPED: "Dropped",
}
SOURCE_LABELS = {
    ActivitySource.CURRICULUM: "From the curriculum",
    ActivitySource.MENTOR: "Agreed with a mentor",
    ActivitySource.OWN: "My own",
}


def is_overdue(item: PlanItem, today: date) -> bool:
    """An open item whose target date has passed."""
    return item.status in OPEN_STATUSES and item.target_date is not None and item.target_date < today


def is_stretch(item: PlanItem, met_codes: set[str]) -> bool:
    """An item whose indicators are all met already: allowed, but marked as stretch."""
    return bool(item.indicators) and all(code in met_codes for code in item.indicators)


def flags(item: PlanItem, today: date, met_codes: set[str]) -> list[str]:
    """Words that mark an item: 'Overdue', 'Stretch', 'Review due'."""
    marks = []
    if is_overdue(item, today):
        marks.append("Overdue")
    if item.status != ItemStatus.DROPPED and is_stretch(item, met_codes):
        marks.append("Stretch")
    if item.status in OPEN_STATUSES and item.review_date is not None and item.review_date <= today:
        marks.append("Review due")
    return marks


def check_item(item: PlanItem, fw: Framework) -> PlanItem:
    """Check an item against the plan's rules before it is saved.

    Args:
        item: the item as the person left it.
        fw: the framework its indicators must come from.

    Returns:
        The item, unchanged, when every rule holds.

    Raises:
        PlannerError: the objective is empty, an indicator is unknown, a done item has no
            evidence, or the review date falls after the target date.
    """
    problems = []
    if not item.objective.strip():
        problems.append("Write the objective: what you will achieve, and how you will know.")
    unknown = fw.unknown_codes(item.indicators)
    if unknown:
        problems.append(f"These are not indicators of the framework: {', '.join(unknown)}.")
    if item.status == ItemStatus.DONE and not item.evidence.strip():
        problems.append(
            f"Add evidence of completion before marking \u201c{shorten(item.objective)}\u201d as done."
        )
    if item.target_date and item.review_date and item.review_date > item.target_date:
        problems.append("The review date must be on or before the target date.")
    for label, when in (("target date", item.target_date), ("review date", item.review_date)):
        if when and not EARLIEST_DATE <= when <= LATEST_DATE:
            problems.append(f"The {label} must be between {long_date(EARLIEST_DATE)} and {long_date(LATEST_DATE)}.")
    if problems:
        raise PlannerError(" ".join(problems))
    return item


def new_item(
    fw: Framework,
    *,
    profile_id: str,
    objective: str,
    indicators: Iterable[str],
    activity_title: str = "",
    source: ActivitySource = ActivitySource.OWN,
    activity_id: str | None = None,
    owner: str = "",
    target_date: date | None = None,
    review_date: date | None = None,
    position: int = 0,
    now: datetime,
) -> PlanItem:
    """A new planned item, checked against the rules.

    Raises:
        PlannerError: the item breaks a rule (see check_item) or a text is too long.
    """
    if not (objective or "").strip():
        raise PlannerError("Write the objective: what you will achieve, and how you will know.")
    codes = [c.strip() for c in indicators if c and c.strip()]
    bad = [c for c in codes if not is_indicator_code(c)]
    if bad:
        raise PlannerError(f"These are not indicator codes like {CODE_EXAMPLE}: {', '.join(bad)}.")
    for label, text in (("objective", objective), ("activity", activity_title)):
        if len(text or "") > MAX_TEXT:
            raise PlannerError(f"The {label} is too long; use {MAX_TEXT:,} characters or fewer.")
    item = PlanItem(
        profile_id=profile_id,
        objective=objective.strip(),
        indicators=list(dict.fromkeys(codes)),
        activity_source=source,
        activity_id=activity_id,
        activity_title=(activity_title or "").strip(),
        owner=(owner or "").strip(),
        target_date=target_date,
        review_date=review_date,
        position=position,
        created_at=now,
        updated_at=now,
    )
    return check_item(item, fw)


def changed(item: PlanItem, fw: Framework, now: datetime, **fields: Any) -> PlanItem:
    """The item with some fields changed, checked, and its change time set.

    Raises:
        PlannerError: the changed item breaks a rule.
    """
    merged = item.model_dump() | fields | {"updated_at": now}
    try:
        updated = PlanItem.model_validate(merged)
    except ValueError as exc:
        raise PlannerError(f"That change could not be made: {_first_error(exc)}") from None
    return check_item(updated, fw)


def complete(item: PlanItem, evidence: str, fw: Framework, now: datetime) -> PlanItem:
    """Mark an item done with its evidence of completion (evidence is required)."""
    return changed(item, fw, now, status=ItemStatus.DONE, evidence=evidence.strip())


def ordered(items: Iterable[PlanItem]) -> list[PlanItem]:
    """Items in the person's order (position), then oldest first."""
    return sorted(items, key=lambda i: (i.position, i.created_at))


def moved(items: list[PlanItem], item_id: str, step: int, now: datetime) -> list[PlanItem]:
    """The plan with one item moved up (step -1) or down (+1); positions renumbered from 0.

    Returns:
        Only the items whose position changed, ready to save together.
    """
    order = ordered(items)
    index = next((i for i, item in enumerate(order) if item.id == item_id), None)
    if index is None:
        raise PlannerError("That item is no longer in the plan.")
    target = min(max(index + step, 0), len(order) - 1)
    order.insert(target, order.pop(index))
    return [
        item.model_copy(update={"position": pos, "updated_at": now})
        for pos, item in enumerate(order)
        if item.position != pos or item.id == item_id
    ]


@dataclass(frozen=True)
class Progress:
    total: int
    planned: int
    in_progress: int
    done: int
    dropped: int
    overdue: int


def progress(items: Iterable[PlanItem], today: date) -> Progress:
    """How many items are planned, in progress, done, dropped and overdue."""
    items = list(items)
    count = {status: sum(i.status == status for i in items) for status in ItemStatus}
    return Progress(
        total=len(items),
        planned=count[ItemStatus.PLANNED],
        in_progress=count[ItemStatus.IN_PROGRESS],
        done=count[ItemStatus.DONE],
        dropped=count[ItemStatus.DROPPED],
        overdue=sum(is_overdue(i, today) for i in items),
    )


def worked_on(items: Iterable[PlanItem]) -> set[str]:
    """The indicators the plan works on: those of its open and done items (a dropped item counts for nothing)."""
    return {c for i in items if i.status != ItemStatus.DROPPED for c in i.indicators}


@dataclass(frozen=True)
class Coverage:
    covered: list[Gap]
    uncovered: list[Gap]


def coverage(items: Iterable[PlanItem], found: list[Gap]) -> Coverage:
    """Which gaps the plan's open or done items work on, and which it leaves uncovered."""
    codes = worked_on(items)
    return Coverage(
        covered=[g for g in found if g.code in codes],
        uncovered=[g for g in found if g.code not in codes],
    )


@dataclass(frozen=True)
class Commitments:
    """What a plan already holds, as Recommendations, Career paths and the recommender count it.

    in_plan: curriculum activities of planned or in-progress items (not suggested or added again).
    done: curriculum activities of done items (not suggested again; they meet prerequisites).
    covered: indicators the plan works on (see worked_on).
    hours, cost: what the open curriculum activities still take, each activity counted once.
    An activity only in dropped items is in none of these, so it may be suggested again.
    """

    in_plan: frozenset[str] = frozenset()
    done: frozenset[str] = frozenset()
    covered: frozenset[str] = frozenset()
    hours: float = 0.0
    cost: float = 0.0

    def holds(self, activity_id: str) -> bool:
        """Whether the activity is in the plan, open or done."""
        return activity_id in self.in_plan or activity_id in self.done


def commitments(items: Iterable[PlanItem], curriculum: Curriculum | None = None) -> Commitments:
    """What the plan already holds: the one rule for "already in your plan".

    Args:
        items: the person's plan items.
        curriculum: the activities, for the hours and fees of those still open; an activity no
            longer in the curriculum counts as in the plan, with no hours or fee known.

    Returns:
        The activities in the plan and done, the indicators it works on, and the hours and money
        its open activities take. An in-progress item counts in full: how much of it is left is
        not known, and counting it all never promises time the person does not have.
    """
    items = list(items)
    open_ids = frozenset(i.activity_id for i in items if i.activity_id and i.status in OPEN_STATUSES)
    done_ids = frozenset(i.activity_id for i in items if i.activity_id and i.status == ItemStatus.DONE) - open_ids
    by_id = {a.id: a for a in curriculum.activities} if curriculum else {}
    known = [by_id[i] for i in sorted(open_ids) if i in by_id]
    return Commitments(
        in_plan=open_ids,
        done=done_ids,
        covered=frozenset(worked_on(items)),
        hours=float(sum(a.hours for a in known)),
        cost=float(sum(a.cost for a in known)),
    )


def timeline_rows(items: Iterable[PlanItem]) -> list[dict[str, Any]]:
    """One row per item with a target date, for the chart of items over time."""
    rows = []
    for item in ordered(items):
        if item.target_date is None:
            continue
        rows.append(
            {
                "objective": shorten(item.objective, 60),
                "start": item.created_at.date().isoformat(),
                "end": max(item.target_date, item.created_at.date()).isoformat(),
                "status": STATUS_LABELS[item.status],
            }
        )
    return rows


def shorten(text: str, limit: int = 50) -> str:
    """The text on one line, cut to a limit with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first_error(exc: ValueError) -> str:
    return describe_invalid(exc, most=1)
