"""My plan in a real browser: what a person types or edits is not lost by leaving, reloading or filtering."""

import time

import pytest
from playwright.sync_api import expect

from planner import store
from planner.domain.models import PlanItem, PlanItemDraft
from tests.browser.conftest import choose_option, create_profile, go_to, settle, type_into_first_cell

pytestmark = pytest.mark.browser


def _saved_objectives(server, name: str) -> list[str]:
    """What the server saved as the objectives of the person's plan, read from its data folder."""
    repo = store.open_repository(server.data_dir)
    [person] = [p for p in repo.list_profiles() if p.name == name]
    return sorted(i.objective for i in repo.list(PlanItem, person.id))


def _wait_for_draft(server, name: str, objective: str, seconds: float = 30) -> None:
    """Wait until the server has kept the new item's objective as the person's draft (it does so as the box is left)."""
    deadline = time.monotonic() + seconds
    while True:
        repo = store.open_repository(server.data_dir)
        [person] = [p for p in repo.list_profiles() if p.name == name]
        draft = repo.get(PlanItemDraft, person.id, "new-item")
        if draft is not None and draft.objective == objective:
            return
        assert time.monotonic() < deadline, f"the objective left in its box was not kept as a draft: {draft}"
        time.sleep(0.2)


def _add_item(page, objective: str, indicator: str | None = None) -> None:
    page.get_by_role("textbox", name="Objective").fill(objective)
    if indicator:
        picker = page.get_by_role("combobox", name="Indicators it develops")
        picker.click()
        picker.press_sequentially(indicator)
        page.get_by_role("option").filter(has_text=f"{indicator} ").first.click()
        page.keyboard.press("Escape")
        settle(page)
    page.get_by_role("button", name="Add to my plan").click()
    settle(page)
    page.get_by_text("Added the item to your plan.").wait_for()



def test_an_edit_in_the_plan_table_survives_a_filter_change_and_its_saved_message_stays(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Nia Evans", "Executive Officer (EO): guide level 2")
    go_to(page, "My plan")
    _add_item(page, "Run a records-review workshop", indicator="1.1.1")
    _add_item(page, "Write the retention schedule")

    grid = page.locator("[data-testid='stDataFrame']").first
    type_into_first_cell(page, grid, "Run two records-review workshops")
    # Showing only skill 1 leaves one row of two: the table is drawn again from other data.
    choose_option(page, page.get_by_role("combobox", name="Show items for"),
                  "Skill 1: Using, evaluating and exploiting knowledge and information")
    page.keyboard.press("Escape")
    settle(page)
    page.get_by_role("button", name="Save changes").click()
    settle(page)

    saved = page.get_by_text("Saved changes to 1 item.")
    saved.wait_for()
    page.wait_for_timeout(2000)  # long enough for any rerun the grid asks for after a save
    settle(page)
    assert saved.is_visible()
    objectives = _saved_objectives(server, "Nia Evans")
    assert "Run two records-review workshops" in objectives, objectives


def test_the_saved_changes_message_stays_on_the_page_after_the_table_redraws(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Owen Price", "Executive Officer (EO): guide level 2")
    go_to(page, "My plan")
    _add_item(page, "Run a records-review workshop")

    type_into_first_cell(page, page.locator("[data-testid='stDataFrame']").first, "Run a workshop for the team")
    page.get_by_role("button", name="Save changes").click()
    settle(page)

    saved = page.get_by_text("Saved changes to 1 item.")
    saved.wait_for()
    page.wait_for_timeout(2000)  # long enough for any rerun the grid asks for after a save
    settle(page)
    assert saved.is_visible()
    assert "Run a workshop for the team" in _saved_objectives(server, "Owen Price")


def test_an_objective_typed_then_left_by_a_sidebar_link_or_a_reload_is_still_there(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Rhys Morgan", "Executive Officer (EO): guide level 2")
    go_to(page, "My plan")
    objective = page.get_by_role("textbox", name="Objective")
    objective.fill("Map the team's information assets by the end of March")
    # The person leaves the box, then follows a sidebar link. (A link clicked while the text is
    # still in the box also moves the focus out first, but when the server is busy Streamlit can
    # merge the box's message into the page change's, which carries only the sidebar's widgets:
    # README, "Where your data is kept".)
    objective.press("Tab")
    settle(page)
    # As a person sees the box taken before moving on: on a busy machine the box's message can still
    # be on its way after the page first looks idle, and a link clicked then is the merge above.
    _wait_for_draft(server, "Rhys Morgan", "Map the team's information assets by the end of March")
    go_to(page, "Assess yourself")
    go_to(page, "My plan")
    assert objective.input_value() == "Map the team's information assets by the end of March"

    page.get_by_role("textbox", name="Activity").fill("Shadow the information asset owner")
    page.get_by_role("textbox", name="Activity").press("Tab")  # the person moves on to the next box
    settle(page)
    page.reload()
    settle(page)
    objective.wait_for()
    assert objective.input_value() == "Map the team's information assets by the end of March"
    assert page.get_by_role("textbox", name="Activity").input_value() == "Shadow the information asset owner"
    page.get_by_text("kept as you leave each box").wait_for()
    page.get_by_role("button", name="Add to my plan").click()
    settle(page)
    page.get_by_text("Added the item to your plan.").wait_for()
    # Added, so the boxes start again (the browser may draw the emptied box a moment after the message).
    expect(objective).to_have_value("", timeout=30_000)
    assert "Map the team's information assets by the end of March" in _saved_objectives(server, "Rhys Morgan")
