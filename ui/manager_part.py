"""'For your line manager' on My plan: what a department's PDP template asks beside the objectives.

The line manager's name, the support needed from them, the cost and time they approve, the review
meetings and their comments go into every download of the plan. As on the rest of My plan, nothing
is in a form: each box's value is saved as the person leaves it, so leaving the page or reloading it
loses nothing. A review meeting that is not one (a time badly written, a link that is not a web
address) is said plainly and nothing saved changes until it is put right.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import streamlit as st
from pydantic import ValidationError

from planner import store
from planner.domain import meetings, pdp_details
from planner.domain.models import DraftMeeting, PdpDetails, Profile, utc_now
from planner.errors import PlannerError, describe_invalid
from planner.services import pdp_details as details_service
from ui import context, drafts, meeting_boxes
from ui.session import kept
from ui.text import escape_markdown

# Kept values (ui.session).
PROBLEM = "pdp_details_problem"
MEETINGS_PROBLEM = "pdp_meetings_problem"
DRAWN_FOR = "pdp_details_drawn_for"
ROUND = "pdp_meetings_round"

BOXES: dict[str, str] = {name: f"pdp_{name}" for name in pdp_details.TEXT_FIELDS}
"""The key of the box for each text of the details: pdp_line_manager, pdp_support_needed, pdp_cost,
pdp_time_needed, pdp_manager_comments."""
MAX_CHARS = {"line_manager": 120, "support_needed": 5000, "cost": 200, "time_needed": 200, "manager_comments": 5000}
ADD_MEETING = "pdp_meeting_add"
PAST, AHEAD = timedelta(days=365), timedelta(days=3 * 365)
NEW_MEETING_IN = timedelta(days=28)
"""How far ahead a review meeting just added falls, until the person chooses its day."""


def meeting_key(round_number: int, number: int) -> str:
    """The key of a review meeting's day box (its other boxes' keys add _time, _minutes, _place, _link, _repeat,
    _until): such as 'pdp_meeting_0_1' for the second meeting shown in round 0."""
    return f"pdp_meeting_{round_number}_{number}"


def _typed_text() -> dict[str, str]:
    return {name: str(st.session_state.get(key) or "") for name, key in BOXES.items()}


def _keep_text(profile: Profile) -> None:
    """Save what the text boxes hold (called as the person leaves one)."""
    drafts.keep(PROBLEM, lambda: details_service.save_details(
        context.repository(), context.actor_of(profile), profile.id, _typed_text(), utc_now()))


def keep_what_the_boxes_show() -> None:
    """Save what the text boxes hold when it differs from what is saved; app.py calls this on every run.

    A click on another page's link can interrupt a run before a box's on_change is called; the boxes'
    values are still in session state at the start of the next run, so the router saves them first.
    They are saved for the person the boxes were drawn for, never for a profile chosen since.
    """
    profile_id = kept().get(DRAWN_FOR)
    if not profile_id or not all(key in st.session_state for key in BOXES.values()):
        return
    profile = context.current_profile()
    if profile is None or profile.id != profile_id:
        return
    try:
        saved = context.repository().get(PdpDetails, profile_id, "current")
    except PlannerError:
        return  # My plan says the details could not be read
    typed = _typed_text()
    if saved is None and not any(typed.values()):
        return
    if saved is not None and all(getattr(saved, name) == value.strip() for name, value in typed.items()):
        return
    _keep_text(profile)


def _typed_meetings(round_number: int, count: int) -> list[tuple[date | None, DraftMeeting]]:
    """Each review meeting's boxes as typed: the day, and the rest."""
    typed = []
    for number in range(count):
        day = meeting_key(round_number, number)
        rest = {field: st.session_state.get(meeting_boxes.box_name(day, box))
                for box, field in meeting_boxes.BOXES.items()}
        rest["at"], rest["place"], rest["link"] = (str(rest[f] or "") for f in ("at", "place", "link"))
        typed.append((st.session_state.get(day), DraftMeeting.model_validate(rest)))
    return typed


def _save_meetings(profile: Profile, typed: list[tuple[date | None, DraftMeeting]]) -> PdpDetails:
    saved = details_service.save_review_meetings(context.repository(), context.actor_of(profile), profile.id,
                                                 typed, utc_now())
    if len(saved.review_meetings) != len(typed):
        _draw_afresh()  # one was left out (nothing typed, not even its day): each box back in its place
    return saved


def _keep_meetings(profile: Profile, round_number: int, count: int) -> None:
    """Save the review meetings the boxes hold (called as the person leaves one), or say why not."""
    try:
        _save_meetings(profile, _typed_meetings(round_number, count))
    except PlannerError as exc:
        kept()[MEETINGS_PROBLEM] = str(exc)
    except ValidationError as exc:
        kept()[MEETINGS_PROBLEM] = f"{describe_invalid(exc)} {pdp_details.NOTHING_SAVED}"
    else:
        kept()[MEETINGS_PROBLEM] = None


