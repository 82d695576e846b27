"""In a real browser, on a framework of another shape: the invented Data Management Professional Framework
(5 skills x 6 levels, codes like DM-3-2) is the one in use, with its curriculum and roles imported before the
server starts. A person creates a profile, rates DM indicators at levels 5 and 6, saves, reads gaps that name
DM codes and adds a recommendation to their plan."""

from __future__ import annotations

import pytest

from planner import store
from planner.domain.models import Assessment, PlanItem
from tests import shapes
from tests.browser.conftest import Server, choose_option, create_profile, go_to, rate, settle, shot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dm_server(tmp_path_factory):
    """A server whose data folder has the DM pack in use (and its curriculum and roles) before it starts."""
    data_dir = tmp_path_factory.mktemp("another-shape") / "data"
    data_dir.mkdir()
    shapes.install_dm(store.open_repository(data_dir))
    running = Server(data_dir)
    yield running
    running.stop()


def test_a_person_rates_dm_indicators_at_levels_five_and_six_and_plans_from_the_gaps(dm_server, page):
    dm = shapes.dm_framework()
    page.goto(dm_server.url)
    settle(page)
    page.get_by_text("Read the Data Management Professional Framework: 5 skills").wait_for()
    create_profile(page, dm_server, "Dana Kaur", "Senior Executive Officer (SEO): guide level 3",
                   target="Grade 6 (G6): guide level 5", role="Data steward")

    go_to(page, "Assess yourself")
    page.get_by_text("0 of 60 indicators rated").wait_for()  # up to level 5, which G6 asks
    choose_option(page, page.get_by_role("combobox", name="Levels to rate"), "Levels 1 to 6")
    page.get_by_text("0 of 70 indicators rated").wait_for()
    rate(page, "DG-5-1", "3 Competent")
    rate(page, "DG-6-1", "4 Expert")
    page.get_by_role("radiogroup", name="Skill to rate").get_by_text("Skill 3:", exact=False).click()
    settle(page)
    page.get_by_role("heading", name="Skill 3: Data modelling and metadata (DM)").wait_for()
    rate(page, "DM-5-2", "2 Developing")
    rate(page, "DM-6-1", "3 Competent")
    page.get_by_text("4 of 70 indicators rated").wait_for()
    shot(page, "70-another-shape-assess")
    page.get_by_role("button", name="Save assessment").click()
    settle(page)
    page.get_by_text("Saved your assessment of").wait_for()

    repo = store.open_repository(dm_server.data_dir)
    person = next(p for p in repo.list_profiles() if p.name == "Dana Kaur")
    (saved,) = repo.list(Assessment, person.id)
    assert saved.framework_version == dm.ref
    assert {c: r.score for c, r in saved.ratings.items()} == {"DG-5-1": 3, "DG-6-1": 4, "DM-5-2": 2, "DM-6-1": 3}

    go_to(page, "Gaps and progress")
    page.get_by_text("You do not yet meet every Level 1 indicator in any skill.").wait_for()
    page.get_by_text("indicators in Data modelling and metadata (DM): DM-1-1,", exact=False).wait_for()
    page.get_by_text("DM-5-2", exact=False).first.wait_for()
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, "71-another-shape-gaps")

    go_to(page, "Recommendations")
    page.get_by_text("Activities from the curriculum that close your gaps").wait_for()
    first = page.get_by_role("button", name="Add to my plan").first
    first.click()
    settle(page)
    page.get_by_text("to your plan, due").wait_for()
    shot(page, "72-another-shape-recommendations")
    (item,) = repo.list(PlanItem, person.id)
    assert item.indicators and all(code in dm.codes for code in item.indicators)

    go_to(page, "My plan")
    page.get_by_text("The plan works on", exact=False).wait_for()  # of the DM gaps, by the item's DM codes
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, "73-another-shape-plan")
