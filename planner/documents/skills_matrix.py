"""A team's skills matrix as an Excel workbook: people x indicators, a key to the ratings, the trend by quarter.

The first sheet has a title row (the team and the date), then one row per person ("Person 1" and on
when names are hidden) and one column per indicator in framework order, headed by its code with its
statement as the heading's comment. Each cell is the person's latest rating, 0 to 4, shaded by a
conditional format: the number is always in the cell, so colour is never the only signal. The
heading rows and the name column stay in view when scrolling.
"""

from __future__ import annotations

import io
from datetime import date
from typing import TYPE_CHECKING

from planner.domain import team_tables, team_trends, wording
from planner.domain.models import MEETS, RATING_LABELS, RATING_MEANINGS
from planner.domain.team import TeamSummary, display_names
from planner.domain.team_trends import Trend
from planner.io.cells import safe_cell

if TYPE_CHECKING:
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

RATING_FILLS = {0: "FAD4C0", 1: "FDE3B3", 2: "FFF3C4", 3: "CCE3F5", 4: "C2E8D6"}
"""Each rating's shade in the matrix: light ones, so the black number in every cell stays above 4.5:1 contrast."""
NOT_RATED_FILL = "E7E7E7"
HEADING_FILL = "DEE8F3"

MATRIX_SHEET, KEY_SHEET, TREND_SHEET, INDICATORS_SHEET = "Skills matrix", "Key", "Trend by quarter", "Indicators"
HEADING_ROW = 4
"""The matrix's row of column headings, after the title, what the cells hold and a blank row."""
FIRST_RATING_COLUMN = 4
"""Name, grade and role come first."""


