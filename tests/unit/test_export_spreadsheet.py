"""The plan as CSV: Excel-friendly, one row per item, safe from formula injection."""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from planner.documents import spreadsheet
from planner.documents.report import PlanRow
from planner.io import cells as sheet_cells
from tests.unit.export_fixtures import make_report


@pytest.fixture(scope="module")
def report(fw, grades):
    return make_report(fw, grades)


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_the_file_starts_with_a_byte_order_mark_so_excel_reads_accents(report):
    welsh = dataclasses.replace(report.items[0], objective="Cynllun gwaith: ŵ ŷ é ø")
    data = spreadsheet.plan_csv([welsh])
    assert data.startswith(b"\xef\xbb\xbf")
    assert _rows(data)[1][0] == "Cynllun gwaith: ŵ ŷ é ø"


def test_a_header_row_then_one_row_per_item(report):
    rows = _rows(spreadsheet.plan_csv(report.items))
    assert rows[0] == list(spreadsheet.PLAN_COLUMNS.values())
    assert len(rows) == 1 + len(report.items)
    first = dict(zip(rows[0], rows[1]))
    assert first["Objective"] == report.items[0].objective
    assert first["Indicators"] == "2.1.3, 2.2.1"
    assert first["Status"] == "Planned"


def test_every_plan_row_field_has_a_column():
    assert set(spreadsheet.PLAN_COLUMNS) == {f.name for f in dataclasses.fields(PlanRow)}


def test_formula_cells_are_neutralised(report):
    rows = _rows(spreadsheet.plan_csv(report.items))
    cells = {cell for row in rows[1:] for cell in row}
    assert "'=HYPERLINK(\"http://evil.example\",\"Click\")" in cells
    assert "'+SUM(1,2)" in cells
    assert not any(cell.startswith(sheet_cells.FORMULA_STARTS) for cell in cells)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Plain text = fine", "Plain text = fine"),
        ("Llŷr", "Llŷr"),
        ("", ""),
    ],
)
def test_safe_cell_quotes_only_cells_a_spreadsheet_would_run(value, expected):
    assert sheet_cells.safe_cell(value) == expected


def test_commas_quotes_and_line_breaks_survive_the_round_trip(report):
    tricky = dataclasses.replace(report.items[0], objective='Say "hello", then\nwave', evidence="a,b")
    rows = _rows(spreadsheet.plan_csv([tricky]))
    assert rows[1][0] == 'Say "hello", then\nwave'
    assert rows[1][8] == "a,b"


def test_an_empty_plan_is_just_the_header():
    assert _rows(spreadsheet.plan_csv([])) == [list(spreadsheet.PLAN_COLUMNS.values())]
