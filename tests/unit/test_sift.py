"""The sift: behaviours beside the technical criteria, pass marks and weights, totals, and the sift sheets."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from planner.documents import jobspec as export
from planner.domain import behaviours, jobspec, sift
from planner.errors import PlannerError
from planner.io import shipped
from planner.io.shipped import load_roles
from tests import readback
from tests.conftest import guide_levels
from tests.sheet_formulas import evaluate

TODAY = date(2026, 11, 24)
FOUR = ["seeing-the-big-picture", "leadership", "working-together", "managing-a-quality-service"]


@pytest.fixture(scope="module")
def behaviour_set():
    return shipped.load_behaviours()


@pytest.fixture(scope="module")
def base(fw, grades, behaviour_set):
    spec = jobspec.draft(fw, load_roles(fw, grades), ["records-manager"], "HEO", "Higher Executive Officer (HEO)",
                         guide_levels(grades))
    spec = jobspec.with_behaviours(spec, behaviour_set, FOUR)
    return jobspec.with_post(spec, jobspec.Post(title="Records manager"), TODAY)


def test_the_behaviours_chosen_are_at_the_posts_grade_level_in_success_profiles_order(fw, grades, behaviour_set):
    spec = jobspec.draft(fw, load_roles(fw, grades), ["records-manager"], "G7", "Grade 7", guide_levels(grades))
    spec = jobspec.with_behaviours(spec, behaviour_set, ["working-together", "leadership"])
    assert [(b.id, b.level, b.grades) for b in spec.behaviours] == [
        ("leadership", 4, "Grade 7 and Grade 6"), ("working-together", 4, "Grade 7 and Grade 6")]
    assert spec.behaviours[0].description == behaviour_set.behaviour("leadership").at(4)
    with pytest.raises(PlannerError, match="Choose at least one behaviour"):
        jobspec.with_behaviours(spec, behaviour_set, [])


def test_the_sift_scores_the_behaviours_first_then_essential_and_desirable_criteria(base):
    cols = sift.columns(base)
    assert [c.key for c in cols[:4]] == FOUR and {c.element for c in cols[:4]} == {sift.BEHAVIOUR}
    assert [c.key for c in cols[4:]] == [c.code for c in base.essential + base.desirable]
    assert all(c.essential and c.pass_mark == 4 for c in cols[:4 + len(base.essential)])
    assert all(not c.essential and c.pass_mark is None for c in cols[4 + len(base.essential):])
    assert {c.weight for c in cols} == {1.0}
    assert cols[0].heading == "Behaviour: Seeing the Big Picture" and cols[0].mark == "[E]"


def test_pass_marks_and_weights_apply_by_behaviour_or_criterion_and_default_to_4_and_1(base):
    essential, desirable = base.essential[0].code, base.desirable[0].code
    marked = sift.with_marks(base, {"leadership": 5, essential: 6.0, desirable: 3, "working-together": None},
                             {"leadership": 2, desirable: 0.5})
    by_key = {c.key: c for c in sift.columns(marked)}
    assert (by_key["leadership"].pass_mark, by_key["leadership"].weight) == (5, 2.0)
    assert (by_key["working-together"].pass_mark, by_key["working-together"].weight) == (4, 1.0)
    assert by_key[essential].pass_mark == 6 and by_key[desirable].pass_mark is None  # a desirable one has none
    assert by_key[desirable].weight == 0.5
    # The desirable criterion keeps its pass mark for when it is made essential.
    essential_again = sift.with_marks(jobspec.reweighed(base, {desirable: jobspec.ESSENTIAL}), {desirable: 3}, {})
    assert {c.key: c.pass_mark for c in sift.columns(essential_again)}[desirable] == 3


@pytest.mark.parametrize(("marks", "weights", "message"), [
    ({"leadership": 8}, {}, "The pass mark of Leadership must be a whole score from 1 to 7, not 8."),
    ({"leadership": 4.5}, {}, "must be a whole score from 1 to 7, not 4.5"),
    ({}, {"leadership": 11}, "The weight of Leadership must be a number from 0 to 10"),
    ({}, {"leadership": -1}, "not -1"),
    ({}, {"leadership": float("nan")}, "The weight of Leadership must be a number"),
])
def test_a_pass_mark_or_weight_out_of_range_is_refused_in_words(base, marks, weights, message):
    with pytest.raises(PlannerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        sift.with_marks(base, marks, weights)


def test_every_weight_at_0_is_refused_as_the_total_would_always_be_0(base):
    with pytest.raises(PlannerError, match="weighted total is always 0"):
        sift.with_marks(base, {}, {c.key: 0 for c in sift.columns(base)})


def test_the_weighted_total_adds_each_score_times_its_weight_and_the_pass_marks_decide(base):
    essential, desirable = base.essential[0].code, base.desirable[0].code
    marked = sift.with_marks(base, {"leadership": 5}, {"leadership": 2, desirable: 0.5})
    scores = {c.key: 4 for c in sift.columns(marked)} | {"leadership": 6, desirable: 2}
    result = sift.outcome(marked, scores)
    count = len(sift.columns(marked))
    assert result.total == 4 * (count - 2) + 6 * 2 + 2 * 0.5
    assert result.meets_pass_marks and result.below == ()
    below = sift.outcome(marked, scores | {"leadership": 4, essential: 3})
    assert not below.meets_pass_marks
    assert below.below == ("Behaviour: Leadership", jobspec.criterion_heading(base.essential[0]))
    # A desirable criterion scored low fails nothing; one not scored counts 0 and, if essential, is below.
    assert sift.outcome(marked, scores | {desirable: 1}).meets_pass_marks
    unscored = sift.outcome(marked, {k: v for k, v in scores.items() if k != "working-together"})
    assert unscored.below == ("Behaviour: Working Together",) and unscored.total == result.total - 4
    with pytest.raises(PlannerError, match="from 1 to 7: leadership has 9"):
        sift.outcome(marked, {"leadership": 9})


def test_the_range_of_totals_runs_from_1_to_7_on_everything(base):
    marked = sift.with_marks(base, {}, {"leadership": 3})
    weight = sum(c.weight for c in sift.columns(marked))
    assert sift.total_range(marked) == (weight, 7 * weight)


def test_only_pass_marks_and_weights_changed_from_the_usual_are_kept():
    saved = {"leadership": 5, "2.1.3": 6, "gone": 2}
    shown = {"leadership": 4, "2.1.3": None, "working-together": 6, "2.2.1": 4}
    assert sift.changed_from_usual(shown, saved, 4) == {"2.1.3": 6, "gone": 2, "working-together": 6}


# --- The sift sheets and the advert ------------------------------------------------------------------


def _marked(base):
    desirable = base.desirable[0].code
    return sift.with_marks(base, {"leadership": 5, base.essential[0].code: 6}, {"leadership": 2, desirable: 0.5})


def test_the_excel_sift_sheet_has_pass_marks_weights_and_formulas_that_agree_with_the_rule(base):
    spec = _marked(base)
    cols = sift.columns(spec)
    book = load_workbook(io.BytesIO(export.sift_xlsx(spec, candidates=3)))
    sheet = book["Sift"]
    header = [cell.value for cell in sheet[1]]
    assert header == ["Candidate", *(f"{c.mark} {c.heading}" for c in cols), "Weighted total",
                      "Meets every pass mark", "Notes"]
    assert [cell.value for cell in sheet[2]][:1 + len(cols)] == ["Pass mark", *(c.pass_mark for c in cols)]
    assert [cell.value for cell in sheet[3]][:1 + len(cols)] == ["Weight", *(c.weight for c in cols)]
    assert sheet.freeze_panes == "B4"
    total, verdict = (f"{chr(ord('A') + len(cols) + n)}" for n in (1, 2))
    assert evaluate(sheet, f"{total}4") == "" and evaluate(sheet, f"{verdict}4") == ""  # not scored yet
    for scores in ({c.key: 4 for c in cols} | {"leadership": 6},
                   {c.key: 5 for c in cols} | {"leadership": 4},
                   {c.key: 7 for c in cols} | {spec.desirable[0].code: 1}):
        for n, col in enumerate(cols):
            sheet.cell(5, 2 + n, scores[col.key])
        expected = sift.outcome(spec, scores)
        assert evaluate(sheet, f"{total}5") == pytest.approx(expected.total)
        assert evaluate(sheet, f"{verdict}5") == ("Yes" if expected.meets_pass_marks else "No")
    # Changing a weight in the sheet changes the totals, as a panel may decide to.
    sheet.cell(3, 2, 3)
    assert evaluate(sheet, f"{total}5") == pytest.approx(sift.outcome(
        sift.with_marks(spec, {"leadership": 5, spec.essential[0].code: 6},
                        {c.key: c.weight for c in cols} | {cols[0].key: 3}), scores).total)
    validations = {str(v.sqref): (v.formula1, v.formula2) for v in sheet.data_validations.dataValidation}
    last = chr(ord("A") + len(cols))
    assert validations[f"B4:{last}6"] == ("1", "7") and validations[f"B2:{last}2"] == ("1", "7")
    assert validations[f"B3:{last}3"] == ("0", "10")
    guide = book["Scoring guide"]
    assert [(guide.cell(r, 1).value, guide.cell(r, 2).value) for r in (2, 5, 8)] == [
        (7, "Outstanding"), (4, "Acceptable standard"), (1, "Insufficient evidence")]
    assert behaviours.SCALE == {score: label for score, label, _ in sift.SCORING_GUIDE}


def test_the_csv_sift_sheet_has_the_pass_marks_the_weights_and_the_scale(base):
    spec = _marked(base)
    rows = list(csv.reader(io.StringIO(export.sift_csv(spec, candidates=2).decode("utf-8-sig"))))
    cols = sift.columns(spec)
    assert rows[0][1:5] == [f"[E] Behaviour: {behaviours.behaviour_name(b)}" for b in FOUR]
    assert rows[1][:3] == ["Pass mark", "4", "5"] and rows[2][:3] == ["Weight", "1", "2"]
    assert rows[1][1 + len(cols) - 1] == "" and rows[2][1 + len(cols) - 1] == "1"  # the last desirable criterion
    assert "1 Insufficient evidence" in rows[1][-1] and "7 Outstanding" in rows[1][-1]
    assert [row[0] for row in rows[3:]] == ["Candidate 1", "Candidate 2"]


def test_the_advert_lists_the_behaviours_at_the_grades_level_in_every_format(base):
    spec = _marked(base)
    markdown = export.advert_markdown(spec).decode("utf-8")
    assert "## Behaviours" in markdown and "level 3 (HEO and SEO)" in markdown
    assert "each behaviour and each criterion is scored from 1 (insufficient evidence) to 7 (outstanding)" in markdown
    word = readback.word(export.advert_docx(spec))
    table = readback.word_table_with(word, "Behaviour")
    assert [row[0] for row in table[1:]] == [behaviours.behaviour_name(b) for b in FOUR]
    pdf = readback.pdf_text(export.advert_pdf(spec))
    for b in spec.behaviours:
        assert b.name in markdown and b.name in pdf
        assert " ".join(b.description.split()[:6]) in pdf
        assert b.description in " ".join(" ".join(row) for row in table)
