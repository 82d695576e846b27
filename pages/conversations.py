"""Conversations: an agenda from what matters, the record of what was said, and agreed actions."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from planner import mentoring
from planner.errors import PlannerError, describe_invalid
from planner.models import AgendaPoint, Conversation, new_id, utc_now
from ui import context
from ui import conversation_records
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
drafts = st.session_state.setdefault("agenda_drafts", {})
if mentee.id not in drafts or st.button("Draft the agenda again", key="conv_redraft"):
    points = mentoring.agenda(fw, self_ratings, mentor_ratings, target, picture.plan_items,
                              picture.assessments, today)
    drafts[mentee.id] = [
        {"Order": n, "Point": p.title, "Detail": p.detail, "Questions": "\n".join(p.questions), "Kind": p.kind}
        for n, p in enumerate(points, start=1)
    ]
# A saved record starts the next one afresh: naming the rows after the round makes the browser
# draw new tables instead of keeping what was typed into the saved one.
rounds = st.session_state["conversation_rounds"]
form_round = f"record-{rounds.get(mentee.id, 0)}"
edited_agenda = st.data_editor(
    pd.DataFrame(drafts[mentee.id], columns=["Order", "Point", "Detail", "Questions", "Kind"]).rename_axis(form_round),
    key=f"conv_agenda_{mentee.id}", hide_index=True, width="stretch", num_rows="dynamic",
    column_config={
        "Order": st.column_config.NumberColumn("Order", min_value=1, step=1, help="Points are taken in this order."),
        "Point": st.column_config.TextColumn("Point", required=True, max_chars=5000),
        "Kind": None,
    },
)
agenda_rows = [
    row for row in sorted(edited_agenda.to_dict("records"), key=lambda r: (r["Order"] if pd.notna(r["Order"]) else 999))
    if isinstance(row.get("Point"), str) and row["Point"].strip()
]

# --- Record ----------------------------------------------------------------------------------
st.header("Record the conversation")
if st.session_state["conversation_emptied"] == mentee.id:
    # Set through session state (not by removing the keys), so the browser empties the boxes too.
    st.session_state["conversation_emptied"] = None
    st.session_state.update({"conv_held_on": today, "conv_participants": f"{mentor.name}, {mentee.name}",
                             "conv_next": None})
    st.session_state.update({f"conv_notes_{n}": "" for n in range(1, len(agenda_rows) + 1)})
held_on = st.date_input("Date of the conversation", value=today, max_value=today, format="DD/MM/YYYY",
                        key="conv_held_on")
participants = st.text_input("Who took part", value=f"{mentor.name}, {mentee.name}", key="conv_participants",
                             max_chars=500, help="Names, separated by commas.")
notes = []
for n, row in enumerate(agenda_rows, start=1):
    notes.append(st.text_area(f"Notes on point {n}: {escape_markdown(row['Point'])}", key=f"conv_notes_{n}",
                              max_chars=5000))
st.markdown("**Agreed actions.** Each becomes an item in your mentee's plan, marked as agreed with you.")
actions_table = st.data_editor(
    pd.DataFrame([{"Objective": "", "Indicators": "", "Owner": mentee.name, "Due": today + timedelta(days=60)}]
                 ).rename_axis(form_round),
    key="conv_actions", hide_index=True, width="stretch", num_rows="dynamic",
    column_config={
        "Objective": st.column_config.TextColumn("Objective", max_chars=5000,
                                                 help="Specific and measurable: what, and how you will know."),
        "Indicators": st.column_config.TextColumn("Indicators", help="Codes separated by commas, like 2.3.4"),
        "Due": st.column_config.DateColumn("Due", format="DD/MM/YYYY"),
    },
)
next_meeting = st.date_input("Next meeting (optional)", value=None, min_value=today - timedelta(days=365),
                             max_value=today + timedelta(days=730), format="DD/MM/YYYY", key="conv_next")
if st.button("Save the record", type="primary", key="conv_save"):
    # The draft keeps one record id until it is saved, so a second click replaces, never adds.
    record_ids = st.session_state["conversation_draft_ids"]
    try:
        conversation = mentoring.check_conversation(Conversation(
            id=record_ids.setdefault(mentee.id, new_id()),
            profile_id=mentor.id, mentee_id=mentee.id, held_on=held_on,
            participants=[p.strip() for p in participants.split(",") if p.strip()],
            agenda=[AgendaPoint(title=row["Point"].strip(), kind=row.get("Kind") or "other",
                                detail=str(row.get("Detail") or ""),
                                questions=[q.strip() for q in str(row.get("Questions") or "").splitlines() if q.strip()],
                                notes=note.strip())
                    for row, note in zip(agenda_rows, notes)],
            actions=conversation_records.actions_from_table(actions_table, []), next_meeting=next_meeting,
        ), fw, today)
    except (PlannerError, ValueError) as exc:
        # Shown as text: it may quote what was typed. A field over its limit is named in words.
        st.error(escape_markdown(f"The record was not saved. {describe_invalid(exc)}"))
    else:
        with context.plain_errors():  # a refusal or a failed write is told plainly; nothing is half-saved
            saved = mentoring.save_conversation(repo, mentor, mentee, conversation, utc_now(), fw=fw)
            # Saved: the next record starts from a fresh form and a fresh agenda.
            record_ids.pop(mentee.id, None)
            drafts.pop(mentee.id, None)
            st.session_state["conversation_emptied"] = mentee.id
            rounds[mentee.id] = rounds.get(mentee.id, 0) + 1
            context.flash(conversation_records.saved_message(saved, mentee))
            st.rerun()

# --- History ---------------------------------------------------------------------------------
st.header("Earlier conversations")
conversation_records.history(repo, fw, mentor, mentee, self_ratings, latest_mine, today)
