"""The assessment rules: attained level, shares met, targets, gaps, summaries and change."""

from datetime import UTC, date

import pytest

from planner.domain import assessment
from planner.domain.models import Assessment, Rating
from planner.errors import PlannerError
from tests.conftest import guide_levels


def rate(fw, score, *, up_to_level=4, skills=(1, 2, 3)):
    return {
        i.code: Rating(score=score) for i in fw.indicators if i.level <= up_to_level and i.skill in skills
    }


def test_nothing_rated_attains_no_level_in_any_skill(fw):
    assert [s.attained for s in assessment.standing(fw, {})] == [0, 0, 0]


def test_everything_rated_4_attains_level_4_everywhere(fw):
    assert [s.attained for s in assessment.standing(fw, rate(fw, 4))] == [4, 4, 4]


def test_everything_rated_2_attains_nothing_because_2_does_not_meet(fw):
    assert [s.attained for s in assessment.standing(fw, rate(fw, 2))] == [0, 0, 0]


def test_levels_are_cumulative_so_a_missed_level_1_indicator_caps_the_skill_at_0(fw):
    ratings = rate(fw, 3)
    ratings["1.3.2"] = Rating(score=1)
    assert assessment.attained_level(fw, ratings, 3) == 0
    assert assessment.attained_level(fw, ratings, 1) == 4


def test_an_unrated_indicator_does_not_meet(fw):
    ratings = rate(fw, 3, up_to_level=2)
    del ratings["2.2.4"]
    assert assessment.attained_level(fw, ratings, 2) == 1


def test_shares_show_partial_progress_at_each_level(fw):
    ratings = rate(fw, 3, up_to_level=1)
    ratings["2.3.1"] = Rating(score=4)
    ratings["2.3.2"] = Rating(score=1)
    skill3 = assessment.standing(fw, ratings)[2]
    assert skill3.share_at(2).met == 1
    assert skill3.share_at(2).rated == 2
    assert skill3.share_at(2).total == 6
    assert skill3.share_at(2).share_met == pytest.approx(1 / 6)


def test_target_from_grade_uses_the_saved_mapping(fw, grades):
    mapping = guide_levels(grades) | {"HEO": 3}
    assert assessment.target_from_grade(fw, "HEO", mapping) == {1: 3, 2: 3, 3: 3}
    assert assessment.target_from_grade(fw, "EO", mapping) == {1: 2, 2: 2, 3: 2}


def test_target_from_an_unmapped_grade_is_refused(fw):
    with pytest.raises(PlannerError, match="not one this installation knows a level for"):
        assessment.target_from_grade(fw, "G5", {})


def test_target_by_hand_needs_every_skill_in_range(fw):
    assert assessment.target_by_hand(fw, {1: 2, 2: 3, 3: 1}) == {1: 2, 2: 3, 3: 1}
    with pytest.raises(PlannerError, match="skill 3"):
        assessment.target_by_hand(fw, {1: 2, 2: 3})
    with pytest.raises(PlannerError, match="skill 1"):
        assessment.target_by_hand(fw, {1: 5, 2: 3, 3: 1})


def test_no_gaps_when_every_indicator_meets_the_target(fw):
    assert assessment.gaps(fw, rate(fw, 3, up_to_level=3), {1: 3, 2: 3, 3: 3}) == []


def test_a_target_below_the_current_level_has_no_gaps(fw):
    ratings = rate(fw, 4, up_to_level=3)
    assert assessment.gaps(fw, ratings, {1: 1, 2: 1, 3: 1}) == []


def test_gaps_only_count_indicators_at_or_below_the_target_level(fw):
    found = assessment.gaps(fw, {}, {1: 1, 2: 0, 3: 2})
    codes = [g.code for g in found]
    assert all(code.split(".")[1] in {"1", "3"} for code in codes)
    assert "2.1.1" not in codes and "2.3.1" in codes and "1.2.1" not in codes
    assert len(codes) == 5 + 3 + 6


def test_a_skill_with_a_gap_only_at_level_1(fw):
    ratings = rate(fw, 3, up_to_level=3)
    ratings["1.2.3"] = Rating(score=2)
    found = assessment.gaps(fw, ratings, {1: 3, 2: 3, 3: 3})
    assert [(g.code, g.shortfall) for g in found] == [("1.2.3", 1)]
    assert assessment.attained_level(fw, ratings, 2) == 0


def test_gaps_come_lower_levels_first_then_larger_shortfall(fw):
    ratings = rate(fw, 3, up_to_level=2)
    ratings["2.1.1"] = Rating(score=2)
    ratings["2.3.6"] = Rating(score=0)
    ratings["1.1.2"] = Rating(score=2)
    found = assessment.gaps(fw, ratings, {1: 2, 2: 2, 3: 2})
    assert [(g.code, g.shortfall) for g in found] == [("1.1.2", 1), ("2.3.6", 3), ("2.1.1", 1)]


def test_unrated_indicators_are_gaps_shown_as_not_rated_with_full_shortfall(fw):
    found = assessment.gaps(fw, {}, {1: 1, 2: 0, 3: 0})
    assert {g.rating_label for g in found} == {"Not rated"}
    assert {g.shortfall for g in found} == {3}
    assert assessment.total_shortfall(found) == 15


