"""The mentee a mentor is working with, chosen once and shared by the mentoring pages."""

from __future__ import annotations

import streamlit as st

from planner import store
from planner.domain import assessment
from planner.domain.mentees import MenteeView
from planner.domain.models import Mentee, MentorRating, Profile, utc_now
from planner.errors import PlannerError
from planner.services import mentoring
from ui import context
from ui.session import kept
from ui.text import escape_markdown


def _remember_choice() -> None:
    kept()["mentee_id"] = st.session_state["mentoring_mentee_choice"]


def choose_mentee(repo: store.Repository, mentor: Profile) -> tuple[Mentee, MenteeView] | None:
    """A selectbox of the mentor's mentees; the choice is kept while moving between pages."""
    mentees = mentoring.my_mentees(repo, context.actor_of(mentor))
    if not mentees:
        return None
    ids = [m.id for m in mentees]
    where = {"local": "this installation", "share": "share file", "consent": "shares with you"}
    names = {m.id: f"{m.name} ({where[m.source]})" for m in mentees}
    chosen = kept().get("mentee_id")
    if chosen not in ids:
        chosen = ids[0]
        kept()["mentee_id"] = chosen
    st.session_state["mentoring_mentee_choice"] = chosen
    st.selectbox("Mentee", ids, format_func=names.get, key="mentoring_mentee_choice", on_change=_remember_choice)
    mentee = next(m for m in mentees if m.id == chosen)
    try:
        return mentee, mentoring.view(repo, context.actor_of(mentor), mentee, utc_now())
    except PlannerError as exc:
        st.error(escape_markdown(str(exc)))
        return None


def latest_self_ratings(picture: MenteeView) -> dict:
    """The mentee's latest self-assessment ratings (empty when they have none)."""
    ratings, _ = assessment.latest_ratings(picture.assessments, None)
    return ratings


def latest_mentor_rating(repo: store.Repository, mentor: Profile, mentee: Mentee) -> MentorRating | None:
    """The mentor's latest ratings of the mentee, or None."""
    return mentoring.latest_rating(repo, context.actor_of(mentor), mentee)


def mentee_target(picture: MenteeView):
    """The mentee's target per skill and its grade, from their profile and this installation's settings."""
    profile = picture.profile
    return assessment.default_target(context.the_framework(), profile.current_grade, profile.target_grade,
                                     context.grade_levels())
