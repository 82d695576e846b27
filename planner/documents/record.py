"""The record of a development conversation as PDF, Word and Markdown, and its next meeting as iCalendar."""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from planner.documents import calendar, layout, markdown, pdf, word
from planner.domain import mentoring, tables, wording
from planner.domain.assessment import Ratings
from planner.domain.models import RATING_LABELS, Conversation, Framework
from planner.errors import PlannerError

HEADING = "Development conversation"

DETAILS = "Details"
AGENDA = "Agenda and notes"
ACTIONS = "Agreed actions"
COMPARISON = "Self and mentor ratings compared"
BY_SKILL = "By skill"
BY_INDICATOR = "By indicator"
MENTOR_COMMENTS = "The mentor's comments"
SIGN_OFF = "Agreement"

ACTION_HEADINGS = ("Objective", "Indicators", "Owner", "Due")
COMPARISON_HEADINGS = ("Code", "Statement", "Self", "Mentor", "Difference", "Flag")
SKILL_HEADINGS = ("Skill", "Both rated", "Self average", "Mentor average", "Flagged")
MENTOR_COMMENT_HEADINGS = ("Code", "Statement", "Mentor", "Comment")

FLAG = "Discuss"
NOT_RATED = "Not rated"
NOT_COMPARED = "Not compared"
OVERALL_COMMENT = "Overall"
NOTES = "Notes"
NO_NOTES = "No notes were recorded."
NO_AGENDA = "No agenda points were recorded."
NO_ACTIONS = "No actions were agreed."
NO_COMPARISON = "Neither the mentee nor the mentor has rated any indicator yet."
NO_NEXT_MEETING = "Not arranged"
DIFFERENCE_NOTE = (
    "Difference is the mentor's rating minus the mentee's own. "
    f"A difference of {mentoring.FLAG_AT} points or more is marked “{FLAG}”. "
    "Averages are over the indicators both rated (Both rated), to one decimal place."
)
SIGN_OFF_TEXT = "We agree that this is a fair record of our conversation and of the actions we agreed."
SIGNATORIES = ("Mentor", "Mentee")

PRODID = "-//KIM Pathways//Mentoring//EN"
REMIND_BEFORE = timedelta(days=1)

# PDF column widths in millimetres (174 mm between the margins).
ACTION_WIDTHS = (88, 30, 30, 26)
COMPARISON_WIDTHS = (12, 74, 24, 24, 22, 18)
SKILL_WIDTHS = (78, 22, 26, 28, 20)


@dataclass(frozen=True)
class ActionRow:
    """One agreed action as words, ready for a table."""

    objective: str
    indicators: str
    owner: str
    due: str


@dataclass(frozen=True)
class RecordReport:
    """Everything the record of a conversation shows; every format renders this."""

    title: str
    mentee: str
    mentor: str
    held_on: date
    participants: list[str]
    agenda: list[tuple[str, str, str]]
    """(title, detail, notes) of each agenda point, in the order discussed."""
    actions: list[ActionRow]
    next_meeting: str
    comparison: list[dict[str, Any]]
    skill_comparison: list[dict[str, Any]]
    prepared_on: date
    flagged: list[str] = field(default_factory=list)
    """Codes of the indicators marked for discussion, in framework order."""
    mentor_comments: list[tuple[str, str]] = field(default_factory=list)
    """(code, comment) for each indicator the mentor commented on, in framework order."""
    mentor_comment: str = ""
    """The mentor's overall comment on their ratings."""
    statements: dict[str, str] = field(default_factory=dict)
    mentor_scores: dict[str, str] = field(default_factory=dict)

    @property
    def person(self) -> str:
        """Whose development the record is about (the mentee), as the shared PDF document reads it."""
        return self.mentee


