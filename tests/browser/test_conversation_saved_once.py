"""Conversations in a real browser: clicking Save the record twice keeps one record and sends each action once."""

import pytest
from playwright.sync_api import expect

from planner import store
from planner.domain.models import Conversation, PlanItem
from tests.browser.conftest import create_profile, go_to, settle, type_into_first_cell

pytestmark = pytest.mark.browser


def _saved(server, name: str, model) -> list:
    """What the server saved of one kind for the person with this name, read from its data folder."""
    repo = store.open_repository(server.data_dir)
    [person] = [p for p in repo.list_profiles() if p.name == name]
    return repo.list(model, person.id)



def test_a_double_click_and_a_third_click_on_save_make_one_record_and_one_plan_item(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Ceri Jones", "Executive Officer (EO): guide level 2",
                   target="Higher Executive Officer (HEO): guide level 2")
    create_profile(page, server, "Jo Bloggs", "Grade 7 (G7): guide level 3")
    go_to(page, "Mentees")
    page.get_by_role("button", name="Add as my mentee").click()
    settle(page)

    go_to(page, "Conversations")
    page.get_by_role("heading", name="Record the conversation").wait_for()
    actions = page.locator("[data-testid='stDataFrame']").nth(1)
    type_into_first_cell(page, actions, "Shadow the FOI officer for two weeks")
    notes = page.get_by_label("Notes on point 1", exact=False).first
    notes.fill("Evidence is thin; look for examples.")
    notes.press("Tab")
    settle(page)

    save = page.get_by_role("button", name="Save the record")
    save.dblclick()
    settle(page)
    page.get_by_text("Saved the record of").first.wait_for()
    # The form starts afresh for the next conversation, in the browser too.
    expect(page.get_by_label("Notes on point 1", exact=False).first).to_have_value("", timeout=30_000)
    save.click()  # once more, on the form as the browser now shows it
    settle(page)

    assert len(_saved(server, "Jo Bloggs", Conversation)) == 1
    objectives = [i.objective for i in _saved(server, "Ceri Jones", PlanItem)]
    assert objectives == ["Shadow the FOI officer for two weeks"]
