"""Rows behind the team capability page's tables and charts, and its files: names shown or hidden alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from planner.domain import wording
from planner.domain.models import RATING_LABELS
from planner.domain.team import COACH_AT, Cell, CoachingGroup, TeamSummary, display_names
from planner.domain.team_learning import TeamPlan
from planner.domain.team_trends import Trend

NAMES_IN_A_CELL = 12
"""How many names a table cell lists before it says how many more there are."""

STATUS_WORDS = {"coach": "Could coach", "met": "Met", "not_met": "Not met", "unrated": "Not rated"}
STATUS_SYMBOLS = {"Could coach": "★", "Met": "✓", "Not met": "✗", "Not rated": "?"}

Rows = list[dict[str, Any]]


def status(cell: Cell) -> str:
    """'Could coach', 'Met', 'Not met' or 'Not rated': words, never colour alone."""
    if cell.score is None:
        return STATUS_WORDS["unrated"]
    if cell.score >= COACH_AT:
        return STATUS_WORDS["coach"]
    return STATUS_WORDS["met"] if cell.met else STATUS_WORDS["not_met"]


def people_table(summary: TeamSummary, hide_names: bool, as_words: bool = False) -> Rows:
    """One row per person: who they are, then their rating of every indicator.

    Args:
        summary: the team.
        hide_names: show "Person 1" to "Person N" instead of names.
        as_words: cells such as "3 ✓" and "Not rated" (for people to read) rather than numbers
            and blanks (for a spreadsheet).
    """
    names = display_names(summary.members, hide_names)
    rows = []
    for m, member in enumerate(summary.members):
        cells = summary.matrix[m]
        row: dict[str, Any] = {
            "Name": names[m], "Grade": member.grade, "Role": member.role,
            "Target grade": summary.target_grades[m],
            "Indicators met": sum(c.met for c in cells),
            "Gaps against own target": sum(1 for c in cells if c.shortfall),
        }
        for ind, cell in zip(summary.indicators, cells):
            if as_words:
                row[ind.code] = "Not rated" if cell.score is None else f"{cell.score} {STATUS_SYMBOLS[status(cell)]}"
            else:
                row[ind.code] = cell.score
        rows.append(row)
    return rows


def heatmap_rows(summary: TeamSummary, hide_names: bool, limit: int | None = None) -> Rows:
    """One row per person and indicator for the team heatmap (the first `limit` people only, if given)."""
    names = display_names(summary.members, hide_names)
    count = summary.size if limit is None else min(limit, summary.size)
    return [
        {
            "person": names[m], "code": ind.code, "skill": summary.skill_labels[ind.skill], "level": ind.level,
            "status": status(cell),
            "rating": "Not rated" if cell.score is None else f"{cell.score} {RATING_LABELS[cell.score]}",
        }
        for m in range(count)
        for ind, cell in zip(summary.indicators, summary.matrix[m])
    ]


def levels_rows(summary: TeamSummary) -> Rows:
    """One row per skill and level: the share of the team meeting it, for the skills x levels chart."""
    return [
        {"skill": summary.skill_labels[lv.skill], "level": f"Level {lv.level}", "share": round(lv.share, 4),
         "label": f"{lv.share:.0%}", "meeting": lv.meeting, "team": lv.team_size}
        for lv in summary.levels
    ]


def levels_table(summary: TeamSummary) -> Rows:
    """Skills x levels as a table: in each cell the share and number of people meeting the level."""
    rows: dict[int, dict[str, Any]] = {}
    for lv in summary.levels:
        row = rows.setdefault(lv.skill, {"Skill": summary.skill_labels[lv.skill]})
        row[f"Level {lv.level}"] = f"{lv.share:.0%} ({lv.meeting} of {lv.team_size})"
    return list(rows.values())


def shared_gaps_table(summary: TeamSummary, hide_names: bool, limit: int | None = None) -> Rows:
    """The biggest shared gaps, most people first, then the largest total shortfall."""
    names = display_names(summary.members, hide_names)
    return [
        {
            "Rank": n, "Code": g.indicator.code, "Skill": summary.skill_labels[g.indicator.skill],
            "Level": g.indicator.level, "Statement": g.indicator.statement,
            "People short of it": f"{g.count} of {summary.size}", "Total shortfall (points)": g.total_shortfall,
            "Who": name_list(g.members, names),
        }
        for n, g in enumerate(summary.shared_gaps[:limit], start=1)
    ]


def coaching_table(summary: TeamSummary, hide_names: bool, limit: int | None = None) -> Rows:
    """Who could coach whom, one row per indicator, with a suggested pairing."""
    names = display_names(summary.members, hide_names)
    return [
        {
            "Code": c.indicator.code, "Statement": c.indicator.statement,
            "Could coach (rated 4)": name_list(c.coaches, names),
            "Could learn from them": name_list(c.learners, names),
            "Suggested pairs": pairs_text(c, names),
        }
        for c in summary.coaching[:limit]
    ]


def activities_table(plan: TeamPlan) -> Rows:
    """The recommended activities with their cost and hours, in rank order."""
    return [
        {
            "Rank": item.rank, "Activity": item.activity.title, "Provider": item.activity.provider,
            "Places": item.places,
            "Cost a place": "No fee" if item.activity.cost == 0 else f"£{item.activity.cost:,.0f}",
            "Cost for the team": f"£{item.team_cost:,.0f}", "Hours each": f"{item.activity.hours:g}",
            "Why": item.reason,
        }
        for item in plan.items
    ]


def left_out_table(plan: TeamPlan) -> Rows:
    """Activities that would help someone but that no one who needs them can take, and why."""
    return [
        {"Activity": left.activity.title, "Provider": left.activity.provider,
         "Why it was left out": left.reason}
        for left in plan.left_out
    ]


def target_notes(summary: TeamSummary, hide_names: bool) -> list[str]:
    """Sentences about people whose gaps cannot be counted or who have not rated themselves."""
    names = display_names(summary.members, hide_names)
    by_grade: dict[str, list[int]] = {}
    for m in summary.no_target:
        by_grade.setdefault(summary.target_grades[m], []).append(m)
    notes = [
        f"The grade {grade} has no level set in this installation, so the gaps of "
        f"{name_list(people, names)} are not counted. Choose its level in Settings."
        for grade, people in by_grade.items()
    ]
    if summary.unrated:
        notes.append(f"Not rated themselves yet, so every indicator counts as not met: "
                     f"{name_list(summary.unrated, names)}.")
    return notes


def pairs_text(group: CoachingGroup, names: Sequence[str], limit: int = NAMES_IN_A_CELL) -> str:
    """A group's suggested pairing in words, coach by coach: "Ann coaches Bo and Cy; Di coaches Ed"."""
    by_coach: dict[int, list[int]] = {}
    for coach, learner in group.pairs:
        by_coach.setdefault(coach, []).append(learner)
    parts = []
    shown = 0
    for coach, learners in by_coach.items():
        if shown >= limit:
            break
        listed = [names[m] for m in learners[: limit - shown]]
        shown += len(listed)
        joined = wording.joined(listed)
        parts.append(f"{names[coach]} coaches {joined}")
    rest = len(group.pairs) - shown
    return "; ".join(parts) + (f"; and {rest} more" if rest > 0 else "")


