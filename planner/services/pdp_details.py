"""The line manager's part of a person's PDP: saving what they type, and reading what the PDP's files show.

Only the person themselves changes their plan's details (support needed, cost and time, review meetings,
the manager's comments); each change is checked whole and saved, or refused with nothing changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from planner import store
from planner.documents.report import PlanRecords
from planner.domain import pdp_details
from planner.domain.models import BehaviourExample, DraftMeeting, PdpDetails, PlanSignOff, ValidatedRatings
from planner.services.acting import Actor, require_own

WHAT = "their plan's details"


def details_of(repo: store.Repository, actor: Actor, profile_id: str) -> PdpDetails | None:
    """The plan's details as saved, or None when nothing is saved yet.

    Raises:
        NotAllowed: they are someone else's.
        PlannerError: the saved details could not be read.
    """
    require_own(actor, profile_id, WHAT)
    return repo.get(PdpDetails, profile_id, "current")


def save_details(repo: store.Repository, actor: Actor, profile_id: str, changes: Mapping[str, str],
                 now: datetime) -> PdpDetails:
    """Change some of the text of the plan's details (pdp_details.TEXT_FIELDS), keeping the rest as saved.

    Raises:
        NotAllowed: they are someone else's.
        PlannerError: a text is too long (nothing is saved), or the store could not save.
    """
    require_own(actor, profile_id, WHAT)
    current = repo.get(PdpDetails, profile_id, "current")
    details = pdp_details.with_changes(current, profile_id, changes, now)
    if current is None or details.model_dump(exclude={"updated_at"}) != current.model_dump(exclude={"updated_at"}):
        repo.put(details)
    return details


def save_review_meetings(repo: store.Repository, actor: Actor, profile_id: str,
                         typed: Sequence[tuple[date | None, DraftMeeting]], now: datetime) -> PdpDetails:
    """Replace the plan's review meetings with those typed, all of them or none.

    Args:
        typed: each meeting's day and its time, length, place, link and repeat as typed, in the order shown.

    Raises:
        NotAllowed: they are someone else's.
        PlannerError: a meeting is not one (a time badly written, a link that is not a web address, no day):
            every problem is said, and nothing is saved.
    """
    require_own(actor, profile_id, WHAT)
    found = pdp_details.review_meetings(typed)
    current = repo.get(PdpDetails, profile_id, "current")
    if current is not None and current.review_meetings == found:
        return current
    base = current or PdpDetails(profile_id=profile_id)
    details = base.model_copy(update={"review_meetings": found, "updated_at": now})
    repo.put(details)
    return details


def records_for_pdp(repo: store.Repository, actor: Actor, profile_id: str) -> PlanRecords:
    """What the person's PDP shows beside the plan: its details, sign-offs, validated ratings, behaviour examples.

    Raises:
        NotAllowed: they are someone else's.
        PlannerError: the saved records could not be read.
    """
    require_own(actor, profile_id, WHAT)
    return PlanRecords(
        details=repo.get(PdpDetails, profile_id, "current"),
        sign_offs=repo.list(PlanSignOff, profile_id),
        validations=repo.list(ValidatedRatings, profile_id),
        behaviour_examples=repo.list(BehaviourExample, profile_id),
    )
