"""Every download button's file, built as the page builds it and read back as a person would open it."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from planner.documents.downloads import PlanDownloads, RecordDownloads, TeamDownloads
from planner.domain import team, team_learning, wording
from planner.domain.curriculum import Activity, Curriculum, Development
from planner.domain.models import AgendaPoint, AgreedAction, Conversation, Draft, ItemStatus, Rating
from planner.errors import PlannerError
from planner.io import bundle
from tests import readback
from tests.conftest import guide_levels
from tests.unit import export_fixtures as fx

NOW = datetime(2026, 11, 20, 14, 5, tzinfo=UTC)
OPEN = (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)


_word_text = readback.word_text
_table_with = readback.word_table_with


def _events(data: bytes):
    return Calendar.from_ical(data).walk("VEVENT")


_pdf_text = readback.pdf_text


# --- The personal development plan -----------------------------------------------------------


@pytest.fixture(scope="module")
def pdp(fw, grades) -> PlanDownloads:
    person = fx.person("Gwen Evans")
    return PlanDownloads(
        fw=fw, profile=person, grade_label=fx.grade_label(grades), snapshot=fx.snapshot(fw, person.id),
        target={skill.number: 3 for skill in fw.skills}, target_grade="SEO",
        items=fx.plan_items(person.id, 6), today=fx.TODAY,
    )


def test_the_plan_files_are_named_after_the_person_and_the_day(pdp):
    assert pdp.file_name("docx") == "pdp-gwen-evans-2025-06-02.docx"
    assert pdp.file_name("ics") == "pdp-gwen-evans-2025-06-02.ics"


def test_the_plan_as_word_names_the_person_and_lists_every_objective_with_its_indicators(pdp):
    document = readback.word(pdp.word())
    text = _word_text(document)
    assert "Gwen Evans" in text
    assert "Higher Executive Officer" in text
    rows = _table_with(document, "Objective")
    heading, body = rows[0], rows[1:]
    objectives = [row[heading.index("Objective")] for row in body]
    assert sorted(objectives) == sorted(item.objective for item in pdp.items)
    by_objective = {row[heading.index("Objective")]: row for row in body}
    for item in pdp.items:
        row_text = " ".join(by_objective[item.objective])
        for code in item.indicators:
            assert code in row_text
        assert wording.long_date(item.target_date) in row_text


def test_the_plan_as_markdown_has_the_person_objectives_codes_and_dates(pdp):
    text = pdp.markdown().decode("utf-8")
    assert text.startswith("# Personal development plan: Gwen Evans")
    for item in pdp.items:
        assert item.objective.replace("|", "\\|") in text
        assert all(code in text for code in item.indicators)
        assert wording.long_date(item.target_date) in text


def test_the_plan_as_csv_has_a_header_then_one_safe_row_per_item(pdp):
    rows = list(csv.reader(io.StringIO(pdp.csv().decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[0] == "Objective"
    assert len(body) == len(pdp.items)
    objective_at, indicators_at = header.index("Objective"), header.index("Indicators")
    cells = {row[objective_at]: row for row in body}
    risky = next(item for item in pdp.items if item.objective.startswith("="))
    # A cell that would start a formula is quoted, so a spreadsheet shows it as text.
    assert "'" + risky.objective in cells
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in body for cell in row)
    safe = next(item for item in pdp.items if not item.objective.startswith("="))
    assert cells[safe.objective][indicators_at] == ", ".join(safe.indicators)


def test_the_plan_as_a_calendar_has_the_target_and_review_date_of_each_open_item(pdp):
    events = _events(pdp.calendar(NOW))
    expected = {
        (f"{item.id}-{kind}@kim-pathways", day)
        for item in pdp.items if item.status in OPEN
        for kind, day in (("target", item.target_date), ("review", item.review_date))
    }
    assert {(str(e["UID"]), e["DTSTART"].dt) for e in events} == expected
    for event in events:
        assert event["DTSTAMP"].dt == NOW
        assert type(event["DTSTART"].dt) is date
        assert event["DTEND"].dt == event["DTSTART"].dt + timedelta(days=1)
        assert len(event.walk("VALARM")) == 1
        assert str(event.walk("VALARM")[0]["ACTION"]) == "DISPLAY"
    assert any("Gwen Evans" in str(e["DESCRIPTION"]) for e in events)


def test_the_plan_as_pdf_names_the_person_and_the_objectives(pdp):
    text = _pdf_text(pdp.pdf())
    assert "Gwen Evans" in text
    assert "Lead a lessons-learned review at the end of the project" in text


def test_the_plan_file_for_another_computer_reads_back_with_the_assessments_draft_and_items(pdp, fw):
    draft = Draft(profile_id=pdp.profile.id, ratings={"1.1.1": Rating(score=4)}, updated_at=NOW)
    read = bundle.read_bundle(pdp.bundle([pdp.snapshot], draft, NOW))
    assert read.profile.name == "Gwen Evans"
    assert [a.id for a in read.assessments] == [pdp.snapshot.id]
    assert sorted(i.objective for i in read.plan_items) == sorted(i.objective for i in pdp.items)
    assert read.draft.ratings["1.1.1"].score == 4
    assert json.loads(pdp.bundle([], None, NOW))["exported_at"].startswith("2026-11-20T14:05")


# --- The record of a development conversation ------------------------------------------------


@pytest.fixture(scope="module")
def record(fw) -> RecordDownloads:
    self_ratings = fx.snapshot(fw, "mentee").ratings
    mentor_ratings = dict(self_ratings) | {"1.1.1": Rating(score=1)}
    conversation = Conversation(
        id="conv7", profile_id="mentor", mentee_id="mentee", held_on=date(2026, 11, 18),
        participants=["Rhys Morgan", "Grace Hopper"],
        agenda=[AgendaPoint(title="1.1.1: we rate this differently", kind="difference",
                            notes="Rhys will bring two examples.")],
        actions=[AgreedAction(objective="Shadow the records officer for a month", indicators=["2.1.3"],
                              owner="Rhys Morgan", due=date(2026, 12, 18))],
        next_meeting=date(2027, 1, 12),
    )
    return RecordDownloads(fw=fw, conversation=conversation, mentee_name="Rhys Morgan",
                           mentor_name="Grace Hopper", self_ratings=self_ratings,
                           mentor_ratings=mentor_ratings, today=date(2026, 11, 20))


def test_the_record_files_are_named_after_the_day_of_the_conversation(record):
    assert record.file_name("md") == "conversation-2026-11-18.md"


def test_the_record_as_word_has_both_names_the_notes_and_the_agreed_action(record):
    document = readback.word(record.word())
    text = _word_text(document)
    assert "Rhys Morgan" in text and "Grace Hopper" in text
    assert "Rhys will bring two examples." in text
    assert wording.long_date(date(2027, 1, 12)) in text
    actions = _table_with(document, "Objective")
    assert any("Shadow the records officer for a month" in row and "2.1.3" in row for row in actions[1:])


def test_the_record_as_markdown_has_both_names_the_action_and_the_flagged_difference(record):
    text = record.markdown().decode("utf-8")
    assert "Rhys Morgan" in text and "Grace Hopper" in text
    assert "Shadow the records officer for a month" in text
    assert "2.1.3" in text
    assert "1.1.1" in text
    assert wording.long_date(date(2026, 11, 18)) in text


def test_the_record_as_pdf_has_both_names(record):
    text = _pdf_text(record.pdf())
    assert "Rhys Morgan" in text and "Grace Hopper" in text


def test_the_next_meeting_is_one_all_day_event_with_a_reminder(record):
    events = _events(record.calendar(NOW))
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]) == "conv7-next@kim-pathways"
    assert event["DTSTART"].dt == date(2027, 1, 12)
    assert event["DTSTAMP"].dt == NOW
    assert "Rhys Morgan" in str(event["SUMMARY"]) and "Grace Hopper" in str(event["SUMMARY"])
    assert len(event.walk("VALARM")) == 1


def test_a_record_without_a_next_meeting_gives_a_plain_english_error_not_a_file(record):
    undated = RecordDownloads(**{**record.__dict__, "conversation": record.conversation.model_copy(
        update={"next_meeting": None})})
    with pytest.raises(PlannerError, match="No date is set for the next meeting"):
        undated.calendar(NOW)


# --- A team's capability ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def team_downloads(fw, grades) -> TeamDownloads:
    base = {i.code: 3 for i in fw.indicators if i.level <= 2}
    members = [
        team.Member(profile_id="ann", name="Ann Jones", grade="HEO", role="Records manager", target_grade=None,
                    scores=base | {"1.1.1": 4}, source="local"),
        team.Member(profile_id="bev", name="Bev Singh", grade="HEO", role="Knowledge manager", target_grade=None,
                    scores=base | {"1.1.1": 1}, source="local"),
    ]
    summary = team.summarise(fw, members, guide_levels(grades))
    activity = Activity(id="basics", title="Records basics workshop", provider="KIM network", format="workshop",
                        category="others", level=1, hours=6, cost=120,
                        develops=[Development(indicator="1.1.1", points=2)])
    plan = team_learning.recommend_for_team(summary, Curriculum(note="Test", activities=[activity]), team_learning.TeamConstraints())
    return TeamDownloads(summary=summary, plan=plan, hide_names=False, today=date(2026, 12, 1))


def test_the_team_files_are_named_after_the_day(team_downloads):
    assert team_downloads.file_name("csv") == "team-capability-2026-12-01.csv"


def test_the_team_csv_has_a_row_per_person_with_their_rating_of_each_indicator(team_downloads, fw):
    rows = list(csv.reader(io.StringIO(team_downloads.csv().decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert sorted(row[header.index("Name")] for row in body) == ["Ann Jones", "Bev Singh"]
    assert all(code in header for code in fw.codes)
    by_name = {row[header.index("Name")]: row for row in body}
    assert by_name["Ann Jones"][header.index("1.1.1")] == "4"
    assert by_name["Bev Singh"][header.index("1.1.1")] == "1"


def test_the_team_pdf_names_the_people_the_shared_gap_and_the_activity(team_downloads):
    text = _pdf_text(team_downloads.pdf())
    assert "Ann Jones" in text and "Bev Singh" in text
    assert "1.1.1" in text
    assert "Records basics workshop" in text


def test_the_team_files_with_names_hidden_name_no_one(team_downloads):
    hidden = TeamDownloads(**{**team_downloads.__dict__, "hide_names": True})
    for text in (hidden.csv().decode("utf-8-sig"), _pdf_text(hidden.pdf())):
        assert "Ann Jones" not in text and "Bev Singh" not in text
        assert "Person 1" in text
