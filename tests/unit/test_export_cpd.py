"""The CPD log and revalidation statement as PDF, Word and CSV, and as the CPD part of a professional body's portfolio."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest

from planner.documents import cpd as files
from planner.documents import external as portfolio_files
from planner.domain import cpd, external
from planner.domain.models import CpdEntry, Rating
from planner.io import dataset
from tests import readback

TODAY = date(2026, 12, 1)
STATEMENT = ("Over the year I moved from running the FOI log to leading the records review. " * 3).strip()


def _log() -> list[CpdEntry]:
    made = datetime(2026, 1, 1, tzinfo=UTC)
    return [
        CpdEntry(profile_id="ada", done_on=date(2026, 11, 3), hours=7.5, kind="formal", created_at=made,
                 title="BCS Foundation Certificate in Data Protection", indicators=["1.3.1", "2.3.1"],
                 learned="The six lawful bases", applied="Rewrote our privacy notice"),
        CpdEntry(profile_id="ada", done_on=date(2026, 3, 14), hours=12, kind="experience", created_at=made,
                 title="Led the records review", learned="How to appraise files", applied="Cut the shared drive by half"),
        CpdEntry(profile_id="ada", done_on=date(2025, 12, 2), hours=2.5, kind="others", created_at=made,
                 title="Shadowed the DPO", applied="Answered a subject access request"),
        CpdEntry(profile_id="ada", done_on=date(2025, 6, 1), hours=4, kind="formal", created_at=made,
                 title="Before the 12 months"),
    ]


@pytest.fixture
def record(fw):
    start = cpd.window_start(TODAY)
    return cpd.cpd_record(fw, "Ada Lovelace", _log(), STATEMENT, start=start, end=TODAY, today=TODAY)


def test_the_pdf_holds_the_name_period_every_entry_totals_the_12_months_and_the_statement(record, fw):
    text = readback.pdf_text(files.cpd_pdf(record))
    for words in ("CPD log and revalidation statement", "Ada Lovelace", "2 December 2025 to 1 December 2026",
                  "3 November 2026", "14 March 2026", "2 December 2025", "BCS Foundation Certificate in Data Protection",
                  "Formal learning (courses, qualifications)", "1.3.1, 2.3.1", "The six lawful bases",
                  "Rewrote our privacy notice", "Cut the shared drive by half", "Answered a subject access request",
                  "Hours by year", "Hours by kind of learning",
                  "22 hours in the 12 months to 1 December 2026: enough for revalidation",
                  f"{cpd.word_count(STATEMENT)} of 250 words", "leading the records review"):
        assert words in text, words
    assert "Before the 12 months" not in text  # outside the period
    assert fw.indicator("1.3.1").statement[:40] in text  # the indicators with their statements too
    assert "CILIP revalidation" in readback.pdf_bookmarks(files.cpd_pdf(record))


def test_the_word_document_holds_the_same(record):
    document = readback.word(files.cpd_docx(record))
    text = readback.word_text(document)
    for words in ("Ada Lovelace", "2 December 2025 to 1 December 2026", "Led the records review", "7.5",
                  "Learning from others", "How to appraise files", "enough for revalidation", STATEMENT):
        assert words in text, words


def test_the_csv_has_the_details_the_entries_the_totals_and_the_statement_in_parts(record):
    data = files.cpd_csv(record)
    assert data.startswith(b"\xef\xbb\xbf")
    parts = [list(csv.reader(io.StringIO(p))) for p in data.decode("utf-8-sig").split("\r\n\r\n")]
    details = dict(parts[0])
    assert details["Name"] == "Ada Lovelace" and details["Period"] == "2 December 2025 to 1 December 2026"
    assert details["CILIP revalidation"] == "22 hours in the 12 months to 1 December 2026: enough for revalidation"
    entries = [dict(zip(parts[1][0], row)) for row in parts[1][1:]]
    assert [e["Date"] for e in entries] == ["3 November 2026", "14 March 2026", "2 December 2025"]
    assert entries[0]["Hours"] == "7.5" and entries[0]["Kind of learning"] == "Formal learning (courses, qualifications)"
    assert entries[0]["Indicators"].startswith("1.3.1 ") and entries[0]["How I used it"] == "Rewrote our privacy notice"
    years = [dict(zip(parts[2][0], row)) for row in parts[2][1:]]
    assert [(y["Year"], y["Total hours"]) for y in years] == [("2026", "19.5"), ("2025", "2.5")]
    kinds = [dict(zip(parts[3][0], row)) for row in parts[3][1:]]
    assert [k["Hours"] for k in kinds] == ["12", "2.5", "7.5"]
    statement = dict(parts[4])
    assert statement["Reflective statement"] == STATEMENT
    assert statement["Word count"] == f"{cpd.word_count(STATEMENT)} of 250 words"


def test_a_cell_that_would_run_as_a_formula_is_written_as_text(fw):
    log = [CpdEntry(profile_id="ada", done_on=TODAY, hours=1, kind="formal", title="=HYPERLINK(\"x\")",
                    learned="+1", applied="@SUM(A1)")]
    record = cpd.cpd_record(fw, "Ada", log, "-dash first", start=TODAY, end=TODAY, today=TODAY)
    text = files.cpd_csv(record).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'+1" in text and "'@SUM" in text and "'-dash first" in text


def test_an_empty_log_and_a_statement_over_the_limit_say_so(fw):
    record = cpd.cpd_record(fw, "Ada", [], "word " * 260, start=cpd.window_start(TODAY), end=TODAY, today=TODAY)
    text = readback.pdf_text(files.cpd_pdf(record))
    assert files.NO_ENTRIES in text
    assert "260 words: 10 over the 250-word limit for CILIP revalidation" in text
    assert "0 hours in the 12 months to 1 December 2026: 20 hours more needed" in text


def test_the_professional_bodies_portfolio_carries_the_cpd_log_and_the_statement(record, fw):
    ef = dataset.load_mapping().framework("cilip-pksb")
    ratings = {"1.1.1": Rating(score=3)}
    plain = external.build_portfolio(ef, fw, ratings, "Ada Lovelace", TODAY, TODAY)
    assert portfolio_files.cpd_section(plain) == []
    carried = external.with_cpd_log(plain, record)
    for text in (readback.pdf_text(portfolio_files.portfolio_pdf(carried)),
                 readback.word_text(readback.word(portfolio_files.portfolio_docx(carried))),
                 portfolio_files.portfolio_markdown(carried).decode()):
        for words in ("Continuing professional development (CPD)", "Led the records review", "Hours by year",
                      "enough for revalidation", "leading the records review"):
            assert words in text, words
