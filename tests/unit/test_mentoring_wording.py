"""Mentoring's agenda and messages write dates one way: '1 December 2026', with the time where it matters."""

from datetime import UTC, date, datetime

import pytest

from planner.domain import mentoring
from planner.domain.models import Assessment, ItemStatus, PlanItem, Profile, Rating
from planner.errors import PlannerError
from planner.io import bundle
from planner.services import mentoring as mentoring_service


def test_the_agenda_writes_dates_without_a_leading_zero(fw):
    person = "p1"
    overdue = PlanItem(profile_id=person, objective="Write the retention schedule", status=ItemStatus.PLANNED,
                       target_date=date(2026, 3, 5))
    first = Assessment(profile_id=person, taken_on=date(2026, 2, 3), ratings={"1.1.1": Rating(score=1)})
    second = Assessment(profile_id=person, taken_on=date(2026, 6, 1), ratings={"1.1.1": Rating(score=3)})
    points = mentoring.agenda(fw, second.ratings, {}, {1: 1, 2: 1, 3: 1}, [overdue], [first, second],
                              date(2026, 7, 1))
    words = " ".join(f"{p.title} {p.detail}" for p in points)
    assert "Target date 5 March 2026" in words
    assert "What changed since 3 February 2026" in words
    assert " 05 " not in words and " 03 " not in words


def test_an_older_share_file_is_refused_naming_the_time_the_kept_one_was_exported():
    ceri = Profile(name="Ceri Jones", current_grade="EO")
    newer = bundle.export_bundle(ceri, [], [], datetime(2026, 11, 30, 14, 5, tzinfo=UTC))
    older = bundle.export_bundle(ceri, [], [], datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    kept = mentoring_service.mentee_from_share(newer, "mentor-1", [], datetime(2026, 12, 1, tzinfo=UTC))
    with pytest.raises(PlannerError, match="exported 30 November 2026 at 2:05pm"):
        mentoring_service.mentee_from_share(older, "mentor-1", [kept], datetime(2026, 12, 1, tzinfo=UTC))
