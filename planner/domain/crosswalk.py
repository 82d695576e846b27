"""From one version of a framework to the next: what differs, whether a crosswalk fits, and carrying ratings.

A crosswalk (versions.Crosswalk) says where each indicator of the older version went. An indicator it
does not name carries to the same code in the newer version if there is one, and is retired if not.
Carrying never changes the snapshot it reads: the ratings carried become a new draft.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Literal

from planner.domain import wording
from planner.domain.models import (
    MAX_TEXT,
    RATING_LABELS,
    Assessment,
    Draft,
    Framework,
    FrameworkRef,
    Indicator,
    Level,
    Rating,
    Skill,
)
from planner.domain.versions import Crosswalk
from planner.errors import PlannerError

# --- What differs between two versions -----------------------------------------------------


@dataclass(frozen=True)
class Reworded:
    """An indicator kept under its code whose statement changed."""

    code: str
    old_statement: str
    new_statement: str


@dataclass(frozen=True)
class Moved:
    """An indicator kept under its code that now sits at another level or in another skill."""

    code: str
    old_level: int
    old_skill: int
    new_level: int
    new_skill: int

    @property
    def sentence(self) -> str:
        """Such as "DM-3 moves from level 1 of skill 2 to level 2 of skill 2."."""
        return (f"{self.code} moves from level {self.old_level} of skill {self.old_skill} "
                f"to level {self.new_level} of skill {self.new_skill}.")


Replacement = Literal["merged into", "replaced by", "split into"]


@dataclass(frozen=True)
class Replaced:
    """An indicator of the older version that the newer lacks, which the crosswalk carries to others."""

    old: Indicator
    how: Replacement
    """"merged into": it and others carry to one; "split into": it carries to several; else "replaced by"."""
    new_codes: list[str]
    note: str = ""

    @property
    def sentence(self) -> str:
        """Such as "1.1.5 is merged into 1.1.4." followed by the crosswalk's note, if any."""
        said = f"{self.old.code} is {self.how} {wording.joined(self.new_codes)}."
        return f"{said} {self.note}" if self.note else said


@dataclass(frozen=True)
class Renamed:
    """A skill or level kept under its number whose name changed."""

    number: int
    old_name: str
    new_name: str


