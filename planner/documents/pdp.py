"""The personal development plan (PDP) as a Document: what it shows and in what order, in every format."""

from __future__ import annotations

import functools
import json
from dataclasses import replace
from typing import Any

from planner.documents import markdown, pdf, word
from planner.documents.evidence import evidence_blocks
from planner.documents.model import (
    Block,
    Bullets,
    CommentBox,
    Document,
    Heading,
    Image,
    Label,
    PageBreak,
    Pairs,
    Paragraph,
    PrintOnly,
    SignOff,
    Table,
    cells,
    columns,
)
from planner.documents.report import PdpReport
from planner.domain import wording
from planner.domain.pdp_details import LineManagerPart

HEADING = "Personal development plan"

SUMMARY = "Summary"
SKILLS = "Skill profile"
GAPS = "Gaps to close"
PLAN = "Development objectives"
EVIDENCE = "Evidence of completion"
REVIEWS = "Upcoming review dates"
LINE_MANAGER = "For your line manager"
BEHAVIOUR_EXAMPLES = "Examples for Success Profiles behaviours"
COMMENTS = "Line manager comments"
SIGN_OFF = "Agreement"

PLAN_HEADINGS = ("Objective", "Indicators", "Activity", "Target date", "Review date", "Status", "Flags")

NO_GAPS = "There are no gaps against the target."
NO_ITEMS = "The plan has no objectives yet."
NO_REVIEWS = "No review dates are set for open objectives."
NO_ASSESSMENT = "No assessment yet"
COMMENTS_PROMPT = "To be completed by the line manager at the review meeting."
SIGN_OFF_TEXT = "We have discussed and agreed this development plan."
SIGNATORIES = ("Signed (member of staff)", "Signed (line manager)")
LINE_MANAGER_NOTE = ("What this plan asks of your line manager: the support you need, the cost and time to "
                     "approve, and when you will review it together.")
SUPPORT = "Support needed from your line manager"
MEETINGS = "Review meetings"
NOT_GIVEN = "Not given"
NO_SUPPORT = "No support has been written down yet."
NO_MEETINGS = "No review meetings are arranged yet."
SIGNED_COMMENT = "The line manager's comment at sign-off"
SIGNED_OBJECTIVES = "Objectives as signed off"
CHANGED_SINCE = ("The plan's objectives have changed since it was signed off: ask your line manager to sign off "
                 "the plan as it is now.")
BEHAVIOURS_NOTE = ("Examples in the STAR form (situation, task, action, result) for the Civil Service Success "
                   "Profiles behaviours, for applications and interviews.")
KEYWORDS = "personal development plan, PDP, knowledge and information management"

MORE = " … (in full below)"
"""What ends a plan cell the printed page cut short; the objective is then printed in full below."""

# Column widths in millimetres (the page is 174 mm between margins), wide enough for the
# longest heading word and for "30 September 2025" to break only between words.
PLAN_WIDTHS = (44, 21, 32, 21, 21, 18, 17)
GAP_WIDTHS = (17, 34, 13, 69, 21, 20)
DETAIL_WIDTHS = (40, 134)
CHART_WIDTH_MM = 140
COMMENT_BOX_MM = 55

CHART_WIDTH = 380
"""Plot width in pixels: the spec's "container" width needs a browser, so exports fix it."""

# Long skill names go on two lines (broken at the last space before 34 characters) rather
# than being cut short, since a printed chart has no tooltip to show the rest.
_WRAP_LABEL = (
    "length(datum.label) > 34 ? ["
    "substring(datum.label, 0, lastindexof(substring(datum.label, 0, 34), ' ')), "
    "substring(datum.label, lastindexof(substring(datum.label, 0, 34), ' ') + 1)"
    "] : datum.label"
)


def pdp_pdf(report: PdpReport) -> bytes:
    """The PDP as an A4 PDF to print, sign and hand to a line manager.

    Raises:
        ExportError: the PDF could not be drawn (the message says what to try).
    """
    return pdf.render_pdf(pdp_document(report))


def pdp_docx(report: PdpReport) -> bytes:
    """The PDP as a Word document the person and their line manager can edit.

    Raises:
        ExportError: the Word document could not be made (the message says what to try).
    """
    return word.render_docx(pdp_document(report))


def pdp_markdown(report: PdpReport) -> bytes:
    """The PDP as UTF-8 Markdown (the chart as its description in words)."""
    return markdown.render_markdown(pdp_document(report))


