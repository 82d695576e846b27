"""A new user, in a real browser: creates a profile and searches the framework."""


import pytest

from tests.browser.conftest import choose_option, create_profile, settle, shot

pytestmark = pytest.mark.browser


def test_a_new_user_creates_a_profile_and_searches_the_framework(server, page):
    page.goto(server.url)
    settle(page)
    page.get_by_role("heading", name="KIM Pathways").wait_for()
    shot(page, "01-home")

    page.get_by_role("link", name="Create your profile").click()
    settle(page)
    page.get_by_label("Your name").fill("Gwen Evans")
    choose_option(page, page.get_by_role("combobox", name="Current grade"), "Executive Officer (EO): guide level 2")
    choose_option(page, page.get_by_role("combobox", name="Current role"), "Records manager")
    page.get_by_role("button", name="Create profile").click()
    settle(page)
    page.get_by_text("Created the profile of Gwen Evans").wait_for()
    shot(page, "02-profile-created")

    people = list((server.data_dir / "people").glob("*.json"))
    assert len(people) == 1
    assert "Gwen Evans" in people[0].read_text(encoding="utf-8")

    page.get_by_role("link", name="Framework explorer").click()
    settle(page)
    search = page.get_by_role("textbox", name="Search by words or codes")
    search.fill("retention")
    search.press("Enter")
    settle(page)
    page.get_by_text("2 of 54 indicators match.").wait_for()
    assert page.get_by_text("1.2.3", exact=True).count() == 1
    assert page.get_by_text("1.1.1", exact=True).count() == 0
    shot(page, "03-framework-search")


def test_the_profile_survives_a_browser_refresh_and_is_not_offered_to_another_browser(server, page, browser):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Rhodri Price", "Executive Officer (EO): guide level 2")
    page.reload()
    settle(page)
    page.get_by_text("You are using the profile of Rhodri Price").wait_for()

    stranger = browser.new_context().new_page()
    stranger.goto(server.url + "/")
    settle(stranger)
    stranger.get_by_role("heading", name="KIM Pathways").wait_for()
    assert stranger.get_by_text("You are using the profile of").count() == 0
    stranger.context.close()
