"""The CPD log's rules: totals, CILIP's 12 months, counting words, entries from the plan, and refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from planner.domain import cpd
from planner.domain.models import ActivitySource, CpdEntry, ItemStatus, PlanItem
from planner.errors import PlannerError

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
TODAY = date(2026, 12, 1)


def entry(on: date, hours: float, kind: str = "experience", **fields) -> CpdEntry:
    return CpdEntry(profile_id="ada", done_on=on, hours=hours, kind=kind, title=fields.pop("title", "Something"),
                    **fields)


# --- Totals ---------------------------------------------------------------------------------------


def test_totals_by_year_add_each_kind_and_all_of_it_newest_year_first():
    log = [entry(date(2025, 3, 1), 2, "formal"), entry(date(2026, 1, 5), 1.5, "others"),
           entry(date(2026, 6, 1), 3), entry(date(2026, 7, 1), 0.25, "others")]
    rows = cpd.totals_by_year(log)
    assert [r["Year"] for r in rows] == ["2026", "2025"]
    assert rows[0] == {"Year": "2026", "Learning from experience (on the job)": 3.0, "Learning from others": 1.75,
                       "Formal learning (courses, qualifications)": 0.0, "Total hours": 4.75, "Entries": 3}
    assert rows[1]["Total hours"] == 2.0 and rows[1]["Entries"] == 1


def test_totals_by_kind_follow_the_70_20_10_order_with_each_share_of_the_hours():
    log = [entry(TODAY, 7), entry(TODAY, 2, "others"), entry(TODAY, 1, "formal")]
    rows = cpd.totals_by_kind(log)
    assert [(r["Kind of learning"], r["Hours"], r["Share of hours"]) for r in rows] == [
        ("Learning from experience (on the job)", 7.0, "70%"),
        ("Learning from others", 2.0, "20%"),
        ("Formal learning (courses, qualifications)", 1.0, "10%"),
    ]
    assert [r["Share of hours"] for r in cpd.totals_by_kind([])] == ["0%", "0%", "0%"]


def test_hours_are_added_without_floating_point_crumbs():
    assert cpd.total_hours([entry(TODAY, 0.1), entry(TODAY, 0.2)]) == 0.3
    assert cpd.hours_text(1) == "1 hour" and cpd.hours_text(22.5) == "22.5 hours"
    assert cpd.hours_text(0.25) == "0.25 hours" and cpd.hours_text(20.0) == "20 hours"


# --- The 12 months --------------------------------------------------------------------------------


@pytest.mark.parametrize(("up_to", "start"), [
    (date(2026, 12, 31), date(2026, 1, 1)),  # the year's end: the whole calendar year
    (date(2027, 1, 1), date(2026, 1, 2)),  # the next day: one day of the next year
    (date(2026, 12, 1), date(2025, 12, 2)),
    (date(2028, 2, 29), date(2027, 3, 1)),  # a leap day: 28 February 2027 is a year before
    (date(2029, 2, 28), date(2028, 2, 29)),  # the year after a leap day: 29 February 2028 is in
    (date(2028, 3, 1), date(2027, 3, 2)),
])
def test_the_12_months_up_to_a_day_start_the_day_after_the_same_day_a_year_before(up_to, start):
    assert cpd.window_start(up_to) == start


def test_hours_in_the_12_months_count_the_first_and_last_day_and_nothing_outside():
    log = [entry(date(2025, 12, 1), 5), entry(date(2025, 12, 2), 4), entry(date(2026, 12, 1), 3),
           entry(date(2026, 12, 2), 100)]
    assert cpd.revalidation(log, TODAY).hours == 7


def test_a_leap_day_entry_is_in_the_12_months_to_the_next_28_february():
    log = [entry(date(2028, 2, 29), 20)]
    assert cpd.revalidation(log, date(2029, 2, 28)).enough
    assert not cpd.revalidation(log, date(2029, 3, 1)).enough


def test_revalidation_says_in_words_and_figures_whether_the_hours_reach_20():
    enough = cpd.revalidation([entry(TODAY, 12.5), entry(date(2026, 3, 1), 10, "formal")], TODAY)
    assert enough.sentence == "22.5 hours in the 12 months to 1 December 2026: enough for revalidation"
    short = cpd.revalidation([entry(TODAY, 12.5)], TODAY)
    assert not short.enough and short.still_needed == 7.5
    assert short.sentence == ("12.5 hours in the 12 months to 1 December 2026: 7.5 hours more needed for "
                              "revalidation (20 hours in 12 months)")
    assert cpd.revalidation([entry(TODAY, 20)], TODAY).enough  # exactly 20 is enough


# --- Counting words -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "words"), [
    ("", 0),
    ("   \n\t ", 0),
    ("one", 1),
    ("I  led   the\n\nrecords   review", 5),  # extra spaces and blank lines count for nothing
    ("  leading and trailing  ", 3),
    ("a well-known, long-term records-management plan", 5),  # a hyphenated word is one word
    ("20 hours in 2026, 12.5 of them formal", 8),  # numbers are words
    ("GDPR – and FOI — both", 4),  # a dash standing alone is not a word
    ("- a list\n- of two", 4),
    ("e.g. ISO 15489:2016", 3),
    ("don't stop", 2),
    ("café naïve Ærø", 3),
    ("tab\tseparated\u00a0by\u2003odd\u3000spaces", 5),
    ("& / ... ?", 0),
])
def test_words_are_counted_by_one_rule(text, words):
    assert cpd.word_count(text) == words


def test_a_statement_of_250_words_fits_and_one_of_251_is_over_by_one():
    fits = cpd.statement_count("word " * 250)
    assert (fits.words, fits.over, fits.fits) == (250, 0, True)
    assert fits.message == "250 of 250 words"
    over = cpd.statement_count("word " * 251)
    assert (over.words, over.over, over.fits) == (251, 1, False)
    assert over.message.startswith("251 words: 1 over the 250-word limit for CILIP revalidation.")


def test_saving_a_statement_over_250_words_keeps_it_and_says_it_is_too_long_for_cilip():
    text = "word " * 262
    kept = cpd.new_statement("ada", text, NOW)
    assert kept.text == text.strip()
    said = cpd.statement_saved(text)
    assert "too long for CILIP" in said and "262 words, 12 over the 250-word limit" in said
    assert cpd.statement_saved("Short and sweet.") == "Saved your reflective statement (3 words of 250)."


def test_a_statement_longer_than_the_app_keeps_is_refused_in_plain_words():
    with pytest.raises(PlannerError, match="too long to keep"):
        cpd.new_statement("ada", "x" * 5001, NOW)


# --- Entries --------------------------------------------------------------------------------------


def _new(fw, **overrides):
    fields = dict(profile_id="ada", done_on=date(2026, 11, 3), hours=3.5, kind="formal",
                  title="BCS Foundation Certificate in Data Protection", indicators=["1.3.1"],
                  learned="The lawful bases", applied="Rewrote the team's privacy notice", today=TODAY, now=NOW)
    return cpd.new_entry(fw, **(fields | overrides))


def test_a_new_entry_keeps_what_was_typed_and_the_framework_version(fw):
    made = _new(fw)
    assert (made.done_on, made.hours, made.kind, made.indicators) == (date(2026, 11, 3), 3.5, "formal", ["1.3.1"])
    assert made.framework_version == fw.ref and made.plan_item_id is None


@pytest.mark.parametrize(("overrides", "message"), [
    ({"done_on": None}, "Enter the date you did it."),
    ({"done_on": date(2026, 12, 2)}, "The date must be today or earlier"),
    ({"done_on": date(1999, 12, 31)}, "on or after 1 January 2000"),
    ({"hours": None}, "Enter the hours it took"),
    ({"hours": 0}, "Enter the hours it took"),
    ({"hours": -2}, "Enter the hours it took"),
    ({"hours": 1001}, "at most 1,000 hours"),
    ({"kind": None}, "Choose the kind of learning"),
    ({"kind": "reading"}, "Choose the kind of learning"),
    ({"title": "   "}, "Say what you did"),
    ({"title": "x" * 301}, "300 characters or fewer"),
    ({"indicators": ["9.9.9"]}, "not indicators of the framework: 9.9.9"),
    ({"learned": "x" * 5001}, "“What I learned” is too long"),
])
def test_an_entry_that_breaks_a_rule_is_refused_in_plain_words(fw, overrides, message):
    with pytest.raises(PlannerError, match=message.replace("(", r"\(")):
        _new(fw, **overrides)


def test_every_problem_is_told_at_once(fw):
    with pytest.raises(PlannerError) as refused:
        _new(fw, hours=0, kind=None, title="")
    assert all(words in str(refused.value) for words in ("hours", "kind of learning", "Say what you did"))


def test_a_changed_entry_keeps_its_id_plan_item_and_when_it_was_first_logged(fw):
    first = _new(fw, plan_item_id="item-1")
    later = datetime(2026, 12, 1, 15, tzinfo=UTC)
    changed = cpd.changed_entry(first, fw, done_on=first.done_on, hours=4, kind="others", title="Changed",
                                indicators=[], learned="", applied="", today=TODAY, now=later)
    assert (changed.id, changed.plan_item_id, changed.created_at) == (first.id, "item-1", first.created_at)
    assert (changed.hours, changed.kind, changed.title, changed.updated_at) == (4, "others", "Changed", later)


def test_the_log_is_newest_first_with_indicators_in_words(fw):
    log = [entry(date(2026, 1, 1), 1, title="Older", indicators=["1.1.1"]), entry(TODAY, 2, title="Newer")]
    rows = cpd.log_rows(log, fw)
    assert [r["What I did"] for r in rows] == ["Newer", "Older"]
    assert rows[1]["Indicators"] == f"1.1.1 {fw.indicator('1.1.1').statement}"
    assert rows[0]["Date"] == "1 December 2026" and rows[0]["Kind of learning"] == "Learning from experience (on the job)"


# --- From the plan --------------------------------------------------------------------------------


def _done(**fields) -> PlanItem:
    base = dict(profile_id="ada", objective="Write the team's retention schedule", indicators=["2.3.1", "1.1.1"],
                activity_title="Draft and agree a retention schedule", status=ItemStatus.DONE,
                evidence="Schedule approved by the IAO in October")
    return PlanItem(**(base | fields))


def test_a_done_plan_item_becomes_an_entry_with_its_activity_indicators_and_evidence(fw):
    item = _done()
    made = cpd.from_plan_item(item, [], fw, done_on=date(2026, 10, 30), hours=6, kind="experience", today=TODAY,
                              now=NOW)
    assert made.title == "Draft and agree a retention schedule"
    assert made.indicators == ["2.3.1", "1.1.1"]
    assert made.learned == "Schedule approved by the IAO in October"
    assert made.plan_item_id == item.id and made.profile_id == "ada"


def test_a_plan_item_without_an_activity_is_logged_by_its_objective_and_retired_indicators_are_left_out(fw):
    made = cpd.from_plan_item(_done(activity_title="", indicators=["1.1.1", "7.7.7"]), [], fw, done_on=TODAY,
                              hours=1, kind="others", learned="My own words", today=TODAY, now=NOW)
    assert made.title == "Write the team's retention schedule"
    assert made.indicators == ["1.1.1"] and made.learned == "My own words"


def test_a_plan_item_not_done_is_not_logged(fw):
    with pytest.raises(PlannerError, match="not marked done"):
        cpd.from_plan_item(_done(status=ItemStatus.IN_PROGRESS), [], fw, done_on=TODAY, hours=1, kind="formal",
                           today=TODAY, now=NOW)


def test_a_plan_item_is_logged_once(fw):
    item = _done()
    first = cpd.from_plan_item(item, [], fw, done_on=TODAY, hours=1, kind="formal", today=TODAY, now=NOW)
    with pytest.raises(PlannerError, match="in your CPD log already"):
        cpd.from_plan_item(item, [first], fw, done_on=TODAY, hours=1, kind="formal", today=TODAY, now=NOW)
    assert [i.id for i in cpd.items_to_log([item, _done(id="other")], [first])] == ["other"]
    assert cpd.items_to_log([_done(status=ItemStatus.PLANNED)], []) == []


def test_the_kind_and_hours_suggested_for_a_plan_item_come_from_its_activity():
    from planner.io import dataset

    curriculum = dataset.load_curriculum()
    activity = curriculum.activities[0]
    item = _done(activity_source=ActivitySource.CURRICULUM, activity_id=activity.id)
    assert cpd.suggested_kind(item, curriculum) == activity.category
    assert cpd.suggested_hours(item, curriculum) == activity.hours
    assert cpd.suggested_kind(_done(activity_source=ActivitySource.MENTOR)) == "others"
    assert cpd.suggested_kind(_done()) == "experience" and cpd.suggested_hours(_done()) is None


# --- The record for a period ----------------------------------------------------------------------


def test_a_record_holds_the_periods_entries_but_counts_12_months_from_the_whole_log(fw):
    log = [entry(date(2024, 5, 1), 30, "formal", title="Long ago"), entry(date(2026, 6, 1), 12, title="This year")]
    record = cpd.cpd_record(fw, "Ada", log, "word " * 10, start=date(2026, 1, 1), end=TODAY, today=TODAY)
    assert [e.title for e in record.entries] == ["This year"] and record.hours == 12
    assert record.period == "1 January 2026 to 1 December 2026"
    assert record.revalidation.hours == 12 and record.count.words == 10
    assert cpd.whole_log_start(log, TODAY) == date(2024, 5, 1)
    assert cpd.whole_log_start([], TODAY) == date(2025, 12, 2)