def pdp_document(report: PdpReport) -> Document:
    """The PDP as a Document: details, summary, skills, gaps, plan, reviews, evidence against the framework,
    behaviour examples, the line manager's part, comments and sign-off.

    Args:
        report: the plan's content, from report.build_report.
    """
    blocks: list[Block] = [Pairs(tuple(details(report)), DETAIL_WIDTHS)]
    blocks += [Heading(SUMMARY), Bullets(tuple(report.summary))]
    # The chart and its table (a row is about 11 mm) belong together on one page.
    blocks += [
        Heading(SKILLS, keep_with_mm=14 + 11 * len(report.skill_table)),
        Image(lambda: skill_chart_png(report), chart_description(report), "Skill profile chart", CHART_WIDTH_MM),
        _skill_table(report),
    ]
    blocks += [Heading(GAPS)]
    gaps = replace(columns(report.gap_table), widths_mm=GAP_WIDTHS, centred=frozenset({2, 5}))
    blocks += [gaps] if report.gap_table else [Paragraph(NO_GAPS)]
    blocks += [Heading(PLAN)] + _plan(report)
    done = [(row.objective, row.evidence) for row in report.items if row.evidence.strip()]
    if done:
        blocks += [Heading(EVIDENCE, level=2)]
        for objective, evidence in done:
            blocks += [Label(objective), Paragraph(evidence)]
    blocks += [Heading(REVIEWS)]
    blocks += [Bullets(tuple(report.review_dates))] if report.review_dates else [Paragraph(NO_REVIEWS)]
    blocks += evidence_blocks(report.evidence)
    blocks += behaviour_blocks(report)
    blocks += line_manager_blocks(report.line_manager)
    blocks += agreement_blocks(report.line_manager, report.person)
    return Document(
        title=report.title, heading=HEADING, lead=report.person, subtitle=subtitle(report),
        author=report.person, subject=HEADING, keywords=KEYWORDS, footer=f"{HEADING}: {report.person}",
        blocks=tuple(blocks),
    )


SKILL_NAME_MM = 32
"""The skill's name; its attained and target levels take LEVEL_MM each, its progress to the next level
NEXT_LEVEL_MM, and the share met at each of the framework's levels shares what is left of the page."""
LEVEL_MM = 18
NEXT_LEVEL_MM = 30
PRINTED_MM = 174


def _skill_table(report: PdpReport) -> Table:
    """The skill profile's table: widths for as many levels as the framework has, the figures centred."""
    table = columns(report.skill_table)
    shares = len(table.headings) - 4  # Skill, Attained, Target, Towards the next level, then a column a level
    each = (PRINTED_MM - SKILL_NAME_MM - 2 * LEVEL_MM - NEXT_LEVEL_MM) / max(shares, 1)
    widths = (SKILL_NAME_MM, LEVEL_MM, LEVEL_MM, NEXT_LEVEL_MM, *([each] * shares))
    return replace(table, widths_mm=widths, centred=frozenset({1, 2, *range(4, len(table.headings))}))


def _plan(report: PdpReport) -> list[Block]:
    if not report.items:
        return [Paragraph(NO_ITEMS)]
    rows = [cells([r.objective, r.indicators, r.activity, r.target_date, r.review_date, r.status, r.flags])
            for r in report.items]
    # A printed cell is cut short past what a page can hold: the objective is then printed in full below.
    in_full: list[Block] = []
    for number, (row, item) in enumerate(zip(rows, report.items), start=1):
        if all(pdf.fits_in_cell(text, width) for text, width in zip(row, PLAN_WIDTHS)):
            continue
        in_full += [Label(f"Objective {number} in full"), Paragraph(item.objective)]
        in_full += [Paragraph(f"Activity: {item.activity}")] if item.activity else []
        if not pdf.fits_in_cell(item.indicators, PLAN_WIDTHS[1]):
            in_full += [Paragraph(f"Indicators: {item.indicators}")]
    table = Table(PLAN_HEADINGS, tuple(rows), PLAN_WIDTHS, cut_mark=MORE)
    return [table, PrintOnly(tuple(in_full))] if in_full else [table]


def behaviour_blocks(report: PdpReport) -> list[Block]:
    """The person's Success Profiles behaviour examples, each with its STAR parts (nothing when they have none)."""
    if not report.behaviour_examples:
        return []
    blocks: list[Block] = [Heading(BEHAVIOUR_EXAMPLES), Paragraph(BEHAVIOURS_NOTE, muted=True)]
    for row in report.behaviour_examples:
        title = f"{row.behaviour}: {row.title}" if row.title else row.behaviour
        blocks += [Heading(title, level=2, keep_with_mm=30)]
        for part, text in row.star:
            blocks += [Label(part), Paragraph(text)]
        blocks += [] if row.star else [Paragraph("No STAR example is written for it yet.", muted=True)]
    return blocks


