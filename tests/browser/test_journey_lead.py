"""In a real browser: a hiring manager writes a job advert and sift sheet; a lead sees a team's capability."""


import pytest

from tests.browser.conftest import choose_option, create_profile, go_to, rate, settle, shot

pytestmark = pytest.mark.browser


def test_a_hiring_manager_builds_an_advert_and_a_sift_sheet_for_an_heo_records_manager(server, page, tmp_path):
    page.goto(server.url)
    settle(page)
    go_to(page, "Job specification")
    page.get_by_text("Levels the post asks for:").wait_for()
    page.get_by_role("textbox", name="Team").fill("Knowledge and Information Management")
    page.get_by_role("textbox", name="Location").fill("Cardiff")
    page.get_by_role("textbox", name="Salary band").fill("£36,000 to £42,000")
    page.get_by_role("textbox", name="Responsibilities, one on each line").fill("Run the records review")
    page.get_by_role("textbox", name="Responsibilities, one on each line").press("Tab")
    settle(page)
    shot(page, "50-job-specification")
    with page.expect_download() as caught:
        page.get_by_role("button", name="Word, to edit").click()
    import docx

    document = docx.Document(caught.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Job advert: Records manager" in text and "Essential criteria" in text
    with page.expect_download() as caught:
        page.get_by_role("button", name="Sift sheet (Excel)").click()
    from openpyxl import load_workbook

    sheet = tmp_path / "sift.xlsx"
    caught.value.save_as(sheet)
    rows = [row[0].value for row in load_workbook(sheet)["Sift"].iter_rows(max_row=4, max_col=1)]
    assert rows == ["Candidate", "Pass mark", "Weight", "Candidate 1"]


def test_a_lead_sees_the_capability_of_a_team(server, page):
    page.goto(server.url)
    settle(page)
    for name, code in (("Alys Rowe", "1.1.1"), ("Bryn Hale", "1.1.2")):
        create_profile(page, server, name, "Executive Officer (EO): guide level 2")
        go_to(page, "Assess yourself")
        rate(page, code, "4 Expert")
        page.get_by_role("button", name="Save assessment").click()
        settle(page)
    go_to(page, "Team capability")
    picker = page.get_by_role("combobox", name="People who use this installation")
    for name in ("Alys Rowe", "Bryn Hale"):
        choose_option(page, picker, name)
        page.keyboard.press("Escape")
    settle(page)
    page.get_by_text("2 people").first.wait_for()
    page.get_by_role("heading", name="Biggest shared gaps").wait_for()
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, "51-team")
    page.get_by_test_id("stCheckbox").get_by_text("Hide names", exact=True).click()
    settle(page)
    assert page.get_by_text("Person 1").count() >= 1
