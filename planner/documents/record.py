"""The record of a development conversation as a Document (PDF, Word, Markdown), and its next meeting."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from planner.documents import calendar, markdown, pdf, word
from planner.documents.model import Block, Document, Heading, Label, Pairs, Paragraph, SignOff, Table, cells, columns
from planner.domain import meetings, mentoring, tables, wording
from planner.domain.assessment import Ratings
from planner.domain.models import RATING_LABELS, Conversation, Framework, Meeting
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

KEYWORDS = "development conversation, mentoring, knowledge and information management"
PRODID = "-//KIM Pathways//Mentoring//EN"
REMIND_BEFORE = timedelta(days=1)

# Column widths in millimetres (174 mm between the margins of a printed page).
DETAIL_WIDTHS = (40, 134)
ACTION_WIDTHS = (88, 30, 30, 26)
COMPARISON_WIDTHS = (17, 69, 24, 24, 22, 18)
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
        next_meeting=meetings.next_meeting_words(conversation),
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


def action_cells(row: ActionRow) -> list[str]:
    """One action as the cells under ACTION_HEADINGS."""
    return [row.objective, row.indicators, row.owner, row.due]


def record_document(r: RecordReport) -> Document:
    """The record as a Document: details, agenda and notes, actions, the comparison, comments, sign-off."""
    blocks: list[Block] = [Heading(DETAILS), Pairs(tuple(details(r)), DETAIL_WIDTHS), Heading(AGENDA)]
    if not r.agenda:
        blocks += [Paragraph(NO_AGENDA)]
    for number, (title, detail, notes) in enumerate(r.agenda, start=1):
        blocks += [Heading(f"{number}. {title}", level=2)]
        blocks += [Paragraph(detail, muted=True)] if detail.strip() else []
        blocks += [Label(NOTES), Paragraph(notes) if notes.strip() else Paragraph(NO_NOTES, muted=True)]
    blocks += [Heading(ACTIONS)]
    blocks += ([Table(ACTION_HEADINGS, tuple(cells(action_cells(a)) for a in r.actions), ACTION_WIDTHS)]
               if r.actions else [Paragraph(NO_ACTIONS)])
    blocks += [Heading(COMPARISON)] + _comparison(r) + _mentor_comments(r)
    blocks += [
        Heading(SIGN_OFF, keep_with_mm=pdf.SIGNATURES_MM + 12),
        Paragraph(SIGN_OFF_TEXT),
        SignOff(SIGNATORIES),
    ]
    return Document(
        title=r.title, heading=HEADING, lead=f"{r.mentee} and {r.mentor}", subtitle=subtitle(r),
        author=r.mentor, subject=HEADING, keywords=KEYWORDS, blocks=tuple(blocks),
    )


def _comparison(r: RecordReport) -> list[Block]:
    if not r.comparison:
        return [Paragraph(NO_COMPARISON)]
    blocks: list[Block] = [Paragraph(DIFFERENCE_NOTE)]
    blocks += [Paragraph(flagged_sentence(r))] if r.flagged else []
    by_skill = columns(r.skill_comparison, SKILL_HEADINGS)
    by_indicator = columns(r.comparison, COMPARISON_HEADINGS)
    return blocks + [
        Heading(BY_SKILL, level=2),
        replace(by_skill, widths_mm=SKILL_WIDTHS, centred=frozenset(range(1, len(SKILL_HEADINGS)))),
        Heading(BY_INDICATOR, level=2),
        replace(by_indicator, widths_mm=COMPARISON_WIDTHS, centred=frozenset({0, 2, 3, 4, 5})),
    ]


def _mentor_comments(r: RecordReport) -> list[Block]:
    # Each comment as a paragraph, not a table cell: a long comment is printed in full.
    if not has_mentor_comments(r):
        return []
    blocks: list[Block] = [Heading(MENTOR_COMMENTS, level=2)]
    if r.mentor_comment:
        blocks += [Label(OVERALL_COMMENT), Paragraph(r.mentor_comment)]
    for code, comment in r.mentor_comments:
        statement = r.statements.get(code, "")
        blocks += [Label(f"{code} (mentor: {r.mentor_scores.get(code, '')}): {statement}"), Paragraph(comment)]
    return blocks


def record_markdown(r: RecordReport) -> bytes:
    """The record as a Markdown document (GitHub-flavoured, UTF-8, ending with a newline)."""
    return markdown.render_markdown(record_document(r))


def record_pdf(r: RecordReport) -> bytes:
    """The record as an A4 PDF to print and sign, with title, author (the mentor), language and bookmarks.

    Raises:
        ExportError: the document could not be drawn (the message says what to try).
    """
    return pdf.render_pdf(record_document(r))


def record_docx(r: RecordReport) -> bytes:
    """The record as an editable Word document: A4, British English, real headings and tables.

    Raises:
        ExportError: the document could not be made (the message says what to try).
    """
    return word.render_docx(record_document(r))


def meeting_ics(mentee: str, mentor: str, next_meeting: Meeting | None, conversation_id: str,
                now: datetime) -> bytes:
    """The next development conversation as one calendar event, with a reminder the day before.

    A meeting with a time is an event at that time in UK time, with its place, link and repeat; one
    agreed by its day alone is an all-day event that marks the day without blocking it.

    Args:
        mentee: the mentee's name.
        mentor: the mentor's name.
        next_meeting: the meeting agreed for the next conversation (meetings.next_meeting_of).
        conversation_id: the id of the conversation at which it was agreed; the event's UID is
            "<conversation_id>-next@kim-pathways", so importing it again updates the event.
        now: the time of the export (DTSTAMP); a naive time is taken as UTC.

    Raises:
        PlannerError: no date was agreed for the next meeting.
    """
    if next_meeting is None:
        raise PlannerError("No date is set for the next meeting. Add one to the record, then download it.")
    summary = f"{HEADING}: {mentee} and {mentor}"
    cal = calendar.new_calendar(PRODID, summary)
    about = f"The next development conversation between {mentee} (mentee) and {mentor} (mentor)"
    agreed = (f"{about}: {meetings.in_words(next_meeting)}." if next_meeting != Meeting(on=next_meeting.on)
              else f"{about}. Agree a time and place.")  # only its day was agreed
    cal.add_component(calendar.meeting_event(f"{conversation_id}-next", next_meeting, summary,
                                             f"{agreed} From KIM Pathways.", HEADING, REMIND_BEFORE, now))
    return calendar.file_bytes(cal)


# --- Helpers ---------------------------------------------------------------------------------


def _score(score: int | None) -> str:
    return NOT_RATED if score is None else f"{score} {RATING_LABELS[score]}"