def line_manager_blocks(part: LineManagerPart) -> list[Block]:
    """What the plan asks of the line manager: their name, cost and time, support needed, review meetings."""
    pairs = (("Line manager", part.manager or NOT_GIVEN), ("Cost to approve", part.cost or NOT_GIVEN),
             ("Time needed to approve", part.time_needed or NOT_GIVEN))
    blocks: list[Block] = [Heading(LINE_MANAGER), Paragraph(LINE_MANAGER_NOTE, muted=True),
                           Pairs(pairs, DETAIL_WIDTHS), Label(SUPPORT), Paragraph(part.support_needed or NO_SUPPORT),
                           Label(MEETINGS)]
    blocks += [Bullets(part.review_meetings)] if part.review_meetings else [Paragraph(NO_MEETINGS)]
    return blocks


def agreement_blocks(part: LineManagerPart, person: str) -> list[Block]:
    """The manager's comments, then the sign-off recorded on a server or, when there is none, lines to sign."""
    # Comments and signatures are filled in at the meeting: they get a page together.
    comments_mm = COMMENT_BOX_MM if not part.manager_comments else 20
    blocks: list[Block] = [PageBreak(room_mm=12 + comments_mm + pdf.SIGNATURES_MM + 30), Heading(COMMENTS)]
    if part.manager_comments:
        blocks += [Paragraph(part.manager_comments)]
    else:
        blocks += [Paragraph(COMMENTS_PROMPT, muted=True), CommentBox(COMMENT_BOX_MM)]
    signed = part.signed
    if signed is None:
        values = ((person, "", ""), (part.manager, "", ""))
        return blocks + [Heading(SIGN_OFF, keep_with_mm=pdf.SIGNATURES_MM + 12), Paragraph(SIGN_OFF_TEXT),
                         SignOff(SIGNATORIES, values=values)]
    blocks += [Heading(SIGN_OFF), Paragraph(signed.sentence)]
    blocks += [Label(SIGNED_COMMENT), Paragraph(signed.comment)] if signed.comment else []
    if signed.objectives:
        blocks += [Label(SIGNED_OBJECTIVES), Bullets(signed.objectives)]
    blocks += [Paragraph(CHANGED_SINCE, muted=True)] if signed.changed_since else []
    return blocks


def details(report: PdpReport) -> list[tuple[str, str]]:
    """The person and the plan's dates as label-value pairs, in reading order."""
    return [
        ("Name", report.person),
        ("Current grade", report.current_grade),
        ("Current role", report.current_role),
        ("Target grade", report.target_grade),
        ("Target role", report.target_role),
        ("Target levels", report.target_levels),
        ("Assessment date", wording.long_date(report.assessment_date) or NO_ASSESSMENT),
        ("Prepared on", wording.long_date(report.prepared_on)),
    ]


def subtitle(report: PdpReport) -> str:
    """The line under the title: the profession and the day the document was prepared."""
    return (
        "Knowledge and Information Management (KIM) profession. Prepared with KIM Pathways on "
        f"{wording.long_date(report.prepared_on)}."
    )


def chart_description(report: PdpReport) -> str:
    """The skill chart in words: its alternative text."""
    by_skill: dict[str, dict[str, Any]] = {}
    for row in report.skill_chart_rows:
        by_skill.setdefault(row["skill"], {})[row["measure"]] = row["level"]
    parts = [
        f"{skill}: attained level {levels.get('Attained', 0)}, target level {levels.get('Target', 0)}"
        for skill, levels in by_skill.items()
    ]
    return "Bar chart of attained and target level in each skill. " + "; ".join(parts) + "."


def skill_chart_png(report: PdpReport) -> bytes:
    """The skill profile chart as a PNG, drawn without a browser.

    Args:
        report: the PDP; its skill_chart_rows are drawn.

    Returns:
        PNG bytes at twice the nominal size, sharp enough to print.
    """
    return _chart_png(json.dumps(report.skill_chart_rows, sort_keys=True), report.top_level)


def forget_drawn_charts() -> None:
    """Forget the charts drawn so far, so the next export draws its chart afresh (for timing)."""
    _chart_png.cache_clear()


@functools.lru_cache(maxsize=16)
def _chart_png(rows_json: str, top_level: int) -> bytes:
    # Cached by the rows drawn: the same chart is asked for by each format of one download.
    import vl_convert

    from planner.documents import charts

    spec = charts.skill_profile(json.loads(rows_json), top_level=top_level).to_dict()
    spec["width"] = CHART_WIDTH
    spec.setdefault("config", {})["axisY"] = {"labelExpr": _WRAP_LABEL, "labelLimit": 260, "labelFontSize": 13}
    return bytes(vl_convert.vegalite_to_png(spec, scale=2))
