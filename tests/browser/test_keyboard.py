"""The main journey with a keyboard only: after opening the app, no mouse at all.

A person creates a profile, rates two indicators, saves the assessment, reads their gaps, adds an item
to their plan and downloads the plan as a PDF, using Tab, Enter, Escape, the arrow keys and typing.
Locators are used only to see where the focus is and to check what the page shows.
"""

from __future__ import annotations

import io
import re

import pytest

from tests.browser.conftest import settle, shot

pytestmark = pytest.mark.browser

# What a person using a screen reader would hear for the focused element: its label, or its text
# without the names of Material icons (which are drawn as ligatures of words such as "person_add").
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {name: '', tag: 'BODY', group: '', checked: false};
  let name = el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].innerText : '');
  if (!name) {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('[data-testid=stIconMaterial]').forEach(icon => icon.remove());
    name = copy.innerText || el.value || '';
  }
  const radio = el.closest('[data-testid=stRadio]');
  const group = radio ? radio.querySelector('[data-testid=stWidgetLabel]').innerText : '';
  return {name: name.replace(/\\s+/g, ' ').trim(), tag: el.tagName, group: group.replace(/\\s+/g, ' ').trim(),
          checked: !!el.checked};
}"""

# Containers that take focus so a person can scroll them, rather than controls.
NOT_CONTROLS = {"BODY", "MAIN", "SECTION", "DIV"}


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page, name: str, *, group: str = "", limit: int = 150) -> dict:
    """Press Tab until a control whose name matches `name` (a regular expression) has the focus and,
    for a radio button, whose group's label starts with `group`; at most `limit` times."""
    pattern = re.compile(name)
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["tag"] not in NOT_CONTROLS and pattern.search(now["name"]) and now["group"].startswith(group):
            return now
        passed.append(now["name"][:40] or now["tag"])
    raise AssertionError(f"{limit} presses of Tab did not reach {name!r} {group!r}; passed: {passed}")


def open_page(page, title: str, heading: str | None = None) -> None:
    """Reach the page's link in the sidebar with the keyboard and follow it."""
    tab_to(page, f"^{re.escape(title)}$")
    page.keyboard.press("Enter")
    settle(page)
    page.locator("[data-testid=stMain] h1").filter(has_text=heading or title).wait_for()


def choose(page, label: str, typed: str) -> None:
    """Type into a select box or multiselect to filter its options, and take the first with Enter."""
    tab_to(page, f"^{re.escape(label)}")
    page.keyboard.type(typed)
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Enter")
    settle(page)


def rate_with_arrows(page, code: str, score: int) -> None:
    """Tab to the indicator's ratings; the arrow keys move along them and choose each in turn."""
    from planner.domain.models import RATING_LABELS

    tab_to(page, r"^0 Not yet$", group=code)
    for _ in range(score):
        page.keyboard.press("ArrowRight")
        settle(page)
    now = focused(page)
    assert now["group"].startswith(code) and now["checked"], now
    assert now["name"] == f"{score} {RATING_LABELS[score]}", now


def create_profile_with_keys(page, name: str, grade: str, target: str | None = None) -> None:
    """From the home page, follow "Create your profile" and fill the form with the keyboard."""
    tab_to(page, "^Create your profile$")
    page.keyboard.press("Enter")
    settle(page)
    page.locator("[data-testid=stMain] h1").filter(has_text="Your profile").wait_for()
    tab_to(page, "^Your name$")
    page.keyboard.type(name)
    choose(page, "Current grade", grade)
    if target:
        choose(page, "Target grade (optional)", target)
    tab_to(page, "^Create profile$")
    page.keyboard.press("Enter")
    settle(page)
    page.get_by_text(f"Created the profile of {name}").wait_for()


def test_the_main_journey_works_with_a_keyboard_only(server, page):
    page.goto(server.url)
    settle(page)

    create_profile_with_keys(page, "Kim Lee", "Executive Officer (EO)", "Higher Executive Officer (HEO)")

    # Rate two indicators and save the assessment.
    open_page(page, "Assess yourself")
    rate_with_arrows(page, "1.1.1", 3)
    rate_with_arrows(page, "1.1.2", 4)
    page.get_by_text("2 of 27 indicators rated").wait_for()
    tab_to(page, "^Save assessment$")
    page.keyboard.press("Enter")
    settle(page)
    page.get_by_text("Saved your assessment of").wait_for()

    # Read the gaps.
    open_page(page, "Gaps and progress")
    page.get_by_role("heading", name="Your gaps").wait_for()
    page.get_by_text("25 indicators stand between you and your target").wait_for()

    # Add an item to the plan.
    open_page(page, "My plan")
    tab_to(page, "^Objective")
    page.keyboard.type("Run a knowledge channel for three months")
    choose(page, "Indicators it develops", "1.1.3")
    page.keyboard.press("Escape")  # close the list of options; the choice is kept
    tab_to(page, "^Activity$")
    page.keyboard.type("Shadow the knowledge manager")
    tab_to(page, "^Add to my plan$")
    page.keyboard.press("Enter")
    settle(page)
    page.get_by_text("Added the item to your plan.").wait_for()
    shot(page, "60-keyboard-plan")

    # Download the plan as a PDF.
    tab_to(page, "^PDF, to print or send$")
    with page.expect_download() as caught:
        page.keyboard.press("Enter")
    pdf_bytes = open(caught.value.path(), "rb").read()
    assert pdf_bytes.startswith(b"%PDF")

    from pypdf import PdfReader

    words = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages).split())
    assert "Kim Lee" in words
    assert "Run a knowledge channel for three months" in words
    assert "1.1.3" in words


def test_focus_after_a_button_is_where_the_accessibility_statement_says(empty_server, page):
    """The focus stays on a pressed button (Save profile); where the button goes away
    (Create profile) nothing has the focus, and the next Tab goes on from where the button was."""
    page.goto(empty_server.url)
    settle(page)
    create_profile_with_keys(page, "Ola Nowak", "Executive Officer (EO)")
    # Create profile has made way for the profile: nothing has the focus, and the next Tab goes
    # on from where the button was, to the link to the next step, not back to the skip link.
    assert focused(page)["tag"] == "BODY"
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "Assess yourself"
    assert page.evaluate("() => !!document.activeElement.closest('[data-testid=stMain]')")

    tab_to(page, "^Save profile$")
    page.keyboard.press("Enter")
    settle(page)
    assert focused(page)["name"] == "Save profile"
