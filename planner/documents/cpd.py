"""The CPD log and revalidation statement as a Document (PDF, Word) and as a CSV spreadsheet.

The same blocks are the CPD part of a professional body's portfolio (planner.documents.external).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from planner.documents import pdf, word
from planner.documents.model import Block, Document, Heading, Label, Pairs, Paragraph, Table, cells
from planner.domain import cpd, wording
from planner.domain.cpd import CpdRecord
from planner.io.cells import safe_cell

TITLE = "CPD log and revalidation statement"
LOG = "CPD log"
REFLECTIONS = "What I learned and how I used it"
TOTALS = "Totals"
BY_YEAR = "Hours by year"
BY_KIND = "Hours by kind of learning"
REVALIDATION = "CILIP revalidation"
STATEMENT = "Reflective statement"
KEYWORDS = "CPD, continuing professional development, CILIP revalidation, knowledge and information management"

LOG_HEADINGS = ("Date", "Hours", "Kind of learning", "What I did", "Indicators")
LOG_WIDTHS = (27, 13, 36, 64, 34)
YEAR_WIDTHS = (16, 34, 34, 34, 30, 26)
KIND_WIDTHS = (80, 30, 30, 34)
DETAIL_WIDTHS = (45, 129)

NO_ENTRIES = "No CPD is logged in this period."
NO_STATEMENT = "No reflective statement is written yet."
REVALIDATION_NOTE = (f"CILIP revalidation asks for at least {cpd.REVALIDATION_HOURS:.0f} hours of CPD over "
                     f"{cpd.WINDOW_MONTHS} months and a reflective statement of at most {cpd.STATEMENT_WORDS} "
                     "words against the assessment criteria.")


def details(record: CpdRecord) -> list[tuple[str, str]]:
    """The person, the period and the figures, as label-value pairs in reading order."""
    return [
        ("Name", record.person),
        ("Period", record.period),
        ("Entries", str(len(record.entries))),
        ("Hours in the period", cpd.hours_text(record.hours)),
        (REVALIDATION, record.revalidation.sentence),
        ("Reflective statement", record.count.message),
        ("Prepared on", wording.long_date(record.prepared_on)),
    ]


def _table(rows: Sequence[dict[str, Any]], widths: tuple[float, ...], centred: frozenset[int]) -> Table:
    headings = tuple(rows[0]) if rows else ()
    return Table(headings, tuple(cells([_shown(v) for v in row.values()]) for row in rows), widths, centred)


def _shown(value: Any) -> Any:
    return cpd.hours_figure(value) if isinstance(value, float) else value


def log_blocks(record: CpdRecord, level: int = 1) -> list[Block]:
    """The log, its reflections, its totals, the 12 months against 20 hours and the statement, as blocks.

    Args:
        record: the log for a period (cpd.cpd_record).
        level: the level of the sections' headings (2 inside a portfolio, whose own section is level 1).
    """
    blocks: list[Block] = [Heading(LOG, level)]
    if not record.entries:
        blocks += [Paragraph(NO_ENTRIES)]
    else:
        rows = tuple(cells([e.done_on, e.hours, e.kind, e.title, e.codes]) for e in record.entries)
        blocks += [Table(LOG_HEADINGS, rows, LOG_WIDTHS, frozenset({1}))]
        blocks += [Heading(REFLECTIONS, level + 1)]
        for e in record.entries:
            blocks += [Heading(f"{e.done_on}: {e.title}", min(level + 2, 3))]
            blocks += [Paragraph(f"{e.hours} hours. {e.kind}.")]
            if e.indicators:
                blocks += [Label("Indicators it developed"), Paragraph("\n".join(e.indicators))]
            blocks += [Label("What I learned"), Paragraph(e.learned or "Not written.", muted=not e.learned)]
            blocks += [Label("How I used it"), Paragraph(e.applied or "Not written.", muted=not e.applied)]
        blocks += [Heading(TOTALS, level)]
        blocks += [Heading(BY_YEAR, level + 1), _table(record.by_year, YEAR_WIDTHS, frozenset(range(1, 6)))]
        blocks += [Heading(BY_KIND, level + 1), _table(record.by_kind, KIND_WIDTHS, frozenset({1, 2, 3}))]
    blocks += [Heading(REVALIDATION, level), Paragraph(f"{record.revalidation.sentence}."),
               Paragraph(REVALIDATION_NOTE, muted=True)]
    blocks += [Heading(STATEMENT, level), Paragraph(record.count.message, muted=True)]
    blocks += [Paragraph(record.statement)] if record.statement.strip() else [Paragraph(NO_STATEMENT)]
    return blocks


def cpd_document(record: CpdRecord) -> Document:
    """The CPD log and revalidation statement as a Document: details, then log_blocks."""
    subtitle = ("Knowledge and Information Management (KIM) profession. Prepared with KIM Pathways on "
                f"{wording.long_date(record.prepared_on)}.")
    return Document(
        title=f"{TITLE}: {record.person}", heading=TITLE, lead=record.person, subtitle=subtitle,
        author=record.person, subject=TITLE, keywords=KEYWORDS, footer=f"{TITLE}: {record.person}",
        blocks=(Pairs(tuple(details(record)), DETAIL_WIDTHS), *log_blocks(record)),
    )


def cpd_pdf(record: CpdRecord) -> bytes:
    """The log and statement as an A4 PDF.

    Raises:
        ExportError: the PDF could not be drawn (the message says what to try).
    """
    return pdf.render_pdf(cpd_document(record), instead="the Word or CSV version")


def cpd_docx(record: CpdRecord) -> bytes:
    """The log and statement as a Word document.

    Raises:
        ExportError: the Word document could not be made (the message says what to try).
    """
    return word.render_docx(cpd_document(record), instead="the PDF or CSV version")


CSV_COLUMNS = ("Date", "Hours", "Kind of learning", "What I did", "Indicators", "What I learned", "How I used it")


def cpd_csv(record: CpdRecord) -> bytes:
    """The log as CSV, in parts a blank row apart: the details (label, value), the entries (a header row,
    then one row an entry, newest first), the hours by year, the hours by kind, and the statement.

    Returns:
        UTF-8 bytes with a byte order mark (so Excel reads accents), every cell safe from formulas.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")

    def part(rows: Sequence[Sequence[Any]]) -> None:
        for row in rows:
            writer.writerow(safe_cell(str(_shown(v))) for v in row)
        writer.writerow([])

    part(details(record))
    indicators = ["; ".join(e.indicators) for e in record.entries]
    part([CSV_COLUMNS, *([e.done_on, e.hours, e.kind, e.title, shown, e.learned, e.applied]
                         for e, shown in zip(record.entries, indicators))])
    for table in (record.by_year, record.by_kind):
        if table:
            part([tuple(table[0]), *(tuple(row.values()) for row in table)])
    writer.writerow(["Word count", record.count.message])
    writer.writerow([STATEMENT, safe_cell(record.statement)])
    return out.getvalue().encode("utf-8-sig")
