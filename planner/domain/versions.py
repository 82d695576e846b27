"""Versions of a framework: the library of installed packs and crosswalks, what still points at
indicators the version in use lacks, and a person's progress read across versions.

A framework pack (models.Framework) is one version of one framework. The shipped KIM pack is always
there; a lead installs revisions, or another framework, and chooses which one is in use. Records keep
the version they were made against (models.FrameworkRef), so an old snapshot is always read against
its own version, and a crosswalk says how each indicator of one version carries to the next (what it
does with ratings, and what differs between two versions, is in crosswalk.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from pydantic import Field, model_validator

from planner.domain import wording
from planner.domain.curriculum import Curriculum
from planner.domain.external import ExternalFrameworks
from planner.domain.models import (
    MAX_NAME,
    Framework,
    FrameworkRef,
    IndicatorCode,
    Model,
    PlanItem,
)
from planner.domain.roles import Roles


class CrosswalkEntry(Model):
    """Where one indicator of the older version went: to one or more new indicators, or nowhere (retired)."""

    old: IndicatorCode
    new: list[IndicatorCode] = Field(default_factory=list)
    """Empty: the indicator was retired, and ratings of it are not carried."""
    note: str = Field(default="", max_length=1_000)


class Crosswalk(Model):
    """How ratings of one framework version carry to another.

    An indicator of the older version that the crosswalk does not name carries to the indicator with
    the same code in the newer one, if there is one; an entry overrides that.
    """

    from_version: FrameworkRef
    to_version: FrameworkRef
    note: str = Field(default="", max_length=2_000)
    entries: list[CrosswalkEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def one_entry_per_old_indicator(self) -> Crosswalk:
        olds = [e.old for e in self.entries]
        repeated = sorted({c for c in olds if olds.count(c) > 1})
        if repeated:
            raise ValueError(f"indicator {', '.join(repeated)} has more than one entry; give each old indicator one")
        if self.from_version == self.to_version:
            raise ValueError("a crosswalk goes from one version to another, not to the same one")
        return self

    def entry(self, old: str) -> CrosswalkEntry | None:
        return next((e for e in self.entries if e.old == old), None)


class Activation(Model):
    """One time a version was made the one in use: which, when and by whom."""

    version: FrameworkRef
    at: datetime
    by: str = Field(default="", max_length=MAX_NAME)


class FrameworkLibrary(Model):
    """Every framework pack a lead has installed, the crosswalks between versions, and which one is in use.

    The shipped KIM pack is not kept here: it is always available from data/.
    """

    schema_version: int = 1
    active: FrameworkRef | None = None
    """The version in use; None: the shipped KIM pack."""
    packs: list[Framework] = Field(default_factory=list)
    crosswalks: list[Crosswalk] = Field(default_factory=list)
    activations: list[Activation] = Field(default_factory=list)

    @model_validator(mode="after")
    def versions_are_unique(self) -> FrameworkLibrary:
        keys = [p.ref.key for p in self.packs]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"framework version {', '.join(repeated)} is installed more than once")
        return self

    def pack(self, ref: FrameworkRef) -> Framework | None:
        return next((p for p in self.packs if p.ref == ref), None)

    def crosswalk(self, from_version: FrameworkRef, to_version: FrameworkRef) -> Crosswalk | None:
        return next(
            (c for c in self.crosswalks if c.from_version == from_version and c.to_version == to_version), None
        )


# --- What still points at indicators the version in use lacks -------------------------------


ReferenceKind = Literal["curriculum activity", "role", "professional bodies' mapping area"]


@dataclass(frozen=True)
class RetiredReference:
    """A lead's record that names indicators (or skills) the version in use does not have.

    It is flagged for the lead to put right, never dropped: the record is kept as it is.
    """

    kind: ReferenceKind
    record_id: str
    record_name: str
    codes: list[str]
    """The indicators it names that the version lacks, in the record's order."""
    sentence: str
    skills: list[int] = field(default_factory=list)
    """For a role: the skills it asks a level in that the version lacks."""


def retired_references(fw: Framework, *, curriculum: Curriculum | None = None, roles: Roles | None = None,
                       mapping: ExternalFrameworks | None = None) -> list[RetiredReference]:
    """Every curriculum activity, role and mapping area that names an indicator `fw` lacks.

    Args:
        fw: the version in use.
        curriculum: the curriculum in use, if it is to be checked.
        roles: the roles in use; a role is also flagged for a level it asks in a skill `fw` lacks.
        mapping: the professional bodies' mapping in use.

    Returns:
        One flag a record, activities first, then roles, then mapping areas, each in its file's order.
    """
    known = set(fw.codes)

    def lacking(codes: list[str]) -> list[str]:
        return [code for code in dict.fromkeys(codes) if code not in known]

    found: list[RetiredReference] = []
    for activity in curriculum.activities if curriculum else []:
        missing = lacking(activity.indicators)
        if missing:
            found.append(RetiredReference(
                "curriculum activity", activity.id, activity.title, missing,
                f"The curriculum activity '{activity.title}' ({activity.id}) develops {_codes(missing)}, "
                f"{_which_lacks(fw, len(missing))}."))
    for role in roles.roles if roles else []:
        missing = lacking([code for at in role.grades for code in at.key_indicators])
        skills = sorted({skill for at in role.grades for skill in at.levels if skill > len(fw.skills)})
        if missing or skills:
            asks = [f"names {_codes(missing)} among its key indicators"] if missing else []
            if skills:
                asks.append(f"asks for a level in {'skill' if len(skills) == 1 else 'skills'} "
                            f"{wording.joined([str(s) for s in skills])}")
            lacks = _which_lacks(fw, len(missing) + len(skills))
            found.append(RetiredReference(
                "role", role.id, role.name, missing,
                f"The role '{role.name}' ({role.id}) {wording.joined(asks)}, {lacks}.", skills))
    for external in mapping.frameworks if mapping else []:
        for area in external.areas:
            missing = lacking(area.indicators)
            if missing:
                name = f"{external.name}: {area.name}"
                found.append(RetiredReference(
                    "professional bodies' mapping area", f"{external.id}/{area.id}", name, missing,
                    f"The mapping area '{name}' takes evidence from {_codes(missing)}, "
                    f"{_which_lacks(fw, len(missing))}."))
    return found


def _codes(codes: list[str]) -> str:
    return f"{'indicator' if len(codes) == 1 else 'indicators'} {wording.joined(codes)}"


def _which_lacks(fw: Framework, how_many: int) -> str:
    return f"which {fw.label} {'does' if how_many == 1 else 'do'} not have"


def retired_in_plan(items: list[PlanItem], fw: Framework) -> dict[str, list[str]]:
    """The plan items that name indicators `fw` lacks, and those indicators.

    Args:
        items: the plan items.
        fw: the version in use.

    Returns:
        The codes each such item names that `fw` lacks, in the item's order, by item id; an item
        whose indicators are all in `fw` is not in it. The items themselves are not changed.
    """
    known = set(fw.codes)
    lacking = {item.id: [code for code in dict.fromkeys(item.indicators) if code not in known] for item in items}
    return {item_id: codes for item_id, codes in lacking.items() if codes}
