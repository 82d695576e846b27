"""Rows behind every chart, shared by the chart and its text twin (a table), and by exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from planner.domain import assessment, wording
from planner.domain.assessment import Ratings, Target
from planner.domain.models import RATING_LABELS, Assessment, Framework, FrameworkRef
from planner.errors import UnknownFramework

if TYPE_CHECKING:  # only named in annotations: versions itself reads tables (through the mapping)
    from planner.domain.crosswalk import PackDiff
    from planner.domain.versions import FrameworkLibrary

Rows = list[dict[str, Any]]


def skill_label(fw: Framework, number: int) -> str:
    return f"{number}. {fw.skill(number).name}"


def status_of(ratings: Ratings, code: str) -> str:
    """'Met', 'Not met' or 'Not rated': words, never colour alone."""
    if code not in ratings:
        return "Not rated"
    return "Met" if assessment.meets(ratings, code) else "Not met"


def rating_words(ratings: Ratings, code: str) -> str:
    if code not in ratings:
        return "Not rated"
    score = ratings[code].score
    return f"{score} {RATING_LABELS[score]}"


def skill_profile_rows(fw: Framework, ratings: Ratings, target: Target) -> Rows:
    """Attained and target level per skill, two rows a skill, for the skill profile chart."""
    rows = []
    for standing in assessment.standing(fw, ratings):
        label = skill_label(fw, standing.skill)
        rows.append({"skill": label, "measure": "Attained", "level": standing.attained})
        rows.append({"skill": label, "measure": "Target", "level": target.get(standing.skill, 0)})
    return rows


def skill_profile_table(fw: Framework, ratings: Ratings, target: Target) -> Rows:
    """The skill profile as a table: one row a skill, with the share met at each level."""
    rows = []
    for standing in assessment.standing(fw, ratings):
        row: dict[str, Any] = {
            "Skill": skill_label(fw, standing.skill),
            "Attained level": standing.attained,
            "Target level": target.get(standing.skill, 0),
            "Towards the next level": assessment.next_level_progress(fw, ratings, standing.skill),
        }
        for share in standing.levels:
            row[f"Level {share.level} met"] = f"{share.met} of {share.total}"
        rows.append(row)
    return rows


def heatmap_rows(fw: Framework, ratings: Ratings, scope_level: int) -> Rows:
    """One row per indicator in scope with its rating and status, for the indicator heatmap."""
    return [
        {
            "code": ind.code,
            "level": ind.level,
            "skill": skill_label(fw, ind.skill),
            "number": ind.number,
            "status": status_of(ratings, ind.code),
            "rating": rating_words(ratings, ind.code),
        }
        for ind in assessment.in_scope(fw, scope_level)
    ]


def heatmap_table(fw: Framework, ratings: Ratings, scope_level: int) -> Rows:
    """The heatmap as a table a screen reader can read, with each statement in full."""
    return [
        {
            "Code": ind.code,
            "Statement": ind.statement,
            "Rating": rating_words(ratings, ind.code),
            "Status": status_of(ratings, ind.code),
        }
        for ind in assessment.in_scope(fw, scope_level)
    ]


VersionLookup = Callable[[FrameworkRef], Framework]
"""Finds the framework pack of a version a snapshot was made with (raises UnknownFramework if absent)."""


def _own_version(fw: Framework, snap: Assessment, versions: VersionLookup | None) -> Framework | None:
    """The pack a snapshot was made with: the one in use, or the earlier one it names (None if not installed)."""
    if snap.framework_version == fw.ref or versions is None:
        return fw
    try:
        return versions(snap.framework_version)
    except UnknownFramework:
        return None


def progress_rows(fw: Framework, snapshots: list[Assessment], versions: VersionLookup | None = None) -> Rows:
    """Attained level per skill for every snapshot, oldest first, for the progress chart.

    Each snapshot is read against the framework version it was made with (found by `versions`), so
    progress reads across versions: a skill is one line while its name stays the same. Each row names
    its snapshot ("assessment") so that two saved on one day stay two points.
    """
    names = assessment.snapshot_names(snapshots)
    rows = []
    for snap in reversed(assessment.latest_first(snapshots)):
        own = _own_version(fw, snap, versions)
        if own is None:
            continue  # its version is not installed: the table says so
        for standing in assessment.standing(own, snap.ratings):
            rows.append(
                {"date": snap.taken_on.isoformat(), "assessment": names[snap.id],
                 "skill": skill_label(own, standing.skill), "level": standing.attained}
            )
    return rows


def progress_table(fw: Framework, snapshots: list[Assessment], versions: VersionLookup | None = None) -> Rows:
    """Progress as a table: one row a snapshot, newest first, a column a skill.

    Each snapshot is read against the version it was made with; when they span versions, a column
    says which, and each skill's columns name the skill.
    """
    names = assessment.snapshot_names(snapshots)
    spans = len({snap.framework_version for snap in snapshots}) > 1
    rows = []
    for snap in assessment.latest_first(snapshots):
        row: dict[str, Any] = {"Date": names[snap.id]}
        own = _own_version(fw, snap, versions)
        if spans:
            row["Framework version"] = (own.version if own is not None
                                        else f"{snap.framework_version.version} (not installed here)")
        if own is None:
            rows.append(row)
            continue
        for standing in assessment.standing(own, snap.ratings):
            label = skill_label(own, standing.skill) if spans else f"Skill {standing.skill}"
            row[f"{label} level"] = standing.attained
            row[f"{label} next level"] = assessment.next_level_progress(
                own, snap.ratings, standing.skill, name_missing=False)
        row["Indicators met"] = sum(assessment.meets(snap.ratings, c) for c in own.codes)
        row["Indicators rated"] = len(snap.ratings)
        rows.append(row)
    return rows


def gap_table(fw: Framework, found: list[assessment.Gap]) -> Rows:
    """The gaps as a table, in gap order."""
    return [
        {
            "Code": g.code,
            "Skill": skill_label(fw, g.indicator.skill),
            "Level": g.indicator.level,
            "Statement": g.indicator.statement,
            "Your rating": g.rating_label,
            "Shortfall (points)": g.shortfall,
        }
        for g in found
    ]


# --- Framework versions --------------------------------------------------------------------


def version_rows(packs: list[Framework], library: FrameworkLibrary, in_use: Framework) -> Rows:
    """One row an installed framework version: its size, whether it is in use, and the crosswalks into it."""
    rows = []
    for pack in packs:
        crosswalks_in = [c for c in library.crosswalks if c.to_version == pack.ref]
        rows.append({
            "Framework": pack.title,
            "Version": pack.version,
            "Released": wording.long_date(pack.released),
            "Skills": len(pack.skills),
            "Levels": len(pack.levels),
            "Indicators": len(pack.indicators),
            "In use": "Yes" if pack.ref == in_use.ref else "No",
            "Crosswalk from": ", ".join(f"version {c.from_version.version}" for c in crosswalks_in) or "None",
        })
    return rows


def diff_tables(d: PackDiff) -> dict[str, Rows]:
    """Each kind of difference between two versions as a table, by its heading."""
    return {
        "Indicators added": [{"Code": i.code, "Level": i.level, "Skill": i.skill, "Statement": i.statement}
                             for i in d.added],
        "Indicators reworded": [{"Code": r.code, "Was": r.old_statement, "Now": r.new_statement} for r in d.reworded],
        "Indicators merged, replaced or split": [{"Code": r.old.code, "What happens": r.sentence} for r in d.replaced],
        "Indicators removed (retired)": [{"Code": i.code, "Statement": i.statement} for i in d.removed],
        "Indicators moved": [{"Code": m.code, "What happens": m.sentence} for m in d.moved],
        "Skills and levels": [
            *({"Change": f"Skill {x.number} added: {x.name}"} for x in d.skills_added),
            *({"Change": f"Skill {x.number} removed: {x.name}"} for x in d.skills_removed),
            *({"Change": f"Skill {x.number} renamed from {x.old_name} to {x.new_name}"} for x in d.skills_renamed),
            *({"Change": f"Level {x.number} added: {x.name}"} for x in d.levels_added),
            *({"Change": f"Level {x.number} removed: {x.name}"} for x in d.levels_removed),
            *({"Change": f"Level {x.number} renamed from {x.old_name} to {x.new_name}"} for x in d.levels_renamed),
        ],
    }
