"""Recommendations: constraints in, a ranked and explained list out, added to the plan in one click."""

import re

from planner.domain.models import ActivitySource, PlanItem
from tests.app.conftest import open_page, texts


def _set_constraints(at, budget=500.0, hours=4.0, months=12):
    at.number_input(key="rec_budget").set_value(budget)
    at.number_input(key="rec_hours").set_value(hours)
    at.number_input(key="rec_horizon").set_value(months)
    next(b for b in at.button if b.label == "Update the recommendations").click().run()


def test_a_person_with_gaps_gets_a_short_explained_list_within_budget(data_dir, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    _set_constraints(at)
    shown = texts(at)
    assert "of your £500 budget" in shown and "of your 48 hours" in shown
    ranked = [h.value for h in at.subheader if h.value[:2] in {f"{n}." for n in range(1, 10)}]
    assert 1 <= len(ranked) <= 6
    assert "**Why:** Closes" in shown and "Ranked first" in shown
    assert at.get("progress")[0].proto.text.startswith("These close ")


def test_add_all_puts_the_activities_in_the_plan_linked_to_indicators(data_dir, repo, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    _set_constraints(at)
    count = len([h for h in at.subheader if h.value[:2] in {f"{n}." for n in range(1, 10)}])
    at.button(key="rec_add_all").click().run()

    items = repo.list(PlanItem, rated_person.id)
    assert len(items) == count
    assert all(i.activity_source == ActivitySource.CURRICULUM and i.activity_id and i.indicators for i in items)
    assert all(i.target_date is not None for i in items)
    assert f"Added {count} activities to your plan" in texts(at)
    # what is in the plan is not recommended again
    again = [h.value for h in at.subheader if h.value[:2] in {f"{n}." for n in range(1, 10)}]
    titles = {i.activity_title.rsplit(" (", 1)[0] for i in items}
    assert not any(re.sub(r"\\(.)", r"\1", h.split(". ", 1)[1]) in titles for h in again)  # titles are escaped


def test_absurd_numbers_are_refused_in_plain_english(data_dir, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    at.number_input(key="rec_mix_experience").set_value(0)
    at.number_input(key="rec_mix_others").set_value(0)
    at.number_input(key="rec_mix_formal").set_value(0)
    next(b for b in at.button if b.label == "Update the recommendations").click().run()
    assert any("mix of learning" in e.value for e in at.error)


def test_the_sample_curriculum_is_said_to_be_illustrative(data_dir, rated_person):
    at = open_page("pages/recommend.py", profile_id=rated_person.id)
    assert "illustrative sample" in texts(at)
