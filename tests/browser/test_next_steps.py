"""Journeys that lead on, in a real browser: from a new profile to the assessment, and back in a new browser."""

import pytest

from tests.browser.conftest import choose_option, create_profile, settle

pytestmark = pytest.mark.browser


def test_a_new_profile_leads_to_the_assessment_and_a_new_browser_to_the_profile_chooser(server, page, browser):
    create_profile(page, server, "Megan Hughes", "Executive Officer (EO): guide level 2")
    main = page.get_by_test_id("stMain")
    main.get_by_text("Next step:").wait_for()
    main.get_by_role("link", name="Assess yourself").click()
    settle(page)
    page.locator("[data-testid=stMain] h1").filter(has_text="Assess yourself").wait_for()

    # The same person comes back in another browser, which remembers no one.
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        again = other.new_page()
        again.set_default_timeout(20_000)
        again.goto(server.url)
        settle(again)
        again.get_by_text("Choose your profile in the sidebar").wait_for()
        assert again.get_by_test_id("stMain").get_by_role("link", name="Create your profile").count() == 0
        chooser = again.get_by_test_id("stSidebar").get_by_role("combobox", name="Profile")
        choose_option(again, chooser, "Megan Hughes")
        again.get_by_text("You are using the profile of Megan Hughes.").wait_for()
        again.get_by_text("You have not rated yourself yet.").wait_for()
        assert again.get_by_test_id("stMain").get_by_role("link", name="Assess yourself").count() == 1
    finally:
        other.close()
