"""Where the chosen person stands and the next step, with a link to it (Home and Your profile)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from planner.domain import journey
from planner.domain.models import Profile
from planner.errors import PlannerError
from ui import context, navigation


def page_for(address: str) -> navigation.PageEntry:
    """The page with this address, such as "assess"."""
    return next(entry for entry in navigation.PAGES if entry.url_path == address)


def standing(profile: Profile) -> journey.Standing:
    """Where the person stands, read from what is saved about them."""
    me = context.picture_of(profile)
    if me.target is None:
        raise PlannerError(me.target_problem or "")
    return journey.where_you_stand(context.the_framework(), me.assessments, me.draft, me.plan_items, me.target,
                                   me.target_grade, date.today())


def _draw_next_step(step: journey.NextStep) -> None:
    entry = page_for(step.page)
    st.markdown(f"**Next step:** {step.reason}")
    st.page_link(entry.path, label=step.label, icon=entry.icon)


def show_next_step(profile: Profile) -> None:
    """The person's next step as a sentence and a link to its page."""
    with context.plain_errors():
        _draw_next_step(standing(profile).next_step)


def show_standing(profile: Profile) -> None:
    """Where the person stands in a few sentences, then the next step."""
    with context.plain_errors():
        found = standing(profile)
        for sentence in found.sentences:
            st.markdown(f"- {sentence}")
        _draw_next_step(found.next_step)
