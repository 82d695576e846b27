"""Targets by grade alone: what pages that use roles offer when the roles are written for another framework."""

from __future__ import annotations

import streamlit as st

from planner.domain import progression
from planner.domain.models import Framework, GradeLadder
from planner.errors import PlannerError
from ui import context
from ui.datatable import show_table
from ui.text import escape_markdown


def targets_by_grade(fw: Framework, ladder: GradeLadder) -> None:
    """The level every grade asks in the framework in use and, for the chosen person, how far they are
    from each grade between their own and the one they want."""
    levels = context.grade_levels()
    st.header("Targets by grade")
    st.markdown(f"In {escape_markdown(fw.label)} each grade asks one level in every skill "
                f"(change the levels in Settings). {progression.GUIDE_ONLY}")
    profile = context.current_profile()
    if profile is None:
        show_table([{"Grade": context.grade_label(g.code), "Level in every skill": levels[g.code]}
                    for g in ladder.grades], key="grade_only_levels")
        st.info(f"{context.how_to_get_a_profile()}, to see how far you are from each grade.")
        return
    goal = profile.target_grade or profile.current_grade
    try:
        rows = progression.grade_steps(fw, ladder, levels, context.picture_of(profile).ratings,
                                       profile.current_grade, goal)
    except PlannerError as exc:
        st.error(escape_markdown(str(exc)))
        return
    st.markdown(f"From your grade, {escape_markdown(context.grade_label(profile.current_grade))}, to "
                f"{escape_markdown(context.grade_label(goal))}:")
    show_table(rows, key="grade_only_steps")
    st.page_link("pages/gaps.py", label="See your gaps for your target grade", icon=":material/insights:")
