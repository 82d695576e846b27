"""The PDP as a Word document: real headings, tables with header rows, the chart, properties."""

from __future__ import annotations

import dataclasses

import pytest
from docx.oxml.ns import qn

from planner.documents import pdp
from planner.errors import PlannerError
from tests import readback
from tests.unit.export_fixtures import make_report


@pytest.fixture(scope="module")
def report(fw, grades):
    return make_report(fw, grades)


@pytest.fixture(scope="module")
def document(report):
    return readback.word(pdp.pdp_docx(report))


_headings = readback.word_headings
_all_text = readback.word_text


def test_sections_use_real_heading_styles(document):
    headings = _headings(document)
    assert headings["Personal development plan"] == "Title"
    for name in ("Summary", "Skill profile", "Gaps to close", "Development objectives",
                 "Upcoming review dates", "Line manager comments", "Agreement"):
        assert headings[name] == "Heading 1"
    assert headings["Evidence of completion"] == "Heading 2"


def test_the_plan_table_has_a_header_row_that_repeats_on_every_page(document, report):
    plan_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Objective")
    assert [c.text for c in plan_table.rows[0].cells] == ["Objective", "Indicators", "Activity",
                                                          "Target date", "Review date", "Status", "Flags"]
    assert plan_table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(plan_table.rows) == 1 + len(report.items)
    assert plan_table.rows[1].cells[0].text == report.items[0].objective


def test_details_skill_and_gap_tables_are_all_there(document, report):
    firsts = [t.rows[0].cells[0].text for t in document.tables]
    assert "Name" in firsts
    assert "Skill" in firsts
    assert "Code" in firsts
    gap_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Code")
    assert len(gap_table.rows) == 1 + len(report.gap_table)


def test_the_text_holds_the_name_summary_and_indicator_codes(document, report):
    text = _all_text(document)
    assert report.person in text
    assert report.summary[0] in text
    for code in ("2.1.3", "3.3.1", "1.3.4"):
        assert code in text


def test_the_chart_is_a_picture_with_alternative_text(document):
    assert len(document.inline_shapes) == 1
    description = document.inline_shapes[0]._inline.docPr.get("descr")
    assert description.startswith("Bar chart of attained and target level")


def test_comments_box_and_signature_table_follow_the_plan(document, report):
    comment_box, sign_off = document.tables[-2:]
    assert len(comment_box.rows) == 1 and len(comment_box.columns) == 1
    assert comment_box.rows[0].cells[0].text == ""
    assert [c.text for c in sign_off.rows[0].cells] == ["", "Signed (member of staff)", "Signed (line manager)"]
    assert [row.cells[0].text for row in sign_off.rows[1:]] == ["Name", "Signature", "Date"]
    assert sign_off.rows[1].cells[1].text == report.person  # the person's name is filled in, the rest to sign


def test_title_author_and_language_are_set(document, report):
    props = document.core_properties
    assert props.title == report.title
    assert props.author == report.person
    assert props.language == "en-GB"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def test_the_page_is_a4(document):
    section = document.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297


def test_the_footer_names_the_plan_and_numbers_the_pages(document, report):
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text.startswith(f"Personal development plan: {report.person}")
    fields = [f.get(qn("w:instr")) for f in footer._p.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]


def test_the_comments_start_a_new_page(document):
    comments = next(p for p in document.paragraphs if p.text == "Line manager comments")
    assert comments.paragraph_format.page_break_before


def test_a_plan_with_no_items_or_gaps_says_so(report):
    bare = dataclasses.replace(report, items=[], gap_table=[], review_dates=[], assessment_date=None)
    text = _all_text(readback.word(pdp.pdp_docx(bare)))
    assert "The plan has no objectives yet." in text
    assert "There are no gaps against the target." in text
    assert "No review dates are set for open objectives." in text


def test_a_chart_failure_becomes_a_plain_english_error(report, monkeypatch):
    def broken(report):
        raise ValueError("chart engine failed")

    monkeypatch.setattr(pdp, "skill_chart_png", broken)
    with pytest.raises(PlannerError, match="The Word document could not be made. Download the PDF or Markdown"):
        pdp.pdp_docx(report)
