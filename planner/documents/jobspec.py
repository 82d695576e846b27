"""A job advert (Word, PDF, Markdown) and a sift sheet (CSV, Excel) from a job specification."""

from __future__ import annotations

import csv
import io

from planner.documents import markdown, pdf, word
from planner.documents.model import Block, Bullets, Document, Heading, Pairs, Paragraph, Table
from planner.domain import sift, wording
from planner.domain.behaviours import SCALE, level_words
from planner.domain.jobspec import BehaviourCriterion, Criterion, JobSpec
from planner.domain.sift import SCORING_GUIDE, SiftColumn
from planner.errors import PlannerError
from planner.io.cells import safe_cell

CRITERIA_WIDTHS = (16, 16, 142)
DETAIL_WIDTHS = (45, 129)
CRITERIA_HEADINGS = ("Code", "Level", "Criterion")
BEHAVIOUR_WIDTHS = (52, 122)


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
    if spec.behaviours:
        body += [
            Heading("Behaviours"),
            Paragraph("We will assess you against these Civil Service Success Profiles behaviours, at the level "
                      f"for {spec.grade_name}: {level_words(spec.behaviours[0].level, spec.behaviours[0].grades)}."),
            _behaviours_table(spec.behaviours),
        ]
    body += [
        Heading("Technical skills"),
        Paragraph(f"Technical skills are assessed against the {framework}. "
                  f"This post asks for {levels}. The framework's skills are cumulative: each level assumes "
                  "the levels below it. The criteria above are its indicators at those levels."),
        Heading("How we will assess you"),
        Paragraph(_how_assessed(spec)),
    ]
    title = f"Job advert: {post.title or roles or 'a post'}, {spec.grade_name}"
    return Document(title=title, subtitle=f"Prepared with KIM Pathways. Criteria from the {framework}.",
                    author=author, subject="job advert", blocks=tuple(body))


def _criteria_table(criteria: list[Criterion]) -> Table:
    # Each criterion is listed once, here; "Technical skills" names the levels, not the criteria again.
    return Table(CRITERIA_HEADINGS, tuple((c.code, str(c.level), c.statement) for c in criteria), CRITERIA_WIDTHS)


def _behaviours_table(behaviours: tuple[BehaviourCriterion, ...]) -> Table:
    return Table(("Behaviour", f"What it asks at level {behaviours[0].level}"),
                 tuple((b.name, b.description) for b in behaviours), BEHAVIOUR_WIDTHS)


def _how_assessed(spec: JobSpec) -> str:
    scored = "each behaviour and each criterion is" if spec.behaviours else "each criterion is"
    lowest, highest = SCALE[sift.LOWEST], SCALE[sift.HIGHEST]
    return (f"At the sift, {scored} scored from 1 ({lowest.lower()}) to 7 ({highest.lower()}) on the evidence in "
            "your application, using the Civil Service Success Profiles scale. "
            + ("Each behaviour and essential criterion has a pass mark you must reach."
               if spec.behaviours else "Essential criteria must be met."))


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


PASS_MARK_ROW = "Pass mark"
WEIGHT_ROW = "Weight"
TOTAL = "Weighted total"
MEETS = "Meets every pass mark"
FIRST_CANDIDATE_ROW = 4
"""The sheet's row of the first candidate: below the headings, the pass marks and the weights."""
SCALE_TEXT = "; ".join(f"{score} {label}" for score, label, _ in reversed(SCORING_GUIDE))


def sift_columns(spec: JobSpec) -> list[str]:
    """The sift sheet's columns: the candidate, a column per behaviour and criterion, the weighted total,
    whether every pass mark is met, and notes."""
    return ["Candidate", *(_heading(col) for col in sift.columns(spec)), TOTAL, MEETS, "Notes"]


def _heading(col: SiftColumn) -> str:
    return f"{col.mark} {col.heading}"


def _settings_rows(cols: list[SiftColumn]) -> tuple[list[object], list[object]]:
    """The rows under the headings: each column's pass mark (none for a desirable criterion) and weight."""
    return (
        [PASS_MARK_ROW, *(col.pass_mark for col in cols), None, None,
         f"A behaviour or essential criterion is met at its pass mark. Scores: {SCALE_TEXT}."],
        [WEIGHT_ROW, *(_number(col.weight) for col in cols), None, None,
         "The weighted total adds each score times its weight."],
    )


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def sift_csv(spec: JobSpec, candidates: int = 20) -> bytes:
    """A sift sheet as CSV (UTF-8 with BOM for Excel): the pass marks and weights, then one row per candidate.

    Raises:
        PlannerError: the number of candidates is below 1 or above MAX_CANDIDATES.
    """
    _check_candidates(candidates)
    cols = sift.columns(spec)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(c) for c in sift_columns(spec)])
    for row in _settings_rows(cols):
        writer.writerow([safe_cell("" if value is None else str(value)) for value in row])
    blank = [""] * (len(cols) + 3)
    for n in range(1, candidates + 1):
        writer.writerow([f"Candidate {n}", *blank])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _total_formula(cols: list[SiftColumn], row: int) -> str:
    """The Excel formula of a candidate's weighted total (blank until they are scored)."""
    from openpyxl.utils import get_column_letter

    first, last = get_column_letter(2), get_column_letter(1 + len(cols))
    scores = f"{first}{row}:{last}{row}"
    weights = f"{first}${FIRST_CANDIDATE_ROW - 1}:{last}${FIRST_CANDIDATE_ROW - 1}"
    return f'=IF(COUNT({scores})=0,"",SUMPRODUCT({scores},{weights}))'


