"""Saving the line manager's part of a PDP: for the acting person only, checked whole, nothing changed when refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from planner.domain import pdp_details as domain
from planner.domain.models import (
    BehaviourExample,
    DraftMeeting,
    Meeting,
    PdpDetails,
    PlanSignOff,
    Profile,
    ValidatedRatings,
)
from planner.errors import PlannerError
from planner.services import pdp_details
from planner.services.acting import Actor, NotAllowed
from planner.store.memory import MemoryRepository

NOW = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
ADA = Actor("ada", "Ada Lovelace")
GRACE = Actor("grace", "Grace Hopper")


@pytest.fixture
def repo() -> MemoryRepository:
    store = MemoryRepository()
    for actor in (ADA, GRACE):
        store.save_profile(Profile(id=actor.profile_id, name=actor.name, current_grade="HEO"))
    return store


def test_the_text_typed_is_saved_for_the_person_and_the_rest_is_kept(repo):
    pdp_details.save_review_meetings(repo, ADA, "ada", [(date(2027, 1, 12), DraftMeeting(at="10:00"))], NOW)
    pdp_details.save_details(repo, ADA, "ada", {"line_manager": " Sam Lee ", "cost": "£450 course fee"}, NOW)
    pdp_details.save_details(repo, ADA, "ada", {"support_needed": "Time to shadow the records officer."}, NOW)

    saved = repo.get(PdpDetails, "ada", "current")
    assert (saved.line_manager, saved.cost, saved.support_needed) == (
        "Sam Lee", "£450 course fee", "Time to shadow the records officer.")
    assert saved.review_meetings == [Meeting(on=date(2027, 1, 12), at=time(10, 0))]
    assert pdp_details.details_of(repo, ADA, "ada") == saved


def test_nobody_else_reads_or_changes_a_persons_details(repo):
    pdp_details.save_details(repo, ADA, "ada", {"line_manager": "Sam Lee"}, NOW)
    with pytest.raises(NotAllowed):
        pdp_details.save_details(repo, GRACE, "ada", {"line_manager": "Someone else"}, NOW)
    with pytest.raises(NotAllowed):
        pdp_details.save_review_meetings(repo, GRACE, "ada", [(date(2027, 1, 12), DraftMeeting())], NOW)
    with pytest.raises(NotAllowed):
        pdp_details.details_of(repo, GRACE, "ada")
    with pytest.raises(NotAllowed):
        pdp_details.records_for_pdp(repo, GRACE, "ada")
    assert repo.get(PdpDetails, "ada", "current").line_manager == "Sam Lee"
    assert repo.get(PdpDetails, "grace", "current") is None


def test_text_too_long_is_refused_in_plain_words_and_nothing_changes(repo):
    pdp_details.save_details(repo, ADA, "ada", {"cost": "£450"}, NOW)
    with pytest.raises(PlannerError, match=r"The cost is too long: use 200 characters or fewer\. Nothing was saved\."):
        pdp_details.save_details(repo, ADA, "ada", {"cost": "£" * 201}, NOW)
    assert repo.get(PdpDetails, "ada", "current").cost == "£450"


def test_a_review_meeting_time_badly_written_is_refused_by_its_number_and_nothing_changes(repo):
    first = [(date(2027, 1, 12), DraftMeeting(at="2:30pm", place="Room 4.12", repeat="monthly"))]
    pdp_details.save_review_meetings(repo, ADA, "ada", first, NOW)
    before = repo.get(PdpDetails, "ada", "current")

    typed = [*first, (date(2027, 2, 9), DraftMeeting(at="ten-ish"))]
    with pytest.raises(PlannerError) as refused:
        pdp_details.save_review_meetings(repo, ADA, "ada", typed, NOW)
    message = str(refused.value)
    assert message.startswith("Review meeting 2: The meeting's time 'ten-ish' is not a time of day")
    assert message.endswith("Nothing was saved.")
    assert repo.get(PdpDetails, "ada", "current") == before


def test_a_meeting_typed_without_a_day_is_refused_and_one_with_nothing_typed_is_left_out():
    with pytest.raises(PlannerError, match="Review meeting 1: it has a time, length, place, link or repeat but no date"):
        domain.review_meetings([(None, DraftMeeting(place="Room 4.12"))])
    assert domain.review_meetings([(None, DraftMeeting()), (date(2027, 3, 1), DraftMeeting())]) == [
        Meeting(on=date(2027, 3, 1))]


def test_meetings_are_kept_in_the_order_typed_with_a_link_kept_as_a_link(repo):
    typed = [(date(2027, 3, 1), DraftMeeting(place="https://teams.example.gov.uk/meet/1")),
             (date(2027, 1, 12), DraftMeeting(at="14.30", minutes=30))]
    saved = pdp_details.save_review_meetings(repo, ADA, "ada", typed, NOW)
    assert saved.review_meetings == [Meeting(on=date(2027, 3, 1), link="https://teams.example.gov.uk/meet/1"),
                                     Meeting(on=date(2027, 1, 12), at=time(14, 30), minutes=30)]


def test_the_pdp_reads_the_persons_details_sign_offs_validations_and_behaviour_examples(repo):
    pdp_details.save_details(repo, ADA, "ada", {"line_manager": "Sam Lee"}, NOW)
    signed = PlanSignOff(profile_id="ada", manager_id="sam", manager_name="Sam Lee", signed_at=NOW)
    validated = ValidatedRatings(profile_id="ada", manager_id="sam", manager_name="Sam Lee", assessment_id="a1",
                                 validated_at=NOW)
    example = BehaviourExample(profile_id="ada", behaviour="leadership")
    repo.put_many([signed, validated, example])

    records = pdp_details.records_for_pdp(repo, ADA, "ada")
    assert records.details.line_manager == "Sam Lee"
    assert (records.sign_offs, records.validations, records.behaviour_examples) == ([signed], [validated], [example])
