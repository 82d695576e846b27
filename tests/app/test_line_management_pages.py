"""Line management by consent on a department's server: Sharing (the person), Line reports (the manager), and
what the person reads on My plan and Gaps and progress, through AppTest."""

from __future__ import annotations

from datetime import UTC, date, datetime

from planner.domain import wording
from planner.domain.models import (
    AccessRecord,
    Assessment,
    LineManagement,
    PlanItem,
    PlanSignOff,
    Profile,
    Rating,
    ValidatedRatings,
)
from planner.services import line_management
from planner.services.acting import Actor
from tests.app.conftest import button, edit_cells, open_signed_in, profile_id_of, texts

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
SHARING, REPORTS, PLAN, GAPS = "pages/sharing.py", "pages/reports.py", "pages/plan.py", "pages/gaps.py"
OBJECTIVE = "Write the team's records retention schedule"


def _said(at) -> str:
    """The page's text as a person reads it (escaped text has an invisible word joiner after an @)."""
    return texts(at).replace("\u2060", "")


def _tables(at) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


def _person(repo, login: str, name: str | None = None) -> Actor:
    actor = Actor.on_server(profile_id_of(login), name or login.capitalize(), f"{login}@example.gov.uk",
                            admin=False)
    repo.save_profile(Profile(id=actor.profile_id, name=actor.name, email=actor.email, current_grade="HEO",
                              target_grade="SEO"))
    return actor


def _ada_with_a_plan_and_ratings(repo) -> tuple[Actor, Assessment]:
    ada = _person(repo, "ada")
    rated = Assessment(profile_id=ada.profile_id, taken_on=date(2026, 10, 1),
                       ratings={"1.1.1": Rating(score=3), "1.1.2": Rating(score=1), "1.1.3": Rating(score=4)})
    repo.add(rated)
    repo.add(PlanItem(profile_id=ada.profile_id, objective=OBJECTIVE, indicators=["1.2.3"]))
    return ada, rated


def _sam(repo) -> Actor:
    # The identity provider of these tests names people by their login capitalised: Sam signs in as "Sam".
    return _person(repo, "sam")


def _managed(repo, ada: Actor, sam: Actor) -> LineManagement:
    asked = line_management.ask_manager(repo, ada, sam.email, NOW)
    return line_management.accept(repo, sam, asked.id, NOW)


def test_a_person_asks_on_sharing_and_the_manager_accepts_on_line_reports(data_dir, repo):
    ada, _ = _ada_with_a_plan_and_ratings(repo)
    sam = _sam(repo)
    at = open_signed_in(SHARING, "ada")
    assert "Your line manager" in texts(at) and "You have no line manager here." in texts(at)
    at.text_input(key="ask_manager_email").input("sam@example.gov.uk")
    button(at, "Ask my line manager").click()
    at.run()
    assert "Asked sam@example.gov.uk" in _said(at)
    assert "Nothing is shared until they accept." in _said(at)
    assert not [f for f in at.text_input if f.key == "ask_manager_email"]  # one line manager at a time

    manager = open_signed_in(REPORTS, "sam")
    assert "People asking you to be their line manager" in texts(manager)
    assert OBJECTIVE not in _tables(manager)  # nothing of hers before he accepts
    button(manager, "Accept").click()
    manager.run()

    assert not manager.exception, manager.exception
    assert "You are now the line manager of Ada" in _said(manager)
    assert OBJECTIVE in _tables(manager)
    assert [m.status for m in repo.list_shared(LineManagement)] == ["active"]
    [look] = repo.list(AccessRecord, ada.profile_id)
    assert (look.by_name, look.as_role, look.changed) == (sam.name, "line manager", False)


def test_a_person_answers_a_managers_request_on_sharing_and_stops_sharing(data_dir, repo):
    ada, _ = _ada_with_a_plan_and_ratings(repo)
    sam = _sam(repo)
    line_management.ask_report(repo, sam, ada.email, NOW)

    at = open_signed_in(SHARING, "ada")
    assert "**Sam** (sam@example.gov.uk) asked on 2 December 2026 to be your line manager" in _said(at)
    button(at, "Accept as my line manager").click()
    at.run()
    assert "Sam is now your line manager." in _said(at)
    # Accepted on the page, so at the moment of the click: the page says the day it was answered.
    [accepted] = repo.list_shared(LineManagement)
    assert accepted.answered_at is not None
    assert f"has been your line manager since {wording.long_date(accepted.answered_at.date())}" in _said(at)
    assert "You have one line manager here at a time" in _said(at)

    button(at, "Stop sharing with my line manager").click()
    at.run()
    assert "They cannot see your data from now on." in _said(at)

    manager = open_signed_in(REPORTS, "sam")
    assert "Nobody shares their plan with you" in texts(manager)
    assert OBJECTIVE not in _tables(manager) and "Ada" not in texts(manager)


