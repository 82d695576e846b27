"""A person builds a plan from their gaps in a real browser and downloads it as a PDF."""

import io
import re

import pytest

from tests.browser.conftest import create_profile, go_to, rate, settle, shot

pytestmark = pytest.mark.browser


def test_a_person_plans_from_their_gaps_and_downloads_the_pdf(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Tomos Prys", "Administrative Officer (AO): guide level 1",
                   target="Executive Officer (EO): guide level 2")
    go_to(page, "Assess yourself")
    for code in ("1.1.1", "1.1.2", "1.1.3"):
        rate(page, code, "3 Competent")
    rate(page, "1.1.4", "1 Aware")
    page.get_by_role("button", name="Save assessment").click()
    settle(page)

    go_to(page, "My plan")
    page.get_by_role("textbox", name="Objective").fill("Set up a team channel and run it for three months")
    picker = page.get_by_role("combobox", name="Indicators it develops")
    picker.click()
    picker.press_sequentially("1.1.4 (gap)")
    page.get_by_role("option").filter(has_text="1.1.4 (gap)").first.click()
    page.keyboard.press("Escape")
    page.get_by_role("textbox", name="Activity").fill("Shadow the knowledge manager")
    page.get_by_role("button", name="Add to my plan").click()
    settle(page)
    page.get_by_text("Added the item to your plan.").wait_for()
    page.wait_for_timeout(500)
    shot(page, "20-plan")

    with page.expect_download() as caught:
        page.get_by_role("button", name="PDF, to print or send").click()
    pdf_bytes = open(caught.value.path(), "rb").read()
    assert pdf_bytes.startswith(b"%PDF")

    from pypdf import PdfReader

    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert "Tomos Prys" in text
    assert "Set up a team channel" in text
    assert "1.1.4" in text

    go_to(page, "Recommendations")
    page.get_by_role("button", name="Update the recommendations").click()
    settle(page)
    page.get_by_text("of your £500 budget").wait_for()
    shot(page, "21-recommendations")
    add_all = page.get_by_role("button", name=re.compile(r"^Add all \d+ to my plan$"))
    add_all.click()
    settle(page)
    page.get_by_text(re.compile(r"Added \d+ activities to your plan")).wait_for()
