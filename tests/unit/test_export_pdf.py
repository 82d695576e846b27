"""The PDP as a PDF: readable back, structured, and safe with any text."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from planner.documents import pdf, pdp
from planner.errors import PlannerError
from tests import readback
from tests.unit.export_fixtures import make_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report(fw, grades):
    return make_report(fw, grades)


@pytest.fixture(scope="module")
def document(report) -> PdfReader:
    return readback.pdf(pdp.pdp_pdf(report))


_text = readback.pdf_text


def test_the_pdf_opens_and_is_a4(document):
    first = document.pages[0]
    assert round(float(first.mediabox.width)) == 595
    assert round(float(first.mediabox.height)) == 842


def test_the_latin_parts_of_a_unicode_name_read_back(document):
    assert "Siân Llŷr O'Brien-Ødegård" in _text(document)


def test_objectives_indicator_codes_and_summary_appear_in_the_text(document, report):
    text = _text(document)
    assert "Personal development plan" in text
    assert "records-review" in text
    assert "Lead a lessons-learned review at the end of the project" in text  # evidence section
    for code in ("2.1.3", "2.2.1", "3.3.1", "1.3.4"):
        assert code in text
    assert report.summary[0] in text
    assert "Line manager comments" in text
    assert "Signature" in text


def test_title_author_and_language_are_set(document, report):
    assert document.metadata.title == report.title
    assert document.metadata.author == report.person
    assert readback.pdf_language(document) == "en-GB"


def test_every_section_is_a_bookmark(document):
    titles = readback.pdf_bookmarks(document)
    for heading in ("Personal development plan", "Summary", "Skill profile", "Gaps to close",
                    "Development objectives", "Upcoming review dates", "Line manager comments",
                    "Agreement"):
        assert heading in titles


def test_the_skill_chart_is_an_image_with_its_table_beside_it(document):
    pages_with_images = [page for page in document.pages if page.images]
    assert pages_with_images
    assert "Attained level" in _text(document)


def test_a_long_plan_breaks_across_pages_and_repeats_the_table_headings(fw, grades):
    reader = readback.pdf(pdp.pdp_pdf(make_report(fw, grades, items=40)))
    pages_with_plan_headings = [
        page for page in reader.pages if "Review date" in " ".join(page.extract_text().split())
    ]
    assert len(reader.pages) >= 4
    assert len(pages_with_plan_headings) >= 3


def test_text_no_font_has_does_not_break_the_export(fw, grades):
    name = "Zoë 漢字 \U000e0001 \U0010fffd 🦩 שלום Ŵyn"
    reader = readback.pdf(pdp.pdp_pdf(make_report(fw, grades, name=name)))
    text = _text(reader)
    assert "Zoë" in text
    assert "Ŵyn" in text


def test_very_long_texts_fit_and_are_printed_in_full_below_the_table(report):
    long_objective = "Improve how the department keeps its records " * 110
    items = list(report.items)
    items[0] = dataclasses.replace(items[0], objective=long_objective.strip(), activity="x" * 5000)
    longer = dataclasses.replace(report, items=items, current_role="Role " * 500)
    text = _text(readback.pdf(pdp.pdp_pdf(longer)))
    assert "Objective 1 in full" in text
    assert "(in full below)" in text


def test_a_plan_with_no_assessment_gaps_or_items_still_prints(report):
    bare = dataclasses.replace(report, items=[], gap_table=[], review_dates=[], assessment_date=None)
    text = _text(readback.pdf(pdp.pdp_pdf(bare)))
    assert "The plan has no objectives yet." in text
    assert "There are no gaps against the target." in text
    assert "No assessment yet" in text


def test_a_drawing_failure_becomes_a_plain_english_error(report, monkeypatch):
    from fpdf import FPDF

    def broken(*args, **kwargs):
        raise ValueError("row too high")

    monkeypatch.setattr(FPDF, "table", broken)
    with pytest.raises(PlannerError, match="The PDF could not be made. Download the Word or Markdown version"):
        pdp.pdp_pdf(report)


def test_the_dejavu_fonts_and_their_licence_ship_with_the_app():
    fonts = ROOT / "data" / "fonts"
    assert (fonts / "DejaVuSans.ttf").stat().st_size > 100_000
    assert (fonts / "DejaVuSans-Bold.ttf").stat().st_size > 100_000
    assert "Bitstream" in (fonts / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_importing_the_export_modules_loads_no_export_library():
    code = (
        "import sys, json\n"
        "from planner.io import bundle\n"
        "from planner.documents import calendar, downloads, external, failure, jobspec, markdown, model, pdf, pdp\n"
        "from planner.documents import record, report, spreadsheet, team, word\n"
        "heavy = ('fpdf', 'docx', 'icalendar', 'vl_convert', 'openpyxl', 'altair')\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            check=True)
    assert json.loads(result.stdout) == []


def test_without_a_symbol_font_on_the_system_unknown_characters_still_export(fw, grades, monkeypatch):
    monkeypatch.setattr(pdf, "FALLBACK_FONTS", ())
    reader = readback.pdf(pdp.pdp_pdf(make_report(fw, grades, name="Zoë 🦩 漢字 Ŵyn")))
    assert "Zoë" in _text(reader)
