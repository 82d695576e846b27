"""The Excel skills matrix, read back with openpyxl: its sheets, headings, ratings, frozen panes, shades and key."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from planner.documents import downloads, skills_matrix
from planner.domain import team, team_trends
from planner.domain.models import RATING_LABELS, RATING_MEANINGS
from planner.domain.team import Snapshot
from tests.conftest import guide_levels

TODAY = date(2026, 12, 2)


def _member(name, grade, role, *history):
    snapshots = tuple(Snapshot(day, scores) for day, scores in history)
    return team.Member(profile_id=name.lower()[:8], name=name, grade=grade, role=role, target_grade=None,
                       scores=snapshots[-1].scores if snapshots else {}, source="local", history=snapshots)


@pytest.fixture(scope="module")
def members(fw):
    level_1 = [i.code for i in fw.indicators if i.level == 1]
    return [
        _member("Siân Llŷr", "SEO", "Records manager", (date(2026, 2, 3), dict.fromkeys(level_1, 1)),
                (date(2026, 11, 3), {code: 3 for code in level_1} | {"1.1.1": 4})),
        _member("=HYPERLINK(\"http://evil.example\")", "HEO", "+SUM(1,2)", (date(2026, 5, 3), {"1.1.1": 0})),
        _member("Tom Unrated", "EO", ""),
    ]


@pytest.fixture(scope="module")
def workbook(fw, grades, members):
    levels = guide_levels(grades)
    summary = team.summarise(fw, members, levels)
    trend = team_trends.quarterly(fw, members, levels, TODAY)
    data = skills_matrix.skills_matrix_xlsx(summary, trend, hide_names=False, today=TODAY, team_name="Records team",
                                            scope="Only people at grade SEO.")
    return load_workbook(io.BytesIO(data))


def test_the_workbook_has_the_matrix_the_key_the_trend_and_the_indicators(workbook):
    assert workbook.sheetnames == ["Skills matrix", "Key", "Trend by quarter", "Indicators"]


def test_the_matrix_has_a_title_row_with_the_team_and_the_date(workbook):
    sheet = workbook["Skills matrix"]
    assert sheet["A1"].value == "Skills matrix: Records team, 2 December 2026"
    assert sheet["A1"].font.bold
    assert "from 0 (Not yet) to 4 (Expert)" in sheet["A2"].value and "Only people at grade SEO." in sheet["A2"].value


def test_the_matrix_is_people_by_indicators_in_framework_order_with_each_statement_as_a_comment(workbook, fw):
    sheet = workbook["Skills matrix"]
    headings = [c.value for c in sheet[skills_matrix.HEADING_ROW]]
    assert headings == ["Name", "Grade", "Role", *fw.codes]
    first = sheet.cell(row=skills_matrix.HEADING_ROW, column=4)
    assert first.comment is not None and fw.indicators[0].statement in first.comment.text
    assert all(c.font.bold for c in sheet[skills_matrix.HEADING_ROW])


def test_each_cell_is_the_latest_rating_and_a_blank_is_not_rated(workbook, fw):
    sheet = workbook["Skills matrix"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=skills_matrix.HEADING_ROW + 1, values_only=True)}
    assert list(rows) == ["Siân Llŷr", "'=HYPERLINK(\"http://evil.example\")", "Tom Unrated"]  # in the team's order
    column = {code: n for n, code in enumerate(["Name", "Grade", "Role", *fw.codes])}
    sian = rows["Siân Llŷr"]
    assert sian[1:3] == ("SEO", "Records manager")
    assert sian[column["1.1.1"]] == 4 and sian[column["1.1.2"]] == 3 and sian[column["2.1.1"]] is None
    assert rows["Tom Unrated"][3:] == (None,) * len(fw.codes)
    assert rows["'=HYPERLINK(\"http://evil.example\")"][2] == "'+SUM(1,2)"  # nothing a spreadsheet would run


def test_the_heading_rows_and_the_name_column_stay_in_view(workbook):
    assert workbook["Skills matrix"].freeze_panes == f"B{skills_matrix.HEADING_ROW + 1}"
    assert workbook["Trend by quarter"].freeze_panes == "B2"


def test_the_columns_are_wide_enough_for_names_and_codes(workbook):
    sheet = workbook["Skills matrix"]
    assert sheet.column_dimensions["A"].width >= len("Siân Llŷr") + 2
    assert sheet.column_dimensions["D"].width >= 7


def test_every_rating_has_a_shade_and_a_blank_its_own(workbook):
    sheet = workbook["Skills matrix"]
    rules = [rule for ranges in sheet.conditional_formatting for rule in ranges.rules]
    formulas = {rule.formula[0]: rule.dxf.fill.fgColor.rgb for rule in rules}
    first = f"D{skills_matrix.HEADING_ROW + 1}"
    for score, colour in skills_matrix.RATING_FILLS.items():
        assert formulas[f"AND(ISNUMBER({first}),{first}={score})"].endswith(colour)
    assert formulas[f"ISBLANK({first})"].endswith(skills_matrix.NOT_RATED_FILL)
    assert len(set(skills_matrix.RATING_FILLS.values()) | {skills_matrix.NOT_RATED_FILL}) == 6
    [ranges] = list(sheet.conditional_formatting)
    assert str(ranges.sqref) == f"{first}:{sheet.cell(row=1, column=sheet.max_column).column_letter}" \
                                f"{skills_matrix.HEADING_ROW + 3}"


def test_the_key_explains_each_rating_and_its_shade(workbook):
    key = workbook["Key"]
    rows = list(key.iter_rows(min_row=4, max_row=9, values_only=True))
    assert [r[:3] for r in rows[:5]] == [(n, RATING_LABELS[n], RATING_MEANINGS[n]) for n in range(5)]
    assert rows[5][:2] == ("(blank)", "Not rated")
    for n in range(5):
        assert key.cell(row=4 + n, column=4).fill.fgColor.rgb.endswith(skills_matrix.RATING_FILLS[n])
    assert any("every rated cell shows its rating" in str(c.value) for c in key["A"])


def test_the_trend_sheet_is_the_table_by_quarter_with_what_changed(workbook, fw):
    sheet = workbook["Trend by quarter"]
    headings = [c.value for c in sheet[1]]
    assert headings[:4] == ["Quarter", "Self-assessments up to", "People counted", "Expected at their grade, met"]
    assert headings[4:] == [f"Average rating: {s.name}" for s in fw.skills]
    rows = list(sheet.iter_rows(min_row=2, max_row=5, values_only=True))
    assert [r[0] for r in rows] == ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]
    assert [r[2] for r in rows] == ["1 of 3", "2 of 3", "2 of 3", "2 of 3"]
    assert rows[0][4] == 1.0 and isinstance(rows[-1][3], float)
    assert sheet.cell(row=2, column=4).number_format == "0%"
    said = [c.value for c in sheet["A"] if c.value and "between Q1 2026 and Q4 2026" in str(c.value)]
    assert said, "the sentences saying what changed follow the table"


def test_hidden_names_are_people_numbered_in_every_sheet(fw, grades, members):
    levels = guide_levels(grades)
    summary = team.summarise(fw, members, levels)
    files = downloads.TeamDownloads(summary, None, True, TODAY, team_trends.quarterly(fw, members, levels, TODAY))
    book = load_workbook(io.BytesIO(files.xlsx()))
    names = [r[0] for r in book["Skills matrix"].iter_rows(min_row=skills_matrix.HEADING_ROW + 1, values_only=True)]
    assert names == ["Person 1", "Person 2", "Person 3"]
    text = " ".join(str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row if c.value)
    assert "Siân" not in text and "Tom" not in text
    assert book["Skills matrix"]["A1"].value == "Skills matrix, 2 December 2026"
    assert files.matrix_file_name() == "team-skills-matrix-2026-12-02.xlsx"
