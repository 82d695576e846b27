"""Job specifications saved under a name: naming them, and turning a draft into a saved one and back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from planner.domain.models import MAX_NAME, JobSpec, JobSpecDraft
from planner.errors import PlannerError


def checked_name(name: str, others: Iterable[JobSpec]) -> str:
    """A name for a saved job specification: given, not too long, and not another saved one's.

    Args:
        name: the name typed.
        others: the person's other saved job specifications (not the one being named).

    Raises:
        PlannerError: the name is empty, too long, or already another one's (ignoring case).
    """
    name = " ".join(name.split())
    if not name:
        raise PlannerError("Give the job specification a name to save it under.")
    if len(name) > MAX_NAME:
        raise PlannerError(f"The name is too long: use {MAX_NAME} characters or fewer.")
    if any(other.name.casefold() == name.casefold() for other in others):
        raise PlannerError(f"You have already saved a job specification called '{name}'. Choose another name, "
                           "or reopen that one to change it.")
    return name


def to_save(draft: JobSpecDraft, name: str, saved: list[JobSpec], now: datetime) -> JobSpec:
    """The saved job specification a draft becomes: the one it was reopened from or last saved as, updated,
    when the name is that one's; otherwise a new one.

    Args:
        draft: what the boxes hold now.
        name: the name to save it under.
        saved: every job specification the person has saved.
        now: the time of saving.

    Raises:
        PlannerError: the name is empty, too long, or another saved one's.
    """
    same = next((s for s in saved if s.id == draft.saved_as), None)
    if same is not None and " ".join(name.split()).casefold() == same.name.casefold():
        return JobSpec(id=same.id, profile_id=draft.profile_id, name=same.name, saved_at=same.saved_at,
                       updated_at=now, **draft.fields())
    name = checked_name(name, saved)
    return JobSpec(profile_id=draft.profile_id, name=name, saved_at=now, updated_at=now, **draft.fields())


def renamed(spec: JobSpec, name: str, saved: list[JobSpec], now: datetime) -> JobSpec:
    """The saved job specification under a new name.

    Raises:
        PlannerError: the name is empty, too long, or another saved one's.
    """
    name = checked_name(name, [s for s in saved if s.id != spec.id])
    return spec.model_copy(update={"name": name, "updated_at": now})


def as_draft(spec: JobSpec, now: datetime) -> JobSpecDraft:
    """The draft a saved job specification reopens as: every field it was saved with."""
    return JobSpecDraft(profile_id=spec.profile_id, saved_as=spec.id, updated_at=now, **spec.fields())


def newest_first(saved: Iterable[JobSpec]) -> list[JobSpec]:
    """Saved job specifications, the one changed last first."""
    return sorted(saved, key=lambda s: s.updated_at, reverse=True)