def build_record(
    fw: Framework,
    conversation: Conversation,
    mentee_name: str,
    mentor_name: str,
    self_ratings: Ratings,
    mentor_ratings: Ratings,
    today: date,
    mentor_comment: str = "",
) -> RecordReport:
    """Gather the record of one development conversation: who, what was said, what was agreed.

    Args:
        fw: the framework.
        conversation: the conversation as saved.
        mentee_name: the mentee's name.
        mentor_name: the mentor's name.
        self_ratings: the mentee's latest self-assessment (may be empty).
        mentor_ratings: the mentor's ratings of the mentee (may be empty).
        today: the date the document is prepared.
        mentor_comment: the mentor's overall comment on their ratings (may be empty).
    """
    differences = mentoring.compare(fw, self_ratings, mentor_ratings)
    return RecordReport(
        title=f"{HEADING}: {mentee_name} and {mentor_name}",
        mentee=mentee_name,
        mentor=mentor_name,
        held_on=conversation.held_on,
        participants=list(conversation.participants) or [mentee_name, mentor_name],
        agenda=[(p.title, p.detail, p.notes) for p in conversation.agenda],
        actions=[
            ActionRow(a.objective, ", ".join(a.indicators), a.owner, wording.long_date(a.due))
            for a in conversation.actions
        ],
        next_meeting=wording.long_date(conversation.next_meeting),
        comparison=[
            {
                "Code": d.code,
                "Statement": fw.indicator(d.code).statement,
                "Self": _score(d.self_score),
                "Mentor": _score(d.mentor_score),
                "Difference": "" if d.gap is None else f"{d.gap:+d}" if d.gap else "0",
                "Flag": FLAG if d.flagged else "",
            }
            for d in differences
        ],
        skill_comparison=[
            {
                "Skill": tables.skill_label(fw, s.skill),
                "Both rated": s.both_rated,
                "Self average": wording.average(s.self_average, NOT_COMPARED),
                "Mentor average": wording.average(s.mentor_average, NOT_COMPARED),
                "Flagged": s.flagged,
            }
            for s in mentoring.by_skill(fw, differences)
        ],
        prepared_on=today,
        flagged=[d.code for d in differences if d.flagged],
        mentor_comments=[(d.code, mentor_ratings[d.code].comment.strip()) for d in differences
                         if d.code in mentor_ratings and mentor_ratings[d.code].comment.strip()],
        mentor_comment=mentor_comment.strip(),
        statements={d.code: fw.indicator(d.code).statement for d in differences},
        mentor_scores={d.code: _score(d.mentor_score) for d in differences},
    )


def details(r: RecordReport) -> list[tuple[str, str]]:
    """Who met and when, as label-value pairs in reading order."""
    return [
        ("Mentee", r.mentee),
        ("Mentor", r.mentor),
        ("Date of conversation", wording.long_date(r.held_on)),
        ("Participants", ", ".join(r.participants)),
        ("Next meeting", r.next_meeting or NO_NEXT_MEETING),
        ("Prepared on", wording.long_date(r.prepared_on)),
    ]


def subtitle(r: RecordReport) -> str:
    """The line under the title: the profession and the day the document was prepared."""
    return (
        "Record of a mentoring conversation in the Knowledge and Information Management (KIM) "
        f"profession. Prepared with KIM Pathways on {wording.long_date(r.prepared_on)}."
    )


def flagged_sentence(r: RecordReport) -> str:
    """The indicators to discuss, in a sentence; "" when none is flagged."""
    if not r.flagged:
        return ""
    count = len(r.flagged)
    return (f"{count} indicator{'s are' if count != 1 else ' is'} rated {mentoring.FLAG_AT} or more points "
            f"apart: {', '.join(r.flagged)}.")


def has_mentor_comments(r: RecordReport) -> bool:
    """Whether the mentor left any comment, overall or on an indicator."""
    return bool(r.mentor_comments or r.mentor_comment)


def mentor_comment_cells(r: RecordReport) -> list[list[str]]:
    """The mentor's comments as rows under MENTOR_COMMENT_HEADINGS."""
    return [[code, r.statements.get(code, ""), r.mentor_scores.get(code, ""), comment]
            for code, comment in r.mentor_comments]


def action_cells(row: ActionRow) -> list[str]:
    """One action as the cells under ACTION_HEADINGS."""
    return [row.objective, row.indicators, row.owner, row.due]


