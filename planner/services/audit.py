"""Who has seen or changed a person's data: recorded in the person's own file, shown to them alone.

Every read of someone else's data (a mentor seeing what a mentee shares, a lead seeing a team
member) and every change made by someone other than the data's owner (a mentor's proposed
actions) is recorded, in the owner's own file: who, in what role, what, and when. The same person
seeing the same thing again within `SAME_VISIT` is one visit, so a page that redraws as someone
reads it does not fill the record with copies of one look.
"""

from __future__ import annotations

from datetime import datetime, timedelta

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
    if not changed:
        for earlier in reversed(repo.list(AccessRecord, whose_id)):
            if earlier.by_id == actor.profile_id and earlier.what == what and not earlier.changed:
                if now - earlier.at < SAME_VISIT:
                    return None
                break
    entry = AccessRecord(profile_id=whose_id, by_id=actor.profile_id, by_name=actor.name, as_role=as_role,
                         what=what, changed=changed, at=now)
    repo.add(entry)
    return entry


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
