"""Job specifications: criteria from the role profile and levels, edits, post details, advert and sift sheet."""

import csv
import io
from datetime import date

import pytest

from planner.documents import jobspec as export
from planner.domain import jobspec
from planner.errors import PlannerError
from planner.io.shipped import load_roles
from tests.conftest import guide_levels

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def roles(fw, grades):
    return load_roles(fw, grades)


def _spec(fw, grades, roles, role_ids=("records-manager",), grade="HEO"):
    return jobspec.draft(fw, roles, list(role_ids), grade, grade, guide_levels(grades))


def test_essential_criteria_are_the_indicators_the_role_leans_on_most(fw, grades, roles):
    spec = _spec(fw, grades, roles)
    key = roles.role("records-manager").at("HEO").key_indicators
    assert {c.code for c in spec.essential} == set(key)
    assert all(c.statement == fw.indicator(c.code).statement for c in spec.criteria)


def test_desirable_criteria_are_the_other_indicators_at_the_posts_level(fw, grades, roles):
    spec = _spec(fw, grades, roles)
    for c in spec.desirable:
        assert c.level == spec.levels[c.skill]
        assert c.code not in {e.code for e in spec.essential}


def test_a_blend_takes_the_highest_level_per_skill(fw, grades, roles):
    spec = _spec(fw, grades, roles, ("records-manager", "information-architect"), "SEO")
    rm = roles.role("records-manager").at("SEO").levels
    ia = roles.role("information-architect").at("SEO").levels
    assert spec.levels == {s: max(rm[s], ia[s]) for s in (1, 2, 3)}


def test_criteria_can_be_moved_or_left_out_but_not_all(fw, grades, roles):
    spec = _spec(fw, grades, roles)
    first = spec.essential[0].code
    moved = jobspec.reweighed(spec, {first: jobspec.DESIRABLE})
    assert first in {c.code for c in moved.desirable}
    with pytest.raises(PlannerError, match="at least one criterion"):
        jobspec.reweighed(spec, {c.code: jobspec.LEFT_OUT for c in spec.criteria})
    with pytest.raises(PlannerError):
        jobspec.reweighed(spec, {first: "Vital"})


def test_post_details_are_checked(fw, grades, roles):
    spec = _spec(fw, grades, roles)
    with pytest.raises(PlannerError, match="Give the post a title.*closing date has passed"):
        jobspec.with_post(spec, jobspec.Post(title=" ", closing_date=date(2026, 1, 1)), TODAY)
    ok = jobspec.with_post(spec, jobspec.Post(title=" Records Manager ", responsibilities=("Run reviews", " ")), TODAY)
    assert ok.post.title == "Records Manager" and ok.post.responsibilities == ("Run reviews",)


def _ready(fw, grades, roles):
    return jobspec.with_post(_spec(fw, grades, roles), jobspec.Post(
        title="Records Manager", team="KIM", location="Cardiff", salary_band="£36,000 to £42,000",
        closing_date=date(2026, 12, 20), summary="You will lead records work.",
        responsibilities=("Run the annual records review", "Advise teams | on retention")), TODAY)


def test_the_advert_has_the_usual_sections_in_every_format(fw, grades, roles):
    spec = _ready(fw, grades, roles)
    markdown = export.advert_markdown(spec).decode("utf-8")
    for section in ("## Job summary", "## Responsibilities", "## Essential criteria", "## Technical skills"):
        assert section in markdown
    assert spec.essential[0].statement.split()[0] in markdown
    assert "Advise teams \\| on retention" in markdown

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(export.advert_pdf(spec)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Records Manager" in text and "Essential criteria" in text and spec.essential[0].code in text
    assert reader.metadata.title.startswith("Job advert: Records Manager")

    import docx

    document = docx.Document(io.BytesIO(export.advert_docx(spec)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Job summary", "Essential criteria", "Technical skills"} <= set(headings)
    assert document.core_properties.language == "en-GB"


def test_the_sift_sheet_has_a_row_per_candidate_and_a_column_per_criterion(fw, grades, roles):
    spec = _ready(fw, grades, roles)
    rows = list(csv.reader(io.StringIO(export.sift_csv(spec, candidates=5).decode("utf-8-sig"))))
    # Under the headings, the pass marks and the weights; then the candidates.
    assert len(rows) == 8 and [row[0] for row in rows[1:4]] == ["Pass mark", "Weight", "Candidate 1"]
    assert len(rows[0]) == len(spec.assessed) + 4  # the candidate, the weighted total, the verdict, notes
    assert rows[0][1].startswith("[E] ")

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export.sift_xlsx(spec, candidates=3)))
    sheet = book["Sift"]
    assert sheet.max_row == 6 and sheet.cell(4, len(spec.assessed) + 2).value.startswith("=IF(COUNT(")
    assert sheet.data_validations.dataValidation[0].formula2 == "7"
    assert book["Scoring guide"].cell(2, 1).value == 7


def test_the_advert_lists_each_criterion_once_in_markdown_and_word(fw, grades, roles):
    spec = _ready(fw, grades, roles)
    markdown = export.advert_markdown(spec).decode("utf-8")

    import docx

    document = docx.Document(io.BytesIO(export.advert_docx(spec)))
    first_cells = [row.cells[0].text for table in document.tables for row in table.rows]
    assert spec.assessed
    for c in spec.assessed:
        assert markdown.count(f"| {c.code} |") == 1, c.code
        assert first_cells.count(c.code) == 1, c.code
