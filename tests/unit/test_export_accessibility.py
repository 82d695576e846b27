"""What the PDFs give assistive technology, as far as fpdf2 2.8.9 allows: title, language, bookmarks, alt text.

fpdf2 tags images (a /Figure with its /Alt) but not headings, paragraphs or tables, so the PDFs are
not fully tagged; the Word and Markdown versions carry the real structure (see the accessibility
statement). These tests hold on to what is possible.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests import readback
from tests.conftest import guide_levels
from tests.unit.export_fixtures import make_report


def _pdp(fw, grades) -> bytes:
    from planner.documents import pdp

    return pdp.pdp_pdf(make_report(fw, grades))


def _advert(fw, grades) -> bytes:
    from planner.documents import jobspec as export
    from planner.domain import jobspec
    from planner.io.shipped import load_roles

    roles = load_roles(fw, grades)
    return export.advert_pdf(jobspec.draft(fw, roles, ["records-manager"], "HEO", "HEO", guide_levels(grades)))


def _team(fw, grades) -> bytes:
    from datetime import date

    from planner.documents import team as team_export
    from planner.domain import team

    scores = {i.code: 3 for i in fw.indicators if i.level == 1}
    members = [team.Member(profile_id="ann", name="Ann Jones", grade="EO", role="Records manager",
                           target_grade=None, scores=scores, source="local")]
    return team_export.team_pdf(team.summarise(fw, members, guide_levels(grades)), None, hide_names=False,
                                today=date(2026, 11, 24))


def _record(fw, grades) -> bytes:
    from datetime import date

    from planner.documents import record
    from planner.domain.models import Conversation

    conversation = Conversation(profile_id="m", mentee_id="e", held_on=date(2026, 11, 2))
    return record.record_pdf(record.build_record(fw, conversation, "Priya Shah", "Alex Morgan", {}, {},
                                                 date(2026, 11, 3)))


def _portfolio(fw, grades) -> bytes:
    from datetime import date

    from planner.documents import external as portfolio_export
    from planner.domain import external
    from planner.io import dataset

    cilip = dataset.load_mapping().framework("cilip-pksb")
    return portfolio_export.portfolio_pdf(external.build_portfolio(cilip, fw, {}, "Ada", None, date(2026, 11, 1)))


BUILDERS = {"personal development plan": _pdp, "job advert": _advert, "team summary": _team,
            "conversation record": _record, "portfolio": _portfolio}


@pytest.fixture(scope="module", params=list(BUILDERS))
def reader(request, fw, grades) -> PdfReader:
    return PdfReader(io.BytesIO(BUILDERS[request.param](fw, grades)))


def test_every_pdf_says_its_language_is_british_english(reader):
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_every_pdf_has_a_title_that_readers_show_instead_of_the_file_name(reader):
    assert reader.metadata.title
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a pypdf BooleanObject)


def test_every_pdf_opens_with_its_bookmarks_of_the_sections(reader):
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"
    assert len(readback.pdf_bookmarks(reader)) >= 3


def test_every_page_of_every_pdf_is_numbered_in_its_footer(reader):
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in " ".join(page.extract_text().split())


def test_the_chart_in_the_plan_is_a_tagged_figure_with_a_text_alternative(fw, grades):
    root = PdfReader(io.BytesIO(_pdp(fw, grades))).trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    def elements(node):
        node = node.get_object()
        if isinstance(node, list):
            for kid in node:
                yield from elements(kid)
        elif isinstance(node, dict):
            yield node
            if "/K" in node:
                yield from elements(node["/K"])

    figures = [e for e in elements(root["/StructTreeRoot"]) if e.get("/S") == "/Figure"]
    assert figures and figures[0]["/Alt"].startswith("Bar chart of attained and target level in each skill")