@dataclass(frozen=True)
class PackDiff:
    """What differs between an older and a newer version of a framework, indicator by indicator.

    An indicator is the same one in both when its code is; `replaced` holds the older indicators a
    crosswalk carries to others (so they are not in `removed`), when diff was given one.
    """

    added: list[Indicator] = field(default_factory=list)
    removed: list[Indicator] = field(default_factory=list)
    replaced: list[Replaced] = field(default_factory=list)
    reworded: list[Reworded] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)
    skills_added: list[Skill] = field(default_factory=list)
    skills_removed: list[Skill] = field(default_factory=list)
    skills_renamed: list[Renamed] = field(default_factory=list)
    levels_added: list[Level] = field(default_factory=list)
    levels_removed: list[Level] = field(default_factory=list)
    levels_renamed: list[Renamed] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Whether the two versions have the same skills, levels and indicators, word for word."""
        return not any(getattr(self, f.name) for f in fields(self))

    def summary(self) -> str:
        """The differences counted in one sentence, such as "3 indicators added, 2 removed and 4 reworded.".

        Returns:
            The sentence; for no differences, one that says the versions have the same content.
        """
        if self.is_empty:
            return "No differences: both versions have the same skills, levels and indicators, word for word."
        merged, replaced, split = (sum(r.how == how for r in self.replaced)
                                   for how in ("merged into", "replaced by", "split into"))
        groups = [
            ("indicator", [(len(self.added), "added"), (len(self.removed), "removed"),
                           (merged, "merged into another" if merged == 1 else "merged into others"),
                           (replaced, "replaced"), (split, "split"), (len(self.reworded), "reworded"),
                           (len(self.moved), "moved")]),
            ("skill", [(len(self.skills_added), "added"), (len(self.skills_removed), "removed"),
                       (len(self.skills_renamed), "renamed")]),
            ("level", [(len(self.levels_added), "added"), (len(self.levels_removed), "removed"),
                       (len(self.levels_renamed), "renamed")]),
        ]
        parts = []
        for noun, counts in groups:
            present = [(n, what) for n, what in counts if n]
            for position, (n, what) in enumerate(present):
                # The noun is said once a group: "3 indicators added, 2 removed".
                parts.append(f"{wording.counted(n, noun)} {what}" if position == 0 else f"{n} {what}")
        return wording.joined(parts) + "."


def diff(old: Framework, new: Framework, crosswalk: Crosswalk | None = None) -> PackDiff:
    """What differs from one version of a framework to another.

    Args:
        old: the older version.
        new: the newer version.
        crosswalk: how ratings of `old` carry to `new`, if there is one: an indicator `new` lacks that
            the crosswalk carries to indicators of `new` is reported as merged, replaced or split
            rather than removed. Codes the crosswalk names that `new` lacks are ignored here
            (check_crosswalk reports them).

    Returns:
        The differences, each list in its version's order.
    """
    new_codes = set(new.codes)
    old_codes = set(old.codes)
    destinations = {code: destinations_of(code, new, crosswalk) for code in old.codes}
    sources: dict[str, list[str]] = {}
    for old_code, targets in destinations.items():
        for target in targets:
            sources.setdefault(target, []).append(old_code)
    removed, replaced = [], []
    for ind in old.indicators:
        if ind.code in new_codes:
            continue
        targets = destinations[ind.code]
        if not targets:
            removed.append(ind)
            continue
        entry = crosswalk.entry(ind.code) if crosswalk else None
        how: Replacement = ("split into" if len(targets) > 1
                            else "merged into" if len(sources[targets[0]]) > 1 else "replaced by")
        replaced.append(Replaced(ind, how, targets, entry.note if entry else ""))
    kept = [(old.indicator(ind.code), ind) for ind in new.indicators if ind.code in old_codes]
    return PackDiff(
        added=[ind for ind in new.indicators if ind.code not in old_codes],
        removed=removed,
        replaced=replaced,
        reworded=[Reworded(was.code, was.statement, now.statement) for was, now in kept
                  if was.statement != now.statement],
        moved=[Moved(was.code, was.level, was.skill, now.level, now.skill) for was, now in kept
               if (was.level, was.skill) != (now.level, now.skill)],
        skills_added=new.skills[len(old.skills):],
        skills_removed=old.skills[len(new.skills):],
        skills_renamed=_renamed(old.skills, new.skills),
        levels_added=new.levels[len(old.levels):],
        levels_removed=old.levels[len(new.levels):],
        levels_renamed=_renamed(old.levels, new.levels),
    )


def destinations_of(old_code: str, new: Framework, crosswalk: Crosswalk | None) -> list[str]:
    """The indicators of `new` that an indicator of the older version carries to, in the crosswalk's order.

    The crosswalk's entry for it decides where there is one (codes `new` lacks are left out); else it
    carries to the indicator with the same code, if `new` has one.

    Args:
        old_code: the indicator of the older version.
        new: the version it carries to.
        crosswalk: how the older version carries to `new`, or None to carry by code alone.

    Returns:
        The new codes; empty when it is retired.
    """
    new_codes = set(new.codes)
    entry = crosswalk.entry(old_code) if crosswalk else None
    if entry is not None:
        return [code for code in dict.fromkeys(entry.new) if code in new_codes]
    return [old_code] if old_code in new_codes else []


def _renamed(old: Sequence[Skill | Level], new: Sequence[Skill | Level]) -> list[Renamed]:
    """The skills (or levels) both versions have whose names differ, by number."""
    return [Renamed(was.number, was.name, now.name) for was, now in zip(old, new, strict=False) if was.name != now.name]


# --- Whether a crosswalk fits the two versions -----------------------------------------------


def check_crosswalk(crosswalk: Crosswalk, old: Framework, new: Framework) -> list[str]:
    """Every way a crosswalk does not fit the two versions it goes between.

    Args:
        crosswalk: the crosswalk, already valid as a model.
        old: the version it should go from.
        new: the version it should go to.

    Returns:
        One sentence a problem, entries numbered from 1 and each named by its old code, such as
        "Entry 3 (1.1.9): there is no indicator 1.1.9 in ..., version 1."; empty when it fits.
    """
    problems = [
        f"The crosswalk goes {direction} {_version_words(given)}, but the version {role} is "
        f"{_version_words(fw.ref)}."
        for direction, given, role, fw in (("from", crosswalk.from_version, "it carries from", old),
                                           ("to", crosswalk.to_version, "it carries to", new))
        if given != fw.ref
    ]
    old_codes, new_codes = set(old.codes), set(new.codes)
    for number, entry in enumerate(crosswalk.entries, start=1):
        where = f"Entry {number} ({entry.old})"
        if entry.old not in old_codes:
            problems.append(f"{where}: there is no indicator {entry.old} in {old.label}.")
        for code in [c for c in entry.new if c not in new_codes]:
            problems.append(f"{where}: it carries to {code}, but there is no indicator {code} in {new.label}.")
        repeated = sorted({c for c in entry.new if entry.new.count(c) > 1})
        if repeated:
            problems.append(f"{where}: it names {wording.joined(repeated)} more than once; name each one once.")
    return problems


def _version_words(ref: FrameworkRef) -> str:
    return f"version {ref.version} of {ref.id}"


# --- Carrying ratings --------------------------------------------------------------------------


@dataclass(frozen=True)
class CarriedRating:
    """A rating of the newer version that the crosswalk carried from one or more older indicators."""

    code: str
    """The indicator of the newer version."""
    from_codes: list[str]
    """The older indicators it came from, in the older version's order (one unless it was a merge)."""
    score: int
    note: str
    """The crosswalk's note, and for a merge which score was carried and why."""


