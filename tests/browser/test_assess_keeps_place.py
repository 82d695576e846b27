"""On Assess yourself, choices keep their place and what a person types is kept, in a real browser."""

import pytest

from planner import store
from planner.models import Draft
from tests.browser.conftest import create_profile, go_to, rate, settle

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
