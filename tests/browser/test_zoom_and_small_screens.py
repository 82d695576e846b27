"""The main pages at 200% zoom and on a phone-sized screen: nothing needs scrolling sideways."""

from datetime import date, timedelta

import pytest

from tests.browser.conftest import Server, settle, shot

pytestmark = pytest.mark.browser

# The pages a person uses most, by their title in the navigation, and the name of their screenshot.
MAIN_PAGES = {
    "Home": "home",
    "Your profile": "profile",
    "Assess yourself": "assess",
    "Gaps and progress": "gaps",
    "My plan": "plan",
    "Recommendations": "recommendations",
    "Career paths": "careers",
}

# 200% zoom of a 1280 x 900 screen is a 640 x 450 CSS-pixel window; a scale factor of 2 draws it
# as sharply as the zoomed page would be. 390 pixels is the width of a common phone.
SCREENS = {
    "zoom200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
    "w390": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1},
}

OVERFLOW = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  return {scrollWidth: main.scrollWidth, clientWidth: main.clientWidth,
          wider: [...main.querySelectorAll('[data-testid=stMainBlockContainer] *')]
            .filter(e => e.getBoundingClientRect().right > main.clientWidth + 1
                         && !e.closest('[data-testid=stDataFrame], [data-testid=stVegaLiteChart], '
                                       + '[data-testid=stTable]'))
            .slice(0, 5).map(e => (e.dataset.testid || e.tagName) + ': ' + (e.innerText || '').slice(0, 40))};
}"""


@pytest.fixture(scope="module")
def arranged_server(tmp_path_factory):
    """A server whose one profile has two saved assessments and a plan item, so every chart shows."""
    from planner import store
    from planner.domain.models import Assessment, PlanItem, Profile, Rating
    from planner.io import shipped

    data_dir = tmp_path_factory.mktemp("zoom") / "data"
    data_dir.mkdir()
    fw = shipped.load_framework()
    repo = store.open_repository(data_dir)
    person = Profile(name="Nia Roberts", current_grade="EO", current_role="Records manager",
                     target_grade="HEO", target_role="Knowledge manager")
    repo.save_profile(person)
    level_1 = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1}
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 9, 1), ratings=level_1))
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 11, 1),
                        ratings=level_1 | {"2.1.1": Rating(score=3), "2.2.1": Rating(score=1)}))
    repo.put(PlanItem(profile_id=person.id, indicators=["2.2.1"], activity_title="Shadow the records manager",
                      objective="Draft a retention schedule for the team's shared drive, approved by the "
                                "Information Asset Owner", target_date=date.today() + timedelta(days=90)))
    running = Server(data_dir)
    yield running
    running.stop()


def _sidebar_open(page) -> bool:
    return page.get_by_test_id("stSidebar").get_attribute("data-collapsed") == "false"


def _open_page(page, title: str) -> None:
    """Follow the page's link in the sidebar as a person would on a narrow screen: open the sidebar,
    follow the link, close the sidebar again (Streamlit leaves it open over the page)."""
    if not _sidebar_open(page):
        page.get_by_test_id("stExpandSidebarButton").click()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    settle(page)
    heading = "KIM Pathways" if title == "Home" else title
    page.locator("[data-testid=stMain] h1").filter(has_text=heading).wait_for()
    if _sidebar_open(page):
        page.get_by_test_id("stSidebarCollapseButton").get_by_role("button").click()
    page.wait_for_timeout(600)  # charts are drawn after the script has run


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_main_pages_fit_the_width_of_a_zoomed_or_small_screen(arranged_server, browser, screen):
    context = browser.new_context(**SCREENS[screen])
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(arranged_server.url)
        settle(page)
        overflowing = {}
        for title, name in MAIN_PAGES.items():
            _open_page(page, title)
            measured = page.evaluate(OVERFLOW)
            if measured["scrollWidth"] > measured["clientWidth"] + 1:
                overflowing[title] = measured
            shot(page, f"{screen}-{name}")
        assert not overflowing, f"pages that scroll sideways at {screen}: {overflowing}"
    finally:
        context.close()
