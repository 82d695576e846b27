"""Self-assessment: rate, see progress, keep a draft, add evidence, save dated snapshots."""

from planner.domain.models import Assessment, Draft
from tests.app.conftest import button, open_page, texts


def test_the_default_scope_is_up_to_the_target_grades_level(data_dir, person, fw):
    at = open_page("pages/assess.py", profile_id=person.id)
    radios = [r.key for r in at.radio if r.key and r.key.startswith("rate_")]
    assert radios == [f"rate_{i.code}" for i in fw.indicators if i.level <= 3 and i.skill == 1]  # SEO: level 3
    assert "0 of 41 indicators rated" in at.get("progress")[0].proto.text


def test_each_skill_is_rated_in_turn(data_dir, person, fw):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.radio(key="assess_skill").set_value(3).run()
    radios = [r.key for r in at.radio if r.key and r.key.startswith("rate_")]
    assert radios == [f"rate_{i.code}" for i in fw.indicators if i.level <= 3 and i.skill == 3]


def test_statements_are_shown_in_full_with_their_codes(data_dir, person, fw):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.radio(key="assess_skill").set_value(3).run()
    labels = {r.label for r in at.radio}
    ind = fw.indicator("2.3.6")
    # In plain words: a screen reader announces a radio group's label exactly as written.
    assert f"{ind.code} {ind.statement}" in labels
    assert not [label for label in labels if "*" in label or "\\" in label]


