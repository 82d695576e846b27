"""A team's capability as CSV (people x indicators) and as a printable A4 PDF summary."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

from planner.documents import pdf
from planner.documents.model import Block, Bullets, Document, Heading, Paragraph, Table, columns
from planner.domain import team_tables, wording
from planner.domain.team import TeamSummary
from planner.domain.team_learning import TeamPlan
from planner.io.cells import safe_cell

TITLE = "Team capability"
PDF_ROWS = 15
"""How many shared gaps the PDF prints; the page lists them all."""
PDF_COACHING_ROWS = 10
"""How many indicators of coaching the PDF prints; the page lists them all."""

# Column widths in millimetres (174 mm between the margins).
SKILL_NAME_MM = 58
PRINTED_MM = 174
GAP_WIDTHS = (12, 17, 97, 24, 24)
COACH_WIDTHS = (17, 51, 40, 66)
ACTIVITY_WIDTHS = (12, 54, 16, 22, 24, 16, 30)

Section = tuple[str, list[str], Table, list[str]]
"""A section of the team report: heading, sentences before the table, the table, notes after it."""


def team_csv(summary: TeamSummary, hide_names: bool) -> bytes:
    """The people x indicators matrix as CSV: one row per person, a column per indicator.

    Args:
        summary: the team, from team.summarise.
        hide_names: write "Person 1" to "Person N" instead of names.

    Returns:
        UTF-8 bytes with a byte order mark (so Excel reads accents); ratings are 0 to 4 and a
        blank cell means not rated. Every cell is safe from formula injection.
    """
    rows = team_tables.people_table(summary, hide_names)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    headings = list(rows[0]) if rows else ["Name", "Grade", "Role", "Target grade", "Indicators met",
                                           "Gaps against own target", *(i.code for i in summary.indicators)]
    writer.writerow(headings)
    for row in rows:
        writer.writerow(safe_cell("" if row[h] is None else row[h]) for h in headings)
    return out.getvalue().encode("utf-8-sig")


def team_pdf(summary: TeamSummary, plan: TeamPlan | None, *, hide_names: bool, today: date) -> bytes:
    """The team's capability as an A4 PDF: size, skills x levels, shared gaps, coaching, activities.

    Args:
        summary: the team, from team.summarise.
        plan: the recommended activities, from team_learning.recommend_for_team (None leaves them out).
        hide_names: print "Person 1" to "Person N" instead of names.
        today: the date the document is prepared.

    Returns:
        The PDF file's bytes, with title and language set and a bookmark per section.

    Raises:
        ExportError: the document could not be drawn (the message says what to try).
    """
    return pdf.render_pdf(team_document(summary, plan, hide_names=hide_names, today=today), instead="the CSV")


def team_document(summary: TeamSummary, plan: TeamPlan | None, *, hide_names: bool, today: date) -> Document:
    """The team's capability as a Document: a section each for levels, shared gaps, coaching and activities."""
    blocks: list[Block] = []
    for heading, intro, table, notes in _content(summary, plan, hide_names):
        blocks += [Heading(heading), *(Paragraph(line) for line in intro)]
        blocks += [table] if table.rows else []
        blocks += [Bullets(tuple(notes))] if notes else []
    people = "person" if summary.size == 1 else "people"
    return Document(
        title=TITLE, lead=f"Team size: {summary.size} {people}", author="KIM Pathways",
        subject=f"Team capability against the {summary.framework or 'skills framework'}",
        subtitle="Knowledge and Information Management (KIM) profession. Each person's latest self-assessment, "
                 f"measured against their own target grade. Prepared with KIM Pathways on {wording.long_date(today)}.",
        blocks=tuple(blocks),
    )


def _content(summary: TeamSummary, plan: TeamPlan | None, hide_names: bool) -> list[Section]:
    """Each section: its heading, the sentences before its table, the table, and notes after it."""
    levels = team_tables.levels_table(summary)
    gaps = team_tables.shared_gaps_table(summary, hide_names, limit=PDF_ROWS)
    coaching = team_tables.coaching_table(summary, hide_names, limit=PDF_COACHING_ROWS)
    sections: list[Section] = [(
        "Skills and levels",
        ["The share of the team who meet each level of each skill: every indicator of that skill at "
         "that level and below rated 3 (Competent) or 4 (Expert)."],
        replace(columns(levels), widths_mm=level_widths(len(levels[0]) - 1 if levels else 0)),
        team_tables.target_notes(summary, hide_names),
    )]
    gap_columns = ("Rank", "Code", "Statement", "People short of it", "Total shortfall (points)")
    sections.append((
        "Biggest shared gaps",
        [_more("Indicators the most people fall short of against their own target, then the largest "
               "total shortfall.", len(summary.shared_gaps)) if gaps
         else "No one in the team falls short of their target."],
        replace(columns(gaps, gap_columns), widths_mm=GAP_WIDTHS), [],
    ))
    coach_columns = ("Code", "Statement", "Could coach (rated 4)", "Suggested pairs")
    sections.append((
        "Who could coach whom",
        [_more("People rated 4 (Expert) on an indicator others in the team fall short of, with a "
               "suggested pairing.", len(summary.coaching), PDF_COACHING_ROWS) if coaching
         else "No one is rated 4 on an indicator where others have a gap."],
        replace(columns(coaching, coach_columns), widths_mm=COACH_WIDTHS), [],
    ))
    if plan is not None:
        activities = team_tables.activities_table(plan)
        limits = plan.constraints
        activity_columns = ("Rank", "Activity", "Places", "Cost a place", "Cost for the team", "Hours each",
                            "Provider")
        sections.append((
            "Recommended activities",
            [f"For a team budget of £{limits.budget:,.0f}, {limits.hours_per_person_per_month:g} hours a "
             f"month for each person over {limits.months} months, and at most {limits.max_items} activities."],
            replace(columns(activities, activity_columns), widths_mm=ACTIVITY_WIDTHS), list(plan.notes),
        ))
    return sections


def level_widths(levels: int) -> tuple[float, ...]:
    """The skills x levels table's widths: the skill's name, then the rest of the page shared by the levels."""
    return (SKILL_NAME_MM, *([(PRINTED_MM - SKILL_NAME_MM) / max(levels, 1)] * levels))


def _more(sentence: str, total: int, shown: int = PDF_ROWS) -> str:
    if total <= shown:
        return sentence
    return f"{sentence} The first {shown} of {total} are shown; the app lists them all."
