"""In a real browser: after "Add all", Recommendations says what the plan covers and counts what it takes."""

import re

import pytest

from tests.browser.conftest import create_profile, go_to, rate, settle

pytestmark = pytest.mark.browser

HOURS_NOTE = re.compile(r"This uses £[\d,]+ of your £[\d,]+ budget and ([\d.]+) of your ([\d.]+) hours")


def _why_codes(page) -> set[str]:
    reasons = page.get_by_text(re.compile(r"^Why: Closes")).all_inner_texts()
    return {code for reason in reasons for code in re.findall(r"points on (\d\.\d\.\d)", reason)}


def test_after_add_all_the_page_shows_the_gaps_covered_and_counts_the_hours_committed(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Nia Hughes", "Administrative Officer (AO): guide level 1",
                   target="Executive Officer (EO): guide level 2")
    go_to(page, "Assess yourself")
    rate(page, "1.1.1", "3 Competent")
    page.get_by_role("button", name="Save assessment").click()
    settle(page)

    go_to(page, "Recommendations")
    hours = page.get_by_label("Hours a month")
    hours.fill("10")
    page.get_by_role("button", name="Update the recommendations").click()
    settle(page)
    page.get_by_text("of your 120 hours").wait_for()
    # The note is drawn before the list: wait for the rest of that run before reading the list.
    settle(page)
    first_codes = _why_codes(page)
    assert first_codes
    add_all = page.get_by_role("button", name=re.compile(r"^Add all \d+ to my plan$"))
    added = int(re.search(r"\d+", add_all.inner_text()).group())
    first_hours = float(HOURS_NOTE.search(page.get_by_text(HOURS_NOTE).inner_text()).group(1))
    add_all.click()
    settle(page)
    page.get_by_text(re.compile(rf"Added {added} activities to your plan, with target dates from ")).wait_for()
    # Under load `settle` can return before the click's run has begun; the message says it has, and
    # what the page still shows below it may be left from the run before until this run ends.
    settle(page)

    covered = page.get_by_text(re.compile(r"^Your plan already works on \d+ of your \d+ gaps"))
    covered.wait_for()
    assert all(code in covered.inner_text() for code in first_codes)
    assert not _why_codes(page) & first_codes
    note = page.get_by_text(HOURS_NOTE).inner_text()
    assert "on top of £" in note and f" and {first_hours:g} hours already in your plan" in note, note
    assert page.get_by_label("Hours a month").input_value() == "10.00"