def test_each_rating_is_saved_to_the_draft_as_it_is_chosen(data_dir, repo, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.radio(key="rate_1.1.1").set_value(3).run()
    at.radio(key="assess_skill").set_value(3).run()
    at.radio(key="rate_2.3.4").set_value(1).run()

    draft = repo.get(Draft, person.id, "current")
    assert {c: r.score for c, r in draft.ratings.items()} == {"1.1.1": 3, "2.3.4": 1}
    assert "2 of 41 indicators rated" in at.get("progress")[0].proto.text
    assert "1 Aware: I know what this means but have not done it myself." in texts(at)


def test_the_draft_comes_back_when_the_page_is_opened_again(data_dir, repo, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.radio(key="assess_skill").set_value(2).run()
    at.radio(key="rate_1.2.1").set_value(4).run()

    again = open_page("pages/assess.py", profile_id=person.id)
    again.radio(key="assess_skill").set_value(2).run()
    assert again.radio(key="rate_1.2.1").value == 4
    assert again.radio(key="rate_1.2.2").value is None
    assert "Not rated yet." in texts(again)


def test_widening_the_scope_shows_level_4(data_dir, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.selectbox(key="assess_scope").select(4).run()
    at.radio(key="assess_skill").set_value(3).run()
    assert at.radio(key="rate_4.3.3") is not None
    assert "0 of 54 indicators rated" in at.get("progress")[0].proto.text


def test_evidence_needs_a_rating_first(data_dir, repo, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.selectbox(key="assess_evidence_code").select("1.1.3").run()
    at.text_area(key="assess_star_1.1.3_action").input("I checked the metadata.")
    button(at, "Save evidence").click().run()
    assert any("Rate indicator 1.1.3 before you add evidence" in e.value for e in at.error)


def test_evidence_is_saved_with_the_rating(data_dir, repo, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.radio(key="rate_1.1.3").set_value(3).run()
    at.selectbox(key="assess_evidence_code").select("1.1.3").run()
    at.text_area(key="assess_star_1.1.3_situation").input("Shared drive clean-up")
    at.text_area(key="assess_star_1.1.3_result").input("Duplicates fell by 40%")
    button(at, "Save evidence").click().run()

    rating = repo.get(Draft, person.id, "current").ratings["1.1.3"]
    assert rating.score == 3
    assert rating.evidence.situation == "Shared drive clean-up"
    assert rating.evidence.result == "Duplicates fell by 40%"

    again = open_page("pages/assess.py", profile_id=person.id)
    again.selectbox(key="assess_evidence_code").select("1.1.3").run()
    assert again.text_area(key="assess_star_1.1.3_situation").value == "Shared drive clean-up"


def test_saving_creates_a_dated_snapshot_and_keeps_earlier_ones(data_dir, repo, rated_person):
    at = open_page("pages/assess.py", profile_id=rated_person.id)
    at.radio(key="assess_skill").set_value(3).run()
    at.radio(key="rate_3.3.1").set_value(3).run()
    button(at, "Save assessment").click().run()

    snaps = repo.list(Assessment, rated_person.id)
    assert len(snaps) == 3
    newest = max(snaps, key=lambda a: a.created_at)
    assert newest.ratings["3.3.1"].score == 3
    assert newest.ratings["3.1.1"].score == 4  # started from the latest snapshot
    assert "Saved your assessment of" in texts(at)


def test_saving_with_nothing_rated_says_so_and_saves_nothing(data_dir, repo, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    button(at, "Save assessment").click().run()
    assert any("Rate at least one indicator" in e.value for e in at.error)
    assert repo.list(Assessment, person.id) == []


def test_unrated_indicators_are_announced_before_saving(data_dir, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.radio(key="rate_1.1.1").set_value(2).run()
    assert any("40 of the 41 indicators in scope are not rated" in w.value for w in at.warning)


def test_without_a_profile_the_page_says_how_to_start(data_dir):
    at = open_page("pages/assess.py")
    assert any("create one on the **Your profile** page" in i.value for i in at.info)


def test_the_choices_of_skill_scope_and_indicator_keep_their_labels_as_ratings_change(data_dir, repo, person):
    # A browser keeps a choice by its label: a label that changes sends the choice back to the first.
    at = open_page("pages/assess.py", profile_id=person.id)
    at.radio(key="assess_skill").set_value(2).run()
    before = {key: list(at.radio(key=key).options) if key == "assess_skill" else list(at.selectbox(key=key).options)
              for key in ("assess_skill", "assess_scope", "assess_evidence_code")}
    at.radio(key="rate_1.2.1").set_value(3).run()
    at.radio(key="rate_1.2.2").set_value(2).run()
    after = {key: list(at.radio(key=key).options) if key == "assess_skill" else list(at.selectbox(key=key).options)
             for key in ("assess_skill", "assess_scope", "assess_evidence_code")}

    assert after == before
    assert at.radio(key="assess_skill").value == 2
    assert "2 of 12 rated" in at.radio(key="assess_skill").proto.captions[1]


def _saved_today(repo, person):
    from datetime import date

    from planner.domain.models import Rating

    earlier = Assessment(profile_id=person.id, taken_on=date.today(), ratings={"1.1.1": Rating(score=2)})
    repo.add(earlier)
    return earlier


def test_saving_a_second_assessment_on_one_day_asks_first_and_can_replace_the_earlier_one(data_dir, repo, person):
    earlier = _saved_today(repo, person)
    at = open_page("pages/assess.py", profile_id=person.id)
    at.radio(key="rate_1.1.1").set_value(4).run()
    button(at, "Save assessment").click().run()

    assert len(repo.list(Assessment, person.id)) == 1  # nothing saved until the person chooses
    assert any("already saved an assessment of" in w.value for w in at.warning)
    button(at, "Replace the earlier one").click().run()

    snaps = repo.list(Assessment, person.id)
    assert [(s.id, s.ratings["1.1.1"].score) for s in snaps] == [(earlier.id, 4)]
    assert "Replaced your assessment of" in texts(at)
    assert not any("already saved an assessment of" in w.value for w in at.warning)


def test_saving_a_second_assessment_on_one_day_can_keep_both(data_dir, repo, person):
    _saved_today(repo, person)
    at = open_page("pages/assess.py", profile_id=person.id)
    at.radio(key="rate_1.1.2").set_value(3).run()
    button(at, "Save assessment").click().run()
    button(at, "Keep both").click().run()

    snaps = repo.list(Assessment, person.id)
    assert sorted(len(s.ratings) for s in snaps) == [1, 2]
    assert "Saved your assessment of" in texts(at)


def test_evidence_refused_for_an_unrated_indicator_is_kept_for_when_it_is_rated(data_dir, repo, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.selectbox(key="assess_evidence_code").select("1.1.3").run()
    at.text_area(key="assess_star_1.1.3_action").input("I checked the metadata.").run()
    button(at, "Save evidence").click().run()
    assert any("Rate indicator 1.1.3 before you add evidence" in e.value for e in at.error)
    assert repo.get(Draft, person.id, "current").typed_evidence["1.1.3"].action == "I checked the metadata."

    again = open_page("pages/assess.py", profile_id=person.id)
    again.selectbox(key="assess_evidence_code").select("1.1.3").run()
    assert again.text_area(key="assess_star_1.1.3_action").value == "I checked the metadata."
    assert "kept as you leave the box" in texts(again)


def test_the_comment_typed_for_the_assessment_is_kept_through_another_page_and_cleared_once_saved(
        data_dir, repo, person):
    at = open_page("pages/assess.py", profile_id=person.id)
    at.text_area(key="assess_comment").input("After my mid-year review").run()
    button(at, "Save assessment").click().run()  # refused: nothing rated yet
    assert any("Rate at least one indicator" in e.value for e in at.error)
    at.switch_page("pages/gaps.py")
    at.run()
    at.switch_page("pages/assess.py")
    at.run()
    assert at.text_area(key="assess_comment").value == "After my mid-year review"

    at.radio(key="rate_1.1.1").set_value(3).run()
    button(at, "Save assessment").click().run()
    assert [a.comment for a in repo.list(Assessment, person.id)] == ["After my mid-year review"]
    assert at.text_area(key="assess_comment").value == ""
