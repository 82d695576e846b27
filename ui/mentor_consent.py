"""The mentor's side of mentoring by consent on a department's server: asking, answering and ending."""

from __future__ import annotations

import streamlit as st

from planner import store
from planner.domain import wording
from planner.domain.models import Mentee, utc_now
from planner.services import consent, mentoring
from planner.services.acting import Actor
from ui import context
from ui.session import kept
from ui.text import escape_markdown


def requests(repo: store.Repository, me: Actor) -> None:
    """People asking the actor to be their mentor (accept or decline), and the actor's own requests waiting."""
    as_mentor = [m for m in consent.mine(repo, me) if consent.side(me, m) == "mentor"]
    waiting = consent.waiting_for(me, as_mentor)
    if waiting:
        st.header("People asking you to be their mentor")
    for m in waiting:
        who = escape_markdown(m.mentee_name or m.mentee_email)
        shared = " and ".join(part for part, on in (("their latest self-assessment and its gaps", m.shares_assessment),
                                                    ("their plan", m.shares_plan)) if on)
        with st.container(border=True):
            st.markdown(f"**{who}** ({escape_markdown(m.mentee_email)}) asked on "
                        f"{wording.long_date(m.asked_at.date())}. If you accept, you will see {shared}, read only.")
            left, right = st.columns(2)
            if left.button("Accept", key=f"mentor_accept_{m.id}", type="primary"):
                with context.plain_errors():
                    consent.accept(repo, me, m.id, utc_now())
                    kept()["mentee_id"] = m.id
                    context.flash(f"You are now the mentor of {who}.")
                    st.rerun()
            if right.button("Decline", key=f"mentor_decline_{m.id}"):
                with context.plain_errors():
                    consent.decline(repo, me, m.id, utc_now())
                    context.flash(f"Declined. You see nothing of {who}'s.")
                    st.rerun()
    for m in as_mentor:
        if m.status == "asked" and m.asked_by == "mentor":
            with st.container(border=True):
                st.markdown(f"You asked **{escape_markdown(m.mentee_email)}** on "
                            f"{wording.long_date(m.asked_at.date())} to be your mentee. You see nothing "
                            f"of theirs until they accept and choose what to share.")
                if st.button("Withdraw the request", key=f"mentor_withdraw_{m.id}"):
                    with context.plain_errors():
                        consent.decline(repo, me, m.id, utc_now())
                        context.flash("Withdrawn.")
                        st.rerun()


def ask_form(repo: store.Repository, me: Actor) -> None:
    """Ask someone, by the email they sign in with, to be the actor's mentee."""
    st.markdown("Ask by the email address they sign in with. You see nothing of theirs until they accept, "
                "and they choose what you see.")
    with st.form("mentor_ask_form", clear_on_submit=True, border=False):
        email = st.text_input("Their email address", max_chars=320, key="mentor_ask_email")
        if st.form_submit_button("Ask them"):
            with context.plain_errors():
                made = consent.ask_mentee(repo, me, email, utc_now())
                context.flash(f"Asked {escape_markdown(made.mentee_email)}. They will see your request when "
                              f"they sign in, on their Sharing page.")
                st.rerun()


def end_controls(repo: store.Repository, me: Actor, mentee: Mentee) -> None:
    """End a mentorship by consent, keeping or removing the actor's own records about the mentee."""
    name = escape_markdown(mentee.name)
    with st.expander(f"Stop mentoring {name}"):
        st.markdown(f"Ending the mentorship stops you seeing what {name} shares, at once. Your ratings and "
                    "conversation records about them are removed too. Their own data is not touched.")
        if st.button("End the mentorship", key="mentees_end_consent"):
            with context.plain_errors():
                consent.end(repo, me, mentee.id, utc_now())
                mentoring.forget_mentee(repo, me, mentee.id)
                kept()["mentee_id"] = None
                context.flash(f"You are no longer {name}'s mentor.")
                st.rerun()


def what_is_shared(repo: store.Repository, me: Actor, mentee: Mentee) -> tuple[bool, bool]:
    """What this mentee by consent shares: (their latest self-assessment, their plan)."""
    m = consent.active_mentorship(repo, me, mentee)
    return m.shares_assessment, m.shares_plan


def ended(repo: store.Repository, me: Actor) -> None:
    """Mentees who stopped sharing, and the actor's own records about them, to keep or remove."""
    for m in consent.ended_with_records(repo, me):
        who = escape_markdown(m.mentee_name or m.mentee_email)
        when = wording.long_date((m.ended_at or m.asked_at).date())
        with st.container(border=True):
            st.markdown(f"**{who}** and you stopped the mentorship on {when} (ended by "
                        f"{escape_markdown(m.ended_by or 'one of you')}). You no longer see their data. Your own "
                        "ratings and conversation records about them are still kept in your data.")
            if st.button("Remove my records about them", key=f"mentor_forget_{m.id}"):
                with context.plain_errors():
                    mentoring.forget_mentee(repo, me, m.id)
                    context.flash(f"Removed your ratings and conversation records about {who}.")
                    st.rerun()
