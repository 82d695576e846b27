"""Actions agreed with a mentor in a mentee's plan: one item per action, updated when the mentor changes it.

A record's actions reach the mentee at once (same installation) or in a return file. Either way
an action arrives with the id of its plan item, so the same action arriving twice updates one
item instead of adding another. Copies of one record saved before ids were kept (each with its
own ids) are recognised by what they say: the same objective agreed with the same mentor on the
same day is the same action.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from planner.domain import wording
from planner.domain.models import ActivitySource, AgreedAction, Conversation, PlanItem

MENTOR_FIELDS = ("objective", "indicators", "owner", "target_date", "activity_title")
"""What the mentor's copy decides; status, evidence, review date and order stay the mentee's."""


def title(mentor_name: str, held_on: date, changed_at: datetime | None) -> str:
    """The activity of an agreed item: who agreed it and when, and when the mentor last changed it."""
    agreed = f"Agreed with {mentor_name} on {wording.long_date(held_on)}"
    if changed_at is None:
        return agreed
    return f"{agreed}; changed by {mentor_name} on {wording.long_date(changed_at.date())}"


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _origin(item: PlanItem) -> str:
    # "Agreed with Jo on 1 December 2026; changed by ..." -> who agreed it and when
    return _words(item.activity_title.split(";")[0])


def _same_action(held: PlanItem, received: PlanItem) -> bool:
    if held.id == received.id:
        return True
    return (held.activity_source == ActivitySource.MENTOR and received.activity_source == ActivitySource.MENTOR
            and _words(held.objective) == _words(received.objective) and _origin(held) == _origin(received))


@dataclass(frozen=True)
class Merge:
    """What a mentor's actions add to a plan and what they change in it; nothing else is touched."""

    added: list[PlanItem] = field(default_factory=list)
    changed: list[PlanItem] = field(default_factory=list)

    @property
    def records(self) -> list[PlanItem]:
        return [*self.added, *self.changed]


def merge(held: list[PlanItem], received: Iterable[PlanItem], now: datetime) -> Merge:
    """The mentor's actions merged into the mentee's plan items.

    A new action is added at the end of the plan. An action already in the plan changes only when
    the mentor changed it later than the copy held; then only the mentor's fields change.

    Args:
        held: the mentee's plan items.
        received: the agreed actions as plan items of the mentee.
        now: the time of the merge.
    """
    current = list(held)
    added: list[PlanItem] = []
    changed: dict[str, PlanItem] = {}
    for item in received:
        match = next((h for h in current if _same_action(h, item)), None)
        if match is None:
            new = item.model_copy(update={"position": len(current)})
            current.append(new)
            added.append(new)
            continue
        theirs, ours = item.mentor_changed_at, match.mentor_changed_at
        if theirs is None or (ours is not None and theirs <= ours):
            continue
        update = {name: getattr(item, name) for name in MENTOR_FIELDS} | {
            "mentor_changed_at": theirs, "updated_at": now}
        if all(getattr(match, name) == value for name, value in update.items()
               if name in MENTOR_FIELDS):
            update = {"mentor_changed_at": theirs}  # the same words: only the stamp moves on
        newer = match.model_copy(update=update)
        current[current.index(match)] = newer
        if match in added:
            added[added.index(match)] = newer
        else:
            changed[newer.id] = newer
    return Merge(added, list(changed.values()))


def _content(action: AgreedAction) -> tuple[object, ...]:
    return (_words(action.objective), tuple(action.indicators), _words(action.owner), action.due)


def same_record(one: Conversation, other: Conversation) -> bool:
    """Two records say the same thing: the same day, people, points, notes, actions and next meeting (with its
    time, place and repeat)."""
    def said(c: Conversation) -> tuple[object, ...]:
        return (c.mentee_id, c.held_on, tuple(_words(p) for p in c.participants),
                tuple((_words(p.title), _words(p.notes)) for p in c.agenda),
                tuple(_content(a) for a in c.actions), c.next_meeting, c.next_meeting_details)

    return said(one) == said(other)


def carried_forward(before: Conversation, after: Conversation, now: datetime) -> list[AgreedAction]:
    """The edited record's actions keeping their plan items, each stamped when the mentor changed it.

    An action keeps the item id it had; an action with a new id but the same objective as one of
    the record before takes that one's id, so re-typing a row never sends a second item.
    """
    previous = {a.plan_item_id: a for a in before.actions}
    unclaimed = [a for a in before.actions if a.plan_item_id not in {x.plan_item_id for x in after.actions}]
    kept = []
    for action in after.actions:
        old = previous.get(action.plan_item_id)
        if old is None:
            old = next((a for a in unclaimed if _words(a.objective) == _words(action.objective)), None)
            if old is not None:
                unclaimed.remove(old)
                action = action.model_copy(update={"plan_item_id": old.plan_item_id})
        if old is None:
            kept.append(action.model_copy(update={"changed_at": None}))
        elif _content(old) == _content(action):
            kept.append(action.model_copy(update={"changed_at": old.changed_at}))
        else:
            kept.append(action.model_copy(update={"changed_at": now}))
    return kept
