"""Saving job specifications under a name, and reopening, renaming and deleting them: the acting person's own."""

from __future__ import annotations

from datetime import datetime

from planner import store
from planner.domain import saved_specs
from planner.domain.models import JobSpec, JobSpecDraft
from planner.errors import PlannerError
from planner.services.acting import Actor, require_own

DRAFT_ID = "current"


def saved(repo: store.Repository, actor: Actor) -> list[JobSpec]:
    """The acting person's saved job specifications, the one changed last first."""
    return saved_specs.newest_first(repo.list(JobSpec, actor.profile_id))


def save(repo: store.Repository, actor: Actor, draft: JobSpecDraft, name: str, now: datetime) -> tuple[JobSpec, bool]:
    """Save the draft under a name: a new saved job specification, or, under the name of the one the draft was
    reopened from or last saved as, that one updated. The draft then remembers which it was saved as.

    Returns:
        The saved job specification, and whether it updated one saved before.

    Raises:
        NotAllowed: the draft is someone else's.
        PlannerError: the name is empty, too long or another saved one's.
    """
    require_own(actor, draft.profile_id, "this job specification")
    with repo.transaction(people=[actor.profile_id]):
        existing = repo.list(JobSpec, actor.profile_id)
        spec = saved_specs.to_save(draft, name, existing, now)
        repo.put(spec)
        repo.put(draft.model_copy(update={"saved_as": spec.id, "updated_at": now}))
    return spec, any(s.id == spec.id for s in existing)


def _own(repo: store.Repository, actor: Actor, spec_id: str) -> JobSpec:
    spec = repo.get(JobSpec, actor.profile_id, spec_id)
    if spec is None:
        raise PlannerError("That job specification is no longer saved: it may have been deleted in another tab.")
    return spec


def reopen(repo: store.Repository, actor: Actor, spec_id: str, now: datetime) -> JobSpecDraft:
    """Make a saved job specification the draft again, with every field it was saved with.

    Raises:
        PlannerError: it is not one of the acting person's saved job specifications.
    """
    with repo.transaction(people=[actor.profile_id]):
        draft = saved_specs.as_draft(_own(repo, actor, spec_id), now)
        repo.put(draft)
    return draft


def rename(repo: store.Repository, actor: Actor, spec_id: str, name: str, now: datetime) -> JobSpec:
    """Give a saved job specification a new name.

    Raises:
        PlannerError: it is not one of the acting person's, or the name is empty, too long or another's.
    """
    with repo.transaction(people=[actor.profile_id]):
        spec = saved_specs.renamed(_own(repo, actor, spec_id), name, repo.list(JobSpec, actor.profile_id), now)
        repo.put(spec)
    return spec


def delete(repo: store.Repository, actor: Actor, spec_id: str) -> JobSpec:
    """Delete a saved job specification; a draft saved as it stays, as a draft not saved yet.

    Raises:
        PlannerError: it is not one of the acting person's saved job specifications.
    """
    with repo.transaction(people=[actor.profile_id]):
        spec = _own(repo, actor, spec_id)
        repo.remove(JobSpec, actor.profile_id, spec_id)
        draft = repo.get(JobSpecDraft, actor.profile_id, DRAFT_ID)
        if draft is not None and draft.saved_as == spec_id:
            repo.put(draft.model_copy(update={"saved_as": None}))
    return spec