@dataclass(frozen=True)
class RetiredIndicator:
    """An older indicator the person rated that carries to nothing in the newer version."""

    code: str
    statement: str
    """Its statement in the older version (empty if the older version did not have it either)."""
    note: str
    """The crosswalk's note on it, if any."""


@dataclass(frozen=True)
class Carried:
    """What a crosswalk carries from one snapshot into the newer version."""

    ratings: dict[str, Rating]
    """The carried ratings, by code of the newer version."""
    carried: list[CarriedRating] = field(default_factory=list)
    """Each carried rating and where it came from, in the newer version's order."""
    new_to_rate: list[str] = field(default_factory=list)
    """The newer version's indicators nothing was carried to, in its order: the person rates them afresh."""
    retired: list[RetiredIndicator] = field(default_factory=list)
    """The older indicators rated in the snapshot that carry nowhere, in the older version's order."""


def carry(old_fw: Framework, new_fw: Framework, crosswalk: Crosswalk | None, snapshot: Assessment) -> Carried:
    """The ratings of a snapshot made in one version, carried to another.

    An older indicator the crosswalk does not name carries to the same code in the newer version if
    it has one, else it is retired; an entry with no new codes retires it. An indicator split into
    several carries its rating to each. Several merged into one carry the lowest of their ratings
    (the person may raise it), the first evidence any of them has, and all their comments.

    Args:
        old_fw: the version the snapshot was made in.
        new_fw: the version to carry to.
        crosswalk: how `old_fw` carries to `new_fw`, or None to carry by code alone.
        snapshot: the snapshot; it is not changed.

    Returns:
        The carried ratings and what became of each.

    Raises:
        PlannerError: the snapshot was made in another version than `old_fw`, or the crosswalk goes
            between other versions.
    """
    if snapshot.framework_version != old_fw.ref:
        raise PlannerError(
            f"This assessment was made in {_version_words(snapshot.framework_version)}, not in {old_fw.label}, "
            "so its ratings cannot be carried from that version.")
    if crosswalk is not None and (crosswalk.from_version, crosswalk.to_version) != (old_fw.ref, new_fw.ref):
        raise PlannerError(
            f"The crosswalk goes from {_version_words(crosswalk.from_version)} to "
            f"{_version_words(crosswalk.to_version)}, not from {old_fw.label} to {new_fw.label}.")
    old_order = {code: n for n, code in enumerate(old_fw.codes)}
    rated = sorted(snapshot.ratings, key=lambda code: (old_order.get(code, len(old_order)), code))
    # Every older indicator carried to each new one, rated or not, so that a merge is seen as one
    # even when only one of its indicators was rated.
    sources: dict[str, list[str]] = {}
    for old_code in [*old_fw.codes, *(c for c in rated if c not in old_order)]:
        for new_code in destinations_of(old_code, new_fw, crosswalk):
            sources.setdefault(new_code, []).append(old_code)
    ratings: dict[str, Rating] = {}
    carried: list[CarriedRating] = []
    for new_code in new_fw.codes:
        from_codes = sources.get(new_code, [])
        given = [code for code in from_codes if code in snapshot.ratings]
        if not given:
            continue
        notes = _notes(crosswalk, from_codes)
        if len(from_codes) == 1:
            rating = snapshot.ratings[given[0]].model_copy(deep=True)
        else:
            rating = _merged(given, snapshot)
            notes.append(_merge_note(from_codes, given, snapshot, rating))
        ratings[new_code] = rating
        carried.append(CarriedRating(new_code, given, rating.score, " ".join(notes)))
    retired = [
        RetiredIndicator(code, old_fw.indicator(code).statement if code in old_order else "",
                         " ".join(_notes(crosswalk, [code])))
        for code in rated if not destinations_of(code, new_fw, crosswalk)
    ]
    return Carried(ratings, carried, [code for code in new_fw.codes if code not in ratings], retired)


