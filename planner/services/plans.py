"""Plan use cases: saving the changes typed into the plan's table, and importing a plan file."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from planner import store
from planner.domain import plan_edits
from planner.domain.models import Framework, PlanItem
from planner.io import bundle
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


def import_plan(repo: store.Repository, actor: Actor | None, data: bytes, grades: Collection[str],
                now: datetime) -> tuple[bundle.Bundle, bundle.ImportResult]:
    """Read a plan file and merge it into the acting person's data, or, with no one acting, add its person.

    A file of another saved profile is refused (planner.io.bundle.import_plan), so an import
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
    result = bundle.import_plan(repo, read, chosen_id=actor.profile_id if actor else None)
    return read, result
