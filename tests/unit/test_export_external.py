"""A portfolio against a professional body's framework as PDF, Word and Markdown: readable back."""

from __future__ import annotations

from datetime import date

import pytest

from planner.documents import external as portfolio_export
from planner.domain import external
from planner.domain.models import Evidence, Rating
from planner.io import dataset
from tests import readback

EVIDENCE = Evidence(situation="Our team's shared drive was a mess <b>[link](http://x)</b>",
                    action="I wrote a retention schedule", result="Zoë found files in a minute")


@pytest.fixture(scope="module")
def portfolio(fw):
    ratings = {code: Rating(score=3) for code in fw.codes if code.startswith("1.")}
    ratings["1.2.3"] = Rating(score=4, evidence=EVIDENCE)
    ratings["2.2.3"] = Rating(score=2)
    cilip = dataset.load_mapping().framework("cilip-pksb")
    return external.build_portfolio(cilip, fw, ratings, "Ada Lovelace", date(2026, 10, 20), date(2026, 11, 1))


@pytest.fixture(scope="module")
def pdf_text(portfolio):
    reader = readback.pdf(portfolio_export.portfolio_pdf(portfolio))
    return reader, readback.pdf_text(reader)


@pytest.fixture(scope="module")
def word(portfolio):
    return readback.word(portfolio_export.portfolio_docx(portfolio))


@pytest.fixture(scope="module")
def markdown(portfolio) -> str:
    return portfolio_export.portfolio_markdown(portfolio).decode("utf-8")


def test_the_document_is_titled_for_the_body_award_and_person(portfolio):
    doc = portfolio_export.portfolio_document(portfolio)
    assert doc.title == "CILIP Chartership portfolio: Ada Lovelace"
    assert doc.author == "Ada Lovelace" and doc.subject == "CILIP Chartership portfolio"


def test_the_pdf_reads_back_with_title_purpose_summary_areas_and_evidence(pdf_text, portfolio):
    reader, text = pdf_text
    assert reader.metadata.title == "CILIP Chartership portfolio: Ada Lovelace"
    assert reader.metadata.author == "Ada Lovelace"
    assert "CILIP Chartership portfolio: Ada Lovelace" in text
    for words in ("Purpose", "Summary", "Coverage by area", "Records Management and Archiving",
                  "Evidence for 1.2.3", "I wrote a retention schedule", "Zoë found files in a minute",
                  "Still needed", "2.2.3 is rated 2 Developing", "Areas still to cover",
                  "You have evidence for 1 of the 16 areas"):
        assert words in text, words


def test_the_pdf_has_a_bookmark_for_each_area(pdf_text, portfolio):
    reader, _ = pdf_text
    found = set(readback.pdf_bookmarks(reader))
    assert {a.area.name for a in portfolio.areas} <= found


def test_the_word_document_has_headings_a_table_per_area_and_the_evidence(word, portfolio):
    assert word.core_properties.title == "CILIP Chartership portfolio: Ada Lovelace"
    assert word.core_properties.language == "en-GB"
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert {"Purpose", "Summary", "Coverage by area", "Evidence by area", "Areas still to cover"} <= set(headings)
    assert {a.area.name for a in portfolio.areas} <= set(headings)
    # Details, coverage, then one table per area.
    assert len(word.tables) == 2 + len(portfolio.areas)
    records = word.tables[2 + [a.area.id for a in portfolio.areas].index("records-archiving")]
    assert [c.text for c in word.tables[0].rows[0].cells] == ["Name", "Ada Lovelace"]  # details: no header row
    assert [c.text for c in records.rows[0].cells] == ["Indicator", "Statement", "Rating", "Met", "Evidence"]
    assert [c.text for c in records.rows[1].cells][::2] == ["1.2.3", "4 Expert", "Written"]
    assert [c.text for c in records.rows[2].cells][::2] == ["2.2.3", "2 Developing", "Not written"]
    body = "\n".join(p.text for p in word.paragraphs)
    assert "Action: I wrote a retention schedule" in body


def test_the_markdown_has_the_title_a_table_per_area_and_escapes_the_persons_text(markdown, portfolio):
    assert markdown.startswith("# CILIP Chartership portfolio: Ada Lovelace\n")
    assert markdown.count("| Indicator | Statement | Rating | Met | Evidence |") == len(portfolio.areas)
    assert "### Records Management and Archiving" in markdown
    assert "\\<b\\>\\[link\\](http://x)\\</b\\>" in markdown
    assert "<b>" not in markdown
    assert "- 2.2.3 is rated 2 Developing: it needs a rating of 3 or more" in markdown


def test_a_portfolio_with_every_area_covered_says_so(fw):
    cilip = dataset.load_mapping().framework("cilip-pksb")
    ratings = {code: Rating(score=4, evidence=EVIDENCE) for code in fw.codes}
    p = external.build_portfolio(cilip, fw, ratings, "Ada", None, date(2026, 11, 1))
    text = portfolio_export.portfolio_markdown(p).decode()
    assert "Every area has at least one indicator met with evidence." in text
    assert "Ratings not saved as an assessment yet" in text


@pytest.mark.parametrize("award", ["Certification", "Chartership", "Fellowship"])
def test_the_portfolio_is_titled_for_the_award_the_person_chose(fw, award):
    cilip = dataset.load_mapping().framework("cilip-pksb")
    assert award in cilip.award_choices
    chosen = external.build_portfolio(cilip, fw, {"1.1.1": Rating(score=3)}, "Ada Lovelace", None,
                                      date(2026, 11, 1), award=award)
    doc = portfolio_export.portfolio_document(chosen)
    assert doc.title == f"CILIP {award} portfolio: Ada Lovelace"
    assert doc.subject == f"CILIP {award} portfolio"
    markdown = portfolio_export.portfolio_markdown(chosen).decode("utf-8")
    assert markdown.startswith(f"# CILIP {award} portfolio: Ada Lovelace")


def test_no_cell_of_the_portfolio_says_none(markdown):
    cells = [cell.strip() for line in markdown.splitlines() if line.startswith("|") for cell in line.split("|")]
    assert "None" not in cells
