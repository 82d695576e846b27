"""A framework of another shape for the tests: the invented Data Management Professional Framework.

Five skills and six levels, with codes written SKILL-LEVEL-NUMBER from each skill's two letters
(DG-1-1 ... DA-6-2), so nothing that assumes the KIM framework's 3 skills, 4 levels, 54 indicators or
level.skill.number codes can pass unnoticed. Its curriculum and roles are written for it, as a
profession using such a framework would import them.
"""

from __future__ import annotations

from pathlib import Path

from planner.domain.curriculum import Curriculum
from planner.domain.models import Framework
from planner.domain.roles import Roles
from planner.domain.versions import FrameworkLibrary
from planner.io import curriculum_io, dataset, packs, roles_io, shipped
from planner.store.repository import Repository

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FRAMEWORK_FILE = FIXTURES / "framework_dm.json"
CURRICULUM_FILE = FIXTURES / "curriculum_dm.json"
ROLES_FILE = FIXTURES / "roles_dm.json"

SKILL_CODES = ("DG", "DQ", "DM", "DI", "DA")
"""Each skill's two letters, skill 1 first, as its codes begin."""


def dm_framework() -> Framework:
    """The Data Management Professional Framework, version 1: 5 skills, 6 levels, 70 indicators."""
    return Framework.model_validate_json(FRAMEWORK_FILE.read_bytes())


def dm_curriculum() -> Curriculum:
    """Its curriculum, read and checked as an import is (16 activities over all six levels)."""
    return curriculum_io.parse_curriculum(CURRICULUM_FILE.read_bytes(), CURRICULUM_FILE.name, dm_framework())


def dm_roles() -> Roles:
    """Its roles (data steward, data quality analyst, head of data), read and checked as an import is."""
    return roles_io.read_roles(ROLES_FILE.read_bytes(), ROLES_FILE.name, dm_framework(), shipped.load_grades()).roles


def install_dm(repo: Repository, *, curriculum: bool = True, roles: bool = True) -> Framework:
    """Make the DM pack the framework in use in a store, and import its curriculum and roles.

    Args:
        repo: the store (a data folder's, or a database's).
        curriculum: import the DM curriculum too (else the shipped KIM sample stays in use).
        roles: import the DM roles too (else the shipped KIM roles stay in use).

    Returns:
        The DM framework.
    """
    dm = dm_framework()
    packs.save_library(repo, FrameworkLibrary(active=dm.ref, packs=[dm]))
    if curriculum:
        dataset.CURRICULUM.save(dm_curriculum(), repo)
    if roles:
        dataset.ROLES.save(dm_roles(), repo)
    return dm