# --- Markdown --------------------------------------------------------------------------------


def record_markdown(r: RecordReport) -> bytes:
    """The record as a Markdown document (GitHub-flavoured, UTF-8, ending with a newline)."""
    md = markdown
    lines = [f"# {md._inline(r.title)}", "", md._inline(subtitle(r)), ""]
    lines += md._table(["Detail", "Value"], [list(pair) for pair in details(r)])

    lines += md._heading(AGENDA)
    if not r.agenda:
        lines += [NO_AGENDA, ""]
    for number, (title, detail, notes) in enumerate(r.agenda, start=1):
        lines += md._heading(f"{number}. {title}", level=3)
        if detail.strip():
            lines += [f"_{md._inline(detail)}_", ""]
        lines += [f"**{NOTES}**", ""]
        lines += [md._block(notes) if notes.strip() else f"_{NO_NOTES}_", ""]

    lines += md._heading(ACTIONS)
    rows = [action_cells(a) for a in r.actions]
    lines += md._table(list(ACTION_HEADINGS), rows) if rows else [NO_ACTIONS, ""]

    lines += md._heading(COMPARISON)
    if r.comparison:
        lines += [md._inline(DIFFERENCE_NOTE), ""]
        if r.flagged:
            lines += [md._inline(flagged_sentence(r)), ""]
        lines += md._heading(BY_SKILL, level=3)
        lines += md._table(*layout.columns(r.skill_comparison))
        lines += md._heading(BY_INDICATOR, level=3)
        lines += md._table(*layout.columns(r.comparison))
    else:
        lines += [NO_COMPARISON, ""]
    if has_mentor_comments(r):
        lines += md._heading(MENTOR_COMMENTS, level=3)
        if r.mentor_comment:
            lines += [f"**{OVERALL_COMMENT}**", "", md._block(r.mentor_comment), ""]
        if r.mentor_comments:
            lines += md._table(list(MENTOR_COMMENT_HEADINGS), mentor_comment_cells(r))

    lines += md._heading(SIGN_OFF)
    lines += [SIGN_OFF_TEXT, ""]
    for signatory in SIGNATORIES:
        lines += [f"**{signatory}**", ""]
        lines += [f"- {name}: ______________________________" for name in layout.SIGNATURE_FIELDS]
        lines += [""]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


# --- PDF -------------------------------------------------------------------------------------


def record_pdf(r: RecordReport) -> bytes:
    """The record as an A4 PDF to print and sign, with title, author (the mentor), language and bookmarks.

    Raises:
        PlannerError: the document could not be drawn (the message says what to try).
    """
    try:
        return _draw(r)
    except (ValueError, RuntimeError) as exc:
        raise PlannerError(
            "The PDF could not be made. Download the Word or Markdown version instead, and "
            f"tell the team that looks after KIM Pathways ({exc})."
        ) from exc


def _draw(r: RecordReport) -> bytes:
    doc = _record_document_class()(r)
    doc.add_page()
    _pdf_title(doc, r)
    _pdf_details(doc, r)
    _pdf_agenda(doc, r)
    pdf._heading(doc, ACTIONS)
    if r.actions:
        pdf._table(doc, list(ACTION_HEADINGS), [action_cells(a) for a in r.actions], ACTION_WIDTHS)
    else:
        pdf._paragraph(doc, NO_ACTIONS)
    _pdf_comparison(doc, r)
    _pdf_sign_off(doc)
    return bytes(doc.output())


@functools.cache
def _record_document_class() -> type:
    # The PDP's document (fonts, fallback font, page set-up) with the record's metadata and footer.
    base = pdf._document_class()

    class RecordDocument(base):  # type: ignore[misc, valid-type]
        def __init__(self, report: RecordReport) -> None:
            super().__init__(report)
            self.set_author(report.mentor)
            self.set_subject(HEADING)
            self.set_keywords("development conversation, mentoring, knowledge and information management")

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(pdf.FONT, size=7.5)
            self.set_text_color(*pdf.MUTED)
            self.cell(self.epw * 0.75, 5, pdf._one_line(self.report.title, 100))
            self.cell(self.epw * 0.25, 5, f"Page {self.page_no()} of {{nb}}", align="R")
            self.set_text_color(*pdf.INK)
            self.set_font(pdf.FONT, size=pdf.BODY_SIZE)

    return RecordDocument