def _meets_formula(cols: list[SiftColumn], row: int) -> str:
    """The Excel formula that says whether a candidate meets every pass mark (blank until they are scored)."""
    from openpyxl.utils import get_column_letter

    first, last = get_column_letter(2), get_column_letter(1 + len(cols))
    checks = [f"{get_column_letter(2 + n)}{row}>={get_column_letter(2 + n)}${FIRST_CANDIDATE_ROW - 2}"
              for n, col in enumerate(cols) if col.pass_mark is not None]
    verdict = f'IF(AND({",".join(checks)}),"Yes","No")' if checks else '"No pass marks"'
    return f'=IF(COUNT({first}{row}:{last}{row})=0,"",{verdict})'


def sift_xlsx(spec: JobSpec, candidates: int = 20) -> bytes:
    """A sift sheet workbook: pass marks and weights under the headings, one row per candidate with scores
    limited to 1-7, a weighted total and whether every pass mark is met; and the scale as a key.

    Raises:
        PlannerError: the number of candidates is below 1 or above MAX_CANDIDATES.
    """
    _check_candidates(candidates)
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = sift.columns(spec)
    book = Workbook()
    sheet = book.active
    sheet.title = "Sift"
    sheet.append([safe_cell(c) for c in sift_columns(spec)])
    for settings in _settings_rows(cols):
        sheet.append(settings)
    first, last = 2, 1 + len(cols)
    top, bottom = FIRST_CANDIDATE_ROW, FIRST_CANDIDATE_ROW + candidates - 1
    for n in range(1, candidates + 1):
        row = FIRST_CANDIDATE_ROW + n - 1
        sheet.append([f"Candidate {n}", *([None] * len(cols)), _total_formula(cols, row), _meets_formula(cols, row),
                      None])
    span = f"{get_column_letter(first)}{{}}:{get_column_letter(last)}{{}}"
    scores = DataValidation(type="whole", operator="between", formula1="1", formula2="7", allow_blank=True,
                            showErrorMessage=True, error="Score each behaviour and criterion from 1 to 7.",
                            errorTitle="Score from 1 to 7")
    sheet.add_data_validation(scores)
    scores.add(span.format(top, bottom))
    marks = DataValidation(type="whole", operator="between", formula1="1", formula2="7", allow_blank=True,
                           showErrorMessage=True, error="A pass mark is a score from 1 to 7.",
                           errorTitle="Pass mark from 1 to 7")
    sheet.add_data_validation(marks)
    marks.add(span.format(top - 2, top - 2))
    weights = DataValidation(type="decimal", operator="between", formula1="0", formula2=f"{sift.MOST_WEIGHT:g}",
                             allow_blank=False, showErrorMessage=True,
                             error=f"A weight is a number from 0 to {sift.MOST_WEIGHT:g}: 1 counts a score once.",
                             errorTitle="Weight from 0 to 10")
    sheet.add_data_validation(weights)
    weights.add(span.format(top - 1, top - 1))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DEE8F3")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in (top - 2, top - 1):
        sheet.cell(row, 1).font = Font(bold=True)
        sheet.cell(row, last + 3).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 90
    sheet.column_dimensions["A"].width = 16
    for index in range(first, last + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 22
    sheet.column_dimensions[get_column_letter(last + 1)].width = 14
    sheet.column_dimensions[get_column_letter(last + 2)].width = 14
    sheet.column_dimensions[get_column_letter(last + 3)].width = 40
    sheet.freeze_panes = f"B{top}"
    guide = book.create_sheet("Scoring guide")
    guide.append(["Score", "Meaning", "What it looks like"])
    for score, label, meaning in SCORING_GUIDE:
        guide.append([score, label, meaning])
    guide.append([])
    guide.append(["[E]", "Essential", "A behaviour or an essential criterion: must reach its pass mark."])
    guide.append(["[D]", "Desirable", "Used to decide between candidates who meet the essentials; no pass mark."])
    guide.append([PASS_MARK_ROW, "Under the headings", "The lowest score that meets the behaviour or criterion."])
    guide.append([WEIGHT_ROW, "Under the pass marks", "How many times the score counts in the weighted total."])
    guide.append([TOTAL, "Worked out", "Each score times its weight, added up."])
    for letter, width in (("A", 16), ("B", 22), ("C", 70)):
        guide.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
