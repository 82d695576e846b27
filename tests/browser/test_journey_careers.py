"""In a real browser: an EO records manager plans a route to Grade 7 knowledge manager."""

import pytest

from tests.browser.conftest import choose_option, create_profile, go_to, settle, shot

pytestmark = pytest.mark.browser


def test_an_eo_records_manager_plans_a_route_to_grade_7_knowledge_manager(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Dewi Morgan", "Executive Officer (EO): guide level 2",
                   target="Grade 7 (G7): guide level 3", role="Records manager")
    go_to(page, "Career paths")
    choose_option(page, page.get_by_role("combobox", name="To role"), "Knowledge manager")
    page.get_by_text("Fastest route: about").wait_for()
    page.get_by_text("Records manager (EO) →").first.wait_for()
    assert page.get_by_text("Knowledge manager (G7)").count() >= 1
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, "30-career-route")
    page.get_by_role("button", name="Add this route's activities to my plan").click()
    settle(page)
    page.get_by_text("activities from this route to your plan").wait_for()
