"""My plan's "For your line manager": details kept as typed, review meetings, and the PDP files that carry them
with the evidence of the person's self-assessment."""

from datetime import date, time, timedelta

import pytest

from planner.domain.models import Assessment, Evidence, Meeting, PdpDetails, Rating
from tests.app.conftest import button, docx_text, open_page, pdf_text, texts

STAR = Evidence(situation="The team's shared drive had no file plan.", task="Give every folder an owner.",
                action="Ran two workshops and wrote the file plan.", result="Every folder now has an owner.")
SUPPORT = "Two days to shadow the departmental records officer."


@pytest.fixture
def assessed_person(repo, rated_person):
    """The rated person with a newer self-assessment that has STAR evidence for 2.1.3."""
    [latest] = sorted(repo.list(Assessment, rated_person.id), key=lambda a: a.taken_on)[-1:]
    ratings = dict(latest.ratings) | {"2.1.3": Rating(score=3, evidence=STAR)}
    repo.add(Assessment(profile_id=rated_person.id, taken_on=date(2026, 11, 20), ratings=ratings))
    return rated_person


def _fill_in(at):
    at.text_input(key="pdp_line_manager").input("Sam Lee").run()
    at.text_area(key="pdp_support_needed").input(SUPPORT).run()
    at.text_input(key="pdp_cost").input("£450 course fee").run()
    at.text_input(key="pdp_time_needed").input("3 days of study leave").run()
    at.text_area(key="pdp_manager_comments").input("A sound plan.").run()


def test_the_details_typed_are_kept_as_each_box_is_left_and_in_a_fresh_session(data_dir, repo, assessed_person):
    at = open_page("pages/plan.py", profile_id=assessed_person.id)
    assert "For your line manager" in texts(at)
    _fill_in(at)

    saved = repo.get(PdpDetails, assessed_person.id, "current")
    assert (saved.line_manager, saved.support_needed, saved.cost, saved.time_needed, saved.manager_comments) == (
        "Sam Lee", SUPPORT, "£450 course fee", "3 days of study leave", "A sound plan.")
    at.run()
    assert at.text_area(key="pdp_support_needed").value == SUPPORT
    again = open_page("pages/plan.py", profile_id=assessed_person.id)  # a reload: a new browser session
    assert again.text_input(key="pdp_line_manager").value == "Sam Lee"
    assert again.text_area(key="pdp_support_needed").value == SUPPORT
    assert again.text_input(key="pdp_time_needed").value == "3 days of study leave"
    assert not again.error, [e.value for e in again.error]


def test_a_review_meeting_is_added_and_kept_and_a_badly_written_time_changes_nothing(data_dir, repo, assessed_person):
    at = open_page("pages/plan.py", profile_id=assessed_person.id)
    assert "No review meetings are arranged yet." in texts(at)
    button(at, "Add a review meeting").click().run()
    # Added at once, four weeks ahead and all day, for the person to change (its boxes drawn afresh: round 1).
    assert repo.get(PdpDetails, assessed_person.id, "current").review_meetings == [
        Meeting(on=date.today() + timedelta(days=28))]
    day = date.today() + timedelta(days=30)
    at.date_input(key="pdp_meeting_1_0").set_value(day).run()
    at.text_input(key="pdp_meeting_1_0_time").input("10:00").run()
    at.text_input(key="pdp_meeting_1_0_place").input("Room 4.12").run()

    expected = [Meeting(on=day, at=time(10, 0), place="Room 4.12")]
    assert repo.get(PdpDetails, assessed_person.id, "current").review_meetings == expected
    assert not at.error, [e.value for e in at.error]

    at.text_input(key="pdp_meeting_1_0_time").input("ten-ish").run()
    assert any("'ten-ish' is not a time of day" in e.value for e in at.error), [e.value for e in at.error]
    assert "nothing saved has changed" in texts(at)
    assert repo.get(PdpDetails, assessed_person.id, "current").review_meetings == expected
    button(at, "Add a review meeting").click().run()  # refused while a meeting is not one
    assert repo.get(PdpDetails, assessed_person.id, "current").review_meetings == expected

    again = open_page("pages/plan.py", profile_id=assessed_person.id)
    assert again.date_input(key="pdp_meeting_0_0").value == day
    assert again.text_input(key="pdp_meeting_0_0_time").value == "10:00"


