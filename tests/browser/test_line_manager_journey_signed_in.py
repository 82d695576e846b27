"""In a real browser, signed in through a real OpenID Connect provider: line management by consent, from the
person's request to the manager's sign-off of the plan and validation of a rating, and the end of sharing.

"rosa" (the person) and "sam" (her line manager) each sign in from their own browser context, as two
people on two computers would. Rosa assesses herself, plans one item and asks sam@example.gov.uk on
Sharing to be her line manager. Sam sees nothing of hers until he accepts on Line reports; then he reads
her plan, validates one of her self-ratings and signs off the plan. Rosa reads the sign-off (who and when)
on My plan and the validated rating beside her own on Gaps and progress, and stops sharing: from Sam's
next page, Rosa is gone.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from planner import store
from planner.domain import manager_review
from planner.domain.models import PlanSignOff, ValidatedRatings
from planner.services.acting import profile_id_for
from tests.browser.conftest import (
    choose_in_grid,
    create_profile,
    go_to,
    person_page,
    rate,
    settle,
    shot,
    table_rows,
    table_with_column,
)
from tests.browser.signin import sign_in
from tests.browser.test_accessibility import axe_problems, heading_problems

pytestmark = pytest.mark.browser

ROSA_GRADE = "Executive Officer (EO): guide level 2"
ROSA_TARGET = "Higher Executive Officer (HEO): guide level 2"
SAM_GRADE = "Grade 7 (G7): guide level 3"
ROSAS_ITEM = "Catalogue the team's shared drive and agree a file plan with the IAO"
SIGN_OFF_COMMENT = "A realistic plan: review it with me in March."
SAM_SHOWN = "sam@\u2060example.gov.uk"  # the app puts an invisible word joiner after the @ (ui/text.py)


@pytest.fixture(scope="module")
def server(signed_in_server):
    return signed_in_server


@pytest.fixture(scope="module")
def rosa(browser):
    context, page = person_page(browser)
    yield page
    context.close()


@pytest.fixture(scope="module")
def sam(browser):
    context, page = person_page(browser)
    yield page
    context.close()


def _shown(page) -> str:
    """What the page says, as a person reads it (without the invisible word joiners)."""
    settle(page)
    return page.locator("[data-testid='stMain']").inner_text().replace("\u2060", "")


def _saved(server, kind, login: str):
    """The records of one kind saved for a person, read from the server's own data folder."""
    return store.open_repository(server.data_dir).list(kind, profile_id_for(server.provider.issuer, login))


def _accessible(page, title: str) -> None:
    """No serious axe-core problem and no heading level skipped on the page as it is now."""
    problems = axe_problems(page, title) + heading_problems(page, title, title)
    assert not problems, "\n".join(problems)


