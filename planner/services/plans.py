"""Plan use cases: adding recommended and route activities, moving items, saving table edits, importing a file."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

from planner import store
from planner.domain import plan, plan_edits, progression, recommend
from planner.domain.curriculum import Curriculum
from planner.domain.models import Assessment, Draft, Framework, PlanItem
from planner.io import bundle
from planner.services import plan_import
from planner.services.acting import Actor, require_own


@dataclass(frozen=True)
class SavedEdits:
    """What saving the plan's table did: the items saved, or why nothing was."""

    saved: list[PlanItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """A plain-English problem for each change that breaks a rule; when any, nothing was saved."""


def save_plan_edits(repo: store.Repository, actor: Actor, items: Iterable[PlanItem],
                    pending: Mapping[str, plan_edits.Row], fw: Framework, now: datetime) -> SavedEdits:
    """Save the changes typed into the plan's table, all together, or none when one breaks a rule.

    Args:
        repo: the saved data.
        actor: who is acting: only the person whose plan it is.
        items: the person's plan items as saved.
        pending: the table's cells changed and not saved yet, by item id.
        fw: the framework the indicators come from.
        now: the time of saving.

    Raises:
        NotAllowed: an item belongs to someone else.
        PlannerError: the plan could not be written.
    """
    items = list(items)
    for item in items:
        require_own(actor, item.profile_id, "this plan")
    updates, problems = plan_edits.changed_items(items, pending, fw, now)
    if problems:
        return SavedEdits(problems=problems)
    if updates:
        repo.put_many(updates)
    return SavedEdits(saved=updates)


M = TypeVar("M", Assessment, PlanItem, Draft)


def import_plan(repo: store.Repository, actor: Actor | None, data: bytes, grades: Collection[str],
                now: datetime) -> tuple[bundle.Bundle, plan_import.ImportResult]:
    """Read a plan file and merge it into the acting person's data, or, with no one acting, add its person.

    A file of another saved profile is refused (planner.services.plan_import), so an import
    never changes someone else's record.

    Args:
        repo: the saved data.
        actor: who is acting, or None when no profile is chosen yet.
        data: the file's bytes.
        grades: the grade codes this installation knows.
        now: the time of importing.

    Returns:
        The records read, and what the import added, updated and kept.

    Raises:
        PlannerError: the file cannot be read, or is someone else's.
    """
    read = bundle.read_bundle(data, grades=grades, now=now)
    if actor is not None and actor.signed_in:
        # On a server a plan file only ever changes the signed-in person's own data, whatever ids it carries.
        read = bound_to(read, actor)
    result = plan_import.merge_bundle(repo, read, chosen_id=actor.profile_id if actor else None)
    return read, result


def bound_to(read: bundle.Bundle, actor: Actor) -> bundle.Bundle:
    """A plan file's records made the acting person's own: their profile id (and email) on every record."""
    def own(record: M) -> M:
        return record.model_copy(update={"profile_id": actor.profile_id})

    return bundle.Bundle(
        profile=read.profile.model_copy(update={"id": actor.profile_id, "email": actor.email}),
        assessments=[own(a) for a in read.assessments],
        plan_items=[own(i) for i in read.plan_items],
        draft=own(read.draft) if read.draft is not None else None,
        exported_at=read.exported_at,
    )


def add_recommended(repo: store.Repository, actor: Actor, dated: list[tuple[recommend.Recommendation, date]],
                    fw: Framework, now: datetime) -> list[PlanItem]:
    """Add recommended activities, with their target dates, to the end of the acting person's plan.

    Returns:
        The plan items added, saved together.
    """
    with repo.transaction(people=[actor.profile_id]):  # numbered after the plan as it is when saved
        first = len(repo.list(PlanItem, actor.profile_id))
        added = recommend.as_plan_items(dated, actor.profile_id, fw, now, first)
        repo.put_many(added)
    return added


def add_route(repo: store.Repository, actor: Actor, route: progression.Route, curriculum: Curriculum,
              today: date, hours_per_month: float, fw: Framework, now: datetime) -> str:
    """Add a route's activities to the acting person's plan, leaving out what the plan already holds.

    Returns:
        What was added, and why any were not, in a sentence fit to show the person.
    """
    with repo.transaction(people=[actor.profile_id]):  # what the plan holds cannot change meanwhile
        existing = repo.list(PlanItem, actor.profile_id)
        held = plan.commitments(existing, curriculum)
        every = progression.dated_activities(route, today, hours_per_month)
        dated = [(rec, due) for rec, due in every if not held.holds(rec.activity.id)]
        repo.put_many(recommend.as_plan_items(dated, actor.profile_id, fw, now, len(existing)))
    return progression.added_from_route(len(dated), len(every) - len(dated))


def move_item(repo: store.Repository, actor: Actor, item_id: str, step: int, now: datetime) -> None:
    """Move one of the acting person's plan items up (step -1) or down (+1), saving the new order.

    Raises:
        PlannerError: the item is no longer in the plan.
    """
    with repo.transaction(people=[actor.profile_id]):
        repo.put_many(plan.moved(repo.list(PlanItem, actor.profile_id), item_id, step, now))