def test_the_manager_signs_off_the_plan_and_the_person_reads_it_on_my_plan(data_dir, repo):
    ada, _ = _ada_with_a_plan_and_ratings(repo)
    sam = _sam(repo)
    chosen = _managed(repo, ada, sam)
    before = open_signed_in(PLAN, "ada")
    assert "Not signed off yet. Your line manager, Sam, signs it off on their Line reports page." in _said(before)

    at = open_signed_in(REPORTS, "sam")
    at.text_area(key=f"reports_sign_off_comment_{chosen.id}").input("A clear plan for the year.")
    button(at, "Sign off this plan").click()
    at.run()

    assert not at.exception, at.exception
    assert "You signed off Ada's plan: 1 objective." in _said(at)
    [signed] = repo.list(PlanSignOff, ada.profile_id)
    assert (signed.manager_name, signed.objectives, signed.comment) == ("Sam", [OBJECTIVE], "A clear plan for the year.")
    assert "Signed off by Sam on" in _said(at)
    assert "A clear plan for the year." in _tables(at)  # the sign-offs so far, with who and when

    plan = open_signed_in(PLAN, "ada")
    assert not plan.exception, plan.exception
    shown = [s.value.replace("\\", "").replace("\u2060", "") for s in plan.success if s.value.startswith("Signed off")]
    assert shown == [f"Signed off by Sam on {wording.moment(signed.signed_at)}."]
    assert "Their comment: A clear plan for the year." in texts(plan)
    assert "Not signed off yet" not in texts(plan)


def test_the_manager_validates_ratings_and_the_person_reads_them_on_gaps_and_progress(data_dir, repo):
    ada, rated = _ada_with_a_plan_and_ratings(repo)
    sam = _sam(repo)
    _managed(repo, ada, sam)
    at = open_signed_in(REPORTS, "sam")
    editor = f"reports_validation_{rated.id}"
    assert [e.key for e in at.data_editor] == [editor]
    assert list(at.data_editor(key=editor).value["Their rating"]) == ["3 Competent", "1 Aware", "4 Expert"]

    edit_cells(at, editor, {0: {"Validated rating": "3 Competent"}, 2: {"Validated rating": "3 Competent"}})
    at.text_area(key=f"reports_validate_comment_{rated.id}").input("Agreed at our review.")
    button(at, "Save validated ratings").click()
    at.run()

    assert not at.exception, at.exception
    assert "Saved your validated ratings of Ada: 2 indicators." in _said(at)
    [validated] = repo.list(ValidatedRatings, ada.profile_id)
    assert (validated.manager_name, validated.assessment_id, validated.ratings, validated.comment) == (
        "Sam", rated.id, {"1.1.1": 3, "1.1.3": 3}, "Agreed at our review.")
    changes = [e.what for e in repo.list(AccessRecord, ada.profile_id) if e.changed]
    assert changes == ["validated 2 self-ratings of yours"]

    gaps = open_signed_in(GAPS, "ada")
    assert not gaps.exception, gaps.exception
    assert "Ratings your line manager validated" in texts(gaps)
    assert "Sam validated 2 ratings from your self-assessment of 1 October 2026" in texts(gaps)
    [table] = [df.value for df in gaps.dataframe if "Validated rating" in df.value.columns]
    assert table[["Code", "Your rating", "Validated rating", "Validated by"]].values.tolist() == [
        ["1.1.1", "3 Competent", "3 Competent", "Sam"], ["1.1.3", "4 Expert", "3 Competent", "Sam"]]


def test_someone_who_is_not_the_persons_line_manager_sees_nothing_of_theirs(data_dir, repo):
    ada, _ = _ada_with_a_plan_and_ratings(repo)
    sam = _sam(repo)
    _person(repo, "alan")
    _managed(repo, ada, sam)

    at = open_signed_in(REPORTS, "alan")

    assert not at.exception and not at.error
    assert "Nobody shares their plan with you" in texts(at)
    assert "Ada" not in texts(at) and not at.dataframe


def test_line_reports_is_a_page_of_the_server_only(data_dir, repo):
    from ui import navigation

    assert "pages/reports.py" not in [e.path for e in navigation.pages_of(server=False)]
    [entry] = [e for e in navigation.pages_of(server=True) if e.path == "pages/reports.py"]
    assert (entry.section, entry.title, entry.url_path) == ("Mentoring", "Line reports", "reports")