def _pdf_title(doc: Any, r: RecordReport) -> None:
    doc.start_section(HEADING, level=0)
    doc.set_font(pdf.FONT, "B", 20)
    doc.set_text_color(*pdf.ACCENT)
    doc.multi_cell(0, 9, HEADING, new_x="LMARGIN", new_y="NEXT", align="L")
    doc.set_font(pdf.FONT, "", 12)
    doc.set_text_color(*pdf.INK)
    doc.multi_cell(0, 6.5, pdf._fit(f"{r.mentee} and {r.mentor}", 250), new_x="LMARGIN", new_y="NEXT",
                   align="L")
    doc.set_font(pdf.FONT, "", 8.5)
    doc.set_text_color(*pdf.MUTED)
    doc.multi_cell(0, 4.5, subtitle(r), new_x="LMARGIN", new_y="NEXT", align="L")
    doc.set_text_color(*pdf.INK)
    doc.ln(2)
    pdf._rule(doc)
    doc.ln(4)


def _pdf_details(doc: Any, r: RecordReport) -> None:
    from fpdf.fonts import FontFace

    doc.start_section(DETAILS, level=1)
    doc.set_font(pdf.FONT, size=9)
    label = FontFace(emphasis="BOLD", fill_color=pdf.HEADING_FILL)
    with doc.table(col_widths=(40, 134), first_row_as_headings=False, text_align="LEFT",
                   line_height=4.6, padding=(1.1, 2), borders_layout="HORIZONTAL_LINES",
                   v_align="TOP") as table:
        for name, value in details(r):
            row = table.row()
            row.cell(name, style=label)
            row.cell(pdf._fit(value, 1000))
    doc.set_font(pdf.FONT, size=pdf.BODY_SIZE)
    doc.ln(3)


def _pdf_agenda(doc: Any, r: RecordReport) -> None:
    pdf._heading(doc, AGENDA)
    if not r.agenda:
        pdf._paragraph(doc, NO_AGENDA)
        return
    for number, (title, detail, notes) in enumerate(r.agenda, start=1):
        pdf._subheading(doc, f"{number}. {title}")
        if detail.strip():
            doc.set_font(pdf.FONT, size=9)
            doc.set_text_color(*pdf.MUTED)
            doc.multi_cell(0, 4.6, detail, new_x="LMARGIN", new_y="NEXT", align="L")
            doc.set_text_color(*pdf.INK)
            doc.ln(1)
        doc.set_font(pdf.FONT, "B", 9)
        doc.multi_cell(0, 5, NOTES, new_x="LMARGIN", new_y="NEXT", align="L")
        if notes.strip():
            pdf._paragraph(doc, notes)
        else:
            doc.set_text_color(*pdf.MUTED)
            pdf._paragraph(doc, NO_NOTES)
            doc.set_text_color(*pdf.INK)
        doc.ln(1)


def _pdf_comparison(doc: Any, r: RecordReport) -> None:
    pdf._heading(doc, COMPARISON)
    if not r.comparison:
        pdf._paragraph(doc, NO_COMPARISON)
        return
    pdf._paragraph(doc, DIFFERENCE_NOTE)
    if r.flagged:
        pdf._paragraph(doc, flagged_sentence(r))
    pdf._heading(doc, BY_SKILL, level=1)
    headings, rows = layout.columns(r.skill_comparison)
    pdf._table(doc, headings, rows, SKILL_WIDTHS, centre_from=1)
    pdf._heading(doc, BY_INDICATOR, level=1)
    headings, rows = layout.columns(r.comparison)
    pdf._table(doc, headings, rows, COMPARISON_WIDTHS, centre_columns={0, 2, 3, 4, 5})
    _pdf_mentor_comments(doc, r)


