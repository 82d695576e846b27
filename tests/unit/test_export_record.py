"""The record of a development conversation: PDF, Word, Markdown and the next meeting as iCalendar."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from planner.documents import record
from planner.domain.models import AgendaPoint, AgreedAction, Conversation, Meeting, Rating
from planner.errors import PlannerError
from tests import readback
from tests.unit.export_fixtures import snapshot

ROOT = Path(__file__).resolve().parents[2]
MENTEE = "Siân Llŷr ap Gwilym"
MENTOR = "José Müller-Ødegård"
HELD_ON = date(2025, 6, 2)
NEXT = date(2025, 7, 14)
NOW = datetime(2025, 6, 3, 10, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def self_ratings(fw):
    return snapshot(fw, "mentee").ratings


@pytest.fixture(scope="module")
def mentor_ratings(self_ratings):
    ratings = dict(self_ratings)
    ratings["1.1.1"] = Rating(score=1)  # self 3: two apart, flagged
    ratings["2.3.1"] = Rating(score=1)  # self 3: two apart, flagged
    ratings["3.1.2"] = Rating(score=4)  # self 3: one apart, not flagged
    return ratings


@pytest.fixture(scope="module")
def conversation():
    return Conversation(
        id="conv42", profile_id="mentor", mentee_id="mentee", held_on=HELD_ON,
        participants=[MENTEE, MENTOR],
        agenda=[
            AgendaPoint(title="1.1.1: rated differently (self 3, mentor 1)", kind="difference",
                        detail="Has a basic awareness of KIM principles.",
                        notes="Agreed to gather examples | one from the records review.\nThen compare."),
            AgendaPoint(title="Overdue: write the retention schedule", kind="overdue"),
        ],
        actions=[
            AgreedAction(objective="Shadow the departmental records officer | for a month",
                         indicators=["2.1.3", "3.3.1"], owner=MENTEE, due=date(2025, 7, 2)),
            AgreedAction(objective="Write down three examples of using KIM tools", indicators=["1.1.1"]),
        ],
        next_meeting=NEXT,
    )


@pytest.fixture(scope="module")
def report(fw, conversation, self_ratings, mentor_ratings):
    return record.build_record(fw, conversation, MENTEE, MENTOR, self_ratings, mentor_ratings, date(2025, 6, 3))


@pytest.fixture(scope="module")
def bare(fw):
    empty = Conversation(profile_id="mentor", mentee_id="mentee", held_on=HELD_ON)
    return record.build_record(fw, empty, MENTEE, MENTOR, {}, {}, date(2025, 6, 3))


@pytest.fixture(scope="module")
def pdf_reader(report) -> PdfReader:
    return readback.pdf(record.record_pdf(report))


@pytest.fixture(scope="module")
def pdf_text(pdf_reader) -> str:
    return _text(pdf_reader)


@pytest.fixture(scope="module")
def word_document(report):
    return readback.word(record.record_docx(report))


@pytest.fixture(scope="module")
def markdown_text(report) -> str:
    return record.record_markdown(report).decode("utf-8")


_text = readback.pdf_text
_outline = readback.pdf_bookmarks
_word_text = readback.word_text


# --- The content -----------------------------------------------------------------------------


def test_the_report_gathers_names_dates_and_words(report):
    assert report.title == f"Development conversation: {MENTEE} and {MENTOR}"
    assert report.held_on == HELD_ON
    assert report.participants == [MENTEE, MENTOR]
    assert report.next_meeting == "14 July 2025"
    assert report.actions[0] == record.ActionRow("Shadow the departmental records officer | for a month",
                                                 "2.1.3, 3.3.1", MENTEE, "2 July 2025")
    assert report.actions[1].due == "" and report.actions[1].owner == ""
    assert report.agenda[0][2].startswith("Agreed to gather examples")
    assert report.agenda[1] == ("Overdue: write the retention schedule", "", "")


def test_the_comparison_flags_differences_of_two_or_more(report):
    rows = {row["Code"]: row for row in report.comparison}
    assert list(rows["1.1.1"]) == list(record.COMPARISON_HEADINGS)
    assert rows["1.1.1"]["Self"] == "3 Competent"
    assert rows["1.1.1"]["Mentor"] == "1 Aware"
    assert rows["1.1.1"]["Difference"] == "-2"
    assert rows["1.1.1"]["Flag"] == "Discuss"
    assert rows["3.1.2"]["Difference"] == "+1" and rows["3.1.2"]["Flag"] == ""
    assert report.flagged == ["1.1.1", "2.3.1"]
    assert [row["Flagged"] for row in report.skill_comparison] == [1, 0, 1]
    assert report.skill_comparison[0]["Skill"].startswith("1. ")


def test_an_indicator_only_one_side_rated_says_not_rated(fw, conversation):
    r = record.build_record(fw, conversation, MENTEE, MENTOR, {"1.1.1": Rating(score=2)}, {}, HELD_ON)
    assert r.comparison == [{"Code": "1.1.1", "Statement": fw.indicator("1.1.1").statement,
                             "Self": "2 Developing", "Mentor": "Not rated", "Difference": "", "Flag": ""}]
    assert r.skill_comparison[0]["Mentor average"] == "Not compared"
    assert r.skill_comparison[0]["Self average"] == "Not compared" and r.skill_comparison[0]["Both rated"] == 0


# --- PDF -------------------------------------------------------------------------------------


def test_the_pdf_reads_back_with_names_actions_notes_and_flags(pdf_text):
    for text in (MENTEE, MENTOR, "Shadow the departmental records officer | for a month",
                 "Write down three examples of using KIM tools", "Agreed to gather examples",
                 "No notes were recorded.", "Discuss", "1.1.1", "2.3.1", "2 June 2025", "14 July 2025",
                 "Self and mentor ratings compared", "Mentor average"):
        assert text in pdf_text
    assert "We agree that this is a fair record" in pdf_text
    assert pdf_text.count("Signature") == 2


def test_the_pdf_has_title_author_language_and_bookmarks(pdf_reader, report):
    reader = pdf_reader
    assert reader.metadata.title == report.title
    assert reader.metadata.author == MENTOR
    assert readback.pdf_language(reader) == "en-GB"
    assert round(float(reader.pages[0].mediabox.width)) == 595
    titles = _outline(reader)
    for heading in ("Development conversation", "Agenda and notes", "Agreed actions",
                    "Self and mentor ratings compared", "By skill", "By indicator", "Agreement"):
        assert heading in titles


def test_a_drawing_failure_becomes_a_plain_english_error(report, monkeypatch):
    from fpdf import FPDF

    def broken(*args, **kwargs):
        raise ValueError("row too high")

    monkeypatch.setattr(FPDF, "table", broken)
    with pytest.raises(PlannerError, match="The PDF could not be made"):
        record.record_pdf(report)


# --- Word ------------------------------------------------------------------------------------


def test_the_word_document_has_real_headings(word_document):
    headings = {p.text: p.style.name for p in word_document.paragraphs
                if p.style.name.startswith(("Heading", "Title"))}
    assert headings["Development conversation"] == "Title"
    for name in ("Agenda and notes", "Agreed actions", "Self and mentor ratings compared", "Agreement"):
        assert headings[name] == "Heading 1"
    assert headings["1. 1.1.1: rated differently (self 3, mentor 1)"] == "Heading 2"
    assert headings["By indicator"] == "Heading 2"


def test_the_word_tables_hold_the_actions_and_comparison(word_document, report):
    by_first = {t.rows[0].cells[0].text: t for t in word_document.tables}
    actions = by_first["Objective"]
    assert [c.text for c in actions.rows[0].cells] == list(record.ACTION_HEADINGS)
    assert actions.rows[1].cells[0].text == report.actions[0].objective
    comparison = by_first["Code"]
    assert [c.text for c in comparison.rows[0].cells] == list(record.COMPARISON_HEADINGS)
    assert len(comparison.rows) == 1 + len(report.comparison)
    assert [c.text for c in by_first["Skill"].rows[0].cells] == list(record.SKILL_HEADINGS)
    assert by_first["Mentee"].rows[1].cells[1].text == MENTOR
    text = _word_text(word_document)
    assert "Agreed to gather examples | one from the records review." in text
    assert "Mentee" in text and "Signature" in text


def test_the_mentors_comments_are_printed_in_full_under_their_indicator(fw, conversation, self_ratings,
                                                                         mentor_ratings):
    long_comment = "I have seen good examples of this in the records review. " * 12
    ratings = dict(mentor_ratings)
    ratings["1.1.1"] = Rating(score=1, comment=long_comment)
    r = record.build_record(fw, conversation, MENTEE, MENTOR, self_ratings, ratings, HELD_ON)
    whole = " ".join(long_comment.split())
    assert whole in _text(record.record_pdf(r))
    word_text = " ".join(_word_text(readback.word(record.record_docx(r))).split())
    assert f"1.1.1 (mentor: 1 Aware): {fw.indicator('1.1.1').statement}" in word_text and whole in word_text
    markdown_text = record.record_markdown(r).decode()
    assert "**1.1.1 (mentor: 1 Aware): " in markdown_text and whole in markdown_text


def test_the_word_properties_name_the_record(word_document, report):
    props = word_document.core_properties
    assert props.title == report.title
    assert props.author == MENTOR
    assert props.language == "en-GB"


# --- Markdown --------------------------------------------------------------------------------


def test_the_markdown_has_the_tables_and_escapes_pipes(markdown_text):
    assert markdown_text.startswith(f"# Development conversation: {MENTEE} and {MENTOR}\n")
    assert "| Objective | Indicators | Owner | Due |" in markdown_text
    assert "| Code | Statement | Self | Mentor | Difference | Flag |" in markdown_text
    assert "| Skill | Both rated | Self average | Mentor average | Flagged |" in markdown_text
    assert "| Shadow the departmental records officer \\| for a month | 2.1.3, 3.3.1 |" in markdown_text
    assert "Agreed to gather examples \\| one from the records review." in markdown_text
    assert re.search(r"\| 1\.1\.1 \| .* \| 3 Competent \| 1 Aware \| -2 \| Discuss \|", markdown_text)
    for line in markdown_text.splitlines():
        if line.startswith("| Shadow"):
            assert len(re.findall(r"(?<!\\)\|", line)) == 5
    assert "\n## Agreement\n" in markdown_text
    assert markdown_text.endswith("\n")


# --- Calendar --------------------------------------------------------------------------------


def test_the_next_meeting_is_one_all_day_event_with_a_reminder_the_day_before():
    parsed = Calendar.from_ical(record.meeting_ics(MENTEE, MENTOR, Meeting(on=NEXT), "conv42", NOW))
    assert str(parsed["PRODID"]) == "-//KIM Pathways//Mentoring//EN"
    events = parsed.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]) == "conv42-next@kim-pathways"
    assert str(event["SUMMARY"]) == f"Development conversation: {MENTEE} and {MENTOR}"
    assert type(event["DTSTART"].dt) is date and event["DTSTART"].dt == NEXT
    assert event["DTEND"].dt == NEXT + timedelta(days=1)
    assert event["DTSTAMP"].dt == NOW
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0]["TRIGGER"].dt == -timedelta(days=1)
    assert str(alarms[0]["ACTION"]) == "DISPLAY"


def test_a_next_meeting_with_a_time_place_link_and_repeat_is_in_every_format_and_the_calendar(fw, conversation):
    from datetime import time

    link = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + "Zm9vYmFy" * 30 + "%40thread.v2/0"
    meeting = Meeting(on=NEXT, at=time(14, 30), minutes=45, place="Room 4.12", link=link, repeat="fortnightly",
                      repeat_until=date(2025, 9, 1))
    talk = conversation.model_copy(update={"next_meeting_details": meeting})
    r = record.build_record(fw, talk, MENTEE, MENTOR, {}, {}, HELD_ON)
    assert r.next_meeting == (f"Monday 14 July 2025, 2:30pm to 3:15pm, Room 4.12 or {link}, every 2 weeks until "
                              "1 September 2025")
    assert "2:30pm to 3:15pm" in _text(record.record_pdf(r))  # a link longer than the page is wide still prints
    assert r.next_meeting in _word_text(readback.word(record.record_docx(r)))
    assert "every 2 weeks until 1 September 2025" in record.record_markdown(r).decode("utf-8")
    event = Calendar.from_ical(record.meeting_ics(MENTEE, MENTOR, meeting, "conv42", NOW)).walk("VEVENT")[0]
    assert event["DTSTART"].dt == datetime(2025, 7, 14, 14, 30, tzinfo=ZoneInfo("Europe/London"))
    assert str(event["URL"]) == link and event["RRULE"]["INTERVAL"] == [2]
    assert "2:30pm to 3:15pm" in str(event["DESCRIPTION"]) and "Agree a time" not in str(event["DESCRIPTION"])


def test_a_naive_export_time_is_taken_as_utc():
    parsed = Calendar.from_ical(record.meeting_ics(MENTEE, MENTOR, Meeting(on=NEXT), "c", datetime(2025, 6, 3, 10, 15)))
    assert parsed.walk("VEVENT")[0]["DTSTAMP"].dt == NOW


def test_no_next_meeting_date_is_a_plain_english_error():
    with pytest.raises(PlannerError, match="No date is set for the next meeting"):
        record.meeting_ics(MENTEE, MENTOR, None, "conv42", NOW)


# --- Unicode and empty records ---------------------------------------------------------------


def test_welsh_and_accented_names_survive_every_format(fw, conversation):
    mentee, mentor = "Gwenllïan Llŷr-Ŵyn", "Zoë Þórsdóttir-Čapek"
    r = record.build_record(fw, conversation, mentee, mentor, {}, {}, HELD_ON)
    pdf_text = _text(record.record_pdf(r))
    word_text = _word_text(readback.word(record.record_docx(r)))
    md_text = record.record_markdown(r).decode("utf-8")
    ics = Calendar.from_ical(record.meeting_ics(mentee, mentor, Meeting(on=NEXT), "c", NOW))
    for name in (mentee, mentor):
        assert name in pdf_text
        assert name in word_text
        assert name in md_text
        assert name in str(ics.walk("VEVENT")[0]["SUMMARY"])


def test_a_conversation_with_no_agenda_actions_or_ratings_still_exports(bare):
    assert bare.agenda == [] and bare.actions == [] and bare.comparison == []
    assert bare.participants == [MENTEE, MENTOR]
    assert bare.next_meeting == ""
    pdf_text = _text(record.record_pdf(bare))
    word_text = _word_text(readback.word(record.record_docx(bare)))
    md_text = record.record_markdown(bare).decode("utf-8")
    for text in (record.NO_AGENDA, record.NO_ACTIONS, record.NO_COMPARISON, "Not arranged"):
        assert text in pdf_text
        assert text in word_text
        assert text in md_text


def test_text_no_font_has_does_not_break_the_pdf(report):
    odd = dataclasses.replace(report, mentee="Zoë 🦩 漢字 Ŵyn", agenda=[("Emoji 😀", "", "Notes 🦩 שלום")])
    assert "Ŵyn" in _text(record.record_pdf(odd))


def test_importing_the_record_module_loads_no_export_library():
    code = (
        "import sys, json\n"
        "from planner.documents import record\n"
        "heavy = ('fpdf', 'docx', 'icalendar', 'vl_convert', 'openpyxl', 'altair', 'streamlit')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []
