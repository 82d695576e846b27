"""Job specification in a real browser: a lead writes a post with behaviours and weights, saves it, and reopens
it after a reload to download its weighted sift sheet."""

import pytest

from tests.browser.conftest import create_profile, go_to, settle, shot

pytestmark = pytest.mark.browser

NAME = "HEO records manager, 2027"


def _edit_cell(page, grid, row: int, share_across: float, text: str) -> None:
    """Type into one cell of a Streamlit data editor (a canvas grid): its row, and how far across its column is."""
    grid.scroll_into_view_if_needed()
    grid.locator("canvas").first.wait_for()
    box = grid.bounding_box()
    page.mouse.dblclick(box["x"] + box["width"] * share_across, box["y"] + 35 * (row + 1) + 17)
    editor = page.locator(".gdg-input, .gdg-growing-entry textarea").first
    editor.wait_for()
    editor.fill(text)
    page.keyboard.press("Enter")  # keep the value
    settle(page)


def _behaviours(page) -> list[str]:
    chosen = page.get_by_test_id("stMultiSelect").filter(has_text="Behaviours the post assesses")
    return [tag.get_attribute("aria-label") for tag in chosen.locator("[data-tag]").all()]


def test_a_lead_saves_an_heo_post_with_four_behaviours_and_weights_and_reopens_it_after_a_reload(
        server, page, tmp_path):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Lowri Lead", "Grade 7 (G7): guide level 3")
    go_to(page, "Job specification")
    page.get_by_text("each behaviour is assessed at level 3 (HEO and SEO)").wait_for()

    # Four behaviours: the suggestion without Delivering at Pace, with Managing a Quality Service.
    page.get_by_role("button", name="Remove Delivering at Pace").click()
    settle(page)
    picker = page.get_by_test_id("stMultiSelect").filter(has_text="Behaviours the post assesses").locator("input")
    picker.click()
    picker.press_sequentially("Managing")
    page.get_by_role("option", name="Managing a Quality Service").click()
    page.keyboard.press("Escape")
    settle(page)
    chosen = ["Seeing the Big Picture", "Communicating and Influencing", "Working Together",
              "Managing a Quality Service"]
    assert _behaviours(page) == chosen
    page.get_by_text("Managing a Quality Service").first.wait_for()

    # Weights and a pass mark in the behaviours' table (columns: behaviour, pass mark, weight).
    behaviours_grid = page.locator("[data-testid='stDataFrame']").nth(1)
    _edit_cell(page, behaviours_grid, 0, 0.85, "2")  # Seeing the Big Picture counts twice
    _edit_cell(page, behaviours_grid, 3, 0.85, "3")  # Managing a Quality Service three times
    _edit_cell(page, behaviours_grid, 1, 0.55, "5")  # Communicating and Influencing passes at 5
    page.get_by_role("textbox", name="Team").fill("Knowledge and Information Management")
    page.get_by_role("textbox", name="Team").press("Tab")
    settle(page)

    name = page.get_by_role("textbox", name="Name to save it under")
    name.fill(NAME)
    name.press("Tab")
    settle(page)
    page.get_by_role("button", name="Save this job specification").click()
    settle(page)
    page.get_by_text(f"Saved the job specification '{NAME}'").wait_for()
    shot(page, "52-job-specification-saved")

    # Another post is started, and the page reloaded: the saved one is still there to reopen.
    page.get_by_role("button", name="Discard this draft").click()
    settle(page)
    page.reload()
    settle(page)
    page.get_by_text("Your saved job specifications").wait_for()
    page.locator("[data-tag][aria-label='Delivering at Pace']").wait_for()  # the suggested four again
    page.get_by_role("heading", name="6. Download").wait_for()
    page.get_by_role("button", name="Reopen it").click()
    settle(page)
    page.get_by_text(f"Reopened '{NAME}'").wait_for()
    page.locator("[data-tag][aria-label='Managing a Quality Service']").wait_for()
    assert _behaviours(page) == chosen
    assert page.get_by_role("textbox", name="Team").input_value() == "Knowledge and Information Management"

    with page.expect_download() as caught:
        page.get_by_role("button", name="Sift sheet (Excel)").click()
    from openpyxl import load_workbook

    path = tmp_path / "sift.xlsx"
    caught.value.save_as(path)
    sheet = load_workbook(path)["Sift"]
    header = [cell.value for cell in sheet[1]]
    assert header[1:5] == [f"[E] Behaviour: {b}" for b in chosen]
    assert [cell.value for cell in sheet[2]][:5] == ["Pass mark", 4, 5, 4, 4]
    assert [cell.value for cell in sheet[3]][:5] == ["Weight", 2, 1, 1, 3]
    assert header[-3] == "Weighted total" and "SUMPRODUCT(" in sheet.cell(4, len(header) - 2).value
    assert load_workbook(path)["Scoring guide"].cell(2, 2).value == "Outstanding"
