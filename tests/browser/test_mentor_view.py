"""In a real browser: the mentee sees her mentor's ratings after importing his file; Mentees survives a refusal."""

from datetime import UTC, date, datetime

import pytest

from planner import store
from planner.domain.models import Conversation, Mentee, MentorRating, Rating
from planner.services import mentoring as mentoring_service
from tests.browser.conftest import choose_option, create_profile, go_to, rate, settle, shot

pytestmark = pytest.mark.browser


def _profile_id(server, name: str) -> str:
    return next(ref.id for ref in store.open_repository(server.data_dir).list_profiles() if ref.name == name)


def test_the_mentee_sees_her_mentors_ratings_and_comments_on_gaps_after_importing_his_file(server, page, tmp_path, fw):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Priya Shah", "Executive Officer (EO): guide level 2",
                   target="Higher Executive Officer (HEO): guide level 2")
    go_to(page, "Assess yourself")
    for code in ("1.1.1", "1.1.2"):
        rate(page, code, "4 Expert")
    page.get_by_role("button", name="Save assessment").click()
    settle(page)

    # The file her mentor sends back after their conversation, as his installation writes it.
    priya = _profile_id(server, "Priya Shah")
    mentee = Mentee(profile_id="alex", mentee_profile_id=priya, name="Priya Shah", source="share")
    rating = MentorRating(profile_id="alex", mentee_id=mentee.id, taken_on=date(2026, 11, 20),
                          ratings={"1.1.1": Rating(score=2, comment="Show me two examples from the review"),
                                   "1.1.2": Rating(score=2)},
                          comment="A strong start: gather the evidence before our next meeting.")
    conversation = Conversation(profile_id="alex", mentee_id=mentee.id, held_on=date(2026, 11, 20))
    returned = tmp_path / "from-alex.json"
    returned.write_bytes(mentoring_service.return_file("Alex Morgan", mentee, [rating], conversation, fw,
                                               datetime(2026, 11, 20, 15, tzinfo=UTC)))

    go_to(page, "My plan")
    page.get_by_role("heading", name="What your mentor sends back").scroll_into_view_if_needed()
    page.get_by_label("File from your mentor (JSON, up to 5 MB)").locator(
        "[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(returned))
    settle(page)
    page.get_by_role("button", name="Add it to my plan").click()
    settle(page)
    page.get_by_text("Added 1 set of ratings from Alex Morgan").wait_for()

    go_to(page, "Gaps and progress")
    page.get_by_role("heading", name="Your mentor's view").wait_for()
    page.get_by_text("Alex Morgan rated 2 indicators.", exact=False).wait_for()
    page.get_by_text("2 are rated 2 or more points apart: 1.1.1, 1.1.2.", exact=False).wait_for()
    page.get_by_text("A strong start: gather the evidence before our next meeting.").wait_for()
    # The grid is drawn on a canvas; its cells are also written into a table for screen readers.
    grid = page.locator("[data-testid='stDataFrame']").filter(
        has=page.locator("th[role='columnheader']", has_text="Mentor's comment"))
    grid.scroll_into_view_if_needed()
    grid.locator("td[role='gridcell']", has_text="Show me two examples from the review").wait_for(state="attached")
    shot(page, "60-mentors-view-on-gaps")


def test_refusing_a_mentee_already_added_keeps_the_rest_of_mentees_on_screen(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Tom Okafor", "Executive Officer (EO): guide level 2")
    create_profile(page, server, "Alex Morgan", "Grade 7 (G7): guide level 3")
    go_to(page, "Mentees")
    local = page.get_by_test_id("stTabs").get_by_role("combobox", name="Profile")
    choose_option(page, local, "Tom Okafor")
    page.get_by_role("button", name="Add as my mentee").click()
    settle(page)
    page.get_by_text("Added Tom Okafor as your mentee.").wait_for()

    choose_option(page, local, "Tom Okafor")
    page.get_by_role("button", name="Add as my mentee").click()
    settle(page)
    page.get_by_text("Tom Okafor is already one of your mentees.").wait_for()
    page.get_by_role("heading", name="Your ratings of them").wait_for()
    page.get_by_role("button", name="Save my ratings").wait_for()
    shot(page, "61-mentees-after-a-refusal")

