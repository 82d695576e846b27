"""'Add an item' on My plan: what a person types is kept as a draft until the item is added.

The boxes are not in a form: a form sends nothing until it is submitted, so text typed into it
is lost on leaving the page, and `clear_on_submit` empties it even when the item is refused.
Outside a form each box sends its value as the person leaves it (text still being typed cannot
be sent before that), and that value is saved as the person's draft, which the boxes start from
on any later visit or after a reload.
"""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from planner import store
from planner.domain import plan
from planner.domain.models import ActivitySource, Framework, PlanItemDraft, Profile, utc_now
from planner.errors import PlannerError
from ui import context, drafts
from ui.session import kept

DRAFT_ID = "new-item"
# Kept values (ui.session): why the draft was not saved; whether to empty the boxes.
PROBLEM = "plan_add_problem"
EMPTIED = "plan_add_emptied"
DRAWN_FOR = "plan_add_drawn_for"  # whose draft the boxes were last drawn with
# The draft's fields and the boxes that hold them.
BOXES = {
    "objective": "plan_add_objective",
    "indicators": "plan_add_indicators",
    "activity_title": "plan_add_activity",
    "activity_source": "plan_add_source",
    "target_date": "plan_add_target",
    "review_date": "plan_add_review",
}
DATE_RANGE = timedelta(days=3650)


def _starting_values(draft: PlanItemDraft | None, choices: list[str], today: date) -> dict:
    """What the boxes start from when the browser shows them afresh: the draft, else empty.

    Given as the boxes' defaults (not set through session state), so the browser shows them
    whenever it draws the boxes anew, such as on coming back to the page.
    """
    earliest, latest = today - DATE_RANGE, today + DATE_RANGE

    def in_range(when: date | None) -> date | None:
        return when if when is not None and earliest <= when <= latest else None

    return {
        "objective": draft.objective if draft else "",
        "indicators": [c for c in draft.indicators if c in choices] if draft else [],
        "activity_title": draft.activity_title if draft else "",
        "activity_source": draft.activity_source if draft else ActivitySource.OWN,
        "target_date": (in_range(draft.target_date) if draft else None) or today + timedelta(days=90),
        "review_date": in_range(draft.review_date) if draft else None,
    }


def _keep_draft(profile_id: str) -> None:
    """Save what the boxes hold as the person's draft (called as they leave a box)."""
    values = {field: st.session_state.get(key) for field, key in BOXES.items()}
    values["indicators"] = list(values["indicators"] or [])
    drafts.keep(PROBLEM, lambda: context.repository().put(
        PlanItemDraft(profile_id=profile_id, updated_at=utc_now(), **values)))


def keep_what_the_boxes_show() -> None:
    """Save what the boxes hold, when it differs from the saved draft; app.py calls this on every run.

    A click on another page's link while a run is still going can interrupt that run before a box's
    on_change is called. The boxes' values are still in session state at the start of the next run,
    whichever page it is for, so the router saves them first and nothing typed is lost. They are
    saved for the person the boxes were drawn for, never for a profile chosen since.
    """
    profile_id = kept().get(DRAWN_FOR)
    if not profile_id or kept().get(EMPTIED):
        return
    screen = st.session_state.to_dict()
    if not all(key in screen for key in BOXES.values()):
        return
    shown = {field: screen[key] for field, key in BOXES.items()}
    shown["indicators"] = list(shown["indicators"] or [])
    try:
        draft = context.repository().get(PlanItemDraft, profile_id, DRAFT_ID)
    except PlannerError:
        return  # My plan says the draft could not be read
    if draft is None:
        if not (shown["objective"] or shown["indicators"] or shown["activity_title"]):
            return  # nothing typed yet: the boxes hold their starting values
    elif all(getattr(draft, field) == value for field, value in shown.items()):
        return
    _keep_draft(profile_id)


