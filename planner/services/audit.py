"""Who has seen or changed a person's data: recorded in the person's own file, shown to them alone.

Every read of someone else's data (a mentor seeing what a mentee shares, a lead seeing a team
member) and every change made by someone other than the data's owner (a mentor's proposed
actions) is recorded, in the owner's own file: who, in what role, what, and when. The same person
seeing the same thing again within `SAME_VISIT` is one visit, so a page that redraws as someone
reads it does not fill the record with copies of one look.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from weakref import WeakKeyDictionary

from planner import store
from planner.domain.models import AccessRecord
from planner.services.acting import Actor, require_own

SAME_VISIT = timedelta(minutes=30)
"""Reads of the same thing by the same person closer together than this are recorded once."""

DELETED_PERSON = "Someone who has since deleted their own data"


def record(repo: store.Repository, actor: Actor, whose_id: str, as_role: str, what: str, now: datetime,
           *, changed: bool = False) -> AccessRecord | None:
    """Record that the actor saw (or, with `changed`, changed) this person's data.

    Returns:
        The record saved, or None: the data is the actor's own, or it is the same visit as the
        last record of this reading.
    """
    if actor.profile_id == whose_id:
        return None
    if not changed and _visit_begun(repo.list(AccessRecord, whose_id), actor, what, now) is not None:
        return None
    entry = AccessRecord(profile_id=whose_id, by_id=actor.profile_id, by_name=actor.name, as_role=as_role,
                         what=what, changed=changed, at=now)
    repo.add(entry)
    return entry


def _visit_begun(records: Sequence[AccessRecord], actor: Actor, what: str, now: datetime) -> datetime | None:
    """When the actor's visit to this reading began, if `now` is within it (their last record of it is recent)."""
    for earlier in reversed(records):
        if earlier.by_id == actor.profile_id and earlier.what == what and not earlier.changed:
            return earlier.at if timedelta(0) <= now - earlier.at < SAME_VISIT else None
    return None


# Looks already recorded, by store: (who looked, whose, what) -> (the person's change mark just after
# the record was saved, when the visit began). While their mark is unchanged nothing of theirs has
# been written since, so that record is still their latest: a team view's rerun need not read
# anyone's records to know it is the same visit.
_RECORDED: WeakKeyDictionary[store.Repository, dict[tuple[str, str, str], tuple[Hashable, datetime]]] = (
    WeakKeyDictionary())
_RECORDED_LOCK = threading.Lock()
_RECORDED_MAX = 50_000


def record_looks(repo: store.Repository, actor: Actor, whose_ids: Iterable[str], as_role: str, what: str,
                 now: datetime, marks: Mapping[str, Hashable | None]) -> dict[str, Hashable | None]:
    """Record that the actor saw each of these people's data (a lead's team view), the same visit once.

    The new records are saved in one transaction, in the order of the people's ids (so two leads
    looking at once never wait on each other in a circle).

    Args:
        marks: each person's change mark as read before their data was (`repo.change_marks`).

    Returns:
        Each person's change mark now: for those given a record, the one their record made, read
        while their data was still locked, so no one else's write is hidden in it.
    """
    people = [w for w in dict.fromkeys(whose_ids) if w != actor.profile_id]
    with _RECORDED_LOCK:
        known = _RECORDED.setdefault(repo, {})
        unsure = [w for w in people if not _still_this_visit(known.get((actor.profile_id, w, what)), marks.get(w), now)]
    if not unsure:
        return dict(marks)
    records = repo.list_many(AccessRecord, unsure)
    fresh: list[AccessRecord] = []
    begun: dict[str, datetime] = {}
    for whose in unsure:
        visit = _visit_begun(records[whose], actor, what, now)
        if visit is None:
            fresh.append(AccessRecord(profile_id=whose, by_id=actor.profile_id, by_name=actor.name,
                                      as_role=as_role, what=what, changed=False, at=now))
        else:
            begun[whose] = visit
    after: dict[str, Hashable | None] = {}
    if fresh:
        fresh.sort(key=lambda entry: entry.profile_id)
        with repo.transaction(people=[entry.profile_id for entry in fresh]):
            repo.add_many(fresh)
            after = repo.change_marks([entry.profile_id for entry in fresh])
    with _RECORDED_LOCK:
        known = _RECORDED.setdefault(repo, {})
        if len(known) > _RECORDED_MAX:
            known.clear()  # only a shortcut: forgetting it costs one read of the records
        for whose, visit in begun.items():
            known[(actor.profile_id, whose, what)] = (marks.get(whose), visit)
        for entry in fresh:
            known[(actor.profile_id, entry.profile_id, what)] = (after.get(entry.profile_id), now)
    return {**marks, **after}


def _still_this_visit(known: tuple[Hashable, datetime] | None, mark: Hashable | None, now: datetime) -> bool:
    return (known is not None and mark is not None and known[0] == mark
            and timedelta(0) <= now - known[1] < SAME_VISIT)


def about_me(repo: store.Repository, actor: Actor, profile_id: str) -> list[AccessRecord]:
    """Who has seen or changed this person's data, newest first: for the person themselves only.

    Raises:
        NotAllowed: it is not the actor's own record.
    """
    require_own(actor, profile_id, "who has seen their data")
    return sorted(repo.list(AccessRecord, profile_id), key=lambda entry: entry.at, reverse=True)


def forget_who(repo: store.Repository, deleted_id: str, owners: set[str]) -> int:
    """After a person deletes their data, take their name out of what others' records say they saw.

    That someone saw the owner's data stays in the owner's record (it is the owner's to know); who
    it was does not, as it was the deleted person's personal data.

    Returns:
        How many records were changed.
    """
    changed = 0
    for owner in sorted(owners - {deleted_id}):
        if repo.get_profile(owner) is None:
            continue
        mended = [entry.model_copy(update={"by_id": "", "by_name": DELETED_PERSON})
                  for entry in repo.list(AccessRecord, owner) if entry.by_id == deleted_id]
        if mended:
            repo.put_many(mended)
            changed += len(mended)
    return changed
