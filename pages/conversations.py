"""Conversations: an agenda from what matters, the record of what was said, and agreed actions."""

from datetime import date

import streamlit as st

from planner.domain import conversation_drafts, mentoring
from planner.domain.models import utc_now
from planner.errors import PlannerError, describe_invalid
from planner.services import conversations
from ui import context, conversation_form, conversation_records
from ui import mentoring as mentoring_ui
from ui.text import escape_markdown

repo = context.repository()
fw = context.the_framework()
today = date.today()

context.start_page("Conversations")
mentor = context.require_profile()
st.markdown("Prepare a development conversation, keep a record of it, and agree actions that go into "
            "your mentee's plan.")
chosen = mentoring_ui.choose_mentee(repo, mentor)
if chosen is None:
    st.info("Add a mentee first.")
    st.page_link("pages/mentees.py", label="Go to Mentees", icon=":material/group:")
    st.stop()
mentee, picture = chosen
self_ratings = mentoring_ui.latest_self_ratings(picture)
latest_mine = mentoring_ui.latest_mentor_rating(repo, mentor, mentee)
mentor_ratings = latest_mine.ratings if latest_mine else {}
target, _ = mentoring_ui.mentee_target(picture)

# --- Agenda ----------------------------------------------------------------------------------
st.header("Agenda")
st.markdown(
    "The agenda is drafted from the differences between their ratings and yours (2 points or more), "
    "their largest gaps, overdue plan items and what changed since their last assessment. Each point "
    "has open questions in the GROW order: goal, reality, options, way forward. Change the order, "
    "edit, add or delete points before you meet."
)


def drafted_agenda():
    return mentoring.agenda(fw, self_ratings, mentor_ratings, target, picture.plan_items, picture.assessments, today)


draft = conversation_form.load(repo, mentor, mentee, drafted_agenda, today)
if st.button("Draft the agenda again", key=conversation_form.widget_key("redraft", mentee.id),
             help="Drafts the points again from the latest ratings and plan; notes written and points you "
                  "added are kept."):
    with context.plain_errors():
        draft = conversation_form.redraft(repo, draft, drafted_agenda())
conversation_form.agenda_table(draft)

# --- Record ----------------------------------------------------------------------------------
st.header("Record the conversation")
conversation_form.record_boxes(draft, mentee, today)
if st.button("Save the record", type="primary", key="conv_save"):
    try:
        if conversation_form.problem():
            raise PlannerError(conversation_form.problem())
        conversation = mentoring.check_conversation(conversation_drafts.as_conversation(draft, utc_now()),
                                                    fw, today)
    except (PlannerError, ValueError) as exc:
        # Shown as text: it may quote what was typed. A field over its limit is named in words.
        st.error(escape_markdown(f"The record was not saved. {describe_invalid(exc)}"))
    else:
        with context.plain_errors():  # a refusal or a failed write is told plainly; nothing is half-saved
            # A second click finds the same record saved and adds nothing (save_conversation says so).
            saved = conversations.save_conversation(repo, context.actor_of(mentor), mentee, conversation, utc_now(),
                                                    fw=fw)
            conversation_form.forget(repo, mentor.id, mentee.id)
            context.flash(conversation_records.saved_message(saved, mentee))
            st.rerun()
conversation_form.discard_button(draft)

# --- History ---------------------------------------------------------------------------------
st.header("Earlier conversations")
conversation_records.history(repo, fw, mentor, mentee, self_ratings, latest_mine, today)
