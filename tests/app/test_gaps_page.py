"""Gaps and progress: the summary, charts with tables, and what changed between snapshots."""

import json
from datetime import UTC

from tests.app.conftest import open_page, texts


def _charts(at):
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


def test_the_summary_names_the_indicators_between_the_person_and_their_target(data_dir, rated_person):
    at = open_page("pages/gaps.py", profile_id=rated_person.id)
    shown = texts(at)
    assert "You meet Level 2 in all three skills." in shown
    assert "For SEO (Level 3) you need 4 more indicators in Using, evaluating and exploiting " \
           "knowledge and information: 3.1.2, 3.1.3, 3.1.4 and 3.1.5." in shown
    assert "For SEO (Level 3) you need 5 more indicators in Information Governance: " \
           "3.3.1, 3.3.2, 3.3.3, 3.3.4 and 3.3.5." in shown


def test_each_chart_has_a_title_and_a_table_beside_it(data_dir, rated_person):
    at = open_page("pages/gaps.py", profile_id=rated_person.id)
    specs = _charts(at)
    assert len(specs) == 3
    for spec in specs:
        assert spec.get("title") or any(layer.get("title") for layer in spec.get("layer", []))
    frames = [df.value for df in at.dataframe]
    columns = [list(f.columns) for f in frames]
    assert ["Skill", "Attained level", "Target level", "Towards the next level", "Level 1 met", "Level 2 met", "Level 3 met",
            "Level 4 met"] in columns
    assert ["Code", "Statement", "Rating", "Status"] in columns
    assert any("Indicators met" in c for c in columns)


def test_the_gap_table_lists_lower_levels_first_with_shortfalls(data_dir, rated_person):
    at = open_page("pages/gaps.py", profile_id=rated_person.id)
    gap_frame = next(df.value for df in at.dataframe if "Shortfall (points)" in df.value.columns)
    assert len(gap_frame) == 13
    assert set(gap_frame["Level"]) == {3}
    assert list(gap_frame["Shortfall (points)"]) == [3] * 12 + [2]  # unrated first, then 3.3.1 rated 1
    assert gap_frame["Code"].iloc[-1] == "3.3.1"
    assert gap_frame["Your rating"].iloc[0] == "Not rated"


def test_what_changed_between_the_last_two_snapshots_is_listed(data_dir, rated_person):
    at = open_page("pages/gaps.py", profile_id=rated_person.id)
    shown = texts(at)
    assert "What changed from 20 September 2026 to 20 October 2026" in shown
    assert "2.1.1 (2 to 3)" in shown
    assert "Rated for the first time" in shown


def test_a_target_set_by_hand_changes_the_gaps(data_dir, rated_person):
    at = open_page("pages/gaps.py", profile_id=rated_person.id)
    at.radio(key="gaps_target_kind").set_value("by_hand").run()
    for skill in (1, 2, 3):
        at.selectbox(key=f"gaps_hand_{skill}").select(2).run()
    assert "You meet every indicator up to your target levels. There are no gaps." in texts(at)


def test_without_ratings_the_page_says_to_rate_first(data_dir, person):
    at = open_page("pages/gaps.py", profile_id=person.id)
    assert any("You have not rated yourself yet" in i.value for i in at.info)


def _same_day_person(repo, person, fw):
    from datetime import date, datetime

    from planner.domain.models import Assessment, Rating

    morning = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1}
    afternoon = morning | {i.code: Rating(score=3) for i in fw.indicators if i.level == 2 and i.skill == 1}
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 12, 1), ratings=morning,
                        created_at=datetime(2026, 12, 1, 9, 15, tzinfo=UTC)))
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 12, 1), ratings=afternoon,
                        created_at=datetime(2026, 12, 1, 14, 30, tzinfo=UTC)))
    return person


def test_two_assessments_saved_on_one_day_are_told_apart_by_the_time_they_were_saved(data_dir, repo, person, fw):
    at = open_page("pages/gaps.py", profile_id=_same_day_person(repo, person, fw).id)
    progress = next(df.value for df in at.dataframe if "Indicators met" in df.value.columns)
    first_column = list(progress[progress.columns[0]])
    assert first_column == ["1 December 2026, saved at 2:30pm", "1 December 2026, saved at 9:15am"]
    assert "What changed from 1 December 2026, saved at 9:15am to 1 December 2026, saved at 2:30pm" in texts(at)
    sources = at.selectbox(key="gaps_source").options
    assert len(set(sources)) == len(sources) == 2


def test_a_draft_the_same_as_the_last_assessment_is_not_offered_as_other_ratings(data_dir, repo, rated_person):
    from planner.domain import assessment
    from planner.domain.models import Assessment, Draft

    latest = assessment.latest_first(repo.list(Assessment, rated_person.id))[0]
    repo.put(Draft(profile_id=rated_person.id, ratings=dict(latest.ratings)))
    at = open_page("pages/gaps.py", profile_id=rated_person.id)
    assert "draft" not in at.selectbox(key="gaps_source").options[0].lower()
    assert not any("draft" in o.lower() for o in at.selectbox(key="gaps_source").options)

    changed = dict(latest.ratings) | {"3.3.2": latest.ratings["3.1.1"]}
    repo.put(Draft(profile_id=rated_person.id, ratings=changed))
    again = open_page("pages/gaps.py", profile_id=rated_person.id)
    assert any("draft" in o.lower() for o in again.selectbox(key="gaps_source").options)


def test_the_attained_level_is_shown_with_its_rule_and_the_progress_inside_the_next_level(data_dir, repo, person, fw):
    from datetime import date

    from planner.domain.models import Assessment, Rating

    ratings = {i.code: Rating(score=3) for i in fw.indicators if i.level == 1 and i.skill == 1}
    ratings["1.1.4"] = Rating(score=2)
    repo.add(Assessment(profile_id=person.id, taken_on=date(2026, 11, 2), ratings=ratings))
    at = open_page("pages/gaps.py", profile_id=person.id)

    profile = next(df.value for df in at.dataframe if "Attained level" in df.value.columns)
    skill_one = profile.iloc[0]
    assert skill_one["Attained level"] == 0
    assert "Level 1: 4 of 5 met; 1.1.4 still to meet" in list(skill_one.astype(str))
    assert any("every indicator at that level and every level below" in c.value for c in at.caption)


def test_the_ratings_chosen_stay_chosen_with_the_same_labels_as_the_target_changes(data_dir, repo, rated_person):
    from planner.domain.models import Draft, Rating

    repo.put(Draft(profile_id=rated_person.id, ratings={"1.1.1": Rating(score=1)}))
    at = open_page("pages/gaps.py", profile_id=rated_person.id)
    labels = list(at.selectbox(key="gaps_source").options)
    at.selectbox(key="gaps_source").select("draft").run()
    at.radio(key="gaps_target_kind").set_value("other_grade").run()
    at.selectbox(key="gaps_other_grade").select("G6").run()

    assert list(at.selectbox(key="gaps_source").options) == labels
    assert at.selectbox(key="gaps_source").value == "draft"
    assert "You do not yet meet every Level 1 indicator in any skill." in texts(at)
