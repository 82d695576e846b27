"""Versions of a framework: the library of installed packs, crosswalks between versions, and what differs.

A framework pack (models.Framework) is one version of one framework. The shipped KIM pack is always
there; a lead installs revisions, or another framework, and chooses which one is in use. Records keep
the version they were made against (models.FrameworkRef), so an old snapshot is always read against
its own version, and a crosswalk says how each indicator of one version carries to the next.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field, model_validator

from planner.domain.models import MAX_NAME, Framework, FrameworkRef, IndicatorCode, Model


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