def name_list(items: Sequence[Any], names: Sequence[str] | None = None, limit: int = NAMES_IN_A_CELL) -> str:
    """Names (or member indices turned into names) joined with commas, the rest counted."""
    words = [names[i] for i in items[:limit]] if names is not None else [str(i) for i in items[:limit]]
    more = len(items) - limit
    return ", ".join(words) + (f" and {more} more" if more > 0 else "")


AVERAGE_HEADING = "Average rating: "
"""The trend table's heading for a skill's average starts with this, then the skill's name."""


def trend_rows(trend: Trend) -> Rows:
    """One row per quarter and skill with an average, for the chart of the team's ratings over time."""
    return [
        {"quarter": q.quarter.label, "skill": trend.skill_names[skill], "average": wording.one_decimal(average),
         "label": wording.average(average), "people": q.people}
        for q in trend.quarters
        for skill, average in q.averages.items() if average is not None
    ]


def trend_table(trend: Trend, as_numbers: bool = False) -> Rows:
    """One row per quarter, oldest first: who is counted, the share met at their grade, each skill's average.

    Args:
        trend: the team's trend.
        as_numbers: dates, shares (0 to 1) and averages (one decimal place) as values, None where there is
            none (for a spreadsheet); else in words, such as '31 March 2026', '45%' and '2.4' (for people).
    """
    rows = []
    for q in trend.quarters:
        averages = {f"{AVERAGE_HEADING}{name}": q.averages.get(skill) for skill, name in trend.skill_names.items()}
        if as_numbers:
            rows.append({"Quarter": q.quarter.label, "Self-assessments up to": q.up_to,
                         "People counted": f"{q.people} of {trend.team_size}",
                         "Expected at their grade, met": None if q.share_met is None else round(q.share_met, 4),
                         **{k: None if v is None else wording.one_decimal(v) for k, v in averages.items()}})
        else:
            rows.append({"Quarter": q.quarter.label, "Self-assessments up to": wording.long_date(q.up_to),
                         "People counted": f"{q.people} of {trend.team_size}",
                         "Expected at their grade, met": "" if q.share_met is None else f"{q.share_met:.0%}",
                         **{k: wording.average(v) for k, v in averages.items()}})
    return rows


def filter_note(grades: Sequence[str], roles: Sequence[str], grade_label: Callable[[str], str] = str) -> str:
    """Which people a filter keeps, in a sentence ("" when it keeps everyone).

    Such as "Only people at grade SEO or Grade 7, in the role Records manager."
    """
    parts = []
    if grades:
        parts.append(f"at grade {wording.joined([grade_label(g) for g in grades], 'or')}")
    if roles:
        parts.append(f"in the role {wording.joined(list(roles), 'or')}")
    return f"Only people {', '.join(parts)}." if parts else ""
