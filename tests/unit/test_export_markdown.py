"""The PDP as Markdown: the same content as the PDF, with table cells made safe."""

from __future__ import annotations

import dataclasses
import re

import pytest

from planner.documents import markdown, pdp
from tests.unit.export_fixtures import make_report


@pytest.fixture(scope="module")
def report(fw, grades):
    return make_report(fw, grades)


@pytest.fixture(scope="module")
def text(report) -> str:
    return pdp.pdp_markdown(report).decode("utf-8")


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_the_document_is_utf8_and_starts_with_the_title(text, report):
    assert text.startswith("# Personal development plan: Siân Llŷr O'Brien-Ødegård 😀 مريم\n")
    assert report.person in text
    assert text.endswith("\n")


def test_every_section_of_the_pdf_is_a_heading(text):
    for heading in ("## Summary", "## Skill profile", "## Gaps to close", "## Development objectives",
                    "### Evidence of completion", "## Upcoming review dates",
                    "## Line manager comments", "## Agreement"):
        assert f"\n{heading}\n" in text


def test_details_summary_and_review_dates_are_listed(text, report):
    assert "| Current grade | Higher Executive Officer (HEO) |" in text
    assert "| Assessment date | 20 May 2025 |" in text
    for sentence in report.summary:
        assert f"- {sentence}" in text
    for day in report.review_dates:
        assert f"- {day}" in text


def test_a_pipe_inside_a_cell_is_escaped_so_the_table_keeps_its_columns(text):
    assert "retention schedule \\| check it with legal" in text
    tables = [line for line in text.splitlines() if line.startswith("|")]
    plan_rows = [line for line in tables if "retention schedule" in line]
    assert plan_rows
    header = next(line for line in tables if line.startswith("| Objective |"))
    for row in plan_rows:
        assert _unescaped_pipes(row) == _unescaped_pipes(header)


def test_a_line_break_inside_a_cell_becomes_br(report):
    items = list(report.items)
    items[0] = dataclasses.replace(items[0], objective="First line\nsecond line\r\nthird")
    text = pdp.pdp_markdown(dataclasses.replace(report, items=items)).decode("utf-8")
    assert "| First line<br>second line<br>third |" in text


def test_markdown_syntax_in_the_text_is_shown_not_obeyed():
    assert markdown.cell("*bold* <script> [link](x) a|b") == "\\*bold\\* \\<script\\> \\[link\\](x) a\\|b"


def test_the_sign_off_has_lines_for_both_people(text):
    assert text.count("- Signature: ____") == 2
    assert "**Signed (member of staff)**" in text
    assert "**Signed (line manager)**" in text
    assert text.count("- Date: ____") == 2


def test_an_empty_plan_says_so(report):
    bare = dataclasses.replace(report, items=[], gap_table=[], review_dates=[])
    text = pdp.pdp_markdown(bare).decode("utf-8")
    assert "The plan has no objectives yet." in text
    assert "There are no gaps against the target." in text
    assert "No review dates are set for open objectives." in text
