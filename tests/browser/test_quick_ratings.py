"""Ratings clicked as fast as a person can click all reach the draft and the saved assessment."""

import pytest

from planner import store
from planner.domain.models import RATING_LABELS, Assessment, Draft
from tests.browser.conftest import create_profile, go_to, rating_group, settle

pytestmark = pytest.mark.browser

ROUNDS = 5


def _option(page, code: str, score: int):
    group = rating_group(page, code)
    return group.get_by_text(f"{score} {RATING_LABELS[score]}", exact=True)


def _shown(page, code: str) -> int | None:
    group = rating_group(page, code)
    checked = group.locator("label:has(input:checked)")
    return int(checked.inner_text().split()[0]) if checked.count() else None


def _wait_until_idle(page) -> None:
    # Clicks made without waiting start and interrupt several reruns; wait until none is left.
    for _ in range(3):
        settle(page)


def _save_assessment(page) -> None:
    page.get_by_role("button", name="Save assessment").click()
    settle(page)
    saved = page.get_by_text("Saved your assessment of")
    keep_both = page.get_by_role("button", name="Keep both")
    saved.or_(keep_both).first.wait_for(timeout=30_000)
    if keep_both.count():
        keep_both.click()
        settle(page)
        saved.wait_for(timeout=30_000)


def test_fifteen_ratings_clicked_without_a_pause_all_reach_the_draft_and_the_snapshot(server, page):
    page.goto(server.url)
    settle(page)
    create_profile(page, server, "Quick Clicker", "Higher Executive Officer (HEO): guide level 2",
                   target="Senior Executive Officer (SEO): guide level 3")
    go_to(page, "Assess yourself")
    repo = store.open_repository(server.data_dir)
    profile_id = next(p.id for p in repo.list_profiles() if p.name == "Quick Clicker")

    codes = [f"{level}.1.{n}" for level in (1, 2, 3) for n in range(1, 6)]  # skill 1, levels 1 to 3
    lost_in_draft = lost_in_snapshot = 0
    for round_number in range(ROUNDS):
        # Every click changes the rating shown, so every click has to reach the draft.
        clicks = {code: (round_number + i) % 5 for i, code in enumerate(codes)}
        options = [_option(page, code, score) for code, score in clicks.items()]
        for option in options:
            option.click(no_wait_after=True)
        _wait_until_idle(page)

        on_screen = {code: _shown(page, code) for code in codes}
        draft = store.open_repository(server.data_dir).get(Draft, profile_id, "current")
        in_draft = {code: draft.ratings[code].score if code in draft.ratings else None for code in codes}
        print(f"round {round_number + 1}: the draft differs from the clicks at "
              f"{[c for c in codes if in_draft[c] != clicks[c]]}, the screen at "
              f"{[c for c in codes if on_screen[c] != clicks[c]]}")
        lost_in_draft += sum(in_draft[code] != score for code, score in clicks.items())

        _save_assessment(page)
        newest = max(store.open_repository(server.data_dir).list(Assessment, profile_id),
                     key=lambda a: a.created_at)
        in_snapshot = {code: newest.ratings[code].score if code in newest.ratings else None for code in codes}
        lost_in_snapshot += sum(in_snapshot[code] != score for code, score in clicks.items())

    total = ROUNDS * len(codes)
    print(f"\nQuick rating clicks lost: {lost_in_draft} of {total} in the draft, "
          f"{lost_in_snapshot} of {total} in the saved assessment")
    assert lost_in_draft == lost_in_snapshot == 0