def test_a_review_meeting_is_removed(data_dir, repo, assessed_person):
    first, second = Meeting(on=date.today() + timedelta(days=7)), Meeting(on=date.today() + timedelta(days=90))
    repo.put(PdpDetails(profile_id=assessed_person.id, review_meetings=[first, second]))
    at = open_page("pages/plan.py", profile_id=assessed_person.id)
    at.button(key="pdp_meeting_remove_0_0").click().run()
    assert repo.get(PdpDetails, assessed_person.id, "current").review_meetings == [second]
    assert at.date_input(key="pdp_meeting_1_0").value == second.on  # drawn afresh from what is saved


def test_every_pdp_download_carries_the_evidence_the_line_managers_part_and_the_signature_lines(
    data_dir, repo, assessed_person, downloads
):
    at = open_page("pages/plan.py", profile_id=assessed_person.id)
    _fill_in(at)
    readers = {"plan_download_pdf": pdf_text, "plan_download_docx": docx_text,
               "plan_download_md": lambda data: data.decode("utf-8").replace("\\", "")}
    for key, read in readers.items():
        text = " ".join(read(downloads.of(at, key).data).split())
        for written in ("Evidence against the framework", STAR.situation, STAR.task, STAR.action, STAR.result,
                        "2.1.3", "Self rating: 3 Competent.", "For your line manager", SUPPORT, "£450 course fee",
                        "3 days of study leave", "A sound plan.", "Signed (member of staff)",
                        "Signed (line manager)", "Date", "Sam Lee"):
            assert written in text, (key, written)
    assert "self-assessment of 20 November 2026" in texts(at)


def test_a_recorded_sign_off_and_validated_ratings_are_in_the_pdp_instead_of_the_signature_lines(
    data_dir, repo, assessed_person, downloads
):
    from datetime import UTC, datetime

    from planner.domain.models import PlanSignOff, ValidatedRatings

    latest = max(repo.list(Assessment, assessed_person.id), key=lambda a: a.taken_on)
    when = datetime(2026, 12, 3, 14, 5, tzinfo=UTC)
    repo.put_many([
        PlanSignOff(profile_id=assessed_person.id, manager_id="sam", manager_name="Sam Lee",
                    comment="Agreed at our review.", signed_at=when),
        ValidatedRatings(profile_id=assessed_person.id, manager_id="sam", manager_name="Sam Lee",
                         assessment_id=latest.id, ratings={"2.1.3": 4}, validated_at=when),
    ])
    at = open_page("pages/plan.py", profile_id=assessed_person.id)
    text = " ".join(downloads.of(at, "plan_download_md").data.decode("utf-8").replace("\\", "").split())
    assert "Signed off by Sam Lee on 3 December 2026 at 2:05pm." in text
    assert "Agreed at our review." in text
    assert "Self rating: 3 Competent. Validated by your line manager: 4 Expert." in text
    assert "Signed (member of staff)" not in text


def test_the_professional_bodies_portfolio_carries_the_same_evidence(data_dir, repo, assessed_person, downloads):
    at = open_page("pages/external.py", profile_id=assessed_person.id)
    assert not at.exception and not at.error, [e.value for e in at.error]
    for key, read in {"ext_download_md": lambda data: data.decode("utf-8"), "ext_download_docx": docx_text}.items():
        text = read(downloads.of(at, key).data)
        assert "Evidence against the framework" in text, key
        assert STAR.action in text and "Self rating: 3 Competent." in text, key
