"""The person's side of line management on a department's server: asking their line manager (Sharing), the
sign-off of their plan (My plan), and the ratings their line manager validated (Gaps and progress).

The manager's side is the Line reports page (pages/reports.py).
"""

from __future__ import annotations

import streamlit as st

from planner import store
from planner.domain import manager_review, wording
from planner.domain.models import Assessment, LineManagement, Profile, utc_now
from planner.services import line_management
from planner.services.acting import Actor
from ui import context, signin
from ui.datatable import show_table
from ui.text import escape_markdown

WHAT_THE_MANAGER_SEES = (
    "Your line manager sees nothing of yours until you accept them. Then they see your latest "
    "self-assessment and your plan, read only, sign off your plan and validate your self-ratings, until "
    "either of you stops it. You have one line manager here at a time. Each time they look, sign off or "
    "validate is recorded for you on **Your profile**, under 'Who has seen or changed your data'."
)


def _manager(m: LineManagement) -> str:
    return escape_markdown(m.manager_name or m.manager_email)


# --- Sharing -------------------------------------------------------------------------------------


def show_for_person(repo: store.Repository, me: Actor) -> None:
    """Your line manager: requests from managers to answer, the one active, the actor's own request, and asking."""
    st.header("Your line manager")
    st.markdown(WHAT_THE_MANAGER_SEES)
    as_person = [m for m in line_management.mine(repo, me) if line_management.side(me, m) == "person"]
    for m in line_management.waiting_for(me, as_person):
        with st.container(border=True):
            st.markdown(f"**{_manager(m)}** ({escape_markdown(m.manager_email)}) asked on "
                        f"{wording.long_date(m.asked_at.date())} to be your line manager.")
            left, right = st.columns(2)
            if left.button("Accept as my line manager", key=f"manager_accept_{m.id}", type="primary"):
                with context.plain_errors():
                    line_management.accept(repo, me, m.id, utc_now())
                    context.flash(f"{_manager(m)} is now your line manager.")
                    st.rerun()
            if right.button("Decline", key=f"manager_decline_{m.id}"):
                with context.plain_errors():
                    line_management.decline(repo, me, m.id, utc_now())
                    context.flash("Declined. They see nothing of yours.")
                    st.rerun()
    active = [m for m in as_person if m.status == "active"]
    asked = [m for m in as_person if m.status == "asked" and m.asked_by == "person"]
    if not active and not asked:
        st.caption("You have no line manager here.")
    for m in active:
        with st.container(border=True):
            since = wording.long_date((m.answered_at or m.asked_at).date())
            st.markdown(f"**{_manager(m)}** ({escape_markdown(m.manager_email)}) has been your line manager since "
                        f"{since}. They see your latest self-assessment and your plan.")
            if st.button("Stop sharing with my line manager", key=f"manager_end_{m.id}"):
                with context.plain_errors():
                    line_management.end(repo, me, m.id, utc_now())
                    context.flash(f"You no longer share anything with {_manager(m)}. They cannot see your data "
                                  "from now on. Their sign-offs and validated ratings stay in your data.")
                    st.rerun()
    for m in asked:
        with st.container(border=True):
            st.markdown(f"You asked **{escape_markdown(m.manager_email)}** on {wording.long_date(m.asked_at.date())} "
                        "to be your line manager. Nothing is shared until they accept.")
            if st.button("Withdraw the request", key=f"manager_withdraw_{m.id}"):
                with context.plain_errors():
                    line_management.decline(repo, me, m.id, utc_now())
                    context.flash("Withdrawn. Nothing was shared.")
                    st.rerun()
    if active or asked:
        st.caption("You have one line manager here at a time: to ask someone else, first stop sharing with "
                   "your line manager or withdraw your request.")
    else:
        with st.form("ask_manager", clear_on_submit=True, border=True):
            st.subheader("Ask your line manager")
            email = st.text_input("Their email address", max_chars=320, key="ask_manager_email",
                                  help="The address they sign in with. They see nothing until they accept.")
            if st.form_submit_button("Ask my line manager"):
                with context.plain_errors():
                    made = line_management.ask_manager(repo, me, email, utc_now())
                    context.flash(f"Asked {escape_markdown(made.manager_email)}. They will see your request on "
                                  "their Line reports page when they sign in.")
                    st.rerun()
    past = [m for m in as_person if m.status in ("ended", "declined")]
    if past:
        with st.expander(f"Past line managers and requests ({len(past)})"):
            show_table([
                {"Line manager": m.manager_name or m.manager_email, "Email": m.manager_email,
                 "What happened": "Ended" if m.status == "ended" else "Declined or withdrawn",
                 "When": wording.long_date((m.ended_at or m.answered_at or m.asked_at).date()), "By": m.ended_by}
                for m in past
            ])


# --- My plan -------------------------------------------------------------------------------------


def show_sign_off(repo: store.Repository, profile: Profile) -> None:
    """On a server: the latest sign-off of the person's plan (who, when, their comment), or that there is none yet."""
    if not signin.on_server():
        return
    me = context.actor_of(profile)
    st.header("Your line manager's sign-off")
    latest = next(iter(line_management.sign_offs_of(repo, me, profile.id)), None)
    if latest is None:
        manager = line_management.current_manager(repo, me)
        st.info("Not signed off yet. " + (
            f"Your line manager, {_manager(manager)}, signs it off on their Line reports page."
            if manager is not None else "Ask your line manager on **Sharing**; they sign it off on Line reports."))
        return
    st.success(escape_markdown(manager_review.sign_off_sentence(latest)))
    if latest.comment:
        st.text(f"Their comment: {latest.comment}")
    if manager_review.changed_since(latest, context.picture_of(profile).plan_items):
        st.caption("Your plan's objectives have changed since it was signed off: ask your line manager to sign it "
                   "off again.")


# --- Gaps and progress ---------------------------------------------------------------------------


def show_validated(repo: store.Repository, profile: Profile, mentors: list[Assessment]) -> None:
    """On a server: the ratings the person's line manager last validated, beside their own and each mentor's."""
    if not signin.on_server():
        return
    st.header("Ratings your line manager validated")
    found = line_management.validation_of(repo, context.actor_of(profile), profile.id)
    if found is None:
        st.info("Your line manager has not validated any of your ratings yet. Once you share with them (on "
                "**Sharing**), they can agree a rating for each of yours on their Line reports page.")
        return
    validated, rated = found.record, found.assessment
    of = f"from your self-assessment of {wording.long_date(rated.taken_on)}" if rated is not None else (
        "from a self-assessment you have since deleted")
    st.text(f"{validated.manager_name} validated {wording.counted(len(validated.ratings), 'rating')} {of}, on "
            f"{wording.moment(validated.validated_at)}.")
    if validated.comment:
        st.text(f"Their comment: {validated.comment}")
    show_table(manager_review.validated_rows(validated, rated, mentors), key="gaps_validated_ratings")
