"""In a real browser: a lead opens Team capability for a team with self-assessments in four quarters, filters
it by grade, reads the trend table and downloads the Excel skills matrix."""

from __future__ import annotations

from datetime import date

import pytest

from planner import store
from planner.domain import team_trends
from planner.domain.models import Assessment, Profile, Rating
from tests.browser.conftest import choose_option, go_to, settle, shot, table_rows, table_with_column

pytestmark = pytest.mark.browser


def _a_team_over_four_quarters(server, fw) -> list[team_trends.Quarter]:
    """Three people saved before the app first reads the data: two SEOs who rated themselves every quarter
    (their ratings rising) and an HEO who did so only this quarter."""
    quarters = team_trends.quarters_to(date.today(), None)
    repo = store.open_repository(server.data_dir)
    for name, grade, scores in (("Alys Rowe", "SEO", [1, 2, 2, 3]), ("Bryn Hale", "SEO", [1, 1, 2, 3]),
                                ("Cerys Mai", "HEO", [None, None, None, 4])):
        profile = Profile(name=name, current_grade=grade, current_role="Records manager")
        repo.save_profile(profile)
        for quarter, score in zip(quarters, scores):
            if score is not None:
                repo.add(Assessment(profile_id=profile.id, taken_on=quarter.start,
                                    ratings={i.code: Rating(score=score) for i in fw.indicators if i.skill == 1}))
    return quarters


def test_a_lead_filters_a_team_by_grade_reads_its_trend_and_downloads_the_skills_matrix(server, page, tmp_path, fw):
    quarters = _a_team_over_four_quarters(server, fw)
    page.goto(server.url)
    settle(page)
    go_to(page, "Team capability")
    picker = page.get_by_role("combobox", name="People who use this installation")
    for name in ("Alys Rowe", "Bryn Hale", "Cerys Mai"):
        choose_option(page, picker, name)
        page.keyboard.press("Escape")
    settle(page)
    page.get_by_text("3 people").first.wait_for()

    choose_option(page, page.get_by_role("combobox", name="Show only these grades"), "Senior Executive Officer (SEO)")
    page.keyboard.press("Escape")
    settle(page)
    page.get_by_text("Showing 2 of 3 people").wait_for()
    page.get_by_role("heading", name="Change over time").wait_for()
    skill = fw.skill(1).name
    page.get_by_text(f"{skill} rose from 1.0 to 3.0 between {quarters[0].label} and {quarters[-1].label}.").wait_for()
    rows = table_rows(table_with_column(page, "People counted"))
    assert [row[0] for row in rows] == [q.label for q in quarters]
    assert [row[2] for row in rows] == ["2 of 2"] * 4
    assert [row[4] for row in rows] == ["1.0", "1.5", "2.0", "3.0"]
    page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
    page.wait_for_timeout(500)
    shot(page, "52-team-trends")

    with page.expect_download() as caught:
        page.get_by_role("button", name="Skills matrix (Excel)").click()
    assert caught.value.suggested_filename == f"team-skills-matrix-{date.today().isoformat()}.xlsx"
    saved = tmp_path / "matrix.xlsx"
    caught.value.save_as(saved)
    from openpyxl import load_workbook

    book = load_workbook(saved)
    assert book.sheetnames == ["Skills matrix", "Key", "Trend by quarter", "Indicators"]
    matrix = book["Skills matrix"]
    people = [row[:2] for row in matrix.iter_rows(min_row=5, values_only=True)]
    assert people == [("Alys Rowe", "SEO"), ("Bryn Hale", "SEO")]  # Cerys, an HEO, is filtered out
    assert matrix.freeze_panes == "B5"
    assert [row[0] for row in book["Trend by quarter"].iter_rows(min_row=2, max_row=5, values_only=True)] == [
        q.label for q in quarters]