def _draw_afresh() -> None:
    # New keys: every meeting's boxes start again from what is saved, in its place.
    kept()[ROUND] += 1
    kept()[MEETINGS_PROBLEM] = None


def show(repo: store.Repository, profile: Profile, today: date) -> None:
    """The section: the boxes for the details and the review meetings, each kept as it is left."""
    arrived = BOXES["line_manager"] not in st.session_state  # widgets are forgotten when their page is left
    if arrived or kept().get(DRAWN_FOR) != profile.id:
        kept().update({PROBLEM: None, MEETINGS_PROBLEM: None})
    kept()[DRAWN_FOR] = profile.id
    try:
        saved = details_service.details_of(repo, context.actor_of(profile), profile.id)
    except PlannerError as exc:
        st.warning(f"Your details for your line manager could not be read back: {escape_markdown(str(exc))}")
        saved = None
    st.markdown(
        "What a department's PDP asks beside your objectives: the support you need from your line manager, "
        "the cost and time to approve, when you will review the plan together, and their comments. It goes "
        "in every download of your plan, with lines for you and your manager to sign."
    )
    st.caption("Each box here is saved as you leave it, so what you type is still here after you go to "
               "another page or reload this one.")
    keep: dict[str, Any] = {"on_change": _keep_text, "args": (profile,)}
    value = {name: getattr(saved, name) if saved else "" for name in BOXES}
    labels = pdp_details.TEXT_FIELDS
    st.text_input(labels["line_manager"], value=value["line_manager"], max_chars=MAX_CHARS["line_manager"],
                  key=BOXES["line_manager"], placeholder="For example: Sam Lee", **keep)
    st.text_area(labels["support_needed"], value=value["support_needed"], max_chars=MAX_CHARS["support_needed"],
                 key=BOXES["support_needed"], **keep,
                 placeholder="For example: time to shadow the records officer, and an introduction to the "
                             "departmental records officer.")
    left, right = st.columns(2)
    left.text_input(labels["cost"], value=value["cost"], max_chars=MAX_CHARS["cost"], key=BOXES["cost"],
                    placeholder="For example: £450 course fee", **keep)
    right.text_input(labels["time_needed"], value=value["time_needed"], max_chars=MAX_CHARS["time_needed"],
                     key=BOXES["time_needed"], placeholder="For example: 3 days of study leave", **keep)
    _meetings(profile, saved, today)
    st.text_area(labels["manager_comments"], value=value["manager_comments"],
                 max_chars=MAX_CHARS["manager_comments"], key=BOXES["manager_comments"], **keep,
                 help="What your line manager said about the plan at your review, in their words. Leave it "
                      "empty for them to write on the printed plan.")
    drafts.warn_if_not_kept(PROBLEM)


def _meetings(profile: Profile, saved: PdpDetails | None, today: date) -> None:
    st.subheader("Review meetings")
    kept_meetings = saved.review_meetings if saved else []
    round_number = kept()[ROUND]
    count = len(kept_meetings)
    if not count:
        st.markdown("No review meetings are arranged yet.")
    keep = {"on_change": _keep_meetings, "args": (profile, round_number, count)}
    days = [m.on for m in kept_meetings]
    day_range = (min([today - PAST, *days]), max([today + AHEAD, *days]))
    for number in range(count):
        meeting = kept_meetings[number]
        with st.container(border=True):
            meeting_boxes.draw(f"Review meeting {number + 1}", meeting.on,
                               day_range, meetings.as_typed(meeting), lambda name: name,
                               meeting_key(round_number, number), **keep)
            if st.button("Remove this meeting", key=f"pdp_meeting_remove_{round_number}_{number}"):
                typed = _typed_meetings(round_number, count)
                with context.plain_errors():
                    _save_meetings(profile, typed[:number] + typed[number + 1:])
                    _draw_afresh()
                    st.rerun()
    if kept().get(MEETINGS_PROBLEM):
        # What is wrong is said under the meeting's own boxes; this says what became of the rest.
        st.warning("Your review meetings are not saved until each one above is put right: nothing saved has "
                   "changed. They are saved as you leave a box once every meeting is one.")
    if st.button("Add a review meeting", key=ADD_MEETING,
                 help="Adds a meeting four weeks from today, lasting all day: then choose its day, time and place."):
        with context.plain_errors():
            _save_meetings(profile, [*_typed_meetings(round_number, count), (today + NEW_MEETING_IN, DraftMeeting())])
            _draw_afresh()
            st.rerun()