def _notes(crosswalk: Crosswalk | None, old_codes: list[str]) -> list[str]:
    """The crosswalk's notes on these older indicators, each once, in order."""
    entries = [crosswalk.entry(code) for code in old_codes] if crosswalk else []
    return list(dict.fromkeys(e.note for e in entries if e is not None and e.note))


def _merged(given: list[str], snapshot: Assessment) -> Rating:
    """One rating for several merged into one: the lowest score, the first evidence, every comment."""
    ratings = [snapshot.ratings[code] for code in given]
    evidence = next((r.evidence for r in ratings if not r.evidence.is_empty), ratings[0].evidence)
    comments = list(dict.fromkeys(r.comment for r in ratings if r.comment))
    comment = "\n\n".join(comments)
    if len(comment) > MAX_TEXT:  # the snapshot keeps every comment whole; the draft keeps what fits
        comment = comment[: MAX_TEXT - 1].rstrip() + "…"
    return Rating(score=min(r.score for r in ratings), evidence=evidence.model_copy(deep=True), comment=comment)


def _merge_note(from_codes: list[str], given: list[str], snapshot: Assessment, rating: Rating) -> str:
    """What a merge carried, in words: each rating, which was kept, and what was not rated."""
    scores = [f"{code} ({snapshot.ratings[code].score} {RATING_LABELS[snapshot.ratings[code].score]})"
              for code in given]
    said = f"Merged from {wording.joined(from_codes)}."
    if len(given) > 1:
        said += (f" Their ratings were {wording.joined(scores)}: the lower, {rating.score}, is carried; "
                 "raise it if you meet the merged indicator.")
    else:
        said += f" Only {given[0]} was rated, so its rating, {rating.score}, is carried."
    with_evidence = [code for code in given if not snapshot.ratings[code].evidence.is_empty]
    if len(with_evidence) > 1:
        said += (f" The evidence of {with_evidence[0]} is carried; that of "
                 f"{wording.joined(with_evidence[1:])} stays in the earlier assessment.")
    return said


def carried_draft(new_fw: Framework, snapshot: Assessment, carried: Carried, scope_level: int,
                  now: datetime) -> Draft:
    """A draft in the newer version holding the carried ratings, for the person to check and save.

    Args:
        new_fw: the version carried to.
        snapshot: the snapshot the ratings were carried from (it is not changed).
        carried: what carry() gave for that snapshot and version.
        scope_level: the levels to rate; above the version's top level, its top level.
        now: the time of carrying.

    Raises:
        PlannerError: the carried ratings name indicators `new_fw` lacks (they were carried to another version).
    """
    strays = [code for code in carried.ratings if code not in set(new_fw.codes)]
    if strays:
        raise PlannerError(f"The ratings were carried to another version: {new_fw.label} has no indicator "
                           f"{wording.joined(strays)}.")
    return Draft(
        profile_id=snapshot.profile_id,
        framework_version=new_fw.ref,
        scope_level=max(1, min(scope_level, new_fw.top_level)),
        ratings={code: rating.model_copy(deep=True) for code, rating in carried.ratings.items()},
        carried_from=snapshot.id,
        updated_at=now,
    )
