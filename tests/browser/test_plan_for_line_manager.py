"""My plan in a real browser: the line manager's part is kept through a reload and goes into the Word PDP
with the STAR evidence of the person's saved self-assessment."""

from datetime import date

import pytest

from planner import store
from planner.domain.models import Assessment, Evidence, PdpDetails, Rating
from tests import readback
from tests.browser.conftest import create_profile, go_to, settle

pytestmark = pytest.mark.browser

STAR = Evidence(situation="Nobody could find the team's guidance.", task="Make it findable in a week.",
                action="Moved it to one intranet page with a search box.", result="Queries about it fell by half.")
SUPPORT = "An hour a month with you to review the intranet page."


def _fill(page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    box.press("Tab")  # the person moves on to the next box
    settle(page)


def test_a_person_fills_in_the_line_managers_part_reloads_and_downloads_the_word_pdp_with_it(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Ffion Hughes", "Executive Officer (EO): guide level 2")
    repo = store.open_repository(server.data_dir)
    [person] = [p for p in repo.list_profiles() if p.name == "Ffion Hughes"]
    repo.add(Assessment(profile_id=person.id, taken_on=date.today(),
                        ratings={"1.1.1": Rating(score=3, evidence=STAR), "1.1.2": Rating(score=2)}))

    go_to(page, "My plan")
    _fill(page, "Your line manager's name", "Sam Lee")
    _fill(page, "Support you need from your line manager", SUPPORT)
    _fill(page, "Cost to approve", "No cost")
    _fill(page, "Time needed to approve", "Half a day a month")
    saved = repo.get(PdpDetails, person.id, "current")
    assert saved is not None and saved.time_needed == "Half a day a month", saved

    page.reload()
    settle(page)
    support = page.get_by_role("textbox", name="Support you need from your line manager")
    support.wait_for()
    assert support.input_value() == SUPPORT
    assert page.get_by_role("textbox", name="Your line manager's name").input_value() == "Sam Lee"
    assert page.get_by_role("textbox", name="Time needed to approve").input_value() == "Half a day a month"

    with page.expect_download() as caught:
        page.get_by_role("button", name="Word, to edit").click()
    with open(caught.value.path(), "rb") as file:
        document = readback.word(file.read())
    text = readback.word_text(document)
    for written in ("Evidence against the framework", "1.1.1", STAR.situation, STAR.task, STAR.action, STAR.result,
                    "For your line manager", SUPPORT, "No cost", "Half a day a month", "Sam Lee",
                    "Signed (member of staff)", "Signed (line manager)"):
        assert written in text, written
    headings = list(readback.word_headings(document))
    assert any(h.startswith("1.1.1 ") for h in headings), headings
    assert not any(h.startswith("1.1.2 ") for h in headings), headings  # rated without evidence: left out
