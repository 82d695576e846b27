"""Where a person stands between a new profile and a plan, and what the app suggests doing next."""

from datetime import date, timedelta

from planner.domain import assessment, journey
from planner.domain.models import Assessment, Draft, ItemStatus, PlanItem, Rating

TODAY = date(2026, 12, 1)


def _target(fw):
    return {skill.number: 3 for skill in fw.skills}


def _stand(fw, assessments=(), draft=None, items=()):
    return journey.where_you_stand(fw, list(assessments), draft, list(items), _target(fw), "SEO", TODAY)


def _all_rated(fw, score, taken_on=date(2026, 11, 2), **fields):
    return Assessment(profile_id="p", taken_on=taken_on, ratings={c: Rating(score=score) for c in fw.codes}, **fields)


def test_someone_who_has_rated_nothing_is_sent_to_assess_themselves(fw):
    found = _stand(fw)
    assert found.next_step.page == "assess"
    assert found.next_step.label == "Assess yourself"
    assert found.sentences == ["You have not rated yourself yet."]


def test_a_draft_not_yet_saved_says_how_many_are_rated_and_asks_to_carry_on(fw):
    draft = Draft(profile_id="p", ratings={code: Rating(score=2) for code in fw.codes[:5]})
    found = _stand(fw, draft=draft)
    assert found.next_step.page == "assess"
    assert found.next_step.label == "Carry on assessing yourself"
    assert f"5 indicators of {len(fw.codes)}" in found.sentences[0]


def test_a_mentors_rating_is_not_taken_for_a_self_assessment(fw):
    by_mentor = _all_rated(fw, 4, assessor="mentor", assessor_name="Grace")
    assert _stand(fw, [by_mentor]).next_step.page == "assess"


def test_gaps_and_no_plan_lead_to_recommendations_naming_how_many_gaps(fw):
    rated = _all_rated(fw, 2)
    gaps = assessment.gaps(fw, rated.ratings, _target(fw))
    found = _stand(fw, [rated])
    assert found.next_step.page == "recommend"
    assert f"{len(gaps)} gaps" in found.next_step.reason
    assert found.sentences[0] == "Your latest self-assessment is of 2 November 2026."
    assert found.sentences[1:] == assessment.summary(fw, rated.ratings, _target(fw), "SEO")


def test_the_latest_self_assessment_is_the_one_described(fw):
    older, newer = _all_rated(fw, 2, date(2026, 1, 5)), _all_rated(fw, 3, date(2026, 6, 7))
    found = _stand(fw, [newer, older])
    assert found.sentences[0] == "Your latest self-assessment is of 7 June 2026."
    assert found.next_step.page == "careers"  # rated 3 everywhere: nothing short of level 3


def test_overdue_plan_items_come_before_anything_else_in_the_plan(fw):
    items = [
        PlanItem(profile_id="p", objective="Late one", target_date=TODAY - timedelta(days=3)),
        PlanItem(profile_id="p", objective="On time", target_date=TODAY + timedelta(days=30)),
        PlanItem(profile_id="p", objective="Finished", status=ItemStatus.DONE),
    ]
    found = _stand(fw, [_all_rated(fw, 2)], items=items)
    assert found.next_step.page == "plan"
    assert found.next_step.label == "Update your plan"
    assert found.next_step.reason.startswith("1 item is past the target date")
    assert found.sentences[-1] == "Your plan has 3 items: 2 open and 1 done."


def test_a_plan_on_time_is_simply_kept_up_to_date(fw):
    items = [PlanItem(profile_id="p", objective="On time", target_date=TODAY + timedelta(days=30))]
    found = _stand(fw, [_all_rated(fw, 2)], items=items)
    assert (found.next_step.page, found.next_step.label) == ("plan", "Go to your plan")
    assert found.sentences[-1] == "Your plan has 1 item: 1 open and 0 done."
