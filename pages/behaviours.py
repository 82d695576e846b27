"""Behaviour examples: the Success Profiles behaviours expected at a person's target grade, and their STAR
examples for each, kept as they type."""

import streamlit as st

from planner.domain import behaviours
from planner.errors import PlannerError
from ui import behaviour_examples, context
from ui.datatable import show_table
from ui.text import escape_markdown

context.start_page("Behaviour examples")
st.markdown(
    "Civil Service recruitment and promotion assess the nine Success Profiles behaviours, each at the level of "
    "the grade, beside the technical skills of the KIM framework. Keep examples in the STAR form (situation, "
    "task, action, result) for the behaviours, ready for applications, interviews and your development plan."
)
profile = context.require_profile()
grade = profile.target_grade or profile.current_grade
behaviour_set = context.the_behaviours()
try:
    expected = behaviours.expected_at(behaviour_set, grade)
except PlannerError as exc:
    st.warning(escape_markdown(str(exc)) + " Choose a Civil Service grade on Your profile.")
    st.stop()

which = "your target grade" if profile.target_grade else "your grade (you have not chosen a target grade)"
st.header(f"Behaviours expected at {grade}")
st.markdown(f"At {escape_markdown(context.grade_label(grade))}, {which}, each behaviour is assessed at "
            f"{expected[0].level_label}. A post's advert says which of them it assesses, usually four to six.")
examples = behaviour_examples.examples_of_person(profile)
show_table(behaviours.expected_rows(expected, examples))
st.caption(escape_markdown(behaviour_set.source))

st.header("Your examples")
st.caption("Open a behaviour to add an example, or to change or delete one. What you type is kept as you leave "
           "each box, so you can go to another page, or reload this one, and find it here.")
behaviour_examples.examples_section(expected, profile, examples)
