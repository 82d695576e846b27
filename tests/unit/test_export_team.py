"""The team's capability as CSV and PDF: both read back, with every section and nothing unsafe."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from planner.documents import team as team_export
from planner.domain import team, team_learning
from planner.domain.curriculum import Activity, Curriculum, Development
from tests import readback
from tests.conftest import guide_levels

TODAY = date(2026, 11, 3)


def _member(name: str, scores: dict[str, int], grade: str = "HEO", role: str = "Records manager") -> team.Member:
    return team.Member(profile_id=name.lower().replace(" ", "-"), name=name, grade=grade, role=role,
                       target_grade=None, scores=scores, source="local")


@pytest.fixture(scope="module")
def summary(fw, grades):
    base = {i.code: 3 for i in fw.indicators if i.level <= 2}
    members = [
        _member("Siân Llŷr O'Brien-Ødegård", base | {"1.1.1": 4, "2.1.1": 4}),
        _member("=HYPERLINK(\"http://evil.example\")", base | {"1.1.1": 1, "2.1.1": 0}, role="+SUM(1,2)"),
        _member("Tom Unrated", {}, grade="EO"),
    ]
    return team.summarise(fw, members, guide_levels(grades))


@pytest.fixture(scope="module")
def plan(summary):
    activity = Activity(id="records-basics", title="Records basics workshop", provider="KIM network",
                        format="workshop", category="others", level=1, hours=6, cost=120,
                        develops=[Development(indicator="1.1.1", points=2), Development(indicator="2.1.1", points=3)])
    return team_learning.recommend_for_team(summary, Curriculum(note="Test", activities=[activity]), team_learning.TeamConstraints())


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


_pdf_text = readback.pdf_text


# --- CSV -------------------------------------------------------------------------------------


def test_the_csv_has_a_row_per_person_and_a_column_per_indicator(summary, fw):
    data = team_export.team_csv(summary, hide_names=False)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _rows(data)
    assert rows[0][:6] == ["Name", "Grade", "Role", "Target grade", "Indicators met", "Gaps against own target"]
    assert rows[0][6:] == fw.codes
    assert len(rows) == 1 + summary.size
    by_name = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    first = by_name["Siân Llŷr O'Brien-Ødegård"]
    assert (first["1.1.1"], first["1.2.1"], first["3.1.1"]) == ("4", "3", "")  # blank: not rated
    assert first["Indicators met"] == "27" and first["Gaps against own target"] == "0"
    assert by_name["Tom Unrated"]["Gaps against own target"] == "27"


def test_every_csv_cell_is_safe_from_formula_injection(summary):
    rows = _rows(team_export.team_csv(summary, hide_names=False))
    cells = [cell for row in rows for cell in row]
    assert "'=HYPERLINK(\"http://evil.example\")" in cells and "'+SUM(1,2)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_the_csv_with_names_hidden_says_person_1_to_n(summary):
    rows = _rows(team_export.team_csv(summary, hide_names=True))
    assert [r[0] for r in rows[1:]] == ["Person 1", "Person 2", "Person 3"]
    assert "Siân" not in str(rows) and "Tom" not in str(rows) and "HYPERLINK" not in str(rows)


def test_an_empty_team_gives_just_the_header(fw, grades):
    rows = _rows(team_export.team_csv(team.summarise(fw, [], guide_levels(grades)), hide_names=False))
    assert len(rows) == 1 and rows[0][6:] == fw.codes


# --- PDF -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def document(summary, plan) -> bytes:
    return team_export.team_pdf(summary, plan, hide_names=False, today=TODAY)


def test_the_pdf_opens_is_a4_and_says_what_it_is(document):
    reader = readback.pdf(document)
    assert round(float(reader.pages[0].mediabox.width)) == 595
    assert reader.metadata.title == "Team capability"
    assert reader.metadata.author == "KIM Pathways"
    assert readback.pdf_language(reader) == "en-GB"
    assert {"Team capability", "Skills and levels", "Biggest shared gaps", "Who could coach whom",
            "Recommended activities"} <= set(readback.pdf_bookmarks(reader))


def test_the_pdf_holds_size_levels_gaps_coaching_and_activities(document, summary):
    text = _pdf_text(document)
    assert "Team capability" in text and "Team size: 3 people" in text and "3 November 2026" in text
    assert "Skills and levels" in text and "Level 4" in text and "(1 of 3)" in text
    assert "Biggest shared gaps" in text and "2.1.1" in text and "2 of 3" in text
    assert "Who could coach whom" in text and "Ødegård coaches" in text
    assert "Recommended activities" in text and "Records basics workshop" in text and "£120" in text
    assert "Not rated themselves yet" in text


def test_the_pdf_with_names_hidden_prints_none_of_them(summary, plan):
    text = _pdf_text(team_export.team_pdf(summary, plan, hide_names=True, today=TODAY))
    assert "Person 1 coaches Person 2" in text
    for word in ("Siân", "Ødegård", "HYPERLINK", "Unrated"):
        assert word not in text


def test_a_pdf_that_cannot_be_drawn_says_to_download_the_csv_instead(summary, plan, monkeypatch):
    from fpdf import FPDF

    from planner.errors import PlannerError

    def broken(*args, **kwargs):
        raise RuntimeError("no room")

    monkeypatch.setattr(FPDF, "table", broken)
    with pytest.raises(PlannerError, match="The PDF could not be made. Download the CSV instead"):
        team_export.team_pdf(summary, plan, hide_names=False, today=TODAY)


def test_a_pdf_without_a_plan_or_gaps_still_reads(fw, grades):
    everyone_meets = {i.code: 3 for i in fw.indicators}
    calm = team.summarise(fw, [_member("Ada", everyone_meets)], guide_levels(grades))
    text = _pdf_text(team_export.team_pdf(calm, None, hide_names=False, today=TODAY))
    assert "Team size: 1 person" in text
    assert "No one in the team falls short of their target." in text
    assert "Recommended activities" not in text
