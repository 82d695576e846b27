"""Chart builders and the rows behind them: every chart has a title, words for status, a twin table."""

from datetime import UTC, date

from planner.documents import charts
from planner.domain import tables
from planner.domain.models import Assessment, Rating


def _ratings(fw):
    ratings = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1}
    ratings["2.1.1"] = Rating(score=1)
    return ratings


def test_skill_profile_rows_hold_attained_and_target_for_each_skill(fw):
    rows = tables.skill_profile_rows(fw, _ratings(fw), {1: 2, 2: 2, 3: 3})
    assert [(r["measure"], r["level"]) for r in rows] == [
        ("Attained", 1), ("Target", 2), ("Attained", 1), ("Target", 2), ("Attained", 1), ("Target", 3)]


def test_heatmap_rows_say_met_not_met_or_not_rated_in_words(fw):
    rows = {r["code"]: r for r in tables.heatmap_rows(fw, _ratings(fw), 2)}
    assert len(rows) == 27
    assert rows["1.1.1"]["status"] == "Met"
    assert rows["2.1.1"]["status"] == "Not met" and rows["2.1.1"]["rating"] == "1 Aware"
    assert rows["2.1.2"]["status"] == "Not rated"


def test_the_heatmap_table_carries_every_statement_in_full(fw):
    table = tables.heatmap_table(fw, _ratings(fw), 1)
    assert [r["Statement"] for r in table] == [i.statement for i in fw.indicators if i.level == 1]


def test_progress_rows_run_oldest_first(fw):
    older = Assessment(profile_id="p", taken_on=date(2026, 1, 1), ratings={})
    newer = Assessment(profile_id="p", taken_on=date(2026, 2, 1), ratings=_ratings(fw))
    rows = tables.progress_rows(fw, [newer, older])
    assert [r["date"] for r in rows] == ["2026-01-01"] * 3 + ["2026-02-01"] * 3
    assert [r["level"] for r in rows] == [0, 0, 0, 1, 1, 1]
    assert tables.progress_table(fw, [older, newer])[0]["Date"] == "1 February 2026"


def test_every_chart_has_a_title_and_uses_the_colour_blind_safe_palette(fw):
    ratings = _ratings(fw)
    built = [
        charts.skill_profile(tables.skill_profile_rows(fw, ratings, {1: 2, 2: 2, 3: 2}), top_level=4).to_dict(),
        charts.indicator_heatmap(tables.heatmap_rows(fw, ratings, 2)).to_dict(),
        charts.progress_over_time(tables.progress_rows(fw, [
            Assessment(profile_id="p", taken_on=date(2026, 1, 1), ratings=ratings)]), top_level=4).to_dict(),
    ]
    okabe_ito = {charts.BLUE, charts.ORANGE, charts.GREEN, "#D9D9D9"}
    for spec in built:
        text = str(spec)
        assert spec.get("title") or "'title'" in text
        used = {c for c in okabe_ito if c in text}
        assert used, "chart uses none of the palette"


def test_the_heatmap_marks_status_with_a_symbol_as_well_as_colour(fw):
    spec = str(charts.indicator_heatmap(tables.heatmap_rows(fw, _ratings(fw), 1)).to_dict())
    assert "✓" in spec and "✗" in spec


def _same_day(fw):
    from datetime import datetime

    morning = Assessment(profile_id="p", taken_on=date(2026, 12, 1), ratings={},
                         created_at=datetime(2026, 12, 1, 9, 15, tzinfo=UTC))
    afternoon = Assessment(profile_id="p", taken_on=date(2026, 12, 1), ratings=_ratings(fw),
                           created_at=datetime(2026, 12, 1, 14, 30, tzinfo=UTC))
    return morning, afternoon


def test_the_progress_chart_draws_a_point_for_each_assessment_saved_on_one_day(fw):
    spec = charts.progress_over_time(tables.progress_rows(fw, list(_same_day(fw))), top_level=4).to_dict()
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    x = points["encoding"]["x"]
    rows = spec.get("data", points.get("data"))["values"]
    skill_one = [r for r in rows if r["skill"].startswith("1.")]
    assert len({r[x["field"]] for r in skill_one}) == 2
    assert "timeUnit" not in x or "hours" in x["timeUnit"]
    assert [r["level"] for r in skill_one] == [0, 1]


def test_the_progress_table_names_same_day_assessments_by_the_time_they_were_saved(fw):
    morning, afternoon = _same_day(fw)
    table = tables.progress_table(fw, [morning, afternoon])
    assert [r["Date"] for r in table] == ["1 December 2026, saved at 2:30pm", "1 December 2026, saved at 9:15am"]


def test_the_progress_table_shows_how_far_each_skill_is_inside_its_next_level(fw):
    ratings = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1 and i.skill == 1}
    ratings["1.1.4"] = Rating(score=2)
    (row,) = tables.progress_table(fw, [Assessment(profile_id="p", taken_on=date(2026, 11, 2), ratings=ratings)])
    assert row["Skill 1 level"] == 0
    assert row["Skill 1 next level"] == "Level 1: 4 of 5 met"
    assert row["Skill 2 next level"] == "Level 1: 0 of 4 met"


def test_progress_reads_each_snapshot_against_its_own_version_and_says_which(fw):
    from planner.domain.models import FrameworkRef
    from planner.errors import UnknownFramework
    from tests import revisions

    v2 = revisions.revised(fw)
    gone = FrameworkRef(id="kim-professional-skills", version="0.9")
    old = Assessment(profile_id="p", taken_on=date(2025, 3, 1), ratings={"1.1.5": Rating(score=3)})
    older = Assessment(profile_id="p", taken_on=date(2024, 3, 1), framework_version=gone, ratings={})
    new = Assessment(profile_id="p", taken_on=date(2026, 12, 2), framework_version=v2.ref,
                     ratings={"2.2.5": Rating(score=3)})

    def versions(ref):
        if ref == fw.ref:
            return fw
        raise UnknownFramework(ref.id, ref.version)

    table = tables.progress_table(v2, [new, old, older], versions)
    assert [row["Framework version"] for row in table] == ["2", "1", "0.9 (not installed here)"]
    assert table[0]["Indicators met"] == 1 and table[1]["Indicators met"] == 1  # 1.1.5 counts in version 1 only
    assert "Indicators met" not in table[2]
    assert {row["date"] for row in tables.progress_rows(v2, [new, old, older], versions)} == {"2025-03-01",
                                                                                             "2026-12-02"}