def _forget(repo: store.Repository, profile_id: str) -> None:
    """Remove the draft and have the next run empty the boxes, once the item is in the plan."""
    kept()[EMPTIED] = True
    kept()[PROBLEM] = None
    try:
        repo.remove(PlanItemDraft, profile_id, DRAFT_ID)
    except PlannerError as exc:
        raise PlannerError(
            f"The item was added, but what you typed could not be cleared from the boxes: {exc}"
        ) from None


def add_item_form(repo: store.Repository, fw: Framework, profile: Profile, gap_codes: list[str],
                  position: int, today: date) -> None:
    """The boxes for a new plan item and the button that adds it."""
    choices = gap_codes + [c for c in fw.codes if c not in gap_codes]
    try:
        draft = repo.get(PlanItemDraft, profile.id, DRAFT_ID)
    except PlannerError as exc:
        st.warning(f"What you typed here before could not be read back: {exc}")
        draft = None
    start = _starting_values(draft, choices, today)
    kept()[DRAWN_FOR] = profile.id
    if kept().get(EMPTIED):
        # The item was added: the browser still holds what was typed, so the boxes are set
        # through session state (which it is sent) rather than given defaults (which it is not).
        kept()[EMPTIED] = False
        for field, key in BOXES.items():
            st.session_state[key] = start[field]
        first = {field: {} for field in BOXES}
    else:
        first = {
            "objective": {"value": start["objective"]},
            "indicators": {"default": start["indicators"]},
            "activity_title": {"value": start["activity_title"]},
            "activity_source": {"index": list(ActivitySource).index(start["activity_source"])},
            "target_date": {"value": start["target_date"]},
            "review_date": {"value": start["review_date"]},
        }
    st.caption("What you type here is kept as you leave each box, so you can go to another page, "
               "or reload this one, and find it here when you come back.")
    keep = {"on_change": _keep_draft, "args": (profile.id,)}
    objective = st.text_area(
        "Objective", key=BOXES["objective"], max_chars=5000, **first["objective"],
        placeholder="For example: Draft a retention schedule for the team's shared drive, "
                    "approved by the Information Asset Owner, by 31 March.",
        help="Say what you will achieve and how you will know you have: specific and measurable.", **keep,
    )
    codes = st.multiselect(
        "Indicators it develops", choices, key=BOXES["indicators"], **first["indicators"],
        format_func=lambda c: f"{c} {'(gap) ' if c in gap_codes else ''}{fw.indicator(c).statement}",
        placeholder="Your gaps are listed first", **keep,
    )
    left, right = st.columns(2)
    activity = left.text_input("Activity", key=BOXES["activity_title"], max_chars=300,
                               placeholder="For example: shadow the records manager for a month",
                               **first["activity_title"], **keep)
    source = right.selectbox("Where the activity comes from", list(ActivitySource),
                             format_func=lambda s: plan.SOURCE_LABELS[s], key=BOXES["activity_source"],
                             **first["activity_source"], **keep)
    target_date = left.date_input("Target date", min_value=today - DATE_RANGE, max_value=today + DATE_RANGE,
                                  format="DD/MM/YYYY", key=BOXES["target_date"], **first["target_date"], **keep)
    review_date = right.date_input("Review date (optional)", min_value=today - DATE_RANGE,
                                   max_value=today + DATE_RANGE, format="DD/MM/YYYY", key=BOXES["review_date"],
                                   **first["review_date"], **keep)
    drafts.warn_if_not_kept(PROBLEM)
    if st.button("Add to my plan", type="primary", key="plan_add"):
        with context.plain_errors():
            item = plan.new_item(
                fw, profile_id=profile.id, objective=objective, indicators=codes, activity_title=activity,
                source=source, target_date=target_date, review_date=review_date,
                position=position, now=utc_now(),
            )
            repo.put(item)
            context.flash("Added the item to your plan.")
            _forget(repo, profile.id)
            st.rerun()
