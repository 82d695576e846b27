"""Success Profiles behaviours on the pages: those expected at a grade, and a person's STAR examples for them.

An example's boxes are not in a form: each box sends its value as the person leaves it, and that value
is saved at once, so leaving the page or reloading it loses nothing. As on My plan (ui.plan_add), the
router also saves what the boxes showed at the start of every run, in case a click on another page's
link interrupted the run before a box's on_change was called.
"""

from __future__ import annotations

import streamlit as st

from planner.domain import behaviours, wording
from planner.domain.behaviours import EXAMPLE_FIELDS, Expected
from planner.domain.models import MAX_TEXT, BehaviourExample, Profile, utc_now
from planner.errors import PlannerError
from planner.services import behaviour_examples
from ui import context, drafts
from ui.datatable import show_table
from ui.session import kept
from ui.text import escape_markdown

PAGE = "pages/behaviours.py"
# Kept values (ui.session): why what was typed could not be kept; the example waiting for "Yes, delete
# it"; whose examples the boxes were last drawn with.
PROBLEM = "behaviour_problem"
DELETING = "behaviour_deleting"
DRAWN_FOR = "behaviour_drawn_for"
BOX = "behaviour_example"
"""The start of every example box's key: behaviour_example:<example id>:<field>."""

LABELS = {
    "title": "Title, a few words to know it by",
    "situation": "Situation: where and when",
    "task": "Task: what you had to do",
    "action": "Action: what you did, and how",
    "result": "Result: what came of it, and what you learned",
}


def box_key(example_id: str, field: str) -> str:
    """The key of the box that holds one field of one example."""
    return f"{BOX}:{example_id}:{field}"


def _field_of(key: object) -> tuple[str, str] | None:
    parts = str(key).split(":")
    if len(parts) == 3 and parts[0] == BOX and parts[2] in EXAMPLE_FIELDS:
        return parts[1], parts[2]
    return None


def _saved_text(example: BehaviourExample, field: str) -> str:
    return example.title if field == "title" else str(getattr(example.evidence, field))


def expected_at_grade(grade: str, profile: Profile) -> None:
    """'Behaviours expected at <grade>': the nine at that grade's level, what each asks there, and which ones
    the person has written STAR examples for (Career paths' readiness for a step)."""
    st.subheader(f"Behaviours expected at {grade}")
    try:
        expected = behaviours.expected_at(context.the_behaviours(), grade)
    except PlannerError as exc:
        st.info(escape_markdown(str(exc)))
        return
    examples = examples_of_person(profile)
    st.markdown(f"Civil Service recruitment and promotion at {grade} assess the Success Profiles behaviours at "
                f"{expected[0].level_label}. A post assesses some of them, usually four to six.")
    show_table(behaviours.expected_rows(expected, examples))
    st.page_link(PAGE, label="Write STAR examples for these behaviours", icon=":material/edit_note:")


def examples_of_person(profile: Profile) -> list[BehaviourExample]:
    """The person's STAR examples, read as them (on a server, only the signed-in person's own)."""
    return behaviour_examples.examples_of(context.repository(), context.actor_of(profile))


def examples_section(expected: list[Expected], profile: Profile, examples: list[BehaviourExample]) -> None:
    """Each behaviour's STAR examples, to add, change and delete: what is typed is kept as each box is left.

    Args:
        expected: the behaviours at the level of the person's grade.
        profile: whose examples they are.
        examples: their examples as saved.
    """
    kept()[DRAWN_FOR] = profile.id
    drafts.warn_if_not_kept(PROBLEM)
    for e in expected:
        own = behaviours.examples_for(examples, e.behaviour_id)
        with st.expander(e.name, expanded=bool(own)):
            st.markdown(f"**At {e.level_label}:** {e.description}")
            st.caption(f"Your examples: {wording.counted(len(own), 'example')}." if own else "No examples yet.")
            for number, example in enumerate(own, start=1):
                _example_boxes(example, number)
            st.button(f"Add an example for {e.name}", key=f"behaviour_add_{e.behaviour_id}", on_click=_add,
                      args=(e.behaviour_id,))


