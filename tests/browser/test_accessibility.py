"""Automated accessibility checks (axe-core) and the heading structure of every page, in its main states.

Every registered page is opened through the sidebar, as a person would, empty, with a profile, and
after an error message. A serious or critical problem fails the test unless it comes from Streamlit itself and
is listed in ALLOWED, by rule and by the element it is found on, so a new problem still fails.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.browser.conftest import choose_option, go_to, rate, settle
from ui import navigation

pytestmark = pytest.mark.browser

FAILING_IMPACTS = {"serious", "critical"}


@dataclass(frozen=True)
class Allowed:
    """A problem Streamlit causes that the app cannot fix, on the elements a CSS selector matches."""

    rule: str
    selector: str
    reason: str
    in_statement: str  # the words the accessibility statement uses for it (tests/app check it is there)


ALLOWED = (
    Allowed(
        "list", "[data-testid=stSidebarNavItems]",
        "Streamlit's page list wraps each section (its name and its links) in a div placed directly "
        "inside the <ul> (WCAG 1.3.1). The app only chooses the sections; Streamlit draws the list.",
        "Sidebar navigation list",
    ),
    Allowed(
        "listitem", "[data-testid=stSidebarNavItems] li",
        "The same list: each <li> link's parent is the section's div, not the <ul>.",
        "Sidebar navigation list",
    ),
)

HEADINGS = """() => [...document.querySelectorAll(
    '[data-testid=stMain] h1, [data-testid=stMain] h2, [data-testid=stMain] h3,'
    + '[data-testid=stMain] h4, [data-testid=stMain] h5, [data-testid=stMain] h6')]
  .map(h => [Number(h.tagName[1]), h.textContent.trim()])"""

MATCHES = "([target, selector]) => { const el = document.querySelector(target); return !!el && el.matches(selector); }"


def _page_title(entry: navigation.PageEntry) -> str:
    """The words the page's main heading starts with: the home page is headed with the app's name."""
    return "KIM Pathways" if entry.default else entry.title


def _visit(page, entry: navigation.PageEntry) -> None:
    go_to(page, entry.title)
    # The script has finished; wait until the new page's own heading is on screen.
    page.locator("[data-testid=stMain] h1").filter(has_text=_page_title(entry)).wait_for()


def _allowed(page, rule: str, node: dict) -> Allowed | None:
    target = node["target"][-1]
    if not isinstance(target, str):  # inside a shadow root or a frame: nothing the app draws
        return None
    return next((a for a in ALLOWED if a.rule == rule and page.evaluate(MATCHES, [target, a.selector])), None)


def axe_problems(page, where: str, seen: set[Allowed] | None = None) -> list[str]:
    """The serious and critical problems axe-core finds on the page, other than those allowed
    (which are added to `seen`)."""
    from axe_playwright_python.sync_playwright import Axe

    found = []
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            allowed = _allowed(page, violation["id"], node)
            if allowed is None:
                found.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']} "
                             f"at {node['target']}: {node['html'][:160]} ({violation['helpUrl']})")
            elif seen is not None:
                seen.add(allowed)
    return found


def heading_problems(page, where: str, title: str) -> list[str]:
    """One h1 that is the page's title, first; no level skipped on the way down (h1, h2, h3)."""
    headings = page.evaluate(HEADINGS)
    problems = []
    main = [text for level, text in headings if level == 1]
    if len(main) != 1 or not main[0].startswith(title):
        problems.append(f"{where}: expected one h1 starting {title!r}, found {main}")
    if headings and headings[0][0] != 1:
        problems.append(f"{where}: the first heading is h{headings[0][0]} {headings[0][1]!r}, not the h1")
    previous = 1
    for level, text in headings:
        if level > previous + 1:
            problems.append(f"{where}: h{level} {text!r} follows an h{previous}, skipping a level")
        previous = level
    return problems


def check_every_page(page, state: str) -> list[str]:
    problems: list[str] = []
    seen: set[Allowed] = set()
    for entry in navigation.pages_of(server=False):
        _visit(page, entry)
        where = f"{entry.title} ({state})"
        problems += axe_problems(page, where, seen) + heading_problems(page, where, _page_title(entry))
    # An allowance no longer needed (Streamlit fixed it) must go, here and in the accessibility statement.
    problems += [f"{a.rule} on {a.selector} no longer happens: remove it from ALLOWED and from the "
                 "accessibility statement" for a in ALLOWED if a not in seen]
    return problems


def test_every_page_is_accessible_when_nothing_is_saved(empty_server, page):
    page.goto(empty_server.url)
    settle(page)
    problems = check_every_page(page, "nothing saved")
    assert not problems, "\n".join(problems)


def test_a_plain_english_error_message_is_accessible(empty_server, page):
    page.goto(empty_server.url)
    settle(page)
    profile = next(e for e in navigation.PAGES if e.path == "pages/profile.py")
    _visit(page, profile)
    page.get_by_test_id("stForm").first.get_by_role("button", name="Create profile").click()
    settle(page)
    page.get_by_text("Enter a name for the profile.").wait_for()
    problems = axe_problems(page, "Your profile (error)") + heading_problems(page, "Your profile (error)",
                                                                            profile.title)
    assert not problems, "\n".join(problems)


def test_every_page_is_accessible_with_a_profile_ratings_and_a_plan(server, page):
    page.goto(server.url)
    settle(page)
    go_to(page, "Your profile")
    form = page.get_by_test_id("stForm").first
    form.get_by_label("Your name").fill("Efa Hughes")
    choose_option(page, form.get_by_role("combobox", name="Current grade"), "Executive Officer (EO): guide level 2")
    choose_option(page, form.get_by_role("combobox", name="Target grade (optional)"),
                  "Higher Executive Officer (HEO): guide level 2")
    form.get_by_role("button", name="Create profile").click()
    settle(page)
    page.get_by_text("Created the profile of Efa Hughes").wait_for()
    go_to(page, "Assess yourself")
    for code, score in (("1.1.1", "3 Competent"), ("1.1.2", "4 Expert"), ("1.1.3", "1 Aware")):
        rate(page, code, score)
    page.get_by_role("button", name="Save assessment").click()
    settle(page)
    page.get_by_text("Saved your assessment of").wait_for()
    go_to(page, "Recommendations")  # a plan, so My plan shows its chart and its table of items
    page.get_by_role("button", name="Add all").click()
    settle(page)
    page.get_by_text("activities to your plan").wait_for()

    problems = check_every_page(page, "with a profile")
    assert not problems, "\n".join(problems)
