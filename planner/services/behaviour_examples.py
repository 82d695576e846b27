"""A person's STAR examples for the Success Profiles behaviours: adding, changing and deleting their own."""

from __future__ import annotations

from datetime import datetime

from planner import store
from planner.domain import behaviours
from planner.domain.models import BehaviourExample
from planner.errors import PlannerError
from planner.services.acting import Actor


def examples_of(repo: store.Repository, actor: Actor) -> list[BehaviourExample]:
    """The acting person's examples, in the order they were added."""
    return repo.list(BehaviourExample, actor.profile_id)


def add(repo: store.Repository, actor: Actor, behaviour_id: str, now: datetime) -> BehaviourExample:
    """Start an empty example for one behaviour, saved at once so that what is typed into it is kept.

    Raises:
        PlannerError: the behaviour is not one of the nine.
    """
    example = behaviours.new_example(actor.profile_id, behaviour_id, now)
    repo.add(example)
    return example


def change(repo: store.Repository, actor: Actor, example_id: str, changes: dict[str, str],
           now: datetime) -> BehaviourExample:
    """Save what was typed into one of the acting person's examples (its title or STAR parts).

    Returns:
        The example as saved (the same when nothing changed).

    Raises:
        PlannerError: it is no longer saved, or a text is too long.
    """
    with repo.transaction(people=[actor.profile_id]):
        example = _own(repo, actor, example_id)
        changed = behaviours.changed_example(example, changes, now)
        if changed.model_copy(update={"updated_at": example.updated_at}) == example:
            return example
        repo.put(changed)
    return changed


def delete(repo: store.Repository, actor: Actor, example_id: str) -> BehaviourExample:
    """Delete one of the acting person's examples.

    Raises:
        PlannerError: it is no longer saved.
    """
    with repo.transaction(people=[actor.profile_id]):
        example = _own(repo, actor, example_id)
        repo.remove(BehaviourExample, actor.profile_id, example_id)
    return example


def _own(repo: store.Repository, actor: Actor, example_id: str) -> BehaviourExample:
    # Read from the acting person's own data only, so nobody else's example can be reached by its id.
    example = repo.get(BehaviourExample, actor.profile_id, example_id)
    if example is None:
        raise PlannerError("That example is no longer saved: it may have been deleted in another tab.")
    return example