def _pdf_mentor_comments(doc: Any, r: RecordReport) -> None:
    if not has_mentor_comments(r):
        return
    pdf._heading(doc, MENTOR_COMMENTS, level=1)
    if r.mentor_comment:
        doc.set_font(pdf.FONT, "B", 9)
        doc.multi_cell(0, 5, OVERALL_COMMENT, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf._paragraph(doc, r.mentor_comment)
    # Each comment as a paragraph, not a table cell: a long comment is printed in full.
    for code, statement, score, comment in mentor_comment_cells(r):
        pdf._subheading(doc, pdf._one_line(f"{code} (mentor: {score}): {statement}", 160))
        pdf._paragraph(doc, comment)


def _pdf_sign_off(doc: Any) -> None:
    signatures = 42
    pdf._heading(doc, SIGN_OFF, keep_with=signatures + 12)
    pdf._paragraph(doc, SIGN_OFF_TEXT)
    gutter = 10
    column = (doc.epw - gutter) / 2
    top = doc.get_y() + 1
    doc.set_draw_color(*pdf.MUTED)
    for index, signatory in enumerate(SIGNATORIES):
        x = doc.l_margin + index * (column + gutter)
        doc.set_xy(x, top)
        doc.set_font(pdf.FONT, "B", 9.5)
        doc.cell(column, 6, signatory)
        for line, name in enumerate(layout.SIGNATURE_FIELDS):
            y = top + 15 + line * 11
            doc.set_xy(x, y - 4.5)
            doc.set_font(pdf.FONT, size=9)
            doc.cell(22, 5, name)
            doc.line(x + 22, y, x + column, y)
    doc.set_draw_color(*pdf.RULE)
    doc.set_y(top + signatures)


# --- Word ------------------------------------------------------------------------------------


def record_docx(r: RecordReport) -> bytes:
    """The record as an editable Word document: A4, British English, real headings and tables.

    Raises:
        PlannerError: the document could not be made (the message says what to try).
    """
    try:
        return _write(r)
    except (ValueError, RuntimeError) as exc:
        raise PlannerError(
            "The Word document could not be made. Download the PDF or Markdown version instead, "
            f"and tell the team that looks after KIM Pathways ({exc})."
        ) from exc


def _write(r: RecordReport) -> bytes:
    import docx
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    word._set_language(document)
    word._set_fonts(document)
    props = document.core_properties
    props.title = r.title
    props.author = r.mentor
    props.subject = HEADING
    props.language = word.LANGUAGE
    props.keywords = "development conversation, mentoring, knowledge and information management"
    props.comments = "Prepared with KIM Pathways"
    props.last_modified_by = r.mentor
    footer = section.footer.paragraphs[0]
    footer.text = r.title
    word._muted(footer, size=8)

    document.add_heading(HEADING, level=0)
    word._muted(document.add_paragraph(f"{r.mentee} and {r.mentor}"), size=13, colour=None)
    word._muted(document.add_paragraph(subtitle(r)), size=9)
    _docx_pairs(document, details(r))

    document.add_heading(AGENDA, level=1)
    if not r.agenda:
        document.add_paragraph(NO_AGENDA)
    for number, (title, detail, notes) in enumerate(r.agenda, start=1):
        document.add_heading(f"{number}. {title}", level=2)
        if detail.strip():
            word._muted(document.add_paragraph(detail), size=10)
        document.add_paragraph().add_run(NOTES).bold = True
        document.add_paragraph(notes if notes.strip() else NO_NOTES)

    document.add_heading(ACTIONS, level=1)
    if r.actions:
        word._table(document, list(ACTION_HEADINGS), [action_cells(a) for a in r.actions],
                    widths_cm=(8.6, 3.0, 3.0, 2.4))
    else:
        document.add_paragraph(NO_ACTIONS)

    document.add_heading(COMPARISON, level=1)
    if r.comparison:
        document.add_paragraph(DIFFERENCE_NOTE)
        if r.flagged:
            document.add_paragraph(flagged_sentence(r))
        document.add_heading(BY_SKILL, level=2)
        word._table(document, *layout.columns(r.skill_comparison), widths_cm=(7.4, 2.2, 2.6, 2.8, 2.0),
                    centre_from=1)
        document.add_heading(BY_INDICATOR, level=2)
        word._table(document, *layout.columns(r.comparison), widths_cm=(1.3, 7.7, 2.3, 2.3, 1.9, 1.5))
    else:
        document.add_paragraph(NO_COMPARISON)
    if has_mentor_comments(r):
        document.add_heading(MENTOR_COMMENTS, level=2)
        if r.mentor_comment:
            document.add_paragraph().add_run(OVERALL_COMMENT).bold = True
            document.add_paragraph(r.mentor_comment)
        if r.mentor_comments:
            word._table(document, list(MENTOR_COMMENT_HEADINGS), mentor_comment_cells(r),
                        widths_cm=(1.3, 6.2, 2.4, 7.1))

    _docx_sign_off(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_pairs(document: Any, pairs: Sequence[tuple[str, str]]) -> None:
    table = document.add_table(rows=len(pairs), cols=2)
    table.style = "Table Grid"
    for row, (name, value) in zip(table.rows, pairs):
        row.cells[0].text, row.cells[1].text = name, value
        row.cells[0].paragraphs[0].runs[0].bold = True
        word._shade(row.cells[0])
    word._widths(table, (4.2, 12.8))
    word._small(table, 10)
    document.add_paragraph()


def _docx_sign_off(document: Any) -> None:
    from docx.shared import Cm

    document.add_heading(SIGN_OFF, level=1)
    document.add_paragraph(SIGN_OFF_TEXT)
    table = document.add_table(rows=1 + len(layout.SIGNATURE_FIELDS), cols=1 + len(SIGNATORIES))
    table.style = "Table Grid"
    header = table.rows[0].cells
    for cell, signatory in zip(header[1:], SIGNATORIES):
        cell.text = signatory
        cell.paragraphs[0].runs[0].bold = True
        word._shade(cell)
    word._shade(header[0])
    for row, name in zip(table.rows[1:], layout.SIGNATURE_FIELDS):
        row.height = Cm(1.2)
        row.cells[0].text = name
        row.cells[0].paragraphs[0].runs[0].bold = True
    word._widths(table, (3.0, 7.0, 7.0))


# --- Calendar --------------------------------------------------------------------------------


def meeting_ics(mentee: str, mentor: str, next_meeting: date | None, conversation_id: str,
                now: datetime) -> bytes:
    """The next development conversation as one all-day calendar event, with a reminder the day before.

    Args:
        mentee: the mentee's name.
        mentor: the mentor's name.
        next_meeting: the date agreed for the next conversation.
        conversation_id: the id of the conversation at which it was agreed; the event's UID is
            "<conversation_id>-next@kim-pathways", so importing it again updates the event.
        now: the time of the export (DTSTAMP); a naive time is taken as UTC.

    Raises:
        PlannerError: no date was agreed for the next meeting.
    """
    if next_meeting is None:
        raise PlannerError("No date is set for the next meeting. Add one to the record, then download it.")
    from icalendar import Alarm, Calendar, Event

    stamp = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    summary = f"{HEADING}: {mentee} and {mentor}"
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", summary)
    event = Event()
    event.add("uid", f"{conversation_id}-next@{calendar.UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", next_meeting)
    event.add("dtend", next_meeting + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", f"The next development conversation between {mentee} (mentee) and {mentor} "
                             "(mentor). Agree a time and place. From KIM Pathways.")
    event.add("transp", "TRANSPARENT")  # the day is marked, not blocked: the time is agreed separately
    event.add("categories", [HEADING])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -REMIND_BEFORE)
    event.add_component(alarm)
    cal.add_component(event)
    return cal.to_ical()


# --- Helpers ---------------------------------------------------------------------------------


def _score(score: int | None) -> str:
    return NOT_RATED if score is None else f"{score} {RATING_LABELS[score]}"

