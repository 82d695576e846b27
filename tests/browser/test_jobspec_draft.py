"""Job specification in a real browser: what is typed is kept as a draft across pages and reloads until discarded."""

import pytest

from tests.browser.conftest import create_profile, go_to, leave_box, settle

pytestmark = pytest.mark.browser

SUMMARY = "The team keeps the department's records and helps colleagues find what they need."


def test_a_typed_job_summary_survives_another_page_and_a_reload_until_it_is_discarded(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Carys Hughes", "Grade 7 (G7): guide level 3")
    go_to(page, "Job specification")
    page.get_by_role("textbox", name="Team").fill("Knowledge and Information Management")
    leave_box(page, page.get_by_role("textbox", name="Team"))  # the person moves on to the next box
    summary = page.get_by_role("textbox", name="Job summary")
    summary.fill(SUMMARY)
    # The person leaves the box, then follows a sidebar link (see test_plan_keeps_what_is_typed).
    leave_box(page, summary)
    go_to(page, "Assess yourself")
    go_to(page, "Job specification")
    summary.wait_for()
    assert summary.input_value() == SUMMARY
    assert page.get_by_role("textbox", name="Team").input_value() == "Knowledge and Information Management"

    page.reload()
    settle(page)
    summary.wait_for()
    assert summary.input_value() == SUMMARY
    page.get_by_text("kept as you leave each box").wait_for()

    page.get_by_role("button", name="Discard this draft").click()
    settle(page)
    page.get_by_text("Discarded the draft").wait_for()
    assert summary.input_value() == ""
    go_to(page, "Assess yourself")
    go_to(page, "Job specification")
    summary.wait_for()
    assert summary.input_value() == ""


def test_without_a_profile_a_typed_job_summary_survives_another_page(server, page):
    page.goto(server.url + "/jobspec")
    settle(page)
    summary = page.get_by_role("textbox", name="Job summary")
    summary.fill(SUMMARY)
    leave_box(page, summary)  # as above: the box is left before the link is followed
    go_to(page, "Framework explorer")
    go_to(page, "Job specification")
    summary.wait_for()
    assert summary.input_value() == SUMMARY
    page.get_by_text("a reload loses it").wait_for()
