"""CPD log in a real browser: a year of CPD logged, a 250-word statement counted as it is typed, a revalidation-ready PDF."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from planner import store
from planner.domain import cpd, wording
from planner.domain.models import CpdEntry, RevalidationStatement
from tests import readback
from tests.browser.conftest import create_profile, go_to, settle, shot

pytestmark = pytest.mark.browser

COUNT = "#kim-word-count-cpd_statement"
SAID = "#kim-word-count-said-cpd_statement"
AWKWARD = ["", "one", "  two  words ", "well-known records-management", "20 hours in 2026, 12.5 formal",
           "GDPR – FOI — both", "- a list\n- of two", "e.g. ISO 15489:2016", "café naïve Ærø",
           "tab\tand\u00a0odd\u2003spaces\u3000here", "& / ... ?", "don't\n\n\nstop"]


def _saved(server, name: str):
    repo = store.open_repository(server.data_dir)
    [person] = [p for p in repo.list_profiles() if p.name == name]
    return repo.list(CpdEntry, person.id), repo.get(RevalidationStatement, person.id, "current")


def _log(page, on: date, hours: str, kind: str, title: str, learned: str) -> None:
    form = page.get_by_test_id("stForm").first
    # The date is three boxes (day, month, year), each moving on to the next once it is full.
    form.get_by_role("spinbutton", name="day, Date").click()
    page.keyboard.type(on.strftime("%d%m%Y"))
    form.get_by_role("spinbutton", name="Hours").fill(hours)
    form.get_by_text(cpd.KIND_LABELS[kind], exact=True).click()
    form.get_by_role("textbox", name="What you did").fill(title)
    form.get_by_role("textbox", name="What I learned").fill(learned)
    form.get_by_role("button", name="Add to my CPD log").click()
    settle(page)
    page.get_by_text(f"Logged {cpd.hours_text(float(hours))} of CPD").wait_for()


def test_a_year_of_cpd_a_counted_statement_and_a_revalidation_ready_log(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Carys Jones", "Higher Executive Officer (HEO): guide level 2")
    go_to(page, "CPD log")
    today = date.today()
    year = [(today - timedelta(days=330), "7.5", "formal", "BCS Foundation Certificate in Data Protection"),
            (today - timedelta(days=180), "10", "experience", "Led the team's records review"),
            (today - timedelta(days=20), "3", "others", "Shadowed the data protection officer")]
    for on, hours, kind, title in year:
        _log(page, on, hours, kind, title, f"What {title} taught me")
    logged, _ = _saved(server, "Carys Jones")
    assert sorted((e.done_on, e.hours, e.kind) for e in logged) == sorted(
        (on, float(hours), kind) for on, hours, kind, _ in year)
    page.get_by_text(f"20.5 hours in the 12 months to {wording.long_date(today)}: enough for revalidation").first.wait_for()

    # The browser counts by the same rule as the server.
    for text in AWKWARD:
        counted = page.evaluate("([text, spaces]) => window.kimCountWords(text, spaces)", [text, cpd.SPACES])
        assert counted == cpd.word_count(text), text

    box = page.get_by_role("textbox", name="Your reflective statement")
    count = page.locator(COUNT)
    expect(count).to_have_text("0 of 250 words")
    box.fill(" ".join(["reflection"] * 249))
    expect(count).to_have_text("249 of 250 words")  # while the box is still being typed in
    box.press_sequentially(" learned")
    expect(count).to_have_text("250 of 250 words")
    expect(page.locator(SAID)).to_have_text("250 of 250 words", timeout=5_000)  # said once typing pauses
    assert box.evaluate("el => el === document.activeElement")  # not left yet, so not sent yet
    assert _saved(server, "Carys Jones")[1] is None
    box.press_sequentially(" again")
    expect(count).to_contain_text("251 words: 1 over the 250-word limit for CILIP revalidation")
    shot(page, "cpd-statement-over-the-limit")

    box.press("Tab")  # leaving the box sends it: the server keeps it and counts it the same way
    settle(page)
    expect(count).to_contain_text("251 words: 1 over the 250-word limit")
    assert cpd.word_count(_saved(server, "Carys Jones")[1].text) == 251
    page.reload()
    settle(page)
    box = page.get_by_role("textbox", name="Your reflective statement")
    box.wait_for()
    assert cpd.word_count(box.input_value()) == 251
    expect(page.locator(COUNT)).to_contain_text("251 words: 1 over")

    with page.expect_download() as caught:
        page.get_by_role("button", name="CPD log and statement (PDF)").click()
    data = open(caught.value.path(), "rb").read()
    text = readback.pdf_text(data)
    assert data.startswith(b"%PDF") and "Carys Jones" in text
    for on, _hours, kind, title in year:
        assert wording.long_date(on) in text and title in text and cpd.KIND_LABELS[kind] in text
    assert "20.5 hours in the 12 months" in text and "251 words: 1 over the 250-word limit" in text
