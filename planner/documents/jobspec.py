"""A job advert (Word, PDF, Markdown) and a sift sheet (CSV, Excel) from a job specification."""

from __future__ import annotations

import csv
import io

from planner.documents import markdown, pdf, word
from planner.documents.model import Block, Bullets, Document, Heading, Pairs, Paragraph, Table
from planner.domain import wording
from planner.domain.jobspec import SCORING_GUIDE, Criterion, JobSpec, criterion_heading
from planner.errors import PlannerError
from planner.io.cells import safe_cell

CRITERIA_WIDTHS = (16, 16, 142)
DETAIL_WIDTHS = (45, 129)
CRITERIA_HEADINGS = ("Code", "Level", "Criterion")


def advert(spec: JobSpec, author: str = "KIM Pathways") -> Document:
    """The advert in the usual shape of a Civil Service job advert, as a Document for any format."""
    post = spec.post
    roles = " and ".join(spec.role_names)
    facts = [
        ("Job title", post.title or roles or spec.grade_name),
        ("Grade", spec.grade_name),
        *([("Role in the profession", roles)] if roles else []),
        ("Team", post.team or "Not given"),
        ("Location", post.location or "Not given"),
        ("Salary", post.salary_band or "Not given"),
        ("Closing date", wording.long_date(post.closing_date) or "Not given"),
    ]
    levels = "; ".join(f"{spec.skill_names.get(s, f'skill {s}')}: level {lv}" for s, lv in sorted(spec.levels.items()))
    framework = spec.framework or "framework"
    wanted = f"a {roles.lower()}" if roles else "someone"
    body: list[Block] = [
        Pairs(tuple(facts), DETAIL_WIDTHS),
        Heading("Job summary"),
        Paragraph(post.summary or f"We are looking for {wanted} at {spec.grade_name} to join our team."),
        Heading("Responsibilities"),
        Bullets(post.responsibilities) if post.responsibilities else Paragraph("To be added by the hiring manager."),
        Heading("Essential criteria"),
        Paragraph(f"You will need to show evidence of the following, from the {framework}."),
        _criteria_table(spec.essential),
    ]
    if spec.desirable:
        body += [
            Heading("Desirable criteria"),
            _criteria_table(spec.desirable),
        ]
    body += [
        Heading("Technical skills"),
        Paragraph(f"Technical skills are assessed against the {framework}. "
                  f"This post asks for {levels}. The framework's skills are cumulative: each level assumes "
                  "the levels below it. The criteria above are its indicators at those levels."),
        Heading("How we will assess you"),
        Paragraph("At the sift, each criterion is scored from 1 to 7 on the evidence in your application. "
                  "Essential criteria must be met."),
    ]
    title = f"Job advert: {post.title or roles or 'a post'}, {spec.grade_name}"
    return Document(title=title, subtitle=f"Prepared with KIM Pathways. Criteria from the {framework}.",
                    author=author, subject="job advert", blocks=tuple(body))


def _criteria_table(criteria: list[Criterion]) -> Table:
    # Each criterion is listed once, here; "Technical skills" names the levels, not the criteria again.
    return Table(CRITERIA_HEADINGS, tuple((c.code, str(c.level), c.statement) for c in criteria), CRITERIA_WIDTHS)


def advert_markdown(spec: JobSpec) -> bytes:
    """The advert as UTF-8 Markdown, every cell escaped."""
    return markdown.render_markdown(advert(spec))


def advert_pdf(spec: JobSpec) -> bytes:
    """The advert as an A4 PDF.

    Raises:
        ExportError: the PDF could not be drawn.
    """
    return pdf.render_pdf(advert(spec))


def advert_docx(spec: JobSpec) -> bytes:
    """The advert as an editable Word document.

    Raises:
        ExportError: the Word document could not be made.
    """
    return word.render_docx(advert(spec))


MAX_CANDIDATES = 500
"""The most rows for candidates a sift sheet has (the page's box allows the same)."""


def _check_candidates(candidates: int) -> int:
    if not 1 <= candidates <= MAX_CANDIDATES:
        raise PlannerError(
            f"A sift sheet has rows for 1 to {MAX_CANDIDATES} candidates, not {candidates}. Choose a number "
            f"in that range."
        )
    return candidates


def sift_columns(spec: JobSpec) -> list[str]:
    """The sift sheet's columns: the candidate, a column per criterion, a total and notes."""
    marks = {c.code: ("E" if c in spec.essential else "D") for c in spec.assessed}
    return (["Candidate"] + [f"[{marks[c.code]}] {criterion_heading(c)}" for c in spec.assessed]
            + ["Total", "Notes"])


def sift_csv(spec: JobSpec, candidates: int = 20) -> bytes:
    """A sift sheet as CSV (UTF-8 with BOM for Excel): one row per candidate, a column per criterion.

    Raises:
        PlannerError: the number of candidates is below 1 or above MAX_CANDIDATES.
    """
    _check_candidates(candidates)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(c) for c in sift_columns(spec)])
    blank = [""] * (len(spec.assessed) + 2)
    for n in range(1, candidates + 1):
        writer.writerow([f"Candidate {n}", *blank])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def sift_xlsx(spec: JobSpec, candidates: int = 20) -> bytes:
    """A sift sheet workbook: the sheet with scores limited to 1-7 and a total, and a scoring guide.

    Raises:
        PlannerError: the number of candidates is below 1 or above MAX_CANDIDATES.
    """
    _check_candidates(candidates)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Sift"
    columns = sift_columns(spec)
    sheet.append([safe_cell(c) for c in columns])
    first, last = 2, 1 + len(spec.assessed)
    for n in range(1, candidates + 1):
        row = n + 1
        total = f"=SUM({get_column_letter(first)}{row}:{get_column_letter(last)}{row})"
        sheet.append([f"Candidate {n}", *([None] * len(spec.assessed)), total, None])
    scores = DataValidation(type="whole", operator="between", formula1="1", formula2="7", allow_blank=True,
                            showErrorMessage=True, error="Score each criterion from 1 to 7.",
                            errorTitle="Score from 1 to 7")
    sheet.add_data_validation(scores)
    scores.add(f"{get_column_letter(first)}2:{get_column_letter(last)}{candidates + 1}")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DEE8F3")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 90
    sheet.column_dimensions["A"].width = 16
    for index in range(first, last + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.column_dimensions[get_column_letter(last + 2)].width = 40
    sheet.freeze_panes = "B2"
    guide = book.create_sheet("Scoring guide")
    guide.append(["Score", "Meaning", "What it looks like"])
    for score, label, meaning in SCORING_GUIDE:
        guide.append([score, label, meaning])
    guide.append([])
    guide.append(["[E]", "Essential", "Must be met."])
    guide.append(["[D]", "Desirable", "Used to decide between candidates who meet the essentials."])
    for letter, width in (("A", 8), ("B", 22), ("C", 70)):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
