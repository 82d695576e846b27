"""In a real browser, signed in through a real OpenID Connect provider: mentoring by consent, from the
mentee's request to the end of sharing.

"maya" (the mentee) and "theo" (the mentor) each sign in from their own browser context, as two
people on two computers would. Maya assesses herself, plans, and asks theo@example.gov.uk to be
her mentor; Theo sees nothing of hers until he accepts, then sees her picture, rates her and records
a conversation whose agreed action reaches Maya as a proposal. She accepts it, reads on Your profile
that Theo looked and proposed, and stops sharing: from Theo's next page, Maya is gone.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    choose_in_grid,
    choose_option,
    go_to,
    person_page,
    rate,
    settle,
    shot,
    table_rows,
    table_with_column,
    type_into_first_cell,
)
from tests.browser.signin import sign_in

pytestmark = pytest.mark.browser

MAYA_GRADE = "Executive Officer (EO): guide level 2"
MAYA_TARGET = "Higher Executive Officer (HEO): guide level 2"
THEO_GRADE = "Grade 7 (G7): guide level 3"
MAYAS_OWN_ITEM = "Write the team's records retention schedule, approved by the IAO"
AGREED_ACTION = "Shadow the FOI officer for two weeks and log three requests"
SHARED = "their latest self-assessment and its gaps and their plan"
# The app puts an invisible word joiner after the @ of an address it shows, so that Streamlit's
# Markdown does not make it a link (ui/text.py): the address as it is on the page.
THEO_SHOWN = "theo@\u2060example.gov.uk"
MAYA_SHOWN = "maya@\u2060example.gov.uk"


@pytest.fixture(scope="module")
def server(signed_in_server):
    return signed_in_server


@pytest.fixture(scope="module")
def maya(browser):
    context, page = person_page(browser)
    yield page
    context.close()


@pytest.fixture(scope="module")
def theo(browser):
    context, page = person_page(browser)
    yield page
    context.close()


def _open(page, server, url_path: str) -> None:
    page.goto(f"{server.url}/{url_path}")
    settle(page)


def _shown(page) -> str:
    settle(page)
    return page.locator("[data-testid='stMain']").inner_text()


def _cell(within, text: str):
    """A cell of a table (the grid is drawn on a canvas; its cells are also in the page for screen readers)."""
    return within.locator("td[role='gridcell']", has_text=text)


def _box(page, text: str):
    """The innermost block holding this text (a bordered container, for one request or proposal)."""
    return page.get_by_test_id("stVerticalBlock").filter(has_text=text).last


def _create_own_profile(page, server, name: str, grade: str, target: str | None = None) -> None:
    """On Your profile: the name comes from the ID token; the grades are chosen."""
    _open(page, server, "profile")
    form = page.get_by_test_id("stForm").first
    # Waited for, not read once: settle() can return before the first run has drawn the page.
    expect(form.get_by_role("textbox", name="Your name")).to_have_value(name)
    choose_option(page, form.get_by_role("combobox", name="Current grade"), grade)
    if target:
        choose_option(page, form.get_by_role("combobox", name="Target grade (optional)"), target)
    form.get_by_role("button", name="Create profile").click()
    settle(page)
    page.get_by_text(f"Created the profile of {name}").wait_for()


def _nothing_of_mayas_on_mentees(page, *, ended: bool = False) -> None:
    """Nothing of Maya's data on Mentees; once she has ended it, only that she did (Theo's own notes remain his)."""
    page.get_by_text("You have no mentees just now.", exact=False).wait_for()
    shown = _shown(page)
    if ended:
        assert "Maya and you stopped the mentorship" in shown and "(ended by Maya)" in shown
    for of_hers in ("Aiming for", "Their ratings and yours", "Your ratings of them", MAYAS_OWN_ITEM,
                    *(() if ended else ("Maya",))):
        assert of_hers not in shown
    assert page.get_by_test_id("stDataFrame").count() == 0


def test_a_mentee_shares_with_a_mentor_by_consent_and_stops(server, maya, theo):
    # 1. Maya signs in, makes her profile, assesses herself and plans one item.
    sign_in(maya, server, "maya")
    _create_own_profile(maya, server, "Maya", MAYA_GRADE, MAYA_TARGET)
    go_to(maya, "Assess yourself")
    for code, score in (("1.1.1", "3 Competent"), ("1.1.2", "3 Competent"), ("1.1.3", "1 Aware")):
        rate(maya, code, score)
    maya.get_by_role("button", name="Save assessment").click()
    settle(maya)
    maya.get_by_text("Saved your assessment of").wait_for()
    go_to(maya, "My plan")
    maya.get_by_role("textbox", name="Objective").fill(MAYAS_OWN_ITEM)
    maya.get_by_role("button", name="Add to my plan").click()
    settle(maya)
    maya.get_by_text("Added the item to your plan.").wait_for()
    # On a server a mentor is asked on Sharing: no tab of the mentor's is named that is not there.
    maya.get_by_text("If your mentor signs in to this server too, there is nothing to send", exact=False).wait_for()
    assert maya.get_by_text("Someone who uses this installation").count() == 0

    # 2. She asks Theo, by email, to be her mentor, sharing both things.
    go_to(maya, "Sharing")
    ask = maya.get_by_test_id("stForm").filter(has_text="Ask someone to be your mentor")
    ask.get_by_role("textbox", name="Their email address").fill("theo@example.gov.uk")
    for what in ("My latest self-assessment and its gaps", "My plan"):
        assert ask.get_by_role("checkbox", name=what).is_checked()
    ask.get_by_role("button", name="Ask them").click()
    settle(maya)
    maya.get_by_text(f"Asked {THEO_SHOWN}. They will see your request when they sign in.").wait_for()
    maya.get_by_text("Nothing is shared until they accept.").wait_for()
    shot(maya, "80-sharing-asked")

    # 3. Theo signs in and makes his profile. Before he accepts, he sees her request and nothing of hers.
    sign_in(theo, server, "theo")
    _create_own_profile(theo, server, "Theo", THEO_GRADE)
    go_to(theo, "Mentees")
    theo.get_by_role("heading", name="People asking you to be their mentor").wait_for()
    request = _box(theo, MAYA_SHOWN)
    request.get_by_text(f"If you accept, you will see {SHARED}, read only.").wait_for()
    theo.get_by_text("You have no mentees just now.", exact=False).wait_for()
    shot(theo, "81-mentees-request")
    shown = _shown(theo)
    for nothing_yet in ("Aiming for", "Where they stand", "Their ratings and yours", "Your ratings of them",
                        MAYAS_OWN_ITEM):
        assert nothing_yet not in shown
    assert theo.get_by_test_id("stDataFrame").count() == 0
    assert theo.get_by_role("combobox", name="Mentee").count() == 0
    go_to(theo, "Conversations")
    theo.get_by_text("Add a mentee first.").wait_for()
    assert "Maya" not in _shown(theo)

    # He accepts, and sees her picture: her name, grade, and her ratings beside the ones he gives.
    go_to(theo, "Mentees")
    request.get_by_role("button", name="Accept").click()
    settle(theo)
    theo.get_by_text("You are now the mentor of Maya.").wait_for()
    theo.get_by_text(f"Maya: {MAYA_GRADE.split(':')[0]}", exact=False).wait_for()
    theo.get_by_text(f"Maya shares with you: {SHARED}.", exact=False).wait_for()
    theo.get_by_role("heading", name="Their ratings and yours").wait_for()
    theo.get_by_text("Rate them below to see your view beside theirs.").wait_for()
    editor = table_with_column(theo, "Your rating")
    _cell(editor, "3 Competent").first.wait_for(state="attached")  # her own rating of 1.1.1
    choose_in_grid(theo, editor, 0, 3, "2 Developing")  # 1.1.1: he sees it lower than she does
    choose_in_grid(theo, editor, 1, 3, "3 Competent")
    theo.get_by_role("button", name="Save my ratings").click()
    settle(theo)
    theo.get_by_text("Saved your ratings of Maya: 2 indicators.").wait_for()
    compared = {row[0]: row[2:5] for row in table_rows(table_with_column(theo, "To discuss"))}
    assert compared["1.1.1"] == ["3", "2", "-1"]  # hers, his, the difference
    assert compared["1.1.2"] == ["3", "3", "0"]
    assert compared["1.1.3"] == ["1", "Not rated", ""]
    theo.wait_for_timeout(500)
    shot(theo, "82-mentee-picture")

    # 4. He records a conversation with one agreed action: it goes to Maya as a proposal.
    go_to(theo, "Conversations")
    theo.get_by_role("heading", name="Record the conversation").wait_for()
    theo.get_by_text("Saving sends each to Maya, who accepts it into their plan or declines it.").wait_for()
    actions = theo.locator("[data-testid='stDataFrame']").nth(1)
    actions.wait_for()
    type_into_first_cell(theo, actions, AGREED_ACTION)
    theo.wait_for_timeout(800)
    theo.get_by_role("button", name="Save the record").click()
    settle(theo)
    theo.get_by_text(re.compile(
        r"Saved the record of .+ with 1 agreed action: 1 sent to Maya to accept or decline in their plan\.")).wait_for()
    theo.get_by_text(re.compile(r"^\d+ \w+ \d{4}: \d+ points?, 1 action$")).wait_for()  # the record, newest first
    shot(theo, "83-conversation-saved")

    # 5. Maya sees the proposed action on My plan and accepts it into her plan.
    _open(maya, server, "plan")
    maya.get_by_role("heading", name="Actions your mentor proposed").wait_for()
    proposal = _box(maya, AGREED_ACTION)
    proposal.get_by_text("Proposed by Theo on", exact=False).wait_for()
    shot(maya, "84-plan-proposal")
    proposal.get_by_role("button", name="Accept into my plan").click()
    settle(maya)
    maya.get_by_text("Added the action Theo proposed to your plan.").wait_for()
    assert maya.get_by_role("heading", name="Actions your mentor proposed").count() == 0
    items = table_with_column(maya, "Objective")
    _cell(items, AGREED_ACTION).first.wait_for(state="attached")
    _cell(items, MAYAS_OWN_ITEM).first.wait_for(state="attached")

    # 6. On Your profile she reads who has seen or changed her data: Theo, as her mentor.
    go_to(maya, "Your profile")
    maya.get_by_role("heading", name="Who has seen or changed your data").wait_for()
    seen = [row[1:] for row in table_rows(table_with_column(maya, "What they did"))]
    assert seen == [["Theo", "mentor", "proposed 1 agreed action for your plan", "Yes"],
                    ["Theo", "mentor", "saw your latest self-assessment and its gaps and your plan", "No"]], seen
    maya.wait_for_timeout(500)
    shot(maya, "85-who-has-seen")

    # 7. She stops sharing; from Theo's next page, Maya is gone.
    go_to(maya, "Sharing")
    mentor = _box(maya, THEO_SHOWN)
    mentor.get_by_text("They see: your latest self-assessment and its gaps and your plan.").wait_for()
    mentor.get_by_role("button", name="Stop sharing with this mentor").click()
    settle(maya)
    maya.get_by_text("You no longer share anything with Theo. They cannot see your data from now on.").wait_for()
    maya.get_by_text("You share nothing with a mentor.").wait_for()

    go_to(theo, "Mentees")  # the next page he opens, in the session that saw her
    _nothing_of_mayas_on_mentees(theo, ended=True)
    theo.reload()
    _nothing_of_mayas_on_mentees(theo, ended=True)
    shot(theo, "86-mentees-after-sharing-stopped")
    go_to(theo, "Conversations")
    theo.get_by_text("Add a mentee first.").wait_for()
    shown = _shown(theo)
    assert "Maya" not in shown and AGREED_ACTION not in shown
