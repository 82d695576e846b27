"""CPD log use cases: log, change and remove entries, log a done plan item, keep the reflective statement.

Each acts for the acting person on their own log only (planner.services.acting.require_own).
"""

from __future__ import annotations

from datetime import date, datetime

from planner import store
from planner.domain import cpd, plan
from planner.domain.models import CpdEntry, Framework, PlanItem, Profile, RevalidationStatement
from planner.errors import PlannerError
from planner.services.acting import Actor, require_own

STATEMENT_ID = "current"

_GONE = "That entry is no longer in your CPD log (it may have been removed in another window). Nothing was changed."


def entries(repo: store.Repository, actor: Actor, profile_id: str) -> list[CpdEntry]:
    """The person's CPD log, newest first.

    Raises:
        NotAllowed: it is someone else's.
    """
    require_own(actor, profile_id, "this CPD log")
    return cpd.newest_first(repo.list(CpdEntry, profile_id))


def statement(repo: store.Repository, actor: Actor, profile_id: str) -> RevalidationStatement | None:
    """The person's reflective statement as last kept, or None before they write one.

    Raises:
        NotAllowed: it is someone else's.
    """
    require_own(actor, profile_id, "this statement")
    return repo.get(RevalidationStatement, profile_id, STATEMENT_ID)


def add_entry(repo: store.Repository, actor: Actor, entry: CpdEntry, fw: Framework, today: date) -> CpdEntry:
    """Add an entry (made by cpd.new_entry) to the acting person's log.

    Raises:
        NotAllowed: the entry is for someone else.
        PlannerError: it breaks a rule, or records a plan item already logged.
    """
    require_own(actor, entry.profile_id, "this CPD log")
    cpd.check_entry(entry, fw, today)
    with repo.transaction(people=[actor.profile_id]):  # a plan item is logged once, however many windows
        if entry.plan_item_id and entry.plan_item_id in cpd.logged_items(repo.list(CpdEntry, entry.profile_id)):
            raise PlannerError("That plan item is in your CPD log already. Change that entry instead.")
        repo.add(entry)
    return entry


def log_plan_item(repo: store.Repository, actor: Actor, item_id: str, fw: Framework, *, done_on: date | None,
                  hours: float | None, kind: str | None, learned: str | None, applied: str, today: date,
                  now: datetime) -> CpdEntry:
    """Log one of the acting person's done plan items (cpd.from_plan_item), once.

    Raises:
        NotAllowed: the plan is someone else's.
        PlannerError: the item is gone, not done, logged already, or the entry breaks a rule.
    """
    with repo.transaction(people=[actor.profile_id]):
        item = repo.get(PlanItem, actor.profile_id, item_id)
        if item is None:
            raise PlannerError("That item is no longer in your plan. Nothing was logged.")
        require_own(actor, item.profile_id, "this plan")
        entry = cpd.from_plan_item(item, repo.list(CpdEntry, actor.profile_id), fw, done_on=done_on, hours=hours,
                                   kind=kind, learned=learned, applied=applied, today=today, now=now)
        repo.add(entry)
    return entry


def change_entry(repo: store.Repository, actor: Actor, changed: CpdEntry, fw: Framework, today: date) -> CpdEntry:
    """Replace one of the acting person's entries with its changed copy (made by cpd.changed_entry).

    Raises:
        NotAllowed: the entry is someone else's.
        PlannerError: it is no longer in the log, or the change breaks a rule.
    """
    require_own(actor, changed.profile_id, "this CPD log")
    cpd.check_entry(changed, fw, today)
    with repo.transaction(people=[actor.profile_id]):
        if repo.get(CpdEntry, changed.profile_id, changed.id) is None:
            raise PlannerError(_GONE)
        repo.put(changed)
    return changed


def remove_entry(repo: store.Repository, actor: Actor, profile_id: str, entry_id: str) -> None:
    """Remove one entry from the acting person's log (its plan item may then be logged again).

    Raises:
        NotAllowed: the log is someone else's.
        PlannerError: the entry is no longer there.
    """
    require_own(actor, profile_id, "this CPD log")
    if not repo.remove(CpdEntry, profile_id, entry_id):
        raise PlannerError(_GONE)


def save_statement(repo: store.Repository, actor: Actor, profile_id: str, text: str,
                   now: datetime) -> RevalidationStatement:
    """Keep the acting person's reflective statement as typed, whatever its length (cpd.statement_saved says
    when it is too long for CILIP).

    Raises:
        NotAllowed: it is someone else's.
        PlannerError: it is longer than the app keeps in one box, or could not be written.
    """
    require_own(actor, profile_id, "this statement")
    kept = cpd.new_statement(profile_id, text, now)
    repo.put(kept)
    return kept


def items_to_log(repo: store.Repository, actor: Actor) -> list[PlanItem]:
    """The acting person's done plan items that are not in their CPD log yet, in the plan's order."""
    items = plan.ordered(repo.list(PlanItem, actor.profile_id))
    return cpd.items_to_log(items, repo.list(CpdEntry, actor.profile_id))


def record(repo: store.Repository, actor: Actor, profile: Profile, fw: Framework, today: date, *,
           whole_log: bool = False) -> cpd.CpdRecord:
    """The acting person's log and statement for their documents: the 12 months to today (what CILIP
    revalidation looks at), or the whole log.

    Raises:
        NotAllowed: it is someone else's.
    """
    logged = entries(repo, actor, profile.id)
    kept = statement(repo, actor, profile.id)
    start = cpd.whole_log_start(logged, today) if whole_log else cpd.window_start(today)
    return cpd.cpd_record(fw, profile.name, logged, kept.text if kept else "", start=start, end=today, today=today)
