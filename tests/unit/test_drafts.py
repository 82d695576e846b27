"""The draft of a self-assessment and the dated snapshots made from it."""

from datetime import UTC, date, datetime

import pytest

from planner.domain import drafts
from planner.domain.models import Assessment, Draft, Evidence, Profile, Rating
from planner.errors import PlannerError
from tests.conftest import guide_levels

NOW = datetime(2026, 11, 24, 10, tzinfo=UTC)
TODAY = date(2026, 11, 24)


def test_the_default_scope_is_the_target_grades_level(grades):
    levels = guide_levels(grades)
    assert drafts.default_scope(Profile(name="a", current_grade="EO", target_grade="G7"), levels) == 3
    assert drafts.default_scope(Profile(name="a", current_grade="HEO"), levels) == 2
    assert drafts.default_scope(Profile(name="a", current_grade="G6", target_grade="EO"), levels) == 4


def test_a_new_draft_starts_from_the_latest_self_assessment(fw):
    profile = Profile(name="a", current_grade="EO")
    old = Assessment(profile_id=profile.id, taken_on=date(2026, 1, 1), ratings={"1.1.1": Rating(score=1)})
    new = Assessment(profile_id=profile.id, taken_on=date(2026, 6, 1), ratings={"1.1.1": Rating(score=3)})
    mentor = Assessment(profile_id=profile.id, assessor="mentor", taken_on=date(2026, 7, 1),
                        ratings={"1.1.1": Rating(score=0)})
    draft = drafts.start_draft(fw, profile, [old, mentor, new], 2, NOW)
    assert draft.ratings["1.1.1"].score == 3


def test_rating_keeps_evidence_and_unrating_removes_the_rating():
    draft = Draft(profile_id="p", ratings={"1.1.1": Rating(score=2, evidence=Evidence(action="Did it"))})
    rated = drafts.with_rating(draft, "1.1.1", 3, NOW)
    assert rated.ratings["1.1.1"].score == 3 and rated.ratings["1.1.1"].evidence.action == "Did it"
    assert "1.1.1" not in drafts.with_rating(rated, "1.1.1", None, NOW).ratings
    assert draft.ratings["1.1.1"].score == 2  # the original is unchanged


def test_evidence_for_an_unrated_indicator_is_refused():
    with pytest.raises(PlannerError, match="Rate indicator 2.2.2 before"):
        drafts.with_evidence(Draft(profile_id="p"), "2.2.2", Evidence(result="x"), NOW)


def test_a_snapshot_copies_the_ratings_with_its_date(fw):
    draft = Draft(profile_id="p", scope_level=1, ratings={"1.1.1": Rating(score=3), "4.1.1": Rating(score=1)})
    snap = drafts.snapshot(fw, draft, date(2026, 11, 1), TODAY, NOW, "  after my review ")
    assert snap.taken_on == date(2026, 11, 1)
    assert set(snap.ratings) == {"1.1.1", "4.1.1"}
    assert snap.comment == "after my review"
    assert snap.assessor == "self"


@pytest.mark.parametrize(("day", "message"), [(date(2026, 11, 25), "future"), (date(1999, 12, 31), "2000")])
def test_a_snapshot_date_in_the_future_or_too_far_back_is_refused(fw, day, message):
    draft = Draft(profile_id="p", ratings={"1.1.1": Rating(score=3)})
    with pytest.raises(PlannerError, match=message):
        drafts.snapshot(fw, draft, day, TODAY, NOW)


def test_scope_outside_1_to_4_is_refused():
    with pytest.raises(PlannerError):
        drafts.with_scope(Draft(profile_id="p"), 5, NOW, 4)


def test_the_draft_takes_every_rating_the_screen_shows_in_one_change():
    draft = Draft(profile_id="p", ratings={"1.1.1": Rating(score=2, evidence=Evidence(action="Did it")),
                                           "1.1.2": Rating(score=4)})
    shown = {"1.1.1": 3, "1.1.2": 4, "1.1.3": 0, "1.1.4": None}
    updated = drafts.with_shown_ratings(draft, shown, NOW)
    assert {c: r.score for c, r in updated.ratings.items()} == {"1.1.1": 3, "1.1.2": 4, "1.1.3": 0}
    assert updated.ratings["1.1.1"].evidence.action == "Did it"
    assert updated.updated_at == NOW


def test_the_draft_is_left_as_it_is_when_the_screen_agrees_with_it():
    draft = Draft(profile_id="p", ratings={"1.1.1": Rating(score=2)})
    assert drafts.with_shown_ratings(draft, {"1.1.1": 2, "1.1.2": None}, NOW) is draft


def test_the_assessment_a_same_day_save_would_replace_is_the_latest_self_assessment_of_that_day():
    def saved(day, hour, assessor="self"):
        return Assessment(profile_id="p", taken_on=day, assessor=assessor,
                          created_at=datetime(2026, 11, 24, hour, tzinfo=UTC))

    morning, noon, mentor = saved(TODAY, 9), saved(TODAY, 12), saved(TODAY, 15, "mentor")
    assert drafts.saved_on([morning, noon, mentor, saved(date(2026, 11, 1), 10)], TODAY) is noon
    assert drafts.saved_on([mentor], TODAY) is None

    new = Assessment(profile_id="p", taken_on=TODAY, ratings={"1.1.1": Rating(score=4)})
    replaced = drafts.replacing(new, noon)
    assert (replaced.id, replaced.ratings) == (noon.id, new.ratings)
    with pytest.raises(PlannerError, match="same day"):
        drafts.replacing(new, saved(date(2026, 11, 1), 10))


def test_typed_evidence_is_kept_apart_until_it_is_saved_with_its_rating():
    draft = Draft(profile_id="p", ratings={"1.1.1": Rating(score=3, evidence=Evidence(action="Saved"))})
    typed = drafts.with_typed_evidence(draft, {"1.1.1": Evidence(action="Saved, then more"),
                                               "1.1.2": Evidence(task="Not rated yet")}, NOW)
    assert drafts.evidence_shown(typed, "1.1.1").action == "Saved, then more"
    assert drafts.evidence_shown(typed, "1.1.2").task == "Not rated yet"
    assert typed.ratings["1.1.1"].evidence.action == "Saved"  # not saved with the rating yet

    saved = drafts.with_evidence(typed, "1.1.1", Evidence(action="Saved, then more"), NOW)
    assert saved.ratings["1.1.1"].evidence.action == "Saved, then more"
    assert set(saved.typed_evidence) == {"1.1.2"}
    assert drafts.with_typed_evidence(saved, {"1.1.1": Evidence(action="Saved, then more")}, NOW) is saved


def test_typing_back_the_saved_evidence_stops_keeping_it_apart():
    draft = Draft(profile_id="p", ratings={"1.1.1": Rating(score=3, evidence=Evidence(action="Saved"))},
                  typed_evidence={"1.1.1": Evidence(action="Draft words")})
    back = drafts.with_typed_evidence(draft, {"1.1.1": Evidence(action="Saved")}, NOW)
    assert back.typed_evidence == {}
