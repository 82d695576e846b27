"""In a real browser: the route a person chose on Career paths stays chosen when its figures change."""

import re

import pytest

from tests.browser.conftest import choose_option, create_profile, go_to, settle

pytestmark = pytest.mark.browser


def _route_shown(page) -> str:
    return page.get_by_text(re.compile(r"^Records manager \(EO\) → ")).first.inner_text()


def _chosen_label(page) -> str:
    return page.locator("[data-testid='stRadioOption'][data-selected='true']").inner_text(timeout=5_000)


def _set_hours(page, value: str) -> None:
    hours = page.get_by_label("Hours a month for development")
    hours.fill(value)
    hours.press("Enter")
    settle(page)


def test_the_route_chosen_stays_chosen_when_the_hours_change_its_months(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Dewi Morgan", "Executive Officer (EO): guide level 2",
                   target="Grade 7 (G7): guide level 3", role="Records manager")
    go_to(page, "Career paths")
    choose_option(page, page.get_by_role("combobox", name="To role"), "Knowledge manager")
    page.get_by_text("Fastest route: about").wait_for()
    fastest = _route_shown(page)

    page.get_by_test_id("stRadio").get_by_text(re.compile(r"^Alternative 1: about")).click()
    settle(page)
    alternative = _route_shown(page)
    label_before = _chosen_label(page)
    assert alternative != fastest and label_before.startswith("Alternative 1: about")

    for hours in ("8", "6"):
        _set_hours(page, hours)
        page.get_by_role("radiogroup", name="Route to show").wait_for()
        assert _route_shown(page) == alternative, hours
        assert re.match(r"^Alternative \d: about \d+ months$", _chosen_label(page)), hours
    assert _chosen_label(page) != label_before  # the months in the label did change
