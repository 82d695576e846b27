"""A team's capability as CSV (people x indicators) and as a printable A4 PDF summary."""

from __future__ import annotations

import csv
import functools
import io
from datetime import date
from typing import Any

from planner.documents import pdf
from planner.documents.spreadsheet import safe_cell
from planner.domain import team_tables, wording
from planner.domain.team import TeamSummary
from planner.domain.team_learning import TeamPlan
from planner.errors import PlannerError

TITLE = "Team capability"
PDF_ROWS = 15
"""How many shared gaps the PDF prints; the page lists them all."""
PDF_COACHING_ROWS = 10
"""How many indicators of coaching the PDF prints; the page lists them all."""

# Column widths in millimetres (174 mm between the margins).
LEVEL_WIDTHS = (58, 29, 29, 29, 29)
GAP_WIDTHS = (12, 13, 101, 24, 24)
COACH_WIDTHS = (13, 55, 40, 66)
ACTIVITY_WIDTHS = (12, 54, 16, 22, 24, 16, 30)


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
        PlannerError: the document could not be drawn (the message says what to try).
    """
    try:
        return _draw(summary, plan, hide_names, today)
    except (ValueError, RuntimeError) as exc:
        raise PlannerError(
            "The PDF could not be made. Download the CSV instead, and tell the team that looks "
            f"after KIM Pathways ({exc})."
        ) from exc


def _draw(summary: TeamSummary, plan: TeamPlan | None, hide_names: bool, today: date) -> bytes:
    sections = _content(summary, plan, hide_names)
    doc = _document_class()(_all_text(sections))
    doc.add_page()
    _title(doc, summary, today)
    for heading, intro, headings, rows, widths, notes in sections:
        pdf._heading(doc, heading)
        for line in intro:
            pdf._paragraph(doc, line)
        if rows:
            pdf._table(doc, headings, rows, widths)
        if notes:
            pdf._bullets(doc, notes)
    return bytes(doc.output())


def _content(summary: TeamSummary, plan: TeamPlan | None, hide_names: bool) -> list[tuple]:
    """Each section: heading, sentences before the table, table headings, rows, widths, notes after."""
    levels = team_tables.levels_table(summary)
    gaps = team_tables.shared_gaps_table(summary, hide_names, limit=PDF_ROWS)
    coaching = team_tables.coaching_table(summary, hide_names, limit=PDF_COACHING_ROWS)
    sections: list[tuple] = [(
        "Skills and levels",
        ["The share of the team who meet each level of each skill: every indicator of that skill at "
         "that level and below rated 3 (Competent) or 4 (Expert)."],
        *_columns(levels, list(levels[0]) if levels else []), LEVEL_WIDTHS,
        team_tables.target_notes(summary, hide_names),
    )]
    gap_columns = ["Rank", "Code", "Statement", "People short of it", "Total shortfall (points)"]
    sections.append((
        "Biggest shared gaps",
        [_more("Indicators the most people fall short of against their own target, then the largest "
               "total shortfall.", len(summary.shared_gaps)) if gaps
         else "No one in the team falls short of their target."],
        *_columns(gaps, gap_columns), GAP_WIDTHS, [],
    ))
    coach_columns = ["Code", "Statement", "Could coach (rated 4)", "Suggested pairs"]
    sections.append((
        "Who could coach whom",
        [_more("People rated 4 (Expert) on an indicator others in the team fall short of, with a "
               "suggested pairing.", len(summary.coaching), PDF_COACHING_ROWS) if coaching
         else "No one is rated 4 on an indicator where others have a gap."],
        *_columns(coaching, coach_columns), COACH_WIDTHS, [],
    ))
    if plan is not None:
        activities = team_tables.activities_table(plan)
        limits = plan.constraints
        sections.append((
            "Recommended activities",
            [f"For a team budget of £{limits.budget:,.0f}, {limits.hours_per_person_per_month:g} hours a "
             f"month for each person over {limits.months} months, and at most {limits.max_items} activities."],
            *_columns(activities, ["Rank", "Activity", "Places", "Cost a place", "Cost for the team",
                                   "Hours each", "Provider"]),
            ACTIVITY_WIDTHS, list(plan.notes),
        ))
    return sections


def _columns(rows: list[dict[str, Any]], headings: list[str]) -> tuple[list[str], list[list[str]]]:
    return headings, [["" if row.get(h) is None else str(row.get(h)) for h in headings] for row in rows]


def _more(sentence: str, total: int, shown: int = PDF_ROWS) -> str:
    if total <= shown:
        return sentence
    return f"{sentence} The first {shown} of {total} are shown; the app lists them all."


def _title(doc: Any, summary: TeamSummary, today: date) -> None:
    doc.start_section(TITLE, level=0)
    doc.set_font(pdf.FONT, "B", 20)
    doc.set_text_color(*pdf.ACCENT)
    doc.multi_cell(0, 9, TITLE, new_x="LMARGIN", new_y="NEXT", align="L")
    doc.set_font(pdf.FONT, "", 12)
    doc.set_text_color(*pdf.INK)
    people = "person" if summary.size == 1 else "people"
    doc.multi_cell(0, 6.5, f"Team size: {summary.size} {people}", new_x="LMARGIN", new_y="NEXT", align="L")
    doc.set_font(pdf.FONT, "", 8.5)
    doc.set_text_color(*pdf.MUTED)
    doc.multi_cell(0, 4.5, "Knowledge and Information Management (KIM) profession. Each person's latest "
                   "self-assessment, measured against their own target grade. Prepared with KIM Pathways on "
                   f"{wording.long_date(today)}.", new_x="LMARGIN", new_y="NEXT", align="L")
    doc.set_text_color(*pdf.INK)
    doc.ln(2)
    pdf._rule(doc)
    doc.ln(2)


def _all_text(sections: list[tuple]) -> str:
    parts: list[str] = []
    for heading, intro, headings, rows, _, notes in sections:
        parts += [heading, *intro, *headings, *notes, *(cell for row in rows for cell in row)]
    return "".join(parts)


@functools.cache
def _document_class() -> type:
    # Defined on first use so that importing this module does not import fpdf2.
    from fpdf import FPDF, ViewerPreferences

    class TeamDocument(FPDF):
        def __init__(self, text: str) -> None:
            super().__init__(orientation="portrait", unit="mm", format="A4")
            self.set_margins(pdf.MARGIN, pdf.MARGIN, pdf.MARGIN)
            self.set_auto_page_break(True, margin=pdf.MARGIN)
            self.add_font(pdf.FONT, "", pdf.FONT_DIR / "DejaVuSans.ttf")
            self.add_font(pdf.FONT, "B", pdf.FONT_DIR / "DejaVuSans-Bold.ttf")
            self._add_fallback_font(text)
            self.set_font(pdf.FONT, size=pdf.BODY_SIZE)
            self.set_text_color(*pdf.INK)
            self.set_draw_color(*pdf.RULE)
            self.set_title(TITLE)
            self.set_author("KIM Pathways")
            self.set_subject("Team capability against the KIM Professional Skills Framework")
            self.set_creator("KIM Pathways")
            self.set_lang("en-GB")
            self.page_mode = "USE_OUTLINES"
            # Readers show the title, not the file name, in the window and to screen readers (PDF/UA).
            self.viewer_preferences = ViewerPreferences(display_doc_title=True)

        def _add_fallback_font(self, text: str) -> None:
            # As the PDP does: a symbol font only when DejaVu lacks a glyph a name needs.
            covered = self.fonts[pdf.FONT.lower()].cmap
            if all(ord(ch) in covered for ch in set(text) if ord(ch) > 127):
                return
            fallbacks = [path for path in pdf.FALLBACK_FONTS if path.exists()][:1]
            if fallbacks:
                self.add_font("Symbols", "", fallbacks[0])
                self.set_fallback_fonts(["Symbols"], exact_match=False)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(pdf.FONT, size=7.5)
            self.set_text_color(*pdf.MUTED)
            self.cell(self.epw / 2, 5, TITLE)
            self.cell(self.epw / 2, 5, f"Page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(*pdf.INK)
            self.set_font(pdf.FONT, size=pdf.BODY_SIZE)

    return TeamDocument
