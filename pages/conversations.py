"""Conversations: an agenda from what matters, the record of what was said, and agreed actions."""

from datetime import date

import pandas as pd
import streamlit as st

from planner import conversation_drafts, mentoring, wording
from planner.errors import PlannerError, describe_invalid
from planner.export import downloads as download_files
from planner.models import Conversation, PlanItem, utc_now
from ui import context
from ui import conversation_form
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
        actions = conversation.actions
        held_on = conversation.held_on
        items = mentoring.actions_as_plan_items(conversation, mentee.mentee_profile_id, mentor.name, fw,
                                                utc_now(), len(picture.plan_items))
    except (PlannerError, ValueError) as exc:
        # Shown as text: it may quote what was typed. A field over its limit is named in words.
        st.error(escape_markdown(f"The record was not saved. {describe_invalid(exc)}"))
    else:
        with context.plain_errors():
            repo.add(conversation)
            conversation_form.forget(repo, mentor.id, mentee.id)
            if mentee.source == "local":
                # Same installation: the actions and your ratings reach the mentee's plan at once.
                received = [i for i in items if repo.get(PlanItem, mentee.mentee_profile_id, i.id) is None]
                if latest_mine:
                    received.append(mentoring.mentor_assessment(latest_mine, mentee.mentee_profile_id, mentor.name))
                if received:
                    repo.put_many(received)
                where = f"added to {escape_markdown(mentee.name)}'s plan"
            else:
                where = "in the file to send back, below"
            context.flash(f"Saved the record of {wording.long_date(held_on)} with {len(actions)} agreed "
                          f"action{'s' if len(actions) != 1 else ''}, {where}.")
            st.rerun()
conversation_form.discard_button(draft)

# --- History ---------------------------------------------------------------------------------
st.header("Earlier conversations")
history = sorted((c for c in repo.list(Conversation, mentor.id) if c.mentee_id == mentee.id),
                 key=lambda c: (c.held_on, c.created_at), reverse=True)
if not history:
    st.caption("No conversations recorded yet.")
for number, conversation in enumerate(history):
    with st.expander(f"{wording.long_date(conversation.held_on)}: {len(conversation.agenda)} points, "
                     f"{len(conversation.actions)} actions", expanded=number == 0):
        st.text("Took part: " + ", ".join(conversation.participants))
        for point in conversation.agenda:
            st.markdown(f"**{escape_markdown(point.title)}**")
            if point.notes:
                st.text(point.notes)
        if conversation.actions:
            st.dataframe(pd.DataFrame([
                {"Objective": a.objective, "Indicators": ", ".join(a.indicators), "Owner": a.owner,
                 "Due": wording.long_date(a.due)} for a in conversation.actions
            ]), hide_index=True, width="stretch")
        if conversation.next_meeting:
            st.text(f"Next meeting: {wording.long_date(conversation.next_meeting)}")

        files = download_files.RecordDownloads(fw, conversation, mentee.name, mentor.name, self_ratings, mentor_ratings, today)

        def as_return(c=conversation):
            mine = [latest_mine] if latest_mine else []
            return mentoring.return_file(mentor.name, mentee, mine, c, fw, utc_now())

        cols = st.columns(3)
        downloads = [
            ("Record as PDF", files.pdf, "pdf", "application/pdf"),
            ("Record as Word", files.word, "docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("Record as Markdown", files.markdown, "md", "text/markdown"),
            ("File for your mentee (JSON)", as_return, "json", "application/json"),
        ]
        if conversation.next_meeting:
            downloads.append(("Next meeting (.ics)", lambda f=files: f.calendar(utc_now()), "ics", "text/calendar"))
        for n, (label, build, ext, mime) in enumerate(downloads):
            cols[n % 3].download_button(label, data=build, file_name=files.file_name(ext), mime=mime,
                                        key=f"conv_{conversation.id}_{ext}", on_click="ignore")
        st.caption("Your mentee imports the JSON file on their own My plan page: it adds your ratings and the "
                   "agreed actions to their plan, and changes nothing they already have.")