def _example_boxes(example: BehaviourExample, number: int) -> None:
    with st.container(border=True):
        st.markdown(f"**Example {number}**")
        for field in EXAMPLE_FIELDS:
            widget = st.text_input if field == "title" else st.text_area
            widget(LABELS[field], value=_saved_text(example, field), key=box_key(example.id, field),
                   max_chars=300 if field == "title" else MAX_TEXT, on_change=_keep, args=(example.id,))
        if kept().get(DELETING) == example.id:
            st.warning("Delete this example? What it says cannot be got back.")
            yes, no = st.columns(2)
            yes.button("Yes, delete it", key=f"behaviour_delete_yes_{example.id}", on_click=_delete,
                       args=(example.id,), type="primary")
            no.button("No, keep it", key=f"behaviour_delete_no_{example.id}", on_click=_stop_deleting)
        else:
            st.button("Delete this example", key=f"behaviour_delete_{example.id}", on_click=_ask_to_delete,
                      args=(example.id,))


def _add(behaviour_id: str) -> None:
    actor = context.acting()
    if actor is None:
        return
    try:
        behaviour_examples.add(context.repository(), actor, behaviour_id, utc_now())
    except PlannerError as exc:
        kept()[PROBLEM] = str(exc)
        return
    context.flash(f"Added an example for {behaviours.behaviour_name(behaviour_id)}: write it in the boxes. Each "
                  "box is kept as you leave it.")


def _keep(example_id: str) -> None:
    """Save the example's boxes as they are now (called as the person leaves one)."""
    actor = context.acting()
    if actor is None or actor.profile_id != kept().get(DRAWN_FOR):
        return
    typed = {field: str(st.session_state[box_key(example_id, field)]) for field in EXAMPLE_FIELDS
             if box_key(example_id, field) in st.session_state}
    drafts.keep(PROBLEM, lambda: behaviour_examples.change(context.repository(), actor, example_id, typed,
                                                           utc_now()))


def _ask_to_delete(example_id: str) -> None:
    kept()[DELETING] = example_id


def _stop_deleting() -> None:
    kept()[DELETING] = None


def _delete(example_id: str) -> None:
    kept()[DELETING] = None
    actor = context.acting()
    if actor is None:
        return
    try:
        deleted = behaviour_examples.delete(context.repository(), actor, example_id)
    except PlannerError as exc:
        kept()[PROBLEM] = str(exc)
        return
    for field in EXAMPLE_FIELDS:
        st.session_state.pop(box_key(example_id, field), None)
    context.flash(f"Deleted the example for {behaviours.behaviour_name(deleted.behaviour)}.")


def keep_what_the_boxes_show() -> None:
    """Save what the example boxes hold where it differs from what is saved; app.py calls this on every run.

    A click on another page's link while a run is still going can interrupt it before a box's on_change is
    called; the boxes' values are still in session state at the start of the next run, whichever page it is
    for. They are saved for the person the boxes were drawn for, never for a profile chosen since.
    """
    typed: dict[str, dict[str, str]] = {}
    for key, value in st.session_state.to_dict().items():
        found = _field_of(key)
        if found is not None:
            typed.setdefault(found[0], {})[found[1]] = str(value)
    if not typed:
        return
    actor = context.acting()
    if actor is None or actor.profile_id != kept().get(DRAWN_FOR):
        return
    try:
        saved = {e.id: e for e in behaviour_examples.examples_of(context.repository(), actor)}
    except PlannerError:
        return  # the page says what could not be read
    for example_id, shown in typed.items():
        example = saved.get(example_id)
        if example is None:
            continue  # deleted since
        changes = {field: text for field, text in shown.items() if text.strip() != _saved_text(example, field)}
        if changes:
            drafts.keep(PROBLEM, lambda which=example_id, typed=changes: behaviour_examples.change(
                context.repository(), actor, which, typed, utc_now()))
