"""On Assess yourself, choices keep their place and what a person types is kept, in a real browser."""

import pytest

from planner import store
from planner.domain.models import Draft
from planner.io import shipped
from tests.browser.conftest import choose_option, create_profile, go_to, leave_box, rate, settle

pytestmark = pytest.mark.browser


def _profile_id(server, name: str) -> str:
    return next(p.id for p in store.open_repository(server.data_dir).list_profiles() if p.name == name)


def _skill_choice(page):
    return page.get_by_role("radiogroup", name="Skill to rate")


def test_the_skill_being_rated_stays_chosen_after_each_rating(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Sam Okafor", "Higher Executive Officer (HEO): guide level 2",
                   target="Senior Executive Officer (SEO): guide level 3")
    go_to(page, "Assess yourself")
    _skill_choice(page).get_by_text("Skill 2:", exact=False).click()
    settle(page)

    for code, score in (("1.2.1", "3 Competent"), ("1.2.2", "2 Developing"), ("2.2.1", "4 Expert")):
        rate(page, code, score)
        chosen = _skill_choice(page).locator("[data-testid='stRadioOption'][data-selected='true']").all_inner_texts()
        assert [c[:8] for c in chosen] == ["Skill 2:"], f"after rating {code} the chosen skill is {chosen!r}"
        assert page.get_by_role("heading", name="Skill 2:", exact=False).count() == 1

    draft = store.open_repository(server.data_dir).get(Draft, _profile_id(server, "Sam Okafor"), "current")
    assert {c: r.score for c, r in draft.ratings.items()} == {"1.2.1": 3, "1.2.2": 2, "2.2.1": 4}


def _wait_until_kept(server, name: str, text: str, timeout: float = 30) -> None:
    """Wait until the person's saved draft holds `text` (fails after `timeout` seconds if it never does)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        draft = store.open_repository(server.data_dir).get(Draft, _profile_id(server, name), "current")
        if draft is not None and text in draft.model_dump_json():
            return
        assert time.monotonic() < deadline, f"'{text}' was never kept in the draft"
        time.sleep(0.2)


def _choose_indicator(page, code: str) -> None:

    fw = shipped.load_framework(shipped.DATA_DIR)
    choose_option(page, page.get_by_role("combobox", name="Indicator"), f"{code} {fw.indicator(code).statement}")
    # The boxes are keyed by the code: typing before the chosen indicator's boxes are drawn
    # would go into the boxes they replace.
    page.get_by_text(f"Evidence for {code}.", exact=False).wait_for()


def _box(page, label_start: str):
    return page.get_by_role("textbox", name=label_start)


def test_evidence_typed_is_kept_through_a_refused_save_a_change_of_page_and_a_reload(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Lena Fischer", "Higher Executive Officer (HEO): guide level 2",
                   target="Senior Executive Officer (SEO): guide level 3")
    go_to(page, "Assess yourself")
    page.get_by_text("kept as you leave the box", exact=False).first.wait_for()

    # Refused: 1.1.4 is not rated yet. What was typed stays, and is rated and saved later.
    _choose_indicator(page, "1.1.4")
    _box(page, "Situation").fill("Shared drive clean-up in the finance team")
    page.get_by_role("button", name="Save evidence").click()
    settle(page)
    page.get_by_text("Rate indicator 1.1.4 before you add evidence").wait_for()
    assert _box(page, "Situation").input_value() == "Shared drive clean-up in the finance team"

    # Leaving the box, then the page by a sidebar link (see test_plan_keeps_what_is_typed for why first).
    _box(page, "Action").fill("I wrote a retention schedule")
    _box(page, "Action").press("Tab")
    settle(page)
    go_to(page, "Gaps and progress")
    go_to(page, "Assess yourself")
    _choose_indicator(page, "1.1.4")
    assert _box(page, "Situation").input_value() == "Shared drive clean-up in the finance team"
    assert _box(page, "Action").input_value() == "I wrote a retention schedule"

    # A reload after leaving the box.
    _box(page, "Result").fill("Duplicates fell by 40%")
    _box(page, "Task").click()
    settle(page)
    # The person reloads once the box's text is kept (under load the server may save it a moment later).
    _wait_until_kept(server, "Lena Fischer", "Duplicates fell by 40%")
    page.reload()
    settle(page)
    _choose_indicator(page, "1.1.4")
    assert _box(page, "Result").input_value() == "Duplicates fell by 40%"

    rate(page, "1.1.4", "3 Competent")
    page.get_by_role("button", name="Save evidence").click()
    settle(page)
    page.get_by_text("Saved the evidence for 1.1.4").wait_for()
    evidence = store.open_repository(server.data_dir).get(
        Draft, _profile_id(server, "Lena Fischer"), "current").ratings["1.1.4"].evidence
    assert (evidence.situation, evidence.action, evidence.result) == (
        "Shared drive clean-up in the finance team", "I wrote a retention schedule", "Duplicates fell by 40%")


def test_a_comment_is_kept_on_another_page_goes_with_the_assessment_and_then_clears(server, page):
    from planner.domain.models import Assessment

    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Tom Reyes", "Higher Executive Officer (HEO): guide level 2")
    go_to(page, "Assess yourself")
    rate(page, "1.1.1", "3 Competent")
    _box(page, "Comment (optional)").fill("After my mid-year review")
    leave_box(page, _box(page, "Comment (optional)"))  # left before the link (README: a Streamlit limit)
    go_to(page, "Gaps and progress")
    go_to(page, "Assess yourself")
    assert _box(page, "Comment (optional)").input_value() == "After my mid-year review"

    page.get_by_role("button", name="Save assessment").click()
    settle(page)
    page.get_by_text("Saved your assessment of").wait_for()
    assert _box(page, "Comment (optional)").input_value() == ""
    rate(page, "1.1.2", "2 Developing")
    assert _box(page, "Comment (optional)").input_value() == ""

    repo = store.open_repository(server.data_dir)
    profile_id = _profile_id(server, "Tom Reyes")
    assert [a.comment for a in repo.list(Assessment, profile_id)] == ["After my mid-year review"]
    assert repo.get(Draft, profile_id, "current").comment == ""
