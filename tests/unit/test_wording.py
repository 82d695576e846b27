"""Wording shared by every page and document: dates, counts and lists written one way."""

from datetime import UTC, date, datetime

from planner.documents import charts
from planner.domain import wording
from planner.services import plan_import


def test_a_date_is_written_as_day_month_and_year_without_a_leading_zero():
    assert wording.long_date(date(2026, 12, 1)) == "1 December 2026"
    assert wording.long_date(None) == ""


def test_a_count_of_one_is_singular_and_any_other_is_plural():
    assert wording.counted(1, "point") == "1 point"
    assert wording.counted(2, "point") == "2 points"
    assert wording.counted(0, "gap") == "0 gaps"
    assert wording.counted(1, "person", "people") == "1 person"
    assert wording.counted(3, "person", "people") == "3 people"


def test_a_list_is_joined_with_commas_and_a_last_and():
    assert wording.joined(["Priya"]) == "Priya"
    assert wording.joined(["Priya", "Tom"]) == "Priya and Tom"
    assert wording.joined(["Priya", "Tom", "Alex"]) == "Priya, Tom and Alex"
    assert wording.joined(["1.1.1", "2.2.2"], "or") == "1.1.1 or 2.2.2"
    assert wording.joined([]) == ""


def test_a_moment_gives_the_day_and_the_uk_time_so_two_on_one_day_differ():
    morning = datetime(2026, 12, 1, 9, 40, tzinfo=UTC)
    evening = datetime(2026, 12, 1, 21, 5, tzinfo=UTC)
    assert wording.moment(morning) == "1 December 2026 at 9:40am"
    assert wording.moment(evening) == "1 December 2026 at 9:05pm"
    summer = datetime(2026, 6, 2, 12, 0, tzinfo=UTC)
    assert wording.moment(summer) == "2 June 2026 at 1pm"  # British Summer Time


def test_an_import_summary_counts_one_record_in_the_singular():
    one_each = plan_import.ImportResult(profile=plan_import.Counts(kept=1), assessments=plan_import.Counts(),
                                        plan_items=plan_import.Counts(added=1), draft=plan_import.Counts())
    assert one_each.message() == "Added 1 plan item. Kept 1 record that was already up to date."
    two_kept = plan_import.ImportResult(profile=plan_import.Counts(kept=1), assessments=plan_import.Counts(kept=1),
                                        plan_items=plan_import.Counts(added=2), draft=plan_import.Counts())
    assert two_kept.message() == "Added 2 plan items. Kept 2 records that were already up to date."


def test_the_plan_timeline_tooltip_writes_a_date_without_a_leading_zero():
    rows = [{"objective": "Map the assets", "status": "planned", "start": "2026-11-01", "end": "2026-12-01"}]
    import json

    def tooltips(node):
        if isinstance(node, dict):
            if "tooltip" in node and isinstance(node["tooltip"], list):
                yield from node["tooltip"]
            for value in node.values():
                yield from tooltips(value)
        elif isinstance(node, list):
            for value in node:
                yield from tooltips(value)

    spec = json.loads(json.dumps(charts.plan_timeline(rows).to_dict()))
    formats = [t.get("format") for t in tooltips(spec) if t.get("title") == "Target date"]
    assert formats == ["%-d %B %Y"]  # d3's "-" drops the zero: "1 December 2026"
