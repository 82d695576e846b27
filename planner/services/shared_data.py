"""Changing the installation's shared data: the curriculum, the professional bodies' mapping, roles, grade settings.

Everyone reads shared data; only a person who manages it changes it (everyone on their own computer,
on a department's server only the profession admins the configuration names). Each use case asks
planner.services.acting first, so a page that shows no button to a person who may not change
shared data is not the only thing standing in their way: a call from anywhere else is refused the
same, before anything is written.

The roles shipped in data/roles.json are written for the KIM framework; a profession that uses
another framework imports roles written for it, as it imports its own curriculum.
"""

from __future__ import annotations

from planner import store
from planner.domain.curriculum import Curriculum
from planner.domain.external import ExternalFrameworks
from planner.domain.models import Settings
from planner.domain.roles import Roles
from planner.io import dataset
from planner.services.acting import Actor, require_admin

CURRICULUM = "the curriculum"
MAPPING = "the professional bodies' mapping"
ROLES = "the roles"
SETTINGS = "the grade settings"


def replace_curriculum(repo: store.Repository, actor: Actor, curriculum: Curriculum) -> None:
    """Keep an imported curriculum in the store, in place of the one in use.

    Args:
        repo: the saved data.
        actor: who is acting: only someone who manages shared data.
        curriculum: the replacement, already checked (curriculum_io.read_curriculum).

    Raises:
        NotAllowed: the actor does not manage shared data; nothing was written.
        StoreError: it could not be written; the previous one is unchanged.
    """
    require_admin(actor, CURRICULUM)
    dataset.CURRICULUM.save(curriculum, repo)


def remove_curriculum(repo: store.Repository, actor: Actor) -> bool:
    """Go back to the sample curriculum shipped with the app, by removing the imported one.

    Returns:
        True if there was an imported curriculum to delete.

    Raises:
        NotAllowed: the actor does not manage shared data; nothing was deleted.
        StoreError: it could not be removed.
    """
    require_admin(actor, CURRICULUM)
    return dataset.CURRICULUM.remove(repo)


def replace_mapping(repo: store.Repository, actor: Actor, mapping: ExternalFrameworks) -> None:
    """Keep an imported professional bodies' mapping in the store, in place of the one in use.

    Raises:
        NotAllowed: the actor does not manage shared data; nothing was written.
        StoreError: it could not be written; the previous one is unchanged.
    """
    require_admin(actor, MAPPING)
    dataset.MAPPING.save(mapping, repo)


def remove_mapping(repo: store.Repository, actor: Actor) -> bool:
    """Go back to the mapping shipped with the app, by removing the imported one.

    Returns:
        True if there was an imported mapping to delete.

    Raises:
        NotAllowed: the actor does not manage shared data; nothing was deleted.
        StoreError: it could not be removed.
    """
    require_admin(actor, MAPPING)
    return dataset.MAPPING.remove(repo)


def replace_roles(repo: store.Repository, actor: Actor, roles: Roles) -> None:
    """Keep imported roles in the store, in place of the ones in use.

    Args:
        repo: the saved data.
        actor: who is acting: only someone who manages shared data.
        roles: the replacement, already checked and stamped with the framework version in use
            (roles_io.read_roles).

    Raises:
        NotAllowed: the actor does not manage shared data; nothing was written.
        StoreError: they could not be written; the previous ones are unchanged.
    """
    require_admin(actor, ROLES)
    dataset.ROLES.save(roles, repo)


def remove_roles(repo: store.Repository, actor: Actor) -> bool:
    """Go back to the roles shipped with the app (written for the KIM framework), by removing the imported ones.

    Returns:
        True if there were imported roles to delete.

    Raises:
        NotAllowed: the actor does not manage shared data; nothing was deleted.
        StoreError: they could not be removed.
    """
    require_admin(actor, ROLES)
    return dataset.ROLES.remove(repo)


def save_settings(repo: store.Repository, actor: Actor, settings: Settings) -> None:
    """Save the installation's settings (the level expected at each grade, the usual time in a grade).

    Args:
        repo: the saved data.
        actor: who is acting: only someone who manages shared data.
        settings: the new settings, already checked (planner.domain.settings.updated).

    Raises:
        NotAllowed: the actor does not manage shared data; nothing was saved.
        PlannerError: the settings could not be written.
    """
    require_admin(actor, SETTINGS)
    repo.save_settings(settings)


def only_admins_change(what: str) -> str:
    """What a page says, in place of its controls, to someone who may read shared data but not change it."""
    return f"Only the profession's admins can change {what}; ask your KIM profession lead if it needs changing."