def test_summary_reads_in_plain_english(fw):
    ratings = rate(fw, 3, up_to_level=2)
    ratings |= {c: Rating(score=3) for c in ["3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5",
                                             "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.3.3"]}
    ratings["3.3.2"] = Rating(score=1)
    lines = assessment.summary(fw, ratings, {1: 3, 2: 3, 3: 3}, "SEO")
    assert lines[0] == ("You meet Level 3 in Using, evaluating and exploiting knowledge and information "
                        "and Acquiring, managing and organising knowledge and information.")
    assert lines[1] == "You meet Level 2 in Information Governance."
    assert lines[2] == ("For SEO (Level 3) you need 4 more indicators in Information Governance: "
                        "3.3.1, 3.3.2, 3.3.4 and 3.3.5.")
    assert lines[3] == "3 of these indicators are not rated yet, so they count as not met: 3.3.1, 3.3.4 and 3.3.5."


def test_summary_for_the_same_level_in_all_skills(fw):
    lines = assessment.summary(fw, rate(fw, 3, up_to_level=2), {1: 2, 2: 2, 3: 2}, "HEO")
    assert lines == ["You meet Level 2 in all three skills.",
                     "You meet every indicator for HEO (Level 2). There are no gaps."]


def test_summary_when_nothing_is_rated(fw):
    lines = assessment.summary(fw, {}, {1: 1, 2: 1, 3: 1}, "AO")
    assert lines[0] == "You do not yet meet every Level 1 indicator in any skill."
    assert lines[1].startswith("For AO (Level 1) you need 5 more indicators in Using")


def _snapshot(ratings, day):
    return Assessment(profile_id="p1", taken_on=date(2026, 10, day), ratings=ratings)


def test_difference_shows_improved_fell_back_and_newly_rated():
    older = _snapshot({"1.1.1": Rating(score=2), "1.1.2": Rating(score=4), "1.1.3": Rating(score=1)}, 1)
    newer = _snapshot({"1.1.1": Rating(score=3), "1.1.2": Rating(score=2), "1.1.3": Rating(score=1),
                       "2.1.1": Rating(score=3)}, 28)
    diff = assessment.difference(older, newer)
    assert [(c.code, c.before, c.after) for c in diff.improved] == [("1.1.1", 2, 3)]
    assert [(c.code, c.before, c.after) for c in diff.fell_back] == [("1.1.2", 4, 2)]
    assert [c.code for c in diff.newly_rated] == ["2.1.1"]
    assert diff.newly_met == ["1.1.1", "2.1.1"]
    assert diff.no_longer_met == ["1.1.2"]


def test_difference_of_identical_snapshots_is_empty():
    ratings = {"1.1.1": Rating(score=2)}
    assert assessment.difference(_snapshot(ratings, 1), _snapshot(ratings, 2)).is_empty


def test_latest_first_orders_by_date_then_save_time():
    a, b, c = _snapshot({}, 3), _snapshot({}, 9), _snapshot({}, 5)
    assert assessment.latest_first([a, b, c]) == [b, c, a]


def test_rated_count_counts_only_the_scope(fw):
    ratings = rate(fw, 2, up_to_level=1) | {"4.1.1": Rating(score=1)}
    assert assessment.rated_count(fw, ratings, 2) == (12, 27)


def test_snapshots_on_one_day_are_named_by_the_uk_time_they_were_saved_and_others_by_date_alone():
    from datetime import datetime

    def saved(day, at):
        return Assessment(profile_id="p", taken_on=day, created_at=at)

    summer = [saved(date(2026, 7, 1), datetime(2026, 7, 1, 8, 5, tzinfo=UTC)),
              saved(date(2026, 7, 1), datetime(2026, 7, 1, 11, 0, tzinfo=UTC))]
    same_minute = [saved(date(2026, 12, 1), datetime(2026, 12, 1, 21, 40, 7, tzinfo=UTC)),
                   saved(date(2026, 12, 1), datetime(2026, 12, 1, 21, 40, 52, tzinfo=UTC))]
    alone = saved(date(2026, 9, 3), datetime(2026, 9, 4, 10, 0, tzinfo=UTC))
    names = assessment.snapshot_names([*summer, *same_minute, alone])
    assert [names[s.id] for s in summer] == ["1 July 2026, saved at 9:05am", "1 July 2026, saved at 12pm"]
    assert [names[s.id] for s in same_minute] == ["1 December 2026, saved at 9:40:07pm",
                                                  "1 December 2026, saved at 9:40:52pm"]
    assert names[alone.id] == "3 September 2026"


def test_snapshots_saved_in_the_same_second_are_numbered_in_the_order_saved():
    from datetime import datetime

    at = datetime(2026, 12, 1, 10, 0, 0, tzinfo=UTC)
    first, second = (Assessment(profile_id="p", taken_on=date(2026, 12, 1), created_at=at) for _ in range(2))
    names = assessment.snapshot_names([second, first])
    assert len(set(names.values())) == 2
    assert all(name.startswith("1 December 2026, saved at 10:00:00am (") for name in names.values())


def test_the_progress_inside_the_next_level_names_what_is_still_to_meet(fw):
    ratings = rate(fw, 3, up_to_level=1, skills=(1,))
    ratings["1.1.4"] = Rating(score=2)
    assert assessment.attained_level(fw, ratings, 1) == 0
    assert assessment.next_level_progress(fw, ratings, 1) == "Level 1: 4 of 5 met; 1.1.4 still to meet"
    assert assessment.next_level_progress(fw, rate(fw, 3, up_to_level=1), 2) == \
        "Level 2: 0 of 4 met; 2.2.1, 2.2.2, 2.2.3 and 2.2.4 still to meet"
    assert assessment.next_level_progress(fw, rate(fw, 4), 3) == "Every level met"
