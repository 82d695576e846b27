"""Recommendations once the plan holds activities: covered gaps, hours and budget already spent, true dates."""

import re
from datetime import date

import holidays

from planner.domain.models import ActivitySource, ItemStatus, PlanItem
from planner.io import dataset, shipped
from tests.app.conftest import open_page, texts

RANKED = re.compile(r"^\d+\. ")


def _set_constraints(at, budget=500.0, hours=10.0, months=12):
    at.number_input(key="rec_budget").set_value(budget)
    at.number_input(key="rec_hours").set_value(hours)
    at.number_input(key="rec_horizon").set_value(months)
    next(b for b in at.button if b.label == "Update the recommendations").click().run()


def _ranked(at) -> list[str]:
    return [h.value for h in at.subheader if RANKED.match(h.value)]


def _codes_recommended(at) -> set[str]:
    """The indicator codes the recommendations shown say they close."""
    reasons = [m.value for m in at.markdown if m.value.startswith("**Why:**")]
    return {code for reason in reasons for code in re.findall(r"points on (\d\.\d\.\d)", reason.replace("\\", ""))}


def _add_all(at, repo, person):
    assert _ranked(at), "the person should be offered activities before adding them"
    at.button(key="rec_add_all").click().run()
    return repo.list(PlanItem, person.id)


def test_after_add_all_the_gaps_in_the_plan_show_as_covered_and_get_no_new_activities(data_dir, repo, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    _set_constraints(at)
    items = _add_all(at, repo, rated_person)
    planned_codes = {code for item in items for code in item.indicators}

    assert not _codes_recommended(at) & planned_codes
    shown = texts(at)
    assert "Your plan already works on" in shown
    assert all(code in shown for code in planned_codes)


def test_after_add_all_the_hours_and_budget_count_what_the_plan_commits(data_dir, repo, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    _set_constraints(at, budget=500.0, hours=10.0, months=12)
    items = _add_all(at, repo, rated_person)
    by_id = {a.id: a for a in dataset.load_curriculum().activities}
    committed_hours = sum(by_id[i.activity_id].hours for i in items)
    committed_cost = sum(by_id[i.activity_id].cost for i in items)

    note = next(m.value for m in at.markdown if m.value.startswith("This uses"))
    numbers = re.search(
        r"This uses £([\d,]+) of your £([\d,]+) budget and ([\d.]+) of your ([\d.]+) hours, on top of "
        r"£([\d,]+) and ([\d.]+) hours already in your plan \(£([\d,]+) and ([\d.]+) hours left\)", note)
    assert numbers, note
    used_cost, budget, used_hours, hours, held_cost, held_hours, cost_left, hours_left = (
        float(n.replace(",", "")) for n in numbers.groups())
    assert (budget, hours) == (500, 120)
    assert (held_cost, held_hours) == (committed_cost, committed_hours)
    assert used_cost + held_cost <= budget and used_hours + held_hours <= hours
    assert cost_left == budget - held_cost - used_cost and hours_left == hours - held_hours - used_hours


def test_the_points_closed_count_only_the_gaps_the_plan_leaves_open(data_dir, repo, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    _set_constraints(at)
    before = at.get("progress")[0].proto.text
    total_before = int(re.search(r"of the (\d+) points", before).group(1))
    items = _add_all(at, repo, rated_person)
    assert items
    after = " ".join(p.proto.text for p in at.get("progress"))
    total_after = int(re.search(r"of the (\d+) points", after).group(1))
    assert total_after < total_before


def test_the_message_after_add_all_gives_the_target_dates_it_set(data_dir, repo, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    _set_constraints(at)
    items = _add_all(at, repo, rated_person)
    dates = sorted(i.target_date for i in items)
    first, last = dates[0], dates[-1]
    message = next(s.value for s in at.success if "activities to your plan" in s.value)
    assert f"from {first.day} {first:%B %Y} to {last.day} {last:%B %Y}" in message, message


def test_no_target_date_set_by_add_all_falls_on_a_weekend_or_a_bank_holiday(data_dir, repo, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    _set_constraints(at, budget=2000.0, hours=20.0, months=24)
    at.number_input(key="rec_max_items").set_value(12)
    next(b for b in at.button if b.label == "Update the recommendations").click().run()
    items = _add_all(at, repo, rated_person)
    years = range(date.today().year, date.today().year + 3)
    bank_holidays = holidays.UK(subdiv="ENG", years=years)
    for item in items:
        assert item.target_date.weekday() < 5 and item.target_date not in bank_holidays, item.target_date


def test_an_activity_in_a_dropped_item_may_be_recommended_again(data_dir, repo, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    _set_constraints(at)
    first = _ranked(at)[0].split(". ", 1)[1].replace("\\", "")
    activity = next(a for a in dataset.load_curriculum().activities if a.title == first)
    repo.add(PlanItem(profile_id=rated_person.id, objective=f"Complete {activity.title}", indicators=[],
                      activity_source=ActivitySource.CURRICULUM, activity_id=activity.id,
                      activity_title=activity.title, status=ItemStatus.DROPPED))
    at.run()
    assert first in [h.split(". ", 1)[1].replace("\\", "") for h in _ranked(at)]


def test_when_the_plan_works_on_every_gap_the_page_says_so_and_offers_nothing(data_dir, repo, fw, rated_person):
    from planner.domain import assessment, framework
    from planner.domain.models import Assessment

    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    assert _ranked(at)
    ratings, _ = assessment.latest_ratings(repo.list(Assessment, rated_person.id), None)
    target, _ = assessment.default_target(fw, rated_person.current_grade, rated_person.target_grade,
                                          framework.grade_levels(shipped.load_framework(), shipped.load_grades(), None))
    codes = [g.code for g in assessment.gaps(fw, ratings, target)]
    assert codes
    repo.add(PlanItem(profile_id=rated_person.id, objective="Lead the records review with my manager",
                      indicators=codes))
    at.run()
    assert not _ranked(at)
    assert not [b for b in at.button if b.label.startswith("Add all")]
    shown = texts(at)
    assert "Your plan already works on every gap against your target" in shown
    assert f"Your plan already works on {len(codes)} of your {len(codes)} gaps" in shown
