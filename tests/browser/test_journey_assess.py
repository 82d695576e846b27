"""A person rates themselves in a real browser, saves, and reads their gaps."""

import pytest

from tests.browser.conftest import create_profile, go_to, rate, settle, shot

pytestmark = pytest.mark.browser


def test_a_person_rates_saves_and_reads_their_gaps(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Priya Shah", "Executive Officer (EO): guide level 2",
                   target="Higher Executive Officer (HEO): guide level 2")

    go_to(page, "Assess yourself")
    for code in ("1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5"):
        rate(page, code, "3 Competent")
    rate(page, "2.1.1", "2 Developing")
    page.get_by_text("6 of 27 indicators rated").wait_for()
    shot(page, "10-assess")

    page.reload()
    settle(page)
    page.get_by_text("6 of 27 indicators rated").wait_for()

    page.get_by_role("button", name="Save assessment").click()
    settle(page)
    page.get_by_text("Saved your assessment of").wait_for()

    go_to(page, "Gaps and progress")
    page.get_by_text("For HEO (Level 2) you need 5 more indicators in Using, evaluating").wait_for()
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, "11-gaps")
