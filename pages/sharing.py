"""Sharing (on a department's server): the mentors and the line manager who see what you choose, and the teams
you are in."""

import streamlit as st

from planner.domain import wording
from planner.domain.models import utc_now
from planner.services import consent
from ui import context, line_manager, team_sharing
from ui.datatable import show_table
from ui.text import escape_markdown

repo = context.repository()

context.start_page("Sharing")
profile = context.require_profile()
me = context.actor_of(profile)
st.markdown(
    "Nobody sees your assessments or your plan unless you choose to share them here. A mentor sees "
    "only what you tick, read only, until you stop sharing; every time they look is recorded for you "
    "on **Your profile**, under 'Who has seen or changed your data'."
)
WHAT = {"assessment": "My latest self-assessment and its gaps", "plan": "My plan"}
YOURS = {"assessment": "your latest self-assessment and its gaps", "plan": "your plan"}  # the same, said to you


def _shares(prefix: str, assessment: bool = True, plan: bool = True) -> tuple[bool, bool]:
    chose_assessment = st.checkbox(WHAT["assessment"], value=assessment, key=f"{prefix}_assessment")
    chose_plan = st.checkbox(WHAT["plan"], value=plan, key=f"{prefix}_plan")
    return chose_assessment, chose_plan


def _shared_words(assessment: bool, plan: bool) -> str:
    """What a mentor sees, said to the mentee: "your latest self-assessment and its gaps and your plan"."""
    return " and ".join(YOURS[part] for part, shared in (("assessment", assessment), ("plan", plan)) if shared)


mentorships = consent.mine(repo, me)
as_mentee = [m for m in mentorships if consent.side(me, m) == "mentee"]

# --- Requests from mentors ---------------------------------------------------------------------
waiting = [m for m in consent.waiting_for(me, as_mentee)]
if waiting:
    st.header("Mentors asking to mentor you")
    for m in waiting:
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(m.mentor_name or m.mentor_email)}** ({escape_markdown(m.mentor_email)}) "
                        f"asked on {wording.long_date(m.asked_at.date())} to be your mentor. Choose what they may see:")
            chose = _shares(f"answer_{m.id}")
            left, right = st.columns(2)
            if left.button("Accept and share", key=f"accept_{m.id}", type="primary"):
                with context.plain_errors():
                    consent.accept(repo, me, m.id, utc_now(), shares_assessment=chose[0], shares_plan=chose[1])
                    context.flash(f"{escape_markdown(m.mentor_name or m.mentor_email)} is now your mentor.")
                    st.rerun()
            if right.button("Decline", key=f"decline_{m.id}"):
                with context.plain_errors():
                    consent.decline(repo, me, m.id, utc_now())
                    context.flash("Declined. They see nothing of yours.")
                    st.rerun()

# --- Your mentors ------------------------------------------------------------------------------
st.header("Your mentors")
active = [m for m in as_mentee if m.status == "active"]
asked = [m for m in as_mentee if m.status == "asked" and m.asked_by == "mentee"]
if not active and not asked:
    st.caption("You share nothing with a mentor.")
for m in active:
    with st.container(border=True):
        who = escape_markdown(m.mentor_name or m.mentor_email)
        since = wording.long_date((m.answered_at or m.asked_at).date())
        st.markdown(f"**{who}** ({escape_markdown(m.mentor_email)}) has been your mentor since {since}. "
                    f"They see: {_shared_words(m.shares_assessment, m.shares_plan)}.")
        with st.expander("Change what they see"):
            chose = _shares(f"change_{m.id}", m.shares_assessment, m.shares_plan)
            if st.button("Save what they see", key=f"change_{m.id}"):
                with context.plain_errors():
                    consent.change_shares(repo, me, m.id, shares_assessment=chose[0], shares_plan=chose[1])
                    context.flash(f"Saved. From now on {who} sees: {_shared_words(*chose)}.")
                    st.rerun()
        if st.button("Stop sharing with this mentor", key=f"end_{m.id}"):
            with context.plain_errors():
                consent.end(repo, me, m.id, utc_now())
                context.flash(f"You no longer share anything with {who}. They cannot see your data from now on.")
                st.rerun()
for m in asked:
    with st.container(border=True):
        st.markdown(f"You asked **{escape_markdown(m.mentor_email)}** on {wording.long_date(m.asked_at.date())}. "
                    f"Nothing is shared until they accept.")
        if st.button("Withdraw the request", key=f"withdraw_{m.id}"):
            with context.plain_errors():
                consent.decline(repo, me, m.id, utc_now())
                context.flash("Withdrawn. Nothing was shared.")
                st.rerun()

with st.form("ask_mentor", clear_on_submit=True, border=True):
    st.subheader("Ask someone to be your mentor")
    email = st.text_input("Their email address", max_chars=320, key="ask_mentor_email",
                          help="The address they sign in with. They see nothing until they accept.")
    st.markdown("What they may see once they accept:")
    chose = _shares("ask_mentor")
    if st.form_submit_button("Ask them"):
        with context.plain_errors():
            made = consent.ask_mentor(repo, me, email, utc_now(), shares_assessment=chose[0], shares_plan=chose[1])
            context.flash(f"Asked {escape_markdown(made.mentor_email)}. They will see your request when they sign in.")
            st.rerun()

ended = [m for m in as_mentee if m.status in ("ended", "declined")]
if ended:
    with st.expander(f"Past mentors and requests ({len(ended)})"):
        show_table([
            {"Mentor": m.mentor_name or m.mentor_email, "Email": m.mentor_email,
             "What happened": "Ended" if m.status == "ended" else "Declined or withdrawn",
             "When": wording.long_date((m.ended_at or m.answered_at or m.asked_at).date()),
             "By": m.ended_by}
            for m in ended
        ])

# --- Your line manager -------------------------------------------------------------------------
line_manager.show_for_person(repo, me)

# --- Teams -------------------------------------------------------------------------------------
team_sharing.show_for_member(repo, me)
