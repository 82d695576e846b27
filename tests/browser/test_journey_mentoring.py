"""In a real browser: a whole mentoring conversation, from the mentee's share file to the record sent back."""

import json

import pytest

from tests.browser.conftest import create_profile, go_to, rate, settle, shot, type_into_first_cell

pytestmark = pytest.mark.browser



def test_a_mentor_runs_a_conversation_from_a_share_file_to_an_exported_record(server, page, tmp_path):
    # The mentee rates themselves and downloads their share file.
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Ceri Jones", "Executive Officer (EO): guide level 2",
                   target="Higher Executive Officer (HEO): guide level 2")
    go_to(page, "Assess yourself")
    for code in ("1.1.1", "1.1.2"):
        rate(page, code, "3 Competent")
    page.get_by_role("button", name="Save assessment").click()
    settle(page)
    go_to(page, "My plan")
    with page.expect_download() as caught:
        page.get_by_role("button", name="JSON, to import on another computer").click()
    share = tmp_path / "ceri.json"
    caught.value.save_as(share)

    # The mentor imports it as a mentee.
    create_profile(page, server, "Jo Bloggs", "Grade 7 (G7): guide level 3")
    go_to(page, "Mentees")
    page.get_by_role("tab", name="From a share file").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(share))
    settle(page)
    page.get_by_role("button", name="Add or update the mentee").click()
    settle(page)
    page.get_by_text("Saved the share file of Ceri Jones").wait_for()
    shot(page, "40-mentee")

    # The mentor walks through the drafted agenda and records two agreed actions.
    go_to(page, "Conversations")
    page.get_by_role("heading", name="Agenda").wait_for()
    grids = page.locator("[data-testid='stDataFrame']")
    grids.nth(1).wait_for()
    actions = grids.nth(1)
    actions.scroll_into_view_if_needed()
    type_into_first_cell(page, actions, "Shadow the FOI officer for two weeks")
    page.wait_for_timeout(800)
    notes = page.get_by_label("Notes on point 1", exact=False).first
    notes.fill("Evidence is thin; look for examples.")
    notes.press("Tab")
    settle(page)
    page.get_by_role("button", name="Save the record").click()
    settle(page)
    page.get_by_text("Saved the record of").wait_for()
    shot(page, "41-conversation")

    # The record goes back as a file for the mentee, and as a PDF.
    with page.expect_download() as caught:
        page.get_by_role("button", name="File for your mentee (JSON)").click()
    returned = json.loads(open(caught.value.path(), encoding="utf-8").read())
    assert returned["format"] == "kim-pathways-mentor-return"
    objectives = [i["objective"] for i in returned["plan_items"]]
    assert objectives == ["Shadow the FOI officer for two weeks"]
    with page.expect_download() as caught:
        page.get_by_role("button", name="Record as PDF").click()
    assert open(caught.value.path(), "rb").read().startswith(b"%PDF")
