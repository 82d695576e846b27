"""Line management by consent on a department's server: asking, answering, the manager's review and ending,
the records of sign-offs and validated ratings, and forgetting a person on either side."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from planner.domain import manager_review
from planner.domain.models import (
    AccessRecord,
    Assessment,
    DeletionNote,
    ItemStatus,
    LineManagement,
    PlanItem,
    PlanSignOff,
    Profile,
    Rating,
    ValidatedRatings,
)
from planner.errors import PlannerError
from planner.services import audit, line_management, privacy
from planner.services.acting import Actor, NotAllowed, profile_id_for

NOW = datetime(2026, 12, 2, 14, 5, tzinfo=UTC)
ISSUER = "https://login.example.gov.uk"


def person(repo, login: str, name: str | None = None) -> Actor:
    """A signed-in person with a saved profile, as the server makes them."""
    actor = Actor.on_server(profile_id_for(ISSUER, login), name or login.capitalize(), f"{login}@example.gov.uk",
                            admin=False)
    repo.save_profile(Profile(id=actor.profile_id, name=actor.name, email=actor.email, current_grade="HEO",
                              target_grade="SEO"))
    return actor


@pytest.fixture
def ada_and_sam(repo, make_plan_item):
    """Ada (two self-assessments and two plan items, one dropped) and Sam Lee, her line manager to be."""
    ada, sam = person(repo, "ada"), person(repo, "sam", "Sam Lee")
    repo.add(Assessment(profile_id=ada.profile_id, taken_on=date(2026, 1, 5), ratings={"1.1.1": Rating(score=1)}))
    repo.add(Assessment(profile_id=ada.profile_id, taken_on=date(2026, 6, 5),
                        ratings={"1.1.1": Rating(score=3), "1.1.2": Rating(score=2), "2.1.3": Rating(score=4)}))
    repo.add(make_plan_item(ada.profile_id, objective="Run a records-review workshop", position=0))
    repo.add(make_plan_item(ada.profile_id, objective="Abandoned idea", position=1, status=ItemStatus.DROPPED))
    return ada, sam


def managed(repo, report: Actor, manager: Actor) -> LineManagement:
    asked = line_management.ask_manager(repo, report, manager.email, NOW)
    return line_management.accept(repo, manager, asked.id, NOW)


def latest_of(repo, actor: Actor) -> Assessment:
    return max(repo.list(Assessment, actor.profile_id), key=lambda a: a.taken_on)


# --- Asking and answering ----------------------------------------------------------------------


def test_nothing_is_visible_to_a_manager_until_they_accept(repo, ada_and_sam):
    ada, sam = ada_and_sam
    asked = line_management.ask_manager(repo, ada, " SAM@example.gov.uk", NOW)

    assert line_management.reports(repo, sam) == []
    with pytest.raises(NotAllowed, match="no longer shares"):
        line_management.review(repo, sam, asked.id, NOW)
    assert [m.id for m in line_management.waiting_for(sam, line_management.mine(repo, sam))] == [asked.id]
    assert line_management.waiting_for(ada, line_management.mine(repo, ada)) == []  # hers waits for Sam

    line_management.accept(repo, sam, asked.id, NOW)

    [report] = line_management.reports(repo, sam)
    assert (report.person_name, report.manager_name, report.status) == ("Ada", "Sam Lee", "active")
    assert line_management.current_manager(repo, ada).manager_id == sam.profile_id


def test_a_manager_asks_and_the_person_accepts(repo, ada_and_sam):
    ada, sam = ada_and_sam
    asked = line_management.ask_report(repo, sam, ada.email, NOW)
    assert line_management.reports(repo, sam) == [] and line_management.current_manager(repo, ada) is None

    line_management.accept(repo, ada, asked.id, NOW)

    [report] = line_management.reports(repo, sam)
    assert report.person_id == ada.profile_id
    assert line_management.review(repo, sam, report.id, NOW).profile.name == "Ada"


def test_only_the_person_asked_can_accept_and_only_those_in_it_can_decline_or_end(repo, ada_and_sam):
    ada, sam = ada_and_sam
    alan = person(repo, "alan")
    asked = line_management.ask_manager(repo, ada, sam.email, NOW)

    for intruder in (alan, ada):
        with pytest.raises(NotAllowed, match="not made to you"):
            line_management.accept(repo, intruder, asked.id, NOW)
    with pytest.raises(NotAllowed):
        line_management.decline(repo, alan, asked.id, NOW)
    line_management.accept(repo, sam, asked.id, NOW)
    with pytest.raises(NotAllowed):
        line_management.end(repo, alan, asked.id, NOW)
    assert line_management.reports(repo, alan) == []
    with pytest.raises(NotAllowed):
        line_management.review(repo, alan, asked.id, NOW)


def test_declining_or_withdrawing_shares_nothing(repo, ada_and_sam):
    ada, sam = ada_and_sam
    for answering in (sam, ada):  # Sam declines; then Ada withdraws her second request
        asked = line_management.ask_manager(repo, ada, sam.email, NOW)
        line_management.decline(repo, answering, asked.id, NOW)
        with pytest.raises(PlannerError, match="answered or withdrawn"):
            line_management.accept(repo, sam, asked.id, NOW)
    assert line_management.reports(repo, sam) == []
    assert [m.status for m in repo.list_shared(LineManagement)] == ["declined", "declined"]


def test_signing_in_is_needed(repo, ada_and_sam):
    ada, sam = ada_and_sam
    on_own_computer = Actor(ada.profile_id, ada.name)
    with pytest.raises(NotAllowed, match="signed in"):
        line_management.ask_manager(repo, on_own_computer, sam.email, NOW)


def test_asking_twice_oneself_or_a_second_manager_is_refused_plainly(repo, ada_and_sam):
    ada, sam = ada_and_sam
    kim = person(repo, "kim", "Kim Park")
    line_management.ask_manager(repo, ada, sam.email, NOW)
    with pytest.raises(PlannerError, match="already asked sam@example.gov.uk"):
        line_management.ask_manager(repo, ada, sam.email, NOW)
    with pytest.raises(PlannerError, match="Withdraw that request first"):
        line_management.ask_manager(repo, ada, kim.email, NOW)
    with pytest.raises(PlannerError, match="your own email"):
        line_management.ask_manager(repo, ada, ada.email, NOW)
    with pytest.raises(PlannerError, match="not an email address"):
        line_management.ask_manager(repo, ada, "sam", NOW)
    with pytest.raises(PlannerError, match="has already asked you"):
        line_management.ask_report(repo, sam, ada.email, NOW)

    line_management.accept(repo, sam, line_management.mine(repo, sam)[0].id, NOW)

    with pytest.raises(PlannerError) as refused:
        line_management.ask_manager(repo, ada, kim.email, NOW)
    assert str(refused.value).startswith("Sam Lee (sam@example.gov.uk) is already your line manager, and you can "
                                         "have one line manager here. Stop sharing with them first")
    assert [m.manager_email for m in repo.list_shared(LineManagement)] == [sam.email]


def test_a_person_asking_a_manager_who_has_asked_them_already_is_told_to_accept_instead(repo, ada_and_sam):
    ada, sam = ada_and_sam
    line_management.ask_report(repo, sam, ada.email, NOW)

    with pytest.raises(PlannerError, match=r"Sam Lee \(sam@example.gov.uk\) has already asked to be your line manager: "
                                           r"accept their request"):
        line_management.ask_manager(repo, ada, sam.email, NOW)
    assert len(repo.list_shared(LineManagement)) == 1


def test_a_person_with_a_line_manager_cannot_accept_another_until_they_end_the_first(repo, ada_and_sam):
    ada, sam = ada_and_sam
    kim = person(repo, "kim", "Kim Park")
    first = managed(repo, ada, sam)
    second = line_management.ask_report(repo, kim, ada.email, NOW)  # Kim may ask: she is not told of Sam

    with pytest.raises(PlannerError, match="Sam Lee .* is already your line manager"):
        line_management.accept(repo, ada, second.id, NOW)
    line_management.end(repo, ada, first.id, NOW)
    line_management.accept(repo, ada, second.id, NOW)

    assert line_management.current_manager(repo, ada).manager_name == "Kim Park"
    assert line_management.reports(repo, sam) == []


def test_accepting_a_managers_request_withdraws_the_persons_own_request_waiting(repo, ada_and_sam):
    ada, sam = ada_and_sam
    kim = person(repo, "kim", "Kim Park")
    own = line_management.ask_manager(repo, ada, kim.email, NOW)
    from_sam = line_management.ask_report(repo, sam, ada.email, NOW)

    line_management.accept(repo, ada, from_sam.id, NOW)

    assert line_management.waiting_for(kim, line_management.mine(repo, kim)) == []
    with pytest.raises(PlannerError, match="answered or withdrawn"):
        line_management.accept(repo, kim, own.id, NOW)
    assert [m.manager_name for m in line_management.mine(repo, ada) if m.status == "active"] == ["Sam Lee"]


def test_ending_stops_access_at_once_from_either_side(repo, ada_and_sam):
    ada, sam = ada_and_sam
    for ender in (ada, sam):
        m = managed(repo, ada, sam)
        line_management.review(repo, sam, m.id, NOW)
        line_management.end(repo, ender, m.id, NOW)

        assert line_management.reports(repo, sam) == []
        with pytest.raises(NotAllowed, match="Ada no longer shares"):
            line_management.review(repo, sam, m.id, NOW)
        with pytest.raises(NotAllowed):
            line_management.sign_off(repo, sam, m.id, "", NOW)
        with pytest.raises(NotAllowed):
            line_management.validate(repo, sam, m.id, latest_of(repo, ada).id, {"1.1.1": 3}, "", NOW)
        with pytest.raises(PlannerError, match="already ended"):
            line_management.end(repo, ender, m.id, NOW)
        assert line_management.current_manager(repo, ada) is None


# --- The manager's review ------------------------------------------------------------------------


def test_the_manager_sees_the_latest_self_assessment_and_the_plan_and_each_look_is_recorded(repo, ada_and_sam):
    ada, sam = ada_and_sam
    m = managed(repo, ada, sam)

    for minutes in (0, 10, 40):
        seen = line_management.review(repo, sam, m.id, NOW + timedelta(minutes=minutes))

    assert seen.latest.taken_on == date(2026, 6, 5)
    assert [i.objective for i in seen.plan_items] == ["Run a records-review workshop", "Abandoned idea"]
    assert seen.sign_offs == [] and seen.validation is None
    entries = audit.about_me(repo, ada, ada.profile_id)
    assert [(e.by_name, e.as_role, e.what, e.changed, e.at) for e in entries] == [
        ("Sam Lee", "line manager", "saw your latest self-assessment and your plan", False, NOW + timedelta(minutes=40)),
        ("Sam Lee", "line manager", "saw your latest self-assessment and your plan", False, NOW)]
    assert repo.list(AccessRecord, sam.profile_id) == []  # nothing of Ada's in Sam's file


def test_signing_off_keeps_who_when_the_objectives_and_the_comment_in_the_persons_file(repo, ada_and_sam):
    ada, sam = ada_and_sam
    m = managed(repo, ada, sam)

    signed = line_management.sign_off(repo, sam, m.id, "  A good plan for the year.  ", NOW)

    [kept] = repo.list(PlanSignOff, ada.profile_id)
    assert kept == signed
    assert (kept.manager_id, kept.manager_name, kept.signed_at) == (sam.profile_id, "Sam Lee", NOW)
    assert kept.objectives == ["Run a records-review workshop"]  # the dropped item is not signed
    assert kept.comment == "A good plan for the year."
    assert repo.list(PlanSignOff, sam.profile_id) == []
    assert manager_review.sign_off_sentence(kept) == "Signed off by Sam Lee on 2 December 2026 at 2:05pm."
    [change] = [e for e in audit.about_me(repo, ada, ada.profile_id) if e.changed]
    assert (change.by_name, change.as_role, change.what, change.at) == ("Sam Lee", "line manager",
                                                                         "signed off your plan", NOW)
    assert line_management.sign_offs_of(repo, ada, ada.profile_id) == [kept]
    assert line_management.review(repo, sam, m.id, NOW).sign_offs == [kept]


def test_a_plan_with_no_objectives_cannot_be_signed_off(repo, ada_and_sam):
    ada, sam = ada_and_sam
    m = managed(repo, ada, sam)
    for item in repo.list(PlanItem, ada.profile_id):
        repo.remove(PlanItem, ada.profile_id, item.id)

    with pytest.raises(PlannerError, match="Ada's plan has no objectives yet"):
        line_management.sign_off(repo, sam, m.id, "", NOW)
    assert repo.list(PlanSignOff, ada.profile_id) == []


def test_a_plan_changed_after_sign_off_is_told_apart(repo, ada_and_sam, make_plan_item):
    ada, sam = ada_and_sam
    signed = line_management.sign_off(repo, sam, managed(repo, ada, sam).id, "", NOW)
    assert not manager_review.changed_since(signed, repo.list(PlanItem, ada.profile_id))

    repo.add(make_plan_item(ada.profile_id, objective="Shadow the FOI officer", position=2))

    assert manager_review.changed_since(signed, repo.list(PlanItem, ada.profile_id))


def test_validating_keeps_the_agreed_rating_per_indicator_with_who_and_when(repo, ada_and_sam):
    ada, sam = ada_and_sam
    m = managed(repo, ada, sam)
    latest = line_management.review(repo, sam, m.id, NOW).latest

    line_management.validate(repo, sam, m.id, latest.id, {"2.1.3": 3, "1.1.1": 3}, " Agreed in our 1:1 ", NOW)

    [kept] = repo.list(ValidatedRatings, ada.profile_id)
    assert (kept.manager_id, kept.manager_name, kept.validated_at) == (sam.profile_id, "Sam Lee", NOW)
    assert (kept.assessment_id, kept.framework_version) == (latest.id, latest.framework_version)
    assert kept.ratings == {"1.1.1": 3, "2.1.3": 3} and list(kept.ratings) == ["1.1.1", "2.1.3"]
    assert kept.comment == "Agreed in our 1:1"
    [change] = [e for e in audit.about_me(repo, ada, ada.profile_id) if e.changed]
    assert (change.as_role, change.what) == ("line manager", "validated 2 self-ratings of yours")
    mine = line_management.validation_of(repo, ada, ada.profile_id)
    assert (mine.record, mine.assessment) == (kept, latest)
    assert line_management.review(repo, sam, m.id, NOW).validation == kept
    rows = manager_review.validated_rows(mine.record, mine.assessment)
    assert [(r["Code"], r["Your rating"], r["Validated rating"], r["Validated by"]) for r in rows] == [
        ("1.1.1", "3 Competent", "3 Competent", "Sam Lee"), ("2.1.3", "4 Expert", "3 Competent", "Sam Lee")]


@pytest.mark.parametrize(("scores", "refusal"), [
    ({}, "at least one indicator"),
    ({"1.1.1": 5}, "0 to 4; 1.1.1 is not"),
    ({"3.3.1": 2}, "did not rate 3.3.1"),
])
def test_a_validation_that_does_not_fit_the_assessment_is_refused_and_nothing_is_kept(repo, ada_and_sam, scores,
                                                                                     refusal):
    ada, sam = ada_and_sam
    m = managed(repo, ada, sam)

    with pytest.raises(PlannerError, match=refusal):
        line_management.validate(repo, sam, m.id, latest_of(repo, ada).id, scores, "", NOW)
    assert repo.list(ValidatedRatings, ada.profile_id) == []
    assert not [e for e in audit.about_me(repo, ada, ada.profile_id) if e.changed]


def test_only_a_self_assessment_of_the_report_can_be_validated(repo, ada_and_sam):
    ada, sam = ada_and_sam
    m = managed(repo, ada, sam)
    sams_own = Assessment(profile_id=sam.profile_id, taken_on=date(2026, 6, 5), ratings={"1.1.1": Rating(score=3)})
    repo.add(sams_own)

    with pytest.raises(PlannerError, match="no longer there"):
        line_management.validate(repo, sam, m.id, sams_own.id, {"1.1.1": 3}, "", NOW)


def test_the_person_alone_reads_their_sign_offs_and_validated_ratings(repo, ada_and_sam):
    ada, sam = ada_and_sam
    managed(repo, ada, sam)
    with pytest.raises(NotAllowed):
        line_management.sign_offs_of(repo, sam, ada.profile_id)
    with pytest.raises(NotAllowed):
        line_management.validation_of(repo, sam, ada.profile_id)
    assert line_management.validation_of(repo, ada, ada.profile_id) is None


def test_a_new_line_manager_sees_only_their_own_sign_offs(repo, ada_and_sam):
    ada, sam = ada_and_sam
    kim = person(repo, "kim", "Kim Park")
    first = managed(repo, ada, sam)
    line_management.sign_off(repo, sam, first.id, "Sam's private note", NOW)
    line_management.end(repo, ada, first.id, NOW)

    second = managed(repo, ada, kim)

    assert line_management.review(repo, kim, second.id, NOW).sign_offs == []
    assert len(line_management.sign_offs_of(repo, ada, ada.profile_id)) == 1  # still hers


# --- Privacy -------------------------------------------------------------------------------------


def test_the_export_holds_the_line_management_and_the_sign_offs_and_validations(repo, ada_and_sam):
    ada, sam = ada_and_sam
    m = managed(repo, ada, sam)
    line_management.sign_off(repo, sam, m.id, "Signed", NOW)
    line_management.validate(repo, sam, m.id, latest_of(repo, ada).id, {"1.1.1": 3}, "", NOW)

    hers = privacy.everything_about(repo, ada, ada.profile_id, NOW)
    his = privacy.everything_about(repo, sam, sam.profile_id, NOW)

    for exported in (hers, his):
        assert [(d["person_email"], d["manager_email"], d["status"]) for d in exported["sharing"]["line_managements"]
                ] == [(ada.email, sam.email, "active")]
        assert "line management" in exported["sharing"]["note"]
    assert [d["manager_name"] for d in hers["records"]["plan_sign_offs"]] == ["Sam Lee"]
    assert [d["ratings"] for d in hers["records"]["validated_ratings"]] == [{"1.1.1": 3}]
    assert his["records"]["plan_sign_offs"] == [] and his["records"]["validated_ratings"] == []


def test_a_request_not_answered_yet_is_in_the_export_of_the_person_asked(repo, ada_and_sam):
    ada, sam = ada_and_sam
    line_management.ask_report(repo, sam, ada.email, NOW)

    exported = privacy.everything_about(repo, ada, ada.profile_id, NOW)

    assert [d["manager_name"] for d in exported["sharing"]["line_managements"]] == ["Sam Lee"]


def test_deleting_a_manager_removes_the_line_management_and_their_name_from_the_persons_records(repo, ada_and_sam):
    ada, sam = ada_and_sam
    m = managed(repo, ada, sam)
    line_management.sign_off(repo, sam, m.id, "Signed", NOW)
    line_management.validate(repo, sam, m.id, latest_of(repo, ada).id, {"1.1.1": 3}, "", NOW)
    line_management.ask_report(repo, sam, "someone@example.gov.uk", NOW)

    privacy.forget(repo, sam, sam.profile_id, NOW)

    assert repo.list_shared(LineManagement) == []
    [signed] = repo.list(PlanSignOff, ada.profile_id)
    [validated] = repo.list(ValidatedRatings, ada.profile_id)
    for record in (signed, validated):  # that it was done stays hers; who did it goes
        assert (record.manager_id, record.manager_name) == ("", audit.DELETED_PERSON)
    assert signed.objectives == ["Run a records-review workshop"] and validated.ratings == {"1.1.1": 3}
    assert {e.by_name for e in audit.about_me(repo, ada, ada.profile_id)} == {audit.DELETED_PERSON}
    assert len(repo.list_shared(DeletionNote)) == 1


def test_deleting_the_person_removes_the_line_management_and_the_manager_sees_nothing(repo, ada_and_sam):
    ada, sam = ada_and_sam
    m = managed(repo, ada, sam)
    line_management.sign_off(repo, sam, m.id, "Signed", NOW)

    privacy.forget(repo, ada, ada.profile_id, NOW)

    assert repo.list_shared(LineManagement) == []
    assert line_management.reports(repo, sam) == []
    assert line_management.mine(repo, sam) == []
    with pytest.raises(NotAllowed):
        line_management.review(repo, sam, m.id, NOW)


# --- What the manager and the person read (planner.domain.manager_review) -------------------------


def _validation(rated: Assessment, ratings: dict[str, int]) -> ValidatedRatings:
    return ValidatedRatings(profile_id=rated.profile_id, manager_id="sam", manager_name="Sam Lee",
                            assessment_id=rated.id, ratings=ratings, validated_at=NOW)


def test_the_managers_table_starts_from_their_last_validation_of_the_same_assessment_only(fw):
    rated = Assessment(profile_id="ada", taken_on=date(2026, 6, 5),
                       ratings={"2.1.3": Rating(score=4), "1.1.1": Rating(score=3)})
    earlier = Assessment(profile_id="ada", taken_on=date(2026, 1, 5), ratings=rated.ratings)

    fresh = manager_review.validation_editor_rows(fw, rated, None)
    again = manager_review.validation_editor_rows(fw, rated, _validation(rated, {"2.1.3": 3}))
    of_another = manager_review.validation_editor_rows(fw, rated, _validation(earlier, {"2.1.3": 3}))

    assert [(r["Code"], r["Their rating"], r["Validated rating"]) for r in fresh] == [
        ("1.1.1", "3 Competent", None), ("2.1.3", "4 Expert", None)]  # in the framework's order
    assert fresh[0]["Statement"] == fw.indicator("1.1.1").statement
    assert [r["Validated rating"] for r in again] == [None, "3 Competent"]
    assert of_another == fresh
    assert [r["Statement"] for r in manager_review.validation_editor_rows(None, rated, None)] == ["", ""]


def test_only_the_ratings_chosen_are_read_back_from_the_managers_table():
    rows = [{"Code": "1.1.1", "Validated rating": "2 Developing"}, {"Code": "1.1.2", "Validated rating": None},
            {"Code": "1.1.3", "Validated rating": "0 Not yet"}]

    assert manager_review.chosen_scores(rows) == {"1.1.1": 2, "1.1.3": 0}


def test_validated_ratings_show_beside_the_persons_own_and_each_mentors():
    rated = Assessment(profile_id="ada", taken_on=date(2026, 6, 5),
                       ratings={"1.1.1": Rating(score=3), "2.1.3": Rating(score=1)})
    mentor = Assessment(profile_id="ada", taken_on=date(2026, 7, 1), assessor="mentor", assessor_name="Grace",
                        ratings={"2.1.3": Rating(score=2)})

    rows = manager_review.validated_rows(_validation(rated, {"2.1.3": 2, "1.1.1": 3}), rated, [mentor])
    gone = manager_review.validated_rows(_validation(rated, {"1.1.1": 3}), None)

    assert rows == [
        {"Code": "1.1.1", "Your rating": "3 Competent", "Grace (mentor)": "Not rated", "Validated rating": "3 Competent",
         "Validated by": "Sam Lee", "When": "2 December 2026 at 2:05pm"},
        {"Code": "2.1.3", "Your rating": "1 Aware", "Grace (mentor)": "2 Developing", "Validated rating": "2 Developing",
         "Validated by": "Sam Lee", "When": "2 December 2026 at 2:05pm"},
    ]
    assert gone[0]["Your rating"] == "Not rated"