def _fill(colour: str) -> PatternFill:
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _headings(sheet: Worksheet, row: int) -> None:
    from openpyxl.styles import Alignment, Font

    for cell in sheet[row]:
        cell.font, cell.fill = Font(bold=True), _fill(HEADING_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def skills_matrix_xlsx(summary: TeamSummary, trend: Trend, *, hide_names: bool, today: date,
                       team_name: str = "", scope: str = "") -> bytes:
    """The team's skills matrix as an Excel workbook, with the sheets Key, Trend by quarter and Indicators.

    Args:
        summary: the team, from team.summarise (already filtered, if the lead filtered it).
        trend: the same people's trend, from team_trends.quarterly.
        hide_names: write "Person 1" to "Person N" instead of names.
        today: the date the workbook is prepared.
        team_name: the team's name, for the title ("" for people chosen on one's own computer).
        scope: a sentence saying which grades and roles the lead chose ("" for everyone).

    Returns:
        The .xlsx file's bytes. Every text cell is safe from formula injection.
    """
    from openpyxl import Workbook

    book = Workbook()
    _matrix(book.active, summary, hide_names, today, team_name, scope)
    _key(book.create_sheet(KEY_SHEET))
    _trend(book.create_sheet(TREND_SHEET), trend)
    _indicators(book.create_sheet(INDICATORS_SHEET), summary)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _matrix(sheet: Worksheet, summary: TeamSummary, hide_names: bool, today: date, team_name: str,
            scope: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.title = MATRIX_SHEET
    title = f"Skills matrix: {team_name}" if team_name else "Skills matrix"
    sheet["A1"] = safe_cell(f"{title}, {wording.long_date(today)}")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = safe_cell(" ".join(part for part in (
        f"Each person's latest self-assessment rating of each indicator of the "
        f"{summary.framework or 'skills framework'}, from 0 (Not yet) to 4 (Expert); a blank cell is not rated. "
        f"The sheet '{KEY_SHEET}' explains the ratings and shades; each code's comment gives its statement.",
        scope) if part))
    headings = ["Name", "Grade", "Role", *(ind.code for ind in summary.indicators)]
    for column, heading in enumerate(headings, start=1):
        sheet.cell(row=HEADING_ROW, column=column, value=safe_cell(heading))
    _headings(sheet, HEADING_ROW)
    for column, ind in enumerate(summary.indicators, start=FIRST_RATING_COLUMN):
        sheet.cell(row=HEADING_ROW, column=column).comment = Comment(
            f"{ind.code} (level {ind.level}): {ind.statement}", "KIM Pathways", width=300, height=120)
    names = display_names(summary.members, hide_names)
    centred = Alignment(horizontal="center")
    for m, member in enumerate(summary.members):
        row = HEADING_ROW + 1 + m
        for column, text in enumerate((names[m], member.grade, member.role), start=1):
            sheet.cell(row=row, column=column, value=safe_cell(text))
        for column, cell in enumerate(summary.matrix[m], start=FIRST_RATING_COLUMN):
            sheet.cell(row=row, column=column, value=cell.score).alignment = centred
    if summary.indicators and summary.members:
        first = f"{get_column_letter(FIRST_RATING_COLUMN)}{HEADING_ROW + 1}"
        cells = f"{first}:{get_column_letter(len(headings))}{HEADING_ROW + summary.size}"
        # A formula rather than "cell value equal to": Excel takes a blank cell as equal to 0.
        for score, colour in RATING_FILLS.items():
            sheet.conditional_formatting.add(
                cells, FormulaRule(formula=[f"AND(ISNUMBER({first}),{first}={score})"], fill=_fill(colour)))
        sheet.conditional_formatting.add(cells, FormulaRule(formula=[f"ISBLANK({first})"],
                                                            fill=_fill(NOT_RATED_FILL)))
    sheet.freeze_panes = f"B{HEADING_ROW + 1}"
    widths = {"A": (names, 40), "C": ([m.role for m in summary.members], 36)}
    for letter, (texts, widest) in widths.items():
        sheet.column_dimensions[letter].width = min(widest, max([12, *(len(t) + 2 for t in texts)]))
    sheet.column_dimensions["B"].width = 10
    for column in range(FIRST_RATING_COLUMN, len(headings) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = max(7, len(headings[column - 1]) + 2)


def _key(sheet: Worksheet) -> None:
    from openpyxl.styles import Alignment, Font

    sheet["A1"] = "Key to the skills matrix"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    sheet.append(["Rating", "Label", "What it means", "Shade in the matrix"])
    _headings(sheet, 3)
    shades = [(score, label, RATING_MEANINGS[score], RATING_FILLS[score]) for score, label in RATING_LABELS.items()]
    for score, label, meaning, colour in [*shades, ("(blank)", "Not rated", "Not rated yet.", NOT_RATED_FILL)]:
        sheet.append([score, label, meaning, f"{label} ({score})"])
        sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(horizontal="center")
        sheet.cell(row=sheet.max_row, column=4).fill = _fill(colour)
    sheet.append([])
    sheet.append([f"A rating of {MEETS} ({RATING_LABELS[MEETS]}) or more meets the indicator; 4 ({RATING_LABELS[4]}) "
                  "means the person could coach others in it. The shade only repeats the number: every rated "
                  "cell shows its rating."])
    for letter, width in (("A", 10), ("B", 14), ("C", 62), ("D", 22)):
        sheet.column_dimensions[letter].width = width


TREND_FORMATS = {"Self-assessments up to": "DD/MM/YYYY", "Expected at their grade, met": "0%"}
"""Number formats of the trend's columns; every average has one decimal place."""


def _trend(sheet: Worksheet, trend: Trend) -> None:
    from openpyxl.utils import get_column_letter

    rows = team_tables.trend_table(trend, as_numbers=True)
    headings = list(rows[0]) if rows else ["Quarter"]
    sheet.append([safe_cell(h) for h in headings])
    _headings(sheet, 1)
    for values in rows:
        sheet.append([safe_cell(v) if isinstance(v, str) else v for v in values.values()])
        for column, heading in enumerate(headings, start=1):
            average = heading.startswith(team_tables.AVERAGE_HEADING)
            sheet.cell(row=sheet.max_row, column=column).number_format = TREND_FORMATS.get(
                heading, "0.0" if average else "General")
    sheet.append([])
    for sentence in [*team_trends.changes(trend), team_trends.HOW_COUNTED]:
        sheet.append([safe_cell(sentence)])
    sheet.freeze_panes = "B2"
    sheet.row_dimensions[1].height = 48
    for column in range(1, len(headings) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 14 if column <= 4 else 24


def _indicators(sheet: Worksheet, summary: TeamSummary) -> None:
    sheet.append(["Code", "Level", "Skill", "Statement"])
    _headings(sheet, 1)
    for ind in summary.indicators:
        sheet.append([safe_cell(ind.code), ind.level, safe_cell(summary.skill_labels[ind.skill]),
                      safe_cell(ind.statement)])
    for letter, width in (("A", 10), ("B", 8), ("C", 40), ("D", 100)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