def test_a_line_manager_validates_a_rating_and_signs_off_the_plan_by_consent(server, rosa, sam):
    # 1. Rosa signs in, makes her profile, assesses herself and plans one item: nothing is signed off yet.
    sign_in(rosa, server, "rosa")
    create_profile(rosa, server, "Rosa", ROSA_GRADE, ROSA_TARGET)
    go_to(rosa, "Assess yourself")
    for code, score in (("1.1.1", "3 Competent"), ("1.1.2", "3 Competent"), ("1.1.3", "1 Aware")):
        rate(rosa, code, score)
    rosa.get_by_role("button", name="Save assessment").click()
    settle(rosa)
    rosa.get_by_text("Saved your assessment of").wait_for()
    go_to(rosa, "My plan")
    rosa.get_by_role("heading", name="Your line manager's sign-off").wait_for()
    rosa.get_by_text("Not signed off yet.", exact=False).wait_for()
    rosa.get_by_role("textbox", name="Objective").fill(ROSAS_ITEM)
    rosa.get_by_role("button", name="Add to my plan").click()
    settle(rosa)
    rosa.get_by_text("Added the item to your plan.").wait_for()

    # 2. On Sharing she asks Sam, by email, to be her line manager.
    go_to(rosa, "Sharing")
    rosa.get_by_role("heading", name="Your line manager", exact=True).wait_for()
    ask = rosa.get_by_test_id("stForm").filter(has_text="Ask your line manager")
    ask.get_by_role("textbox", name="Their email address").fill("sam@example.gov.uk")
    ask.get_by_role("button", name="Ask my line manager").click()
    settle(rosa)
    rosa.get_by_text(f"Asked {SAM_SHOWN}. They will see your request on their Line reports page",
                     exact=False).wait_for()
    rosa.get_by_text("to be your line manager. Nothing is shared until they accept.", exact=False).wait_for()
    shot(rosa, "90-sharing-line-manager-asked")
    _accessible(rosa, "Sharing")

    # 3. Sam signs in and makes his profile. On Line reports he sees her request and nothing of hers.
    sign_in(sam, server, "sam")
    create_profile(sam, server, "Sam", SAM_GRADE)
    go_to(sam, "Line reports")
    sam.get_by_role("heading", name="People asking you to be their line manager").wait_for()
    sam.get_by_text("Nobody shares their plan with you as their line manager just now.", exact=False).wait_for()
    assert ROSAS_ITEM not in _shown(sam)
    assert sam.get_by_test_id("stDataFrame").count() == 0

    # He accepts, and reads her plan (read only) and her latest self-ratings.
    sam.get_by_role("button", name="Accept", exact=True).click()
    settle(sam)
    sam.get_by_text("You are now the line manager of Rosa.").wait_for()
    plan = table_with_column(sam, "Objective")
    assert table_rows(plan)[0][0] == ROSAS_ITEM
    shot(sam, "91-line-reports-accepted")

    # 4. He validates one of her ratings: 1.1.3, which she rated 1 Aware, he agrees at 2 Developing.
    editor = table_with_column(sam, "Validated rating")
    assert [row[:1] + row[2:3] for row in table_rows(editor)] == [
        ["1.1.1", "3 Competent"], ["1.1.2", "3 Competent"], ["1.1.3", "1 Aware"]]
    choose_in_grid(sam, editor, 2, 3, "2 Developing")
    sam.get_by_role("button", name="Save validated ratings").click()
    settle(sam)
    sam.get_by_text("Saved your validated ratings of Rosa: 1 indicator.").wait_for()
    [validated] = _saved(server, ValidatedRatings, "rosa")
    assert (validated.manager_name, validated.ratings) == ("Sam", {"1.1.3": 2})

    # 5. He signs off her plan with a comment; the sign-off shows with who and when.
    sam.get_by_role("textbox", name="Comment (optional)", exact=True).fill(SIGN_OFF_COMMENT)
    sam.get_by_role("button", name="Sign off this plan").click()
    settle(sam)
    sam.get_by_text("You signed off Rosa's plan: 1 objective.").wait_for()
    [signed] = _saved(server, PlanSignOff, "rosa")
    assert (signed.manager_name, signed.objectives, signed.comment) == ("Sam", [ROSAS_ITEM], SIGN_OFF_COMMENT)
    sentence = manager_review.sign_off_sentence(signed)  # "Signed off by Sam on 2 December 2026 at 2:05pm."
    assert sentence in _shown(sam)
    sam.wait_for_timeout(500)
    shot(sam, "92-line-reports-signed-off")
    _accessible(sam, "Line reports")

    # 6. Rosa sees the sign-off on My plan: who, when, and his comment.
    go_to(rosa, "My plan")
    rosa.get_by_role("heading", name="Your line manager's sign-off").wait_for()
    expect(rosa.get_by_test_id("stAlertContentSuccess").filter(has_text="Signed off by Sam on")).to_have_count(1)
    shown = _shown(rosa)
    assert sentence in shown and f"Their comment: {SIGN_OFF_COMMENT}" in shown
    assert "Not signed off yet." not in shown
    shot(rosa, "93-plan-signed-off")
    _accessible(rosa, "My plan")

    # 7. On Gaps and progress she reads the validated rating beside her own.
    go_to(rosa, "Gaps and progress")
    rosa.get_by_role("heading", name="Ratings your line manager validated").wait_for()
    rosa.get_by_text("Sam validated 1 rating from your self-assessment of", exact=False).wait_for()
    rows = table_rows(table_with_column(rosa, "Validated rating"))
    assert [row[:4] for row in rows] == [["1.1.3", "1 Aware", "2 Developing", "Sam"]], rows
    rosa.get_by_role("heading", name="Ratings your line manager validated").scroll_into_view_if_needed()
    shot(rosa, "94-gaps-validated-rating")
    _accessible(rosa, "Gaps and progress")

    # 8. On Your profile she reads that Sam looked, validated and signed off, as her line manager.
    go_to(rosa, "Your profile")
    rosa.get_by_role("heading", name="Who has seen or changed your data").wait_for()
    seen = [row[1:] for row in table_rows(table_with_column(rosa, "What they did"))]
    assert seen == [["Sam", "line manager", "signed off your plan", "Yes"],
                    ["Sam", "line manager", "validated 1 self-rating of yours", "Yes"],
                    ["Sam", "line manager", "saw your latest self-assessment and your plan", "No"]], seen

    # 9. She stops sharing; from Sam's next page, Rosa is gone (his sign-off stays in her data).
    go_to(rosa, "Sharing")
    rosa.get_by_role("button", name="Stop sharing with my line manager").click()
    settle(rosa)
    rosa.get_by_text("You no longer share anything with Sam. They cannot see your data from now on.",
                     exact=False).wait_for()
    rosa.get_by_text("You have no line manager here.").wait_for()
    go_to(sam, "Line reports")
    sam.get_by_text("Nobody shares their plan with you as their line manager just now.", exact=False).wait_for()
    shown = _shown(sam)
    assert "Rosa" not in shown and ROSAS_ITEM not in shown
    assert sam.get_by_test_id("stDataFrame").count() == 0
    assert len(_saved(server, PlanSignOff, "rosa")) == 1
