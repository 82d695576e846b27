"""My plan, on a department's server: the actions a mentor proposed, each to accept into the plan or decline."""

from __future__ import annotations

import streamlit as st

from planner import store
from planner.domain import wording
from planner.domain.models import utc_now
from planner.services import consent
from planner.services.acting import Actor
from ui import context
from ui.text import escape_markdown


def show(repo: store.Repository, me: Actor) -> None:
    """Each proposal with what it asks and when it is due, and Accept / Decline."""
    waiting = consent.proposals(repo, me)
    if not waiting:
        return
    st.header("Actions your mentor proposed")
    st.markdown("Agreed in a conversation and sent by your mentor. Nothing is added to your plan until you "
                "accept it; declining changes nothing else.")
    for proposal in waiting:
        item = proposal.item
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(item.objective)}**")
            details = [f"Proposed by {proposal.mentor_name} on {wording.long_date(proposal.proposed_at.date())}"]
            if item.indicators:
                details.append("develops " + ", ".join(item.indicators))
            if item.target_date:
                details.append(f"due {wording.long_date(item.target_date)}")
            st.text("; ".join(details) + ".")
            left, right = st.columns(2)
            for column, accept, label in ((left, True, "Accept into my plan"), (right, False, "Decline")):
                if column.button(label, key=f"proposal_{'accept' if accept else 'decline'}_{proposal.id}",
                                 type="primary" if accept else "secondary"):
                    with context.plain_errors():
                        context.flash(escape_markdown(consent.answer_proposal(repo, me, proposal.id, accept,
                                                                              utc_now())))
                        st.rerun()
